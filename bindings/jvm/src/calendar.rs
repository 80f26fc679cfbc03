//! Calendars and deadlines (lịch, thời hạn giải quyết) for the JVM: the working clock of
//! `motcua_core::calendar` as the `WorkClock` object, its reports as records, and the lunar
//! calendar. Conversion glue only.
//!
//! Times cross as `YYYY-MM-DDTHH:MM` strings (what `java.time.LocalDateTime.toString()` prints at
//! minute precision and `LocalDateTime.parse` reads) or, in the minute forms, as local
//! Asia/Ho_Chi_Minh minutes since 1970-01-01T00:00 (`localDateTime.toEpochSecond(ZoneOffset.UTC) / 60`).
//! Dates are `YYYY-MM-DD`.
use std::sync::Arc;

use motcua_core::calendar::deadline::{check_amount, format_time, parse_clock, parse_time};
use motcua_core::calendar::{self as core_cal, ClockConfig, DueRequest, Unit};
use motcua_core::config::parse_date;

use crate::{count, guard, MotcuaError, Res};

/// A working clock (đồng hồ làm việc): the working calendar of a deployment (precomputed over
/// 1900-2199) and its office hours. Build it once from the clock settings JSON
/// (`{"office_hours": "07:00-11:30,13:30-17:00", "tet_rule": "customary", "overrides": [...]}`,
/// every key optional; `""` for the defaults) and share it: it is immutable and thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct WorkClock {
    inner: core_cal::WorkClock,
}

fn clock(config: &str) -> Res<Arc<WorkClock>> {
    let inner = ClockConfig::from_json(config).and_then(|c| c.clock())?;
    Ok(Arc::new(WorkClock { inner }))
}

/// [`WorkClock`]'s constructor as a function, for Java: declared to throw the checked
/// `MotcuaException` (Kotlin constructors are not), so `catch (MotcuaException e)` compiles.
#[uniffi::export]
pub fn work_clock(config: String) -> Res<Arc<WorkClock>> {
    guard("work_clock", || clock(&config))
}

fn unit(name: &str) -> Res<Unit> {
    Ok(Unit::from_name(name)?)
}

fn cutoff(c: Option<&str>) -> Res<Option<u16>> {
    Ok(c.map(|c| parse_clock("cutoff", c)).transpose()?)
}

/// An `Int` amount checked by core (0-100000, 5004); `index` names it in a batch of several.
fn amount(a: i32, index: Option<usize>) -> Res<u32> {
    check_amount(i64::from(a)).map_err(|mut e| {
        if let Some(i) = index {
            e.field = format!("amount[{i}]").into();
        }
        e.into()
    })
}

/// Reads `n` little-endian integers of `W` bytes from a buffer of exactly `n * W` bytes.
fn le_values<const W: usize, T>(field: &'static str, data: &[u8], from: fn([u8; W]) -> T) -> Res<Vec<T>> {
    let chunks = data.chunks_exact(W);
    if !chunks.remainder().is_empty() {
        return Err(crate::bad(
            field,
            format!("{} bytes is not a whole number of {W}-byte values", data.len()),
        ));
    }
    Ok(chunks.map(|c| from(c.try_into().expect("chunks of W bytes"))).collect())
}

impl WorkClock {
    fn many(
        &self,
        received: &[i64],
        amounts: &[i32],
        unit_name: &str,
        cut: Option<&str>,
        threads: i32,
    ) -> Res<Vec<i64>> {
        let threads = count("threads", threads)?;
        let unit = unit(unit_name)?;
        let cut = cutoff(cut)?;
        let amounts = amounts
            .iter()
            .enumerate()
            .map(|(i, &a)| amount(a, (amounts.len() > 1).then_some(i)))
            .collect::<Res<Vec<u32>>>()?;
        let mut out = vec![0; received.len()];
        self.inner.due_many(received, &amounts, unit, cut, &mut out, threads)?;
        Ok(out)
    }
}

#[uniffi::export]
impl WorkClock {
    /// A clock from the settings JSON (`""` for the defaults). From Java, [`work_clock`] does the
    /// same with a checked exception.
    #[uniffi::constructor]
    pub fn new(config: String) -> Res<Arc<Self>> {
        guard("WorkClock", || clock(&config))
    }

    /// The office hours, e.g. `07:00-11:30,13:30-17:00`.
    pub fn office_hours(&self) -> String {
        self.inner.hours().to_string()
    }

    /// Due date (ngày hẹn trả) of a dossier received at `received` (`YYYY-MM-DDTHH:MM`, also
    /// `yyyyMMddHHmmss`) with `amount` `unit`s (`working-days`, `working-hours`, `calendar-days`)
    /// and an optional same-day `cutoff` (`HH:MM`), no clock stop: `YYYY-MM-DDTHH:MM`.
    pub fn due(&self, received: String, amount: i32, unit: String, cutoff: Option<String>) -> Res<String> {
        guard("due", || {
            let (a, u, c) = (
                self::amount(amount, None)?,
                self::unit(&unit)?,
                self::cutoff(cutoff.as_deref())?,
            );
            let due = self
                .inner
                .due(parse_time("received", &received)?, core_cal::Period::new(a, u), c)?;
            Ok(format_time(due))
        })
    }

    /// [`WorkClock::due`] on local minutes since 1970-01-01T00:00.
    pub fn due_minute(&self, received: i64, amount: i32, unit: String, cutoff: Option<String>) -> Res<i64> {
        guard("due_minute", || {
            let (a, u, c) = (
                self::amount(amount, None)?,
                self::unit(&unit)?,
                self::cutoff(cutoff.as_deref())?,
            );
            Ok(self.inner.due_minute(received, core_cal::Period::new(a, u), c)?)
        })
    }

    /// Batch form of [`WorkClock::due_minute`]: the due date of `received[i]` with `amounts[i]`, or
    /// with `amounts[0]` for all when one amount is given, on up to `threads` threads (at least 1).
    /// Fails on the first bad element with the field naming it (`received[17]`).
    pub fn due_many(
        &self,
        received: Vec<i64>,
        amounts: Vec<i32>,
        unit: String,
        cutoff: Option<String>,
        threads: i32,
    ) -> Res<Vec<i64>> {
        guard("due_many", || {
            self.many(&received, &amounts, &unit, cutoff.as_deref(), threads)
        })
    }

    /// [`WorkClock::due_many`] without boxing: `received` is a direct `java.nio.ByteBuffer` of
    /// little-endian 64-bit minutes and `amounts` one of little-endian 32-bit amounts (both from
    /// `ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN)`, filled then `flip()`ped: the
    /// call reads `remaining()` bytes from the buffer's start), read in place; the answer is the due minutes as little-endian 64-bit values
    /// (`ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()`). The fastest form.
    pub fn due_many_direct(
        &self,
        received: &[u8],
        amounts: &[u8],
        unit: String,
        cutoff: Option<String>,
        threads: i32,
    ) -> Res<Vec<u8>> {
        guard("due_many_direct", || {
            let received = le_values("received", received, i64::from_le_bytes)?;
            let amounts = le_values("amounts", amounts, i32::from_le_bytes)?;
            let due = self.many(&received, &amounts, &unit, cutoff.as_deref(), threads)?;
            Ok(due.iter().flat_map(|m| m.to_le_bytes()).collect())
        })
    }

    /// When the processing time of a dossier received at `received` starts counting (ngày bắt
    /// đầu tính): `YYYY-MM-DDTHH:MM`.
    pub fn start(&self, received: String, cutoff: Option<String>) -> Res<String> {
        guard("start", || {
            let c = self::cutoff(cutoff.as_deref())?;
            Ok(format_time(self.inner.start(parse_time("received", &received)?, c)?))
        })
    }

    /// Working minutes from `from` to `to` (negative when `to` is earlier).
    pub fn working_minutes(&self, from: String, to: String) -> Res<i64> {
        guard("working_minutes", || {
            Ok(self
                .inner
                .working_minutes(parse_time("from", &from)?, parse_time("to", &to)?)?)
        })
    }

    /// Answers a due-date request (JSON: `received`, `amount`, `unit`, optional `cutoff`, `pauses`,
    /// `supplement_policy`, `financial_policy`, `at` or `closed_at`, `warn_hours`,
    /// `max_supplements`, `late_by_day`): the schedule, and the QĐ 766 assessment when `at` or
    /// `closed_at` is given.
    pub fn evaluate(&self, request: String) -> Res<DueReport> {
        guard("evaluate", || {
            Ok(self.inner.evaluate(&DueRequest::from_json(&request)?)?.into())
        })
    }

    /// [`WorkClock::evaluate`] answering the JSON report (as the CLI prints it).
    pub fn evaluate_json(&self, request: String) -> Res<String> {
        guard("evaluate_json", || Ok(self.inner.evaluate_json(&request)?))
    }

    /// Is `date` (`YYYY-MM-DD`, 1900-2199) a working day (ngày làm việc)?
    pub fn is_working_day(&self, date: String) -> Res<bool> {
        guard("is_working_day", || {
            Ok(self.inner.calendar().is_working_day(parse_date("date", &date)?)?)
        })
    }

    /// Whether `date` is a working day and every rule that says so, the deciding one last.
    pub fn day(&self, date: String) -> Res<DayInfo> {
        guard("day", || {
            Ok(self.inner.calendar().day(parse_date("date", &date)?)?.into())
        })
    }

    /// The days off (and make-up working days) of `year` (1900-2199), in date order.
    pub fn holidays(&self, year: i32) -> Res<Vec<Holiday>> {
        guard("holidays", || {
            Ok(self
                .inner
                .calendar()
                .holidays(year)?
                .into_iter()
                .map(Holiday::from)
                .collect())
        })
    }
}

/// Where a dossier stands (QĐ 766).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Standing {
    /// Closed before the due date's day (trước hạn).
    Early,
    /// Closed on the due date's day, not after the due time (đúng hạn).
    OnTime,
    /// Closed or open after the due time (trễ hạn / quá hạn), or too many supplement requests.
    Late,
    /// Open, in time, more than the warning time left (trong hạn).
    OnTrack,
    /// Open, in time, at most the warning time left (sắp đến hạn).
    DueSoon,
}

impl From<core_cal::Standing> for Standing {
    fn from(s: core_cal::Standing) -> Self {
        use core_cal::Standing as S;
        match s {
            S::Early => Self::Early,
            S::OnTime => Self::OnTime,
            S::Late => Self::Late,
            S::OnTrack => Self::OnTrack,
            S::DueSoon => Self::DueSoon,
        }
    }
}

/// The QĐ 766 classification of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Assessment {
    /// Where it stands.
    pub standing: Standing,
    /// Closed dossier?
    pub closed: bool,
    /// The due date compared with.
    pub due: String,
    /// The instant scored: the closing time, the observation instant, or the start of the current
    /// clock stop.
    pub scored_at: String,
    /// Working minutes used from the start to `scored_at`, pauses excluded.
    pub elapsed_working_minutes: i64,
    /// Working minutes from `scored_at` to the due date (negative when late).
    pub remaining_working_minutes: i64,
    /// More supplement requests than allowed.
    pub too_many_supplements: bool,
}

impl From<core_cal::Assessment> for Assessment {
    fn from(a: core_cal::Assessment) -> Self {
        Self {
            standing: a.standing.into(),
            closed: a.closed,
            due: format_time(a.due),
            scored_at: format_time(a.scored_at),
            elapsed_working_minutes: a.elapsed_working_minutes,
            remaining_working_minutes: a.remaining_working_minutes,
            too_many_supplements: a.too_many_supplements,
        }
    }
}

/// The answer to a due-date request: the schedule, the period, the office hours and the
/// assessment when one was asked for. Times are `YYYY-MM-DDTHH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DueReport {
    /// Due date (ngày hẹn trả); null while the clock is stopped.
    pub due: Option<String>,
    /// Reception, as given (seconds dropped).
    pub received: String,
    /// When the processing time starts counting (after the cut-off and the last restart).
    pub start: String,
    /// The clock is stopped now (the last pause has no end).
    pub paused: bool,
    /// Working minutes inside the pauses that extended the due date.
    pub paused_working_minutes: i64,
    /// How many times the processing time restarted.
    pub restarts: i32,
    /// How many supplement requests there were.
    pub supplements: i32,
    /// The amount.
    pub amount: i32,
    /// The unit name (`working-days`, `working-hours`, `calendar-days`).
    pub unit: String,
    /// The cut-off `HH:MM`, if any.
    pub cutoff: Option<String>,
    /// The office hours used.
    pub office_hours: String,
    /// The classification, when `at` or `closed_at` was given.
    pub assessment: Option<Assessment>,
}

impl From<core_cal::DueReport> for DueReport {
    fn from(r: core_cal::DueReport) -> Self {
        let s = r.schedule;
        Self {
            due: s.due.map(format_time),
            received: format_time(s.received),
            start: format_time(s.start),
            paused: s.paused,
            paused_working_minutes: s.paused_working_minutes,
            restarts: s.restarts as i32,
            supplements: s.supplements as i32,
            amount: r.amount as i32,
            unit: r.unit.to_string(),
            cutoff: r.cutoff,
            office_hours: r.office_hours,
            assessment: r.assessment.map(Assessment::from),
        }
    }
}

/// Kind of an override (ngày nghỉ / làm bù theo quyết định).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OverrideKind {
    /// An extra day off.
    ExtraDayOff,
    /// A make-up working day (usually a Saturday).
    MakeupWorkingDay,
}

impl From<core_cal::OverrideKind> for OverrideKind {
    fn from(k: core_cal::OverrideKind) -> Self {
        match k {
            core_cal::OverrideKind::ExtraDayOff => Self::ExtraDayOff,
            core_cal::OverrideKind::MakeupWorkingDay => Self::MakeupWorkingDay,
        }
    }
}

/// Why a day is or is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum DayReason {
    /// Monday-Friday (or Saturday in a six-day week) with no holiday.
    Weekday,
    /// Weekly rest day (nghỉ hằng tuần).
    Weekend {
        /// `Sat` or `Sun`.
        weekday: String,
    },
    /// Statutory holiday other than Tết (ngày lễ).
    Statutory {
        /// Its name.
        name: String,
    },
    /// One of the days of Tết Nguyên đán.
    Tet {
        /// Its name.
        name: String,
    },
    /// Compensatory day (nghỉ bù) for a statutory day on a weekend.
    Compensatory {
        /// The holiday compensated.
        name: String,
        /// Its date, `YYYY-MM-DD`.
        for_date: String,
    },
    /// An override.
    Override {
        /// Extra day off or make-up working day.
        kind: OverrideKind,
        /// The override's reason.
        reason: String,
        /// The override's source (decision).
        source: String,
        /// Its set (`civil_service_day_overrides_2025_2026`, `config`, ...).
        set: String,
    },
}

impl From<core_cal::Reason> for DayReason {
    fn from(r: core_cal::Reason) -> Self {
        use core_cal::Reason as R;
        match r {
            R::Weekday => Self::Weekday,
            R::Weekend { weekday } => Self::Weekend { weekday },
            R::Statutory { name } => Self::Statutory { name },
            R::Tet { name } => Self::Tet { name },
            R::Compensatory { name, for_date } => Self::Compensatory {
                name,
                for_date: for_date.to_string(),
            },
            R::Override {
                kind,
                reason,
                source,
                set,
            } => Self::Override {
                kind: kind.into(),
                reason,
                source,
                set,
            },
        }
    }
}

/// The answer for one day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DayInfo {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Working day (ngày làm việc)?
    pub working: bool,
    /// Every rule that applies, the deciding one last.
    pub reasons: Vec<DayReason>,
}

impl From<core_cal::DayInfo> for DayInfo {
    fn from(d: core_cal::DayInfo) -> Self {
        Self {
            date: d.date.to_string(),
            working: d.working,
            reasons: d.reasons.into_iter().map(DayReason::from).collect(),
        }
    }
}

/// Kind of a listed day in [`WorkClock::holidays`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HolidayKind {
    /// A statutory holiday other than Tết (ngày lễ).
    Statutory,
    /// One of the days of Tết Nguyên đán.
    Tet,
    /// A compensatory day off (nghỉ bù).
    Compensatory,
    /// An override: extra day off.
    OverrideOff,
    /// An override: make-up working day.
    OverrideWorking,
}

impl From<core_cal::HolidayKind> for HolidayKind {
    fn from(k: core_cal::HolidayKind) -> Self {
        use core_cal::HolidayKind as K;
        match k {
            K::Statutory => Self::Statutory,
            K::Tet => Self::Tet,
            K::Compensatory => Self::Compensatory,
            K::OverrideOff => Self::OverrideOff,
            K::OverrideWorking => Self::OverrideWorking,
        }
    }
}

/// A day off (or a make-up working day) of a year.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Holiday {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Vietnamese name, e.g. `Quốc khánh (2/9)`.
    pub name: String,
    /// Kind.
    pub kind: HolidayKind,
}

impl From<core_cal::Holiday> for Holiday {
    fn from(h: core_cal::Holiday) -> Self {
        Self {
            date: h.date.to_string(),
            name: h.name,
            kind: h.kind.into(),
        }
    }
}

/// A date of the Vietnamese lunar calendar (ngày âm lịch, UTC+7). `year` is the lunar year (from
/// Tết); `leap` marks a leap month (tháng nhuận).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct LunarDate {
    /// Lunar year (năm âm lịch).
    pub year: i32,
    /// Month 1-12 (tháng).
    pub month: i32,
    /// Day 1-30 (ngày).
    pub day: i32,
    /// True in a leap month (tháng nhuận).
    pub leap: bool,
}

/// The lunar date (âm lịch) of a solar date `YYYY-MM-DD` (1900-01-01 to 2200-02-14).
#[uniffi::export]
pub fn lunar_from_solar(date: String) -> Res<LunarDate> {
    guard("lunar_from_solar", || {
        let l = core_cal::solar_to_lunar(parse_date("date", &date)?)?;
        Ok(LunarDate {
            year: l.year,
            month: i32::from(l.month),
            day: i32::from(l.day),
            leap: l.leap,
        })
    })
}

/// The solar date `YYYY-MM-DD` of a lunar date; a date that does not exist (day 30 of a 29-day
/// month, a leap flag on an ordinary month, ...) is an error naming the problem.
#[uniffi::export]
pub fn lunar_to_solar(date: LunarDate) -> Res<String> {
    guard("lunar_to_solar", || {
        let small = |what: &str, v: i32| {
            u8::try_from(v)
                .map_err(|_| -> MotcuaError { crate::bad("lunar_date", format!("{what} {v} is out of range")) })
        };
        let lunar = core_cal::LunarDate {
            year: date.year,
            month: small("month", date.month)?,
            day: small("day", date.day)?,
            leap: date.leap,
        };
        Ok(core_cal::lunar_to_solar(lunar)?.to_string())
    })
}
