//! The reconciliation run (đối soát): load dossiers and attempts, stream bank credits through the
//! matcher, then classify every record and total the classes. Every input record lands in exactly
//! one output row.
use super::ledger::Ledger;
use super::matcher::{match_credit, Ambiguity, Match, MatchRules, Scratch};
use super::read::{Format, Rows};
use super::record::{
    format_local_time, Attempt, AttemptStatus, CreditView, Dossier, LocalSeconds, RowError,
    ATTEMPT_REQUIRED, CREDIT_REQUIRED, DOSSIER_REQUIRED,
};
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};

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
    pub reason: String,
    /// Amount in đồng (0 when unreadable).
    pub so_tien: i64,
    /// Time, `yyyyMMddHHmmss` (empty when unreadable).
    pub thoi_gian: String,
    /// Agency of the dossier (empty when unknown).
    pub ma_don_vi: &'a str,
    /// TrangThaiGD of a payment row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trang_thai_gd: Option<u8>,
    /// The other side: the first credit for a payment, the first credit of the dossier for a
    /// duplicate.
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
    fn add(&mut self, amount: Vnd) -> Result<(), Error> {
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
    /// Bank and payment records read (readable amounts summed).
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

#[derive(Clone, Copy)]
enum Outcome {
    Matched(Match),
    Invalid(u32),
}

struct CreditRow {
    line: u64,
    id: (u32, u32),
    at: LocalSeconds,
    amount: Vnd,
    outcome: Outcome,
}

/// A reconciliation in progress: add dossiers and attempts, then credits.
pub struct Reconciler {
    ledger: Ledger,
    rules: MatchRules,
    scratch: Scratch,
    credits: Vec<CreditRow>,
    ids: String,
    bank_ids: FxHashMap<u64, u32>,
    invalid: Vec<RowError>,
    invalid_attempts: Vec<u32>,
    invalid_dossiers: Vec<u32>,
    input: BTreeMap<Source, Total>,
    dossier_rows: u64,
    dossiers_loaded: u64,
    overflow: Option<Error>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

impl Reconciler {
    /// A new run with these rules.
    pub fn new(rules: MatchRules) -> Self {
        Self {
            ledger: Ledger::new(),
            rules,
            scratch: Scratch::default(),
            credits: Vec::new(),
            ids: String::new(),
            bank_ids: FxHashMap::default(),
            invalid: Vec::new(),
            invalid_attempts: Vec::new(),
            invalid_dossiers: Vec::new(),
            input: BTreeMap::new(),
            dossier_rows: 0,
            dossiers_loaded: 0,
            overflow: None,
        }
    }

    fn count_input(&mut self, source: Source, amount: Option<Vnd>) {
        if let Err(e) = self.input.entry(source).or_default().add(amount.unwrap_or_default()) {
            self.overflow.get_or_insert(e);
        }
    }

    /// Adds a dossier row (or the error of an unreadable one). Add dossiers before attempts.
    pub fn add_dossier(&mut self, row: Result<Dossier, RowError>, line: u64) {
        self.dossier_rows += 1;
        match row.and_then(|d| self.ledger.add_dossier(d, line).map(|_| ())) {
            Ok(()) => self.dossiers_loaded += 1,
            Err(e) => {
                self.invalid_dossiers.push(self.invalid.len() as u32);
                self.invalid.push(e);
            }
        }
    }

    /// Adds a payment attempt row (or the error of an unreadable one). Add attempts before credits.
    pub fn add_attempt(&mut self, row: Result<Attempt, RowError>, line: u64) {
        let amount = match &row {
            Ok(a) => Some(a.so_tien),
            Err(e) => e.so_tien,
        };
        self.count_input(Source::Payment, amount);
        if let Err(e) = row.and_then(|a| self.ledger.add_attempt(a, line).map(|_| ())) {
            self.invalid_attempts.push(self.invalid.len() as u32);
            self.invalid.push(e);
        }
    }

    fn push_id(&mut self, id: &str) -> (u32, u32) {
        let start = self.ids.len() as u32;
        self.ids.push_str(id);
        (start, id.len() as u32)
    }

    fn id(&self, (s, l): (u32, u32)) -> &str {
        &self.ids[s as usize..(s + l) as usize]
    }

    /// Matches one bank credit (or records the error of an unreadable one).
    pub fn add_credit(&mut self, row: Result<CreditView<'_>, RowError>, line: u64) {
        self.ledger.freeze();
        let amount = match &row {
            Ok(c) => Some(c.so_tien),
            Err(e) => e.so_tien,
        };
        self.count_input(Source::Bank, amount);
        let row = row.and_then(|c| {
            let h = hash_str(c.ma_giao_dich_nh);
            match self.bank_ids.get(&h) {
                Some(&i) if self.id(self.credits[i as usize].id) == c.ma_giao_dich_nh => Err(RowError {
                    line,
                    error: Error::new(
                        ErrorCode::ReconRepeatedId,
                        "ma_giao_dich_nh",
                        format!("bank reference already on line {}", self.credits[i as usize].line),
                    ),
                    id: c.ma_giao_dich_nh.to_string(),
                    so_tien: Some(c.so_tien),
                }),
                _ => {
                    self.bank_ids.insert(h, self.credits.len() as u32);
                    Ok(c)
                }
            }
        });
        match row {
            Ok(c) => {
                let m = match_credit(&self.ledger, &self.rules, &c, &mut self.scratch);
                let id = self.push_id(c.ma_giao_dich_nh);
                self.credits.push(CreditRow {
                    line,
                    id,
                    at: c.thoi_gian,
                    amount: c.so_tien,
                    outcome: Outcome::Matched(m),
                });
            }
            Err(e) => {
                let id = self.push_id(&e.id);
                self.credits.push(CreditRow {
                    line: e.line,
                    id,
                    at: LocalSeconds::MIN,
                    amount: e.so_tien.unwrap_or_default(),
                    outcome: Outcome::Invalid(self.invalid.len() as u32),
                });
                self.invalid.push(e);
            }
        }
    }

    /// Classifies everything and totals the classes.
    pub fn finish(mut self) -> Result<Reconciliation, Error> {
        self.ledger.freeze();
        if let Some(e) = self.overflow.take() {
            return Err(e);
        }
        let n_att = self.ledger.attempts.len();
        let mut bank_class = vec![Class::UnknownDossier; self.credits.len()];
        let mut related: Vec<u32> = vec![u32::MAX; self.credits.len()];
        // Credits per dossier in time order: the first with the right amount pays, later ones are
        // duplicates.
        let mut found: Vec<(u32, LocalSeconds, u64, u32)> = Vec::new();
        for (i, c) in self.credits.iter().enumerate() {
            bank_class[i] = match c.outcome {
                Outcome::Invalid(_) => Class::InvalidInput,
                Outcome::Matched(Match::Unknown) => Class::UnknownDossier,
                Outcome::Matched(Match::Ambiguous { .. }) => Class::Ambiguous,
                Outcome::Matched(Match::Found { dossier, .. }) => {
                    found.push((dossier, c.at, c.line, i as u32));
                    continue;
                }
            };
        }
        found.sort_unstable();
        let mut attempt_credit: Vec<(u32, bool)> = vec![(u32::MAX, false); n_att]; // (first ok credit, mismatch seen)
        let mut start = 0;
        while start < found.len() {
            let d = found[start].0;
            let end = start + found[start..].iter().take_while(|x| x.0 == d).count();
            let mut first_ok: Option<u32> = None;
            for &(_, _, _, i) in &found[start..end] {
                let c = &self.credits[i as usize];
                let Outcome::Matched(Match::Found { attempt, .. }) = c.outcome else {
                    continue;
                };
                let due = self.ledger.expected_amount(d, attempt);
                let class = if c.amount != due {
                    if let Some(a) = attempt {
                        attempt_credit[a as usize].1 = true;
                    }
                    Class::AmountMismatch
                } else if let Some(p) = first_ok {
                    related[i as usize] = p;
                    Class::Duplicate
                } else {
                    first_ok = Some(i);
                    match attempt.map(|a| self.ledger.attempts[a as usize].rec.trang_thai_gd) {
                        Some(AttemptStatus::Success) => Class::Matched,
                        _ => Class::PaidNotUpdated,
                    }
                };
                if class != Class::AmountMismatch {
                    if let Some(a) = attempt {
                        let slot = &mut attempt_credit[a as usize].0;
                        if *slot == u32::MAX {
                            *slot = i;
                        }
                    }
                }
                bank_class[i as usize] = class;
            }
            start = end;
        }
        let payment_class: Vec<Class> = self
            .ledger
            .attempts
            .iter()
            .zip(&attempt_credit)
            .map(|(a, &(ok, mismatch))| {
                let success = a.rec.trang_thai_gd == AttemptStatus::Success;
                match (ok != u32::MAX, mismatch, success) {
                    (true, _, true) => Class::Matched,
                    (true, _, false) => Class::PaidNotUpdated,
                    (false, true, _) => Class::AmountMismatch,
                    (false, false, true) => Class::MissingInBank,
                    (false, false, false) => Class::NotPaid,
                }
            })
            .collect();
        let mut r = Reconciliation {
            summary: Summary::default(),
            bank_class,
            related,
            payment_class,
            attempt_credit,
            inner: self,
        };
        r.summary = r.totals()?;
        Ok(r)
    }
}

/// A finished reconciliation: the rows (in input order: bank lines, payments, unreadable dossiers)
/// and the control totals.
pub struct Reconciliation {
    inner: Reconciler,
    bank_class: Vec<Class>,
    related: Vec<u32>,
    payment_class: Vec<Class>,
    attempt_credit: Vec<(u32, bool)>,
    /// Control totals.
    pub summary: Summary,
}

fn issue(e: &RowError) -> RowIssue {
    RowIssue {
        code: e.error.code.code(),
        name: e.error.code.name(),
        field: e.error.field.to_string(),
        message: e.error.detail.clone(),
    }
}

fn time_text(t: LocalSeconds) -> String {
    if t == LocalSeconds::MIN {
        String::new()
    } else {
        format_local_time(t)
    }
}

impl Reconciliation {
    /// Number of output rows.
    pub fn len(&self) -> usize {
        self.bank_class.len() + self.inner.ledger.attempts.len() + self.inner.invalid_attempts.len()
            + self.inner.invalid_dossiers.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every output row, in input order per source: bank lines, payments (valid then unreadable),
    /// unreadable dossiers.
    pub fn rows(&self) -> impl Iterator<Item = ResultRow<'_>> + '_ {
        let bank = (0..self.bank_class.len()).map(move |i| self.bank_row(i));
        let pay = (0..self.inner.ledger.attempts.len()).map(move |a| self.payment_row(a));
        let bad_pay = self
            .inner
            .invalid_attempts
            .iter()
            .map(move |&e| self.invalid_row(Source::Payment, &self.inner.invalid[e as usize]));
        let bad_dossier = self
            .inner
            .invalid_dossiers
            .iter()
            .map(move |&e| self.invalid_row(Source::Dossier, &self.inner.invalid[e as usize]));
        bank.chain(pay).chain(bad_pay).chain(bad_dossier)
    }

    fn invalid_row<'s>(&'s self, source: Source, e: &'s RowError) -> ResultRow<'s> {
        ResultRow {
            source,
            id: &e.id,
            class: Class::InvalidInput,
            ma_ho_so: if source == Source::Dossier { &e.id } else { "" },
            ma_tham_chieu: "",
            confidence: 0.0,
            reason: format!("{} {} {}: {}", e.error.code.code(), e.error.code.name(), e.error.field, e.error.detail),
            so_tien: e.so_tien.unwrap_or_default().0,
            thoi_gian: String::new(),
            ma_don_vi: "",
            trang_thai_gd: None,
            related: "",
            line: e.line,
            error: Some(issue(e)),
        }
    }

    fn bank_row(&self, i: usize) -> ResultRow<'_> {
        let c = &self.inner.credits[i];
        let l = &self.inner.ledger;
        let class = self.bank_class[i];
        let mut row = ResultRow {
            source: Source::Bank,
            id: self.inner.id(c.id),
            class,
            ma_ho_so: "",
            ma_tham_chieu: "",
            confidence: 0.0,
            reason: String::new(),
            so_tien: c.amount.0,
            thoi_gian: time_text(c.at),
            ma_don_vi: "",
            trang_thai_gd: None,
            related: "",
            line: c.line,
            error: None,
        };
        match c.outcome {
            Outcome::Invalid(e) => {
                let e = &self.inner.invalid[e as usize];
                row.reason = format!("{} {} {}: {}", e.error.code.code(), e.error.code.name(), e.error.field, e.error.detail);
                row.error = Some(issue(e));
            }
            Outcome::Matched(Match::Unknown) => {
                row.reason = "no known reference or dossier code in the remark for this account".into();
            }
            Outcome::Matched(Match::Ambiguous { why, dossiers: [a, b] }) => {
                let code = |d: u32| l.dossiers[d as usize].rec.ma_ho_so.as_str();
                row.reason = match why {
                    Ambiguity::Tie => format!("ambiguous: {} and {} fit about equally", code(a), code(b)),
                    Ambiguity::OtherAccount => {
                        format!("ambiguous: the remark names {} whose beneficiary account is another", code(a))
                    }
                };
            }
            Outcome::Matched(Match::Found {
                dossier,
                attempt,
                evidence,
                confidence,
            }) => {
                let d = &l.dossiers[dossier as usize];
                row.ma_ho_so = &d.rec.ma_ho_so;
                row.ma_don_vi = &d.rec.ma_don_vi;
                row.confidence = f64::from(confidence) / 100.0;
                let mut reason = evidence.key().to_string();
                if let Some(a) = attempt {
                    let at = &l.attempts[a as usize].rec;
                    row.ma_tham_chieu = &at.ma_tham_chieu;
                    let st = at.trang_thai_gd;
                    match class {
                        Class::PaidNotUpdated => {
                            reason.push_str(&format!("; platform status {} ({})", st.key(), st.code()))
                        }
                        Class::AmountMismatch => {
                            reason.push_str(&format!("; credited {} dong, attempt {} dong", c.amount.0, at.so_tien.0))
                        }
                        _ => {}
                    }
                } else {
                    match class {
                        Class::PaidNotUpdated => reason.push_str("; the dossier has no payment attempt"),
                        Class::AmountMismatch => reason.push_str(&format!(
                            "; credited {} dong, dossier fee {} dong",
                            c.amount.0, d.rec.tong_phi.0
                        )),
                        _ => {}
                    }
                }
                if class == Class::Duplicate {
                    let p = self.related[i];
                    row.related = self.inner.id(self.inner.credits[p as usize].id);
                    reason.push_str("; the dossier was already credited");
                }
                row.reason = reason;
            }
        }
        row
    }

    fn payment_row(&self, a: usize) -> ResultRow<'_> {
        let l = &self.inner.ledger;
        let at = &l.attempts[a];
        let d = &l.dossiers[at.dossier as usize];
        let class = self.payment_class[a];
        let (first, _) = self.attempt_credit[a];
        let st = at.rec.trang_thai_gd;
        let reason = match class {
            Class::Matched => "credited".to_string(),
            Class::PaidNotUpdated => format!("credited, platform status {} ({})", st.key(), st.code()),
            Class::AmountMismatch => "credited with another amount".to_string(),
            Class::MissingInBank => "platform success, no credit in the bank lines".to_string(),
            _ => format!("platform status {} ({}), no credit", st.key(), st.code()),
        };
        ResultRow {
            source: Source::Payment,
            id: &at.rec.ma_tham_chieu,
            class,
            ma_ho_so: &at.rec.ma_ho_so,
            ma_tham_chieu: &at.rec.ma_tham_chieu,
            confidence: if first != u32::MAX { 1.0 } else { 0.0 },
            reason,
            so_tien: at.rec.so_tien.0,
            thoi_gian: format_local_time(at.rec.thoi_gian_gd),
            ma_don_vi: &d.rec.ma_don_vi,
            trang_thai_gd: Some(st.code()),
            related: if first != u32::MAX {
                self.inner.id(self.inner.credits[first as usize].id)
            } else {
                ""
            },
            line: at.line,
            error: None,
        }
    }

    fn totals(&self) -> Result<Summary, Error> {
        let mut s = Summary {
            input: self.inner.input.clone(),
            dossier_rows: self.inner.dossier_rows,
            dossiers_loaded: self.inner.dossiers_loaded,
            dossiers_known: self.inner.ledger.dossiers.len() as u64,
            ..Summary::default()
        };
        for row in self.rows() {
            let amount = Vnd(row.so_tien);
            s.output.entry(row.source).or_default().entry(row.class).or_default().add(amount)?;
            if row.source == Source::Bank {
                s.bank_by_agency
                    .entry(row.ma_don_vi.to_string())
                    .or_default()
                    .entry(row.class)
                    .or_default()
                    .add(amount)?;
                let day = row.thoi_gian.get(..8).map_or(String::new(), |d| {
                    format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8])
                });
                s.bank_by_day.entry(day).or_default().entry(row.class).or_default().add(amount)?;
            }
        }
        Ok(s)
    }

    /// Writes one JSON object per row.
    pub fn write_jsonl<W: Write>(&self, mut w: W) -> std::io::Result<()> {
        for row in self.rows() {
            serde_json::to_writer(&mut w, &row)?;
            w.write_all(b"\n")?;
        }
        w.flush()
    }
}

/// The three inputs of a run, each a byte source and its format.
pub struct Inputs<D, P, B> {
    /// Dossiers.
    pub dossiers: (D, Format),
    /// Payment attempts.
    pub payments: (P, Format),
    /// Bank credits.
    pub bank: (B, Format),
}

/// Runs a whole reconciliation over readers (the caller opens the files). `progress` is called
/// with the number of bank lines done every 65,536 lines. A file whose header lacks a required
/// column stops the run (7001, naming the column and the file); bad rows never do.
pub fn reconcile_readers<D: Read, P: Read, B: Read>(
    inputs: Inputs<D, P, B>,
    rules: MatchRules,
    mut progress: impl FnMut(u64),
) -> Result<Reconciliation, Error> {
    let mut rec = Reconciler::new(rules);
    let named = |file: &'static str| {
        move |e: Error| Error::new(e.code, format!("{file}.{}", e.field), e.detail)
    };
    let mut rows = Rows::new(inputs.dossiers.0, inputs.dossiers.1, &DOSSIER_REQUIRED).map_err(named("dossiers"))?;
    while let Some(r) = rows.next() {
        let (row, line) = match r {
            Ok(r) => (Dossier::from_fields(&r, r.line), r.line),
            Err(e) => {
                let line = e.line;
                (Err(e), line)
            }
        };
        rec.add_dossier(row, line);
    }
    let mut rows = Rows::new(inputs.payments.0, inputs.payments.1, &ATTEMPT_REQUIRED).map_err(named("payments"))?;
    while let Some(r) = rows.next() {
        let (row, line) = match r {
            Ok(r) => (Attempt::from_fields(&r, r.line), r.line),
            Err(e) => {
                let line = e.line;
                (Err(e), line)
            }
        };
        rec.add_attempt(row, line);
    }
    let mut rows = Rows::new(inputs.bank.0, inputs.bank.1, &CREDIT_REQUIRED).map_err(named("bank"))?;
    let mut n: u64 = 0;
    while let Some(r) = rows.next() {
        match r {
            Ok(r) => {
                let line = r.line;
                rec.add_credit(CreditView::from_fields(&r, line), line);
            }
            Err(e) => {
                let line = e.line;
                rec.add_credit(Err(e), line);
            }
        }
        n += 1;
        if n % 65_536 == 0 {
            progress(n);
        }
    }
    progress(n);
    rec.finish()
}

