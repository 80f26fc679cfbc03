//! Deadlines (thời hạn giải quyết, ngày hẹn trả): office hours, due dates, clock stops and the
//! QĐ 766 on-time classification, on a [`WorkCalendar`].
//!
//! Rules (brief §4; every choice below is documented in the README decisions table):
//!
//! - **Office hours** (giờ làm việc) per deployment, default 07:00-11:30 and 13:30-17:00
//!   ([`OfficeHours`]); every working day has the same hours.
//! - **Reception** (tiếp nhận): time counts from the first working minute at or after the reception
//!   (before opening → opening; lunch → 13:30; after closing or on a day off → next working day's
//!   opening). With a per-procedure **cut-off** (e.g. 15:00), a dossier received at or after the
//!   cut-off on a working day counts from the next working day's opening.
//! - **Working days / hours**: a working day is the office hours of one day (8 h by default); N
//!   working days are N × that much working time, so a dossier received Monday 09:00 with 3 working
//!   days is due Thursday 09:00, and one received at the opening is due at the close of the 3rd
//!   day (TH `TinhNgayHenTra`, brief §4.1). 0 working days means "the same day" (trong ngày): due at
//!   the close of the day the time starts. The due time is the earliest instant at which the
//!   working time has elapsed (11:30, not 13:30; 17:00, not the next morning).
//! - **Calendar days**: due = effective start + N × 24 h; when that day is not a working day, the
//!   period ends at the close of the next working day (Bộ luật Dân sự 2015 Art. 148(5)).
//! - **Clock stops** (tạm dừng): supplement requested (status 5, [`PauseKind::Supplement`]) and
//!   financial obligation (status 6, [`PauseKind::Financial`]), each with a [`PausePolicy`]: *extend*
//!   (the working time inside the pause is added to the due date; calendar time for calendar days)
//!   or *restart* (the whole processing time starts again when the pause ends, cut-off applied).
//! - **Classification** (QĐ 766, brief §4.4): see [`WorkClock::assess`].
//!
//! Times are local Asia/Ho_Chi_Minh wall-clock times (UTC+7, no daylight saving since 1975) at
//! minute precision (seconds are dropped). Internally a time is a [`Minute`].
//!
//! ```
//! use motcua_core::calendar::deadline::{parse_time, Period, Unit, WorkClock};
//! let clock = WorkClock::standard().unwrap();
//! let t = |s| parse_time("t", s).unwrap();
//! let due = clock.due(t("2026-11-24T09:00"), Period::new(3, Unit::WorkingDays), None).unwrap();
//! assert_eq!(due, t("2026-11-27T09:00"));
//! // Received after the 15:00 cut-off: counts from the next morning.
//! let due = clock.due(t("2026-11-24T15:30"), Period::new(0, Unit::WorkingDays), Some(15 * 60)).unwrap();
//! assert_eq!(due, t("2026-11-25T17:00"));
//! ```
use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use super::holidays::{bundled_overrides, from_epoch_day, HolidayRules, WorkCalendar, MAX_YEAR, MIN_YEAR};
use crate::error::{Error, ErrorCode};

/// A local time as minutes since 1970-01-01T00:00 Asia/Ho_Chi_Minh.
pub type Minute = i64;

/// Minutes in a day.
const DAY: i64 = 1440;

fn err(code: ErrorCode, field: impl Into<String>, detail: impl Into<String>) -> Error {
    Error::new(code, field.into(), detail)
}

/// The [`Minute`] of a local time.
pub fn to_minute(t: NaiveDateTime) -> Minute {
    t.and_utc().timestamp().div_euclid(60)
}

/// The local time of a [`Minute`] (`None` outside chrono's range).
pub fn from_minute(m: Minute) -> Option<NaiveDateTime> {
    m.checked_mul(60)
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .map(|d| d.naive_utc())
}

/// Parses a local time: `YYYY-MM-DDTHH:MM`, with optional `:SS`, a space instead of `T`, or the
/// DVCQG wire form `yyyyMMddHHmmss`. Seconds are dropped. Fails with
/// [`ErrorCode::DeadlineTime`] naming `field`.
pub fn parse_time(field: &str, s: &str) -> Result<NaiveDateTime, Error> {
    let t = s.trim();
    let parsed = if t.len() == 14 && t.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M%S").ok()
    } else {
        [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    };
    let parsed = parsed.filter(|p| (MIN_YEAR..=MAX_YEAR).contains(&chrono::Datelike::year(p)));
    parsed
        .map(|p| {
            p.with_second(0)
                .expect("0 is a valid second")
                .with_nanosecond(0)
                .expect("0 ns")
        })
        .ok_or_else(|| {
            err(
                ErrorCode::DeadlineTime,
                field,
                format!(
                    "{s} is not a local time YYYY-MM-DDTHH:MM (or yyyyMMddHHmmss) in {MIN_YEAR}-{MAX_YEAR}",
                    s = crate::text::shown(s, 40)
                ),
            )
        })
}

/// Formats a local time as `YYYY-MM-DDTHH:MM`.
pub fn format_time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// Parses a time of day `HH:MM` (00:00-24:00) into minutes since midnight. Fails with
/// [`ErrorCode::DeadlineTime`] naming `field`.
pub fn parse_clock(field: &str, s: &str) -> Result<u16, Error> {
    let bad = || {
        err(
            ErrorCode::DeadlineTime,
            field,
            format!("{s} is not a time of day HH:MM", s = crate::text::shown(s, 40)),
        )
    };
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m > 59 || h > 24 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

/// Formats minutes since midnight as `HH:MM`.
pub fn format_clock(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Office hours (giờ làm việc): the working windows of every working day, in minutes since
/// midnight, sorted and not overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OfficeHours {
    windows: Vec<(u16, u16)>,
    length: u32,
}

impl Default for OfficeHours {
    /// 07:00-11:30 and 13:30-17:00 (8 hours).
    fn default() -> Self {
        Self::new(vec![(7 * 60, 11 * 60 + 30), (13 * 60 + 30, 17 * 60)]).expect("valid default")
    }
}

impl OfficeHours {
    /// Windows `(start, end)` in minutes since midnight. Fails with
    /// [`ErrorCode::DeadlineOfficeHours`] when there is none, one is empty or inverted, ends after
    /// 24:00, or they overlap or are out of order (touching windows are allowed).
    pub fn new(windows: Vec<(u16, u16)>) -> Result<Self, Error> {
        let bad = |d: String| err(ErrorCode::DeadlineOfficeHours, "office_hours", d);
        if windows.is_empty() {
            return Err(bad("no working window".into()));
        }
        let mut prev_end = 0;
        let mut length = 0u32;
        for (i, &(s, e)) in windows.iter().enumerate() {
            if s >= e || e > 1440 {
                return Err(bad(format!(
                    "window {} ({}-{}) is empty, inverted or past 24:00",
                    i + 1,
                    format_clock(s),
                    format_clock(e)
                )));
            }
            if i > 0 && s < prev_end {
                return Err(bad(format!(
                    "window {} starts at {} before the previous one ends",
                    i + 1,
                    format_clock(s)
                )));
            }
            prev_end = e;
            length += u32::from(e - s);
        }
        Ok(Self { windows, length })
    }

    /// Parses `07:00-11:30,13:30-17:00`.
    pub fn parse(s: &str) -> Result<Self, Error> {
        let mut windows = Vec::new();
        for part in s.split(',') {
            let (a, b) = part.split_once('-').ok_or_else(|| {
                err(
                    ErrorCode::DeadlineOfficeHours,
                    "office_hours",
                    format!("{part} is not HH:MM-HH:MM", part = crate::text::shown(part, 40)),
                )
            })?;
            windows.push((parse_clock("office_hours", a)?, parse_clock("office_hours", b)?));
        }
        Self::new(windows)
    }

    /// The windows.
    pub fn windows(&self) -> &[(u16, u16)] {
        &self.windows
    }

    /// Working minutes in a working day (480 by default).
    pub fn minutes_per_day(&self) -> u32 {
        self.length
    }

    /// Opening time (minutes since midnight).
    pub fn opening(&self) -> u16 {
        self.windows[0].0
    }

    /// Closing time (minutes since midnight).
    pub fn closing(&self) -> u16 {
        self.windows[self.windows.len() - 1].1
    }

    /// Working minutes of a working day before the time of day `t`.
    #[inline]
    fn elapsed(&self, t: u16) -> u32 {
        let mut n = 0;
        for &(s, e) in &self.windows {
            if t <= s {
                break;
            }
            n += u32::from(t.min(e) - s);
        }
        n
    }

    /// The time of day after `offset` working minutes (0..=length): the earliest such instant
    /// (`end`: a window's end rather than the next start) or the latest (a window's start).
    #[inline]
    fn time_at(&self, offset: u32, end: bool) -> u16 {
        let mut before = 0;
        for &(s, e) in &self.windows {
            let len = u32::from(e - s);
            if offset < before + len || (end && offset == before + len) {
                return s + (offset - before) as u16;
            }
            before += len;
        }
        self.closing()
    }
}

impl fmt::Display for OfficeHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, &(s, e)) in self.windows.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}-{}", format_clock(s), format_clock(e))?;
        }
        Ok(())
    }
}

/// Unit of a processing time (đơn vị thời hạn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// `working-days` (ngày làm việc).
    WorkingDays,
    /// `working-hours` (giờ làm việc).
    WorkingHours,
    /// `calendar-days` (ngày).
    CalendarDays,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 3] = [Self::WorkingDays, Self::WorkingHours, Self::CalendarDays];

    /// The name: `working-days`, `working-hours`, `calendar-days`.
    pub fn name(self) -> &'static str {
        match self {
            Self::WorkingDays => "working-days",
            Self::WorkingHours => "working-hours",
            Self::CalendarDays => "calendar-days",
        }
    }

    /// Looks a name up.
    pub fn from_name(s: &str) -> Result<Self, Error> {
        Self::ALL.into_iter().find(|u| u.name() == s).ok_or_else(|| {
            err(
                ErrorCode::DeadlinePeriod,
                "unit",
                format!(
                    "{s} is not working-days, working-hours or calendar-days",
                    s = crate::text::shown(s, 40)
                ),
            )
        })
    }
}

/// A processing time (thời hạn giải quyết): `amount` `unit`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// How many.
    pub amount: u32,
    /// Of what.
    pub unit: Unit,
}

impl Period {
    /// `amount` `unit`s.
    pub fn new(amount: u32, unit: Unit) -> Self {
        Self { amount, unit }
    }
}

/// Why the clock stopped (dừng tính thời gian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseKind {
    /// Supplement requested (yêu cầu bổ sung, status 5).
    Supplement,
    /// Financial obligation pending (chờ thực hiện nghĩa vụ tài chính, status 6).
    Financial,
}

/// What a clock stop does to the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PausePolicy {
    /// Pause and extend (default): the time inside the pause is added to the due date.
    #[default]
    Extend,
    /// Restart: the whole processing time starts again when the pause ends (brief §4.5 (b)).
    Restart,
}

/// One clock stop: from the request (status 5/6 entered) to its end (`None`: still paused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pause {
    /// Why.
    pub kind: PauseKind,
    /// When it started.
    pub from: NaiveDateTime,
    /// When it ended (supplement received, obligation paid); `None` while it lasts.
    pub to: Option<NaiveDateTime>,
}

/// The timing facts of a dossier: what the due date depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timing {
    /// Reception of the complete, valid dossier (ngày tiếp nhận).
    pub received: NaiveDateTime,
    /// Processing time.
    pub period: Period,
    /// Same-day cut-off of the procedure (minutes since midnight), e.g. 15:00 = 900.
    pub cutoff: Option<u16>,
    /// Clock stops, in time order.
    pub pauses: Vec<Pause>,
    /// Policy for supplement requests.
    pub supplement_policy: PausePolicy,
    /// Policy for financial obligations.
    pub financial_policy: PausePolicy,
}

impl Timing {
    /// A dossier with no clock stop and the default policies.
    pub fn new(received: NaiveDateTime, period: Period, cutoff: Option<u16>) -> Self {
        Self {
            received,
            period,
            cutoff,
            pauses: Vec::new(),
            supplement_policy: PausePolicy::Extend,
            financial_policy: PausePolicy::Extend,
        }
    }
}

/// A due date with what it was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Schedule {
    /// Due date (ngày hẹn trả); `None` while the clock is stopped (the end of the pause decides).
    #[serde(serialize_with = "ser_opt_time")]
    pub due: Option<NaiveDateTime>,
    /// Reception, as given.
    #[serde(serialize_with = "ser_time")]
    pub received: NaiveDateTime,
    /// When the processing time starts counting (ngày bắt đầu tính): the first working minute
    /// after the reception (cut-off applied), or after the last restart.
    #[serde(serialize_with = "ser_time")]
    pub start: NaiveDateTime,
    /// The clock is stopped now (the last pause has no end).
    pub paused: bool,
    /// Working minutes inside the pauses that extended the due date.
    pub paused_working_minutes: i64,
    /// How many times the processing time restarted.
    pub restarts: u32,
    /// How many supplement requests (status 5 pauses) there were.
    pub supplements: u32,
}

/// Where a dossier stands (QĐ 766 wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Closed before the due date's day (trước hạn).
    Early,
    /// Closed on the due date's day, not after the due time (đúng hạn).
    OnTime,
    /// Closed or still open after the due time (trễ hạn / quá hạn), or more supplement requests
    /// than allowed.
    Late,
    /// Open, in time, more than the warning time left (trong hạn).
    OnTrack,
    /// Open, in time, at most the warning time left (sắp đến hạn).
    DueSoon,
}

impl Standing {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Early => "early",
            Self::OnTime => "on_time",
            Self::Late => "late",
            Self::OnTrack => "on_track",
            Self::DueSoon => "due_soon",
        }
    }
}

/// What is observed: an open dossier at an instant, or the closing time of a closed one (end of
/// processing: done, result returned, stopped, refused or withdrawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Observation {
    /// Still open at this instant (e.g. the end of the reporting period).
    OpenAt(NaiveDateTime),
    /// Closed at this instant.
    ClosedAt(NaiveDateTime),
}

/// Options of [`WorkClock::assess`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AssessRules {
    /// An open dossier is "due soon" with at most this many working minutes left (default 480,
    /// one working day; TH uses 24 h of clock time).
    pub warn_minutes: u32,
    /// More supplement requests than this make the dossier late (QĐ 766: more than one); `None`
    /// disables the rule.
    pub max_supplements: Option<u32>,
    /// Compare days, not instants, for lateness (TH reports: late when date(end) > date(due)).
    /// Default `false` (QĐ 766: on time when end ≤ NgayHenTra).
    pub late_by_day: bool,
}

impl Default for AssessRules {
    fn default() -> Self {
        Self {
            warn_minutes: 480,
            max_supplements: Some(1),
            late_by_day: false,
        }
    }
}

/// The QĐ 766 classification of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Assessment {
    /// Where it stands.
    pub standing: Standing,
    /// Closed dossier?
    pub closed: bool,
    /// The due date compared with.
    #[serde(serialize_with = "ser_time")]
    pub due: NaiveDateTime,
    /// The instant scored: the closing time, the observation instant, or the start of the current
    /// clock stop (QĐ 766: a dossier waiting for a supplement is scored at the request time).
    #[serde(serialize_with = "ser_time")]
    pub scored_at: NaiveDateTime,
    /// Working minutes used from the start to `scored_at`, pauses excluded.
    pub elapsed_working_minutes: i64,
    /// Working minutes from `scored_at` to the due date (negative when late).
    pub remaining_working_minutes: i64,
    /// More supplement requests than [`AssessRules::max_supplements`].
    pub too_many_supplements: bool,
}

fn ser_time<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%Y-%m-%dT%H:%M"))
}

fn ser_opt_time<S: serde::Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => ser_time(t, s),
        None => s.serialize_none(),
    }
}

/// A working clock (đồng hồ làm việc): a precomputed [`WorkCalendar`] and [`OfficeHours`].
///
/// Working time is counted on a line: position `p` = (working days before the day) × (day length)
/// plus the working minutes of the day before the time. Every computation is a few lookups on the
/// calendar's bitset (no day-by-day loop).
#[derive(Debug, Clone)]
pub struct WorkClock {
    calendar: WorkCalendar,
    hours: OfficeHours,
}

/// Internal result of running a [`Timing`] up to an instant.
struct Run {
    start_pos: i64,
    start: Minute,
    /// Working minutes paused (extend policy), since the last restart.
    ext_working: i64,
    /// Calendar minutes paused (extend policy), since the last restart.
    ext_calendar: i64,
    open_from: Option<Minute>,
    restarts: u32,
    supplements: u32,
}

impl WorkClock {
    /// A clock on `calendar` (which must be precomputed over the years the deadlines fall in; see
    /// [`WorkCalendar::new`]) with `hours`.
    pub fn new(calendar: WorkCalendar, hours: OfficeHours) -> Self {
        Self { calendar, hours }
    }

    /// The default rules, the bundled overrides, default office hours, years 1900-2199.
    pub fn standard() -> Result<Self, Error> {
        let cal = WorkCalendar::new(HolidayRules::default(), bundled_overrides()?, MIN_YEAR..=MAX_YEAR)?;
        Ok(Self::new(cal, OfficeHours::default()))
    }

    /// The calendar.
    pub fn calendar(&self) -> &WorkCalendar {
        &self.calendar
    }

    /// The office hours.
    pub fn hours(&self) -> &OfficeHours {
        &self.hours
    }

    fn range_error(&self, field: &str, m: Minute) -> Error {
        let days = self.calendar.cached_days();
        let show = |d: i64| from_epoch_day(d).map_or_else(|| d.to_string(), |d| d.to_string());
        let what = from_minute(m).map_or_else(|| m.to_string(), format_time);
        err(
            ErrorCode::DeadlineRange,
            field,
            format!(
                "{what} is outside the calendar's days {}..{}",
                show(days.start),
                show(days.end - 1)
            ),
        )
    }

    /// Position of `m` on the working line.
    #[inline]
    fn pos(&self, field: &str, m: Minute) -> Result<i64, Error> {
        let day = m.div_euclid(DAY);
        let (Some(working), Some(rank)) = (self.calendar.cached(day), self.calendar.rank(day)) else {
            return Err(self.range_error(field, m));
        };
        let len = i64::from(self.hours.length);
        let within = if working {
            i64::from(self.hours.elapsed(m.rem_euclid(DAY) as u16))
        } else {
            0
        };
        Ok(i64::from(rank) * len + within)
    }

    /// Position where time starts counting for a reception at `m` with a cut-off.
    #[inline]
    fn start_pos(&self, field: &str, m: Minute, cutoff: Option<u16>) -> Result<i64, Error> {
        let p = self.pos(field, m)?;
        let len = i64::from(self.hours.length);
        match cutoff {
            Some(c) if m.rem_euclid(DAY) >= i64::from(c) && self.calendar.cached(m.div_euclid(DAY)) == Some(true) => {
                Ok((p.div_euclid(len) + 1) * len)
            }
            _ => Ok(p),
        }
    }

    /// The instant at position `p`: the earliest (`end`, for due dates) or the latest (for starts).
    #[inline]
    fn at(&self, field: &str, p: i64, end: bool) -> Result<Minute, Error> {
        let len = i64::from(self.hours.length);
        let (mut k, mut r) = (p.div_euclid(len), p.rem_euclid(len));
        if end && r == 0 && k > 0 {
            k -= 1;
            r = len;
        }
        let day = u32::try_from(k)
            .ok()
            .and_then(|k| self.calendar.select(k))
            .ok_or_else(|| self.range_error(field, self.calendar.cached_days().end * DAY))?;
        Ok(day * DAY + i64::from(self.hours.time_at(r as u32, end)))
    }

    /// Working minutes from `from` to `to` (negative when `to` is earlier).
    pub fn working_minutes(&self, from: NaiveDateTime, to: NaiveDateTime) -> Result<i64, Error> {
        Ok(self.pos("to", to_minute(to))? - self.pos("from", to_minute(from))?)
    }

    /// When the processing time of a dossier received at `received` starts counting.
    pub fn start(&self, received: NaiveDateTime, cutoff: Option<u16>) -> Result<NaiveDateTime, Error> {
        let p = self.start_pos("received", to_minute(received), cutoff)?;
        Ok(minute_time(self.at("received", p, false)?))
    }

    /// Due date (ngày hẹn trả) of a dossier received at `received` with no clock stop.
    pub fn due(&self, received: NaiveDateTime, period: Period, cutoff: Option<u16>) -> Result<NaiveDateTime, Error> {
        self.due_minute(to_minute(received), period, cutoff).map(minute_time)
    }

    /// [`WorkClock::due`] on [`Minute`]s (the batch form).
    #[inline]
    pub fn due_minute(&self, received: Minute, period: Period, cutoff: Option<u16>) -> Result<Minute, Error> {
        check_amount(i64::from(period.amount))?;
        let p = self.start_pos("received", received, cutoff)?;
        let start = match period.unit {
            Unit::CalendarDays => self.at("received", p, false)?,
            _ => 0,
        };
        self.due_from(p, start, period, 0, 0)
    }

    /// Due dates of many receptions (the batch form of [`WorkClock::due_minute`]): `out[i]` is the
    /// due date of `received[i]` with `amounts[i]`, or with `amounts[0]` when one amount is given
    /// for all. Splits the work over `threads` threads (0 or 1: this thread); the result does not
    /// depend on the thread count.
    ///
    /// Fails on the first bad element (lowest index) with the error's field naming it
    /// (`received[17]`, `due[17]`); [`ErrorCode::InvalidArgument`] when the lengths differ.
    pub fn due_many(
        &self,
        received: &[Minute],
        amounts: &[u32],
        unit: Unit,
        cutoff: Option<u16>,
        out: &mut [Minute],
        threads: usize,
    ) -> Result<(), Error> {
        if out.len() != received.len() || (amounts.len() != 1 && amounts.len() != received.len()) {
            return Err(err(
                ErrorCode::InvalidArgument,
                "amounts",
                format!(
                    "{} receptions, {} amounts (1 or as many), {} outputs",
                    received.len(),
                    amounts.len(),
                    out.len()
                ),
            ));
        }
        let one = |offset: usize, rec: &[Minute], out: &mut [Minute]| -> Result<(), Error> {
            for (i, (r, o)) in rec.iter().zip(out.iter_mut()).enumerate() {
                let amount = if amounts.len() == 1 {
                    amounts[0]
                } else {
                    amounts[offset + i]
                };
                *o = self
                    .due_minute(*r, Period::new(amount, unit), cutoff)
                    .map_err(|mut e| {
                        e.field = format!("{}[{}]", e.field, offset + i).into();
                        e
                    })?;
            }
            Ok(())
        };
        let threads = threads.clamp(1, 64);
        if threads == 1 || received.len() < 4096 {
            return one(0, received, out);
        }
        let chunk = received.len().div_ceil(threads);
        let results: Vec<Result<(), Error>> = std::thread::scope(|s| {
            let handles: Vec<_> = received
                .chunks(chunk)
                .zip(out.chunks_mut(chunk))
                .enumerate()
                .map(|(k, (rec, out))| s.spawn(move || one(k * chunk, rec, out)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(err(ErrorCode::Panic, "due_many", "worker panicked")))
                })
                .collect()
        });
        results.into_iter().collect()
    }

    /// Due date from a start position (and its instant, for calendar days) plus extensions.
    #[inline]
    fn due_from(&self, p: i64, start: Minute, period: Period, ext_w: i64, ext_c: i64) -> Result<Minute, Error> {
        let len = i64::from(self.hours.length);
        let amount = i64::from(period.amount);
        match period.unit {
            Unit::WorkingDays if amount == 0 => self.at("due", (p.div_euclid(len) + 1) * len + ext_w, true),
            Unit::WorkingDays => self.at("due", p + amount * len + ext_w, true),
            Unit::WorkingHours => self.at("due", p + amount * 60 + ext_w, amount * 60 + ext_w > 0),
            Unit::CalendarDays => {
                let raw = start + amount * DAY + ext_c;
                let day = raw.div_euclid(DAY);
                match self.calendar.cached(day) {
                    Some(true) => Ok(raw),
                    Some(false) => {
                        let k = self.calendar.rank(day).ok_or_else(|| self.range_error("due", raw))?;
                        let next = self.calendar.select(k).ok_or_else(|| self.range_error("due", raw))?;
                        Ok(next * DAY + i64::from(self.hours.closing()))
                    }
                    None => Err(self.range_error("due", raw)),
                }
            }
        }
    }

    /// Checks the pauses and runs them up to `horizon` (pauses starting after it are ignored; one
    /// spanning it is open, or ends at it with `close_at_horizon`).
    fn run(&self, t: &Timing, horizon: Option<(Minute, bool)>) -> Result<Run, Error> {
        let received = to_minute(t.received);
        let mut start_pos = self.start_pos("received", received, t.cutoff)?;
        let mut run = Run {
            start_pos,
            start: self.at("received", start_pos, false)?,
            ext_working: 0,
            ext_calendar: 0,
            open_from: None,
            restarts: 0,
            supplements: 0,
        };
        let mut prev_end = received;
        for (i, pause) in t.pauses.iter().enumerate() {
            let field = |f: &str| format!("pauses[{i}].{f}");
            let from = to_minute(pause.from);
            if from < prev_end {
                let what = if i == 0 {
                    "the reception"
                } else {
                    "the end of the previous pause"
                };
                return Err(err(ErrorCode::DeadlinePause, field("from"), format!("before {what}")));
            }
            let to = pause.to.map(to_minute);
            match to {
                Some(to) if to < from => {
                    return Err(err(ErrorCode::DeadlinePause, field("to"), "before its start"));
                }
                None if i + 1 < t.pauses.len() => {
                    return Err(err(
                        ErrorCode::DeadlinePause,
                        field("to"),
                        "missing: only the last pause may still be open",
                    ));
                }
                _ => {}
            }
            prev_end = to.unwrap_or(from);
            let (to, horizon_cut) = match horizon {
                Some((h, _)) if from > h => continue,
                Some((h, close)) if to.map_or(true, |to| to > h) => (if close { Some(h) } else { None }, true),
                _ => (to, false),
            };
            if pause.kind == PauseKind::Supplement {
                run.supplements += 1;
            }
            let Some(to) = to else {
                run.open_from = Some(from);
                if horizon_cut {
                    break;
                }
                continue;
            };
            let policy = match pause.kind {
                PauseKind::Supplement => t.supplement_policy,
                PauseKind::Financial => t.financial_policy,
            };
            match policy {
                PausePolicy::Extend => {
                    let pf = self.pos(&field("from"), from)?.max(start_pos);
                    let pt = self.pos(&field("to"), to)?.max(start_pos);
                    run.ext_working += pt - pf;
                    run.ext_calendar += to.max(run.start) - from.max(run.start);
                }
                PausePolicy::Restart => {
                    start_pos = self.start_pos(&field("to"), to, t.cutoff)?;
                    run.start_pos = start_pos;
                    run.start = self.at(&field("to"), start_pos, false)?;
                    run.ext_working = 0;
                    run.ext_calendar = 0;
                    run.restarts += 1;
                }
            }
            if horizon_cut {
                break;
            }
        }
        Ok(run)
    }

    /// The due date of a dossier with its clock stops ([`Schedule::due`] is `None` while the last
    /// pause is open). Fails with [`ErrorCode::DeadlinePause`] when the pauses are out of order,
    /// overlap, start before the reception or end before they start, or an open one is not last.
    pub fn schedule(&self, t: &Timing) -> Result<Schedule, Error> {
        let run = self.run(t, None)?;
        let due = match run.open_from {
            Some(_) => None,
            None => Some(minute_time(self.due_from(
                run.start_pos,
                run.start,
                t.period,
                run.ext_working,
                run.ext_calendar,
            )?)),
        };
        Ok(Schedule {
            received: t.received,
            start: minute_time(run.start),
            due,
            paused: run.open_from.is_some(),
            paused_working_minutes: run.ext_working,
            restarts: run.restarts,
            supplements: run.supplements,
        })
    }

    /// The QĐ 766 classification (brief §4.4-4.5). The timing is taken as of the observed instant:
    /// pauses starting later are ignored, one spanning it is open (for an open dossier) or ends
    /// at the closing (for a closed one).
    ///
    /// - Scored instant: the closing time; for an open dossier the observation instant, or the
    ///   start of the current clock stop (a dossier waiting for a supplement is scored at the
    ///   request time).
    /// - Late when the scored instant is after the due date (or its day after the due day with
    ///   [`AssessRules::late_by_day`]), or when there were more supplement requests than
    ///   [`AssessRules::max_supplements`].
    /// - Closed and not late: early when its day is before the due day, else on time.
    /// - Open and not late: due soon with at most [`AssessRules::warn_minutes`] working minutes
    ///   left, else on track.
    pub fn assess(&self, t: &Timing, obs: Observation, rules: &AssessRules) -> Result<Assessment, Error> {
        let (at, closed, field) = match obs {
            Observation::OpenAt(at) => (at, false, "at"),
            Observation::ClosedAt(at) => (at, true, "closed_at"),
        };
        if at < t.received {
            return Err(err(ErrorCode::DeadlineTime, field, "before the reception"));
        }
        let at = to_minute(at);
        let run = self.run(t, Some((at, closed)))?;
        let due = self.due_from(run.start_pos, run.start, t.period, run.ext_working, run.ext_calendar)?;
        let scored = run.open_from.unwrap_or(at);
        let scored_pos = self.pos(field, scored)?;
        let due_pos = self.pos("due", due)?;
        let too_many = rules.max_supplements.is_some_and(|m| run.supplements > m);
        let (scored_day, due_day) = (scored.div_euclid(DAY), due.div_euclid(DAY));
        let late = too_many
            || if rules.late_by_day {
                scored_day > due_day
            } else {
                scored > due
            };
        let remaining = due_pos - scored_pos;
        let standing = match (closed, late) {
            (_, true) => Standing::Late,
            (true, false) if scored_day < due_day => Standing::Early,
            (true, false) => Standing::OnTime,
            (false, false) if remaining <= i64::from(rules.warn_minutes) => Standing::DueSoon,
            (false, false) => Standing::OnTrack,
        };
        Ok(Assessment {
            standing,
            closed,
            due: minute_time(due),
            scored_at: minute_time(scored),
            elapsed_working_minutes: (scored_pos - run.start_pos - run.ext_working).max(0),
            remaining_working_minutes: remaining,
            too_many_supplements: too_many,
        })
    }
}

/// Largest processing time amount accepted (any unit).
pub const MAX_AMOUNT: i64 = 100_000;

/// Checks a processing time amount: a whole number 0..=[`MAX_AMOUNT`] (code 5004, field `amount`).
pub fn check_amount(amount: i64) -> Result<u32, Error> {
    u32::try_from(amount)
        .ok()
        .filter(|a| i64::from(*a) <= MAX_AMOUNT)
        .ok_or_else(|| {
            err(
                ErrorCode::DeadlinePeriod,
                "amount",
                format!("{amount} is not a whole number 0-{MAX_AMOUNT}"),
            )
        })
}

/// A [`Minute`] inside the calendar's years as a time.
fn minute_time(m: Minute) -> NaiveDateTime {
    from_minute(m).expect("minutes inside 1900-2199")
}

/// The date of a [`Minute`].
pub fn minute_date(m: Minute) -> Option<NaiveDate> {
    from_epoch_day(m.div_euclid(DAY))
}
