//! DVCQG payment-platform messages (nền tảng thanh toán, protocol 1.0.6; brief §5): INIT,
//! the confirmation callback, QUERY and GET_BILL; MaXacThuc signing and verification; the checks
//! every confirmation must pass.
//!
//! A message is a JSON object with the platform's field names. MaXacThuc is the lower-case hex
//! SHA-256 of the message's signed fields, in that message's order, joined by `|`, with the partner
//! secret appended as the last element (`v1|v2|...|secret`). Numbers are signed as their decimal text;
//! values are sent as strings (as on every DVCQG interface; the platform's own schema is UNCONFIRMED).
//!
//! ```
//! use motcua_core::payment::platform::{sign, verify, MessageKind};
//! let msg = serde_json::json!({"LoaiBanTin": "QUERY", "PhienBan": "1.0.6", "MaDoiTac": "TH",
//!     "MaThamChieu": "dvcG22-251124-0001-20261124150000", "ThoiGianGD": "20261124150000"});
//! let mac = sign(MessageKind::Query, msg.as_object().unwrap(), "secret").unwrap();
//! let mut signed = msg.as_object().unwrap().clone();
//! signed.insert("MaXacThuc".into(), mac.into());
//! assert!(verify(MessageKind::Query, &signed, "secret").unwrap());
//! ```
use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::messages::{InitMessage, LookupMessage, ThongTinBienLai};
use crate::error::{Error, ErrorCode};

/// Protocol version sent in PhienBan.
pub const PROTOCOL_VERSION: &str = "1.0.6";
/// The signature field.
pub const MAC_FIELD: &str = "MaXacThuc";

/// Which message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageKind {
    /// Create a payment (khởi tạo), answered with UrlThanhToan.
    Init,
    /// The platform's confirmation (IPN) to the one-stop system.
    Callback,
    /// Status check of a transaction (truy vấn).
    Query,
    /// Download the e-receipt (lấy biên lai).
    GetBill,
}

impl MessageKind {
    /// Every kind.
    pub const ALL: [MessageKind; 4] = [Self::Init, Self::Callback, Self::Query, Self::GetBill];

    /// The CLI name: `INIT`, `CALLBACK`, `QUERY`, `GET_BILL`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Init => "INIT",
            Self::Callback => "CALLBACK",
            Self::Query => "QUERY",
            Self::GetBill => "GET_BILL",
        }
    }

    /// Looks a name up (case-insensitive).
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(s))
    }

    /// The fields MaXacThuc covers, in order (the secret follows).
    pub fn signed_fields(self) -> &'static [&'static str] {
        match self {
            Self::Init => &[
                "LoaiBanTin",
                "PhienBan",
                "MaDoiTac",
                "MaThamChieu",
                "SoTien",
                "LoaiHinhThanhToan",
                "MaKenhThanhToan",
                "MaThietBi",
                "NgonNgu",
                "MaTienTe",
                "MaNganHang",
                "ThongTinGiaoDich",
                "ThoiGianGD",
                "Ip",
            ],
            Self::Callback => &[
                "LoaiBanTin",
                "MaLoi",
                "MaDoiTac",
                "MaThamChieu",
                "SoTien",
                "MaTienTe",
                "MaGiaoDich",
                "MaNganHang",
                "ThoiGianGD",
                "ThongTinGiaoDich",
            ],
            Self::Query | Self::GetBill => &["LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD"],
        }
    }
}

fn perr(code: ErrorCode, field: impl Into<String>, detail: impl Into<String>) -> Error {
    Error::new(code, field.into(), detail.into())
}

/// The text of a field as signed: a string as is, a number as its decimal text.
fn field_text<'a>(msg: &'a Map<String, Value>, field: &str) -> Result<std::borrow::Cow<'a, str>, Error> {
    match msg.get(field) {
        Some(Value::String(s)) => Ok(s.as_str().into()),
        Some(Value::Number(n)) => Ok(n.to_string().into()),
        Some(_) => Err(perr(ErrorCode::PayField, field, "must be a string or a number")),
        None => Err(perr(ErrorCode::PayMissingField, field, "missing (it is signed)")),
    }
}

/// The string MaXacThuc hashes: the signed fields joined by `|`, then `|` and the secret.
pub fn signature_base(kind: MessageKind, msg: &Map<String, Value>, secret: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(256);
    for f in kind.signed_fields() {
        out.push_str(&field_text(msg, f)?);
        out.push('|');
    }
    out.push_str(secret);
    Ok(out)
}

/// MaXacThuc of a message: lower-case hex SHA-256 of [`signature_base`].
pub fn sign(kind: MessageKind, msg: &Map<String, Value>, secret: &str) -> Result<String, Error> {
    let digest = Sha256::digest(signature_base(kind, msg, secret)?.as_bytes());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal in time independent of where they differ (lengths are not secret).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Does the message's MaXacThuc match? Case-insensitive hex, compared in constant time. Fails when
/// a signed field or MaXacThuc is missing.
pub fn verify(kind: MessageKind, msg: &Map<String, Value>, secret: &str) -> Result<bool, Error> {
    let given = match msg.get(MAC_FIELD) {
        Some(Value::String(s)) => s.to_ascii_lowercase(),
        Some(_) => return Err(perr(ErrorCode::PayField, MAC_FIELD, "must be a string")),
        None => return Err(perr(ErrorCode::PayMissingField, MAC_FIELD, "missing")),
    };
    Ok(constant_time_eq(sign(kind, msg, secret)?.as_bytes(), given.as_bytes()))
}

/// Formats ThoiGianGD: 24-hour `yyyyMMddHHmmss` of an Asia/Ho_Chi_Minh local time (never `hh`).
pub fn format_thoi_gian(t: NaiveDateTime) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

/// Parses ThoiGianGD: exactly 14 digits of a real 24-hour time.
pub fn parse_thoi_gian(field: &str, s: &str) -> Result<NaiveDateTime, Error> {
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(perr(
            ErrorCode::PayField,
            field,
            format!("{s} is not 14 digits yyyyMMddHHmmss", s = crate::text::shown(s, 40)),
        ));
    }
    crate::sync::time::parse_dvcqg_time(s).ok_or_else(|| {
        perr(
            ErrorCode::PayField,
            field,
            format!("{s} is not a real 24-hour time", s = crate::text::shown(s, 40)),
        )
    })
}

/// What an INIT needs from the caller; the constants (PAY, channel 1, device 1, vi-VN, VND,
/// PAYMENT) are filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitRequest {
    /// Partner code (MaDoiTac).
    pub ma_doi_tac: String,
    /// This attempt's reference (MaThamChieu), unique per attempt.
    pub ma_tham_chieu: String,
    /// Amount in đồng (SoTien), > 0.
    pub so_tien: i64,
    /// Transaction description (ThongTinGiaoDich).
    pub thong_tin_giao_dich: String,
    /// Transaction time, local (ThoiGianGD).
    pub thoi_gian: NaiveDateTime,
    /// Payer IP.
    pub ip: String,
    /// ThongTinBienLai (receipt details: MaHoSo, MaTTHC, PhiLePhi ...).
    pub thong_tin_bien_lai: Option<ThongTinBienLai>,
}

/// Builds a signed INIT message.
pub fn build_init(req: &InitRequest, secret: &str) -> Result<Map<String, Value>, Error> {
    if req.so_tien <= 0 {
        return Err(perr(
            ErrorCode::PayField,
            "SoTien",
            format!("{} is not a positive amount of đồng", req.so_tien),
        ));
    }
    for (field, v) in [
        ("MaDoiTac", &req.ma_doi_tac),
        ("MaThamChieu", &req.ma_tham_chieu),
        ("Ip", &req.ip),
    ] {
        if v.trim().is_empty() {
            return Err(perr(ErrorCode::PayMissingField, field, "empty"));
        }
    }
    let mut msg = InitMessage {
        loai_ban_tin: "INIT".into(),
        phien_ban: PROTOCOL_VERSION.into(),
        ma_doi_tac: req.ma_doi_tac.clone(),
        ma_tham_chieu: req.ma_tham_chieu.clone(),
        so_tien: req.so_tien.to_string(),
        loai_hinh_thanh_toan: "PAY".into(),
        ma_kenh_thanh_toan: "1".into(),
        ma_thiet_bi: "1".into(),
        ngon_ngu: "vi-VN".into(),
        ma_tien_te: "VND".into(),
        ma_ngan_hang: "PAYMENT".into(),
        thong_tin_giao_dich: req.thong_tin_giao_dich.clone(),
        thoi_gian_gd: format_thoi_gian(req.thoi_gian),
        ip: req.ip.clone(),
        ma_xac_thuc: String::new(),
        thong_tin_bien_lai: req.thong_tin_bien_lai.clone(),
    };
    msg.ma_xac_thuc = sign(MessageKind::Init, &msg.to_map(), secret)?;
    Ok(msg.to_map())
}

/// Builds a signed QUERY or GET_BILL for an attempt; `thoi_gian` must be the INIT's ThoiGianGD
/// (the platform matches the exact string).
pub fn build_lookup(
    kind: MessageKind,
    ma_doi_tac: &str,
    ma_tham_chieu: &str,
    thoi_gian: NaiveDateTime,
    secret: &str,
) -> Result<Map<String, Value>, Error> {
    let loai = match kind {
        MessageKind::Query => "QUERY",
        MessageKind::GetBill => "GET_BILL",
        _ => return Err(perr(ErrorCode::InvalidArgument, "kind", "QUERY or GET_BILL")),
    };
    let mut msg = LookupMessage {
        loai_ban_tin: loai.into(),
        phien_ban: PROTOCOL_VERSION.into(),
        ma_doi_tac: ma_doi_tac.into(),
        ma_tham_chieu: ma_tham_chieu.into(),
        thoi_gian_gd: format_thoi_gian(thoi_gian),
        ma_xac_thuc: String::new(),
    };
    msg.ma_xac_thuc = sign(kind, &msg.to_map(), secret)?;
    Ok(msg.to_map())
}

/// What the one-stop system knows about the attempt a callback names (looked up by MaThamChieu).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAttempt {
    /// The amount requested in the INIT, in đồng.
    pub so_tien: i64,
}

/// The outcome of a confirmation callback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Confirmation {
    /// A valid first success (MaLoi 00): apply it once.
    Paid {
        /// The attempt.
        ma_tham_chieu: String,
        /// The platform transaction.
        ma_giao_dich: String,
        /// The amount confirmed, equal to the requested one.
        so_tien: i64,
    },
    /// A valid callback reporting a failure (MaLoi other than 00).
    Failed {
        /// The attempt.
        ma_tham_chieu: String,
        /// The platform's error code.
        ma_loi: String,
    },
    /// The same callback as one already processed (same MaGiaoDich, same payload): acknowledge it,
    /// with no second effect.
    Replay {
        /// The platform transaction.
        ma_giao_dich: String,
    },
    /// Not to be applied; the error's code says why (6101-6107).
    Rejected {
        /// Stable code.
        code: u32,
        /// Its name.
        name: &'static str,
        /// The field.
        field: String,
        /// The detail.
        message: String,
    },
}

impl Confirmation {
    fn rejected(e: Error) -> Self {
        Self::Rejected {
            code: e.code.code(),
            name: e.code.name(),
            field: e.field.to_string(),
            message: e.to_string(),
        }
    }
}

/// Checks a confirmation callback, in this order: every signed field present, signature
/// (6102), idempotency on MaGiaoDich (`previous`: the callback already processed with the same
/// MaGiaoDich, if any — identical → [`Confirmation::Replay`], different → conflict 6107), attempt
/// known (`attempt` looked up by MaThamChieu, 6104), currency VND (6106), amount equal to the
/// requested one (6105), then MaLoi: `00` paid, anything else failed.
pub fn check_callback(
    msg: &Map<String, Value>,
    secret: &str,
    attempt: Option<&KnownAttempt>,
    previous: Option<&Map<String, Value>>,
) -> Confirmation {
    match check(msg, secret, attempt, previous) {
        Ok(c) => c,
        Err(e) => Confirmation::rejected(e),
    }
}

fn check(
    msg: &Map<String, Value>,
    secret: &str,
    attempt: Option<&KnownAttempt>,
    previous: Option<&Map<String, Value>>,
) -> Result<Confirmation, Error> {
    if !verify(MessageKind::Callback, msg, secret)? {
        return Err(perr(
            ErrorCode::PayBadSignature,
            MAC_FIELD,
            "does not match the signed fields and the secret",
        ));
    }
    let text = |f: &str| field_text(msg, f).map(|c| c.into_owned());
    let ma_giao_dich = text("MaGiaoDich")?;
    if let Some(prev) = previous {
        return if prev == msg {
            Ok(Confirmation::Replay { ma_giao_dich })
        } else {
            Err(perr(
                ErrorCode::PayConflict,
                "MaGiaoDich",
                "already processed with a different payload",
            ))
        };
    }
    let ma_tham_chieu = text("MaThamChieu")?;
    let attempt =
        attempt.ok_or_else(|| perr(ErrorCode::PayUnknownReference, "MaThamChieu", "no such payment attempt"))?;
    let currency = text("MaTienTe")?;
    if currency != "VND" {
        return Err(perr(
            ErrorCode::PayCurrency,
            "MaTienTe",
            format!("{currency}, expected VND", currency = crate::text::shown(&currency, 40)),
        ));
    }
    let amount_text = text("SoTien")?;
    let so_tien = amount_text
        .parse::<i64>()
        .ok()
        .filter(|_| amount_text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            perr(
                ErrorCode::PayField,
                "SoTien",
                format!(
                    "{amount_text} is not a whole number of đồng",
                    amount_text = crate::text::shown(&amount_text, 40)
                ),
            )
        })?;
    if so_tien != attempt.so_tien {
        return Err(perr(
            ErrorCode::PayAmountMismatch,
            "SoTien",
            format!("confirmed {so_tien} đồng, requested {}", attempt.so_tien),
        ));
    }
    let ma_loi = text("MaLoi")?;
    Ok(if ma_loi == "00" {
        Confirmation::Paid {
            ma_tham_chieu,
            ma_giao_dich,
            so_tien,
        }
    } else {
        Confirmation::Failed { ma_tham_chieu, ma_loi }
    })
}
