//! Deterministic payment-reconciliation (đối soát) scenarios for tests and benchmarks.
//!
//! [`Scenario::generate`] builds, from a [`ScenarioConfig`] (a seed and a number of bank lines), the
//! four CSV files of `data/recon/sample/` plus a `mangling` column in the truth file:
//!
//! - `dossiers.csv`: hồ sơ (`ma_ho_so` like `000.12.18.H26-260614-0001`, `ma_tthc`, `ma_don_vi`,
//!   `ngay_tiep_nhan`, `tong_phi`, the agency's beneficiary account `tk_thu_huong` / `ma_nh_thu_huong`);
//! - `payments.csv`: attempts on the national payment platform (`ma_tham_chieu` = `dvc` + dossier code
//!   without separators + `yyyyMMddHHmmss`; `ma_giao_dich` `PG` + 12 digits on success only);
//! - `bank.csv`: credits on the agencies' accounts with free-text remarks (`noi_dung`), shuffled;
//! - `expected.csv`: `source,id,class,ma_ho_so,ma_tham_chieu,mangling`, one row per bank line and one
//!   per successful payment; the classes are decided by construction, never by running a matcher.
//!
//! Each remark carries the dossier code or the reference with exactly one [`Mangling`] applied
//! (case, stripped diacritics, separators, stray spaces, cut short, tail only, typo) and is
//! independently wrapped in channel noise (`MBVCB.…`, `<trace>.<ddmmyy>.<hhmmss>.…`,
//! `CT nhanh 247 den: …`, `TKThe :…, tai <BANK>. …`, `… FT<14 digits>`). Personal names and
//! accounts are fake.
//!
//! Sans-IO and deterministic: the same configuration gives byte-identical output on every platform
//! (own xoshiro256** generator seeded by SplitMix64; no clock, no files, no global state). Money is
//! `i64` đồng.
//!
//! ```
//! use motcua_core::recon::scenario::{Scenario, ScenarioConfig};
//! let s = Scenario::generate(&ScenarioConfig::new(42, 200));
//! assert_eq!(s.bank.len(), 200);
//! let mut bank_csv = String::new();
//! s.write_bank_csv(&mut bank_csv).unwrap();
//! assert!(bank_csv.starts_with("ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong,noi_dung\n"));
//! ```

use chrono::NaiveDate;
use std::fmt;

mod generate;
mod remark;
mod rng;

use generate::generate;
use rng::push_num;

// ---------------------------------------------------------------------------------------------
// Tables (value styles of data/recon/sample, extended)
// ---------------------------------------------------------------------------------------------

/// Level-1 groups `Hnn` of provincial agencies (those of the sample first).
const PROVINCES: [&str; 40] = [
    "H26", "H29", "H40", "H49", "H56", "H57", "H01", "H02", "H04", "H06", "H08", "H10", "H11", "H12", "H14", "H15",
    "H17", "H19", "H20", "H22", "H24", "H25", "H27", "H30", "H31", "H33", "H35", "H36", "H37", "H38", "H42", "H44",
    "H45", "H46", "H48", "H51", "H52", "H54", "H58", "H60",
];

/// Beneficiary banks (BIN) of the sample: Agribank, VietinBank, BIDV, MB, Vietcombank.
const BINS: [&str; 5] = ["970405", "970415", "970418", "970422", "970436"];

/// Payers' banks as card-transfer channels spell them.
const PAYER_BANKS: [&str; 10] = [
    "VCB",
    "BIDV",
    "VIETINBANK",
    "AGRIBANK",
    "MB",
    "TECHCOMBANK",
    "ACB",
    "VPBANK",
    "SACOMBANK",
    "TPBANK",
];

/// Fee levels (đồng) of the sample.
const FEES: [i64; 13] = [
    10_000, 15_000, 20_000, 25_000, 30_000, 50_000, 100_000, 150_000, 200_000, 300_000, 500_000, 1_000_000, 1_500_000,
];

/// Procedure codes (mã TTHC), those of the sample first.
const PROCEDURES: [&str; 16] = [
    "1.004227", "2.001035", "1.000494", "1.000894", "1.013314", "2.000635", "1.001193", "1.010708", "2.002622",
    "3.000242", "1.001612", "1.002425", "2.000889", "1.003003", "2.002154", "1.008901",
];

const FAMILY: [&str; 24] = [
    "NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "PHAN", "VU", "VO", "DANG", "BUI", "DO", "HO", "NGO", "DUONG",
    "LY", "TRUONG", "DINH", "LAM", "MAI", "TA", "CAO", "TRINH", "LUONG",
];
const MIDDLE: [&str; 16] = [
    "VAN", "THI", "DUC", "HUU", "MINH", "NGOC", "QUANG", "KIM", "THANH", "ANH", "XUAN", "HONG", "BAO", "GIA", "THU",
    "TRUNG",
];
const GIVEN: [&str; 30] = [
    "AN", "BINH", "CUONG", "DUNG", "HA", "HIEU", "HUNG", "LAN", "LINH", "NAM", "PHUONG", "THAO", "TUAN", "YEN", "HOA",
    "HAI", "KHANH", "LONG", "MAI", "NGA", "QUAN", "SON", "TAM", "THANG", "TRANG", "VIET", "HUONG", "DAT", "PHUC",
    "TRUNG",
];

/// Column names of `dossiers.csv`, `payments.csv` and `bank.csv`: the reader's.
pub use super::record::{
    ATTEMPT_FIELDS as PAYMENT_COLUMNS, CREDIT_FIELDS as BANK_COLUMNS, DOSSIER_FIELDS as DOSSIER_COLUMNS,
};
/// Column names of `expected.csv` (the sample's five plus `mangling`).
pub const EXPECTED_COLUMNS: [&str; 6] = ["source", "id", "class", "ma_ho_so", "ma_tham_chieu", "mangling"];

// ---------------------------------------------------------------------------------------------
// Public vocabulary
// ---------------------------------------------------------------------------------------------

/// How a bank line's remark (nội dung) was mangled; exactly one kind per line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mangling {
    /// The code or reference verbatim.
    Clean,
    /// Upper- or lowercased (the whole content, or only the code) so the code's letters differ.
    Case,
    /// Vietnamese fee words present with their diacritics stripped (`nop le phi ho so`).
    NoDiacritics,
    /// Dossier code's dots/dashes dropped, or replaced by space, underscore, slash or comma.
    Separators,
    /// One or two stray spaces inserted inside the code.
    Spaces,
    /// Content truncated at the channel's length limit: the code (at the end of the content) lost
    /// its last 1-3 characters (dossier code) or 1-12 characters (reference).
    CutShort,
    /// Only the tail copied: at least `yyMMdd-NNNN` of a dossier code, the last 20-30 characters of
    /// a reference.
    TailOnly,
    /// One digit of the code replaced by another digit.
    Typo,
    /// No code at all (unknown lines only).
    NoiseOnly,
}

const MANGLE_NAMES: [&str; 9] = [
    "clean",
    "case",
    "no_diacritics",
    "separators",
    "spaces",
    "cut_short",
    "tail_only",
    "typo",
    "noise_only",
];

/// Names of every mangling kind, in [`Mangling::ALL`] order (the values of `expected.csv`'s
/// `mangling` column, besides the empty value of payment rows).
pub fn mangle_kinds() -> &'static [&'static str] {
    &MANGLE_NAMES
}

impl Mangling {
    /// Every kind, in a stable order.
    pub const ALL: [Mangling; 9] = [
        Mangling::Clean,
        Mangling::Case,
        Mangling::NoDiacritics,
        Mangling::Separators,
        Mangling::Spaces,
        Mangling::CutShort,
        Mangling::TailOnly,
        Mangling::Typo,
        Mangling::NoiseOnly,
    ];

    /// Stable name (`clean`, `case`, …, `noise_only`).
    pub fn name(self) -> &'static str {
        MANGLE_NAMES[self as usize]
    }

    /// Inverse of [`Mangling::name`].
    pub fn from_name(s: &str) -> Option<Self> {
        MANGLE_NAMES.iter().position(|n| *n == s).map(|i| Self::ALL[i])
    }
}

/// Classification of a row of `expected.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExpectedClass {
    /// Bank line: credit for a successful attempt with the right amount. Payment: its credit arrived
    /// with the right amount.
    Matched,
    /// Bank line: money arrived for a dossier whose attempts are all pending/initiated/failed.
    PaidNotUpdated,
    /// Bank line: amount differs from the fee. Payment: its credit has another amount.
    AmountMismatch,
    /// Bank line: a second credit, same amount, for an already credited dossier.
    Duplicate,
    /// Bank line: names no dossier of `dossiers.csv`.
    UnknownDossier,
    /// Payment: successful on the platform, no credit on the bank statement.
    MissingInBank,
}

impl ExpectedClass {
    /// Every class, in a stable order.
    pub const ALL: [ExpectedClass; 6] = [
        ExpectedClass::Matched,
        ExpectedClass::PaidNotUpdated,
        ExpectedClass::AmountMismatch,
        ExpectedClass::Duplicate,
        ExpectedClass::UnknownDossier,
        ExpectedClass::MissingInBank,
    ];

    /// Stable name, as in `expected.csv`.
    pub fn name(self) -> &'static str {
        match self {
            ExpectedClass::Matched => "matched",
            ExpectedClass::PaidNotUpdated => "paid_not_updated",
            ExpectedClass::AmountMismatch => "amount_mismatch",
            ExpectedClass::Duplicate => "duplicate",
            ExpectedClass::UnknownDossier => "unknown_dossier",
            ExpectedClass::MissingInBank => "missing_in_bank",
        }
    }

    /// Inverse of [`ExpectedClass::name`].
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.name() == s)
    }
}

/// Which file an `expected.csv` row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A line of `bank.csv` (id = `ma_giao_dich_nh`).
    Bank,
    /// A successful attempt of `payments.csv` (id = `ma_tham_chieu`).
    Payment,
}

impl Source {
    /// `bank` or `payment`.
    pub fn name(self) -> &'static str {
        match self {
            Source::Bank => "bank",
            Source::Payment => "payment",
        }
    }
}

/// Relative weights of the mangling kinds applied to remarks of known dossiers (any non-negative
/// integers; all zero means every remark is clean). Unknown lines without a code are always
/// [`Mangling::NoiseOnly`]; unknown lines with a made-up code use only the clean, case, separators
/// and spaces weights (a typo or a cut could turn a made-up code into a real one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Manglings {
    /// Weight of [`Mangling::Clean`] (default 35).
    pub clean: u32,
    /// Weight of [`Mangling::Case`] (default 12).
    pub case: u32,
    /// Weight of [`Mangling::NoDiacritics`] (default 8).
    pub no_diacritics: u32,
    /// Weight of [`Mangling::Separators`] (default 12).
    pub separators: u32,
    /// Weight of [`Mangling::Spaces`] (default 8).
    pub spaces: u32,
    /// Weight of [`Mangling::CutShort`] (default 7).
    pub cut_short: u32,
    /// Weight of [`Mangling::TailOnly`] (default 7).
    pub tail_only: u32,
    /// Weight of [`Mangling::Typo`] (default 6).
    pub typo: u32,
}

impl Default for Manglings {
    fn default() -> Self {
        Self {
            clean: 35,
            case: 12,
            no_diacritics: 8,
            separators: 12,
            spaces: 8,
            cut_short: 7,
            tail_only: 7,
            typo: 6,
        }
    }
}

impl Manglings {
    /// All weights zero except `kind`'s (1); [`Mangling::NoiseOnly`] gives all-clean.
    pub fn only(kind: Mangling) -> Self {
        let mut m = Self {
            clean: 0,
            case: 0,
            no_diacritics: 0,
            separators: 0,
            spaces: 0,
            cut_short: 0,
            tail_only: 0,
            typo: 0,
        };
        match kind {
            Mangling::Clean | Mangling::NoiseOnly => m.clean = 1,
            Mangling::Case => m.case = 1,
            Mangling::NoDiacritics => m.no_diacritics = 1,
            Mangling::Separators => m.separators = 1,
            Mangling::Spaces => m.spaces = 1,
            Mangling::CutShort => m.cut_short = 1,
            Mangling::TailOnly => m.tail_only = 1,
            Mangling::Typo => m.typo = 1,
        }
        m
    }

    /// Weight of `kind` (0 for [`Mangling::NoiseOnly`], which is not drawn).
    pub fn weight(&self, kind: Mangling) -> u32 {
        match kind {
            Mangling::Clean => self.clean,
            Mangling::Case => self.case,
            Mangling::NoDiacritics => self.no_diacritics,
            Mangling::Separators => self.separators,
            Mangling::Spaces => self.spaces,
            Mangling::CutShort => self.cut_short,
            Mangling::TailOnly => self.tail_only,
            Mangling::Typo => self.typo,
            Mangling::NoiseOnly => 0,
        }
    }
}

/// Probabilities (0.0-1.0; out-of-range values are clamped, NaN is 0) that shape a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// Dossiers with no payment attempt (only in `dossiers.csv`). Default 0.25.
    pub no_attempt: f64,
    /// Among dossiers with attempts: exactly two attempts. Default 0.08.
    pub two_attempts: f64,
    /// Among dossiers with attempts: three attempts. Default 0.01.
    pub three_attempts: f64,
    /// Among dossiers with attempts: the last attempt succeeded (trạng thái 1). Default 0.85.
    pub success: f64,
    /// Successful attempts that get no credit (`missing_in_bank`). Default 0.012.
    pub missing_in_bank: f64,
    /// Credits with a wrong amount (`amount_mismatch`). Default 0.02.
    pub amount_mismatch: f64,
    /// Dossiers whose attempts all failed / are pending that still get a credit for the latest
    /// attempt (`paid_not_updated`). Default 0.10.
    pub paid_not_updated: f64,
    /// Credited dossiers (first credit with the right amount) that get a second credit 1-12 h
    /// later (`duplicate`). Default 0.02.
    pub duplicate: f64,
    /// Bank lines naming no known dossier (`unknown_dossier`). Default 0.015.
    pub unknown: f64,
    /// Among unknown lines: a well-formed dossier code that is not in `dossiers.csv` (else no code
    /// at all). Default 0.5.
    pub unknown_with_code: f64,
    /// Remarks carrying the reference (`ma_tham_chieu`) rather than the dossier code. Default 0.40
    /// (the separators mangling always uses the dossier code; the other kinds make up for it).
    pub reference: f64,
    /// Remarks wrapped in channel noise. Default 0.70.
    pub wrapped: f64,
    /// Fee phrases written with diacritics when the line is not `no_diacritics`. Default 0.15.
    pub diacritics: f64,
}

impl Default for Rates {
    fn default() -> Self {
        Self {
            no_attempt: 0.25,
            two_attempts: 0.08,
            three_attempts: 0.01,
            success: 0.85,
            missing_in_bank: 0.012,
            amount_mismatch: 0.02,
            paid_not_updated: 0.10,
            duplicate: 0.02,
            unknown: 0.015,
            unknown_with_code: 0.5,
            reference: 0.40,
            wrapped: 0.70,
            diacritics: 0.15,
        }
    }
}

impl Rates {
    fn sanitized(&self) -> Self {
        let p = |x: f64| if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
        Self {
            no_attempt: p(self.no_attempt),
            two_attempts: p(self.two_attempts),
            three_attempts: p(self.three_attempts),
            success: p(self.success),
            missing_in_bank: p(self.missing_in_bank),
            amount_mismatch: p(self.amount_mismatch),
            paid_not_updated: p(self.paid_not_updated),
            duplicate: p(self.duplicate),
            unknown: p(self.unknown),
            unknown_with_code: p(self.unknown_with_code),
            reference: p(self.reference),
            wrapped: p(self.wrapped),
            diacritics: p(self.diacritics),
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioConfig {
    /// Seed of the generator: same configuration, same output, byte for byte.
    pub seed: u64,
    /// Exact number of lines of `bank.csv`; the number of dossiers follows from the rates
    /// (about 1.5 dossiers per bank line with the defaults).
    pub bank_lines: usize,
    /// Number of agencies (each with its own beneficiary account); `None`:
    /// `max(20, bank_lines / 300)`. Capped at 200,000 (distinct `000.XX.YY.Hnn` ids).
    pub agencies: Option<usize>,
    /// First day of reception (ngày tiếp nhận) of the dossiers. Default 2026-06-01.
    pub start: NaiveDate,
    /// Number of reception days (1-3660). Default 45.
    pub days: u32,
    /// Class and remark probabilities.
    pub rates: Rates,
    /// Weights of the remark manglings.
    pub manglings: Manglings,
}

impl Default for ScenarioConfig {
    fn default() -> Self {
        Self::new(0, 1_000)
    }
}

impl ScenarioConfig {
    /// Defaults for `bank_lines` bank lines with the given seed.
    pub fn new(seed: u64, bank_lines: usize) -> Self {
        Self {
            seed,
            bank_lines,
            agencies: None,
            start: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default(),
            days: 45,
            rates: Rates::default(),
            manglings: Manglings::default(),
        }
    }

    /// Number of agencies actually used (see [`ScenarioConfig::agencies`]).
    pub fn agency_count(&self) -> usize {
        self.agencies
            .unwrap_or_else(|| (self.bank_lines / 300).max(20))
            .clamp(1, MAX_AGENCIES)
    }
}

const MAX_AGENCIES: usize = 200_000;
const MAX_DAYS: u32 = 3_660;

/// A row of `dossiers.csv` (hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierRow {
    /// Mã hồ sơ, e.g. `000.12.18.H26-260614-0001`.
    pub ma_ho_so: String,
    /// Mã thủ tục hành chính, e.g. `1.004227`.
    pub ma_tthc: String,
    /// Agency id (mã đơn vị), e.g. `000.12.18.H26`.
    pub ma_don_vi: String,
    /// Ngày tiếp nhận, `yyyyMMddHHmmss`.
    pub ngay_tiep_nhan: String,
    /// Tổng phí, đồng.
    pub tong_phi: i64,
    /// Agency's beneficiary account (tài khoản thụ hưởng), 12-13 digits.
    pub tk_thu_huong: String,
    /// Beneficiary bank BIN (mã ngân hàng thụ hưởng).
    pub ma_nh_thu_huong: String,
}

/// A row of `payments.csv`: one attempt on the payment platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRow {
    /// Mã tham chiếu: `dvc` + dossier code without separators + `yyyyMMddHHmmss`.
    pub ma_tham_chieu: String,
    /// Mã giao dịch `PG` + 12 digits; empty unless the attempt succeeded.
    pub ma_giao_dich: String,
    /// Mã hồ sơ.
    pub ma_ho_so: String,
    /// Số tiền, đồng (the dossier's tong_phi).
    pub so_tien: i64,
    /// Thời gian giao dịch, `yyyyMMddHHmmss`.
    pub thoi_gian_gd: String,
    /// Trạng thái: 1 success, 3 pending, 4 failed, 0 initiated.
    pub trang_thai_gd: u8,
    /// Agency's beneficiary account.
    pub tk_thu_huong: String,
    /// Beneficiary bank BIN.
    pub ma_nh_thu_huong: String,
}

/// A row of `bank.csv`: a credit on a beneficiary account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankRow {
    /// Bank reference (mã giao dịch ngân hàng), `NH` + 9 digits.
    pub ma_giao_dich_nh: String,
    /// Thời gian, `yyyy-MM-dd HH:mm:ss`.
    pub thoi_gian: String,
    /// Số tiền, đồng.
    pub so_tien: i64,
    /// Credited account (tài khoản thụ hưởng).
    pub tk_thu_huong: String,
    /// Remark as the bank delivers it (nội dung).
    pub noi_dung: String,
}

/// A row of `expected.csv`: the truth about one bank line or one successful payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedRow {
    /// Bank line or payment.
    pub source: Source,
    /// `ma_giao_dich_nh` (bank) or `ma_tham_chieu` (payment).
    pub id: String,
    /// Class.
    pub class: ExpectedClass,
    /// Dossier the money / payment belongs to (empty for unknown lines).
    pub ma_ho_so: String,
    /// Attempt the money was for: the successful one if any, else the latest (empty for unknown
    /// lines); the payment's own reference for payment rows.
    pub ma_tham_chieu: String,
    /// Mangling applied to the bank line's remark; `None` for payment rows.
    pub mangling: Option<Mangling>,
}

/// A generated scenario: the four files as rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scenario {
    /// `dossiers.csv` rows, in generation order (not sorted by date).
    pub dossiers: Vec<DossierRow>,
    /// `payments.csv` rows, grouped by dossier, attempts in time order.
    pub payments: Vec<PaymentRow>,
    /// `bank.csv` rows, deterministically shuffled (not in time or id order).
    pub bank: Vec<BankRow>,
    /// `expected.csv` rows, in construction order (bank ids ascending, each successful payment
    /// after its dossier's bank lines, unknown lines last).
    pub expected: Vec<ExpectedRow>,
}

// ---------------------------------------------------------------------------------------------
// CSV output
// ---------------------------------------------------------------------------------------------

/// Pushes a CSV field, quoted when it holds a comma, a quote or a line break.
fn push_field(buf: &mut String, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        buf.push('"');
        for (i, part) in s.split('"').enumerate() {
            if i > 0 {
                buf.push_str("\"\"");
            }
            buf.push_str(part);
        }
        buf.push('"');
    } else {
        buf.push_str(s);
    }
}

/// Pushes a decimal integer.
fn push_int(buf: &mut String, v: i64) {
    if v < 0 {
        buf.push('-');
    }
    push_num(buf, v.unsigned_abs(), 1);
}

/// One CSV line being written: each field is preceded by a comma but the first.
struct Line<'b> {
    buf: &'b mut String,
    first: bool,
}

impl Line<'_> {
    fn sep(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.buf.push(',');
        }
    }

    /// A text field, quoted when it needs to be.
    fn text(&mut self, s: &str) -> &mut Self {
        self.sep();
        push_field(self.buf, s);
        self
    }

    /// A decimal integer field.
    fn int(&mut self, v: i64) -> &mut Self {
        self.sep();
        push_int(self.buf, v);
        self
    }
}

/// Writes a header and one line per row, each row rendered by `render` into a reused buffer.
fn write_csv<W, T>(w: &mut W, cols: &[&str], rows: &[T], render: impl Fn(&mut Line<'_>, &T)) -> fmt::Result
where
    W: fmt::Write + ?Sized,
{
    w.write_str(&cols.join(","))?;
    w.write_char('\n')?;
    let mut buf = String::with_capacity(512);
    for row in rows {
        buf.clear();
        render(
            &mut Line {
                buf: &mut buf,
                first: true,
            },
            row,
        );
        buf.push('\n');
        w.write_str(&buf)?;
    }
    Ok(())
}

impl Scenario {
    /// Generates the scenario described by `cfg` (deterministic; a few seconds per million bank
    /// lines in a release build).
    pub fn generate(cfg: &ScenarioConfig) -> Scenario {
        generate(cfg)
    }

    /// Writes `dossiers.csv` (header included, `\n` line ends).
    pub fn write_dossiers_csv<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_csv(w, &DOSSIER_COLUMNS, &self.dossiers, |l, r| {
            l.text(&r.ma_ho_so)
                .text(&r.ma_tthc)
                .text(&r.ma_don_vi)
                .text(&r.ngay_tiep_nhan)
                .int(r.tong_phi)
                .text(&r.tk_thu_huong)
                .text(&r.ma_nh_thu_huong);
        })
    }

    /// Writes `payments.csv`.
    pub fn write_payments_csv<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_csv(w, &PAYMENT_COLUMNS, &self.payments, |l, r| {
            l.text(&r.ma_tham_chieu)
                .text(&r.ma_giao_dich)
                .text(&r.ma_ho_so)
                .int(r.so_tien)
                .text(&r.thoi_gian_gd)
                .int(i64::from(r.trang_thai_gd))
                .text(&r.tk_thu_huong)
                .text(&r.ma_nh_thu_huong);
        })
    }

    /// Writes `bank.csv` (remarks with commas or quotes are quoted).
    pub fn write_bank_csv<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_csv(w, &BANK_COLUMNS, &self.bank, |l, r| {
            l.text(&r.ma_giao_dich_nh)
                .text(&r.thoi_gian)
                .int(r.so_tien)
                .text(&r.tk_thu_huong)
                .text(&r.noi_dung);
        })
    }

    /// Writes `expected.csv` (`mangling` empty for payment rows).
    pub fn write_expected_csv<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_csv(w, &EXPECTED_COLUMNS, &self.expected, |l, r| {
            l.text(r.source.name())
                .text(&r.id)
                .text(r.class.name())
                .text(&r.ma_ho_so)
                .text(&r.ma_tham_chieu)
                .text(r.mangling.map_or("", Mangling::name));
        })
    }

    /// The four files as `(file name, CSV text)`: `dossiers.csv`, `payments.csv`, `bank.csv`,
    /// `expected.csv` (the caller writes them wherever it likes).
    pub fn files(&self) -> [(&'static str, String); 4] {
        fn render(f: impl FnOnce(&mut String) -> fmt::Result, cap: usize) -> String {
            let mut s = String::with_capacity(cap);
            // Writing into a String cannot fail.
            let _ = f(&mut s);
            s
        }
        [
            (
                "dossiers.csv",
                render(|s| self.write_dossiers_csv(s), self.dossiers.len() * 80 + 100),
            ),
            (
                "payments.csv",
                render(|s| self.write_payments_csv(s), self.payments.len() * 110 + 100),
            ),
            (
                "bank.csv",
                render(|s| self.write_bank_csv(s), self.bank.len() * 130 + 100),
            ),
            (
                "expected.csv",
                render(|s| self.write_expected_csv(s), self.expected.len() * 100 + 100),
            ),
        ]
    }
}
