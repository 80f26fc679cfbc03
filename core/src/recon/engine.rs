//! The reconciliation run (đối soát): load dossiers and attempts, stream bank credits through the
//! matcher, then classify every record and total the classes. Every input record lands in exactly
//! one output row.
use super::ledger::{ends_byte, text_hash, Compact, Ledger, Table};
use super::matcher::{lookup_keys, match_compacted, match_credit, Ambiguity, Key, Match, MatchRules, Scratch, Tied};
use super::read::{Format, Row, Rows};
use super::record::{
    format_local_time, format_local_time_into, Attempt, AttemptStatus, AttemptView, CreditView, Dossier, DossierView,
    LocalSeconds, RowError, ATTEMPT_REQUIRED, CREDIT_REQUIRED, DOSSIER_REQUIRED,
};
use super::remark::compact_into;
use super::words::{any_below, equal, load};
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
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
    bank_ids: Table,
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

/// Rows read ahead, `SIZE` at a time, their texts copied into one buffer: the ledger records a
/// whole batch will touch are read first, so that their cache misses overlap instead of queueing.
struct Batch<T> {
    text: String,
    rows: Vec<(u64, Result<T, RowError>)>,
    /// The look-ups the batch will make.
    keys: Vec<Key>,
    /// The compact texts of the keys made by [`Batch::key`]: key `k`'s is
    /// `compacts[compact_ends[k]..compact_ends[k + 1]]`.
    compacts: Vec<u8>,
    compact_ends: Vec<u32>,
}

impl<T> Default for Batch<T> {
    fn default() -> Self {
        Self {
            text: String::new(),
            rows: Vec::new(),
            keys: Vec::new(),
            compacts: Vec::new(),
            compact_ends: Vec::new(),
        }
    }
}

/// A text of a batched row, as a range of [`Batch::text`].
type Span = (u32, u32);

fn put(text: &mut String, t: &str) -> Span {
    let at = text.len() as u32;
    text.push_str(t);
    (at, t.len() as u32)
}

/// Where `inner` starts in `outer`, when it is a part of it.
fn offset_in(outer: &str, inner: &str) -> Option<usize> {
    let at = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    (at <= outer.len() && inner.len() <= outer.len() - at).then_some(at)
}

/// Copies a row's fields into a batch's text: a CSV record once, whole, its fields then found in
/// the copy; other fields one by one.
struct Placer<'a, 'r> {
    text: &'a mut String,
    /// The record's text and where its copy starts.
    record: Option<(&'r str, usize)>,
}

impl<'a, 'r> Placer<'a, 'r> {
    fn new(text: &'a mut String, row: &Row<'r>) -> Self {
        let record = row.text().map(|t| {
            let at = text.len();
            text.push_str(t);
            (t, at)
        });
        Self { text, record }
    }

    fn place(&mut self, field: &str) -> Span {
        match self.record.and_then(|(t, at)| Some(at + offset_in(t, field)?)) {
            Some(start) => (start as u32, field.len() as u32),
            None => put(self.text, field),
        }
    }
}

fn span(text: &str, (a, n): Span) -> &str {
    &text[a as usize..(a + n) as usize]
}

impl<T> Batch<T> {
    const SIZE: usize = 64;

    /// Reads the next rows (none at the end), storing each with `store`.
    fn fill<R: Read>(
        &mut self,
        rows: &mut Rows<R>,
        mut store: impl FnMut(&Row<'_>, &mut Placer<'_, '_>) -> Result<T, RowError>,
    ) -> bool {
        self.text.clear();
        self.rows.clear();
        while self.rows.len() < Self::SIZE {
            match rows.next() {
                Some(Ok(r)) => {
                    let row = store(&r, &mut Placer::new(&mut self.text, &r));
                    self.rows.push((r.line, row));
                }
                Some(Err(e)) => self.rows.push((e.line, Err(e))),
                None => break,
            }
        }
        !self.rows.is_empty()
    }

    /// Forgets the keys of the previous batch.
    fn clear_keys(&mut self) {
        self.keys.clear();
        self.compacts.clear();
        self.compact_ends.clear();
        self.compact_ends.push(0);
    }

    /// Adds the key of the compact form of `code` (a reference or a dossier code).
    fn key(&mut self, code: Span, reference: bool) {
        let start = self.compacts.len();
        compact_into(span(&self.text, code), &mut self.compacts);
        self.keys.push(Key::new(text_hash(&self.compacts[start..]), reference));
        self.compact_ends.push(self.compacts.len() as u32);
    }

    /// The compact text of key `k` with its hash.
    fn compact(&self, k: usize) -> Compact<'_> {
        Compact {
            text: &self.compacts[self.compact_ends[k] as usize..self.compact_ends[k + 1] as usize],
            hash: self.keys[k].hash,
        }
    }

    /// Reads the table slots of the keys, then their records, then the records' texts (a byte
    /// of each).
    fn warm(&mut self, l: &Ledger) -> u64 {
        let mut sink = 0u64;
        for k in &self.keys {
            sink ^= k.table(l).touch(k.hash);
        }
        for k in &mut self.keys {
            k.index = k.table(l).find(k.hash, |_| true);
            sink ^= k.record(l, false);
        }
        for k in &self.keys {
            sink ^= k.record(l, true);
        }
        sink
    }
}

/// A dossier's texts in its batch.
struct BatchDossier {
    texts: [Span; 5],
    received_at: LocalSeconds,
    tong_phi: Vnd,
}

impl BatchDossier {
    fn store(r: &Row<'_>, text: &mut Placer<'_, '_>) -> Result<Self, RowError> {
        DossierView::from_fields(r, r.line).map(|d| Self {
            texts: [d.ma_ho_so, d.ma_tthc, d.ma_don_vi, d.tk_thu_huong, d.ma_nh_thu_huong].map(|t| text.place(t)),
            received_at: d.received_at,
            tong_phi: d.tong_phi,
        })
    }

    fn view<'t>(&self, text: &'t str) -> DossierView<'t> {
        let [c, p, u, k, b] = self.texts.map(|s| span(text, s));
        DossierView {
            ma_ho_so: c,
            ma_tthc: p,
            ma_don_vi: u,
            received_at: self.received_at,
            tong_phi: self.tong_phi,
            tk_thu_huong: k,
            ma_nh_thu_huong: b,
        }
    }
}

impl Batch<BatchDossier> {
    /// Warms the dossier-code look-ups of the batch.
    fn warm_dossiers(&mut self, l: &Ledger) -> u64 {
        self.clear_keys();
        for k in 0..self.rows.len() {
            if let Ok(d) = &self.rows[k].1 {
                let code = d.texts[0];
                self.key(code, false);
            }
        }
        self.warm(l)
    }
}

/// An attempt's texts in its batch.
struct BatchAttempt {
    texts: [Span; 5],
    so_tien: Vnd,
    thoi_gian_gd: LocalSeconds,
    trang_thai_gd: AttemptStatus,
}

impl BatchAttempt {
    fn store(r: &Row<'_>, text: &mut Placer<'_, '_>) -> Result<Self, RowError> {
        AttemptView::from_fields(r, r.line).map(|a| Self {
            texts: [
                a.ma_tham_chieu,
                a.ma_giao_dich,
                a.ma_ho_so,
                a.tk_thu_huong,
                a.ma_nh_thu_huong,
            ]
            .map(|t| text.place(t)),
            so_tien: a.so_tien,
            thoi_gian_gd: a.thoi_gian_gd,
            trang_thai_gd: a.trang_thai_gd,
        })
    }

    fn view<'t>(&self, text: &'t str) -> AttemptView<'t> {
        let [r, g, d, k, b] = self.texts.map(|s| span(text, s));
        AttemptView {
            ma_tham_chieu: r,
            ma_giao_dich: g,
            ma_ho_so: d,
            so_tien: self.so_tien,
            thoi_gian_gd: self.thoi_gian_gd,
            trang_thai_gd: self.trang_thai_gd,
            tk_thu_huong: k,
            ma_nh_thu_huong: b,
        }
    }
}

impl Batch<BatchAttempt> {
    /// Warms the reference and dossier-code look-ups of the batch.
    fn warm_attempts(&mut self, l: &Ledger) -> u64 {
        self.clear_keys();
        for k in 0..self.rows.len() {
            if let Ok(a) = &self.rows[k].1 {
                let (reference, dossier) = (a.texts[0], a.texts[2]);
                self.key(reference, true);
                self.key(dossier, false);
            }
        }
        self.warm(l)
    }
}

/// A credit's texts in its batch.
struct BatchCredit {
    id: Span,
    account: Span,
    remark: Span,
    at: LocalSeconds,
    amount: Vnd,
}

impl BatchCredit {
    fn store(r: &Row<'_>, text: &mut Placer<'_, '_>) -> Result<Self, RowError> {
        CreditView::from_fields(r, r.line).map(|c| Self {
            id: text.place(c.ma_giao_dich_nh),
            account: text.place(c.tk_thu_huong),
            remark: text.place(c.noi_dung),
            at: c.thoi_gian,
            amount: c.so_tien,
        })
    }

    fn view<'t>(&self, text: &'t str) -> CreditView<'t> {
        CreditView {
            ma_giao_dich_nh: span(text, self.id),
            thoi_gian: self.at,
            so_tien: self.amount,
            tk_thu_huong: span(text, self.account),
            noi_dung: span(text, self.remark),
        }
    }
}

/// Bank credits read ahead, with their compact remarks.
#[derive(Default)]
struct CreditBatch {
    batch: Batch<BatchCredit>,
    hays: Vec<u8>,
    /// `hays[hay_ends[k]..hay_ends[k + 1]]` is row `k`'s compact remark.
    hay_ends: Vec<u32>,
    /// Row `k`'s bank reference hashed (0 for an unreadable row).
    id_hashes: Vec<u64>,
    /// `batch.keys[row_key_ends[k]..row_key_ends[k + 1]]` are row `k`'s look-ups.
    row_key_ends: Vec<u32>,
    /// Rows none of whose look-ups is in a table (the fuzzy matcher will likely search their
    /// window): account and window.
    fuzzy: Vec<(u32, LocalSeconds, LocalSeconds)>,
}

impl CreditBatch {
    /// Compacts the remarks and warms the look-ups they will make, and the bank-id table.
    fn warm(&mut self, l: &Ledger, rules: &MatchRules, bank_ids: &Table) -> u64 {
        let b = &mut self.batch;
        self.hays.clear();
        self.hay_ends.clear();
        self.hay_ends.push(0);
        self.id_hashes.clear();
        self.row_key_ends.clear();
        self.row_key_ends.push(0);
        b.clear_keys();
        for (_, row) in &b.rows {
            let mut id_hash = 0;
            if let Ok(c) = row {
                let start = self.hays.len();
                compact_into(span(&b.text, c.remark), &mut self.hays);
                lookup_keys(l, &self.hays[start..], &mut b.keys);
                id_hash = text_hash(span(&b.text, c.id).as_bytes());
            }
            self.hay_ends.push(self.hays.len() as u32);
            self.row_key_ends.push(b.keys.len() as u32);
            self.id_hashes.push(id_hash);
        }
        // In a loop of their own, so that the cache misses overlap.
        let mut sink = 0u64;
        for &h in &self.id_hashes {
            sink ^= bank_ids.touch(h);
        }
        sink ^= b.warm(l);
        self.fuzzy.clear();
        for (k, (_, row)) in b.rows.iter().enumerate() {
            let Ok(c) = row else { continue };
            let keys = &b.keys[self.row_key_ends[k] as usize..self.row_key_ends[k + 1] as usize];
            if keys.iter().all(|x| x.index.is_none()) {
                if let Some(acct) = l.account_of(span(&b.text, c.account)) {
                    let (from, to) = (c.at - rules.window_after, c.at + rules.window_before + 1);
                    self.fuzzy.push((acct, from, to));
                }
            }
        }
        for step in 0..3 {
            for &(acct, from, to) in &self.fuzzy {
                sink ^= l.warm_window(acct, from, to, step);
            }
        }
        sink
    }
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
            bank_ids: Table::default(),
            invalid: Vec::new(),
            invalid_attempts: Vec::new(),
            invalid_dossiers: Vec::new(),
            ties: Vec::new(),
            tied: Vec::new(),
            settled: Vec::new(),
            input: [Source::Bank, Source::Payment].map(|s| (s, Total::default())).into(),
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

    /// Room for about this many records of each input (an estimate is enough): the indexes are
    /// then sized once, instead of doubling into fresh memory as they fill.
    pub fn reserve(&mut self, dossiers: usize, payments: usize, bank: usize) {
        self.ledger.reserve(dossiers, payments);
        self.bank_ids.reserve(bank);
        let _ = self.credits.try_reserve(bank);
    }

    /// Adds a dossier row (or the error of an unreadable one). Add dossiers before attempts.
    pub fn add_dossier(&mut self, row: Result<Dossier, RowError>, line: u64) {
        self.add_dossier_view(row.as_ref().map(Dossier::view).map_err(Clone::clone), line);
    }

    /// [`Reconciler::add_dossier`] without copying the row's texts.
    pub fn add_dossier_view(&mut self, row: Result<DossierView<'_>, RowError>, line: u64) {
        self.add_dossier_with(row, None, line);
    }

    /// [`Reconciler::add_dossier_view`], the compact MaHoSo given when known.
    fn add_dossier_with(&mut self, row: Result<DossierView<'_>, RowError>, code: Option<Compact<'_>>, line: u64) {
        self.dossier_rows += 1;
        let l = &mut self.ledger;
        let added = row.and_then(|d| match code {
            Some(c) => l.add_dossier_compact(&d, c, line),
            None => l.add_dossier(&d, line),
        });
        match added.map(|_| ()) {
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
        self.add_attempt_with(row, None, line);
    }

    /// [`Reconciler::add_attempt_view`], the compact MaThamChieu and MaHoSo given when known.
    fn add_attempt_with(
        &mut self,
        row: Result<AttemptView<'_>, RowError>,
        codes: Option<(Compact<'_>, Compact<'_>)>,
        line: u64,
    ) {
        let amount = match &row {
            Ok(a) => Some(a.so_tien),
            Err(e) => e.so_tien,
        };
        self.count_input(Source::Payment, amount);
        let l = &mut self.ledger;
        let added = row.and_then(|a| match codes {
            Some((r, c)) => l.add_attempt_compact(&a, r, c, line),
            None => l.add_attempt(&a, line),
        });
        if let Err(e) = added.map(|_| ()) {
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
        self.add_credit_with(row, line, None);
    }

    /// Matches the credits of a batch, after reading what they will need from the ledger all at
    /// once (their cache misses then overlap instead of queueing).
    fn add_credits(&mut self, b: &mut CreditBatch) {
        self.ledger.freeze();
        std::hint::black_box(b.warm(&self.ledger, &self.rules, &self.bank_ids));
        for (k, (line, row)) in b.batch.rows.iter().enumerate() {
            let hay = &b.hays[b.hay_ends[k] as usize..b.hay_ends[k + 1] as usize];
            let keys = &b.batch.keys[b.row_key_ends[k] as usize..b.row_key_ends[k + 1] as usize];
            let row = match row {
                Ok(c) => Ok(c.view(&b.batch.text)),
                Err(e) => Err(e.clone()),
            };
            self.add_credit_with(row, *line, Some((hay, keys, b.id_hashes[k])));
        }
    }

    /// [`Reconciler::add_credit`], the remark's compact form and the bank reference's hash given
    /// when known.
    fn add_credit_with(&mut self, row: Result<CreditView<'_>, RowError>, line: u64, pre: Option<(&[u8], &[Key], u64)>) {
        self.ledger.freeze();
        let amount = match &row {
            Ok(c) => Some(c.so_tien),
            Err(e) => e.so_tien,
        };
        self.count_input(Source::Bank, amount);
        let row = row.and_then(|c| {
            let h = pre.map_or_else(|| text_hash(c.ma_giao_dich_nh.as_bytes()), |p| p.2);
            let (credits, ids) = (&self.credits, &self.ids);
            let id = |i: u32| {
                let (s, l) = credits[i as usize].id;
                &ids[s as usize..(s + l) as usize]
            };
            match self.bank_ids.find(h, |i| id(i) == c.ma_giao_dich_nh) {
                Some(i) => Err(RowError {
                    line,
                    error: Error::new(
                        ErrorCode::ReconRepeatedId,
                        "ma_giao_dich_nh",
                        format!("bank reference already on line {}", self.credits[i as usize].line),
                    ),
                    id: c.ma_giao_dich_nh.to_string(),
                    so_tien: Some(c.so_tien),
                }),
                None => {
                    self.bank_ids.insert(h, self.credits.len() as u32);
                    Ok(c)
                }
            }
        });
        match row {
            Ok(c) => {
                let m = match pre {
                    Some((hay, keys, _)) => {
                        match_compacted(&self.ledger, &self.rules, &c, hay, keys, &mut self.scratch)
                    }
                    None => match_credit(&self.ledger, &self.rules, &c, &mut self.scratch),
                };
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
        // Per attempt: the first credit with the right amount, the first with another amount.
        let mut attempt_credit: Vec<(u32, u32)> = vec![(u32::MAX, u32::MAX); n_att];
        // Per credit: the agency of its dossier (read here, dossier by dossier in order).
        let mut credit_agency: Vec<u32> = vec![NO_AGENCY; self.credits.len()];
        let mut start = 0;
        while start < found.len() {
            let d = found[start].0;
            let end = start + found[start..].iter().take_while(|x| x.0 == d).count();
            let mut first_ok: Option<u32> = None;
            let agency = self.ledger.dossiers[d as usize].agency;
            for &(_, _, _, i) in &found[start..end] {
                credit_agency[i as usize] = agency;
                let c = &self.credits[i as usize];
                let Outcome::Matched(Match::Found { attempt, .. }) = c.outcome else {
                    continue;
                };
                let due = self.ledger.expected_amount(d, attempt);
                let class = if c.amount != due {
                    if let Some(a) = attempt {
                        let slot = &mut attempt_credit[a as usize].1;
                        if *slot == u32::MAX {
                            *slot = i;
                        }
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
                match (ok != u32::MAX, mismatch != u32::MAX, success) {
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
        r.summary = r.totals(&credit_agency)?;
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
    /// Per attempt: the first credit with the right amount, the first with another amount
    /// (`u32::MAX`: none).
    attempt_credit: Vec<(u32, u32)>,
    /// Control totals.
    pub summary: Summary,
}

/// A credit whose dossier is not known has no agency.
const NO_AGENCY: u32 = u32::MAX;

/// Reused text buffers for writing rows without allocating.
#[derive(Default)]
struct RowBufs {
    time: [u8; 14],
    reason: String,
    issue: Option<RowIssue>,
}

/// One output row as borrowed text: `'a` from the run, `'b` from [`RowBufs`].
struct RowText<'a, 'b> {
    source: Source,
    id: &'a str,
    class: Class,
    ma_ho_so: &'a str,
    ma_tham_chieu: &'a str,
    confidence: f64,
    reason: &'b str,
    so_tien: i64,
    thoi_gian: &'b str,
    ma_don_vi: &'a str,
    trang_thai_gd: Option<u8>,
    related: &'a str,
    line: u64,
    error: Option<&'b RowIssue>,
}

impl<'a> RowText<'a, '_> {
    fn to_row(&self) -> ResultRow<'a> {
        ResultRow {
            source: self.source,
            id: self.id,
            class: self.class,
            ma_ho_so: self.ma_ho_so,
            ma_tham_chieu: self.ma_tham_chieu,
            confidence: self.confidence,
            reason: Cow::Owned(self.reason.to_string()),
            so_tien: self.so_tien,
            thoi_gian: self.thoi_gian.to_string(),
            ma_don_vi: self.ma_don_vi,
            trang_thai_gd: self.trang_thai_gd,
            related: self.related,
            line: self.line,
            error: self.error.cloned(),
        }
    }
}

fn issue(e: &RowError) -> RowIssue {
    RowIssue {
        code: e.error.code.code(),
        name: e.error.code.name(),
        field: e.error.field.to_string(),
        message: e.error.detail.clone(),
    }
}

fn error_reason(e: &RowError, out: &mut String) {
    let _ = write!(
        out,
        "{} {} {}: {}",
        e.error.code.code(),
        e.error.code.name(),
        e.error.field,
        e.error.detail
    );
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
        let mut b = RowBufs::default();
        (0..self.len()).map(move |i| self.row_text(i, &mut b).to_row())
    }

    /// Row `i` of [`Reconciliation::rows`].
    fn row_text<'s, 'b>(&'s self, i: usize, b: &'b mut RowBufs) -> RowText<'s, 'b> {
        let (banks, pays) = (self.bank_class.len(), self.inner.ledger.attempts.len());
        let bad_pays = self.inner.invalid_attempts.len();
        if i < banks {
            self.bank_text(i, b)
        } else if i < banks + pays {
            self.payment_text(i - banks, b)
        } else if i < banks + pays + bad_pays {
            let e = self.inner.invalid_attempts[i - banks - pays];
            self.invalid_text(Source::Payment, &self.inner.invalid[e as usize], b)
        } else {
            let e = self.inner.invalid_dossiers[i - banks - pays - bad_pays];
            self.invalid_text(Source::Dossier, &self.inner.invalid[e as usize], b)
        }
    }

    fn invalid_text<'s, 'b>(&'s self, source: Source, e: &'s RowError, b: &'b mut RowBufs) -> RowText<'s, 'b> {
        b.reason.clear();
        error_reason(e, &mut b.reason);
        b.issue = Some(issue(e));
        RowText {
            source,
            id: &e.id,
            class: Class::InvalidInput,
            ma_ho_so: if source == Source::Dossier { &e.id } else { "" },
            ma_tham_chieu: "",
            confidence: 0.0,
            reason: &b.reason,
            so_tien: e.so_tien.unwrap_or_default().0,
            thoi_gian: "",
            ma_don_vi: "",
            trang_thai_gd: None,
            related: "",
            line: e.line,
            error: b.issue.as_ref(),
        }
    }

    fn bank_text<'s, 'b>(&'s self, i: usize, b: &'b mut RowBufs) -> RowText<'s, 'b> {
        let c = &self.inner.credits[i];
        let l = &self.inner.ledger;
        let class = self.bank_class[i];
        let (mut ma_ho_so, mut ma_tham_chieu, mut ma_don_vi, mut related) = ("", "", "", "");
        let mut confidence = 0.0;
        let mut reason: &'static str = "";
        let mut error = false;
        let r = &mut b.reason;
        r.clear();
        match c.outcome {
            Outcome::Invalid(e) => {
                let e = &self.inner.invalid[e as usize];
                error_reason(e, r);
                b.issue = Some(issue(e));
                error = true;
            }
            Outcome::Matched(Match::Unknown) => {
                reason = "no known reference or dossier code in the remark for this account";
            }
            Outcome::Matched(Match::Ambiguous { why, dossiers: [x, y] }) => {
                let _ = match why {
                    Ambiguity::Tie => write!(
                        r,
                        "ambiguous: {} and {} fit about equally",
                        l.dossier_code(x),
                        l.dossier_code(y)
                    ),
                    Ambiguity::OtherAccount => write!(
                        r,
                        "ambiguous: the remark names {} whose beneficiary account is another",
                        l.dossier_code(x)
                    ),
                };
            }
            Outcome::Matched(Match::Found {
                dossier,
                attempt,
                evidence,
                confidence: conf,
            }) => {
                let d = &l.dossiers[dossier as usize];
                ma_ho_so = l.dossier_code(dossier);
                ma_don_vi = l.agency(dossier);
                confidence = f64::from(conf) / 100.0;
                r.push_str(evidence.key());
                match self.inner.settled.binary_search_by_key(&(i as u32), |x| x.0) {
                    Ok(k) if self.inner.settled[k].1 => r.push_str(
                        "; tied with other unpaid dossiers, its attempt is by far the nearest before the credit",
                    ),
                    Ok(_) => r.push_str("; tied with other dossiers, all already paid by other credits"),
                    Err(_) => {}
                }
                if let Some(a) = attempt {
                    let at = &l.attempts[a as usize];
                    ma_tham_chieu = l.reference(a);
                    let st = at.status;
                    let _ = match class {
                        Class::PaidNotUpdated => write!(r, "; platform status {} ({})", st.key(), st.code()),
                        Class::AmountMismatch => {
                            write!(r, "; credited {} dong, attempt {} dong", c.amount.0, at.amount.0)
                        }
                        _ => Ok(()),
                    };
                } else {
                    let _ = match class {
                        Class::PaidNotUpdated => r.write_str("; the dossier has no payment attempt"),
                        Class::AmountMismatch => {
                            write!(r, "; credited {} dong, dossier fee {} dong", c.amount.0, d.tong_phi.0)
                        }
                        _ => Ok(()),
                    };
                }
                if class == Class::Duplicate {
                    let p = self.related[i];
                    related = self.inner.id(self.inner.credits[p as usize].id);
                    r.push_str("; the dossier was already credited");
                }
            }
        }
        RowText {
            source: Source::Bank,
            id: self.inner.id(c.id),
            class,
            ma_ho_so,
            ma_tham_chieu,
            confidence,
            reason: if reason.is_empty() { &b.reason } else { reason },
            so_tien: c.amount.0,
            thoi_gian: if c.at == LocalSeconds::MIN {
                ""
            } else {
                format_local_time_into(c.at, &mut b.time)
            },
            ma_don_vi,
            trang_thai_gd: None,
            related,
            line: c.line,
            error: if error { b.issue.as_ref() } else { None },
        }
    }

    /// The credit a payment row names in `related`: the first with the right amount resolved to the
    /// attempt, else the first with another amount (`u32::MAX`: none).
    fn credit_of(&self, attempt: usize) -> u32 {
        match self.attempt_credit[attempt] {
            (u32::MAX, mismatch) => mismatch,
            (ok, _) => ok,
        }
    }

    fn payment_text<'s, 'b>(&'s self, a: usize, b: &'b mut RowBufs) -> RowText<'s, 'b> {
        let l = &self.inner.ledger;
        let at = &l.attempts[a];
        let class = self.payment_class[a];
        let first = self.credit_of(a);
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
        let reference = l.reference(a as u32);
        RowText {
            source: Source::Payment,
            id: reference,
            class,
            ma_ho_so: l.dossier_code(at.dossier),
            ma_tham_chieu: reference,
            confidence: if first != u32::MAX { 1.0 } else { 0.0 },
            reason,
            so_tien: at.amount.0,
            thoi_gian: format_local_time_into(at.at, &mut b.time),
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

    /// The control totals; `credit_agency`: each credit's agency ([`NO_AGENCY`] when its dossier
    /// is not known).
    fn totals(&self, credit_agency: &[u32]) -> Result<Summary, Error> {
        const N: usize = Class::ALL.len();
        let l = &self.inner.ledger;
        let mut bank = [Total::default(); N];
        let mut payment = [Total::default(); N];
        let mut dossier = [Total::default(); N];
        // By agency id + 1, 0 for no agency.
        let mut by_agency: Vec<[Total; N]> = vec![[Total::default(); N]; l.agency_count() + 1];
        let mut by_day: FxHashMap<i64, [Total; N]> = FxHashMap::default();
        for (i, c) in self.inner.credits.iter().enumerate() {
            let k = self.bank_class[i] as usize;
            bank[k].add(c.amount)?;
            let agency = credit_agency[i].wrapping_add(1) as usize;
            by_agency[agency][k].add(c.amount)?;
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
                .enumerate()
                .filter(|(_, t)| t.iter().any(|t| t.rows > 0))
                .map(|(a, t)| {
                    let name = match a {
                        0 => String::new(),
                        a => l.agency_text(a as u32 - 1).to_string(),
                    };
                    (name, map(t))
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
    /// written by hand: it is a third of a run's time otherwise). Writes in blocks of about 1 MiB, so
    /// `w` needs no buffer of its own.
    pub fn write_jsonl<W: Write>(&self, mut w: W) -> std::io::Result<()> {
        const BLOCK: usize = 1 << 20;
        const WARM: usize = 64;
        let mut buf = Vec::with_capacity(BLOCK + (64 << 10));
        let mut b = RowBufs::default();
        let n = self.len();
        let mut sink = 0u8;
        for start in (0..n).step_by(WARM) {
            let rows = start..n.min(start + WARM);
            for pass in [false, true] {
                for i in rows.clone() {
                    sink ^= self.touch(i, pass);
                }
            }
            for i in rows {
                self.row_text(i, &mut b).write_json(&mut buf);
                buf.push(b'\n');
            }
            if buf.len() >= BLOCK {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        std::hint::black_box(sink);
        w.write_all(&buf)?;
        w.flush()
    }

    /// Reads a byte of what row `i` will read from the ledger (records first, their texts when
    /// `texts`): rows touched in a batch have their cache misses overlap instead of queueing.
    fn touch(&self, i: usize, texts: bool) -> u8 {
        let r = &self.inner;
        let l = &r.ledger;
        let (dossier, attempt, credit) = if i < self.bank_class.len() {
            match r.credits[i].outcome {
                Outcome::Matched(Match::Found { dossier, attempt, .. }) => (Some(dossier), attempt, None),
                _ => (None, None, None),
            }
        } else if let Some(at) = l.attempts.get(i - self.bank_class.len()) {
            let first = self.credit_of(i - self.bank_class.len());
            (Some(at.dossier), None, (first != u32::MAX).then_some(first))
        } else {
            (None, None, None)
        };
        let mut x = 0;
        if let Some(d) = dossier {
            // Both ends of the entry (it may span two cache lines): its code and its agency.
            let e = &l.dossiers[d as usize];
            x ^= if texts {
                l.text_byte(e.code)
            } else {
                e.code.1 as u8 ^ e.agency as u8
            };
        }
        if let Some(a) = attempt {
            let s = l.attempts[a as usize].reference;
            x ^= if texts { l.text_byte(s) } else { s.1 as u8 };
        }
        if let Some(c) = credit {
            let (at, len) = r.credits[c as usize].id;
            x ^= if texts {
                ends_byte(
                    r.ids
                        .as_bytes()
                        .get(at as usize..(at + len) as usize)
                        .unwrap_or_default(),
                )
            } else {
                len as u8
            };
        }
        x
    }

    /// Appends row `i` of [`Reconciliation::rows`] as JSON (what [`ResultRow::write_json`] gives).
    pub(crate) fn write_row_json(&self, i: usize, out: &mut Vec<u8>) {
        self.row_text(i, &mut RowBufs::default()).write_json(out);
    }
}

/// Whether some byte needs escaping in a JSON string (below 0x20, `"` or `\\`), eight at a time.
fn needs_escape(b: &[u8]) -> bool {
    let bad = |w: u64| equal(w, b'"') | equal(w, b'\\') | any_below(w, 0x20) != 0;
    if b.chunks_exact(8).any(|c| bad(load(c, 0))) {
        return true;
    }
    match b.len() {
        0 => false,
        // The last eight bytes (overlapping words already checked).
        8.. => bad(load(&b[b.len() - 8..], 0)),
        _ => b.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\'),
    }
}

fn json_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.push(b'"');
    if !needs_escape(b) {
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    json_escaped(out, b);
}

/// The rest of [`json_str`] for a text with a character to escape.
#[cold]
fn json_escaped(out: &mut Vec<u8>, b: &[u8]) {
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
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&b[start..i]);
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(c >> 4)],
                    HEX[usize::from(c & 15)],
                ]);
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

fn json_uint(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn json_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    json_uint(out, v.unsigned_abs());
}

/// Confidence is a whole number of hundredths: 0.0, 0.5, 0.95, 1.0 (serde_json's forms).
fn json_confidence(out: &mut Vec<u8>, confidence: f64) {
    // Rounded by adding a half and truncating (no call to `round`): where that is off, as for a
    // negative value, the check below fails and serde_json writes the number (so it does -0.0).
    let c = (confidence * 100.0 + 0.5) as i64;
    if (0..=100).contains(&c) && (c as f64 / 100.0) == confidence && confidence.is_sign_positive() {
        let (tens, ones) = (b'0' + (c / 10 % 10) as u8, b'0' + (c % 10) as u8);
        match c {
            100 => out.extend_from_slice(b"1.0"),
            _ if ones == b'0' => out.extend_from_slice(&[b'0', b'.', tens]),
            _ => out.extend_from_slice(&[b'0', b'.', tens, ones]),
        }
    } else {
        out.extend_from_slice(serde_json::to_string(&confidence).unwrap_or_default().as_bytes());
    }
}

/// A key that needs no escaping (the source and class keys), quoted.
fn json_key(out: &mut Vec<u8>, key: &str) {
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.push(b'"');
}

impl RowText<'_, '_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        // Room for the row's fixed part at once (the texts may still ask for more).
        out.reserve(256 + self.id.len() + self.ma_ho_so.len() + self.ma_tham_chieu.len() + self.reason.len());
        out.extend_from_slice(b"{\"source\":");
        json_key(out, self.source.key());
        out.extend_from_slice(b",\"id\":");
        json_str(out, self.id);
        out.extend_from_slice(b",\"class\":");
        json_key(out, self.class.key());
        out.extend_from_slice(b",\"ma_ho_so\":");
        json_str(out, self.ma_ho_so);
        out.extend_from_slice(b",\"ma_tham_chieu\":");
        json_str(out, self.ma_tham_chieu);
        out.extend_from_slice(b",\"confidence\":");
        json_confidence(out, self.confidence);
        out.extend_from_slice(b",\"reason\":");
        json_str(out, self.reason);
        out.extend_from_slice(b",\"so_tien\":");
        json_int(out, self.so_tien);
        out.extend_from_slice(b",\"thoi_gian\":");
        json_str(out, self.thoi_gian);
        out.extend_from_slice(b",\"ma_don_vi\":");
        json_str(out, self.ma_don_vi);
        if let Some(st) = self.trang_thai_gd {
            out.extend_from_slice(b",\"trang_thai_gd\":");
            json_uint(out, u64::from(st));
        }
        if !self.related.is_empty() {
            out.extend_from_slice(b",\"related\":");
            json_str(out, self.related);
        }
        out.extend_from_slice(b",\"line\":");
        json_uint(out, self.line);
        if let Some(e) = self.error {
            out.extend_from_slice(b",\"error\":");
            out.extend_from_slice(serde_json::to_string(e).unwrap_or_default().as_bytes());
        }
        out.push(b'}');
    }
}

impl ResultRow<'_> {
    /// The row as one JSON object, identical to its `serde_json` serialisation.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        RowText {
            source: self.source,
            id: self.id,
            class: self.class,
            ma_ho_so: self.ma_ho_so,
            ma_tham_chieu: self.ma_tham_chieu,
            confidence: self.confidence,
            reason: &self.reason,
            so_tien: self.so_tien,
            thoi_gian: &self.thoi_gian,
            ma_don_vi: self.ma_don_vi,
            trang_thai_gd: self.trang_thai_gd,
            related: self.related,
            line: self.line,
            error: self.error.as_ref(),
        }
        .write_json(out);
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
    /// About how many records each input holds (dossiers, payments, bank), when known: see
    /// [`Reconciler::reserve`].
    pub expected_rows: Option<[usize; 3]>,
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
    if let Some([d, p, b]) = inputs.expected_rows {
        rec.reserve(d, p, b);
    }
    let named = |file: &'static str| move |e: Error| Error::new(e.code, format!("{file}.{}", e.field), e.detail);
    let mut rows = Rows::new(inputs.dossiers.0, inputs.dossiers.1, &DOSSIER_REQUIRED).map_err(named("dossiers"))?;
    let mut n: u64 = 0;
    let mut batch = Batch::default();
    while batch.fill(&mut rows, BatchDossier::store) {
        std::hint::black_box(batch.warm_dossiers(&rec.ledger));
        // Keys were made for the readable rows, in order.
        let mut k = 0;
        for (line, row) in &batch.rows {
            match row {
                Ok(d) => {
                    rec.add_dossier_with(Ok(d.view(&batch.text)), Some(batch.compact(k)), *line);
                    k += 1;
                }
                Err(e) => rec.add_dossier_with(Err(e.clone()), None, *line),
            }
            tick(Phase::Dossiers, &mut n);
        }
    }
    let mut rows = Rows::new(inputs.payments.0, inputs.payments.1, &ATTEMPT_REQUIRED).map_err(named("payments"))?;
    let mut n: u64 = 0;
    let mut batch = Batch::default();
    while batch.fill(&mut rows, BatchAttempt::store) {
        std::hint::black_box(batch.warm_attempts(&rec.ledger));
        // Two keys (reference, dossier code) were made for each readable row, in order.
        let mut k = 0;
        for (line, row) in &batch.rows {
            match row {
                Ok(a) => {
                    let codes = (batch.compact(k), batch.compact(k + 1));
                    rec.add_attempt_with(Ok(a.view(&batch.text)), Some(codes), *line);
                    k += 2;
                }
                Err(e) => rec.add_attempt_with(Err(e.clone()), None, *line),
            }
            tick(Phase::Payments, &mut n);
        }
    }
    let mut rows = Rows::new(inputs.bank.0, inputs.bank.1, &CREDIT_REQUIRED).map_err(named("bank"))?;
    let mut n: u64 = 0;
    let mut batch = CreditBatch::default();
    while batch.batch.fill(&mut rows, BatchCredit::store) {
        rec.add_credits(&mut batch);
        for _ in 0..batch.batch.rows.len() {
            tick(Phase::Bank, &mut n);
        }
    }
    progress(Phase::Bank, n);
    rec.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time test finds every byte that needs escaping, at every place in texts of
    /// every length up to 24, and nothing in texts without one.
    #[test]
    fn escapes_are_found_wherever_they_are() {
        let pool = b"aZ09 .-~\x7f\xc3\xa9!#/:";
        let plain: Vec<u8> = (0..24).map(|i| pool[i % pool.len()]).collect();
        for len in 0..=24 {
            assert!(!needs_escape(&plain[..len]), "{len}");
            for at in 0..len {
                for bad in [0u8, 0x08, b'\n', 0x1f, b'"', b'\\'] {
                    let mut t = plain[..len].to_vec();
                    t[at] = bad;
                    assert!(needs_escape(&t), "{len} {at} {bad}");
                }
            }
        }
    }

    fn confidence_text(x: f64) -> String {
        let mut out = Vec::new();
        json_confidence(&mut out, x);
        String::from_utf8(out).unwrap()
    }

    proptest::proptest! {
        /// Every confidence is written as serde_json writes it: hundredths by the short path,
        /// anything else (negative, between hundredths, not finite) by serde_json.
        #[test]
        fn confidences_are_written_as_serde_json_writes_them(
            hundredths in -150i32..250,
            x in proptest::num::f64::ANY,
        ) {
            for v in [f64::from(hundredths) / 100.0, x, -0.0, 0.005, 0.994_999_999_999_999_9] {
                proptest::prop_assert_eq!(confidence_text(v), serde_json::to_string(&v).unwrap());
            }
        }
    }
}
