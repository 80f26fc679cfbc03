//! Calendar and deadlines (lịch, thời hạn): working clocks, due dates, the lunar calendar.
use super::{bad, dict, guard, opt_utf8, raise, utf8, CoreError, OrRaise};
use motcua_core::calendar::deadline::{parse_clock, parse_time, to_minute, Minute};
use motcua_core::calendar::{lunar_to_solar, solar_to_lunar, ClockConfig, DueRequest, LunarDate, Unit, WorkClock};
use motcua_core::config::parse_date;
use motcua_core::ErrorCode;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyDict, PyString};
use serde_json::Value;
use std::borrow::Cow;

fn cutoff_arg(py: Python<'_>, cutoff: &Option<Bound<'_, PyString>>) -> PyResult<Option<u16>> {
    opt_utf8(py, cutoff, "cutoff")?
        .map(|c| parse_clock("cutoff", &c))
        .transpose()
        .or_raise(py)
}

/// Little-endian 8-byte words of a bytes argument.
fn words<'a>(data: &'a [u8], field: &'static str) -> Result<impl ExactSizeIterator<Item = [u8; 8]> + 'a, CoreError> {
    let chunks = data.chunks_exact(8);
    if !chunks.remainder().is_empty() {
        return Err(bad(
            field,
            format!("{} bytes is not a whole number of 8-byte values", data.len()),
        ));
    }
    Ok(chunks.map(|c| <[u8; 8]>::try_from(c).unwrap_or_default()))
}

/// `(working, [(reason as the core JSON object, reason text), ...])`.
type DayRow<'py> = (bool, Vec<(Bound<'py, PyDict>, String)>);

/// A working clock (đồng hồ làm việc): calendar and office hours, built once from the JSON
/// `ClockConfig`. Use `motcua.WorkClock`, which converts datetimes and arrays.
#[pyclass(frozen, module = "motcua._native", name = "WorkClock")]
pub(crate) struct PyWorkClock {
    clock: WorkClock,
}

#[pymethods]
impl PyWorkClock {
    /// Builds the clock from the JSON clock settings (`ClockConfig`; "" = defaults).
    #[new]
    fn new(py: Python<'_>, config: Cow<'_, str>) -> PyResult<Self> {
        guard(py, "WorkClock", || {
            let config = ClockConfig::from_json(&config).or_raise(py)?;
            let clock = py.detach(|| config.clock()).or_raise(py)?;
            Ok(Self { clock })
        })
    }

    /// The office hours, e.g. `07:00-11:30,13:30-17:00`.
    #[getter]
    fn office_hours(&self) -> String {
        self.clock.hours().to_string()
    }

    /// Due date (ngày hẹn trả) as a `Minute`: the core `DueRequest` with no clock stop.
    #[pyo3(signature = (received, amount, unit, cutoff))]
    fn due(
        &self,
        py: Python<'_>,
        received: Bound<'_, PyString>,
        amount: i64,
        unit: Cow<'_, str>,
        cutoff: Option<Bound<'_, PyString>>,
    ) -> PyResult<Minute> {
        guard(py, "due", || {
            let received = utf8(py, &received, "received")?;
            let cutoff = opt_utf8(py, &cutoff, "cutoff")?;
            let req = DueRequest::simple(&received, amount, &unit, cutoff.as_deref());
            let due = self.clock.evaluate(&req).or_raise(py)?.schedule.due;
            due.map(to_minute)
                .ok_or_else(|| CoreError::new(ErrorCode::Internal, "due", "no due date without a clock stop"))
                .or_raise(py)
        })
    }

    /// When the processing time starts counting (ngày bắt đầu tính), as a `Minute`.
    #[pyo3(signature = (received, cutoff))]
    fn start(
        &self,
        py: Python<'_>,
        received: Bound<'_, PyString>,
        cutoff: Option<Bound<'_, PyString>>,
    ) -> PyResult<Minute> {
        guard(py, "start", || {
            let received = parse_time("received", &utf8(py, &received, "received")?).or_raise(py)?;
            let cutoff = cutoff_arg(py, &cutoff)?;
            Ok(to_minute(self.clock.start(received, cutoff).or_raise(py)?))
        })
    }

    /// Working minutes from `start` to `end` (negative when `end` is earlier).
    fn working_minutes(&self, py: Python<'_>, start: Bound<'_, PyString>, end: Bound<'_, PyString>) -> PyResult<i64> {
        guard(py, "working_minutes", || {
            let from = parse_time("from", &utf8(py, &start, "from")?).or_raise(py)?;
            let to = parse_time("to", &utf8(py, &end, "to")?).or_raise(py)?;
            self.clock.working_minutes(from, to).or_raise(py)
        })
    }

    /// Due dates of many receptions, with the GIL released: `received` and the result are
    /// little-endian `i64` `Minute`s, `amounts` little-endian `i64` (one for all, or one each).
    #[pyo3(signature = (received, amounts, unit, cutoff, threads))]
    fn due_many<'py>(
        &self,
        py: Python<'py>,
        received: &[u8],
        amounts: &[u8],
        unit: Cow<'_, str>,
        cutoff: Option<Bound<'py, PyString>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyByteArray>> {
        guard(py, "due_many", || {
            let unit = Unit::from_name(&unit).or_raise(py)?;
            let cutoff = cutoff_arg(py, &cutoff)?;
            let clock = &self.clock;
            let out = py
                .detach(|| -> Result<Vec<Minute>, CoreError> {
                    let received: Vec<Minute> = words(received, "received")?.map(i64::from_le_bytes).collect();
                    let amounts = words(amounts, "amounts")?;
                    let one = amounts.len() == 1;
                    let amounts = amounts
                        .enumerate()
                        .map(|(i, a)| {
                            let a = i64::from_le_bytes(a);
                            u32::try_from(a).map_err(|_| {
                                CoreError::new(
                                    ErrorCode::DeadlinePeriod,
                                    if one {
                                        "amount".to_string()
                                    } else {
                                        format!("amount[{i}]")
                                    },
                                    format!("{a} is not a whole number 0-{}", u32::MAX),
                                )
                            })
                        })
                        .collect::<Result<Vec<u32>, _>>()?;
                    let mut out = vec![0; received.len()];
                    clock.due_many(&received, &amounts, unit, cutoff, &mut out, threads)?;
                    Ok(out)
                })
                .or_raise(py)?;
            PyByteArray::new_with(py, out.len() * 8, |buf| {
                for (b, m) in buf.chunks_exact_mut(8).zip(&out) {
                    b.copy_from_slice(&m.to_le_bytes());
                }
                Ok(())
            })
        })
    }

    /// Answers a JSON `DueRequest` (clock stops, policies, QĐ 766 classification) with the JSON
    /// `DueReport`.
    fn evaluate_json(&self, py: Python<'_>, request: Bound<'_, PyString>) -> PyResult<String> {
        guard(py, "evaluate_json", || {
            self.clock.evaluate_json(&utf8(py, &request, "request")?).or_raise(py)
        })
    }

    /// Is `date` (`YYYY-MM-DD`) a working day (ngày làm việc)?
    fn is_working_day(&self, py: Python<'_>, date: Cow<'_, str>) -> PyResult<bool> {
        guard(py, "is_working_day", || {
            let date = parse_date("date", &date).or_raise(py)?;
            self.clock.calendar().is_working_day(date).or_raise(py)
        })
    }

    /// `(working, [(reason as the core JSON object, reason text), ...])` of `date` (`YYYY-MM-DD`).
    fn day<'py>(&self, py: Python<'py>, date: Cow<'_, str>) -> PyResult<DayRow<'py>> {
        guard(py, "day", || {
            let date = parse_date("date", &date).or_raise(py)?;
            let info = self.clock.calendar().day(date).or_raise(py)?;
            let reasons = info
                .reasons
                .iter()
                .map(|r| {
                    let v = serde_json::to_value(r)
                        .map_err(|e| CoreError::new(ErrorCode::Internal, "reasons", e.to_string()))
                        .or_raise(py)?;
                    let Value::Object(m) = v else {
                        return Err(raise(
                            py,
                            CoreError::new(ErrorCode::Internal, "reasons", "not an object"),
                        ));
                    };
                    Ok((dict(py, &m)?, r.to_string()))
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok((info.working, reasons))
        })
    }

    /// The holidays (ngày nghỉ lễ) of `year`: `[(YYYY-MM-DD, name, kind), ...]` in date order.
    fn holidays(&self, py: Python<'_>, year: i32) -> PyResult<Vec<(String, String, &'static str)>> {
        guard(py, "holidays", || {
            Ok(self
                .clock
                .calendar()
                .holidays(year)
                .or_raise(py)?
                .into_iter()
                .map(|h| (h.date.format("%Y-%m-%d").to_string(), h.name, h.kind.name()))
                .collect())
        })
    }

    fn __repr__(&self) -> String {
        format!("WorkClock(office_hours={:?})", self.clock.hours().to_string())
    }
}

/// Units of a processing time (`working-days`, `working-hours`, `calendar-days`).
#[pyfunction]
pub(crate) fn units(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "units", || Ok(Unit::ALL.iter().map(|u| u.name()).collect()))
}

/// Parses a local time (core `parse_time`) into a `Minute`; errors name `field`.
#[pyfunction]
pub(crate) fn parse_minute(py: Python<'_>, text: Bound<'_, PyString>, field: Cow<'_, str>) -> PyResult<Minute> {
    guard(py, "parse_minute", || {
        Ok(to_minute(parse_time(&field, &utf8(py, &text, "time")?).or_raise(py)?))
    })
}

/// The lunar date (âm lịch) of a solar `YYYY-MM-DD`: `(year, month, day, leap)`.
#[pyfunction]
pub(crate) fn lunar(py: Python<'_>, date: Cow<'_, str>) -> PyResult<(i32, u8, u8, bool)> {
    guard(py, "lunar", || {
        let l = solar_to_lunar(parse_date("date", &date).or_raise(py)?).or_raise(py)?;
        Ok((l.year, l.month, l.day, l.leap))
    })
}

/// The solar date (dương lịch) `YYYY-MM-DD` of a lunar date.
#[pyfunction]
pub(crate) fn solar(py: Python<'_>, year: i32, month: i64, day: i64, leap: bool) -> PyResult<String> {
    guard(py, "solar", || {
        let small = |v: i64, what: &str| {
            u8::try_from(v)
                .map_err(|_| bad("lunar_date", format!("{what} {v} is not a lunar {what}")))
                .or_raise(py)
        };
        let lunar = LunarDate {
            year,
            month: small(month, "month")?,
            day: small(day, "day")?,
            leap,
        };
        Ok(lunar_to_solar(lunar).or_raise(py)?.format("%Y-%m-%d").to_string())
    })
}
