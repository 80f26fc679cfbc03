//! Finding the dossier and attempt a bank credit pays (khớp giao dịch): exact references and
//! dossier codes first, then mangled ones (typo, cut short, only the tail) among the attempts on the
//! same beneficiary account in the time window, with the amount as a tie-breaker. What stays
//! ambiguous is reported, never guessed.
use super::ledger::{ends_byte, tail_windows, text_hash, Ledger, Table, Windows};
use super::record::{CreditView, LocalSeconds};
use super::remark::{align_seeded, compact_into, letters8, on_diagonal, Alignment, HayIndex};
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;

/// Matching rules. Every field has a documented default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchRules {
    /// A credit may arrive this many seconds after its attempt (default 4 days; the sample's
    /// longest delay is 76 hours).
    pub window_after: i64,
    /// ... or this many seconds before it (clock skew between bank and platform; default 1 hour).
    pub window_before: i64,
    /// Evidence below this score (0-100) is not a match (default 50).
    pub min_score: u8,
    /// A second dossier scoring within this margin of the best makes the credit ambiguous
    /// (default 5).
    pub tie_margin: u8,
    /// Score added when the amount equals the attempt's (default 10).
    pub amount_bonus: u8,
}

impl Default for MatchRules {
    fn default() -> Self {
        Self {
            window_after: 4 * 86_400,
            window_before: 3_600,
            min_score: 50,
            tie_margin: 5,
            amount_bonus: 10,
        }
    }
}

impl MatchRules {
    /// The longest window either way, in hours (a leap year).
    pub const MAX_WINDOW_HOURS: i64 = 24 * 366;

    /// These rules with a credit allowed `hours` after its attempt: 1..=8784, else 9004 naming
    /// `window_hours`.
    pub fn with_window_hours(self, hours: i64) -> Result<Self, Error> {
        Ok(Self {
            window_after: window_seconds(hours, 1, "window_hours")?,
            ..self
        })
    }

    /// These rules with a credit allowed `hours` before its attempt: 0..=8784, else 9004 naming
    /// `window_before_hours`.
    pub fn with_window_before_hours(self, hours: i64) -> Result<Self, Error> {
        Ok(Self {
            window_before: window_seconds(hours, 0, "window_before_hours")?,
            ..self
        })
    }

    /// Where the attempts a credit at `at` may pay lie: `from..to` for [`Ledger::window`]
    /// (saturating: the fields are public, so any window must compute without overflow).
    pub(crate) fn attempts_window(&self, at: LocalSeconds) -> (LocalSeconds, LocalSeconds) {
        (
            at.saturating_sub(self.window_after),
            at.saturating_add(self.window_before).saturating_add(1),
        )
    }
}

/// A window of `hours` in seconds, when within `min..=`[`MatchRules::MAX_WINDOW_HOURS`].
fn window_seconds(hours: i64, min: i64, field: &'static str) -> Result<i64, Error> {
    if !(min..=MatchRules::MAX_WINDOW_HOURS).contains(&hours) {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            field,
            format!("must be {min}..={}", MatchRules::MAX_WINDOW_HOURS),
        ));
    }
    Ok(hours * 3600)
}

/// How the code appeared in the remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Evidence {
    /// The whole reference (MaThamChieu).
    Reference,
    /// The reference with one character mistyped.
    ReferenceTypo,
    /// The reference cut short after the dossier code and part of its time.
    ReferenceCut,
    /// Only the tail of the reference (its time and the dossier sequence).
    ReferenceTail,
    /// The whole dossier code.
    DossierCode,
    /// The dossier code with one character mistyped.
    DossierCodeTypo,
    /// The dossier code cut short (its last characters missing).
    DossierCodeCut,
    /// Only the tail of the dossier code (date and sequence).
    DossierCodeTail,
}

impl Evidence {
    /// Stable key used in `reason`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Reference => "reference",
            Self::ReferenceTypo => "reference_typo",
            Self::ReferenceCut => "reference_cut",
            Self::ReferenceTail => "reference_tail",
            Self::DossierCode => "dossier_code",
            Self::DossierCodeTypo => "dossier_code_typo",
            Self::DossierCodeCut => "dossier_code_cut",
            Self::DossierCodeTail => "dossier_code_tail",
        }
    }

    /// Whether it names one attempt (a reference) rather than only the dossier.
    pub fn names_attempt(self) -> bool {
        matches!(
            self,
            Self::Reference | Self::ReferenceTypo | Self::ReferenceCut | Self::ReferenceTail
        )
    }
}

/// Why a credit is ambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ambiguity {
    /// Two dossiers fit about equally well.
    Tie,
    /// The remark names a dossier whose beneficiary account is not the one credited.
    OtherAccount,
}

/// The outcome of matching one credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The dossier and attempt (if the dossier has any) the credit pays.
    Found {
        /// Dossier index in the ledger.
        dossier: u32,
        /// Attempt index, `None` when the dossier has no attempt.
        attempt: Option<u32>,
        /// How the code appeared.
        evidence: Evidence,
        /// 0-100.
        confidence: u8,
    },
    /// No known dossier or reference in the remark.
    Unknown,
    /// Not decidable: the candidates (best first; the second may repeat the first).
    Ambiguous {
        /// Why.
        why: Ambiguity,
        /// Dossier indexes.
        dossiers: [u32; 2],
    },
}

/// A dossier tied for best in an ambiguous fuzzy match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tied {
    /// Dossier index.
    pub dossier: u32,
    /// The attempt the evidence points at (or the dossier's attempt for the credit).
    pub attempt: Option<u32>,
    /// How its code appeared.
    pub evidence: Evidence,
}

/// Reusable buffers, one per thread.
#[derive(Default)]
pub struct Scratch {
    /// After an ambiguous fuzzy match: the dossiers tied for best.
    pub tied: Vec<Tied>,
    /// [`match_credit`]'s compact remark and look-ups.
    hay: Vec<u8>,
    keys: Vec<Key>,
    diags: Vec<isize>,
    /// Exact hits: dossier, attempt, evidence and the dossier's account.
    exact: Vec<(u32, Option<u32>, Evidence, u32)>,
    cands: Vec<Cand>,
    /// Slots in the window that pass the digit prefilter.
    pending: Vec<u32>,
    digits: DigitIndex,
}

/// Where each 4-digit window of a remark starts (a dossier's date + sequence tail is digits):
/// a candidate is compared only on the diagonals its tail's windows vote for, and only when at
/// least 3 of them occur (a typo spoils at most 4 of a 10-digit tail's 7 windows; a cut keeps the
/// date's). Only the bits set for a remark are cleared for the next.
struct DigitIndex {
    /// The windows in the remark, one bit each (2 KiB, in the first-level cache); and the words
    /// set, to clear them for the next remark.
    bits: Vec<u64>,
    set: Vec<u16>,
    /// Per window in the remark: its last place + 1; `next`: per place, the window's place before
    /// it + 1 (0: none).
    first: Vec<u16>,
    next: Vec<u16>,
}

impl Default for DigitIndex {
    fn default() -> Self {
        Self {
            bits: vec![0; usize::from(Windows::UNUSED) / 64 + 1],
            set: Vec::new(),
            first: vec![0; 10_000],
            next: Vec::new(),
        }
    }
}

impl DigitIndex {
    fn fill(&mut self, hay: &[u8]) {
        self.next.clear();
        self.next.resize(hay.len(), 0);
        for &w in &self.set {
            self.bits[usize::from(w)] = 0;
        }
        self.set.clear();
        let (mut run, mut v) = (0usize, 0usize);
        for (i, &b) in hay.iter().enumerate().take(u16::MAX as usize - 1) {
            if !b.is_ascii_digit() {
                run = 0;
                v = 0;
                continue;
            }
            v = (v * 10 + usize::from(b - b'0')) % 10_000;
            run += 1;
            if run >= 4 {
                let p = i - 3;
                if self.has(v) {
                    self.next[p] = self.first[v];
                } else {
                    self.next[p] = 0;
                    self.bits[v / 64] |= 1 << (v % 64);
                    self.set.push((v / 64) as u16);
                }
                self.first[v] = p as u16 + 1;
            }
        }
    }

    /// Whether at least 3 of the 4-digit windows of a tail (value `tail`, `tail_len` ≥ 4 digits)
    /// occur in the remark: what [`DigitIndex::align`] needs to try the code at all.
    fn enough_hits(&self, windows: impl Iterator<Item = (usize, usize)>) -> bool {
        windows.filter(|&(_, v)| self.has(v)).count() >= 3
    }

    /// Whether the window `v` (below 10,000) is in the remark.
    fn has(&self, v: usize) -> bool {
        (self.bits[v / 64] >> (v % 64)) & 1 == 1
    }

    /// The best alignment of `code` whose digit tail (`tail_len` digits ending at `tail_end` in
    /// `code`, its `windows` as [`tail_windows`] gives them) has at least 3 windows in the remark,
    /// on the diagonal most windows vote for; `None` when fewer windows occur.
    fn align(
        &self,
        hay: &[u8],
        code: &[u8],
        windows: impl Iterator<Item = (usize, usize)>,
        tail_len: usize,
        tail_end: usize,
    ) -> Option<Alignment> {
        let mut votes: [(isize, u8); 8] = [(0, 0); 8];
        let mut nv = 0;
        let mut hits = 0;
        let tail_start = tail_end as isize - tail_len as isize;
        for (k, g) in windows {
            if !self.has(g) {
                continue;
            }
            hits += 1;
            let mut p = self.first[g];
            while p != 0 {
                let pos = usize::from(p - 1);
                let d = pos as isize - (tail_start + k as isize);
                match votes[..nv].iter().position(|x| x.0 == d) {
                    Some(i) => votes[i].1 += 1,
                    None if nv < 8 => {
                        votes[nv] = (d, 1);
                        nv += 1;
                    }
                    None => {}
                }
                p = self.next[pos];
            }
        }
        if hits < 3 {
            return None;
        }
        // Every diagonal two windows agree on (a reference repeats its date in its time, so the
        // most voted one is not always the code's), else the single best.
        let top = votes[..nv].iter().map(|x| x.1).max()?.min(2);
        let mut best = None;
        for &(d, n) in &votes[..nv] {
            if n >= top {
                on_diagonal(hay, code, d, &mut best);
            }
        }
        best
    }
}

#[derive(Clone, Copy)]
struct Cand {
    dossier: u32,
    attempt: u32,
    evidence: Evidence,
    score: u8,
    total: u8,
    covered: usize,
}

/// Reads an alignment of a reference (or a bare dossier code when `code_at == 0` and
/// `len == code_len`) as evidence with a score.
fn evidence_of(al: Alignment, code_at: usize, code_len: usize, tail_len: usize, len: usize) -> Option<(Evidence, u8)> {
    let (s, e, typo) = (al.start, al.end, al.mismatches > 0);
    let c1 = code_at + code_len;
    let tail_start = c1.saturating_sub(tail_len.max(4));
    let is_ref = len > code_len;
    let pick = |clean: (Evidence, u8), mistyped: (Evidence, u8)| if typo { mistyped } else { clean };
    if s <= code_at && e >= c1 {
        if is_ref && s == 0 && e == len {
            return Some(pick((Evidence::Reference, 100), (Evidence::ReferenceTypo, 88)));
        }
        if is_ref && e >= c1 + 8 {
            return Some(pick((Evidence::ReferenceCut, 92), (Evidence::ReferenceTypo, 84)));
        }
        return Some(pick((Evidence::DossierCode, 95), (Evidence::DossierCodeTypo, 80)));
    }
    if is_ref && e == len && s > code_at && s + 4 <= c1 {
        return Some(pick((Evidence::ReferenceTail, 85), (Evidence::ReferenceTail, 70)));
    }
    if e >= c1 && s > code_at && s <= tail_start {
        return Some(pick((Evidence::DossierCodeTail, 78), (Evidence::DossierCodeTail, 62)));
    }
    // Cut short: the code up to at most 4 missing characters, its date complete.
    if s <= code_at && e < c1 && e + 4 >= c1 && e >= tail_start + 6.min(tail_len) {
        let score = 55 + 3 * (e + 4 - c1) as u8;
        return Some((Evidence::DossierCodeCut, if typo { score - 10 } else { score }));
    }
    None
}

/// Matches one credit against the ledger (which must be frozen).
pub fn match_credit(ledger: &Ledger, rules: &MatchRules, c: &CreditView<'_>, s: &mut Scratch) -> Match {
    let (mut hay, mut keys) = (std::mem::take(&mut s.hay), std::mem::take(&mut s.keys));
    hay.clear();
    keys.clear();
    compact_into(c.noi_dung, &mut hay);
    lookup_keys(ledger, &hay, &mut keys);
    let m = match_exact(ledger, rules, c, &hay, &keys, s)
        .unwrap_or_else(|search| match_fuzzy(ledger, rules, (c.thoi_gian, c.so_tien), &hay, search, s));
    (s.hay, s.keys) = (hay, keys);
    m
}

/// A text the matcher will look up: its hash, in which table, where it is in the compact remark
/// (for a code or reference found there), and the index found in the table (by hash tag only:
/// the text is checked at matching time).
#[derive(Clone, Copy)]
pub(crate) struct Key {
    pub hash: u64,
    reference: bool,
    start: u32,
    len: u32,
    pub index: Option<u32>,
}

impl Key {
    /// The key of a whole code (not found in a remark).
    pub(crate) fn new(hash: u64, reference: bool) -> Self {
        Self {
            hash,
            reference,
            start: 0,
            len: 0,
            index: None,
        }
    }

    /// The key of the window `start..start + len` of a compact remark.
    fn window(hay: &[u8], start: usize, len: usize, reference: bool) -> Self {
        Self {
            hash: text_hash(&hay[start..start + len]),
            reference,
            start: start as u32,
            len: len as u32,
            index: None,
        }
    }

    /// The window of the compact remark this key was made from.
    fn text<'h>(&self, hay: &'h [u8]) -> &'h [u8] {
        &hay[self.start as usize..(self.start + self.len) as usize]
    }

    pub(crate) fn table<'l>(&self, l: &'l Ledger) -> &'l Table {
        if self.reference {
            &l.by_ref
        } else {
            &l.by_compact
        }
    }

    /// A byte of the record found (`texts`: of its text and of the next record the matcher reads).
    pub(crate) fn record(&self, l: &Ledger, texts: bool) -> u64 {
        let Some(i) = self.index else {
            return 0;
        };
        match (self.reference, texts) {
            (true, false) => u64::from(l.attempts[i as usize].compact_ref.1),
            (true, true) => u64::from(ends_byte(l.compact_ref(i))),
            (false, false) => u64::from(l.dossiers[i as usize].first_attempt),
            (false, true) => {
                let d = &l.dossiers[i as usize];
                let first = l.attempts.get(d.first_attempt as usize).map_or(0, |a| a.at as u64);
                u64::from(l.text_byte(d.compact)) ^ first
            }
        }
    }
}

/// Where `DVC` (the start of a reference) occurs in a compact remark (`memchr` for the `D`: a
/// `memmem` searcher costs more to build than a remark takes to scan).
fn dvc_at(hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'D', hay).filter(move |&p| hay[p..].starts_with(b"DVC"))
}

/// The texts [`exact_hits`] looks up in a compact remark: every window after `DVC` with the length
/// of some reference, then every window with the shape of some dossier code.
pub(crate) fn lookup_keys(ledger: &Ledger, hay: &[u8], keys: &mut Vec<Key>) {
    for p in dvc_at(hay) {
        for &len in &ledger.ref_lengths {
            if p + len <= hay.len() {
                keys.push(Key::window(hay, p, len, true));
            }
        }
    }
    for_each_shape_window(&ledger.shapes, hay, |start, w| {
        keys.push(Key::window(hay, start, w.len(), false))
    });
}

/// Every window of the remark with the length and letter positions of some dossier code, with
/// its start (shape by shape, each from the left).
fn for_each_shape_window(shapes: &[(usize, u64)], hay: &[u8], mut f: impl FnMut(usize, &[u8])) {
    // Where the letters are (a compact remark holds letters and digits only), 64 places a word.
    let mut letters = [0u64; 9];
    if hay.len() > 64 * (letters.len() - 1) {
        return for_each_shape_window_bytewise(shapes, hay, f);
    }
    // Eight places at a time.
    for (k, w) in hay.chunks(8).enumerate() {
        letters[k / 8] |= letters8(w) << (k % 8 * 8);
    }
    for &(len, mask) in shapes {
        if hay.len() < len {
            continue;
        }
        let last_start = hay.len() - len;
        for block in 0..=last_start / 64 {
            // The windows starting in this block: bit `p` set when the window at `64 * block + p`
            // has a letter exactly where the shape has one (all 64 compared at once, place by
            // place).
            let w = u128::from(letters[block]) | u128::from(letters[block + 1]) << 64;
            let mut starts = u64::MAX;
            // Run by run of the shape (letters, then digits, ...): the places where that many
            // letters (or digits) follow one another.
            let mut j = 0;
            while j < len {
                let letter = mask >> j & 1 == 1;
                let rest = if letter { !(mask >> j) } else { mask >> j };
                let k = (rest.trailing_zeros() as usize).min(len - j);
                starts &= run_starts(if letter { w } else { !w } >> j, k) as u64;
                j += k;
            }
            if last_start - 64 * block < 63 {
                starts &= (1u64 << (last_start - 64 * block + 1)) - 1;
            }
            while starts != 0 {
                let p = 64 * block + starts.trailing_zeros() as usize;
                f(p, &hay[p..p + len]);
                starts &= starts - 1;
            }
        }
    }
}

/// Bit `p` set where bits `p..p + k` of `v` are all set (`k` ≥ 1), in about 2·log2(k) steps:
/// runs of 1, 2, 4, ... then two overlapping runs.
fn run_starts(v: u128, k: usize) -> u128 {
    let (mut r, mut have) = (v, 1);
    while have * 2 <= k {
        r &= r >> have;
        have *= 2;
    }
    if have < k {
        r &= r >> (k - have);
    }
    r
}

/// [`for_each_shape_window`] a byte at a time, for a remark longer than its bitmaps.
fn for_each_shape_window_bytewise(shapes: &[(usize, u64)], hay: &[u8], mut f: impl FnMut(usize, &[u8])) {
    for &(len, mask) in shapes {
        if hay.len() < len {
            continue;
        }
        let full = if len == 64 { u64::MAX } else { (1u64 << len) - 1 };
        let mut m = 0u64;
        for (i, b) in hay.iter().enumerate() {
            m = (m >> 1) | (u64::from(b.is_ascii_alphabetic()) << (len - 1));
            if i + 1 < len || m & full != mask {
                continue;
            }
            f(i + 1 - len, &hay[i + 1 - len..=i]);
        }
    }
}

/// What the exact look-ups of a credit leave to the fuzzy matcher ([`match_fuzzy`]): the
/// credit's account, and a dossier its remark names exactly on another account.
#[derive(Clone, Copy)]
pub(crate) struct FuzzySearch {
    pub account: u32,
    other_account: Option<u32>,
}

/// The exact part of [`match_credit`] on the compact remark `hay` and its [`lookup_keys`]: its
/// answer, or the fuzzy search that decides it ([`match_fuzzy`]).
pub(crate) fn match_exact(
    ledger: &Ledger,
    rules: &MatchRules,
    c: &CreditView<'_>,
    hay: &[u8],
    keys: &[Key],
    s: &mut Scratch,
) -> Result<Match, FuzzySearch> {
    s.tied.clear();
    let account = ledger.account_of(c.tk_thu_huong);
    exact_hits(ledger, hay, keys, s);

    let mut other_account: Option<u32> = None;
    let mut named: Option<(u32, Option<u32>, Evidence)> = None;
    let mut named_count = 0;
    for &(d, a, ev, acct) in &s.exact {
        if Some(acct) == account {
            if named.map_or(true, |(nd, _, _)| nd != d) {
                named_count += 1;
            }
            if named.is_none() {
                named = Some((d, a, ev));
            }
        } else if other_account.is_none() {
            other_account = Some(d);
        }
    }

    if let Some((d, a, ev)) = named {
        let attempt = a.or_else(|| ledger.attempt_for_credit(d, c.thoi_gian));
        // An exact code wins even when the amount or time does not fit: the credit then is an
        // amount mismatch of the dossier it names (the shared sample decides it so), never silently
        // moved to a look-alike dossier.
        if named_count == 1 && fits(ledger, rules, c, d, attempt) {
            return Ok(found(d, attempt, ev, score_of(ev)));
        }
        if named_count > 1 {
            let second = s
                .exact
                .iter()
                .find(|x| x.0 != d && Some(x.3) == account)
                .map_or(d, |x| x.0);
            return Ok(Match::Ambiguous {
                why: Ambiguity::Tie,
                dossiers: [d, second],
            });
        }
        return Ok(found(d, attempt, ev, score_of(ev).saturating_sub(10)));
    }
    match account {
        Some(account) => Err(FuzzySearch { account, other_account }),
        None => Ok(named_elsewhere(Match::Unknown, other_account)),
    }
}

/// The fuzzy part of [`match_credit`], for a credit at `at` of `amount` (which the search
/// needs of it) with the compact remark `hay`.
pub(crate) fn match_fuzzy(
    ledger: &Ledger,
    rules: &MatchRules,
    (at, amount): (LocalSeconds, Vnd),
    hay: &[u8],
    search: FuzzySearch,
    s: &mut Scratch,
) -> Match {
    s.tied.clear();
    let m = fuzzy(ledger, rules, at, amount, hay, search.account, s);
    named_elsewhere(m, search.other_account)
}

/// Nothing found on the credited account, but the remark names a dossier on another: ambiguous.
fn named_elsewhere(m: Match, other_account: Option<u32>) -> Match {
    match (m, other_account) {
        (Match::Unknown, Some(d)) => Match::Ambiguous {
            why: Ambiguity::OtherAccount,
            dossiers: [d, d],
        },
        (m, _) => m,
    }
}

fn found(dossier: u32, attempt: Option<u32>, evidence: Evidence, confidence: u8) -> Match {
    Match::Found {
        dossier,
        attempt,
        evidence,
        confidence,
    }
}

fn score_of(ev: Evidence) -> u8 {
    match ev {
        Evidence::Reference => 100,
        _ => 95,
    }
}

fn in_window(rules: &MatchRules, at: LocalSeconds, attempt_at: LocalSeconds) -> bool {
    // Saturating: the fields are public, so any window must compare without overflow.
    at >= attempt_at.saturating_sub(rules.window_before) && at <= attempt_at.saturating_add(rules.window_after)
}

/// The amount equals what is due and the credit falls in the attempt's window.
fn fits(ledger: &Ledger, rules: &MatchRules, c: &CreditView<'_>, d: u32, a: Option<u32>) -> bool {
    ledger.expected_amount(d, a) == c.so_tien
        && a.map_or(true, |a| in_window(rules, c.thoi_gian, ledger.attempts[a as usize].at))
}

/// Exact references (after `DVC`) and exact compact dossier codes in the remark, from its
/// [`lookup_keys`].
fn exact_hits(ledger: &Ledger, hay: &[u8], keys: &[Key], s: &mut Scratch) {
    s.exact.clear();
    // Where references were found: the dossier code inside one is not looked up again.
    let mut covered: (usize, usize) = (0, 0);
    for k in keys.iter().filter(|k| k.reference) {
        if let Some(a) = ledger.attempt_by_ref_hashed(k.text(hay), k.hash) {
            covered = (k.start as usize, (k.start + k.len) as usize);
            let at = &ledger.attempts[a as usize];
            let d = at.dossier;
            if !s.exact.iter().any(|x| x.0 == d) {
                s.exact.push((d, Some(a), Evidence::Reference, at.dossier_account));
            }
        }
    }
    for k in keys.iter().filter(|k| !k.reference) {
        let (start, last) = (k.start as usize, (k.start + k.len) as usize - 1);
        if start >= covered.0 && last < covered.1 {
            continue;
        }
        if let Some(d) = ledger.dossier_by_compact(k.text(hay), k.hash) {
            if !s.exact.iter().any(|x| x.0 == d) {
                s.exact
                    .push((d, None, Evidence::DossierCode, ledger.dossiers[d as usize].account));
            }
        }
    }
}

/// Keeps a fuzzy candidate: the best one per dossier (by total, then characters matched). Evidence
/// below `min_score` is no match, so it is dropped first and never displaces evidence that is one.
fn add_candidate(cands: &mut Vec<Cand>, cand: Cand, min_score: u8) {
    if cand.score < min_score {
        return;
    }
    match cands.iter_mut().find(|x| x.dossier == cand.dossier) {
        Some(x) if (cand.total, cand.covered) > (x.total, x.covered) => *x = cand,
        Some(_) => {}
        None => cands.push(cand),
    }
}

/// Mangled codes among the attempts on `account` whose time window holds the credit (at `at`, of
/// `amount`).
fn fuzzy(
    ledger: &Ledger,
    rules: &MatchRules,
    at: LocalSeconds,
    amount: Vnd,
    hay: &[u8],
    account: u32,
    s: &mut Scratch,
) -> Match {
    let list = ledger.account_slots(account);
    let (from, to) = rules.attempts_window(at);
    let std::ops::Range { start: lo, end: hi } = ledger.window(account, from, to);
    if lo >= hi || hay.len() < 5 {
        return Match::Unknown;
    }
    s.digits.fill(hay);
    // First the slots worth aligning (the digit prefilter reads only their keys); then a byte of
    // each one's slot and code, in a loop short enough for their cache misses to overlap; then
    // the alignments.
    s.pending.clear();
    let windows = ledger.account_windows(account);
    for (k, w) in windows[lo..hi].iter().enumerate() {
        let pass = match w.0[0] {
            Windows::NONE => true,
            Windows::LONG => {
                let slot = &list[lo + k];
                s.digits
                    .enough_hits(tail_windows(slot.tail, usize::from(slot.tail_len)))
            }
            _ => s.digits.enough_hits(w.0.iter().map(|&v| (0, usize::from(v)))),
        };
        if pass {
            s.pending.push((lo + k) as u32);
        }
    }
    let mut sink = 0u8;
    for &k in &s.pending {
        let slot = &list[k as usize];
        sink ^= match slot.code_at {
            255 => ledger.text_byte(ledger.dossiers[slot.dossier as usize].compact),
            _ => ends_byte(ledger.slot_ref(slot)),
        };
    }
    std::hint::black_box(sink);
    let mut ix: Option<HayIndex> = None;
    s.cands.clear();
    for &k in &s.pending {
        let slot = &list[k as usize];
        let (code, code_at): (&[u8], usize) = match slot.code_at {
            255 => (ledger.bytes(ledger.dossiers[slot.dossier as usize].compact), 0),
            p => (ledger.slot_ref(slot), usize::from(p)),
        };
        let (code_len, tail_len) = (usize::from(slot.code_len), usize::from(slot.tail_len));
        let al = if slot.tail != u64::MAX && tail_len >= 8 {
            let (w, tail_end) = (&windows[k as usize], code_at + code_len);
            if w.0[0] < Windows::LONG {
                s.digits.align(hay, code, w.iter(tail_len), tail_len, tail_end)
            } else {
                s.digits
                    .align(hay, code, tail_windows(slot.tail, tail_len), tail_len, tail_end)
            }
        } else {
            // A tail that is not all digits: seed on 5-character windows instead.
            let ix = ix.get_or_insert_with(|| HayIndex::new(hay));
            let from = (code_at + code_len).saturating_sub(tail_len.max(4));
            align_seeded(ix, hay, code, from, &mut s.diags)
        };
        let Some(al) = al else {
            continue;
        };
        let Some((evidence, score)) = evidence_of(al, code_at, code_len, tail_len, code.len()) else {
            continue;
        };
        let a = slot.attempt;
        let at_dossier = slot.dossier;
        let bonus = if slot.amount == amount.0 { rules.amount_bonus } else { 0 };
        let cand = Cand {
            dossier: at_dossier,
            attempt: a,
            evidence,
            score,
            total: score.saturating_add(bonus),
            covered: al.matched(),
        };
        add_candidate(&mut s.cands, cand, rules.min_score);
    }
    let mut best: Option<Cand> = None;
    let mut second: Option<Cand> = None;
    for &x in &s.cands {
        if best.map_or(true, |b| x.total > b.total) {
            second = best;
            best = Some(x);
        } else if second.map_or(true, |b| x.total > b.total) {
            second = Some(x);
        }
    }
    let Some(b) = best else {
        return Match::Unknown;
    };
    if let Some(r) = second {
        if r.total + rules.tie_margin > b.total {
            s.tied.clear();
            for x in s.cands.iter().filter(|x| x.total + rules.tie_margin > b.total) {
                let attempt = if x.evidence.names_attempt() {
                    Some(x.attempt)
                } else {
                    ledger.attempt_for_credit(x.dossier, at)
                };
                s.tied.push(Tied {
                    dossier: x.dossier,
                    attempt,
                    evidence: x.evidence,
                });
            }
            return Match::Ambiguous {
                why: Ambiguity::Tie,
                dossiers: [b.dossier, r.dossier],
            };
        }
    }
    let attempt = if b.evidence.names_attempt() {
        Some(b.attempt)
    } else {
        ledger.attempt_for_credit(b.dossier, at)
    };
    let gap = second.map_or(u8::MAX, |r| b.total - r.total);
    let confidence = b.total.min(100).saturating_sub(20u8.saturating_sub(gap));
    found(b.dossier, attempt, b.evidence, confidence.min(b.score))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evidence below the threshold, even with the amount bonus and more characters matched, never
    /// takes the place of a dossier's evidence that reaches it, in either order.
    #[test]
    fn evidence_below_the_threshold_never_displaces_a_match() {
        let cand = |attempt, score, bonus, covered| Cand {
            dossier: 7,
            attempt,
            evidence: Evidence::DossierCodeCut,
            score,
            total: score + bonus,
            covered,
        };
        let (valid, below) = (cand(1, 55, 0, 20), cand(2, 45, 10, 25));
        for order in [[valid, below], [below, valid]] {
            let mut cands = Vec::new();
            for c in order {
                add_candidate(&mut cands, c, 50);
            }
            assert_eq!(cands.len(), 1);
            assert_eq!((cands[0].attempt, cands[0].score), (1, 55));
        }
        // Among evidence that reaches it, the higher total still wins.
        let mut cands = vec![];
        add_candidate(&mut cands, valid, 50);
        add_candidate(&mut cands, cand(3, 52, 10, 10), 50);
        assert_eq!(cands[0].attempt, 3);
    }

    type Finder = fn(&[(usize, u64)], &[u8], &mut dyn FnMut(usize, &[u8]));

    fn windows(f: Finder, shapes: &[(usize, u64)], hay: &[u8]) -> Vec<(usize, Vec<u8>)> {
        let mut out = Vec::new();
        f(shapes, hay, &mut |p, w| out.push((p, w.to_vec())));
        out
    }

    proptest::proptest! {
        /// The windows found 64 places at a time are those found a byte at a time, in the same
        /// order, for remarks up to and past the bitmaps' length and shapes up to 64 long.
        #[test]
        fn shape_windows_by_bitmap_equal_those_by_byte(
            hay in "[A-Z0-9]{0,600}",
            digits in "[0-9]{0,200}",
            picks in proptest::collection::vec((0usize..600, 1usize..=64), 0..4),
        ) {
            // Mostly digits with a few letters, as remarks around a code are.
            let mixed: String = digits.chars().enumerate().map(|(i, c)| if i % 23 == 7 { 'H' } else { c }).collect();
            for h in [hay.as_bytes(), mixed.as_bytes()] {
                // Shapes taken from windows of the remark itself (so that some match), and the
                // dossier code's.
                let mut shapes: Vec<(usize, u64)> = picks
                    .iter()
                    .filter(|&&(p, len)| p + len <= h.len())
                    .map(|&(p, len)| {
                        let m = h[p..p + len].iter().enumerate().fold(0u64, |m, (i, b)| m | u64::from(b.is_ascii_alphabetic()) << i);
                        (len, m)
                    })
                    .chain([(20, 1 << 7), (3, 0b010)])
                    .collect();
                shapes.sort_unstable();
                shapes.dedup();
                let fast = windows(|s, h, f| for_each_shape_window(s, h, f), &shapes, h);
                let slow = windows(|s, h, f| for_each_shape_window_bytewise(s, h, f), &shapes, h);
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }
}
