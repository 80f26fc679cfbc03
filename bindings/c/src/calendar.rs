//! Calendar and deadlines (lịch, thời hạn): working clocks, due dates, the lunar calendar.
use super::{
    answer_json, fail, guard, handle, json_error, non_null, opt_str_arg, put_string, slice_arg, slice_mut_arg, str_arg,
    MOTCUA_OK,
};
use chrono::{Datelike, NaiveDate};
use motcua_core::calendar::deadline::{format_time, from_minute, parse_time, to_minute, Minute};
use motcua_core::calendar::{lunar_to_solar, solar_to_lunar, ClockConfig, LunarDate, Period, Unit, WorkClock};
use motcua_core::config::parse_date;
use motcua_core::{Error, ErrorCode};
use std::ffi::c_char;

/// Unit `working-days` (ngày làm việc) for `motcua_clock_due` / `motcua_clock_due_many`.
pub const MOTCUA_UNIT_WORKING_DAYS: i32 = 0;
/// Unit `working-hours` (giờ làm việc).
pub const MOTCUA_UNIT_WORKING_HOURS: i32 = 1;
/// Unit `calendar-days` (ngày).
pub const MOTCUA_UNIT_CALENDAR_DAYS: i32 = 2;

// The unit constants are indexes into the core's `Unit::ALL`.
const _: () = assert!(
    Unit::ALL.len() == 3
        && matches!(Unit::ALL[MOTCUA_UNIT_WORKING_DAYS as usize], Unit::WorkingDays)
        && matches!(Unit::ALL[MOTCUA_UNIT_WORKING_HOURS as usize], Unit::WorkingHours)
        && matches!(Unit::ALL[MOTCUA_UNIT_CALENDAR_DAYS as usize], Unit::CalendarDays)
);

/// Opaque working clock (đồng hồ làm việc): the working calendar 1900-2199 and the office hours,
/// built once by `motcua_clock_new`. Read-only after creation: one handle may be shared by threads.
pub struct MotcuaClock(WorkClock);

/// A date of the Vietnamese lunar calendar (ngày âm lịch, UTC+7).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MotcuaLunarDate {
    /// Lunar year (năm âm lịch); before Tết it is the previous solar year.
    pub year: i32,
    /// Month 1-12 (tháng).
    pub month: i32,
    /// Day 1-30 (ngày).
    pub day: i32,
    /// True in a leap month (tháng nhuận), which repeats the number of the month before it.
    pub leap: bool,
}

fn unit_arg(unit: i32) -> Result<Unit, Error> {
    usize::try_from(unit)
        .ok()
        .and_then(|i| Unit::ALL.get(i).copied())
        .ok_or_else(|| {
            Error::new(
                ErrorCode::DeadlinePeriod,
                "unit",
                format!(
                    "{unit} is not MOTCUA_UNIT_WORKING_DAYS, MOTCUA_UNIT_WORKING_HOURS or MOTCUA_UNIT_CALENDAR_DAYS"
                ),
            )
        })
}

/// A cut-off in minutes since midnight; negative means none.
fn cutoff_arg(cutoff: i32) -> Result<Option<u16>, Error> {
    if cutoff < 0 {
        return Ok(None);
    }
    u16::try_from(cutoff)
        .ok()
        .filter(|c| *c <= 24 * 60)
        .map(Some)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::DeadlineTime,
                "cutoff",
                format!("{cutoff} is not a time of day in minutes 0-1440"),
            )
        })
}

fn time_arg(field: &'static str, m: Minute) -> Result<chrono::NaiveDateTime, Error> {
    from_minute(m).ok_or_else(|| {
        Error::new(
            ErrorCode::DeadlineRange,
            field,
            format!("minute {m} is not a representable time"),
        )
    })
}

fn date_arg(year: i32, month: i32, day: i32) -> Result<NaiveDate, Error> {
    u32::try_from(month)
        .ok()
        .zip(u32::try_from(day).ok())
        .and_then(|(m, d)| NaiveDate::from_ymd_opt(year, m, d))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidArgument,
                "date",
                format!("{year:04}-{month:02}-{day:02} is not a date"),
            )
        })
}

/// Creates a working clock from the JSON clock settings (`ClockConfig`: `office_hours`, `tet_rule`,
/// `include_24_11`, `compensation`, `saturday_working`, `bundled_overrides`, `overrides`,
/// `overrides_csv`; `config_json` NULL or `""` = the defaults). Precomputes the calendar
/// 1900-2199 (a few milliseconds): create it once. Free with `motcua_clock_free`.
/// On a bad config, `*out_message` (if not NULL) receives `"field: detail"` (free it).
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_new(
    config_json: *const c_char,
    out: *mut *mut MotcuaClock,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        arg!(non_null(out))?;
        let text = arg!(opt_str_arg(config_json))?.unwrap_or("");
        match ClockConfig::from_json(text).and_then(|c| c.clock()) {
            Ok(clock) => {
                *out = Box::into_raw(Box::new(MotcuaClock(clock)));
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e, out_message),
        }
    })
}

/// Frees a working clock (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_free(c: *mut MotcuaClock) {
    if !c.is_null() {
        drop(Box::from_raw(c));
    }
}

/// Due date (ngày hẹn trả) with no clock stop. Times are minutes since 1970-01-01T00:00 local
/// Asia/Ho_Chi_Minh time (see `motcua_time_parse`). `unit` is a `MOTCUA_UNIT_*`; `cutoff_minute`
/// is the same-day cut-off in minutes since midnight (15:00 = 900), negative for none; `amount` is
/// 0-100000 (else `MOTCUA_ERR_DEADLINE_PERIOD`). On failure `*out_message` (if not NULL) receives `"field: detail"` (free it).
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_due(
    clock: *const MotcuaClock,
    received_minute: i64,
    amount: u32,
    unit: i32,
    cutoff_minute: i32,
    due_out: *mut i64,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        arg!(non_null(due_out))?;
        let due = unit_arg(unit)
            .and_then(|unit| clock.due_minute(received_minute, Period::new(amount, unit), cutoff_arg(cutoff_minute)?));
        match due {
            Ok(m) => {
                *due_out = m;
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e, out_message),
        }
    })
}

/// Due dates of `n` receptions (the batch form of `motcua_clock_due`): `out[i]` is the due date of
/// `received[i]` with `amounts[i]` (`n_amounts == n`) or `amounts[0]` (`n_amounts == 1`). `out`
/// holds `n` values and must not overlap `received`. Runs on up to `threads` threads (0 or 1: the
/// calling thread; the result does not depend on it). Fails on the lowest bad index, whose
/// `"field[i]: detail"` goes to `*out_message` (if not NULL); `out` is then unspecified.
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_due_many(
    clock: *const MotcuaClock,
    received: *const i64,
    n: usize,
    amounts: *const u32,
    n_amounts: usize,
    unit: i32,
    cutoff_minute: i32,
    out: *mut i64,
    threads: usize,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        let received = arg!(slice_arg(received, n))?;
        let amounts = arg!(slice_arg(amounts, n_amounts))?;
        let out = arg!(slice_mut_arg(out, n))?;
        let r = unit_arg(unit)
            .and_then(|unit| clock.due_many(received, amounts, unit, cutoff_arg(cutoff_minute)?, out, threads));
        match r {
            Ok(()) => Ok(MOTCUA_OK),
            Err(e) => fail(e, out_message),
        }
    })
}

/// When the processing time of a dossier received at `received_minute` starts counting (ngày bắt
/// đầu tính): the first working minute at or after it, `cutoff_minute` (negative: none) applied.
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_start(
    clock: *const MotcuaClock,
    received_minute: i64,
    cutoff_minute: i32,
    start_out: *mut i64,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        arg!(non_null(start_out))?;
        let received = time_arg("received", received_minute)?;
        let cutoff = cutoff_arg(cutoff_minute)?;
        *start_out = to_minute(clock.start(received, cutoff)?);
        Ok(MOTCUA_OK)
    })
}

/// Working minutes between two times (negative when `to_minute` is earlier).
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_working_minutes(
    clock: *const MotcuaClock,
    from_minute: i64,
    to_minute: i64,
    minutes_out: *mut i64,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        arg!(non_null(minutes_out))?;
        let from = time_arg("from", from_minute)?;
        let to = time_arg("to", to_minute)?;
        *minutes_out = clock.working_minutes(from, to)?;
        Ok(MOTCUA_OK)
    })
}

/// Answers a JSON due-date request (`DueRequest`: `received`, `amount`, `unit`, optional `cutoff`,
/// `pauses` [{kind supplement|financial, from, to}], `supplement_policy`, `financial_policy`
/// extend|restart, `at` or `closed_at`, `warn_hours`, `max_supplements`, `late_by_day`). `*report_json_out`
/// receives the `DueReport` (`due`, `received`, `start`, `paused`, ..., `assessment` by QĐ 766) or
/// `{"error": {"code", "field", "message"}}` on a bad request (whose code is also returned).
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_evaluate(
    clock: *const MotcuaClock,
    request_json: *const c_char,
    report_json_out: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        let request = arg!(str_arg(request_json))?;
        arg!(non_null(report_json_out))?;
        answer_json(report_json_out, clock.evaluate_json(request))
    })
}

/// Parses a local Asia/Ho_Chi_Minh time `YYYY-MM-DDTHH:MM` (optional `:SS`, a space for `T`) or
/// `yyyyMMddHHmmss`, years 1900-2199, into minutes since 1970-01-01T00:00 (seconds dropped).
/// Fails with `MOTCUA_ERR_DEADLINE_TIME`.
#[no_mangle]
pub unsafe extern "C" fn motcua_time_parse(text: *const c_char, minute_out: *mut i64) -> i32 {
    guard(|| {
        let text = arg!(str_arg(text))?;
        arg!(non_null(minute_out))?;
        *minute_out = to_minute(parse_time("time", text)?);
        Ok(MOTCUA_OK)
    })
}

/// Formats minutes since 1970-01-01T00:00 local time as `YYYY-MM-DDTHH:MM` into `*out` (free it).
#[no_mangle]
pub unsafe extern "C" fn motcua_time_format(minute: i64, out: *mut *mut c_char) -> i32 {
    guard(|| {
        arg!(non_null(out))?;
        let t = time_arg("minute", minute)?;
        put_string(out, format_time(t))?;
        Ok(MOTCUA_OK)
    })
}

/// Is `year`-`month`-`day` a working day (ngày làm việc) of the clock's calendar? `*working_out`
/// receives 1 or 0. An impossible date gives `MOTCUA_ERR_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_is_working_day(
    clock: *const MotcuaClock,
    year: i32,
    month: i32,
    day: i32,
    working_out: *mut i32,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        arg!(non_null(working_out))?;
        let date = date_arg(year, month, day)?;
        *working_out = i32::from(clock.calendar().is_working_day(date)?);
        Ok(MOTCUA_OK)
    })
}

/// Why `date` (`YYYY-MM-DD`) is or is not a working day: `*json_out` receives
/// `{"date", "working", "reasons": [{"rule": weekday|weekend|statutory|tet|compensatory|override, ...}]}`
/// (the deciding reason last) or `{"error": {"code", "field", "message"}}`.
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_day_json(
    clock: *const MotcuaClock,
    date: *const c_char,
    json_out: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        let date = arg!(str_arg(date))?;
        arg!(non_null(json_out))?;
        let info = parse_date("date", date).and_then(|d| clock.calendar().day(d));
        answer_json(
            json_out,
            info.and_then(|i| serde_json::to_string(&i).map_err(json_error)),
        )
    })
}

/// The days off (ngày nghỉ lễ, Tết, nghỉ bù, overrides) of `year` in date order: `*json_out`
/// receives `[{"date", "name", "kind"}]` or `{"error": {"code", "field", "message"}}`.
#[no_mangle]
pub unsafe extern "C" fn motcua_clock_holidays_json(
    clock: *const MotcuaClock,
    year: i32,
    json_out: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let clock = &arg!(handle(clock))?.0;
        arg!(non_null(json_out))?;
        answer_json(
            json_out,
            clock
                .calendar()
                .holidays(year)
                .and_then(|h| serde_json::to_string(&h).map_err(json_error)),
        )
    })
}

/// The lunar date (âm lịch, UTC+7) of the solar date `year`-`month`-`day` (1900-01-01..=2200-02-14).
#[no_mangle]
pub unsafe extern "C" fn motcua_lunar_from_solar(year: i32, month: i32, day: i32, out: *mut MotcuaLunarDate) -> i32 {
    guard(|| {
        arg!(non_null(out))?;
        let date = date_arg(year, month, day)?;
        let l = solar_to_lunar(date)?;
        *out = MotcuaLunarDate {
            year: l.year,
            month: i32::from(l.month),
            day: i32::from(l.day),
            leap: l.leap,
        };
        Ok(MOTCUA_OK)
    })
}

/// The solar date of a lunar date. A date that does not exist (day 30 of a 29-day month, `leap` on a
/// month that is not the leap month, out of range) gives `MOTCUA_ERR_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn motcua_lunar_to_solar(
    lunar: *const MotcuaLunarDate,
    year_out: *mut i32,
    month_out: *mut i32,
    day_out: *mut i32,
) -> i32 {
    guard(|| {
        let l = arg!(handle(lunar))?;
        arg!(non_null(year_out))?;
        arg!(non_null(month_out))?;
        arg!(non_null(day_out))?;
        let small = |v: i32, field: &'static str| {
            u8::try_from(v).map_err(|_| Error::new(ErrorCode::InvalidArgument, field, format!("{v} is out of range")))
        };
        let date = lunar_to_solar(LunarDate {
            year: l.year,
            month: small(l.month, "month")?,
            day: small(l.day, "day")?,
            leap: l.leap,
        })?;
        *year_out = date.year();
        *month_out = date.month() as i32;
        *day_out = date.day() as i32;
        Ok(MOTCUA_OK)
    })
}
