//! Payments (thanh toán) for the JVM: VietQR codes and their images, the DVCQG payment platform's
//! messages (sign, verify, build, confirmation callbacks, the re-query schedule) and e-receipts
//! (biên lai điện tử). Conversion glue only: every rule lives in `motcua_core::payment`, mostly
//! behind its JSON face (`payment::request`), whose JSON results become typed records here.
//!
//! Platform messages cross as JSON text (the platform's own wire form, field names such as
//! `MaThamChieu` kept); times are 24-hour local `YYYY-MM-DDTHH:MM:SS`; money is `Long` đồng.
//! Malformed JSON input is a `MotcuaException.Config` (9004); a payment rule broken by an argument
//! is a `MotcuaException.Payment` (6000-6299). A payload, callback or receipt that is merely
//! invalid is a result (a report, a `rejected` confirmation), not an exception.
use motcua_core::payment::receipt::{self, ReceiptRules};
use motcua_core::payment::vietqr::{self, Mode};
use motcua_core::payment::{qr_image, request};
use motcua_core::ErrorCode;
use serde_json::Value;

use crate::{bad, guard, CoreError, Res};

/// A motcua error reported inside a result rather than thrown (lỗi): stable numeric `code`, its
/// snake_case `name`, the `field` concerned and the `message` (`field: detail`, never personal data).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReportError {
    /// Stable numeric code (`ErrorCode`), e.g. 6001.
    pub code: i32,
    /// Its name, e.g. `qr_tlv`.
    pub name: String,
    /// Field concerned: a tag path (`38.01`) or a JSON field (`lines[0].amount`).
    pub field: String,
    /// `field: detail`.
    pub message: String,
}

impl From<&CoreError> for ReportError {
    fn from(e: &CoreError) -> Self {
        Self {
            code: e.code.code() as i32,
            name: e.code.name().to_string(),
            field: e.field.to_string(),
            message: e.to_string(),
        }
    }
}

/// Something accepted in a VietQR payload but worth knowing (cảnh báo).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrWarning {
    /// Stable name: `nested_length`, `crc_lowercase`, `unknown_tag`, `service_inferred`,
    /// `dynamic_without_amount`, `static_with_amount`, `purpose_too_long`, `purpose_not_ascii`,
    /// `unknown_bank`.
    pub code: String,
    /// The tag path, e.g. `38.01.01`.
    pub field: String,
    /// What was seen.
    pub message: String,
}

/// The result of parsing a VietQR payload: every field found, the warnings, and the error that
/// makes it invalid (if any). The same report as the CLI's `qr parse --json`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrReport {
    /// No error.
    pub valid: bool,
    /// The CRC matches.
    pub crc_ok: bool,
    /// Bank BIN (38.01.00).
    pub bin: Option<String>,
    /// Bank short name, looked up by BIN.
    pub bank: Option<String>,
    /// Account or card number (38.01.01).
    pub account: Option<String>,
    /// Service code (38.02): `QRIBFTTA`, `QRIBFTTC`, `QRPUSH` or `QRCASH`.
    pub service: Option<String>,
    /// Amount in đồng (54).
    pub amount: Option<i64>,
    /// Purpose of the transaction (62.08).
    pub purpose: Option<String>,
    /// Point of initiation (01): `static` or `dynamic`.
    pub point_of_initiation: Option<String>,
    /// Merchant category code (52).
    pub mcc: Option<String>,
    /// Merchant name (59).
    pub merchant_name: Option<String>,
    /// Merchant city (60).
    pub merchant_city: Option<String>,
    /// Bill number (62.01).
    pub bill_number: Option<String>,
    /// Store label (62.03).
    pub store_label: Option<String>,
    /// Reference label (62.05).
    pub reference_label: Option<String>,
    /// Terminal label (62.07).
    pub terminal_label: Option<String>,
    /// Warnings, in payload order.
    pub warnings: Vec<QrWarning>,
    /// Why the payload is invalid (6001-6006).
    pub error: Option<ReportError>,
}

/// A VietQR build request (yêu cầu tạo mã). From Kotlin every field but `bin` and `account` has a
/// default; from Java pass `null` / `false` for the defaults.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrRequest {
    /// Bank BIN (must be in the NAPAS table), e.g. `970403`.
    pub bin: String,
    /// Account or card number, 1-19 letters or digits.
    pub account: String,
    /// Service code: `QRIBFTTA` (default), `QRIBFTTC`, `QRPUSH` or `QRCASH`.
    #[uniffi(default = None)]
    pub service: Option<String>,
    /// Amount in đồng; present → dynamic code, absent → static.
    #[uniffi(default = None)]
    pub amount: Option<i64>,
    /// Purpose (62.08): put the dossier code or MaThamChieu here so the credit can be matched.
    #[uniffi(default = None)]
    pub purpose: Option<String>,
    /// Bill number (62.01).
    #[uniffi(default = None)]
    pub bill_number: Option<String>,
    /// Reference label (62.05).
    #[uniffi(default = None)]
    pub reference_label: Option<String>,
    /// Keep Vietnamese diacritics in the purpose (default: removed, as most banks expect ASCII).
    #[uniffi(default = false)]
    pub keep_diacritics: bool,
    /// Longest purpose / label accepted (default 25, EMVCo's limit).
    #[uniffi(default = None)]
    pub max_text: Option<i32>,
}

/// The outcome of a confirmation callback (kết quả xác nhận thanh toán). `outcome` is one of:
/// - `paid`: a valid first success: apply it once (`maThamChieu`, `maGiaoDich`, `soTien` set);
/// - `failed`: a valid callback reporting a failure (`maThamChieu`, `maLoi` set);
/// - `replay`: the same callback as one already processed: acknowledge it, no second effect
///   (`maGiaoDich` set);
/// - `rejected`: not to be applied, `code` (6101-6107), `name`, `field`, `message` say why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Confirmation {
    /// `paid`, `failed`, `replay` or `rejected`.
    pub outcome: String,
    /// The attempt (MaThamChieu): paid, failed.
    pub ma_tham_chieu: Option<String>,
    /// The platform transaction (MaGiaoDich): paid, replay.
    pub ma_giao_dich: Option<String>,
    /// The amount confirmed in đồng, equal to the requested one: paid.
    pub so_tien: Option<i64>,
    /// The platform's error code (MaLoi): failed.
    pub ma_loi: Option<String>,
    /// Stable code: rejected.
    pub code: Option<i32>,
    /// The code's name: rejected.
    pub name: Option<String>,
    /// The field concerned: rejected.
    pub field: Option<String>,
    /// `field: detail`: rejected.
    pub message: Option<String>,
}

/// When to send the next QUERY of an open payment attempt (lịch tra soát).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PollDecision {
    /// Local time of the next QUERY, `YYYY-MM-DDTHH:MM:SS` (`LocalDateTime.parse` reads it).
    pub query_at: String,
    /// The attempt has been open too long: hand it to a person (and keep polling).
    pub escalate: bool,
}

/// The result of checking an e-receipt (biên lai điện tử): every problem, and the totals by kind.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReceiptReport {
    /// No error.
    pub valid: bool,
    /// Number of fee lines.
    pub lines: i64,
    /// Sum of the phí lines in đồng (null when there is none, or the sum overflows).
    pub total_phi: Option<i64>,
    /// Sum of the lệ phí lines in đồng (null when there is none, or the sum overflows).
    pub total_le_phi: Option<i64>,
    /// Every problem, in field order (6201-6205; 9004 for JSON that is not a receipt).
    pub errors: Vec<ReportError>,
}

/// A JSON text produced by core, read back as an object (a failure is a bug: 9005).
fn core_json(what: &'static str, text: &str) -> Res<serde_json::Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(CoreError::new(ErrorCode::Internal, what, "core returned unexpected JSON").into()),
    }
}

fn text(m: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    m.get(key).and_then(Value::as_str).map(str::to_string)
}

fn module(m: i32) -> Res<u32> {
    u32::try_from(m).map_err(|_| bad("module", "must not be negative"))
}

/// Parses a VietQR payload (đọc mã VietQR). `strict`: every declared length must match; otherwise
/// (lenient) a nested template's short last length (NAPAS vector 6.1.1) is accepted with a
/// `nested_length` warning. An invalid payload is a report with `valid == false`, not an exception
/// (the only exception is `MotcuaException.Internal`, a bug caught at the boundary).
#[uniffi::export]
pub fn qr_parse(payload: String, strict: bool) -> Res<QrReport> {
    guard("qr_parse", || Ok(qr_report(&payload, strict)))
}

fn qr_report(payload: &str, strict: bool) -> QrReport {
    let mode = if strict { Mode::Strict } else { Mode::Lenient };
    let r = vietqr::parse(payload, mode);
    QrReport {
        valid: r.valid,
        crc_ok: r.crc_ok,
        bin: r.bin,
        bank: r.bank,
        account: r.account,
        service: r.service.map(|s| s.code().to_string()),
        amount: r.amount,
        purpose: r.purpose,
        point_of_initiation: r.point_of_initiation.map(|p| p.name().to_string()),
        mcc: r.mcc,
        merchant_name: r.merchant_name,
        merchant_city: r.merchant_city,
        bill_number: r.bill_number,
        store_label: r.store_label,
        reference_label: r.reference_label,
        terminal_label: r.terminal_label,
        warnings: r
            .warnings
            .into_iter()
            .map(|w| QrWarning {
                code: w.code.to_string(),
                field: w.field,
                message: w.message,
            })
            .collect(),
        error: r.error.as_ref().map(ReportError::from),
    }
}

/// Builds a VietQR payload (tạo mã VietQR), CRC included. A field that cannot be encoded is a
/// `MotcuaException.Payment` (6003 naming the field, 6006 for text too long).
#[uniffi::export]
pub fn qr_build(request: QrRequest) -> Res<String> {
    guard("qr_build", || {
        let json = serde_json::json!({
            "bin": request.bin,
            "account": request.account,
            "service": request.service,
            "amount": request.amount,
            "purpose": request.purpose,
            "bill_number": request.bill_number,
            "reference_label": request.reference_label,
            "keep_diacritics": request.keep_diacritics,
            "max_text": request.max_text,
        });
        Ok(request::qr_build_json(&json.to_string())?)
    })
}

/// An SVG image of a payload's QR code, `module` user units per module (0 counts as 1), with the
/// quiet zone. A payload too long for a QR code is a `MotcuaException.Payment` (6006).
#[uniffi::export]
pub fn qr_svg(payload: String, module: i32) -> Res<String> {
    guard("qr_svg", || Ok(qr_image::svg(&payload, self::module(module)?)?))
}

/// A PNG image (8-bit grayscale) of a payload's QR code, `module` pixels per module (1-64), with
/// the quiet zone. A payload too long for a QR code is a `MotcuaException.Payment` (6006).
#[uniffi::export]
pub fn qr_png(payload: String, module: i32) -> Res<Vec<u8>> {
    guard("qr_png", || Ok(qr_image::png(&payload, self::module(module)?)?))
}

/// Signs a platform message (`message`: `INIT`, `CALLBACK`, `QUERY` or `GET_BILL`; `json`: the
/// message object): returns it with MaXacThuc set (replacing any given one).
#[uniffi::export]
pub fn pay_sign(message: String, json: String, secret: String) -> Res<String> {
    guard("pay_sign", || Ok(request::sign_json(&message, &json, &secret)?))
}

/// Verifies a platform message's MaXacThuc: `false` for a wrong signature; a missing signed field
/// is a `MotcuaException.Payment` (6101).
#[uniffi::export]
pub fn pay_verify(message: String, json: String, secret: String) -> Res<bool> {
    guard("pay_verify", || Ok(request::verify_json(&message, &json, &secret)?))
}

/// Builds a signed `INIT`, `QUERY` or `GET_BILL` from `{"ma_doi_tac", "ma_tham_chieu",
/// "thoi_gian" (24-hour local time), "so_tien", "thong_tin_giao_dich", "ip",
/// "thong_tin_bien_lai"}` (the last four for INIT): the message as JSON.
#[uniffi::export]
pub fn pay_build(message: String, request_json: String, secret: String) -> Res<String> {
    guard("pay_build", || {
        Ok(request::build_json(&message, &request_json, &secret)?)
    })
}

/// Checks a confirmation callback. `requested_amount`: the amount in đồng of the attempt its
/// MaThamChieu names (`null` = unknown attempt); `previous_json`: the callback already processed
/// with the same MaGiaoDich, if any. A bad callback is a `rejected` confirmation, not an exception.
#[uniffi::export]
pub fn pay_check_callback(
    callback_json: String,
    secret: String,
    requested_amount: Option<i64>,
    previous_json: Option<String>,
) -> Res<Confirmation> {
    guard("pay_check_callback", || {
        let out = request::check_callback_json(&callback_json, &secret, requested_amount, previous_json.as_deref())?;
        let m = core_json("confirmation", &out)?;
        Ok(Confirmation {
            outcome: text(&m, "outcome").unwrap_or_default(),
            ma_tham_chieu: text(&m, "ma_tham_chieu"),
            ma_giao_dich: text(&m, "ma_giao_dich"),
            so_tien: m.get("so_tien").and_then(Value::as_i64),
            ma_loi: text(&m, "ma_loi"),
            code: m.get("code").and_then(Value::as_i64).map(|c| c as i32),
            name: text(&m, "name"),
            field: text(&m, "field"),
            message: text(&m, "message"),
        })
    })
}

/// The next QUERY of an open attempt, from `{"initiated_at", "queries_done"?, "last_query_at"?,
/// "now", "first_after"?, "max_interval"?, "escalate_after"?}` (times 24-hour local, minutes;
/// defaults 2, 60, 1440). A bad time is a `MotcuaException.Payment` (6103) naming the field.
#[uniffi::export]
pub fn pay_next_poll(request_json: String) -> Res<PollDecision> {
    guard("pay_next_poll", || {
        let m = core_json("poll", &request::poll_json(&request_json)?)?;
        Ok(PollDecision {
            query_at: text(&m, "query_at").unwrap_or_default(),
            escalate: m.get("escalate").and_then(Value::as_bool).unwrap_or_default(),
        })
    })
}

/// Checks an e-receipt given as JSON. `separate_kinds`: phí and lệ phí must be on separate
/// receipts (TH's practice: pass `true`); `max_number`: highest receipt number (`null`: 99,999,999).
/// An invalid receipt, or JSON that is not a receipt (9004), is a report, not an exception.
#[uniffi::export]
pub fn receipt_check(json: String, separate_kinds: bool, max_number: Option<i64>) -> Res<ReceiptReport> {
    guard("receipt_check", || {
        let rules = ReceiptRules::new(separate_kinds, max_number);
        let r = receipt::check_json(&json, &rules);
        Ok(ReceiptReport {
            valid: r.valid,
            lines: r.lines as i64,
            total_phi: r.total_phi,
            total_le_phi: r.total_le_phi,
            errors: r.errors.iter().map(ReportError::from).collect(),
        })
    })
}
