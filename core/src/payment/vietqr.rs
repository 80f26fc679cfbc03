//! VietQR (NAPAS QR switching, EMVCo merchant-presented mode): parse and build payloads
//! (brief §6).
//!
//! A payload is TLV: a 2-digit ID, a 2-digit decimal length counted in **characters**, the value;
//! templates (38, 38.01, 62) nest the same way. The CRC (tag 63, CRC-16/CCITT-FALSE) runs over the
//! UTF-8 **bytes** of everything before its 4 hex digits, `6304` included.
//!
//! Two parsing modes ([`Mode`]): *strict* rejects any length that does not match its value;
//! *lenient* accepts one known defect — a nested template whose last element declares fewer
//! characters than follow (the official NAPAS vector 6.1.1 declares 12 for a 13-character account)
//! — by extending that element to the end of its template, with a warning. Both modes reject a bad
//! CRC.
//!
//! ```
//! use motcua_core::payment::vietqr::{parse, Mode};
//! let r = parse("00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5", Mode::Lenient);
//! assert!(r.valid && r.crc_ok);
//! assert_eq!(r.account.as_deref(), Some("0011012345678"));
//! assert_eq!(r.warnings[0].code, "nested_length");
//! ```
use serde::Serialize;

use crate::error::{Error, ErrorCode};
use crate::tables;

/// NAPAS application identifier (tag 38.00).
pub const NAPAS_GUID: &str = "A000000727";
/// Default maximum length of the purpose (62.08) and other tag 62 fields (EMVCo: 25).
pub const PURPOSE_MAX: usize = 25;

/// The CRC of each byte value, for a table-driven CRC-16/CCITT-FALSE.
const CRC_TABLE: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = (i as u16) << 8;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
            bit += 1;
        }
        t[i] = crc;
        i += 1;
    }
    t
};

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR), one table lookup
/// per byte.
pub fn crc16(data: &[u8]) -> u16 {
    data.iter().fold(0xFFFF, |crc: u16, &b| {
        (crc << 8) ^ CRC_TABLE[usize::from((crc >> 8) as u8 ^ b)]
    })
}

/// Parsing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Every declared length must match.
    Strict,
    /// Accept a nested template's short last length (NAPAS 6.1.1), with a warning. Default.
    #[default]
    Lenient,
}

/// Point of initiation (tag 01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Initiation {
    /// `11`: the same code for every payment (amount typed by the payer).
    Static,
    /// `12`: a code for one payment (amount included).
    Dynamic,
}

impl Initiation {
    /// `static` or `dynamic` (the JSON name).
    pub fn name(self) -> &'static str {
        match self {
            Self::Static => "static",
            Self::Dynamic => "dynamic",
        }
    }
}

/// NAPAS service code (tag 38.02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Service {
    /// `QRIBFTTA`: transfer to an account.
    #[serde(rename = "QRIBFTTA")]
    ToAccount,
    /// `QRIBFTTC`: transfer to a card.
    #[serde(rename = "QRIBFTTC")]
    ToCard,
    /// `QRPUSH`: merchant payment.
    #[serde(rename = "QRPUSH")]
    Push,
    /// `QRCASH`: ATM cash withdrawal.
    #[serde(rename = "QRCASH")]
    Cash,
}

impl Service {
    /// Reads a service code for a build request; [`ErrorCode::QrField`] naming `service` otherwise.
    pub fn parse(code: &str) -> Result<Self, Error> {
        Self::from_code(code).ok_or_else(|| {
            qerr(
                ErrorCode::QrField,
                "service",
                "must be QRIBFTTA, QRIBFTTC, QRPUSH or QRCASH",
            )
        })
    }

    /// Every service.
    pub const ALL: [Service; 4] = [Self::ToAccount, Self::ToCard, Self::Push, Self::Cash];

    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            Self::ToAccount => "QRIBFTTA",
            Self::ToCard => "QRIBFTTC",
            Self::Push => "QRPUSH",
            Self::Cash => "QRCASH",
        }
    }

    /// Looks a code up.
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// Something accepted but worth knowing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Warning {
    /// Stable name: `nested_length`, `crc_lowercase`, `unknown_tag`, `service_inferred`,
    /// `dynamic_without_amount`, `static_with_amount`, `purpose_too_long`, `purpose_not_ascii`,
    /// `unknown_bank`.
    pub code: &'static str,
    /// The tag path, e.g. `38.01.01`.
    pub field: String,
    /// What was seen.
    pub message: String,
}

/// The result of parsing a payload: every field found, the warnings, and the error that makes it
/// invalid (if any). Serialises to the CLI's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
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
    /// Service code (38.02).
    pub service: Option<Service>,
    /// Amount in đồng (54).
    pub amount: Option<i64>,
    /// Purpose of the transaction (62.08).
    pub purpose: Option<String>,
    /// Static or dynamic (01).
    pub point_of_initiation: Option<Initiation>,
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
    pub warnings: Vec<Warning>,
    /// Why the payload is invalid.
    pub error: Option<Error>,
}

fn qerr(code: ErrorCode, field: impl Into<String>, detail: impl Into<String>) -> Error {
    Error::new(code, field.into(), detail.into())
}

/// One TLV element: id, value.
type Element<'a> = (&'a str, &'a str);

/// Byte offset after `n` characters of `s` from byte `from` (`None` if `s` is shorter).
fn advance(s: &str, from: usize, n: usize) -> Option<usize> {
    let rest = &s[from..];
    if rest.is_ascii() || n == 0 {
        return (from + n <= s.len()).then_some(from + n);
    }
    match rest.char_indices().nth(n) {
        Some((i, _)) => Some(from + i),
        None => (rest.chars().count() == n).then_some(s.len()),
    }
}

/// Splits a template into elements. In lenient mode a nested template's short last length is
/// extended to the end of the template (never at the root, where the CRC follows).
fn elements<'a>(s: &'a str, path: &str, mode: Mode, warnings: &mut Vec<Warning>) -> Result<Vec<Element<'a>>, Error> {
    let mut out: Vec<Element<'a>> = Vec::new();
    let mut i = 0;
    let tag = |id: &str| {
        if path.is_empty() {
            id.to_string()
        } else {
            format!("{path}.{id}")
        }
    };
    while i < s.len() {
        let header = s.get(i..i + 4).filter(|h| h.bytes().all(|b| b.is_ascii_digit()));
        let Some(header) = header else {
            // Lenient: what is left cannot be an element, so it belongs to the previous one.
            if let (Mode::Lenient, Some(last), false) = (mode, out.last_mut(), path.is_empty()) {
                let start = last.1.as_ptr() as usize - s.as_ptr() as usize;
                let declared = last.1.chars().count();
                last.1 = &s[start..];
                warnings.push(Warning {
                    code: "nested_length",
                    field: tag(last.0),
                    message: format!(
                        "declares length {declared} but {} characters follow to the end of the template",
                        last.1.chars().count()
                    ),
                });
                break;
            }
            let at = if path.is_empty() {
                "payload".to_string()
            } else {
                path.to_string()
            };
            return Err(qerr(
                ErrorCode::QrTlv,
                at,
                format!(
                    "character {}: expected a 2-digit id and a 2-digit length, found {:?}",
                    s[..i].chars().count() + 1,
                    s[i..].chars().take(4).collect::<String>()
                ),
            ));
        };
        let (id, len) = (&header[..2], header[2..].parse::<usize>().expect("digits"));
        let end = advance(s, i + 4, len).ok_or_else(|| {
            qerr(
                ErrorCode::QrTlv,
                tag(id),
                format!(
                    "declares length {len} but only {} characters follow",
                    s[i + 4..].chars().count()
                ),
            )
        })?;
        if out.iter().any(|(k, _)| *k == id) {
            return Err(qerr(ErrorCode::QrDuplicate, tag(id), "appears twice"));
        }
        out.push((id, &s[i + 4..end]));
        i = end;
    }
    Ok(out)
}

fn get<'a>(els: &[Element<'a>], id: &str) -> Option<&'a str> {
    els.iter().find(|(k, _)| *k == id).map(|(_, v)| *v)
}

/// Parses a VietQR payload. Never fails: the report says what was found and why it is invalid.
pub fn parse(payload: &str, mode: Mode) -> QrReport {
    let mut r = QrReport::default();
    if let Err(e) = parse_into(payload, mode, &mut r) {
        r.error = Some(e);
    }
    r.valid = r.error.is_none();
    r
}

fn parse_into(payload: &str, mode: Mode, r: &mut QrReport) -> Result<(), Error> {
    let n = payload.len();
    let crc_at = n.checked_sub(8).filter(|&i| payload.is_char_boundary(i));
    let Some(crc_at) = crc_at.filter(|&i| payload.get(i..i + 4) == Some("6304")) else {
        return Err(qerr(
            ErrorCode::QrCrc,
            "63",
            "the payload does not end with the CRC element 6304XXXX",
        ));
    };
    let given = &payload[crc_at + 4..];
    let computed = crc16(&payload.as_bytes()[..crc_at + 4]);
    let given_value = u16::from_str_radix(given, 16)
        .ok()
        .filter(|_| given.bytes().all(|b| b.is_ascii_hexdigit()));
    r.crc_ok = given_value == Some(computed);
    if !r.crc_ok {
        return Err(qerr(
            ErrorCode::QrCrc,
            "63",
            format!(
                "CRC {given} does not match the payload (computed {computed:04X})",
                given = crate::text::shown(given, 40)
            ),
        ));
    }
    if given.bytes().any(|b| b.is_ascii_lowercase()) {
        r.warnings.push(Warning {
            code: "crc_lowercase",
            field: "63".into(),
            message: format!("CRC written in lower case ({given})"),
        });
    }
    let root = elements(&payload[..crc_at], "", mode, &mut r.warnings)?;
    match root.first() {
        Some(("00", "01")) => {}
        Some(("00", v)) => {
            return Err(qerr(
                ErrorCode::QrField,
                "00",
                format!("payload format {v}, expected \"01\"", v = crate::text::shown(v, 40)),
            ))
        }
        _ => return Err(qerr(ErrorCode::QrMissing, "00", "the payload must start with 000201")),
    }
    for &(id, value) in &root[1..] {
        match id {
            "01" => {
                r.point_of_initiation = Some(match value {
                    "11" => Initiation::Static,
                    "12" => Initiation::Dynamic,
                    v => {
                        return Err(qerr(
                            ErrorCode::QrField,
                            "01",
                            format!("{v} is not 11 (static) or 12 (dynamic)", v = crate::text::shown(v, 40)),
                        ))
                    }
                })
            }
            "38" => merchant_account(value, mode, r)?,
            "52" => {
                if value.len() != 4 || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(qerr(
                        ErrorCode::QrField,
                        "52",
                        format!("MCC {value} is not 4 digits", value = crate::text::shown(value, 40)),
                    ));
                }
                r.mcc = Some(value.to_string());
            }
            "53" if value != "704" => {
                return Err(qerr(
                    ErrorCode::QrField,
                    "53",
                    format!(
                        "currency {value}, expected 704 (VND)",
                        value = crate::text::shown(value, 40)
                    ),
                ))
            }
            "53" => {}
            "54" => {
                let amount = (1..=13)
                    .contains(&value.len())
                    .then(|| value.parse::<i64>().ok())
                    .flatten()
                    .filter(|a| *a > 0 && value.bytes().all(|b| b.is_ascii_digit()));
                r.amount = Some(amount.ok_or_else(|| {
                    qerr(
                        ErrorCode::QrField,
                        "54",
                        format!(
                            "amount {value} is not a positive whole number of đồng",
                            value = crate::text::shown(value, 40)
                        ),
                    )
                })?);
            }
            "58" if value != "VN" => {
                return Err(qerr(
                    ErrorCode::QrField,
                    "58",
                    format!("country {value}, expected VN", value = crate::text::shown(value, 40)),
                ))
            }
            "58" => {}
            "59" => r.merchant_name = Some(value.to_string()),
            "60" => r.merchant_city = Some(value.to_string()),
            "62" => additional(value, mode, r)?,
            "00" => return Err(qerr(ErrorCode::QrField, "00", "must be the first element")),
            other => r.warnings.push(Warning {
                code: "unknown_tag",
                field: other.to_string(),
                message: format!("tag {other} is not used by VietQR; kept unread"),
            }),
        }
    }
    for (id, name) in [
        ("01", "point of initiation"),
        ("38", "merchant account information"),
        ("53", "currency"),
        ("58", "country"),
    ] {
        if get(&root, id).is_none() {
            return Err(qerr(ErrorCode::QrMissing, id, format!("{name} is missing")));
        }
    }
    match (r.point_of_initiation, r.amount) {
        (Some(Initiation::Dynamic), None) => r.warnings.push(Warning {
            code: "dynamic_without_amount",
            field: "54".into(),
            message: "a dynamic code without an amount".into(),
        }),
        (Some(Initiation::Static), Some(_)) => r.warnings.push(Warning {
            code: "static_with_amount",
            field: "54".into(),
            message: "a static code with an amount".into(),
        }),
        _ => {}
    }
    if r.service.is_none() {
        let inferred = if r.mcc.is_some() {
            Service::Push
        } else {
            Service::ToAccount
        };
        r.service = Some(inferred);
        r.warnings.push(Warning {
            code: "service_inferred",
            field: "38.02".into(),
            message: format!(
                "service code absent; {} inferred{}",
                inferred.code(),
                if r.mcc.is_some() { " from the MCC (52)" } else { "" }
            ),
        });
    }
    Ok(())
}

fn merchant_account(value: &str, mode: Mode, r: &mut QrReport) -> Result<(), Error> {
    let els = elements(value, "38", mode, &mut r.warnings)?;
    match get(&els, "00") {
        Some(NAPAS_GUID) => {}
        Some(g) => {
            return Err(qerr(
                ErrorCode::QrField,
                "38.00",
                format!("GUID {g}, expected {NAPAS_GUID} (NAPAS)", g = crate::text::shown(g, 40)),
            ))
        }
        None => return Err(qerr(ErrorCode::QrMissing, "38.00", "the NAPAS GUID is missing")),
    }
    let org = get(&els, "01").ok_or_else(|| qerr(ErrorCode::QrMissing, "38.01", "beneficiary organisation missing"))?;
    let org = elements(org, "38.01", mode, &mut r.warnings)?;
    let bin = get(&org, "00").ok_or_else(|| qerr(ErrorCode::QrMissing, "38.01.00", "bank BIN missing"))?;
    if bin.len() != 6 || !bin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(qerr(
            ErrorCode::QrField,
            "38.01.00",
            format!("BIN {bin} is not 6 digits", bin = crate::text::shown(bin, 40)),
        ));
    }
    r.bin = Some(bin.to_string());
    match tables::bank(bin) {
        Some(bank) => r.bank = Some(bank.short_name.to_string()),
        None => r.warnings.push(Warning {
            code: "unknown_bank",
            field: "38.01.00".into(),
            message: format!("BIN {bin} is not in the NAPAS bank table"),
        }),
    }
    let account = get(&org, "01").ok_or_else(|| qerr(ErrorCode::QrMissing, "38.01.01", "account or card missing"))?;
    if account.is_empty() || account.chars().count() > 19 || !account.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(qerr(
            ErrorCode::QrField,
            "38.01.01",
            format!(
                "account is {} characters; expected 1-19 letters or digits",
                account.chars().count()
            ),
        ));
    }
    r.account = Some(account.to_string());
    if let Some(s) = get(&els, "02") {
        r.service = Some(Service::from_code(s).ok_or_else(|| {
            qerr(
                ErrorCode::QrField,
                "38.02",
                format!(
                    "service {s} is not QRIBFTTA, QRIBFTTC, QRPUSH or QRCASH",
                    s = crate::text::shown(s, 40)
                ),
            )
        })?);
    }
    Ok(())
}

fn additional(value: &str, mode: Mode, r: &mut QrReport) -> Result<(), Error> {
    for (id, v) in elements(value, "62", mode, &mut r.warnings)? {
        let slot = match id {
            "01" => &mut r.bill_number,
            "03" => &mut r.store_label,
            "05" => &mut r.reference_label,
            "07" => &mut r.terminal_label,
            "08" => &mut r.purpose,
            _ => continue,
        };
        *slot = Some(v.to_string());
        if v.chars().count() > PURPOSE_MAX {
            r.warnings.push(Warning {
                code: "purpose_too_long",
                field: format!("62.{id}"),
                message: format!("{} characters; EMVCo allows {PURPOSE_MAX}", v.chars().count()),
            });
        }
        if !v.is_ascii() {
            r.warnings.push(Warning {
                code: "purpose_not_ascii",
                field: format!("62.{id}"),
                message: "non-ASCII text: many banks expect ASCII".into(),
            });
        }
    }
    Ok(())
}

/// What to put in a VietQR code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QrRequest {
    /// Bank BIN (must be in the NAPAS table).
    pub bin: String,
    /// Account or card number, 1-19 letters or digits.
    pub account: String,
    /// Service (default [`Service::ToAccount`]).
    pub service: Service,
    /// Amount in đồng; present → dynamic code (12), absent → static (11).
    pub amount: Option<i64>,
    /// Purpose (62.08): put the dossier code or MaThamChieu here so the credit can be matched.
    pub purpose: Option<String>,
    /// Bill number (62.01).
    pub bill_number: Option<String>,
    /// Reference label (62.05).
    pub reference_label: Option<String>,
    /// Keep Vietnamese diacritics in the purpose (default: removed, as most banks expect ASCII).
    pub keep_diacritics: bool,
    /// Longest purpose / label accepted (default [`PURPOSE_MAX`]).
    pub max_text: usize,
}

impl QrRequest {
    /// A static transfer-to-account code.
    pub fn new(bin: &str, account: &str) -> Self {
        Self {
            bin: bin.to_string(),
            account: account.to_string(),
            service: Service::ToAccount,
            amount: None,
            purpose: None,
            bill_number: None,
            reference_label: None,
            keep_diacritics: false,
            max_text: PURPOSE_MAX,
        }
    }
}

fn push(out: &mut String, id: &str, value: &str) -> Result<(), Error> {
    let len = value.chars().count();
    if len > 99 {
        return Err(qerr(
            ErrorCode::QrTooLong,
            id,
            format!("{len} characters; a TLV value holds at most 99"),
        ));
    }
    out.push_str(id);
    out.push_str(&format!("{len:02}"));
    out.push_str(value);
    Ok(())
}

/// Builds the payload (CRC upper case).
pub fn build(req: &QrRequest) -> Result<String, Error> {
    if tables::bank(&req.bin).is_none() {
        return Err(qerr(
            ErrorCode::QrField,
            "bin",
            format!("{:?} is not a BIN in the NAPAS bank table", req.bin),
        ));
    }
    let acc = &req.account;
    if acc.is_empty() || acc.len() > 19 || !acc.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(qerr(ErrorCode::QrField, "account", "expected 1-19 letters or digits"));
    }
    if let Some(a) = req.amount {
        if !(1..=9_999_999_999_999).contains(&a) {
            return Err(qerr(
                ErrorCode::QrField,
                "amount",
                format!("{a} is not 1-9999999999999 đồng"),
            ));
        }
    }
    let mut org = String::new();
    push(&mut org, "00", &req.bin)?;
    push(&mut org, "01", acc)?;
    let mut mai = String::new();
    push(&mut mai, "00", NAPAS_GUID)?;
    push(&mut mai, "01", &org)?;
    push(&mut mai, "02", req.service.code())?;
    let mut add = String::new();
    for (id, field, text) in [
        ("01", "bill_number", &req.bill_number),
        ("05", "reference_label", &req.reference_label),
        ("08", "purpose", &req.purpose),
    ] {
        let Some(text) = text else { continue };
        let text = if req.keep_diacritics {
            text.clone()
        } else {
            crate::text::fold(text)
        };
        let n = text.chars().count();
        if n == 0 || n > req.max_text {
            return Err(qerr(
                ErrorCode::QrTooLong,
                field,
                format!("{n} characters; 1-{} allowed", req.max_text),
            ));
        }
        push(&mut add, id, &text)?;
    }
    let mut out = String::with_capacity(160);
    push(&mut out, "00", "01")?;
    push(&mut out, "01", if req.amount.is_some() { "12" } else { "11" })?;
    push(&mut out, "38", &mai)?;
    push(&mut out, "53", "704")?;
    if let Some(a) = req.amount {
        push(&mut out, "54", &a.to_string())?;
    }
    push(&mut out, "58", "VN")?;
    if !add.is_empty() {
        push(&mut out, "62", &add)?;
    }
    out.push_str("6304");
    let crc = crc16(out.as_bytes());
    out.push_str(&format!("{crc:04X}"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    #[test]
    fn table_crc_equals_the_bitwise_definition() {
        fn bitwise(data: &[u8]) -> u16 {
            let mut crc: u16 = 0xFFFF;
            for &b in data {
                crc ^= u16::from(b) << 8;
                for _ in 0..8 {
                    crc = if crc & 0x8000 != 0 {
                        (crc << 1) ^ 0x1021
                    } else {
                        crc << 1
                    };
                }
            }
            crc
        }
        let mut x: u32 = 1;
        let data: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        for n in 0..data.len() {
            assert_eq!(crc16(&data[..n]), bitwise(&data[..n]), "length {n}");
        }
    }
}
