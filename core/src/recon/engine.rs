//! The reconciliation run (đối soát): load dossiers and attempts, stream bank credits through the
//! matcher, then classify every record and total the classes. Every input record lands in exactly
//! one output row.
use super::ledger::Ledger;
use super::matcher::{match_credit, Ambiguity, Match, MatchRules, Scratch, Tied};
use super::read::{Format, Rows};
use super::record::{
    format_local_time, Attempt, AttemptStatus, AttemptView, CreditView, Dossier, DossierView, LocalSeconds, RowError,
    ATTEMPT_REQUIRED, CREDIT_REQUIRED, DOSSIER_REQUIRED,
};
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
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
    /// Ambiguous credits with the dossiers tied for best: (credit, first, count) into `tied`.
    ties: Vec<(u32, u32, u32)>,
    tied: Vec<Tied>,
    /// Credits whose tie [`Reconciler::settle_ties`] settled, and whether by time.
    settled: Vec<(u32, bool)>,
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
            ties: Vec::new(),
            tied: Vec::new(),
            settled: Vec::new(),
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
        self.add_dossier_view(row.as_ref().map(Dossier::view).map_err(Clone::clone), line);
    }

    /// [`Reconciler::add_dossier`] without copying the row's texts.
    pub fn add_dossier_view(&mut self, row: Result<DossierView<'_>, RowError>, line: u64) {
        self.dossier_rows += 1;
        match row.and_then(|d| self.ledger.add_dossier(&d, line).map(|_| ())) {
            Ok(()) => self.dossiers_loaded += 1,
            Err(e) => {
                self.invalid_dossiers.push(self.invalid.len() as u32);
                self.invalid.push(e);
            }
        }
    }

    /// Adds a payment attempt row (or the error of an unreadable one). Add attempts before credits.
    pub fn add_attempt(&mut self, row: Result<Attempt, RowError>, line: u64) {
        self.add_attempt_view(row.as_ref().map(Attempt::view).map_err(Clone::clone), line);
    }

    /// [`Reconciler::add_attempt`] without copying the row's texts.
    pub fn add_attempt_view(&mut self, row: Result<AttemptView<'_>, RowError>, line: u64) {
        let amount = match &row {
            Ok(a) => Some(a.so_tien),
            Err(e) => e.so_tien,
        };
        self.count_input(Source::Payment, amount);
        if let Err(e) = row.and_then(|a| self.ledger.add_attempt(&a, line).map(|_| ())) {
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
                if !self.scratch.tied.is_empty() {
                    let first = self.tied.len() as u32;
                    self.tied.extend_from_slice(&self.scratch.tied);
                    self.ties
                        .push((self.credits.len() as u32, first, self.scratch.tied.len() as u32));
                }
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

    /// Settles ties the rest of the run explains: when all but one of the dossiers tied for a
    /// credit (with the credit's amount) are already paid by other credits, the credit is the last
    /// one's; when several are open, the one whose attempt is at least four times nearer before
    /// the credit than the next. Repeated while it settles more.
    fn settle_ties(&mut self) {
        let l = &self.ledger;
        let mut paid = vec![false; l.dossiers.len()];
        for c in &self.credits {
            if let Outcome::Matched(Match::Found { dossier, attempt, .. }) = c.outcome {
                if l.expected_amount(dossier, attempt) == c.amount {
                    paid[dossier as usize] = true;
                }
            }
        }
        loop {
            let mut settled = 0;
            for &(ci, first, n) in &self.ties {
                let c = &mut self.credits[ci as usize];
                if !matches!(c.outcome, Outcome::Matched(Match::Ambiguous { .. })) {
                    continue;
                }
                let tied = &self.tied[first as usize..(first + n) as usize];
                let open: Vec<&Tied> = tied
                    .iter()
                    .filter(|t| !paid[t.dossier as usize] && l.expected_amount(t.dossier, t.attempt) == c.amount)
                    .collect();
                // One open dossier left; else one whose attempt is by far the nearest before the
                // credit (four times nearer than the next).
                let delay = |t: &Tied| {
                    t.attempt
                        .map(|a| c.at - l.attempts[a as usize].at)
                        .filter(|d| *d >= 0)
                        .unwrap_or(i64::MAX)
                };
                let pick = match open.as_slice() {
                    [t] => Some((*t, 60, false)),
                    [] => None,
                    many => {
                        let mut by_delay: Vec<(i64, &Tied)> = many.iter().map(|t| (delay(t), *t)).collect();
                        by_delay.sort_unstable_by_key(|x| (x.0, x.1.dossier));
                        let (d0, t0) = by_delay[0];
                        let d1 = by_delay[1].0;
                        (d0 != i64::MAX && d0.saturating_mul(4) < d1).then_some((t0, 50, true))
                    }
                };
                if let Some((t, confidence, by_time)) = pick {
                    c.outcome = Outcome::Matched(Match::Found {
                        dossier: t.dossier,
                        attempt: t.attempt,
                        evidence: t.evidence,
                        confidence,
                    });
                    self.settled.push((ci, by_time));
                    paid[t.dossier as usize] = true;
                    settled += 1;
                }
            }
            if settled == 0 {
                break;
            }
        }
    }

    /// Classifies everything and totals the classes.
    pub fn finish(mut self) -> Result<Reconciliation, Error> {
        self.ledger.freeze();
        if let Some(e) = self.overflow.take() {
            return Err(e);
        }
        self.settle_ties();
        self.settled.sort_unstable();
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
                    match attempt.map(|a| self.ledger.attempts[a as usize].status) {
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
                let success = a.status == AttemptStatus::Success;
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
        self.bank_class.len()
            + self.inner.ledger.attempts.len()
            + self.inner.invalid_attempts.len()
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
            reason: format!(
                "{} {} {}: {}",
                e.error.code.code(),
                e.error.code.name(),
                e.error.field,
                e.error.detail
            )
            .into(),
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
            reason: Cow::Borrowed(""),
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
                row.reason = format!(
                    "{} {} {}: {}",
                    e.error.code.code(),
                    e.error.code.name(),
                    e.error.field,
                    e.error.detail
                )
                .into();
                row.error = Some(issue(e));
            }
            Outcome::Matched(Match::Unknown) => {
                row.reason = Cow::Borrowed("no known reference or dossier code in the remark for this account");
            }
            Outcome::Matched(Match::Ambiguous { why, dossiers: [a, b] }) => {
                let code = |d: u32| l.dossier_code(d);
                row.reason = match why {
                    Ambiguity::Tie => format!("ambiguous: {} and {} fit about equally", code(a), code(b)),
                    Ambiguity::OtherAccount => {
                        format!(
                            "ambiguous: the remark names {} whose beneficiary account is another",
                            code(a)
                        )
                    }
                }
                .into();
            }
            Outcome::Matched(Match::Found {
                dossier,
                attempt,
                evidence,
                confidence,
            }) => {
                let d = &l.dossiers[dossier as usize];
                row.ma_ho_so = l.dossier_code(dossier);
                row.ma_don_vi = l.agency(dossier);
                row.confidence = f64::from(confidence) / 100.0;
                let mut reason = Cow::Borrowed(evidence.key());
                match self.inner.settled.binary_search_by_key(&(i as u32), |x| x.0) {
                    Ok(k) if self.inner.settled[k].1 => reason.to_mut().push_str(
                        "; tied with other unpaid dossiers, its attempt is by far the nearest before the credit",
                    ),
                    Ok(_) => reason
                        .to_mut()
                        .push_str("; tied with other dossiers, all already paid by other credits"),
                    Err(_) => {}
                }
                if let Some(a) = attempt {
                    let at = &l.attempts[a as usize];
                    row.ma_tham_chieu = l.reference(a);
                    let st = at.status;
                    match class {
                        Class::PaidNotUpdated => {
                            reason
                                .to_mut()
                                .push_str(&format!("; platform status {} ({})", st.key(), st.code()))
                        }
                        Class::AmountMismatch => reason
                            .to_mut()
                            .push_str(&format!("; credited {} dong, attempt {} dong", c.amount.0, at.amount.0)),
                        _ => {}
                    }
                } else {
                    match class {
                        Class::PaidNotUpdated => reason.to_mut().push_str("; the dossier has no payment attempt"),
                        Class::AmountMismatch => reason.to_mut().push_str(&format!(
                            "; credited {} dong, dossier fee {} dong",
                            c.amount.0, d.tong_phi.0
                        )),
                        _ => {}
                    }
                }
                if class == Class::Duplicate {
                    let p = self.related[i];
                    row.related = self.inner.id(self.inner.credits[p as usize].id);
                    reason.to_mut().push_str("; the dossier was already credited");
                }
                row.reason = reason;
            }
        }
        row
    }

    fn payment_row(&self, a: usize) -> ResultRow<'_> {
        let l = &self.inner.ledger;
        let at = &l.attempts[a];
        let class = self.payment_class[a];
        let (first, _) = self.attempt_credit[a];
        let st = at.status;
        let reason: &'static str = match (class, st) {
            (Class::Matched, _) => "credited",
            (Class::PaidNotUpdated, AttemptStatus::Initiated) => "credited, platform status initiated (0)",
            (Class::PaidNotUpdated, AttemptStatus::Pending) => "credited, platform status pending (3)",
            (Class::PaidNotUpdated, _) => "credited, platform status failed (4)",
            (Class::AmountMismatch, _) => "credited with another amount",
            (Class::MissingInBank, _) => "platform success, no credit in the bank lines",
            (_, AttemptStatus::Initiated) => "platform status initiated (0), no credit",
            (_, AttemptStatus::Pending) => "platform status pending (3), no credit",
            (_, _) => "platform status failed (4), no credit",
        };
        ResultRow {
            source: Source::Payment,
            id: l.reference(a as u32),
            class,
            ma_ho_so: l.dossier_code(at.dossier),
            ma_tham_chieu: l.reference(a as u32),
            confidence: if first != u32::MAX { 1.0 } else { 0.0 },
            reason: Cow::Borrowed(reason),
            so_tien: at.amount.0,
            thoi_gian: format_local_time(at.at),
            ma_don_vi: l.agency(at.dossier),
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
        const N: usize = Class::ALL.len();
        const NO_AGENCY: u32 = u32::MAX;
        let l = &self.inner.ledger;
        let mut bank = [Total::default(); N];
        let mut payment = [Total::default(); N];
        let mut dossier = [Total::default(); N];
        let mut by_agency: FxHashMap<u32, [Total; N]> = FxHashMap::default();
        let mut by_day: FxHashMap<i64, [Total; N]> = FxHashMap::default();
        for (i, c) in self.inner.credits.iter().enumerate() {
            let k = self.bank_class[i] as usize;
            bank[k].add(c.amount)?;
            let agency = match c.outcome {
                Outcome::Matched(Match::Found { dossier, .. }) => l.dossiers[dossier as usize].agency,
                _ => NO_AGENCY,
            };
            by_agency.entry(agency).or_insert([Total::default(); N])[k].add(c.amount)?;
            let day = if c.at == LocalSeconds::MIN {
                i64::MIN
            } else {
                c.at.div_euclid(86_400)
            };
            by_day.entry(day).or_insert([Total::default(); N])[k].add(c.amount)?;
        }
        for (a, class) in self.payment_class.iter().enumerate() {
            payment[*class as usize].add(l.attempts[a].amount)?;
        }
        let invalid = Class::InvalidInput as usize;
        for &e in &self.inner.invalid_attempts {
            payment[invalid].add(self.inner.invalid[e as usize].so_tien.unwrap_or_default())?;
        }
        for &e in &self.inner.invalid_dossiers {
            dossier[invalid].add(self.inner.invalid[e as usize].so_tien.unwrap_or_default())?;
        }
        let map = |t: &[Total; N]| -> BTreeMap<Class, Total> {
            Class::ALL
                .iter()
                .zip(t)
                .filter(|(_, t)| t.rows > 0)
                .map(|(c, t)| (*c, *t))
                .collect()
        };
        let mut output = BTreeMap::new();
        for (src, t) in [
            (Source::Bank, &bank),
            (Source::Payment, &payment),
            (Source::Dossier, &dossier),
        ] {
            if t.iter().any(|t| t.rows > 0) {
                output.insert(src, map(t));
            }
        }
        Ok(Summary {
            input: self.inner.input.clone(),
            output,
            bank_by_agency: by_agency
                .iter()
                .map(|(&a, t)| {
                    (
                        if a == NO_AGENCY {
                            String::new()
                        } else {
                            l.agency_text(a).to_string()
                        },
                        map(t),
                    )
                })
                .collect(),
            bank_by_day: by_day
                .iter()
                .map(|(&d, t)| {
                    let day = if d == i64::MIN {
                        String::new()
                    } else {
                        let f = format_local_time(d.saturating_mul(86_400));
                        match (f.get(..4), f.get(4..6), f.get(6..8)) {
                            (Some(y), Some(m), Some(d)) => format!("{y}-{m}-{d}"),
                            _ => String::new(),
                        }
                    };
                    (day, map(t))
                })
                .collect(),
            dossier_rows: self.inner.dossier_rows,
            dossiers_loaded: self.inner.dossiers_loaded,
            dossiers_known: l.dossiers.len() as u64,
        })
    }

    /// Writes one JSON object per row (the same text as `serde_json` gives for [`ResultRow`],
    /// written by hand: it is a third of a run's time otherwise).
    pub fn write_jsonl<W: Write>(&self, mut w: W) -> std::io::Result<()> {
        let mut buf = Vec::with_capacity(1 << 16);
        for row in self.rows() {
            row.write_json(&mut buf);
            buf.push(b'\n');
            if buf.len() >= 1 << 16 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)?;
        w.flush()
    }
}

fn json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let b = s.as_bytes();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        let esc: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => {
                out.extend_from_slice(&b[start..i]);
                out.extend_from_slice(format!("\\u{c:04x}").as_bytes());
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&b[start..i]);
        out.extend_from_slice(esc);
        start = i + 1;
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

fn json_int(out: &mut Vec<u8>, v: i128) {
    let mut digits = [0u8; 40];
    let mut n = v.unsigned_abs();
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[i..]);
}

impl ResultRow<'_> {
    /// The row as one JSON object, identical to its `serde_json` serialisation.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let key = |out: &mut Vec<u8>, k: &str, first: bool| {
            if !first {
                out.push(b',');
            }
            out.push(b'"');
            out.extend_from_slice(k.as_bytes());
            out.extend_from_slice(b"\":");
        };
        out.push(b'{');
        key(out, "source", true);
        json_str(out, self.source.key());
        key(out, "id", false);
        json_str(out, self.id);
        key(out, "class", false);
        json_str(out, self.class.key());
        key(out, "ma_ho_so", false);
        json_str(out, self.ma_ho_so);
        key(out, "ma_tham_chieu", false);
        json_str(out, self.ma_tham_chieu);
        key(out, "confidence", false);
        // Confidence is a whole number of hundredths: 0.0, 0.5, 0.95, 1.0 (serde_json's forms).
        let c = (self.confidence * 100.0).round() as i64;
        if (0..=100).contains(&c) && (c as f64 / 100.0) == self.confidence {
            let text = match c {
                100 => "1.0".to_string(),
                c if c % 10 == 0 => format!("0.{}", c / 10),
                c => format!("0.{c:02}"),
            };
            out.extend_from_slice(text.as_bytes());
        } else {
            out.extend_from_slice(serde_json::to_string(&self.confidence).unwrap_or_default().as_bytes());
        }
        key(out, "reason", false);
        json_str(out, &self.reason);
        key(out, "so_tien", false);
        json_int(out, i128::from(self.so_tien));
        key(out, "thoi_gian", false);
        json_str(out, &self.thoi_gian);
        key(out, "ma_don_vi", false);
        json_str(out, self.ma_don_vi);
        if let Some(st) = self.trang_thai_gd {
            key(out, "trang_thai_gd", false);
            json_int(out, i128::from(st));
        }
        if !self.related.is_empty() {
            key(out, "related", false);
            json_str(out, self.related);
        }
        key(out, "line", false);
        json_int(out, i128::from(self.line));
        if let Some(e) = &self.error {
            key(out, "error", false);
            out.extend_from_slice(serde_json::to_string(e).unwrap_or_default().as_bytes());
        }
        out.push(b'}');
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

/// The stage of a run, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and indexing dossiers.
    Dossiers,
    /// Reading and indexing payment attempts.
    Payments,
    /// Matching bank credits.
    Bank,
}

/// Runs a whole reconciliation over readers (the caller opens the files). `progress` is called
/// with the phase and the rows done in it every 65,536 rows and at the end of each phase. A file
/// whose header lacks a required column stops the run (7001, naming the column and the file); bad
/// rows never do.
pub fn reconcile_readers<D: Read, P: Read, B: Read>(
    inputs: Inputs<D, P, B>,
    rules: MatchRules,
    mut progress: impl FnMut(Phase, u64),
) -> Result<Reconciliation, Error> {
    let mut tick = |phase: Phase, n: &mut u64| {
        *n += 1;
        if *n % 65_536 == 0 {
            progress(phase, *n);
        }
    };
    let mut rec = Reconciler::new(rules);
    let named = |file: &'static str| move |e: Error| Error::new(e.code, format!("{file}.{}", e.field), e.detail);
    let mut rows = Rows::new(inputs.dossiers.0, inputs.dossiers.1, &DOSSIER_REQUIRED).map_err(named("dossiers"))?;
    let mut n: u64 = 0;
    while let Some(r) = rows.next() {
        match r {
            Ok(r) => rec.add_dossier_view(DossierView::from_fields(&r, r.line), r.line),
            Err(e) => {
                let line = e.line;
                rec.add_dossier_view(Err(e), line);
            }
        }
        tick(Phase::Dossiers, &mut n);
    }
    let mut rows = Rows::new(inputs.payments.0, inputs.payments.1, &ATTEMPT_REQUIRED).map_err(named("payments"))?;
    let mut n: u64 = 0;
    while let Some(r) = rows.next() {
        match r {
            Ok(r) => rec.add_attempt_view(AttemptView::from_fields(&r, r.line), r.line),
            Err(e) => {
                let line = e.line;
                rec.add_attempt_view(Err(e), line);
            }
        }
        tick(Phase::Payments, &mut n);
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
        tick(Phase::Bank, &mut n);
    }
    progress(Phase::Bank, n);
    rec.finish()
}
