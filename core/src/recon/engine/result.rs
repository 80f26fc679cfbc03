//! What a run gives (kết quả đối soát): one row per input record, its class, and the control totals.
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Where an output row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A bank credit (báo có).
    Bank,
    /// A payment attempt.
    Payment,
    /// A dossier row (only unreadable ones get an output row).
    Dossier,
}

impl Source {
    /// `bank`, `payment`, `dossier`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Bank => "bank",
            Self::Payment => "payment",
            Self::Dossier => "dossier",
        }
    }

    /// The input it is read from: `bank`, `payments`, `dossiers`.
    pub fn input(self) -> &'static str {
        match self {
            Self::Bank => "bank",
            Self::Payment => "payments",
            Self::Dossier => "dossiers",
        }
    }

    /// `e` with its field named in this source's input, as `bank.so_tien`.
    pub(crate) fn name_in_input(self, e: Error) -> Error {
        Error::new(e.code, format!("{}.{}", self.input(), e.field), e.detail)
    }
}

/// The class of an output row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Bank: the credit pays a successful attempt. Payment: success and credited.
    Matched,
    /// Money arrived but the platform says initiated, pending or failed (đã nộp tiền, chưa cập nhật).
    PaidNotUpdated,
    /// The amount differs from the attempt's (or the dossier's fee).
    AmountMismatch,
    /// A further credit for a dossier already credited (nộp trùng).
    Duplicate,
    /// No known dossier or reference in the remark.
    UnknownDossier,
    /// Several dossiers fit, or the named dossier belongs to another account: left to a person.
    Ambiguous,
    /// Payment: success on the platform, no credit in the bank lines.
    MissingInBank,
    /// Payment: not successful and no credit (nothing to reconcile).
    NotPaid,
    /// The row could not be read; it carries its line and error.
    InvalidInput,
}

impl Class {
    /// Every class, in report order.
    pub const ALL: [Class; 9] = [
        Class::Matched,
        Class::PaidNotUpdated,
        Class::AmountMismatch,
        Class::Duplicate,
        Class::UnknownDossier,
        Class::Ambiguous,
        Class::MissingInBank,
        Class::NotPaid,
        Class::InvalidInput,
    ];

    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Matched => "matched",
            Self::PaidNotUpdated => "paid_not_updated",
            Self::AmountMismatch => "amount_mismatch",
            Self::Duplicate => "duplicate",
            Self::UnknownDossier => "unknown_dossier",
            Self::Ambiguous => "ambiguous",
            Self::MissingInBank => "missing_in_bank",
            Self::NotPaid => "not_paid",
            Self::InvalidInput => "invalid_input",
        }
    }
}

/// Which keys a row of results.jsonl carries (các trường của kết quả).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fields {
    /// Every key of [`ResultRow`]: the contract's seven, then the amount, time, agency, platform
    /// status, related credit and line (the default: a file an officer can read on its own).
    #[default]
    All,
    /// The contract's seven keys only: `source`, `id`, `class`, `ma_ho_so`, `ma_tham_chieu`,
    /// `confidence`, `reason` (a third smaller file). An `invalid_input` row keeps its `line` and
    /// `error`, so that an unreadable record can still be found in its file.
    Contract,
}

impl std::str::FromStr for Fields {
    type Err = Error;

    /// `all` or `contract`; anything else is 9004 naming `fields`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "all" => Ok(Self::All),
            "contract" => Ok(Self::Contract),
            _ => Err(Error::new(
                ErrorCode::InvalidArgument,
                "fields",
                "expected \"all\" or \"contract\"",
            )),
        }
    }
}

/// Error details of an `invalid_input` row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowIssue {
    /// Stable code (7001-7007).
    pub code: u32,
    /// Stable name.
    pub name: &'static str,
    /// The field.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// One output row (results.jsonl).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultRow<'a> {
    /// `bank`, `payment` or `dossier`.
    pub source: Source,
    /// ma_giao_dich_nh for bank lines, ma_tham_chieu for payments, ma_ho_so for dossiers.
    pub id: &'a str,
    /// The class.
    pub class: Class,
    /// The dossier, empty when unknown.
    pub ma_ho_so: &'a str,
    /// The attempt, empty when none.
    pub ma_tham_chieu: &'a str,
    /// 0.00-1.00: how sure the match is (1 for exact references; 0 when nothing matched).
    pub confidence: f64,
    /// Why, in stable words: the evidence and what decided the class.
    pub reason: Cow<'a, str>,
    /// Amount in đồng (0 when unreadable).
    pub so_tien: i64,
    /// Time, `yyyyMMddHHmmss` (empty when unreadable).
    pub thoi_gian: String,
    /// Agency of the dossier (empty when unknown).
    pub ma_don_vi: &'a str,
    /// TrangThaiGD of a payment row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trang_thai_gd: Option<u8>,
    /// The other side: for a payment the first credit with the right amount resolved to it (else
    /// the first with another amount), for a duplicate the first credit of the dossier.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub related: &'a str,
    /// 1-based line in its input file.
    pub line: u64,
    /// Error of an `invalid_input` row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<RowIssue>,
}

/// Rows and đồng of one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Total {
    /// Rows.
    pub rows: u64,
    /// Sum of so_tien, đồng.
    pub amount: i64,
}

impl Total {
    pub(super) fn add(&mut self, amount: Vnd) -> Result<(), Error> {
        self.rows += 1;
        self.amount = self
            .amount
            .checked_add(amount.0)
            .ok_or_else(|| Error::new(ErrorCode::MoneyOverflow, "so_tien", "control total overflows i64 dong"))?;
        Ok(())
    }
}

/// Control totals: what was read and what was written, per source and class, per agency and per
/// day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Bank and payment records read (readable amounts summed); both sources always present.
    pub input: BTreeMap<Source, Total>,
    /// Output rows per source and class.
    pub output: BTreeMap<Source, BTreeMap<Class, Total>>,
    /// Bank rows per agency (empty key: no dossier) and class.
    pub bank_by_agency: BTreeMap<String, BTreeMap<Class, Total>>,
    /// Bank rows per day (`yyyy-MM-dd` of the credit; empty: unreadable) and class.
    pub bank_by_day: BTreeMap<String, BTreeMap<Class, Total>>,
    /// Dossier rows read (reference data: only unreadable ones get an output row).
    pub dossier_rows: u64,
    /// Dossier rows loaded.
    pub dossiers_loaded: u64,
    /// Dossiers known: loaded or only named by an attempt.
    pub dossiers_known: u64,
}

impl Summary {
    /// Output totals of one source.
    pub fn output_total(&self, source: Source) -> Total {
        let mut t = Total::default();
        for v in self.output.get(&source).into_iter().flat_map(|m| m.values()) {
            t.rows += v.rows;
            t.amount += v.amount;
        }
        t
    }

    /// Whether the bank and payment output rows and đồng equal their input, and every dossier row
    /// was either loaded or written as `invalid_input`.
    pub fn balanced(&self) -> bool {
        [Source::Bank, Source::Payment]
            .into_iter()
            .all(|s| self.input.get(&s).copied().unwrap_or_default() == self.output_total(s))
            && self.dossier_rows == self.dossiers_loaded + self.output_total(Source::Dossier).rows
    }
}
