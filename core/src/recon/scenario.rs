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

use chrono::{Datelike, Days, NaiveDate};
use std::collections::HashSet;
use std::fmt;

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

/// Fee phrases without diacritics, as payers type them.
const PHRASES_ASCII: [&str; 8] = [
    "nop phi ho so",
    "thanh toan le phi",
    "LE PHI",
    "nop le phi",
    "thanh toan ho so",
    "NOP PHI HO SO",
    "le phi ho so",
    "nop phi",
];

/// Fee phrases with diacritics and their stripped form.
const PHRASES_VI: [(&str, &str); 6] = [
    ("nộp lệ phí hồ sơ", "nop le phi ho so"),
    ("thanh toán lệ phí", "thanh toan le phi"),
    ("nộp phí hồ sơ", "nop phi ho so"),
    ("Lệ phí hồ sơ", "Le phi ho so"),
    ("thanh toán phí hồ sơ", "thanh toan phi ho so"),
    ("nộp lệ phí", "nop le phi"),
];

/// "nop tien ho so so … cho …" in its three spellings: ASCII, with diacritics, stripped.
const NOP_TIEN: (&str, &str, &str) = ("nop tien ho so so", "nộp tiền hồ sơ số", "nop tien ho so so");

/// Remarks of credits that name no dossier (`{n}` = payer name).
const NOISE: [&str; 8] = [
    "{n} chuyen tien",
    "{n} nop phi",
    "chuyen tien",
    "{n} chuyen khoan",
    "CK {n}",
    "{n} thanh toan",
    "nop tien",
    "{n} gui tien",
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

/// Writes a header and one line per row, each row rendered by `render` into a reused buffer.
fn write_csv<W, T>(w: &mut W, cols: &[&str], rows: &[T], render: impl Fn(&mut String, &T)) -> fmt::Result
where
    W: fmt::Write + ?Sized,
{
    w.write_str(&cols.join(","))?;
    w.write_char('\n')?;
    let mut buf = String::with_capacity(512);
    for row in rows {
        buf.clear();
        render(&mut buf, row);
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
        write_csv(w, &DOSSIER_COLUMNS, &self.dossiers, |b, r| {
            push_field(b, &r.ma_ho_so);
            b.push(',');
            push_field(b, &r.ma_tthc);
            b.push(',');
            push_field(b, &r.ma_don_vi);
            b.push(',');
            push_field(b, &r.ngay_tiep_nhan);
            b.push(',');
            push_int(b, r.tong_phi);
            b.push(',');
            push_field(b, &r.tk_thu_huong);
            b.push(',');
            push_field(b, &r.ma_nh_thu_huong);
        })
    }

    /// Writes `payments.csv`.
    pub fn write_payments_csv<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_csv(w, &PAYMENT_COLUMNS, &self.payments, |b, r| {
            push_field(b, &r.ma_tham_chieu);
            b.push(',');
            push_field(b, &r.ma_giao_dich);
            b.push(',');
            push_field(b, &r.ma_ho_so);
            b.push(',');
            push_int(b, r.so_tien);
            b.push(',');
            push_field(b, &r.thoi_gian_gd);
            b.push(',');
            push_int(b, i64::from(r.trang_thai_gd));
            b.push(',');
            push_field(b, &r.tk_thu_huong);
            b.push(',');
            push_field(b, &r.ma_nh_thu_huong);
        })
    }

    /// Writes `bank.csv` (remarks with commas or quotes are quoted).
    pub fn write_bank_csv<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_csv(w, &BANK_COLUMNS, &self.bank, |b, r| {
            push_field(b, &r.ma_giao_dich_nh);
            b.push(',');
            push_field(b, &r.thoi_gian);
            b.push(',');
            push_int(b, r.so_tien);
            b.push(',');
            push_field(b, &r.tk_thu_huong);
            b.push(',');
            push_field(b, &r.noi_dung);
        })
    }

    /// Writes `expected.csv` (`mangling` empty for payment rows).
    pub fn write_expected_csv<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_csv(w, &EXPECTED_COLUMNS, &self.expected, |b, r| {
            b.push_str(r.source.name());
            b.push(',');
            push_field(b, &r.id);
            b.push(',');
            b.push_str(r.class.name());
            b.push(',');
            push_field(b, &r.ma_ho_so);
            b.push(',');
            push_field(b, &r.ma_tham_chieu);
            b.push(',');
            b.push_str(r.mangling.map_or("", Mangling::name));
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

// ---------------------------------------------------------------------------------------------
// Generator internals
// ---------------------------------------------------------------------------------------------

/// xoshiro256** seeded with SplitMix64.
#[derive(Debug, Clone)]
struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
        }
    }

    #[inline]
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (0 when `n == 0`).
    #[inline]
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    #[inline]
    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi` (`lo <= hi`).
    #[inline]
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    #[inline]
    fn chance(&mut self, p: f64) -> bool {
        let u = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        u < p
    }

    #[inline]
    fn pick<'t, T>(&mut self, xs: &'t [T]) -> &'t T {
        &xs[self.index(xs.len())]
    }

    /// Index drawn with the given weights (0 if they are all zero).
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return 0;
        }
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if r < u64::from(w) {
                return i;
            }
            r -= u64::from(w);
        }
        weights.len() - 1
    }

    /// Pushes `n` random decimal digits, the first one non-zero when `nonzero_first`.
    fn push_digits(&mut self, out: &mut String, n: usize, nonzero_first: bool) {
        for i in 0..n {
            let d = if i == 0 && nonzero_first {
                1 + self.below(9)
            } else {
                self.below(10)
            };
            out.push(char::from(b'0' + d as u8));
        }
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.index(i + 1);
            xs.swap(i, j);
        }
    }
}

/// Pushes `v` zero-padded to `width` digits.
fn push_num(out: &mut String, mut v: u64, width: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in (buf.len() - i)..width {
        out.push('0');
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Calendar of the scenario: times are seconds since 00:00 of `start` (UTC+7 wall time).
struct Clock {
    start: NaiveDate,
    first: i64,
    ymd: Vec<(u32, u32, u32)>,
}

impl Clock {
    fn new(start: NaiveDate, days: u32) -> Self {
        let first = -400i64;
        let last = i64::from(days) + 120;
        let ymd = (first..=last).map(|d| Self::compute(start, d)).collect();
        Self { start, first, ymd }
    }

    fn compute(start: NaiveDate, day: i64) -> (u32, u32, u32) {
        let date = if day >= 0 {
            start.checked_add_days(Days::new(day as u64))
        } else {
            start.checked_sub_days(Days::new(day.unsigned_abs()))
        }
        .unwrap_or(start);
        (date.year().clamp(0, 9999) as u32, date.month(), date.day())
    }

    fn date(&self, day: i64) -> (u32, u32, u32) {
        match usize::try_from(day - self.first).ok().and_then(|i| self.ymd.get(i)) {
            Some(&v) => v,
            None => Self::compute(self.start, day),
        }
    }

    fn split(secs: i64) -> (i64, u64, u64, u64) {
        let day = secs.div_euclid(86_400);
        let s = secs.rem_euclid(86_400) as u64;
        (day, s / 3600, s / 60 % 60, s % 60)
    }

    /// `yyyyMMddHHmmss`.
    fn push_compact(&self, out: &mut String, secs: i64) {
        let (day, h, mi, s) = Self::split(secs);
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(y), 4);
        push_num(out, u64::from(m), 2);
        push_num(out, u64::from(d), 2);
        push_num(out, h, 2);
        push_num(out, mi, 2);
        push_num(out, s, 2);
    }

    /// `yyyy-MM-dd HH:mm:ss`.
    fn push_bank(&self, out: &mut String, secs: i64) {
        let (day, h, mi, s) = Self::split(secs);
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(y), 4);
        out.push('-');
        push_num(out, u64::from(m), 2);
        out.push('-');
        push_num(out, u64::from(d), 2);
        out.push(' ');
        push_num(out, h, 2);
        out.push(':');
        push_num(out, mi, 2);
        out.push(':');
        push_num(out, s, 2);
    }

    /// `yyMMdd` of a day.
    fn push_yymmdd(&self, out: &mut String, day: i64) {
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(y % 100), 2);
        push_num(out, u64::from(m), 2);
        push_num(out, u64::from(d), 2);
    }

    /// `ddMMyy.HHmmss` (trace channels).
    fn push_trace_time(&self, out: &mut String, secs: i64) {
        let (day, h, mi, s) = Self::split(secs);
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(d), 2);
        push_num(out, u64::from(m), 2);
        push_num(out, u64::from(y % 100), 2);
        out.push('.');
        push_num(out, h, 2);
        push_num(out, mi, 2);
        push_num(out, s, 2);
    }
}

struct Agency {
    /// `000.XX.YY.Hnn`.
    id: String,
    /// Id without dots (`000XXYYHnn`), as in references.
    compact: String,
    account: String,
    bin: &'static str,
}

fn make_agencies(rng: &mut Rng, n: usize) -> Vec<Agency> {
    // Groups XX/YY range over 0..r; r grows with n so that ids stay distinct.
    let mut r = 41u64;
    while (PROVINCES.len() as u64) * r * r < 2 * n as u64 && r < 100 {
        r += 1;
    }
    let capacity = (PROVINCES.len() as u64 * r * r) as usize;
    let n = n.min(capacity / 2).max(1);
    let mut ids = HashSet::with_capacity(n);
    let mut accounts = HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let p = rng.index(PROVINCES.len());
        // Level-1 and level-2 agencies (zero groups) are common, as in the sample.
        let x = if rng.chance(0.3) { 0 } else { rng.below(r) };
        let y = rng.below(r);
        if !ids.insert((p, x, y)) {
            continue;
        }
        let mut id = String::with_capacity(13);
        id.push_str("000.");
        push_num(&mut id, x, 2);
        id.push('.');
        push_num(&mut id, y, 2);
        id.push('.');
        id.push_str(PROVINCES[p]);
        let compact = id.replace('.', "");
        let account = loop {
            let mut a = String::with_capacity(13);
            let len = if rng.chance(0.17) { 12 } else { 13 };
            rng.push_digits(&mut a, len, true);
            if accounts.insert(a.clone()) {
                break a;
            }
        };
        out.push(Agency {
            id,
            compact,
            account,
            bin: BINS[rng.index(BINS.len())],
        });
    }
    out
}

fn payer_name(v: u32) -> String {
    let f = FAMILY[(v % 24) as usize];
    let m = MIDDLE[(v / 24 % 16) as usize];
    let g = GIVEN[(v / 384 % 30) as usize];
    let mut s = String::with_capacity(24);
    s.push_str(f);
    s.push(' ');
    s.push_str(m);
    s.push(' ');
    if (v >> 24) & 7 == 0 {
        let m2 = MIDDLE[((v >> 27) % 16) as usize];
        if m2 != m {
            s.push_str(m2);
            s.push(' ');
        }
    }
    s.push_str(g);
    s
}

#[derive(Clone, Copy)]
struct DossierPlan {
    agency: u32,
    day: u32,
    minute: u16,
    seq: u16,
    fee: i64,
    tthc: u8,
    name: u32,
    first_attempt: u32,
    attempts: u8,
    /// Index (within the dossier) of the attempt the money is for.
    target: u8,
    success: bool,
    first_credit: u32,
    credits: u8,
}

#[derive(Clone, Copy)]
struct AttemptPlan {
    /// Minutes since the window start.
    minute: i64,
    status: u8,
}

#[derive(Clone, Copy)]
struct CreditPlan {
    secs: i64,
    amount: i64,
    class: ExpectedClass,
}

/// Minutes from reception to the first attempt (minutes to 2 days, skewed short).
fn attempt_delay(rng: &mut Rng) -> i64 {
    match rng.below(100) {
        0..=54 => rng.between(1, 120),
        55..=84 => rng.between(121, 1440),
        _ => rng.between(1441, 2880),
    }
}

/// Seconds from an attempt to its credit (1 minute to 72 hours, skewed short).
fn credit_delay(rng: &mut Rng) -> i64 {
    match rng.below(100) {
        0..=69 => rng.between(60, 1800),
        70..=89 => rng.between(1801, 12 * 3600),
        _ => rng.between(12 * 3600 + 1, 72 * 3600),
    }
}

/// A wrong amount: ±5,000, ±10,000 or another fee level; never the fee, never ≤ 0.
fn wrong_amount(rng: &mut Rng, fee: i64) -> i64 {
    if rng.chance(0.6) {
        let d = if rng.chance(0.5) { 5_000 } else { 10_000 };
        if fee - d > 0 && rng.chance(0.5) {
            fee - d
        } else {
            fee + d
        }
    } else {
        loop {
            let f = *rng.pick(&FEES);
            if f != fee {
                break f;
            }
        }
    }
}

/// Remark-building settings derived from the configuration.
struct Style {
    weights: [u32; 8],
    fake_weights: [u32; 8],
    /// Probability of the reference among lines whose kind allows both carriers.
    reference: f64,
    wrapped: f64,
    diacritics: f64,
}

impl Style {
    fn new(m: &Manglings, rates: &Rates) -> Self {
        let mut weights = [0u32; 8];
        let mut fake_weights = [0u32; 8];
        for (i, k) in Mangling::ALL[..8].iter().enumerate() {
            weights[i] = m.weight(*k);
            if matches!(
                k,
                Mangling::Clean | Mangling::Case | Mangling::Separators | Mangling::Spaces
            ) {
                fake_weights[i] = m.weight(*k);
            }
        }
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let sep_share = if total == 0 {
            0.0
        } else {
            f64::from(m.separators) / total as f64
        };
        let reference = if sep_share >= 1.0 {
            0.0
        } else {
            (rates.reference / (1.0 - sep_share)).min(1.0)
        };
        Self {
            weights,
            fake_weights,
            reference,
            wrapped: rates.wrapped,
            diacritics: rates.diacritics,
        }
    }
}

/// Content layouts: P = fee phrase, C = code, N = payer name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Pcn,
    Npc,
    Cpn,
    Ncpn,
    Cn,
    Pc,
    C,
    Nnpc,
    NopTien,
}

const LAYOUTS: [(Layout, u32, bool, bool); 9] = [
    // (layout, weight, code last, has phrase)
    (Layout::Pcn, 20, false, true),
    (Layout::Npc, 20, true, true),
    (Layout::Cpn, 12, false, true),
    (Layout::Ncpn, 5, false, true),
    (Layout::Cn, 10, false, false),
    (Layout::Pc, 10, true, true),
    (Layout::C, 8, true, false),
    (Layout::Nnpc, 5, true, true),
    (Layout::NopTien, 10, false, true),
];

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// Replaces one digit of the dossier part of `token` (a dossier code, or a reference when
/// `is_ref`) so that the result is no dossier's code: the month or day tens digit becomes one no
/// date has, or the sequence's first digit becomes 5-9 (sequences stay below 5000). A typo that
/// lands on another real dossier is not generated: under the shared sample's rule an exact code
/// names its dossier (the credit is that dossier's, usually an amount mismatch), so no truth about
/// the payer's intent could be checked.
fn typo(rng: &mut Rng, token: &str, is_ref: bool, code: &str) -> String {
    let agency = code.split('-').next().unwrap_or("");
    let date_at = if is_ref {
        3 + agency.bytes().filter(u8::is_ascii_alphanumeric).count()
    } else {
        agency.len() + 1
    };
    let seq_at = if is_ref { date_at + 6 } else { date_at + 7 };
    // (position, digits that make the code impossible)
    let choices: [(usize, &[u8]); 3] = [(date_at + 2, b"23456789"), (date_at + 4, b"456789"), (seq_at, b"56789")];
    let mut bytes = token.as_bytes().to_vec();
    let (i, digits) = choices[rng.index(choices.len())];
    if bytes.get(i).is_some_and(|b| is_digit(*b)) {
        bytes[i] = digits[rng.index(digits.len())];
    }
    String::from_utf8(bytes).unwrap_or_else(|_| token.to_string())
}

/// Inserts one or two spaces at distinct inner positions of `token`.
fn stray_spaces(rng: &mut Rng, token: &str) -> String {
    let len = token.len();
    if len < 2 {
        return token.to_string();
    }
    let mut cuts = vec![1 + rng.index(len - 1)];
    if rng.chance(0.35) && len > 2 {
        let c = 1 + rng.index(len - 1);
        if c != cuts[0] {
            cuts.push(c);
        }
    }
    cuts.sort_unstable();
    let mut out = String::with_capacity(len + 2);
    let mut prev = 0;
    for c in cuts {
        out.push_str(&token[prev..c]);
        out.push(' ');
        prev = c;
    }
    out.push_str(&token[prev..]);
    out
}

/// Dossier code with its dots/dashes dropped or replaced.
fn separators(rng: &mut Rng, code: &str) -> String {
    let mode = rng.weighted(&[30, 15, 25, 10, 10, 10]);
    let mut out = String::with_capacity(code.len());
    for c in code.chars() {
        match (c, mode) {
            ('.' | '-', 0) | ('.', 1) => {}
            ('.' | '-', 2) => out.push(' '),
            ('.' | '-', 3) => out.push('_'),
            ('.' | '-', 4) => out.push('/'),
            ('.' | '-', 5) => out.push(','),
            _ => out.push(c),
        }
    }
    out
}

/// Tail of a dossier code (`yyMMdd-NNNN`, `Hnn-yyMMdd-NNNN` or `YY.Hnn-yyMMdd-NNNN`) or the last
/// 20-30 characters of a reference.
fn tail(rng: &mut Rng, token: &str, is_reference: bool) -> String {
    let n = if is_reference {
        rng.between(20, 30) as usize
    } else {
        *rng.pick(&[11usize, 11, 15, 15, 18])
    };
    token[token.len().saturating_sub(n)..].to_string()
}

/// What a remark is about.
struct Carrier<'a> {
    code: &'a str,
    reference: &'a str,
}

/// Builds one remark; returns it with the mangling kind applied.
#[allow(clippy::too_many_arguments)]
fn remark(
    rng: &mut Rng,
    style: &Style,
    clock: &Clock,
    carrier: &Carrier<'_>,
    name: &str,
    secs: i64,
    kind: Mangling,
    fake: bool,
) -> String {
    let use_ref = kind != Mangling::Separators && !fake && rng.chance(style.reference);
    let full = if use_ref { carrier.reference } else { carrier.code };
    let mut token = match kind {
        Mangling::Separators => separators(rng, full),
        Mangling::Spaces => stray_spaces(rng, full),
        Mangling::TailOnly => tail(rng, full, use_ref),
        Mangling::Typo => typo(rng, full, use_ref, carrier.code),
        _ => full.to_string(),
    };
    let mut whole_case = None;
    if kind == Mangling::Case {
        // Make the code's letters differ: a dossier code only has an uppercase H, a reference a
        // lowercase "dvc" and an uppercase H.
        match (use_ref, rng.below(10)) {
            (false, 0..=4) => whole_case = Some(false),
            (false, _) => token = token.to_lowercase(),
            (true, 0..=3) => whole_case = Some(true),
            (true, 4..=6) => whole_case = Some(false),
            (true, _) => token = token.to_uppercase(),
        }
    }

    // Layout and phrase.
    let need_last = kind == Mangling::CutShort;
    let need_phrase = kind == Mangling::NoDiacritics;
    let mut weights = [0u32; LAYOUTS.len()];
    for (w, &(_, weight, last, phrase)) in weights.iter_mut().zip(LAYOUTS.iter()) {
        *w = if (need_last && !last) || (need_phrase && !phrase) {
            0
        } else {
            weight
        };
    }
    let layout = if fake {
        *rng.pick(&[Layout::Pc, Layout::Npc, Layout::Pcn, Layout::Cn])
    } else {
        LAYOUTS[rng.weighted(&weights)].0
    };
    let diacritic = need_phrase || rng.chance(style.diacritics);
    let phrase = if layout == Layout::NopTien {
        match (need_phrase, diacritic) {
            (true, _) => NOP_TIEN.2,
            (false, true) => NOP_TIEN.1,
            (false, false) => NOP_TIEN.0,
        }
    } else if fake {
        "thanh toan ho so"
    } else if diacritic {
        let (with, without) = *rng.pick(&PHRASES_VI);
        if need_phrase {
            without
        } else {
            with
        }
    } else {
        *rng.pick(&PHRASES_ASCII)
    };

    let mut content = String::with_capacity(96);
    let parts: &[&str] = match layout {
        Layout::Pcn => &["P", "C", "N"],
        Layout::Npc => &["N", "P", "C"],
        Layout::Cpn => &["C", "P", "N"],
        Layout::Ncpn => &["N", "C", "P", "N"],
        Layout::Cn => &["C", "N"],
        Layout::Pc => &["P", "C"],
        Layout::C => &["C"],
        Layout::Nnpc => &["N", "N", "P", "C"],
        Layout::NopTien => &["P", "C", "cho", "N"],
    };
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            content.push(' ');
        }
        match *part {
            "P" => content.push_str(phrase),
            "C" => content.push_str(&token),
            "N" => content.push_str(name),
            other => content.push_str(other),
        }
    }
    match whole_case {
        Some(true) => content = content.to_uppercase(),
        Some(false) => content = content.to_lowercase(),
        None => {}
    }
    if kind == Mangling::CutShort {
        // The channel's length limit cuts the end of the content (the code is last).
        let k = if use_ref { rng.between(1, 12) } else { rng.between(1, 3) } as usize;
        content.truncate(content.len() - k.min(token.len() - 1));
    }
    wrap(rng, style, clock, content, name, secs)
}

/// Unknown line without any code.
fn noise_remark(rng: &mut Rng, style: &Style, clock: &Clock, name: &str, secs: i64) -> String {
    let content = rng.pick(&NOISE).replace("{n}", name);
    wrap(rng, style, clock, content, name, secs)
}

/// Wraps `content` in channel noise with probability `style.wrapped`.
fn wrap(rng: &mut Rng, style: &Style, clock: &Clock, content: String, name: &str, secs: i64) -> String {
    if !rng.chance(style.wrapped) {
        return content;
    }
    let mut out = String::with_capacity(content.len() + 64);
    match rng.weighted(&[25, 20, 20, 20, 15]) {
        0 => {
            out.push_str("MBVCB.");
            rng.push_digits(&mut out, 10, true);
            out.push('.');
            rng.push_digits(&mut out, 6, false);
            out.push('.');
            out.push_str(&content);
            out.push_str(".CT tu ");
            let len = if rng.chance(0.3) { 12 } else { 13 };
            rng.push_digits(&mut out, len, true);
            out.push(' ');
            out.push_str(name);
            out.push_str(" toi");
        }
        1 => {
            rng.push_digits(&mut out, 6, false);
            out.push('.');
            clock.push_trace_time(&mut out, secs - rng.between(0, 90));
            out.push('.');
            out.push_str(&content);
        }
        2 => {
            out.push_str("CT nhanh 247 den: ");
            out.push_str(&content);
            out.push_str(" FT");
            rng.push_digits(&mut out, 14, false);
        }
        3 => {
            out.push_str("TKThe :");
            let len = if rng.chance(0.2) { 12 } else { 13 };
            rng.push_digits(&mut out, len, true);
            out.push_str(", tai ");
            out.push_str(PAYER_BANKS[rng.index(PAYER_BANKS.len())]);
            out.push_str(". ");
            out.push_str(&content);
        }
        _ => {
            out.push_str(&content);
            out.push_str(" FT");
            rng.push_digits(&mut out, 14, false);
        }
    }
    out
}

/// Bijection of `0..10^12` used for unique, random-looking `PG` transaction ids.
struct Permutation {
    a: u128,
    b: u128,
}

impl Permutation {
    const MODULUS: u128 = 1_000_000_000_000;

    fn new(rng: &mut Rng) -> Self {
        // `a` odd and not a multiple of 5: coprime with 10^12.
        let a = loop {
            let a = 100_000_000_001 + rng.below(800_000_000_000);
            if a % 2 == 1 && a % 5 != 0 {
                break a;
            }
        };
        Self {
            a: u128::from(a),
            b: u128::from(rng.below(Self::MODULUS as u64)),
        }
    }

    fn apply(&self, i: u64) -> u64 {
        ((self.a * u128::from(i) + self.b) % Self::MODULUS) as u64
    }
}

fn generate(cfg: &ScenarioConfig) -> Scenario {
    let rates = cfg.rates.sanitized();
    let style = Style::new(&cfg.manglings, &rates);
    let mut rng = Rng::new(cfg.seed);
    let days = cfg.days.clamp(1, MAX_DAYS);
    let clock = Clock::new(cfg.start, days);
    let agencies = make_agencies(&mut rng, cfg.agency_count());
    let n_agencies = agencies.len();
    let busy = (n_agencies / 10).max(1);

    let total = cfg.bank_lines;
    let unknown_target = ((total as f64) * rates.unknown).round() as usize;
    let known_target = total - unknown_target.min(total);

    // ---- Plan: dossiers, attempts, credits (numbers only). ----
    let mut plans: Vec<DossierPlan> = Vec::with_capacity(known_target * 3 / 2 + 16);
    let mut attempts: Vec<AttemptPlan> = Vec::with_capacity(known_target * 5 / 4 + 16);
    let mut credits: Vec<CreditPlan> = Vec::with_capacity(known_target + 16);
    let slots = n_agencies * days as usize;
    let mut slot_count = vec![0u16; slots];
    let mut lines = 0usize;
    let mut dry = 0usize;
    'plan: while lines < known_target {
        // Agency (a tenth of them busier) and day; a day holds at most 9999 dossiers per agency.
        let mut tries = 0;
        let (agency, day) = loop {
            let agency = if rng.chance(0.3) {
                rng.index(busy)
            } else {
                rng.index(n_agencies)
            };
            let day = rng.index(days as usize);
            if slot_count[agency * days as usize + day] < 9999 {
                break (agency, day);
            }
            tries += 1;
            if tries > 1000 {
                break 'plan;
            }
        };
        slot_count[agency * days as usize + day] += 1;
        let minute = rng.below(1440) as u16;
        let fee = *rng.pick(&FEES);
        let received = day as i64 * 1440 + i64::from(minute);

        let n_att = if rng.chance(rates.no_attempt) {
            0u8
        } else {
            let r = (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
            if r < rates.three_attempts {
                3
            } else if r < rates.three_attempts + rates.two_attempts {
                2
            } else {
                1
            }
        };
        let success = n_att > 0 && rng.chance(rates.success);
        let first_attempt = attempts.len() as u32;
        let mut t = received;
        for i in 0..n_att {
            t += if i == 0 {
                attempt_delay(&mut rng)
            } else if rng.chance(0.7) {
                rng.between(1, 180)
            } else {
                rng.between(181, 1440)
            };
            let last = i + 1 == n_att;
            let status = if last && success {
                1
            } else if last {
                [4u8, 3, 0][rng.weighted(&[50, 30, 20])]
            } else {
                [4u8, 3, 0][rng.weighted(&[70, 20, 10])]
            };
            attempts.push(AttemptPlan { minute: t, status });
        }

        let first_credit = credits.len() as u32;
        let credited = if success {
            !rng.chance(rates.missing_in_bank)
        } else {
            n_att > 0 && rng.chance(rates.paid_not_updated)
        };
        if credited {
            let at = t * 60 + credit_delay(&mut rng);
            let wrong = rng.chance(rates.amount_mismatch);
            let (amount, class) = if wrong {
                (wrong_amount(&mut rng, fee), ExpectedClass::AmountMismatch)
            } else if success {
                (fee, ExpectedClass::Matched)
            } else {
                (fee, ExpectedClass::PaidNotUpdated)
            };
            credits.push(CreditPlan {
                secs: at,
                amount,
                class,
            });
            if !wrong && rng.chance(rates.duplicate) && lines + 2 <= known_target {
                credits.push(CreditPlan {
                    secs: at + rng.between(3600, 12 * 3600),
                    amount,
                    class: ExpectedClass::Duplicate,
                });
            }
        }
        let n_credits = (credits.len() as u32 - first_credit) as u8;
        lines += usize::from(n_credits);
        plans.push(DossierPlan {
            agency: agency as u32,
            day: day as u32,
            minute,
            seq: 0,
            fee,
            tthc: rng.index(PROCEDURES.len()) as u8,
            name: rng.next_u64() as u32,
            first_attempt,
            attempts: n_att,
            target: n_att.saturating_sub(1),
            success,
            first_credit,
            credits: n_credits,
        });
        if n_credits == 0 {
            dry += 1;
            if dry > 100_000 {
                // The rates give (almost) no credits: fill up with unknown lines.
                break;
            }
        } else {
            dry = 0;
        }
    }
    let unknown_lines = total - lines;

    // ---- Sequence numbers: per agency and day, in order of reception. ----
    {
        let mut order: Vec<(u32, u16, u32)> = plans
            .iter()
            .enumerate()
            .map(|(i, p)| (p.agency * days + p.day, p.minute, i as u32))
            .collect();
        order.sort_unstable();
        let mut prev = u32::MAX;
        let mut n = 0u16;
        for (slot, _, i) in order {
            if slot != prev {
                prev = slot;
                n = 0;
            }
            n += 1;
            plans[i as usize].seq = n;
        }
    }

    // ---- Rows. ----
    let pg = Permutation::new(&mut rng);
    let mut pg_counter = 0u64;
    let mut bank_id = 0u64;
    let mut scenario = Scenario {
        dossiers: Vec::with_capacity(plans.len()),
        payments: Vec::with_capacity(attempts.len()),
        bank: Vec::with_capacity(total),
        expected: Vec::with_capacity(total + attempts.len()),
    };
    let next_bank_id = |bank_id: &mut u64| {
        *bank_id += 1;
        let mut s = String::with_capacity(11);
        s.push_str("NH");
        push_num(&mut s, *bank_id, 9);
        s
    };

    for p in &plans {
        let ag = &agencies[p.agency as usize];
        let day = i64::from(p.day);
        let mut code = String::with_capacity(26);
        code.push_str(&ag.id);
        code.push('-');
        clock.push_yymmdd(&mut code, day);
        code.push('-');
        push_num(&mut code, u64::from(p.seq), 4);

        let mut received = String::with_capacity(14);
        clock.push_compact(&mut received, (day * 1440 + i64::from(p.minute)) * 60);
        scenario.dossiers.push(DossierRow {
            ma_ho_so: code.clone(),
            ma_tthc: PROCEDURES[p.tthc as usize].to_string(),
            ma_don_vi: ag.id.clone(),
            ngay_tiep_nhan: received,
            tong_phi: p.fee,
            tk_thu_huong: ag.account.clone(),
            ma_nh_thu_huong: ag.bin.to_string(),
        });

        let first_payment = scenario.payments.len();
        let atts = &attempts[p.first_attempt as usize..][..usize::from(p.attempts)];
        for a in atts {
            let mut reference = String::with_capacity(37);
            reference.push_str("dvc");
            reference.push_str(&ag.compact);
            clock.push_yymmdd(&mut reference, day);
            push_num(&mut reference, u64::from(p.seq), 4);
            let mut time = String::with_capacity(14);
            clock.push_compact(&mut time, a.minute * 60);
            reference.push_str(&time);
            let mut ma_giao_dich = String::new();
            if a.status == 1 {
                ma_giao_dich.reserve(14);
                ma_giao_dich.push_str("PG");
                push_num(&mut ma_giao_dich, pg.apply(pg_counter), 12);
                pg_counter += 1;
            }
            scenario.payments.push(PaymentRow {
                ma_tham_chieu: reference,
                ma_giao_dich,
                ma_ho_so: code.clone(),
                so_tien: p.fee,
                thoi_gian_gd: time,
                trang_thai_gd: a.status,
                tk_thu_huong: ag.account.clone(),
                ma_nh_thu_huong: ag.bin.to_string(),
            });
        }

        let crs = &credits[p.first_credit as usize..][..usize::from(p.credits)];
        if !crs.is_empty() {
            let name = payer_name(p.name);
            let target_ref = &scenario.payments[first_payment + usize::from(p.target)].ma_tham_chieu;
            let carrier = Carrier {
                code: &code,
                reference: target_ref,
            };
            for c in crs {
                let kind = Mangling::ALL[rng.weighted(&style.weights)];
                let noi_dung = remark(&mut rng, &style, &clock, &carrier, &name, c.secs, kind, false);
                let id = next_bank_id(&mut bank_id);
                let mut thoi_gian = String::with_capacity(19);
                clock.push_bank(&mut thoi_gian, c.secs);
                scenario.expected.push(ExpectedRow {
                    source: Source::Bank,
                    id: id.clone(),
                    class: c.class,
                    ma_ho_so: code.clone(),
                    ma_tham_chieu: target_ref.clone(),
                    mangling: Some(kind),
                });
                scenario.bank.push(BankRow {
                    ma_giao_dich_nh: id,
                    thoi_gian,
                    so_tien: c.amount,
                    tk_thu_huong: ag.account.clone(),
                    noi_dung,
                });
            }
        }
        if p.success {
            let class = match crs.first() {
                None => ExpectedClass::MissingInBank,
                Some(c) if c.class == ExpectedClass::AmountMismatch => ExpectedClass::AmountMismatch,
                Some(_) => ExpectedClass::Matched,
            };
            let reference = &scenario.payments[first_payment + usize::from(p.target)].ma_tham_chieu;
            scenario.expected.push(ExpectedRow {
                source: Source::Payment,
                id: reference.clone(),
                class,
                ma_ho_so: code,
                ma_tham_chieu: reference.clone(),
                mangling: None,
            });
        }
    }

    // ---- Unknown lines. ----
    let window = i64::from(days) * 86_400;
    for _ in 0..unknown_lines {
        let ag = &agencies[rng.index(n_agencies)];
        let secs = rng.below(window as u64) as i64;
        let amount = match rng.below(10) {
            0..=3 => rng.pick(&FEES) + 1_000,
            4..=7 => *rng.pick(&FEES),
            _ => rng.between(1, 2_000) * 1_000,
        };
        let name = payer_name(rng.next_u64() as u32);
        let (noi_dung, kind) = if rng.chance(rates.unknown_with_code) {
            // A well-formed code that is not in dossiers.csv: sequence 5000+ (above that agency's
            // count that day), or a day before the window.
            let code_agency = rng.index(n_agencies);
            let code_day = rng.index(days as usize);
            let count = slot_count[code_agency * days as usize + code_day];
            let (day, seq) = if count < 9999 && rng.chance(0.6) {
                let lo = i64::from(count.max(4999)) + 1;
                (code_day as i64, rng.between(lo, 9999))
            } else {
                (-rng.between(1, 180), rng.between(5000, 9999))
            };
            let mut code = String::with_capacity(26);
            code.push_str(&agencies[code_agency].id);
            code.push('-');
            clock.push_yymmdd(&mut code, day);
            code.push('-');
            push_num(&mut code, seq as u64, 4);
            let kind = Mangling::ALL[rng.weighted(&style.fake_weights)];
            let carrier = Carrier {
                code: &code,
                reference: &code,
            };
            (
                remark(&mut rng, &style, &clock, &carrier, &name, secs, kind, true),
                kind,
            )
        } else {
            (noise_remark(&mut rng, &style, &clock, &name, secs), Mangling::NoiseOnly)
        };
        let id = next_bank_id(&mut bank_id);
        let mut thoi_gian = String::with_capacity(19);
        clock.push_bank(&mut thoi_gian, secs);
        scenario.expected.push(ExpectedRow {
            source: Source::Bank,
            id: id.clone(),
            class: ExpectedClass::UnknownDossier,
            ma_ho_so: String::new(),
            ma_tham_chieu: String::new(),
            mangling: Some(kind),
        });
        scenario.bank.push(BankRow {
            ma_giao_dich_nh: id,
            thoi_gian,
            so_tien: amount,
            tk_thu_huong: ag.account.clone(),
            noi_dung,
        });
    }

    rng.shuffle(&mut scenario.bank);
    scenario
}
