//! Reconciliation (đối soát) and status parity (đối chiếu trạng thái).
use super::{answer_json, guard, non_null, opt_str_arg, str_arg};
use motcua_core::{parity, recon, ErrorCode};
use std::ffi::{c_char, CStr, CString};

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
        let input = arg!(str_arg(input))?;
        arg!(non_null(out))?;
        answer_json(out, recon::request::reconcile_json(input))
    })
}

/// Reconciles three files (đối soát: hồ sơ, giao dịch thanh toán, báo có ngân hàng), each CSV or JSON
/// Lines by extension (`.jsonl`, `.ndjson`, `.json`: JSON Lines; else CSV), and writes `out_path`
/// (results.jsonl: one JSON object per input record, the rows of `motcua_reconcile_json`).
/// `rules_json` may be NULL (defaults) or `{"window_hours", "window_before_hours", "fields"}`;
/// `"fields": "contract"` writes only the contract's seven keys per row (an `invalid_input` row
/// keeps `line` and `error`), `"all"` (the default) every key.
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
        let (dossiers, payments, bank) = (arg!(str_arg(dossiers))?, arg!(str_arg(payments))?, arg!(str_arg(bank))?);
        let out_path = arg!(str_arg(out_path))?;
        let rules = arg!(opt_str_arg(rules_json))?;
        arg!(non_null(summary_json))?;
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
        let (input, format) = (arg!(str_arg(input))?, arg!(str_arg(format))?);
        arg!(non_null(out))?;
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
        let (statuses, out_path) = (arg!(str_arg(statuses))?, arg!(str_arg(out_path))?);
        arg!(non_null(summary_json))?;
        answer_json(summary_json, motcua_io::parity_files_json(statuses, out_path))
    })
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
