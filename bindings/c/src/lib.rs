//! C ABI of motcua (`libmotcua`): conversion and ownership glue only; every rule lives in `motcua-core`.
//!
//! Conventions (see `include/motcua.h`):
//! - every function returns `int32_t`: `MOTCUA_OK` (0) or a stable error code `MOTCUA_ERR_*`;
//! - no panic crosses the boundary: each function catches it and returns `MOTCUA_ERR_PANIC`;
//! - NULL pointers return `MOTCUA_ERR_NULL_POINTER`, invalid UTF-8 returns `MOTCUA_ERR_INVALID_UTF8`;
//! - strings in are NUL-terminated UTF-8; strings out are owned by the library and freed with
//!   `motcua_string_free`; handles are freed with their `_free` function;
//! - where a failure has a field and a detail, an optional `out_message` receives
//!   `"field: detail"` (JSON answers receive `{"error": {"code", "field", "message"}}` instead).
#![allow(clippy::missing_safety_doc)]

use chrono::{Datelike, NaiveDate};
use motcua_core::calendar::deadline::{format_time, from_minute, parse_time, to_minute, Minute};
use motcua_core::calendar::{lunar_to_solar, solar_to_lunar, ClockConfig, LunarDate, Period, Unit, WorkClock};
use motcua_core::check::{check, IdKind};
use motcua_core::config::{parse_date, Config};
use motcua_core::payment::{self, receipt::ReceiptRules};
use motcua_core::status::{self, DossierState, DossierStatus, ExportFormat, ResumePolicy, TransitionInput};
use motcua_core::sync::{validate_input_threads, SyncRules};
use motcua_core::{catalog, parity, recon};
use motcua_core::{Error, ErrorCode, Vnd};
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Success.
pub const MOTCUA_OK: i32 = 0;

/// How a pause state (5, 6) ends.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MotcuaResumePolicy {
    /// Return to the state the pause came from (default).
    MotcuaResume = 0,
    /// Restart processing at status 2 ("per decree" option).
    MotcuaRestart = 1,
}

impl From<MotcuaResumePolicy> for ResumePolicy {
    fn from(p: MotcuaResumePolicy) -> Self {
        match p {
            MotcuaResumePolicy::MotcuaResume => ResumePolicy::Resume,
            MotcuaResumePolicy::MotcuaRestart => ResumePolicy::Restart,
        }
    }
}

/// Opaque dossier state (status + pause origin).
pub struct MotcuaDossier(DossierState);

/// Opaque sync-payload validator holding its rules.
pub struct MotcuaValidator(SyncRules);

fn code(e: ErrorCode) -> i32 {
    e.code() as i32
}

/// Runs `f`, turning a panic into `MOTCUA_ERR_PANIC`.
fn guard(f: impl FnOnce() -> Result<i32, ErrorCode>) -> i32 {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(rc)) => rc,
        Ok(Err(e)) => code(e),
        Err(_) => code(ErrorCode::Panic),
    }
}

unsafe fn str_arg<'a>(p: *const c_char) -> Result<&'a str, ErrorCode> {
    if p.is_null() {
        return Err(ErrorCode::NullPointer);
    }
    CStr::from_ptr(p).to_str().map_err(|_| ErrorCode::InvalidUtf8)
}

unsafe fn opt_str_arg<'a>(p: *const c_char) -> Result<Option<&'a str>, ErrorCode> {
    if p.is_null() {
        Ok(None)
    } else {
        str_arg(p).map(Some)
    }
}

/// Stores an owned C string in `*out` (when `out` is not NULL).
unsafe fn put_string(out: *mut *mut c_char, s: String) -> Result<(), ErrorCode> {
    if !out.is_null() {
        *out = CString::new(s).map_err(|_| ErrorCode::Internal)?.into_raw();
    }
    Ok(())
}

unsafe fn config(config_json: *const c_char) -> Result<Config, Error> {
    let text = opt_str_arg(config_json).map_err(|c| Error::new(c, "config_json", ""))?;
    Config::from_json(text.unwrap_or(""))
}

/// Checks one identifier. `kind` is one of `cccd cmnd passport mst agency dossier-code procedure
/// province commune bank-bin`; `config_json` (may be NULL only when the kind needs no date: pass at
/// least `{"today":"YYYY-MM-DD"}`) holds the rules. `*out_json` receives
/// `{"kind","value","valid","canonical","error","parsed"}` (free with `motcua_string_free`).
/// Returns `MOTCUA_OK` when valid, the identifier error code (1000-1999) when invalid, or a 9xxx code.
#[no_mangle]
pub unsafe extern "C" fn motcua_check(
    kind: *const c_char,
    value: *const c_char,
    config_json: *const c_char,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let kind = IdKind::from_name(str_arg(kind)?).map_err(|e| e.code)?;
        let value = str_arg(value)?;
        let rules = config(config_json).and_then(|c| c.id_rules()).map_err(|e| e.code)?;
        let r = check(kind, value, &rules);
        let rc = r.error.as_ref().map_or(MOTCUA_OK, |e| e.code as i32);
        put_string(out_json, serde_json::to_string(&r).map_err(|_| ErrorCode::Internal)?)?;
        Ok(rc)
    })
}

/// Parses a DVCQG amount string (`"50000"`) into đồng. With `non_negative`, negative amounts fail.
#[no_mangle]
pub unsafe extern "C" fn motcua_vnd_parse(text: *const c_char, non_negative: bool, out: *mut i64) -> i32 {
    guard(|| {
        let s = str_arg(text)?;
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let v = if non_negative {
            Vnd::parse_non_negative("amount", s)
        } else {
            Vnd::parse("amount", s)
        };
        *out = v.map_err(|e| e.code())?.0;
        Ok(MOTCUA_OK)
    })
}

/// Checked addition of two amounts in đồng (`MOTCUA_ERR_MONEY_OVERFLOW` on overflow).
#[no_mangle]
pub unsafe extern "C" fn motcua_vnd_add(a: i64, b: i64, out: *mut i64) -> i32 {
    guard(|| {
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        *out = Vnd(a).checked_add(Vnd(b)).map_err(|e| e.code())?.0;
        Ok(MOTCUA_OK)
    })
}

/// Creates a dossier handle at DVCQG status `status` (1-10). Free with `motcua_dossier_free`.
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_new(status: u8, out: *mut *mut MotcuaDossier) -> i32 {
    guard(|| {
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let st = DossierStatus::from_code(status).map_err(|e| e.code())?;
        *out = Box::into_raw(Box::new(MotcuaDossier(DossierState::new(st))));
        Ok(MOTCUA_OK)
    })
}

/// Frees a dossier handle (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_free(d: *mut MotcuaDossier) {
    if !d.is_null() {
        drop(Box::from_raw(d));
    }
}

/// Current DVCQG status of a dossier handle (0 when `d` is NULL).
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_status(d: *const MotcuaDossier) -> u8 {
    d.as_ref().map_or(0, |d| d.0.status.code())
}

/// Status a paused dossier (5, 6) came from, 0 when not paused or unknown.
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_paused_from(d: *const MotcuaDossier) -> u8 {
    d.as_ref().and_then(|d| d.0.paused_from).map_or(0, DossierStatus::code)
}

/// Moves a dossier to status `to`. `reason` may be NULL; refusal (3) and stop (8) need one.
/// On failure the handle is unchanged and, when `out_message` is not NULL, `*out_message` receives
/// a message naming the broken rule (free with `motcua_string_free`).
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_transition(
    d: *mut MotcuaDossier,
    to: u8,
    reason: *const c_char,
    admin: bool,
    policy: MotcuaResumePolicy,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let d = d.as_mut().ok_or(ErrorCode::NullPointer)?;
        let to = DossierStatus::from_code(to);
        let input = TransitionInput {
            reason: opt_str_arg(reason)?,
            admin,
            policy: policy.into(),
        };
        match to.and_then(|to| d.0.transition(to, &input)) {
            Ok(next) => {
                d.0 = next;
                Ok(MOTCUA_OK)
            }
            Err(e) => {
                put_string(out_message, e.to_string())?;
                Ok(code(e.code()))
            }
        }
    })
}

/// Generic transition on a named machine (`dossier`, `payment_attempt`, `complaint`) with states given
/// as keys or wire codes. `paused_from` and `reason` may be NULL. `*out_json` receives
/// `{"state": key, "code": n|null, "paused_from": key|null}` on success or
/// `{"error": {"code": n, "message": str}}` on a broken rule (whose code is also returned).
#[no_mangle]
pub unsafe extern "C" fn motcua_transition(
    machine: *const c_char,
    from: *const c_char,
    paused_from: *const c_char,
    to: *const c_char,
    reason: *const c_char,
    admin: bool,
    policy: MotcuaResumePolicy,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let name = str_arg(machine)?;
        let m = status::machine_named(name).map_err(|e| e.code)?;
        let input = TransitionInput {
            reason: opt_str_arg(reason)?,
            admin,
            policy: policy.into(),
        };
        let (json, rc) = match m.transition_by_name(str_arg(from)?, opt_str_arg(paused_from)?, str_arg(to)?, &input) {
            Ok(p) => (
                serde_json::json!({"state": m.states[p.state].key, "code": m.states[p.state].code,
                    "paused_from": p.paused_from.map(|i| m.states[i].key)}),
                MOTCUA_OK,
            ),
            Err(e) => (
                serde_json::json!({"error": {"code": e.code().code(), "message": e.to_string()}}),
                code(e.code()),
            ),
        };
        put_string(out_json, json.to_string())?;
        Ok(rc)
    })
}

/// Exports a machine's table: `format` is `json`, `mermaid` or `dot`.
#[no_mangle]
pub unsafe extern "C" fn motcua_states(machine: *const c_char, format: *const c_char, out: *mut *mut c_char) -> i32 {
    guard(|| {
        let m = status::machine_named(str_arg(machine)?).map_err(|e| e.code)?;
        let text = m.export(ExportFormat::from_name(str_arg(format)?).map_err(|e| e.code)?);
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        put_string(out, text)?;
        Ok(MOTCUA_OK)
    })
}

/// Creates a sync-payload validator from a JSON config (at least `{"today":"YYYY-MM-DD"}`).
/// On a bad config, `*out_message` (if not NULL) receives the reason.
#[no_mangle]
pub unsafe extern "C" fn motcua_validator_new(
    config_json: *const c_char,
    out: *mut *mut MotcuaValidator,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        match config(config_json).and_then(|c| c.sync_rules()) {
            Ok(rules) => {
                *out = Box::into_raw(Box::new(MotcuaValidator(rules)));
                Ok(MOTCUA_OK)
            }
            Err(e) => {
                put_string(out_message, e.to_string())?;
                Ok(code(e.code))
            }
        }
    })
}

/// Frees a validator (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_validator_free(v: *mut MotcuaValidator) {
    if !v.is_null() {
        drop(Box::from_raw(v));
    }
}

/// Validates `len` bytes holding one DongBoHoSoMC / CapNhatTienDoHoSoMC document or JSON Lines, on up
/// to `threads` threads for large inputs (0 or 1: the calling thread only; the result is the same).
/// `*out_records` and `*out_invalid` (either may be NULL) receive the number of records and of
/// records with issues; `*out_json` (may be NULL to skip) receives
/// `[{"line": n, "issues": [{"code", "path", "message"}]}]` with one entry per record.
#[no_mangle]
pub unsafe extern "C" fn motcua_validator_validate(
    v: *const MotcuaValidator,
    data: *const u8,
    len: usize,
    threads: usize,
    out_records: *mut usize,
    out_invalid: *mut usize,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let v = v.as_ref().ok_or(ErrorCode::NullPointer)?;
        if data.is_null() && len > 0 {
            return Err(ErrorCode::NullPointer);
        }
        let bytes = if len == 0 {
            &[][..]
        } else {
            std::slice::from_raw_parts(data, len)
        };
        let reports = validate_input_threads(bytes, &v.0, threads.max(1));
        if !out_records.is_null() {
            *out_records = reports.len();
        }
        if !out_invalid.is_null() {
            *out_invalid = reports.iter().filter(|r| !r.is_valid()).count();
        }
        if !out_json.is_null() {
            put_string(
                out_json,
                serde_json::to_string(&reports).map_err(|_| ErrorCode::Internal)?,
            )?;
        }
        Ok(MOTCUA_OK)
    })
}

// --- calendar and deadlines (lịch, thời hạn) ----------------------------------------------------

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

/// Stores `"field: detail"` of `e` in `*out_message` (when not NULL) and returns its code.
unsafe fn fail(e: Error, out_message: *mut *mut c_char) -> Result<i32, ErrorCode> {
    put_string(out_message, e.to_string())?;
    Ok(code(e.code))
}

/// Stores a JSON answer, or `{"error": {"code", "field", "message"}}`, in `*out` (not NULL) and
/// returns `MOTCUA_OK` or the error code.
unsafe fn answer_json(out: *mut *mut c_char, r: Result<String, Error>) -> Result<i32, ErrorCode> {
    let (json, rc) = match r {
        Ok(s) => (s, MOTCUA_OK),
        Err(e) => (
            serde_json::json!({"error": {"code": e.code.code(), "field": e.field, "message": e.to_string()}})
                .to_string(),
            code(e.code),
        ),
    };
    put_string(out, json)?;
    Ok(rc)
}

fn json_error(e: serde_json::Error) -> Error {
    Error::new(ErrorCode::Internal, "json", e.to_string())
}

unsafe fn clock_arg<'a>(c: *const MotcuaClock) -> Result<&'a WorkClock, ErrorCode> {
    c.as_ref().map(|c| &c.0).ok_or(ErrorCode::NullPointer)
}

unsafe fn slice_arg<'a, T>(p: *const T, n: usize) -> Result<&'a [T], ErrorCode> {
    match (p.is_null(), n) {
        (_, 0) => Ok(&[]),
        (true, _) => Err(ErrorCode::NullPointer),
        (false, _) => Ok(std::slice::from_raw_parts(p, n)),
    }
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
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let text = opt_str_arg(config_json)?.unwrap_or("");
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
        let clock = clock_arg(clock)?;
        if due_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
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
        let clock = clock_arg(clock)?;
        let received = slice_arg(received, n)?;
        let amounts = slice_arg(amounts, n_amounts)?;
        if out.is_null() && n > 0 {
            return Err(ErrorCode::NullPointer);
        }
        let out = if n == 0 {
            &mut [][..]
        } else {
            std::slice::from_raw_parts_mut(out, n)
        };
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
        let clock = clock_arg(clock)?;
        if start_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let received = time_arg("received", received_minute).map_err(|e| e.code)?;
        let cutoff = cutoff_arg(cutoff_minute).map_err(|e| e.code)?;
        *start_out = to_minute(clock.start(received, cutoff).map_err(|e| e.code)?);
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
        let clock = clock_arg(clock)?;
        if minutes_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let from = time_arg("from", from_minute).map_err(|e| e.code)?;
        let to = time_arg("to", to_minute).map_err(|e| e.code)?;
        *minutes_out = clock.working_minutes(from, to).map_err(|e| e.code)?;
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
        let clock = clock_arg(clock)?;
        let request = str_arg(request_json)?;
        if report_json_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(report_json_out, clock.evaluate_json(request))
    })
}

/// Parses a local Asia/Ho_Chi_Minh time `YYYY-MM-DDTHH:MM` (optional `:SS`, a space for `T`) or
/// `yyyyMMddHHmmss`, years 1900-2199, into minutes since 1970-01-01T00:00 (seconds dropped).
/// Fails with `MOTCUA_ERR_DEADLINE_TIME`.
#[no_mangle]
pub unsafe extern "C" fn motcua_time_parse(text: *const c_char, minute_out: *mut i64) -> i32 {
    guard(|| {
        let text = str_arg(text)?;
        if minute_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        *minute_out = to_minute(parse_time("time", text).map_err(|e| e.code)?);
        Ok(MOTCUA_OK)
    })
}

/// Formats minutes since 1970-01-01T00:00 local time as `YYYY-MM-DDTHH:MM` into `*out` (free it).
#[no_mangle]
pub unsafe extern "C" fn motcua_time_format(minute: i64, out: *mut *mut c_char) -> i32 {
    guard(|| {
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let t = time_arg("minute", minute).map_err(|e| e.code)?;
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
        let clock = clock_arg(clock)?;
        if working_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let date = date_arg(year, month, day).map_err(|e| e.code)?;
        *working_out = i32::from(clock.calendar().is_working_day(date).map_err(|e| e.code)?);
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
        let clock = clock_arg(clock)?;
        let date = str_arg(date)?;
        if json_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
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
        let clock = clock_arg(clock)?;
        if json_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
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
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let date = date_arg(year, month, day).map_err(|e| e.code)?;
        let l = solar_to_lunar(date).map_err(|e| e.code)?;
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
        let l = lunar.as_ref().ok_or(ErrorCode::NullPointer)?;
        if year_out.is_null() || month_out.is_null() || day_out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let small = |v: i32| u8::try_from(v).map_err(|_| ErrorCode::InvalidArgument);
        let date = lunar_to_solar(LunarDate {
            year: l.year,
            month: small(l.month)?,
            day: small(l.day)?,
            leap: l.leap,
        })
        .map_err(|e| e.code)?;
        *year_out = date.year();
        *month_out = date.month() as i32;
        *day_out = date.day() as i32;
        Ok(MOTCUA_OK)
    })
}

// --- payments (thanh toán): VietQR, the payment platform, e-receipts (biên lai điện tử) -------------

/// Stores a string answer in `*out` (not NULL), or on failure `"field: detail"` in `*out_message`
/// (when not NULL), and returns `MOTCUA_OK` or the error code.
unsafe fn answer_text(
    out: *mut *mut c_char,
    out_message: *mut *mut c_char,
    r: Result<String, Error>,
) -> Result<i32, ErrorCode> {
    match r {
        Ok(s) => {
            put_string(out, s)?;
            Ok(MOTCUA_OK)
        }
        Err(e) => fail(e, out_message),
    }
}

/// Parses a VietQR payload (mã VietQR), `strict` or lenient. `*report_json` receives the report
/// `{"valid", "crc_ok", "bin", "bank", "account", "service", "amount", "purpose", ..., "warnings",
/// "error": null|{"code", "name", "field", "message"}}`. Returns `MOTCUA_OK` whenever a report was
/// produced (an invalid payload included: read `valid`/`error`), else a 9xxx code.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_parse(payload: *const c_char, strict: bool, report_json: *mut *mut c_char) -> i32 {
    guard(|| {
        let payload = str_arg(payload)?;
        if report_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        put_string(report_json, payment::request::qr_parse_json(payload, strict))?;
        Ok(MOTCUA_OK)
    })
}

/// Builds a VietQR payload from `{"bin", "account", "service"?, "amount"?, "purpose"?,
/// "bill_number"?, "reference_label"?, "keep_diacritics"?, "max_text"?}` into `*payload`. On failure
/// (6000-6099, 9004) `*out_message` (may be NULL) receives `"field: detail"`.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_build(
    request_json: *const c_char,
    payload: *mut *mut c_char,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let request = str_arg(request_json)?;
        if payload.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_text(payload, out_message, payment::request::qr_build_json(request))
    })
}

/// Draws a payload as an SVG QR code (mã QR, level M, quiet zone 4), `module` units per module,
/// into `*svg`. Deterministic. Too long: `MOTCUA_ERR_QR_TOO_LONG`, `"field: detail"` in
/// `*out_message` (may be NULL).
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_svg(
    payload: *const c_char,
    module: u32,
    svg: *mut *mut c_char,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let payload = str_arg(payload)?;
        if svg.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_text(svg, out_message, payment::qr_image::svg(payload, module))
    })
}

/// Draws a payload as a grayscale PNG QR code, `module` pixels per module (1-64): `*data` and
/// `*len` receive the bytes, freed with `motcua_bytes_free(data, len)`. Deterministic. Too long:
/// `MOTCUA_ERR_QR_TOO_LONG`, `"field: detail"` in `*out_message` (may be NULL).
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_png(
    payload: *const c_char,
    module: u32,
    data: *mut *mut u8,
    len: *mut usize,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let payload = str_arg(payload)?;
        if data.is_null() || len.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        match payment::qr_image::png(payload, module) {
            Ok(bytes) => {
                *len = bytes.len();
                *data = if bytes.is_empty() {
                    std::ptr::null_mut()
                } else {
                    Box::into_raw(bytes.into_boxed_slice()).cast::<u8>()
                };
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e, out_message),
        }
    })
}

/// Frees bytes returned by the library (`motcua_qr_png`) with their length (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_bytes_free(data: *mut u8, len: usize) {
    if !data.is_null() {
        drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(data, len)));
    }
}

/// Signs a payment-platform message (`message` = `INIT`, `CALLBACK`, `QUERY`, `GET_BILL`):
/// `*signed_json` receives `msg_json` with `MaXacThuc` (mã xác thực) set, or
/// `{"error": {"code", "field", "message"}}` (6101 missing field, 9004 bad JSON).
#[no_mangle]
pub unsafe extern "C" fn motcua_pay_sign(
    message: *const c_char,
    msg_json: *const c_char,
    secret: *const c_char,
    signed_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (message, msg, secret) = (str_arg(message)?, str_arg(msg_json)?, str_arg(secret)?);
        if signed_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(signed_json, payment::request::sign_json(message, msg, secret))
    })
}

/// Verifies a message's `MaXacThuc`: `*ok` receives true or false. A missing signed field gives
/// `MOTCUA_ERR_PAY_MISSING_FIELD`, with `"field: detail"` in `*out_message` (may be NULL).
#[no_mangle]
pub unsafe extern "C" fn motcua_pay_verify(
    message: *const c_char,
    msg_json: *const c_char,
    secret: *const c_char,
    ok: *mut bool,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (message, msg, secret) = (str_arg(message)?, str_arg(msg_json)?, str_arg(secret)?);
        if ok.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        match payment::request::verify_json(message, msg, secret) {
            Ok(v) => {
                *ok = v;
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e, out_message),
        }
    })
}

/// Builds a signed `INIT`, `QUERY` or `GET_BILL` from `{"ma_doi_tac", "ma_tham_chieu",
/// "thoi_gian" (24-hour local time), "so_tien", "thong_tin_giao_dich", "ip", "thong_tin_bien_lai"}`
/// (the last four for INIT): `*msg_json` receives the message or `{"error": {...}}`.
#[no_mangle]
pub unsafe extern "C" fn motcua_pay_build(
    message: *const c_char,
    request_json: *const c_char,
    secret: *const c_char,
    msg_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (message, request, secret) = (str_arg(message)?, str_arg(request_json)?, str_arg(secret)?);
        if msg_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(msg_json, payment::request::build_json(message, request, secret))
    })
}

/// Checks a confirmation callback (thông báo kết quả thanh toán). `requested_amount`: the amount of
/// the attempt its `MaThamChieu` names, NULL = unknown attempt; `previous_json` (may be NULL): the
/// callback already processed with the same `MaGiaoDich`. `*confirmation_json` receives
/// `{"outcome": "paid"|"failed"|"replay"|"rejected", ...}`: `MOTCUA_OK` even when rejected (read
/// `outcome`); only unreadable JSON gives an error code with `{"error": {...}}`.
#[no_mangle]
pub unsafe extern "C" fn motcua_pay_check_callback(
    callback_json: *const c_char,
    secret: *const c_char,
    requested_amount: *const i64,
    previous_json: *const c_char,
    confirmation_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (callback, secret) = (str_arg(callback_json)?, str_arg(secret)?);
        let previous = opt_str_arg(previous_json)?;
        if confirmation_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let requested = requested_amount.as_ref().copied();
        answer_json(
            confirmation_json,
            payment::request::check_callback_json(callback, secret, requested, previous),
        )
    })
}

/// The next `QUERY` of an open attempt (tra cứu lại), from `{"initiated_at", "queries_done"?,
/// "last_query_at"?, "now", "first_after"?, "max_interval"?, "escalate_after"?}` (minutes):
/// `*decision_json` receives `{"query_at": "YYYY-MM-DDTHH:MM:SS", "escalate": bool}` or `{"error": {...}}`.
#[no_mangle]
pub unsafe extern "C" fn motcua_pay_next_poll(request_json: *const c_char, decision_json: *mut *mut c_char) -> i32 {
    guard(|| {
        let request = str_arg(request_json)?;
        if decision_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(decision_json, payment::request::poll_json(request))
    })
}

/// Checks an e-receipt (biên lai điện tử) given as JSON against `rules_json` (NULL = defaults:
/// `{"separate_kinds": true, "max_number": 99999999}`). `*report_json` receives `{"valid", "lines",
/// "total_phi", "total_le_phi", "errors": [{"code", "name", "field", "message"}]}`: `MOTCUA_OK`
/// whenever a report was produced (read `valid`); bad `rules_json` gives `MOTCUA_ERR_INVALID_ARGUMENT`
/// with `{"error": {...}}`.
#[no_mangle]
pub unsafe extern "C" fn motcua_receipt_check(
    receipt_json: *const c_char,
    rules_json: *const c_char,
    report_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let receipt = str_arg(receipt_json)?;
        let rules = opt_str_arg(rules_json)?;
        if report_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let rules = ReceiptRules::from_json(rules);
        let report = rules.and_then(|rules| {
            serde_json::to_string(&payment::receipt::check_json(receipt, &rules)).map_err(json_error)
        });
        answer_json(report_json, report)
    })
}

// --- reconciliation (đối soát) and status parity (đối chiếu trạng thái) -----------------------------

/// Reconciles in-memory records (đối soát): `input` is `{"dossiers": [..], "payments": [..],
/// "bank": [..], "rules": {"window_hours": 96, "window_before_hours": 1}}` (every key optional), each
/// record an object with the CSV column names, values strings or numbers. `*out` receives
/// `{"rows": [{"source", "id", "class", "ma_ho_so", "ma_tham_chieu", "confidence", "reason",
/// "so_tien", "thoi_gian", "ma_don_vi", "trang_thai_gd"?, "related"?, "line", "error"?}],
/// "summary": {"input", "output", "bank_by_agency", "bank_by_day", "dossier_rows",
/// "dossiers_loaded", "dossiers_known"}}`. A record that cannot be read is a row of class
/// `invalid_input` with `"error": {"code" (7001-7007), "name", "field", "message"}` and the call still
/// returns `MOTCUA_OK`; malformed JSON or bad rules give `MOTCUA_ERR_INVALID_ARGUMENT` with
/// `{"error": {"code", "field", "message"}}` in `*out`.
#[no_mangle]
pub unsafe extern "C" fn motcua_reconcile_json(input: *const c_char, out: *mut *mut c_char) -> i32 {
    guard(|| {
        let input = str_arg(input)?;
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(out, recon::request::reconcile_json(input))
    })
}

/// Reconciles three files (đối soát: hồ sơ, giao dịch thanh toán, báo có ngân hàng), each CSV or JSON
/// Lines by extension (`.jsonl`, `.ndjson`, `.json`: JSON Lines; else CSV), and writes `out_path`
/// (results.jsonl: one JSON object per input record, the rows of `motcua_reconcile_json`).
/// `rules_json` may be NULL (defaults) or `{"window_hours", "window_before_hours"}`.
/// `*summary_json` receives the control totals (the `summary` of `motcua_reconcile_json`), or
/// `{"error": {"code", "field", "message"}}` with the code returned: `MOTCUA_ERR_INVALID_ARGUMENT`
/// for a file that cannot be opened, read or written or bad rules, `MOTCUA_ERR_RECON_HEADER` for a
/// header lacking a required column. Bad rows are `invalid_input` rows, never an error of the call.
#[no_mangle]
pub unsafe extern "C" fn motcua_reconcile_files(
    dossiers: *const c_char,
    payments: *const c_char,
    bank: *const c_char,
    out_path: *const c_char,
    rules_json: *const c_char,
    summary_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (dossiers, payments, bank) = (str_arg(dossiers)?, str_arg(payments)?, str_arg(bank)?);
        let out_path = str_arg(out_path)?;
        let rules = opt_str_arg(rules_json)?;
        if summary_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(
            summary_json,
            motcua_io::reconcile_files(dossiers, payments, bank, out_path, rules),
        )
    })
}

/// Checks status parity across systems (đối chiếu trạng thái: portal, coordination, sectoral) over
/// status rows `ma_ho_so, system, trang_thai, updated_at` given as text in `format` `csv` (with a
/// header) or `jsonl`. `*out` receives `{"entries": [...], "summary": {"rows_in", "rows_accounted",
/// "balanced", "dossiers", "entries", "rows", "sync_actions", "needs_reason", "needs_admin",
/// "manual_reviews"}}`; every entry has `class` (`consistent`, `lagging`, `conflicting`,
/// `superseded`, `invalid_input` with its 7101-7104 error) and `rows`. Bad rows are entries, never an
/// error of the call; an unknown `format` gives `MOTCUA_ERR_INVALID_ARGUMENT` with
/// `{"error": {"code", "field", "message"}}` in `*out`.
#[no_mangle]
pub unsafe extern "C" fn motcua_parity_json(input: *const c_char, format: *const c_char, out: *mut *mut c_char) -> i32 {
    guard(|| {
        let (input, format) = (str_arg(input)?, str_arg(format)?);
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(out, parity::parity_json(input, format))
    })
}

/// Checks status parity over a file of status rows (`.csv` or `.jsonl`) and writes `out_path` (one
/// JSON object per entry of `motcua_parity_json`). `*summary_json` receives the control totals, or
/// `{"error": {"code", "field", "message"}}` with `MOTCUA_ERR_INVALID_ARGUMENT` returned for another
/// extension or a file that cannot be opened, read or written.
#[no_mangle]
pub unsafe extern "C" fn motcua_parity_files(
    statuses: *const c_char,
    out_path: *const c_char,
    summary_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (statuses, out_path) = (str_arg(statuses)?, str_arg(out_path)?);
        if summary_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        answer_json(summary_json, motcua_io::parity_files_json(statuses, out_path))
    })
}

/// Frees a string returned by the library (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_string_free(s: *mut c_char) {
    if !s.is_null() {
        drop(CString::from_raw(s));
    }
}

/// Stable snake_case name of an error code (`"id_checksum"`), `"ok"` for 0, `"unknown"` otherwise.
/// The string is static: do not free it.
#[no_mangle]
pub extern "C" fn motcua_error_name(code: i32) -> *const c_char {
    static_text(code, |row| &row.1)
}

/// One-line English description of an error code. Static: do not free.
#[no_mangle]
pub extern "C" fn motcua_error_description(code: i32) -> *const c_char {
    static_text(code, |row| &row.2)
}

/// NUL-terminated copies of the core error table, built once (immutable afterwards).
fn static_text(code: i32, pick: fn(&(ErrorCode, CString, CString)) -> &CString) -> *const c_char {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<(ErrorCode, CString, CString)>> = OnceLock::new();
    static OK: &CStr = c"ok";
    static UNKNOWN: &CStr = c"unknown";
    if code == 0 {
        return OK.as_ptr();
    }
    let table = TABLE.get_or_init(|| {
        ErrorCode::ALL
            .iter()
            .map(|&c| {
                (
                    c,
                    CString::new(c.name()).unwrap_or_default(),
                    CString::new(c.description()).unwrap_or_default(),
                )
            })
            .collect()
    });
    table
        .iter()
        .find(|row| row.0.code() as i32 == code)
        .map_or(UNKNOWN.as_ptr(), |row| pick(row).as_ptr())
}

/// Library version (static: do not free).
#[no_mangle]
pub extern "C" fn motcua_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// TEST ONLY: panics inside the library to prove the boundary holds; returns `MOTCUA_ERR_PANIC`.
#[no_mangle]
pub extern "C" fn motcua_debug_panic() -> i32 {
    guard(|| panic!("motcua_debug_panic: deliberate panic for boundary tests"))
}

// --- procedure catalogue (danh mục thủ tục) ---------------------------------------------------------

/// Opaque procedure catalogue with its search index (danh mục thủ tục), built once by
/// `motcua_catalog_new`. Read-only after creation: one handle may be shared by threads.
pub struct MotcuaCatalog(catalog::Catalog);

unsafe fn catalog_arg<'a>(c: *const MotcuaCatalog) -> Result<&'a catalog::Catalog, ErrorCode> {
    c.as_ref().map(|c| &c.0).ok_or(ErrorCode::NullPointer)
}

/// Loads a catalogue from `text`: CSV (`ma_thu_tuc, ten_thu_tuc, cap_thuc_hien, linh_vuc, co_quan`,
/// extra columns optional) or a JSON array of procedure objects; `format` `"csv"`, `"json"` or NULL
/// (guessed: JSON starts with `[`). `synonyms_csv` (may be NULL) adds rows `tu_go,thay_bang` to the
/// bundled abbreviation table. Builds the search index (a few milliseconds for 3,000 procedures):
/// create it once. Free with `motcua_catalog_free`. On failure (`MOTCUA_ERR_CATALOG_INPUT`,
/// `MOTCUA_ERR_SEARCH_SYNONYMS`) `*out_message` (if not NULL) receives `"field: detail"` (free it).
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_new(
    text: *const c_char,
    format: *const c_char,
    synonyms_csv: *const c_char,
    out: *mut *mut MotcuaCatalog,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let text = str_arg(text)?;
        let (format, synonyms) = (opt_str_arg(format)?, opt_str_arg(synonyms_csv)?);
        if out.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        match catalog::Catalog::load(text, format, synonyms) {
            Ok(c) => {
                *out = Box::into_raw(Box::new(MotcuaCatalog(c)));
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e, out_message),
        }
    })
}

/// Frees a catalogue (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_free(c: *mut MotcuaCatalog) {
    if !c.is_null() {
        drop(Box::from_raw(c));
    }
}

/// Number of procedures in the catalogue.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_len(c: *const MotcuaCatalog, out: *mut usize) -> i32 {
    guard(|| {
        let c = catalog_arg(c)?;
        *out.as_mut().ok_or(ErrorCode::NullPointer)? = c.procedures().len();
        Ok(MOTCUA_OK)
    })
}

/// Searches the catalogue (tra cứu thủ tục): `query` is a name in any spelling (diacritics, case,
/// NFC/NFD, i/y, typos, word order, abbreviations) or a code (`1.000494`, `1000494`,
/// `1.000494.000.00.00.H29`); `options_json` (may be NULL) is `{"limit": 10, "level": "bo|tinh|xa|khac",
/// "field": "...", "agency": "..."}`. `*out_json` receives the results best first: `[{"code", "name",
/// "score" (0-1), "matched" ("code"|"name"), "spans" ([start, end) char offsets in name), "levels",
/// "field", "agency"}]`, or `{"error": {...}}` with `MOTCUA_ERR_SEARCH_ARGUMENT` for bad options.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_search(
    c: *const MotcuaCatalog,
    query: *const c_char,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (c, query) = (catalog_arg(c)?, str_arg(query)?);
        let options = opt_str_arg(options_json)?.unwrap_or("");
        if out_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let answer = catalog::SearchOptions::from_json(options)
            .and_then(|o| serde_json::to_string(&c.search(query, &o)).map_err(json_error));
        answer_json(out_json, answer)
    })
}

/// Searches many queries (the batch form of `motcua_catalog_search`): `queries_json` is a JSON array
/// of strings; `*out_json` receives an array of result arrays, one per query, in order.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_search_many(
    c: *const MotcuaCatalog,
    queries_json: *const c_char,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (c, queries) = (catalog_arg(c)?, str_arg(queries_json)?);
        let options = opt_str_arg(options_json)?.unwrap_or("");
        if out_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let answer = serde_json::from_str::<Vec<String>>(queries)
            .map_err(|e| {
                Error::new(
                    ErrorCode::InvalidArgument,
                    "queries_json",
                    motcua_core::text::json_error(&e),
                )
            })
            .and_then(|qs| Ok((qs, catalog::SearchOptions::from_json(options)?)))
            .and_then(|(qs, o)| serde_json::to_string(&c.index().search_many(&qs, &o)).map_err(json_error));
        answer_json(out_json, answer)
    })
}

/// Runs the configuration checks (kiểm tra cấu hình thủ tục). `*out_json` receives `{"procedures",
/// "procedures_with_problems", "problems": [{"ma_thu_tuc", "line", "code" (7202-7213), "name",
/// "field", "message"}], "counts": {name: n}, "not_checked": {column: n}}`. Returns `MOTCUA_OK`
/// whether or not there are problems.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_check(c: *const MotcuaCatalog, out_json: *mut *mut c_char) -> i32 {
    guard(|| {
        let c = catalog_arg(c)?;
        if out_json.is_null() {
            return Err(ErrorCode::NullPointer);
        }
        let report = c.check(&catalog::CheckRules::default());
        answer_json(out_json, serde_json::to_string(&report).map_err(json_error))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe fn take(p: *mut c_char) -> String {
        let s = CStr::from_ptr(p).to_str().unwrap().to_string();
        motcua_string_free(p);
        s
    }

    #[test]
    fn png_bytes_round_trip_and_free() {
        unsafe {
            let (mut data, mut len) = (std::ptr::null_mut(), 0usize);
            let rc = motcua_qr_png(c"000201".as_ptr(), 2, &mut data, &mut len, std::ptr::null_mut());
            assert_eq!(rc, MOTCUA_OK);
            assert_eq!(std::slice::from_raw_parts(data, 8), b"\x89PNG\r\n\x1a\n");
            motcua_bytes_free(data, len);
            let long = CString::new("x".repeat(2332)).unwrap();
            let mut msg = std::ptr::null_mut();
            let rc = motcua_qr_png(long.as_ptr(), 2, &mut data, &mut len, &mut msg);
            assert_eq!(rc, ErrorCode::QrTooLong.code() as i32);
            assert!(take(msg).starts_with("payload: "));
        }
    }

    #[test]
    fn answers_and_boundary_codes() {
        unsafe {
            let mut out = std::ptr::null_mut();
            let null = code(ErrorCode::NullPointer);
            assert_eq!(motcua_qr_parse(std::ptr::null(), true, &mut out), null);
            assert_eq!(motcua_pay_next_poll(c"{}".as_ptr(), std::ptr::null_mut()), null);
            let rc = motcua_receipt_check(c"{}".as_ptr(), c"{\"x\":1}".as_ptr(), &mut out);
            assert_eq!(rc, code(ErrorCode::InvalidArgument));
            assert!(take(out).contains("\"field\":\"rules\""));
            let amount = 1i64;
            let rc = motcua_pay_check_callback(c"{}".as_ptr(), c"s".as_ptr(), &amount, std::ptr::null(), &mut out);
            assert_eq!(rc, MOTCUA_OK);
            assert!(take(out).contains("\"outcome\":\"rejected\""));
        }
    }

    #[test]
    fn recon_and_parity_answers() {
        unsafe {
            let mut out = std::ptr::null_mut();
            assert_eq!(motcua_reconcile_json(c"{}".as_ptr(), &mut out), MOTCUA_OK);
            assert!(take(out).starts_with("{\"rows\":[],\"summary\":"));
            let rc = motcua_reconcile_json(c"{\"bank\":".as_ptr(), &mut out);
            assert_eq!(rc, code(ErrorCode::InvalidArgument));
            assert!(take(out).contains("\"field\":\"request\""));
            let rc = motcua_parity_json(c"".as_ptr(), c"xml".as_ptr(), &mut out);
            assert_eq!(rc, code(ErrorCode::InvalidArgument));
            assert!(take(out).contains("\"field\":\"format\""));
            let null = code(ErrorCode::NullPointer);
            let p = c"x.csv".as_ptr();
            assert_eq!(
                motcua_reconcile_files(p, p, p, p, std::ptr::null(), std::ptr::null_mut()),
                null
            );
            assert_eq!(motcua_parity_files(std::ptr::null(), p, &mut out), null);
        }
    }
}
