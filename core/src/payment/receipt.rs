//! E-receipt for fees and charges (biên lai điện tử thu phí, lệ phí): the model a one-stop system
//! fills in after a confirmed payment, and its validation before it goes to the invoice service
//! (VNPT, Viettel ...).
//!
//! Rules (brief §5): the total is the sum of the fee lines, in đồng, with checked arithmetic; phí
//! and lệ phí are issued on separate receipts (what TH does; configurable). The legal content of a
//! biên lai (NĐ 123/2020 as amended by NĐ 70/2025) is UNCONFIRMED: template (mẫu số) and series
//! (ký hiệu) are checked only as short codes of printable ASCII without spaces, and the number as
//! 1 to [`ReceiptRules::max_number`] (default 8 digits, as for invoices).
use crate::error::{Error, ErrorCode};
use crate::ids::{mask, AgencyId, Cccd, Cmnd, DossierCode, IdRules, Passport, TaxCode};
use crate::sync::time::parse_dvcqg_time;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Phí (a fee for a service) or lệ phí (a charge for a State act); TH issues them on separate
/// receipts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Phí.
    Phi,
    /// Lệ phí.
    LePhi,
}

impl FeeKind {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            FeeKind::Phi => "Phí",
            FeeKind::LePhi => "Lệ phí",
        }
    }
}

/// One fee line (khoản thu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeLine {
    /// Fee code from the procedure catalogue (mã phí, lệ phí; opaque, brief §2.4).
    pub fee_code: String,
    /// Fee name (tên phí, lệ phí).
    pub name: String,
    /// Phí or lệ phí.
    pub kind: FeeKind,
    /// Amount in đồng, > 0.
    pub amount: i64,
}

/// The collecting unit (đơn vị thu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectingUnit {
    /// Agency electronic identifier (mã định danh điện tử, MaDonVi).
    pub agency_id: String,
    /// Name (tên đơn vị).
    pub name: String,
}

/// The payer (người nộp). Personal data: masked in Debug output.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payer {
    /// Full name (họ tên).
    pub name: String,
    /// CCCD, CMND, passport or tax code (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// Address (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl fmt::Debug for Payer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Payer")
            .field("name", &format_args!("<{} chars>", self.name.chars().count()))
            .field("id_number", &self.id_number.as_deref().map(mask))
            .field("address", &self.address.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// An e-receipt (biên lai điện tử).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// Template (mẫu số biên lai).
    pub template: String,
    /// Series (ký hiệu biên lai).
    pub series: String,
    /// Number (số biên lai), 1 to [`ReceiptRules::max_number`].
    pub number: i64,
    /// Issue time, DVCQG wire format `yyyyMMddHHmmss` (24-hour, Asia/Ho_Chi_Minh).
    pub issued_at: String,
    /// Collecting unit.
    pub collecting_unit: CollectingUnit,
    /// Payer.
    pub payer: Payer,
    /// Dossier code (mã hồ sơ), when the receipt is for a dossier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier_code: Option<String>,
    /// The payment attempt it follows (MaThamChieu), when paid online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_reference: Option<String>,
    /// Fee lines, at least one.
    pub lines: Vec<FeeLine>,
    /// Total in đồng: the sum of the lines.
    pub total: i64,
}

/// Configurable receipt rules (the legal content is UNCONFIRMED, brief §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReceiptRules {
    /// Phí and lệ phí must be on separate receipts (default true, as TH issues them).
    pub separate_kinds: bool,
    /// Highest receipt number (default 99,999,999: 8 digits).
    pub max_number: i64,
}

impl Default for ReceiptRules {
    fn default() -> Self {
        Self {
            separate_kinds: true,
            max_number: 99_999_999,
        }
    }
}

impl ReceiptRules {
    /// The defaults with the two switches bindings expose (`max_number` None: the default).
    pub fn new(separate_kinds: bool, max_number: Option<i64>) -> Self {
        Self {
            separate_kinds,
            max_number: max_number.unwrap_or(Self::default().max_number),
        }
    }

    /// Reads rules from JSON (`{"separate_kinds"?, "max_number"?}`); None gives the defaults.
    /// Malformed JSON is 9004 naming `rules`.
    pub fn from_json(json: Option<&str>) -> Result<Self, Error> {
        json.map_or(Ok(Self::default()), |j| {
            serde_json::from_str(j)
                .map_err(|e| Error::new(ErrorCode::InvalidArgument, "rules", crate::text::json_error(&e)))
        })
    }
}

/// The result of checking a receipt: every problem found, and the totals by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptReport {
    /// No error.
    pub valid: bool,
    /// Number of fee lines.
    pub lines: usize,
    /// Sum of the phí lines (None when there is none, or the sum overflows).
    pub total_phi: Option<i64>,
    /// Sum of the lệ phí lines (None when there is none, or the sum overflows).
    pub total_le_phi: Option<i64>,
    /// Every problem, in field order.
    pub errors: Vec<Error>,
}

fn code_ok(s: &str) -> bool {
    (1..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic())
}

/// Checks a receipt; returns every problem found (empty when valid).
pub fn validate(r: &Receipt, rules: &ReceiptRules) -> Vec<Error> {
    let mut errs = Vec::new();
    let mut e = |code, field: String, detail: String| errs.push(Error::new(code, field, detail));
    for (field, v) in [("template", &r.template), ("series", &r.series)] {
        if v.trim().is_empty() {
            e(ErrorCode::ReceiptMissing, field.into(), "empty".into());
        } else if !code_ok(v) {
            e(
                ErrorCode::ReceiptField,
                field.into(),
                "must be 1-20 printable ASCII characters without spaces".into(),
            );
        }
    }
    if !(1..=rules.max_number).contains(&r.number) {
        e(
            ErrorCode::ReceiptField,
            "number".into(),
            format!("{} is not between 1 and {}", r.number, rules.max_number),
        );
    }
    let issued = parse_dvcqg_time(&r.issued_at);
    if issued.is_none() {
        let shown = crate::text::shown(&r.issued_at, 20);
        e(
            ErrorCode::ReceiptField,
            "issued_at".into(),
            format!("{shown} is not a real yyyyMMddHHmmss time"),
        );
    }
    let id_rules = IdRules::new(issued.map_or(chrono::NaiveDate::MAX, |t| t.date()));
    if r.collecting_unit.agency_id.trim().is_empty() {
        e(
            ErrorCode::ReceiptMissing,
            "collecting_unit.agency_id".into(),
            "empty".into(),
        );
    } else if let Err(x) = AgencyId::parse(&r.collecting_unit.agency_id, &id_rules) {
        e(
            ErrorCode::ReceiptField,
            "collecting_unit.agency_id".into(),
            x.to_string(),
        );
    }
    if r.collecting_unit.name.trim().is_empty() {
        e(ErrorCode::ReceiptMissing, "collecting_unit.name".into(), "empty".into());
    }
    if r.payer.name.trim().is_empty() {
        e(ErrorCode::ReceiptMissing, "payer.name".into(), "empty".into());
    }
    if let Some(id) = r.payer.id_number.as_deref().filter(|s| !s.is_empty()) {
        let known = Cccd::parse(id, &id_rules).is_ok()
            || Cmnd::parse(id).is_ok()
            || Passport::parse(id, &id_rules).is_ok()
            || TaxCode::parse(id, &id_rules).is_ok();
        if !known {
            e(
                ErrorCode::ReceiptField,
                "payer.id_number".into(),
                format!(
                    "{} characters, not a valid CCCD, CMND, passport or tax code",
                    id.chars().count()
                ),
            );
        }
    }
    if let Some(code) = r.dossier_code.as_deref() {
        if let Err(x) = DossierCode::validate(code, &id_rules) {
            e(ErrorCode::ReceiptField, "dossier_code".into(), x.to_string());
        }
    }
    if r.lines.is_empty() {
        e(
            ErrorCode::ReceiptMissing,
            "lines".into(),
            "a receipt needs at least one fee line".into(),
        );
    }
    for (i, l) in r.lines.iter().enumerate() {
        for (name, v) in [("fee_code", &l.fee_code), ("name", &l.name)] {
            if v.trim().is_empty() {
                e(ErrorCode::ReceiptLine, format!("lines[{i}].{name}"), "empty".into());
            }
        }
        if l.amount <= 0 {
            e(
                ErrorCode::ReceiptLine,
                format!("lines[{i}].amount"),
                format!("{} is not a positive amount of đồng", l.amount),
            );
        }
    }
    if rules.separate_kinds {
        if let Some(first) = r.lines.first() {
            if let Some(i) = r.lines.iter().position(|l| l.kind != first.kind) {
                e(
                    ErrorCode::ReceiptMixedKinds,
                    format!("lines[{i}].kind"),
                    format!(
                        "{} after {}: issue phí and lệ phí on separate receipts",
                        r.lines[i].kind.label_vi(),
                        first.kind.label_vi()
                    ),
                );
            }
        }
    }
    match sum(r.lines.iter().map(|l| l.amount)) {
        None => e(
            ErrorCode::MoneyOverflow,
            "total".into(),
            "the sum of the lines does not fit in i64 đồng".into(),
        ),
        Some(s) if s != r.total => e(
            ErrorCode::ReceiptTotal,
            "total".into(),
            format!("{} but the lines add up to {s}", r.total),
        ),
        Some(_) => {}
    }
    errs
}

fn sum(it: impl Iterator<Item = i64>) -> Option<i64> {
    it.into_iter().try_fold(0i64, i64::checked_add)
}

/// Checks a receipt and reports the totals by kind.
pub fn check(r: &Receipt, rules: &ReceiptRules) -> ReceiptReport {
    let errors = validate(r, rules);
    let by = |k: FeeKind| {
        let mut of_kind = r.lines.iter().filter(|l| l.kind == k).peekable();
        of_kind.peek()?;
        sum(of_kind.map(|l| l.amount))
    };
    ReceiptReport {
        valid: errors.is_empty(),
        lines: r.lines.len(),
        total_phi: by(FeeKind::Phi),
        total_le_phi: by(FeeKind::LePhi),
        errors,
    }
}

/// Checks a receipt given as JSON (the shape of [`Receipt`]); JSON that is not a receipt gives a
/// report with one error 9004 naming the problem (values redacted: they may be personal data).
pub fn check_json(json: &str, rules: &ReceiptRules) -> ReceiptReport {
    match serde_json::from_str::<Receipt>(json) {
        Ok(r) => check(&r, rules),
        Err(x) => ReceiptReport {
            valid: false,
            lines: 0,
            total_phi: None,
            total_le_phi: None,
            errors: vec![Error::new(
                ErrorCode::InvalidArgument,
                "receipt",
                crate::text::json_error(&x),
            )],
        },
    }
}

/// Splits fee lines into what goes on the phí receipt and what goes on the lệ phí receipt, in
/// their original order.
pub fn split_by_kind(lines: &[FeeLine]) -> (Vec<FeeLine>, Vec<FeeLine>) {
    lines.iter().cloned().partition(|l| l.kind == FeeKind::Phi)
}
