//! C ABI of motcua (`libmotcua`): conversion and ownership glue only; every rule lives in `motcua-core`.
//!
//! Conventions (see `include/motcua.h`):
//! - every function returns `int32_t`: `MOTCUA_OK` (0) or a stable error code `MOTCUA_ERR_*`;
//! - no panic crosses the boundary: each function catches it and returns `MOTCUA_ERR_PANIC`;
//! - NULL pointers return `MOTCUA_ERR_NULL_POINTER`, invalid UTF-8 returns `MOTCUA_ERR_INVALID_UTF8`;
//! - after any non-zero return, `motcua_last_error` gives its code, field (the argument, for
//!   NULL and UTF-8 errors) and message as JSON, per thread;
//! - strings in are NUL-terminated UTF-8; strings out are owned by the library and freed with
//!   `motcua_string_free`; handles are freed with their `_free` function;
//! - where a failure has a field and a detail, an optional `out_message` receives
//!   `"field: detail"` (JSON answers receive `{"error": {"code", "field", "message"}}` instead).
#![allow(clippy::missing_safety_doc)]

use motcua_core::check::{check, IdKind};
use motcua_core::config::Config;
use motcua_core::status::{self, DossierState, DossierStatus, ExportFormat, ResumePolicy, TransitionInput};
use motcua_core::sync::{validate_input_threads, SyncRules};
use motcua_core::{Error, ErrorCode, Vnd};
use std::cell::RefCell;
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

thread_local! {
    /// The error behind the last non-zero return on this thread ([`motcua_last_error`]).
    static LAST_ERROR: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// Keeps `e` as this thread's last error (not once the thread's storage is gone: a call from a
/// thread-exit destructor still answers, without a last error).
fn remember(e: &Error) {
    let _ = LAST_ERROR.try_with(|l| *l.borrow_mut() = Some(e.clone()));
}

/// Runs `f`, turning a panic into `MOTCUA_ERR_PANIC`; the error behind a non-zero return is kept
/// for [`motcua_last_error`] (cleared when the call succeeds).
fn guard(f: impl FnOnce() -> Result<i32, Error>) -> i32 {
    let call = || {
        let _ = LAST_ERROR.try_with(|l| *l.borrow_mut() = None);
        f()
    };
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(Ok(rc)) => rc,
        Ok(Err(e)) => {
            remember(&e);
            code(e.code)
        }
        Err(_) => {
            remember(&Error::new(ErrorCode::Panic, "call", "an internal error stopped it"));
            code(ErrorCode::Panic)
        }
    }
}

/// Reads the C argument `p` with `f` (`str_arg`, `opt_str_arg`, `non_null`, `handle`, `handle_mut`,
/// `slice_arg`, `slice_mut_arg`; more arguments after `p`), naming it in errors as the parameter is
/// named.
macro_rules! arg {
    ($f:ident($p:ident $(, $more:expr)*)) => {
        $f($p, $($more,)* stringify!($p))
    };
}

/// A NULL pointer given for the argument `arg`.
fn null(arg: &'static str) -> Error {
    Error::new(ErrorCode::NullPointer, arg, "NULL")
}

/// An out-argument that must not be NULL.
fn non_null<T>(p: *const T, arg: &'static str) -> Result<(), Error> {
    if p.is_null() {
        Err(null(arg))
    } else {
        Ok(())
    }
}

/// A handle that must not be NULL.
unsafe fn handle<'a, T>(p: *const T, arg: &'static str) -> Result<&'a T, Error> {
    p.as_ref().ok_or_else(|| null(arg))
}

/// A handle (or out-argument) that must not be NULL, to change.
unsafe fn handle_mut<'a, T>(p: *mut T, arg: &'static str) -> Result<&'a mut T, Error> {
    p.as_mut().ok_or_else(|| null(arg))
}

unsafe fn str_arg<'a>(p: *const c_char, arg: &'static str) -> Result<&'a str, Error> {
    non_null(p, arg)?;
    CStr::from_ptr(p)
        .to_str()
        .map_err(|_| Error::new(ErrorCode::InvalidUtf8, arg, "not valid UTF-8"))
}

unsafe fn opt_str_arg<'a>(p: *const c_char, arg: &'static str) -> Result<Option<&'a str>, Error> {
    if p.is_null() {
        Ok(None)
    } else {
        str_arg(p, arg).map(Some)
    }
}

/// Stores an owned C string in `*out` (when `out` is not NULL).
unsafe fn put_string(out: *mut *mut c_char, s: String) -> Result<(), Error> {
    if !out.is_null() {
        *out = CString::new(s)
            .map_err(|_| Error::new(ErrorCode::Internal, "out", "a NUL byte in the answer"))?
            .into_raw();
    }
    Ok(())
}

unsafe fn config(config_json: *const c_char) -> Result<Config, Error> {
    Config::from_json(arg!(opt_str_arg(config_json))?.unwrap_or(""))
}

/// The error behind the last non-zero return of a motcua function on this thread, as
/// `{"code", "name", "field", "message"}` (`field` names the argument or input field:
/// `{"code": 9002, "name": "null_pointer", "field": "out_json", ...}`); NULL after a call that
/// returned `MOTCUA_OK` or before any call. Free it with `motcua_string_free`. Reading it does not
/// clear it.
#[no_mangle]
pub extern "C" fn motcua_last_error() -> *mut c_char {
    let json = catch_unwind(|| {
        LAST_ERROR
            .try_with(|l| l.borrow().as_ref().and_then(|e| serde_json::to_string(e).ok()))
            .ok()
            .flatten()
    });
    match json {
        Ok(Some(j)) => CString::new(j).map_or(std::ptr::null_mut(), CString::into_raw),
        _ => std::ptr::null_mut(),
    }
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
        let kind = IdKind::from_name(arg!(str_arg(kind))?)?;
        let value = arg!(str_arg(value))?;
        let rules = config(config_json).and_then(|c| c.id_rules())?;
        let r = check(kind, value, &rules);
        let rc = r.error.as_ref().map_or(MOTCUA_OK, |e| code(e.code));
        // An invalid identifier is the answer, and also the last error.
        if let Some(e) = &r.error {
            remember(e);
        }
        put_string(out_json, serde_json::to_string(&r).map_err(json_error)?)?;
        Ok(rc)
    })
}

/// Parses a DVCQG amount string (`"50000"`) into đồng. With `non_negative`, negative amounts fail.
#[no_mangle]
pub unsafe extern "C" fn motcua_vnd_parse(text: *const c_char, non_negative: bool, out: *mut i64) -> i32 {
    guard(|| {
        let s = arg!(str_arg(text))?;
        arg!(non_null(out))?;
        let v = if non_negative {
            Vnd::parse_non_negative("amount", s)
        } else {
            Vnd::parse("amount", s)
        };
        *out = v?.0;
        Ok(MOTCUA_OK)
    })
}

/// Checked addition of two amounts in đồng (`MOTCUA_ERR_MONEY_OVERFLOW` on overflow).
#[no_mangle]
pub unsafe extern "C" fn motcua_vnd_add(a: i64, b: i64, out: *mut i64) -> i32 {
    guard(|| {
        arg!(non_null(out))?;
        *out = Vnd(a).checked_add(Vnd(b))?.0;
        Ok(MOTCUA_OK)
    })
}

/// Creates a dossier handle at DVCQG status `status` (1-10). Free with `motcua_dossier_free`.
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_new(status: u8, out: *mut *mut MotcuaDossier) -> i32 {
    guard(|| {
        arg!(non_null(out))?;
        let st = DossierStatus::from_code(status)?;
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
        let d = arg!(handle_mut(d))?;
        let to = DossierStatus::from_code(to);
        let input = TransitionInput {
            reason: arg!(opt_str_arg(reason))?,
            admin,
            policy: policy.into(),
        };
        match to.and_then(|to| d.0.transition(to, &input)) {
            Ok(next) => {
                d.0 = next;
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e.into(), out_message),
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
        let name = arg!(str_arg(machine))?;
        let m = status::machine_named(name)?;
        let input = TransitionInput {
            reason: arg!(opt_str_arg(reason))?,
            admin,
            policy: policy.into(),
        };
        let (json, rc) = match m.transition_by_name(
            arg!(str_arg(from))?,
            arg!(opt_str_arg(paused_from))?,
            arg!(str_arg(to))?,
            &input,
        ) {
            Ok(p) => (
                serde_json::json!({"state": m.states[p.state].key, "code": m.states[p.state].code,
                    "paused_from": p.paused_from.map(|i| m.states[i].key)}),
                MOTCUA_OK,
            ),
            Err(e) => {
                let e = Error::from(e);
                remember(&e);
                (
                    serde_json::json!({"error": {"code": e.code.code(), "message": e.to_string()}}),
                    code(e.code),
                )
            }
        };
        put_string(out_json, json.to_string())?;
        Ok(rc)
    })
}

/// Exports a machine's table: `format` is `json`, `mermaid` or `dot`.
#[no_mangle]
pub unsafe extern "C" fn motcua_states(machine: *const c_char, format: *const c_char, out: *mut *mut c_char) -> i32 {
    guard(|| {
        let m = status::machine_named(arg!(str_arg(machine))?)?;
        let text = m.export(ExportFormat::from_name(arg!(str_arg(format))?)?);
        arg!(non_null(out))?;
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
        arg!(non_null(out))?;
        match config(config_json).and_then(|c| c.sync_rules()) {
            Ok(rules) => {
                *out = Box::into_raw(Box::new(MotcuaValidator(rules)));
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e, out_message),
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
        let v = arg!(handle(v))?;
        let bytes = arg!(slice_arg(data, len))?;
        let reports = validate_input_threads(bytes, &v.0, threads.max(1));
        if !out_records.is_null() {
            *out_records = reports.len();
        }
        if !out_invalid.is_null() {
            *out_invalid = reports.iter().filter(|r| !r.is_valid()).count();
        }
        if !out_json.is_null() {
            put_string(out_json, serde_json::to_string(&reports).map_err(json_error)?)?;
        }
        Ok(MOTCUA_OK)
    })
}

/// Stores `"field: detail"` of `e` in `*out_message` (when not NULL) and returns its code.
unsafe fn fail(e: Error, out_message: *mut *mut c_char) -> Result<i32, Error> {
    put_string(out_message, e.to_string())?;
    remember(&e);
    Ok(code(e.code))
}

/// Stores a JSON answer, or `{"error": {"code", "field", "message"}}`, in `*out` (not NULL) and
/// returns `MOTCUA_OK` or the error code.
unsafe fn answer_json(out: *mut *mut c_char, r: Result<String, Error>) -> Result<i32, Error> {
    let (json, rc) = match r {
        Ok(s) => (s, MOTCUA_OK),
        Err(e) => {
            remember(&e);
            (
                serde_json::json!({"error": {"code": e.code.code(), "field": e.field, "message": e.to_string()}})
                    .to_string(),
                code(e.code),
            )
        }
    };
    put_string(out, json)?;
    Ok(rc)
}

fn json_error(e: serde_json::Error) -> Error {
    Error::new(ErrorCode::Internal, "json", e.to_string())
}

unsafe fn slice_arg<'a, T>(p: *const T, n: usize, arg: &'static str) -> Result<&'a [T], Error> {
    if n == 0 {
        return Ok(&[]);
    }
    non_null(p, arg)?;
    Ok(std::slice::from_raw_parts(p, n))
}

/// [`slice_arg`] to write into.
unsafe fn slice_mut_arg<'a, T>(p: *mut T, n: usize, arg: &'static str) -> Result<&'a mut [T], Error> {
    if n == 0 {
        return Ok(&mut []);
    }
    non_null(p, arg)?;
    Ok(std::slice::from_raw_parts_mut(p, n))
}

/// Frees a string returned by the library (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_string_free(s: *mut c_char) {
    if !s.is_null() {
        drop(CString::from_raw(s));
    }
}

/// Frees bytes returned by the library (`motcua_qr_png`) with their length (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_bytes_free(data: *mut u8, len: usize) {
    if !data.is_null() {
        drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(data, len)));
    }
}

// The functions by domain, in the order include/motcua.h lists them (cbindgen reads the modules in
// this order; a blank line between them keeps rustfmt from sorting them).
mod calendar;

mod payments;

mod reconciliation;

mod procedures;

#[cfg(test)]
mod tests {
    use super::payments::{
        motcua_pay_check_callback, motcua_pay_next_poll, motcua_qr_parse, motcua_qr_png, motcua_receipt_check,
    };
    use super::reconciliation::{
        motcua_parity_files, motcua_parity_json, motcua_reconcile_files, motcua_reconcile_json,
    };
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

    /// The last error is per thread, kept through reads, cleared by a success; a caught panic is
    /// one too.
    #[test]
    fn the_last_error_is_the_threads_own() {
        unsafe {
            let last = || {
                let p = motcua_last_error();
                (!p.is_null()).then(|| take(p))
            };
            assert_eq!(
                motcua_vnd_parse(c"1".as_ptr(), false, std::ptr::null_mut()),
                code(ErrorCode::NullPointer)
            );
            let want = r#"{"code":9002,"name":"null_pointer","field":"out","message":"out: NULL"}"#;
            assert_eq!(last().as_deref(), Some(want));
            assert_eq!(last().as_deref(), Some(want));
            assert_eq!(std::thread::spawn(last).join().unwrap(), None);
            assert_eq!(super::reconciliation::motcua_debug_panic(), code(ErrorCode::Panic));
            assert!(last().unwrap().contains("\"code\":9001"));
            let mut v = 0i64;
            assert_eq!(motcua_vnd_parse(c"1".as_ptr(), false, &mut v), MOTCUA_OK);
            assert_eq!(last(), None);
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
