//! Python binding of motcua (module `motcua._native`): conversion glue only, every rule lives in
//! `motcua-core`. The typed facade is the package `motcua` (`python/motcua/__init__.py`).
//!
//! Conventions:
//! - every function body runs under [`guard`]: a panic becomes `motcua.InternalError` (9001), never
//!   pyo3's `PanicException`;
//! - core errors become `motcua.Error` subclasses by code range, with `.code`, `.name`, `.field` and
//!   `.message`;
//! - batch work (`check_many`, `validate_input`, `WorkClock.due_many`, `qr_parse_many`, reconciliation
//!   and status parity) runs with the GIL released
//!   (`Python::detach`);
//! - times cross as text for core to parse (`YYYY-MM-DDTHH:MM`, `yyyyMMddHHmmss`) or as
//!   `motcua_core::calendar::deadline::Minute`s (minutes since 1970-01-01T00:00 local time, the
//!   value of a numpy `datetime64[m]`); batches of them as little-endian `i64` bytes.
use motcua_core::calendar::deadline::{parse_clock, parse_time, to_minute, Minute};
use motcua_core::calendar::{lunar_to_solar, solar_to_lunar, ClockConfig, DueRequest, LunarDate, Unit, WorkClock};
use motcua_core::catalog;
use motcua_core::check::{CheckResult, IdKind};
use motcua_core::config::{parse_date, Config};
use motcua_core::parity::{self, ParityClass};
use motcua_core::payment::receipt::{self, ReceiptRules};
use motcua_core::payment::vietqr::{self, Mode};
use motcua_core::payment::{qr_image, request as pay};
use motcua_core::recon::{request as recon, Class as ReconClass};
use motcua_core::status::{self, ExportFormat, ResumePolicy, TransitionInput};
use motcua_core::sync::{self, SyncIssue};
use motcua_core::{ErrorCode, Vnd};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use pyo3::{create_exception, IntoPyObjectExt};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

type CoreError = motcua_core::Error;

create_exception!(
    motcua._native,
    Error,
    PyValueError,
    "Base of every motcua error (lỗi), with `.code` and `.field`."
);
create_exception!(
    motcua._native,
    IdentifierError,
    Error,
    "An identifier (mã định danh) is invalid: 1000-1999."
);
create_exception!(
    motcua._native,
    MoneyError,
    Error,
    "A money amount (tiền đồng) is invalid: 2000-2099."
);
create_exception!(
    motcua._native,
    TransitionError,
    Error,
    "A transition (chuyển trạng thái) broke a rule: 3000-3099."
);
create_exception!(
    motcua._native,
    DeadlineError,
    Error,
    "A time, office hours, clock stop or processing time (thời hạn) is invalid: 5000-5099."
);
create_exception!(
    motcua._native,
    PaymentError,
    Error,
    "A payment (thanh toán) is invalid: VietQR, payment-platform message or e-receipt, 6000-6299."
);
create_exception!(
    motcua._native,
    ReconError,
    Error,
    "Reconciliation (đối soát) input is invalid: 7000-7099, and 9004 for its rules or files."
);
create_exception!(
    motcua._native,
    ParityError,
    Error,
    "Status-parity (đối chiếu trạng thái) input is invalid: 7100-7199, and 9004 for its format or files."
);
create_exception!(
    motcua._native,
    CatalogError,
    Error,
    "A procedure catalogue (danh mục thủ tục) cannot be loaded or searched: 7200-7299."
);
create_exception!(
    motcua._native,
    ConfigError,
    Error,
    "An argument or the JSON config is invalid: 9004."
);
create_exception!(
    motcua._native,
    InternalError,
    Error,
    "A bug in motcua (9001 panic, 9005 internal)."
);

/// Which family of functions raises: 9004 (a bad argument) is the family's own exception for
/// reconciliation and status parity, `ConfigError` elsewhere.
#[derive(Clone, Copy)]
enum Family {
    General,
    Recon,
    Parity,
}

/// Turns a core error into the exception of its code range, with `.code`, `.name`, `.field` and
/// `.message` (the text of the exception: `field: detail`) set.
fn raise(py: Python<'_>, e: impl Into<CoreError>) -> PyErr {
    raise_in(py, e, Family::General)
}

fn raise_in(py: Python<'_>, e: impl Into<CoreError>, family: Family) -> PyErr {
    let e = e.into();
    let code = e.code.code();
    let msg = e.to_string();
    let err = match (code, family) {
        (1000..=1999, _) => IdentifierError::new_err(msg.clone()),
        (2000..=2099, _) => MoneyError::new_err(msg.clone()),
        (3000..=3099, _) => TransitionError::new_err(msg.clone()),
        (5000..=5099, _) => DeadlineError::new_err(msg.clone()),
        (6000..=6299, _) => PaymentError::new_err(msg.clone()),
        (7000..=7099, _) | (9004, Family::Recon) => ReconError::new_err(msg.clone()),
        (7100..=7199, _) | (9004, Family::Parity) => ParityError::new_err(msg.clone()),
        (7200..=7299, _) => CatalogError::new_err(msg.clone()),
        (9004, Family::General) => ConfigError::new_err(msg.clone()),
        (9001 | 9005, _) => InternalError::new_err(msg.clone()),
        _ => Error::new_err(msg.clone()),
    };
    let value = err.value(py);
    // Setting an attribute on a fresh exception instance cannot fail in practice; if it ever
    // did, the exception still carries its message and class.
    let _ = value.setattr("code", code);
    let _ = value.setattr("name", e.code.name());
    let _ = value.setattr("field", &*e.field);
    let _ = value.setattr("message", msg);
    err
}

trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
    fn or_raise_in(self, py: Python<'_>, family: Family) -> PyResult<T>;
}

impl<T, E: Into<CoreError>> OrRaise<T> for Result<T, E> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| raise(py, e))
    }

    fn or_raise_in(self, py: Python<'_>, family: Family) -> PyResult<T> {
        self.map_err(|e| raise_in(py, e, family))
    }
}

/// Runs a function body, turning a panic into `InternalError` (code 9001).
fn guard<T>(py: Python<'_>, name: &'static str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(raise(
            py,
            CoreError::new(
                ErrorCode::Panic,
                name,
                "a panic was caught at the binding boundary (a bug in motcua: please report it)",
            ),
        ))
    })
}

fn bad(field: &'static str, detail: impl Into<String>) -> CoreError {
    CoreError::new(ErrorCode::InvalidArgument, field, detail)
}

/// A `str` argument as UTF-8: a lone surrogate is `Error` 9003, not a `UnicodeEncodeError`.
fn utf8<'a>(py: Python<'_>, s: &'a Bound<'_, PyString>, field: &'static str) -> PyResult<Cow<'a, str>> {
    s.to_cow()
        .map_err(|_| raise(py, CoreError::new(ErrorCode::InvalidUtf8, field, "")))
}

fn opt_utf8<'a>(
    py: Python<'_>,
    s: &'a Option<Bound<'_, PyString>>,
    field: &'static str,
) -> PyResult<Option<Cow<'a, str>>> {
    s.as_ref().map(|s| utf8(py, s, field)).transpose()
}

/// serde_json value → Python object (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Value::Null => Ok(py.None().into_bound(py)),
        Value::Bool(b) => b.into_bound_py_any(py),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_bound_py_any(py),
            (None, Some(u)) => u.into_bound_py_any(py),
            _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py),
        },
        Value::String(s) => s.into_bound_py_any(py),
        Value::Array(a) => {
            PyList::new(py, a.iter().map(|x| to_py(py, x)).collect::<PyResult<Vec<_>>>()?).map(Bound::into_any)
        }
        Value::Object(m) => dict(py, m).map(Bound::into_any),
    }
}

fn dict<'py>(py: Python<'py>, m: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in m {
        d.set_item(k, to_py(py, v)?)?;
    }
    Ok(d)
}

/// `(valid, canonical, (code, message) | None, parsed)`.
type CheckRow<'py> = (bool, Option<String>, Option<(u32, String)>, Bound<'py, PyDict>);

fn check_row(py: Python<'_>, r: CheckResult) -> PyResult<CheckRow<'_>> {
    Ok((
        r.valid,
        r.canonical,
        r.error.map(|e| (e.code, e.message)),
        dict(py, &r.parsed)?,
    ))
}

/// One problem in a sync payload (vấn đề): stable code (4000-4999), JSON path, message.
#[pyclass(frozen, eq, module = "motcua", get_all)]
#[derive(PartialEq)]
struct Issue {
    code: u32,
    path: String,
    message: String,
}

#[pymethods]
impl Issue {
    #[new]
    fn new(code: u32, path: String, message: String) -> Self {
        Self { code, path, message }
    }

    fn __repr__(&self) -> String {
        format!(
            "Issue(code={}, path={:?}, message={:?})",
            self.code, self.path, self.message
        )
    }
}

impl From<SyncIssue> for Issue {
    fn from(i: SyncIssue) -> Self {
        Self {
            code: i.code.code(),
            path: i.path,
            message: i.message,
        }
    }
}

/// The issues of one input record (1-based `line`); `valid` when there are none.
#[pyclass(frozen, module = "motcua")]
struct RecordReport {
    #[pyo3(get)]
    line: usize,
    issues: Py<PyTuple>,
}

#[pymethods]
impl RecordReport {
    #[new]
    fn new(py: Python<'_>, line: usize, issues: Vec<Py<Issue>>) -> PyResult<Self> {
        Ok(Self {
            line,
            issues: PyTuple::new(py, issues)?.unbind(),
        })
    }

    /// The issues, in the order found (a tuple: reports are immutable).
    #[getter]
    fn issues(&self, py: Python<'_>) -> Py<PyTuple> {
        self.issues.clone_ref(py)
    }

    /// True when the record has no issue.
    #[getter]
    fn valid(&self, py: Python<'_>) -> bool {
        self.issues.bind(py).is_empty()
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<RecordReport>() else {
            return Ok(false);
        };
        let other = other.get();
        Ok(self.line == other.line && self.issues.bind(py).eq(other.issues.bind(py))?)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "RecordReport(line={}, issues={})",
            self.line,
            self.issues.bind(py).repr()?
        ))
    }
}

fn issue_list(py: Python<'_>, issues: Vec<SyncIssue>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(
        py,
        issues
            .into_iter()
            .map(|i| Issue::from(i).into_pyobject(py))
            .collect::<PyResult<Vec<_>>>()?,
    )
}

/// Checks one identifier (kiểm tra mã) of `kind` under the JSON `config`.
#[pyfunction]
fn check<'py>(
    py: Python<'py>,
    kind: Cow<'_, str>,
    value: Bound<'py, PyString>,
    config: Cow<'_, str>,
) -> PyResult<CheckRow<'py>> {
    guard(py, "check", || {
        let kind = IdKind::from_name(&kind).or_raise(py)?;
        let rules = Config::from_json(&config).and_then(|c| c.id_rules()).or_raise(py)?;
        let value = utf8(py, &value, "value")?;
        check_row(py, motcua_core::check::check(kind, &value, &rules))
    })
}

/// Checks many identifiers of one kind, with the GIL released.
#[pyfunction]
fn check_many<'py>(
    py: Python<'py>,
    kind: Cow<'_, str>,
    values: Vec<Bound<'py, PyString>>,
    config: Cow<'_, str>,
) -> PyResult<Vec<CheckRow<'py>>> {
    guard(py, "check_many", || {
        let kind = IdKind::from_name(&kind).or_raise(py)?;
        let rules = Config::from_json(&config).and_then(|c| c.id_rules()).or_raise(py)?;
        let texts = values
            .iter()
            .map(|v| utf8(py, v, "values"))
            .collect::<PyResult<Vec<_>>>()?;
        let results = py.detach(|| motcua_core::check::check_many(kind, texts.iter().map(|s| &**s), &rules));
        results.into_iter().map(|r| check_row(py, r)).collect()
    })
}

/// Parses a DVCQG amount string into đồng (`"50000"` → 50000).
#[pyfunction]
fn parse_vnd(py: Python<'_>, text: Bound<'_, PyString>, non_negative: bool) -> PyResult<i64> {
    guard(py, "parse_vnd", || {
        let text = utf8(py, &text, "amount")?;
        let v = if non_negative {
            Vnd::parse_non_negative("amount", &text)
        } else {
            Vnd::parse("amount", &text)
        };
        Ok(v.or_raise(py)?.0)
    })
}

/// Applies a transition (chuyển trạng thái): `(state key, wire code, paused_from key)`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (machine, from_state, to, paused_from, reason, admin, policy))]
fn transition<'py>(
    py: Python<'py>,
    machine: Cow<'_, str>,
    from_state: Bound<'py, PyString>,
    to: Bound<'py, PyString>,
    paused_from: Option<Bound<'py, PyString>>,
    reason: Option<Bound<'py, PyString>>,
    admin: bool,
    policy: Cow<'_, str>,
) -> PyResult<(&'static str, Option<u8>, Option<&'static str>)> {
    guard(py, "transition", || {
        let m = status::machine_named(&machine).or_raise(py)?;
        let policy = ResumePolicy::from_name(&policy)
            .ok_or_else(|| bad("policy", "must be resume or restart"))
            .or_raise(py)?;
        let (from_state, to) = (utf8(py, &from_state, "from")?, utf8(py, &to, "to")?);
        let paused_from = opt_utf8(py, &paused_from, "paused_from")?;
        let reason = opt_utf8(py, &reason, "reason")?;
        let input = TransitionInput {
            reason: reason.as_deref(),
            admin,
            policy,
        };
        let p = m
            .transition_by_name(&from_state, paused_from.as_deref(), &to, &input)
            .or_raise(py)?;
        let s = &m.states[p.state];
        Ok((s.key, s.code, p.paused_from.map(|i| m.states[i].key)))
    })
}

/// The state table (bảng trạng thái) of a machine as `json`, `mermaid` or `dot`.
#[pyfunction]
fn states(py: Python<'_>, machine: Cow<'_, str>, format: Cow<'_, str>) -> PyResult<String> {
    guard(py, "states", || {
        let m = status::machine_named(&machine).or_raise(py)?;
        Ok(m.export(ExportFormat::from_name(&format).or_raise(py)?))
    })
}

/// Validates one DVCQG sync document (đồng bộ hồ sơ): the list of `Issue`s.
#[pyfunction]
fn validate_document<'py>(py: Python<'py>, document: &[u8], config: Cow<'_, str>) -> PyResult<Bound<'py, PyList>> {
    guard(py, "validate_document", || {
        let rules = Config::from_json(&config).and_then(|c| c.sync_rules()).or_raise(py)?;
        let issues = py.detach(|| sync::validate_document(document, &rules));
        issue_list(py, issues)
    })
}

/// Validates one document or JSON Lines with the GIL released, on up to `threads` threads:
/// one `RecordReport` per record, in input order.
#[pyfunction]
fn validate_input<'py>(
    py: Python<'py>,
    data: &[u8],
    config: Cow<'_, str>,
    threads: usize,
) -> PyResult<Bound<'py, PyList>> {
    guard(py, "validate_input", || {
        let rules = Config::from_json(&config).and_then(|c| c.sync_rules()).or_raise(py)?;
        let reports = py.detach(|| sync::validate_input_threads(data, &rules, threads));
        let objects = reports
            .into_iter()
            .map(|r| {
                let issues = PyTuple::new(
                    py,
                    r.issues
                        .into_iter()
                        .map(|i| Issue::from(i).into_pyobject(py))
                        .collect::<PyResult<Vec<_>>>()?,
                )?;
                Bound::new(
                    py,
                    RecordReport {
                        line: r.line,
                        issues: issues.unbind(),
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, objects)
    })
}

// --- calendar and deadlines (lịch, thời hạn) ------------------------------------------------------

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
struct PyWorkClock {
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
fn units(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "units", || Ok(Unit::ALL.iter().map(|u| u.name()).collect()))
}

/// Parses a local time (core `parse_time`) into a `Minute`; errors name `field`.
#[pyfunction]
fn parse_minute(py: Python<'_>, text: Bound<'_, PyString>, field: Cow<'_, str>) -> PyResult<Minute> {
    guard(py, "parse_minute", || {
        Ok(to_minute(parse_time(&field, &utf8(py, &text, "time")?).or_raise(py)?))
    })
}

/// The lunar date (âm lịch) of a solar `YYYY-MM-DD`: `(year, month, day, leap)`.
#[pyfunction]
fn lunar(py: Python<'_>, date: Cow<'_, str>) -> PyResult<(i32, u8, u8, bool)> {
    guard(py, "lunar", || {
        let l = solar_to_lunar(parse_date("date", &date).or_raise(py)?).or_raise(py)?;
        Ok((l.year, l.month, l.day, l.leap))
    })
}

/// The solar date (dương lịch) `YYYY-MM-DD` of a lunar date.
#[pyfunction]
fn solar(py: Python<'_>, year: i32, month: i64, day: i64, leap: bool) -> PyResult<String> {
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

/// Every stable error code (mã lỗi): `[(name, code, description), ...]` in numeric order.
#[pyfunction]
fn error_codes(py: Python<'_>) -> PyResult<Vec<(&'static str, u32, &'static str)>> {
    guard(py, "error_codes", || {
        Ok(ErrorCode::ALL
            .iter()
            .map(|c| (c.name(), c.code(), c.description()))
            .collect())
    })
}

/// The states of a machine: `[(key, wire code | None, label_vi), ...]` in table order.
#[pyfunction]
fn machine_states(py: Python<'_>, machine: Cow<'_, str>) -> PyResult<Vec<(&'static str, Option<u8>, &'static str)>> {
    guard(py, "machine_states", || {
        let m = status::machine_named(&machine).or_raise(py)?;
        Ok(m.states.iter().map(|s| (s.key, s.code, s.label_vi)).collect())
    })
}

/// Machine names.
#[pyfunction]
fn machines(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "machines", || Ok(status::MACHINES.iter().map(|m| m.name).collect()))
}

/// Identifier kind names accepted by `check`.
#[pyfunction]
fn kinds(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "kinds", || Ok(IdKind::ALL.iter().map(|k| k.name()).collect()))
}

// --- payments (thanh toán) ------------------------------------------------------------------------

/// A QR payload as text for core: a lone surrogate becomes U+FFFD (the payload is then reported
/// invalid by core, as any other bad payload: parsing never raises).
fn payload_text<'a>(s: &'a Bound<'_, PyString>) -> Cow<'a, str> {
    s.to_string_lossy()
}

fn qr_mode(strict: bool) -> Mode {
    if strict {
        Mode::Strict
    } else {
        Mode::Lenient
    }
}

/// A serialisable core report as a Python dict (the shape of the core JSON face).
fn report_dict<'py>(
    py: Python<'py>,
    report: &impl serde::Serialize,
    field: &'static str,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(report)
        .map_err(|e| CoreError::new(ErrorCode::Internal, field, e.to_string()))
        .or_raise(py)?;
    to_py(py, &v)
}

fn module_size(module: i64) -> Result<u32, CoreError> {
    u32::try_from(module).map_err(|_| bad("module", format!("{module} is not a module size 1-64")))
}

/// A core `QrReport` as a flat tuple, in the field order of the report (and of `motcua.QrReport`):
/// `(valid, crc_ok, bin, bank, account, service, amount, purpose, point_of_initiation, mcc,
/// merchant_name, merchant_city, bill_number, store_label, reference_label, terminal_label,
/// [(code, field, message), ...], (code, name, field, message) | None)`. Enum values are their
/// JSON names, so the tuple carries what `qr_parse_json` would.
fn qr_row<'py>(py: Python<'py>, r: vietqr::QrReport) -> PyResult<Bound<'py, PyTuple>> {
    let service = r.service.map(|s| s.code());
    let initiation = r.point_of_initiation.map(|i| i.name());
    let warnings = r
        .warnings
        .into_iter()
        .map(|w| (w.code, w.field, w.message).into_pyobject(py))
        .collect::<PyResult<Vec<_>>>()?;
    let error = r
        .error
        .map(|e| (e.code.code(), e.code.name(), e.field.to_string(), e.to_string()));
    let items: [Bound<'py, PyAny>; 18] = [
        r.valid.into_bound_py_any(py)?,
        r.crc_ok.into_bound_py_any(py)?,
        r.bin.into_bound_py_any(py)?,
        r.bank.into_bound_py_any(py)?,
        r.account.into_bound_py_any(py)?,
        service.into_bound_py_any(py)?,
        r.amount.into_bound_py_any(py)?,
        r.purpose.into_bound_py_any(py)?,
        initiation.into_bound_py_any(py)?,
        r.mcc.into_bound_py_any(py)?,
        r.merchant_name.into_bound_py_any(py)?,
        r.merchant_city.into_bound_py_any(py)?,
        r.bill_number.into_bound_py_any(py)?,
        r.store_label.into_bound_py_any(py)?,
        r.reference_label.into_bound_py_any(py)?,
        r.terminal_label.into_bound_py_any(py)?,
        PyList::new(py, warnings)?.into_any(),
        error.into_bound_py_any(py)?,
    ];
    PyTuple::new(py, items)
}

/// Parses a VietQR payload: the core `QrReport` as a tuple (see [`qr_row`]). Never raises for a
/// bad payload.
#[pyfunction]
fn qr_parse<'py>(py: Python<'py>, payload: Bound<'py, PyString>, strict: bool) -> PyResult<Bound<'py, PyTuple>> {
    guard(py, "qr_parse", || {
        qr_row(py, vietqr::parse(&payload_text(&payload), qr_mode(strict)))
    })
}

/// Parses many VietQR payloads (the parsing runs with the GIL released): one tuple each, in order.
#[pyfunction]
fn qr_parse_many<'py>(
    py: Python<'py>,
    payloads: Vec<Bound<'py, PyString>>,
    strict: bool,
) -> PyResult<Vec<Bound<'py, PyTuple>>> {
    guard(py, "qr_parse_many", || {
        let texts: Vec<Cow<'_, str>> = payloads.iter().map(payload_text).collect();
        let mode = qr_mode(strict);
        let reports: Vec<vietqr::QrReport> = py.detach(|| texts.iter().map(|t| vietqr::parse(t, mode)).collect());
        reports.into_iter().map(|r| qr_row(py, r)).collect()
    })
}

/// Builds a VietQR payload (`vietqr::build`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (bin, account, amount, purpose, service, bill_number, reference_label, keep_diacritics))]
fn qr_build(
    py: Python<'_>,
    bin: String,
    account: String,
    amount: Option<i64>,
    purpose: Option<String>,
    service: &str,
    bill_number: Option<String>,
    reference_label: Option<String>,
    keep_diacritics: bool,
) -> PyResult<String> {
    guard(py, "qr_build", || {
        let mut req = vietqr::QrRequest::new(&bin, &account);
        req.service = vietqr::Service::parse(service).or_raise(py)?;
        req.amount = amount;
        req.purpose = purpose;
        req.bill_number = bill_number;
        req.reference_label = reference_label;
        req.keep_diacritics = keep_diacritics;
        vietqr::build(&req).or_raise(py)
    })
}

/// The QR code of a payload as SVG text, `module` user units per module.
#[pyfunction]
fn qr_svg(py: Python<'_>, payload: Bound<'_, PyString>, module: i64) -> PyResult<String> {
    guard(py, "qr_svg", || {
        let module = module_size(module).or_raise(py)?;
        qr_image::svg(&utf8(py, &payload, "payload")?, module).or_raise(py)
    })
}

/// The QR code of a payload as PNG bytes, `module` pixels per module.
#[pyfunction]
fn qr_png<'py>(py: Python<'py>, payload: Bound<'py, PyString>, module: i64) -> PyResult<Bound<'py, PyBytes>> {
    guard(py, "qr_png", || {
        let module = module_size(module).or_raise(py)?;
        let png = qr_image::png(&utf8(py, &payload, "payload")?, module).or_raise(py)?;
        Ok(PyBytes::new(py, &png))
    })
}

/// Signs a platform message (INIT, CALLBACK, QUERY, GET_BILL) given as JSON: the message with
/// MaXacThuc set, as JSON.
#[pyfunction]
fn pay_sign(
    py: Python<'_>,
    message: Cow<'_, str>,
    fields: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
) -> PyResult<String> {
    guard(py, "pay_sign", || {
        pay::sign_json(&message, &utf8(py, &fields, "fields")?, &utf8(py, &secret, "secret")?).or_raise(py)
    })
}

/// Verifies the MaXacThuc of a platform message given as JSON.
#[pyfunction]
fn pay_verify(
    py: Python<'_>,
    message: Cow<'_, str>,
    fields: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
) -> PyResult<bool> {
    guard(py, "pay_verify", || {
        pay::verify_json(&message, &utf8(py, &fields, "fields")?, &utf8(py, &secret, "secret")?).or_raise(py)
    })
}

/// Builds a signed INIT, QUERY or GET_BILL from the JSON build request of core (`build_json`).
#[pyfunction]
fn pay_build(
    py: Python<'_>,
    message: Cow<'_, str>,
    request: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
) -> PyResult<String> {
    guard(py, "pay_build", || {
        pay::build_json(&message, &utf8(py, &request, "request")?, &utf8(py, &secret, "secret")?).or_raise(py)
    })
}

/// Checks a confirmation callback (JSON): the core `Confirmation` as JSON.
#[pyfunction]
#[pyo3(signature = (callback, secret, requested_amount, previous))]
fn pay_check_callback(
    py: Python<'_>,
    callback: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
    requested_amount: Option<i64>,
    previous: Option<Bound<'_, PyString>>,
) -> PyResult<String> {
    guard(py, "pay_check_callback", || {
        let previous = opt_utf8(py, &previous, "previous")?;
        pay::check_callback_json(
            &utf8(py, &callback, "callback")?,
            &utf8(py, &secret, "secret")?,
            requested_amount,
            previous.as_deref(),
        )
        .or_raise(py)
    })
}

/// The next QUERY of an open attempt from the JSON poll request of core (`poll_json`), as JSON.
#[pyfunction]
fn pay_poll(py: Python<'_>, request: Bound<'_, PyString>) -> PyResult<String> {
    guard(py, "pay_poll", || {
        pay::poll_json(&utf8(py, &request, "request")?).or_raise(py)
    })
}

/// Checks an e-receipt (biên lai điện tử) given as JSON: the core `ReceiptReport` as a dict
/// (`max_number` None = the core default).
#[pyfunction]
#[pyo3(signature = (receipt, separate_kinds, max_number))]
fn receipt_check<'py>(
    py: Python<'py>,
    receipt: Bound<'py, PyString>,
    separate_kinds: bool,
    max_number: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, "receipt_check", || {
        let rules = ReceiptRules::new(separate_kinds, max_number);
        let report = receipt::check_json(&utf8(py, &receipt, "receipt")?, &rules);
        report_dict(py, &report, "receipt_check")
    })
}

// --- reconciliation (đối soát) and status parity (đối chiếu trạng thái) ---------------------------

/// Reconciles in-memory records given as the JSON request of core (`recon::request::reconcile_json`:
/// `{"dossiers", "payments", "bank", "rules"}`), with the GIL released: `{"rows", "summary"}` as
/// JSON. Unreadable records are `invalid_input` rows; `ReconError` only for the request itself.
#[pyfunction]
fn reconcile_json(py: Python<'_>, request: Bound<'_, PyString>) -> PyResult<String> {
    guard(py, "reconcile_json", || {
        let request = utf8(py, &request, "request")?;
        py.detach(|| recon::reconcile_json(&request))
            .or_raise_in(py, Family::Recon)
    })
}

/// Reconciles three files (CSV, or JSON Lines by extension) into results.jsonl at `out`, with the
/// GIL released (`motcua_io::reconcile_files`): the control totals as JSON.
#[pyfunction]
#[pyo3(signature = (dossiers, payments, bank, out, rules))]
fn reconcile_files(
    py: Python<'_>,
    dossiers: Bound<'_, PyString>,
    payments: Bound<'_, PyString>,
    bank: Bound<'_, PyString>,
    out: Bound<'_, PyString>,
    rules: Option<Bound<'_, PyString>>,
) -> PyResult<String> {
    guard(py, "reconcile_files", || {
        let dossiers = utf8(py, &dossiers, "dossiers")?;
        let payments = utf8(py, &payments, "payments")?;
        let bank = utf8(py, &bank, "bank")?;
        let out = utf8(py, &out, "out")?;
        let rules = opt_utf8(py, &rules, "rules")?;
        py.detach(|| motcua_io::reconcile_files(&dossiers, &payments, &bank, &out, rules.as_deref()))
            .or_raise_in(py, Family::Recon)
    })
}

/// Status parity over rows given as text (`csv` or `jsonl`), with the GIL released
/// (`parity::parity_json`): `{"entries", "summary"}` as JSON. Unreadable rows are `invalid_input`
/// entries; `ParityError` only for an unknown format.
#[pyfunction]
fn parity_json(py: Python<'_>, input: Bound<'_, PyString>, format: Cow<'_, str>) -> PyResult<String> {
    guard(py, "parity_json", || {
        let input = utf8(py, &input, "input")?;
        py.detach(|| parity::parity_json(&input, &format))
            .or_raise_in(py, Family::Parity)
    })
}

/// Status parity over a `.csv` or `.jsonl` file, entries written to `out` as JSON Lines, with the
/// GIL released (`motcua_io::parity_files_json`): the control totals as JSON.
#[pyfunction]
fn parity_files(py: Python<'_>, statuses: Bound<'_, PyString>, out: Bound<'_, PyString>) -> PyResult<String> {
    guard(py, "parity_files", || {
        let statuses = utf8(py, &statuses, "statuses")?;
        let out = utf8(py, &out, "out")?;
        py.detach(|| motcua_io::parity_files_json(&statuses, &out))
            .or_raise_in(py, Family::Parity)
    })
}

/// Classes of a reconciliation row, in report order (`motcua_core::recon::Class::ALL`).
#[pyfunction]
fn recon_classes(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "recon_classes", || {
        Ok(ReconClass::ALL.iter().map(|c| c.key()).collect())
    })
}

/// Classes of a parity entry (`motcua_core::parity::ParityClass::ALL`).
#[pyfunction]
fn parity_classes(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "parity_classes", || {
        Ok(ParityClass::ALL.iter().map(|c| c.name()).collect())
    })
}

// --- procedure catalogue (danh mục thủ tục) ------------------------------------------------------

/// One search result (kết quả tra cứu): `spans` are `(start, end)` char offsets in `name`.
#[pyclass(frozen, eq, module = "motcua", get_all)]
#[derive(PartialEq)]
struct SearchHit {
    code: String,
    name: String,
    score: f64,
    matched: &'static str,
    spans: Vec<(u32, u32)>,
    levels: String,
    field: String,
    agency: String,
}

#[pymethods]
impl SearchHit {
    fn __repr__(&self) -> String {
        format!(
            "SearchHit(code={:?}, score={}, name={:?})",
            self.code, self.score, self.name
        )
    }
}

impl From<catalog::Hit> for SearchHit {
    fn from(h: catalog::Hit) -> Self {
        Self {
            code: h.code,
            name: h.name,
            score: h.score,
            matched: h.matched,
            spans: h.spans.into_iter().map(|[a, b]| (a, b)).collect(),
            levels: h.levels,
            field: h.field,
            agency: h.agency,
        }
    }
}

/// One configuration problem (lỗi cấu hình) of a procedure.
#[pyclass(frozen, eq, module = "motcua", get_all)]
#[derive(PartialEq)]
struct CatalogProblem {
    ma_thu_tuc: String,
    line: u64,
    code: u32,
    name: &'static str,
    field: String,
    message: String,
}

#[pymethods]
impl CatalogProblem {
    fn __repr__(&self) -> String {
        format!(
            "CatalogProblem(line={}, ma_thu_tuc={:?}, code={}, message={:?})",
            self.line, self.ma_thu_tuc, self.code, self.message
        )
    }
}

/// What the configuration checks found: every problem, counts per kind, checks not run.
#[pyclass(frozen, module = "motcua", get_all)]
struct CatalogReport {
    procedures: usize,
    procedures_with_problems: usize,
    problems: Vec<Py<CatalogProblem>>,
    counts: std::collections::BTreeMap<&'static str, usize>,
    not_checked: std::collections::BTreeMap<&'static str, usize>,
}

/// A procedure catalogue with its search index (danh mục thủ tục): built once from CSV or JSON
/// text, then searched many times; read-only, so threads may share it.
#[pyclass(frozen, module = "motcua", name = "Catalog")]
struct PyCatalog {
    catalog: catalog::Catalog,
}

impl PyCatalog {
    fn load(
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        format: Option<&str>,
        synonyms: &Option<Bound<'_, PyString>>,
    ) -> PyResult<Self> {
        let text = utf8(py, text, "text")?;
        let synonyms = opt_utf8(py, synonyms, "synonyms")?;
        let catalog = py
            .detach(|| catalog::Catalog::load(&text, format, synonyms.as_deref()))
            .or_raise(py)?;
        Ok(Self { catalog })
    }
}

#[pymethods]
impl PyCatalog {
    /// Loads CSV or JSON text (guessed: JSON starts with `[`); `synonyms` = more rows
    /// `tu_go,thay_bang` for the bundled abbreviation table.
    #[new]
    #[pyo3(signature = (text, synonyms=None))]
    fn new(py: Python<'_>, text: Bound<'_, PyString>, synonyms: Option<Bound<'_, PyString>>) -> PyResult<Self> {
        guard(py, "Catalog", || Self::load(py, &text, None, &synonyms))
    }

    /// Loads CSV text (the national procedure list layout, extra columns optional).
    #[staticmethod]
    #[pyo3(signature = (text, synonyms=None))]
    fn from_csv(py: Python<'_>, text: Bound<'_, PyString>, synonyms: Option<Bound<'_, PyString>>) -> PyResult<Self> {
        guard(py, "Catalog.from_csv", || Self::load(py, &text, Some("csv"), &synonyms))
    }

    /// Loads JSON text: an array of procedure objects.
    #[staticmethod]
    #[pyo3(signature = (text, synonyms=None))]
    fn from_json(py: Python<'_>, text: Bound<'_, PyString>, synonyms: Option<Bound<'_, PyString>>) -> PyResult<Self> {
        guard(py, "Catalog.from_json", || {
            Self::load(py, &text, Some("json"), &synonyms)
        })
    }

    fn __len__(&self) -> usize {
        self.catalog.procedures().len()
    }

    /// The best procedures for `query` (a name in any spelling, an abbreviation or a code), best first.
    #[pyo3(signature = (query, limit=10, level=None, field=None, agency=None))]
    fn search(
        &self,
        py: Python<'_>,
        query: Bound<'_, PyString>,
        limit: usize,
        level: Option<&str>,
        field: Option<&str>,
        agency: Option<&str>,
    ) -> PyResult<Vec<SearchHit>> {
        guard(py, "search", || {
            let opts = catalog::SearchOptions::new(limit, level, field, agency).or_raise(py)?;
            let query = utf8(py, &query, "query")?;
            Ok(self
                .catalog
                .search(&query, &opts)
                .into_iter()
                .map(SearchHit::from)
                .collect())
        })
    }

    /// `search` for many queries with the same options, with the GIL released.
    #[pyo3(signature = (queries, limit=10, level=None, field=None, agency=None))]
    fn search_many(
        &self,
        py: Python<'_>,
        queries: Vec<String>,
        limit: usize,
        level: Option<&str>,
        field: Option<&str>,
        agency: Option<&str>,
    ) -> PyResult<Vec<Vec<SearchHit>>> {
        guard(py, "search_many", || {
            let opts = catalog::SearchOptions::new(limit, level, field, agency).or_raise(py)?;
            let hits = py.detach(|| self.catalog.index().search_many(&queries, &opts));
            Ok(hits
                .into_iter()
                .map(|h| h.into_iter().map(SearchHit::from).collect())
                .collect())
        })
    }

    /// Runs the configuration checks (kiểm tra cấu hình).
    fn check(&self, py: Python<'_>) -> PyResult<CatalogReport> {
        guard(py, "check", || {
            let r = self.catalog.check(&catalog::CheckRules::default());
            let problems = r
                .problems
                .into_iter()
                .map(|p| {
                    Py::new(
                        py,
                        CatalogProblem {
                            message: p.error.to_string(),
                            ma_thu_tuc: p.procedure,
                            line: p.line,
                            code: p.error.code.code(),
                            name: p.error.code.name(),
                            field: p.error.field.into_owned(),
                        },
                    )
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok(CatalogReport {
                procedures: r.procedures,
                procedures_with_problems: r.procedures_with_problems,
                problems,
                counts: r.counts,
                not_checked: r.not_checked,
            })
        })
    }

    fn __repr__(&self) -> String {
        format!("Catalog({} procedures)", self.catalog.procedures().len())
    }
}

/// Test only: panics (with the GIL released) so tests can see `InternalError`.
#[pyfunction]
fn _debug_panic(py: Python<'_>) -> PyResult<()> {
    guard(py, "_debug_panic", || {
        py.detach(|| panic!("motcua._debug_panic: deliberate panic"))
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    for f in [
        wrap_pyfunction!(check, m)?,
        wrap_pyfunction!(check_many, m)?,
        wrap_pyfunction!(parse_vnd, m)?,
        wrap_pyfunction!(transition, m)?,
        wrap_pyfunction!(states, m)?,
        wrap_pyfunction!(validate_document, m)?,
        wrap_pyfunction!(validate_input, m)?,
        wrap_pyfunction!(error_codes, m)?,
        wrap_pyfunction!(machine_states, m)?,
        wrap_pyfunction!(machines, m)?,
        wrap_pyfunction!(kinds, m)?,
        wrap_pyfunction!(units, m)?,
        wrap_pyfunction!(parse_minute, m)?,
        wrap_pyfunction!(lunar, m)?,
        wrap_pyfunction!(solar, m)?,
        wrap_pyfunction!(qr_parse, m)?,
        wrap_pyfunction!(qr_parse_many, m)?,
        wrap_pyfunction!(qr_build, m)?,
        wrap_pyfunction!(qr_svg, m)?,
        wrap_pyfunction!(qr_png, m)?,
        wrap_pyfunction!(pay_sign, m)?,
        wrap_pyfunction!(pay_verify, m)?,
        wrap_pyfunction!(pay_build, m)?,
        wrap_pyfunction!(pay_check_callback, m)?,
        wrap_pyfunction!(pay_poll, m)?,
        wrap_pyfunction!(receipt_check, m)?,
        wrap_pyfunction!(reconcile_json, m)?,
        wrap_pyfunction!(reconcile_files, m)?,
        wrap_pyfunction!(parity_json, m)?,
        wrap_pyfunction!(parity_files, m)?,
        wrap_pyfunction!(recon_classes, m)?,
        wrap_pyfunction!(parity_classes, m)?,
        wrap_pyfunction!(_debug_panic, m)?,
    ] {
        m.add_function(f)?;
    }
    m.add_class::<Issue>()?;
    m.add_class::<RecordReport>()?;
    m.add_class::<PyWorkClock>()?;
    m.add_class::<PyCatalog>()?;
    m.add_class::<SearchHit>()?;
    m.add_class::<CatalogProblem>()?;
    m.add_class::<CatalogReport>()?;
    let py = m.py();
    m.add("Error", py.get_type::<Error>())?;
    m.add("IdentifierError", py.get_type::<IdentifierError>())?;
    m.add("MoneyError", py.get_type::<MoneyError>())?;
    m.add("TransitionError", py.get_type::<TransitionError>())?;
    m.add("DeadlineError", py.get_type::<DeadlineError>())?;
    m.add("PaymentError", py.get_type::<PaymentError>())?;
    m.add("ReconError", py.get_type::<ReconError>())?;
    m.add("ParityError", py.get_type::<ParityError>())?;
    m.add("CatalogError", py.get_type::<CatalogError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}
