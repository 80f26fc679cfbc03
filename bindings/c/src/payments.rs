//! Payments (thanh toán): VietQR, the payment platform's messages and signatures, e-receipts (biên lai điện tử).
use super::{answer_json, fail, guard, json_error, non_null, opt_str_arg, put_string, str_arg, MOTCUA_OK};
use motcua_core::payment::{self, receipt::ReceiptRules};
use motcua_core::Error;
use std::ffi::c_char;

/// Stores a string answer in `*out` (not NULL), or on failure `"field: detail"` in `*out_message`
/// (when not NULL), and returns `MOTCUA_OK` or the error code.
unsafe fn answer_text(
    out: *mut *mut c_char,
    out_message: *mut *mut c_char,
    r: Result<String, Error>,
) -> Result<i32, Error> {
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
        let payload = arg!(str_arg(payload))?;
        arg!(non_null(report_json))?;
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
        let request = arg!(str_arg(request_json))?;
        arg!(non_null(payload))?;
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
        let payload = arg!(str_arg(payload))?;
        arg!(non_null(svg))?;
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
        let payload = arg!(str_arg(payload))?;
        arg!(non_null(data))?;
        arg!(non_null(len))?;
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
        let (message, msg, secret) = (
            arg!(str_arg(message))?,
            arg!(str_arg(msg_json))?,
            arg!(str_arg(secret))?,
        );
        arg!(non_null(signed_json))?;
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
        let (message, msg, secret) = (
            arg!(str_arg(message))?,
            arg!(str_arg(msg_json))?,
            arg!(str_arg(secret))?,
        );
        arg!(non_null(ok))?;
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
        let (message, request, secret) = (
            arg!(str_arg(message))?,
            arg!(str_arg(request_json))?,
            arg!(str_arg(secret))?,
        );
        arg!(non_null(msg_json))?;
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
        let (callback, secret) = (arg!(str_arg(callback_json))?, arg!(str_arg(secret))?);
        let previous = arg!(opt_str_arg(previous_json))?;
        arg!(non_null(confirmation_json))?;
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
        let request = arg!(str_arg(request_json))?;
        arg!(non_null(decision_json))?;
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
        let receipt = arg!(str_arg(receipt_json))?;
        let rules = arg!(opt_str_arg(rules_json))?;
        arg!(non_null(report_json))?;
        let rules = ReceiptRules::from_json(rules);
        let report = rules.and_then(|rules| {
            serde_json::to_string(&payment::receipt::check_json(receipt, &rules)).map_err(json_error)
        });
        answer_json(report_json, report)
    })
}
