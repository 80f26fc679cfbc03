//! The JSON face of payments, shared by the CLI and every binding (one shape everywhere, no logic
//! in the bindings): VietQR build requests, platform messages to sign, verify or check, builders,
//! and the polling schedule.
use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::messages::ThongTinBienLai;
use super::platform::{self, Confirmation, InitRequest, KnownAttempt, MessageKind, MAC_FIELD};
use super::polling::{next_poll, PollPolicy};
use super::vietqr::{self, Mode, QrRequest, Service, PURPOSE_MAX};
use crate::error::{Error, ErrorCode};
use crate::text::json_error;

fn bad(field: &str, detail: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidArgument, field.to_string(), detail)
}

fn object(field: &str, json: &str) -> Result<Map<String, Value>, Error> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(bad(field, "must be a JSON object")),
        Err(e) => Err(bad(field, json_error(&e))),
    }
}

fn kind(name: &str) -> Result<MessageKind, Error> {
    MessageKind::from_name(name).ok_or_else(|| bad("message", "must be INIT, CALLBACK, QUERY or GET_BILL"))
}

/// A local time with seconds: `YYYY-MM-DDTHH:MM:SS` (or without seconds) or `yyyyMMddHHmmss`;
/// always 24-hour.
pub fn parse_local_time(field: &str, s: &str) -> Result<NaiveDateTime, Error> {
    let t = s.trim();
    let parsed = if t.len() == 14 {
        crate::sync::time::parse_dvcqg_time(t)
    } else {
        ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
            // chrono reads second 60 as a leap second: not a real local time here.
            .filter(|p| p.and_utc().timestamp_subsec_nanos() < 1_000_000_000)
    };
    parsed.ok_or_else(|| {
        let shown = crate::text::shown(s, 24);
        Error::new(
            ErrorCode::PayField,
            field.to_string(),
            format!("{shown} is not a 24-hour local time YYYY-MM-DDTHH:MM:SS or yyyyMMddHHmmss"),
        )
    })
}

/// A VietQR build request as JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QrRequestJson {
    bin: String,
    account: String,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    amount: Option<i64>,
    #[serde(default)]
    purpose: Option<String>,
    #[serde(default)]
    bill_number: Option<String>,
    #[serde(default)]
    reference_label: Option<String>,
    #[serde(default)]
    keep_diacritics: bool,
    #[serde(default)]
    max_text: Option<usize>,
}

/// Reads a build request: `{"bin", "account", "service"?, "amount"?, "purpose"?, "bill_number"?,
/// "reference_label"?, "keep_diacritics"?, "max_text"?}`.
pub fn qr_request(json: &str) -> Result<QrRequest, Error> {
    let r: QrRequestJson = serde_json::from_str(json).map_err(|e| bad("request", json_error(&e)))?;
    let service = match r.service.as_deref() {
        None => Service::ToAccount,
        Some(s) => Service::parse(s)?,
    };
    Ok(QrRequest {
        bin: r.bin,
        account: r.account,
        service,
        amount: r.amount,
        purpose: r.purpose,
        bill_number: r.bill_number,
        reference_label: r.reference_label,
        keep_diacritics: r.keep_diacritics,
        max_text: r.max_text.unwrap_or(PURPOSE_MAX),
    })
}

/// Builds a VietQR payload from a JSON request (see [`qr_request`]).
pub fn qr_build_json(json: &str) -> Result<String, Error> {
    vietqr::build(&qr_request(json)?)
}

/// Parses a payload and returns the report as JSON (the CLI's `qr parse --json` shape).
pub fn qr_parse_json(payload: &str, strict: bool) -> String {
    let mode = if strict { Mode::Strict } else { Mode::Lenient };
    serde_json::to_string(&vietqr::parse(payload, mode)).unwrap_or_default()
}

/// Signs a message: returns it with MaXacThuc set (replacing any given one).
pub fn sign_json(message: &str, msg_json: &str, secret: &str) -> Result<String, Error> {
    let kind = kind(message)?;
    let mut m = object("message_json", msg_json)?;
    let mac = platform::sign(kind, &m, secret)?;
    m.insert(MAC_FIELD.into(), mac.into());
    Ok(Value::Object(m).to_string())
}

/// Verifies a message's MaXacThuc.
pub fn verify_json(message: &str, msg_json: &str, secret: &str) -> Result<bool, Error> {
    platform::verify(kind(message)?, &object("message_json", msg_json)?, secret)
}

/// Checks a confirmation callback (see [`platform::check_callback`]). `requested_amount`: the
/// amount of the attempt its MaThamChieu names (None = unknown attempt); `previous_json`: the
/// callback already processed with the same MaGiaoDich, if any. Returns the outcome as JSON:
/// `{"outcome": "paid"|"failed"|"replay"|"rejected", ...}`.
pub fn check_callback_json(
    msg_json: &str,
    secret: &str,
    requested_amount: Option<i64>,
    previous_json: Option<&str>,
) -> Result<String, Error> {
    let msg = object("callback_json", msg_json)?;
    let previous = previous_json.map(|p| object("previous_json", p)).transpose()?;
    let attempt = requested_amount.map(|so_tien| KnownAttempt { so_tien });
    let c: Confirmation = platform::check_callback(&msg, secret, attempt.as_ref(), previous.as_ref());
    serde_json::to_string(&c).map_err(|e| Error::new(ErrorCode::Internal, "confirmation", e.to_string()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildJson {
    ma_doi_tac: String,
    ma_tham_chieu: String,
    thoi_gian: String,
    #[serde(default)]
    so_tien: Option<i64>,
    #[serde(default)]
    thong_tin_giao_dich: Option<String>,
    #[serde(default)]
    ip: Option<String>,
    #[serde(default)]
    thong_tin_bien_lai: Option<ThongTinBienLai>,
}

/// Builds a signed INIT, QUERY or GET_BILL from `{"ma_doi_tac", "ma_tham_chieu", "thoi_gian"
/// (24-hour local time), "so_tien", "thong_tin_giao_dich", "ip", "thong_tin_bien_lai"}` (the last
/// four for INIT). QUERY and GET_BILL take the INIT's time.
pub fn build_json(message: &str, request_json: &str, secret: &str) -> Result<String, Error> {
    let kind = kind(message)?;
    let r: BuildJson = serde_json::from_str(request_json).map_err(|e| bad("request", json_error(&e)))?;
    let thoi_gian = parse_local_time("thoi_gian", &r.thoi_gian)?;
    let m = match kind {
        MessageKind::Init => platform::build_init(
            &InitRequest {
                ma_doi_tac: r.ma_doi_tac,
                ma_tham_chieu: r.ma_tham_chieu,
                so_tien: r
                    .so_tien
                    .ok_or_else(|| Error::new(ErrorCode::PayMissingField, "so_tien", "INIT needs an amount"))?,
                thong_tin_giao_dich: r.thong_tin_giao_dich.unwrap_or_default(),
                thoi_gian,
                ip: r.ip.unwrap_or_default(),
                thong_tin_bien_lai: r.thong_tin_bien_lai,
            },
            secret,
        )?,
        MessageKind::Query | MessageKind::GetBill => {
            platform::build_lookup(kind, &r.ma_doi_tac, &r.ma_tham_chieu, thoi_gian, secret)?
        }
        MessageKind::Callback => return Err(bad("message", "the platform builds callbacks: INIT, QUERY or GET_BILL")),
    };
    Ok(Value::Object(m).to_string())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PollJson {
    initiated_at: String,
    #[serde(default)]
    queries_done: u32,
    #[serde(default)]
    last_query_at: Option<String>,
    now: String,
    #[serde(default)]
    first_after: Option<u32>,
    #[serde(default)]
    max_interval: Option<u32>,
    #[serde(default)]
    escalate_after: Option<u32>,
}

/// The next QUERY of an open attempt, from `{"initiated_at", "queries_done", "last_query_at"?,
/// "now", "first_after"?, "max_interval"?, "escalate_after"?}` (minutes; defaults 2, 60, 1440).
/// Returns `{"query_at": "YYYY-MM-DDTHH:MM:SS", "escalate": bool}`.
pub fn poll_json(request_json: &str) -> Result<String, Error> {
    let r: PollJson = serde_json::from_str(request_json).map_err(|e| bad("request", json_error(&e)))?;
    let d = PollPolicy::default();
    let policy = PollPolicy {
        first_after: r.first_after.unwrap_or(d.first_after),
        max_interval: r.max_interval.unwrap_or(d.max_interval),
        escalate_after: r.escalate_after.unwrap_or(d.escalate_after),
    };
    let last = r
        .last_query_at
        .as_deref()
        .map(|s| parse_local_time("last_query_at", s))
        .transpose()?;
    let p = next_poll(
        &policy,
        parse_local_time("initiated_at", &r.initiated_at)?,
        r.queries_done,
        last,
        parse_local_time("now", &r.now)?,
    );
    Ok(serde_json::json!({
        "query_at": p.query_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "escalate": p.escalate,
    })
    .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_sign_verify_check_round_trip() {
        let init = build_json(
            "INIT",
            r#"{"ma_doi_tac":"TH","ma_tham_chieu":"dvc1","thoi_gian":"2026-11-24T15:30:05","so_tien":50000,"thong_tin_giao_dich":"Le phi","ip":"10.0.0.1"}"#,
            "s",
        )
        .unwrap();
        let v: Value = serde_json::from_str(&init).unwrap();
        assert_eq!(v["ThoiGianGD"], "20261124153005", "24-hour clock");
        assert!(verify_json("INIT", &init, "s").unwrap());
        assert!(!verify_json("INIT", &init, "t").unwrap());
        let q = build_json(
            "query",
            r#"{"ma_doi_tac":"TH","ma_tham_chieu":"dvc1","thoi_gian":"20261124153005"}"#,
            "s",
        )
        .unwrap();
        assert!(verify_json("QUERY", &q, "s").unwrap());
        let cb = r#"{"LoaiBanTin":"CALLBACK","MaLoi":"00","MaDoiTac":"TH","MaThamChieu":"dvc1","SoTien":"50000","MaTienTe":"VND","MaGiaoDich":"G1","MaNganHang":"VCB","ThoiGianGD":"20261124153005","ThongTinGiaoDich":"x"}"#;
        let signed = sign_json("CALLBACK", cb, "s").unwrap();
        let out: Value = serde_json::from_str(&check_callback_json(&signed, "s", Some(50000), None).unwrap()).unwrap();
        assert_eq!(out["outcome"], "paid");
        let out: Value = serde_json::from_str(&check_callback_json(&signed, "s", Some(60000), None).unwrap()).unwrap();
        assert_eq!(
            (out["outcome"].as_str(), out["code"].as_u64()),
            (Some("rejected"), Some(6105))
        );
        let out: Value =
            serde_json::from_str(&check_callback_json(&signed, "s", Some(50000), Some(&signed)).unwrap()).unwrap();
        assert_eq!(out["outcome"], "replay");
        assert_eq!(sign_json("PAY", cb, "s").unwrap_err().code, ErrorCode::InvalidArgument);
        assert_eq!(
            sign_json("CALLBACK", "[1]", "s").unwrap_err().code,
            ErrorCode::InvalidArgument
        );
        let e = build_json(
            "QUERY",
            r#"{"ma_doi_tac":"TH","ma_tham_chieu":"d","thoi_gian":"20261124033005PM"}"#,
            "s",
        )
        .unwrap_err();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::PayField, "thoi_gian"));
        for leap in ["20261124153060", "2026-11-24T15:30:60"] {
            assert!(parse_local_time("t", leap).is_err(), "{leap}");
        }
        assert!(crate::payment::platform::parse_thoi_gian("t", "20261124153060").is_err());
    }

    #[test]
    fn qr_and_poll_json() {
        let p =
            qr_build_json(r#"{"bin":"970403","account":"0011012345678","amount":180000,"purpose":"Lệ phí HS 0001"}"#)
                .unwrap();
        let rep: Value = serde_json::from_str(&qr_parse_json(&p, true)).unwrap();
        assert_eq!(
            (rep["valid"].as_bool(), rep["amount"].as_i64()),
            (Some(true), Some(180000))
        );
        assert_eq!(rep["purpose"], "Le phi HS 0001");
        assert_eq!(
            qr_build_json(r#"{"bin":"970403","account":"1","service":"X"}"#)
                .unwrap_err()
                .code,
            ErrorCode::QrField
        );
        let out = poll_json(r#"{"initiated_at":"2026-11-24T15:30:00","now":"2026-11-24T15:30:00"}"#).unwrap();
        assert_eq!(out, r#"{"escalate":false,"query_at":"2026-11-24T15:32:00"}"#);
    }
}
