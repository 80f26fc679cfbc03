//! The known side of đối soát: dossiers and payment attempts, indexed by compact code, by
//! reference and by beneficiary account and time.
//!
//! Built for millions of records: texts live in one arena, repeated values (agency, account) are
//! interned, and the indexes are open-addressing tables of 8-byte slots (a hash tag and an index)
//! whose texts are checked against the arena.
use super::record::{AttemptStatus, AttemptView, DossierView, LocalSeconds, RowError};
use super::remark::compact_into;
use super::words::load;
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use rustc_hash::FxHashMap;

const NONE: u32 = u32::MAX;

/// A text in [`Ledger::text`]: start and length.
#[derive(Clone, Copy, Default)]
pub(crate) struct Span(pub u32, pub u32);

pub(crate) struct DossierEntry {
    pub code: Span,
    /// Upper-case letters and digits of MaHoSo.
    pub compact: Span,
    pub tong_phi: Vnd,
    pub agency: u32,
    pub account: u32,
    /// First attempt; the others follow [`AttemptEntry::next`].
    pub first_attempt: u32,
    /// Length of the compact date + sequence tail (the part after the agency id).
    pub tail_len: u8,
    /// `true` when the dossier was only named by an attempt (not in the dossiers input).
    pub phantom: bool,
    /// Another dossier has the same compact code, which then names neither.
    pub shared: bool,
}

/// One cache line each (what matching reads of an attempt never spans two).
#[repr(align(64))]
pub(crate) struct AttemptEntry {
    pub reference: Span,
    /// Upper-case MaThamChieu, letters and digits only (in [`Ledger::refs`]).
    pub compact_ref: Span,
    pub amount: Vnd,
    pub at: LocalSeconds,
    /// 1-based line of the attempt in its input.
    pub line: u64,
    pub dossier: u32,
    pub next: u32,
    /// The dossier's beneficiary account (it never changes once the dossier exists).
    pub dossier_account: u32,
    pub status: AttemptStatus,
    /// What its [`Slot`] holds of the dossier code: its digit tail, where it sits in the reference,
    /// its length and the tail's.
    tail: u64,
    code_at: u8,
    code_len: u8,
    tail_len: u8,
}

const _: () = assert!(
    std::mem::size_of::<AttemptEntry>() == 64,
    "an attempt is one cache line"
);

/// One attempt in its account's time list, with what the fuzzy matcher needs inline (no pointer
/// chasing in the hot loop).
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Slot {
    pub t: LocalSeconds,
    pub attempt: u32,
    pub dossier: u32,
    pub amount: i64,
    /// The dossier's date + sequence tail as a number when it is all digits (at most 18), else
    /// `u64::MAX`: the digit windows of the cheap prefilter.
    pub tail: u64,
    /// Where the compact reference sits in [`Ledger::refs`] and its length.
    pub ref_at: u32,
    pub ref_len: u8,
    /// Where the dossier code sits inside the reference (255: not inside).
    pub code_at: u8,
    pub code_len: u8,
    pub tail_len: u8,
}

const DAY: i64 = 86_400;
/// An account's day list (where its attempts of each day start) is kept only while it spans fewer
/// than this many days per attempt (plus 8): memory stays proportional to the attempts whatever
/// their times.
const MAX_DAYS_PER_ATTEMPT: i64 = 4;

/// The 4-digit windows of a slot's digit tail, first to last, for the fuzzy matcher's prefilter
/// (nothing else is read of the slot until it passes). Unused places hold [`Windows::UNUSED`]; a
/// tail with more than eight windows is marked [`Windows::LONG`] (its windows are then computed from
/// the slot), one without a digit tail of 8 to 18 digits [`Windows::NONE`] (aligned without the
/// prefilter).
#[derive(Clone, Copy)]
pub(crate) struct Windows(pub [u16; 8]);

impl Slot {
    /// The slot of attempt `attempt`.
    fn of(attempt: u32, a: &AttemptEntry) -> Self {
        Self {
            t: a.at,
            attempt,
            dossier: a.dossier,
            amount: a.amount.0,
            tail: a.tail,
            ref_at: a.compact_ref.0,
            ref_len: a.compact_ref.1.min(255) as u8,
            code_at: a.code_at,
            code_len: a.code_len,
            tail_len: a.tail_len,
        }
    }
}

impl Windows {
    /// No window here: a value no 4-digit window has.
    pub const UNUSED: u16 = 0x3FFF;
    /// First place of a tail with more windows than fit.
    pub const LONG: u16 = 0xFFFE;
    /// First place of a slot without a digit tail.
    pub const NONE: u16 = 0xFFFF;

    fn of(s: &Slot) -> Self {
        if s.tail >= 1 << 59 || !(8..=18).contains(&s.tail_len) {
            return Self([Self::NONE; 8]);
        }
        if usize::from(s.tail_len) - 3 > 8 {
            return Self([Self::LONG; 8]);
        }
        let mut w = [Self::UNUSED; 8];
        for (k, v) in tail_windows(s.tail, usize::from(s.tail_len)) {
            w[k] = v as u16;
        }
        Self(w)
    }

    /// The windows of a tail of `tail_len` digits (not marked [`Windows::LONG`] or
    /// [`Windows::NONE`]) as [`tail_windows`] gives them.
    pub(crate) fn iter(&self, tail_len: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..(tail_len + 1).saturating_sub(4))
            .rev()
            .map(|k| (k, usize::from(self.0[k])))
    }
}

/// The 4-digit windows of a digit tail of `len` digits and value `tail`, last first: each one's
/// place in the tail and its value.
pub(crate) fn tail_windows(tail: u64, len: usize) -> impl Iterator<Item = (usize, usize)> {
    let mut t = tail;
    (0..(len + 1).saturating_sub(4)).rev().map(move |k| {
        let v = (t % 10_000) as usize;
        t /= 10;
        (k, v)
    })
}

/// A 64-bit hash of a short text (folded multiplications, eight bytes at a time).
pub(crate) fn text_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    const M: u64 = 0xD6E8_FEB8_6659_FD93;
    let fold = |a: u64, b: u64| {
        let p = u128::from(a) * u128::from(b);
        (p as u64) ^ ((p >> 64) as u64)
    };
    let mut h = (b.len() as u64).wrapping_mul(K);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = fold(h ^ load(c, 0), M);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = fold(h ^ load(rest, 0), M);
    }
    fold(h ^ K, M)
}

/// Where an account's attempts are (`slots[start..end]`), its first day, and where the first
/// attempt of each day from then on is listed (`days[days_from..days_to]`, relative to `start`):
/// what the fuzzy matcher's window search reads, together.
#[derive(Clone, Copy, Default)]
pub(crate) struct AccountIx {
    start: u32,
    end: u32,
    days_from: u32,
    days_to: u32,
    first_day: i64,
}

impl AccountIx {
    /// The day of `t` counted from the account's first day (negative before it).
    fn day(&self, t: LocalSeconds) -> i64 {
        t.div_euclid(DAY) - self.first_day
    }
}

/// The compact form of a code ([`compact_into`]) with its [`text_hash`], computed once by whoever
/// read the row.
#[derive(Clone, Copy)]
pub(crate) struct Compact<'a> {
    pub text: &'a [u8],
    pub hash: u64,
}

impl<'a> Compact<'a> {
    /// The compact form of `code`, written into `buf`.
    pub(crate) fn of(code: &str, buf: &'a mut Vec<u8>) -> Self {
        buf.clear();
        compact_into(code, buf);
        Self {
            text: buf,
            hash: text_hash(buf),
        }
    }
}

/// The first byte of a text xor its last (0 when empty): what reading a short text through the
/// cache takes, whichever of its lines it starts or ends on.
pub(crate) fn ends_byte(b: &[u8]) -> u8 {
    b.first().copied().unwrap_or(0) ^ b.last().copied().unwrap_or(0)
}

/// An open-addressing table (linear probing, at most half full) from text hashes to indexes.
/// A slot is the hash's high half (the tag, whose top bits are the home slot) beside index + 1;
/// 0 is empty. Equal tags are told apart by the caller's check of the text.
#[derive(Default)]
pub(crate) struct Table {
    slots: Vec<u64>,
    len: usize,
}

impl Table {
    fn home(&self, tag: u32) -> usize {
        // The table has 2^k slots (16 ≤ 2^k ≤ 2^32): the top k bits of the tag.
        let k = self.slots.len().trailing_zeros();
        ((u64::from(tag) << 32) >> (64 - k)) as usize
    }

    /// The first index with this hash that `eq` accepts.
    pub(crate) fn find(&self, hash: u64, mut eq: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let tag = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = self.home(tag);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if (s >> 32) as u32 == tag && eq((s as u32).wrapping_sub(1)) {
                return Some((s as u32).wrapping_sub(1));
            }
            i = (i + 1) & mask;
        }
    }

    /// Reads the home slot of a hash, so that a later [`Table::find`] finds it in the cache.
    pub(crate) fn touch(&self, hash: u64) -> u64 {
        if self.slots.is_empty() {
            return 0;
        }
        self.slots[self.home((hash >> 32) as u32)]
    }

    /// Room for `n` indexes without growing (a full table doubles into fresh memory and places
    /// every index again). Like `Vec::reserve`, ask for what is coming; when the memory cannot be
    /// had, the table grows as it fills instead.
    pub(crate) fn reserve(&mut self, n: usize) {
        let Some(size) = (n.min(u32::MAX as usize / 2) * 2).checked_next_power_of_two() else {
            return;
        };
        let size = size.max(16);
        if size <= self.slots.len() {
            return;
        }
        let mut slots = Vec::new();
        if slots.try_reserve_exact(size).is_err() {
            return;
        }
        slots.resize(size, 0);
        self.move_to(slots);
    }

    /// Places every index again in `slots` (empty, a larger power of two), which become the table.
    fn move_to(&mut self, slots: Vec<u64>) {
        let old = std::mem::replace(&mut self.slots, slots);
        for s in old.into_iter().filter(|&s| s != 0) {
            self.place(s);
        }
    }

    /// Adds an index (the caller has checked that its text is absent).
    pub(crate) fn insert(&mut self, hash: u64, index: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.move_to(vec![0; (self.slots.len() * 2).max(16)]);
        }
        self.place((hash >> 32 << 32) | u64::from(index.wrapping_add(1)));
        self.len += 1;
    }

    fn place(&mut self, slot: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.home((slot >> 32) as u32);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }
}

/// The distinct values among many that mostly repeat (code shapes, reference lengths): the last
/// one added is compared before the set is asked.
#[derive(Default)]
struct Distinct<T> {
    set: rustc_hash::FxHashSet<T>,
    last: Option<T>,
}

impl<T: Copy + Eq + std::hash::Hash + Ord> Distinct<T> {
    fn add(&mut self, x: T) {
        if self.last != Some(x) {
            self.set.insert(x);
            self.last = Some(x);
        }
    }

    fn sorted(&self) -> Vec<T> {
        let mut v: Vec<T> = self.set.iter().copied().collect();
        v.sort_unstable();
        v
    }
}

/// Interned short texts (agency ids, accounts).
#[derive(Default)]
struct Interner {
    /// Texts of at most 16 bytes by their [`Interner::word_key`] (looked up without a text
    /// comparison), longer ones by text.
    short: FxHashMap<(u64, u64, u8), u32>,
    long: FxHashMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
}

impl Interner {
    /// A text of at most 16 bytes as two words and its length, which together name it: the first
    /// and the last eight bytes (overlapping below 16), or the bytes themselves below 8.
    fn word_key(s: &str) -> Option<(u64, u64, u8)> {
        let b = s.as_bytes();
        let n = b.len();
        let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        match n {
            0..=7 => Some((b.iter().rev().fold(0, |w, &c| w << 8 | u64::from(c)), 0, n as u8)),
            8..=16 => Some((word(0), word(n - 8), n as u8)),
            _ => None,
        }
    }

    fn get(&self, s: &str) -> Option<u32> {
        match Self::word_key(s) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(s).copied(),
        }
    }

    fn id(&mut self, s: &str) -> u32 {
        if let Some(i) = self.get(s) {
            return i;
        }
        let i = self.texts.len() as u32;
        match Self::word_key(s) {
            Some(k) => self.short.insert(k, i),
            None => self.long.insert(s.into(), i),
        };
        self.texts.push(s.into());
        i
    }
}

/// Dossiers and attempts, ready for matching once [`Ledger::freeze`] has run.
#[derive(Default)]
pub struct Ledger {
    pub(crate) dossiers: Vec<DossierEntry>,
    pub(crate) attempts: Vec<AttemptEntry>,
    text: String,
    /// The compact references, apart from the other texts, in the order the attempts came (the
    /// deferred fuzzy searches warm an account's at once: [`Ledger::warm_account`]).
    refs: Vec<u8>,
    /// Dossiers by compact code (the first of those sharing one).
    pub(crate) by_compact: Table,
    /// Dossiers whose compact code is shared, by exact MaHoSo.
    shared: FxHashMap<Box<str>, u32>,
    /// Attempts by compact reference.
    pub(crate) by_ref: Table,
    agencies: Interner,
    accounts: Interner,
    /// Every account's attempts sorted by time, one account after the other (where: its
    /// [`AccountIx`]); in one array, so that the attempts of the whole run are added in order and
    /// placed once, at [`Ledger::freeze`].
    slots: Vec<Slot>,
    /// The accounts of the attempts added since the last freeze (the last ones of `attempts`).
    new_accounts: Vec<u32>,
    /// The times of `slots`, for the window search.
    times: Vec<LocalSeconds>,
    /// The digit windows of `slots` ([`Windows`]).
    windows: Vec<Windows>,
    /// Per account: where its attempts and days are ([`AccountIx`]).
    account_ix: Vec<AccountIx>,
    days: Vec<u32>,
    /// Distinct (length, letter-position mask) of compact dossier codes: where to look in a remark.
    pub(crate) shapes: Vec<(usize, u64)>,
    /// Distinct lengths of compact references.
    pub(crate) ref_lengths: Vec<usize>,
    /// The same, gathered as dossiers and attempts are added.
    shape_set: Distinct<(usize, u64)>,
    ref_length_set: Distinct<usize>,
    scratch: [Vec<u8>; 2],
    frozen: bool,
}

/// Letters and digits after the agency part of a dossier code (its date and sequence).
fn tail_len(ma_ho_so: &str) -> usize {
    ma_ho_so
        .as_bytes()
        .get(agency_of(ma_ho_so).len() + 1..)
        .map_or(0, |rest| rest.iter().filter(|c| c.is_ascii_alphanumeric()).count())
}

/// The agency part of a dossier code: what comes before its first `-`.
pub(crate) fn agency_of(ma_ho_so: &str) -> &str {
    let end = ma_ho_so
        .as_bytes()
        .iter()
        .position(|&c| c == b'-')
        .unwrap_or(ma_ho_so.len());
    &ma_ho_so[..end]
}

/// Where the letters of a compact code are, `None` when it has no shape a remark is scanned for
/// (empty, as a code with no letter or digit like `--` is, or longer than 64).
fn letter_mask(c: &[u8]) -> Option<u64> {
    (1..=64).contains(&c.len()).then(|| {
        c.chunks(8)
            .enumerate()
            .fold(0u64, |m, (k, w)| m | super::remark::letters8(w) << (8 * k))
    })
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for about this many dossiers and attempts (see [`Reconciler::reserve`]).
    ///
    /// [`Reconciler::reserve`]: super::engine::Reconciler::reserve
    pub(crate) fn reserve(&mut self, dossiers: usize, attempts: usize) {
        self.by_compact.reserve(dossiers);
        self.by_ref.reserve(attempts);
        // Hints only: what cannot be had now is asked for as the records come.
        let _ = self.dossiers.try_reserve(dossiers);
        let _ = self.attempts.try_reserve(attempts);
        let _ = self.new_accounts.try_reserve(attempts);
    }

    fn push_text(&mut self, t: &str) -> Span {
        let s = Span(self.text.len() as u32, t.len() as u32);
        self.text.push_str(t);
        s
    }

    /// Compact forms are ASCII letters and digits.
    fn push_ascii(&mut self, b: &[u8]) -> Span {
        let s = Span(self.text.len() as u32, b.len() as u32);
        match std::str::from_utf8(b) {
            Ok(t) => self.text.push_str(t),
            Err(_) => self.text.extend(b.iter().map(|&c| char::from(c))),
        }
        s
    }

    pub(crate) fn bytes(&self, s: Span) -> &[u8] {
        &self.text.as_bytes()[s.0 as usize..(s.0 + s.1) as usize]
    }

    /// The first and last bytes of a text (0 when empty): reading them brings the whole text
    /// into the cache when it spans two lines.
    pub(crate) fn text_byte(&self, s: Span) -> u8 {
        ends_byte(self.bytes(s))
    }

    pub(crate) fn str(&self, s: Span) -> &str {
        &self.text[s.0 as usize..(s.0 + s.1) as usize]
    }

    /// The compact reference of a slot.
    pub(crate) fn slot_ref(&self, s: &Slot) -> &[u8] {
        &self.refs[s.ref_at as usize..s.ref_at as usize + usize::from(s.ref_len)]
    }

    /// The compact reference of an attempt.
    pub(crate) fn compact_ref(&self, a: u32) -> &[u8] {
        let s = self.attempts[a as usize].compact_ref;
        &self.refs[s.0 as usize..(s.0 + s.1) as usize]
    }

    /// MaHoSo of a dossier.
    pub(crate) fn dossier_code(&self, d: u32) -> &str {
        self.str(self.dossiers[d as usize].code)
    }

    /// Agency id (mã đơn vị) of a dossier.
    pub(crate) fn agency(&self, d: u32) -> &str {
        &self.agencies.texts[self.dossiers[d as usize].agency as usize]
    }

    /// How many agencies are interned (their ids are `0..`).
    pub(crate) fn agency_count(&self) -> usize {
        self.agencies.texts.len()
    }

    /// An interned agency id.
    pub(crate) fn agency_text(&self, id: u32) -> &str {
        &self.agencies.texts[id as usize]
    }

    /// MaThamChieu of an attempt.
    pub(crate) fn reference(&self, a: u32) -> &str {
        self.str(self.attempts[a as usize].reference)
    }

    /// The account index of a beneficiary account, if any dossier or attempt uses it.
    pub(crate) fn account_of(&self, acct: &str) -> Option<u32> {
        self.accounts.get(acct)
    }

    /// The dossier with this compact code (hashed as `hash`), shared or not.
    fn compact_entry(&self, c: &[u8], hash: u64) -> Option<u32> {
        self.by_compact
            .find(hash, |j| self.bytes(self.dossiers[j as usize].compact) == c)
    }

    /// Inserts a dossier (`c`: its compact code), or returns the index of the one with the same
    /// MaHoSo.
    fn insert_dossier(&mut self, d: &DossierView<'_>, c: Compact<'_>, phantom: bool) -> Result<u32, u32> {
        let same = self.compact_entry(c.text, c.hash);
        if let Some(j) = same {
            let e = &self.dossiers[j as usize];
            let known = if e.shared {
                self.shared.get(d.ma_ho_so).copied()
            } else {
                (self.str(e.code) == d.ma_ho_so).then_some(j)
            };
            if let Some(k) = known {
                return Err(k);
            }
            if !e.shared {
                // Two dossiers differ only in separators: the compact form names neither.
                let code: Box<str> = self.str(e.code).into();
                self.shared.insert(code, j);
                self.dossiers[j as usize].shared = true;
            }
        }
        let i = self.dossiers.len() as u32;
        let code = self.push_text(d.ma_ho_so);
        let compact = self.push_ascii(c.text);
        if let Some(mask) = letter_mask(c.text) {
            self.shape_set.add((c.text.len(), mask));
        }
        if same.is_some() {
            self.shared.insert(d.ma_ho_so.into(), i);
        } else {
            self.by_compact.insert(c.hash, i);
        }
        let account = self.accounts.id(d.tk_thu_huong);
        let agency = self.agencies.id(d.ma_don_vi);
        self.dossiers.push(DossierEntry {
            code,
            compact,
            tong_phi: d.tong_phi,
            agency,
            account,
            first_attempt: NONE,
            tail_len: tail_len(d.ma_ho_so).min(255) as u8,
            phantom,
            shared: same.is_some(),
        });
        Ok(i)
    }

    /// Adds a dossier; a MaHoSo seen before is an error (7006).
    pub fn add_dossier(&mut self, rec: &DossierView<'_>, line: u64) -> Result<u32, RowError> {
        let mut buf = std::mem::take(&mut self.scratch[1]);
        let r = self.add_dossier_compact(rec, Compact::of(rec.ma_ho_so, &mut buf), line);
        self.scratch[1] = buf;
        r
    }

    /// [`Ledger::add_dossier`] given the compact MaHoSo.
    pub(crate) fn add_dossier_compact(
        &mut self,
        rec: &DossierView<'_>,
        code: Compact<'_>,
        line: u64,
    ) -> Result<u32, RowError> {
        let i = match self.insert_dossier(rec, code, false) {
            Ok(i) => return Ok(i),
            Err(i) => i,
        };
        let account = self.accounts.id(rec.tk_thu_huong);
        let agency = self.agencies.id(rec.ma_don_vi);
        let e = &mut self.dossiers[i as usize];
        if e.phantom && e.account == account {
            // Named by an attempt first; now the dossier itself arrives.
            e.phantom = false;
            e.tong_phi = rec.tong_phi;
            e.agency = agency;
            return Ok(i);
        }
        Err(RowError {
            line,
            error: Error::new(
                ErrorCode::ReconRepeatedId,
                "ma_ho_so",
                "this dossier code appears on an earlier row",
            ),
            id: rec.ma_ho_so.to_string(),
            so_tien: Some(rec.tong_phi),
        })
    }

    /// Adds a payment attempt; a MaThamChieu seen before is an error (7006). An attempt for a
    /// dossier not (yet) known creates that dossier from the attempt's fields.
    pub fn add_attempt(&mut self, rec: &AttemptView<'_>, line: u64) -> Result<u32, RowError> {
        let [mut r, mut d] = std::mem::take(&mut self.scratch);
        let res = self.add_attempt_compact(
            rec,
            Compact::of(rec.ma_tham_chieu, &mut r),
            Compact::of(rec.ma_ho_so, &mut d),
            line,
        );
        self.scratch = [r, d];
        res
    }

    /// [`Ledger::add_attempt`] given the compact MaThamChieu and MaHoSo.
    pub(crate) fn add_attempt_compact(
        &mut self,
        rec: &AttemptView<'_>,
        reference: Compact<'_>,
        code: Compact<'_>,
        line: u64,
    ) -> Result<u32, RowError> {
        let i = self.attempts.len() as u32;
        let c = reference.text;
        if self.attempt_by_ref_hashed(c, reference.hash).is_some() {
            return Err(RowError {
                line,
                error: Error::new(
                    ErrorCode::ReconRepeatedId,
                    "ma_tham_chieu",
                    "this reference appears on an earlier row",
                ),
                id: rec.ma_tham_chieu.to_string(),
                so_tien: Some(rec.so_tien),
            });
        }
        let compact_ref = Span(self.refs.len() as u32, c.len() as u32);
        self.ref_length_set.add(c.len());
        self.refs.extend_from_slice(c);
        self.by_ref.insert(reference.hash, i);
        let reference = self.push_text(rec.ma_tham_chieu);
        // The dossier, or a phantom one made from the attempt when it is not known.
        let phantom = DossierView {
            ma_ho_so: rec.ma_ho_so,
            ma_tthc: "",
            ma_don_vi: agency_of(rec.ma_ho_so),
            received_at: rec.thoi_gian_gd,
            tong_phi: rec.so_tien,
            tk_thu_huong: rec.tk_thu_huong,
            ma_nh_thu_huong: rec.ma_nh_thu_huong,
        };
        let (Ok(dossier) | Err(dossier)) = self.insert_dossier(&phantom, code, true);
        // Most attempts credit their dossier's account: compared, not looked up.
        let dossier_account = self.dossiers[dossier as usize].account;
        let account = if *self.accounts.texts[dossier_account as usize] == *rec.tk_thu_huong {
            dossier_account
        } else {
            self.accounts.id(rec.tk_thu_huong)
        };
        let de = &self.dossiers[dossier as usize];
        let dc = self.bytes(de.compact);
        // Where the dossier code first sits in the reference: right after `DVC` in references of
        // the platform's form (no earlier start then holds its first character), else searched for.
        let after_dvc =
            dc.first().is_some_and(|f| !c.iter().take(3).any(|x| x == f)) && c.get(3..3 + dc.len()) == Some(dc);
        let code_at = if after_dvc {
            Some(3)
        } else {
            memchr::memmem::find(c, dc)
        };
        let tail_text = &dc[dc.len().saturating_sub(usize::from(de.tail_len))..];
        let tail = if !tail_text.is_empty() && tail_text.len() <= 18 && tail_text.iter().all(u8::is_ascii_digit) {
            tail_text.iter().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'))
        } else {
            u64::MAX
        };
        let (code_len, tail_len) = (dc.len().min(255) as u8, de.tail_len);
        let dossier_account = de.account;
        self.new_accounts.push(account);
        let prev = std::mem::replace(&mut self.dossiers[dossier as usize].first_attempt, i);
        self.attempts.push(AttemptEntry {
            reference,
            compact_ref,
            amount: rec.so_tien,
            at: rec.thoi_gian_gd,
            line,
            dossier,
            next: prev,
            dossier_account,
            status: rec.trang_thai_gd,
            tail,
            code_at: code_at.map_or(255, |p| p.min(254) as u8),
            code_len,
            tail_len,
        });
        self.frozen = false;
        Ok(i)
    }

    /// Sorts the time indexes and collects the code shapes. Called before matching.
    pub fn freeze(&mut self) {
        if self.frozen {
            return;
        }
        let start = self.place_slots();
        self.times = self.slots.iter().map(|s| s.t).collect();
        self.windows = self.slots.iter().map(Windows::of).collect();
        let mut days = Vec::new();
        self.account_ix = start
            .windows(2)
            .map(|r| {
                let times = &self.times[r[0] as usize..r[1] as usize];
                let at = days.len() as u32;
                let mut ix = AccountIx {
                    start: r[0],
                    end: r[1],
                    days_from: at,
                    days_to: at,
                    first_day: 0,
                };
                if let (Some(first), Some(last)) = (times.first(), times.last()) {
                    let (d0, d1) = (first.div_euclid(DAY), last.div_euclid(DAY));
                    // A day list only where it stays small beside the attempts (times may lie
                    // years apart); without one, the window is found by binary search.
                    if d1 - d0 < MAX_DAYS_PER_ATTEMPT * times.len() as i64 + 8 {
                        days.extend((d0..=d1).map(|d| times.partition_point(|&t| t < d * DAY) as u32));
                        (ix.first_day, ix.days_to) = (d0, days.len() as u32);
                    }
                }
                ix
            })
            .collect();
        self.days = days;
        self.shapes = self.shape_set.sorted();
        self.ref_lengths = self.ref_length_set.sorted();
        self.frozen = true;
    }

    /// Places the attempts added since the last freeze among the others: every account's
    /// together, in time order. Returns where each account starts in `slots`, then where the last
    /// one ends.
    fn place_slots(&mut self) -> Vec<u32> {
        let accounts = self.accounts.texts.len();
        let old_slots = std::mem::take(&mut self.slots);
        let old = |a: usize| self.account_range(a as u32);
        let mut start = vec![0u32; accounts + 1];
        for a in 0..accounts {
            start[a + 1] = old(a).len() as u32;
        }
        for &a in &self.new_accounts {
            start[a as usize + 1] += 1;
        }
        for a in 0..accounts {
            start[a + 1] += start[a];
        }
        let mut slots = vec![Slot::default(); start[accounts] as usize];
        let mut next: Vec<u32> = start[..accounts].to_vec();
        for a in 0..accounts {
            for s in &old_slots[old(a)] {
                slots[next[a] as usize] = *s;
                next[a] += 1;
            }
        }
        let first_new = self.attempts.len() - self.new_accounts.len();
        for (k, &a) in self.new_accounts.iter().enumerate() {
            let i = first_new + k;
            slots[next[a as usize] as usize] = Slot::of(i as u32, &self.attempts[i]);
            next[a as usize] += 1;
        }
        self.new_accounts = Vec::new();
        for a in 0..accounts {
            slots[start[a] as usize..start[a + 1] as usize].sort_unstable();
        }
        self.slots = slots;
        start
    }

    /// Where an account's attempts are in `slots` (as of the last freeze).
    fn account_range(&self, account: u32) -> std::ops::Range<usize> {
        self.account_ix
            .get(account as usize)
            .map_or(0..0, |ix| ix.start as usize..ix.end as usize)
    }

    /// An account's attempts in time order (after [`Ledger::freeze`]).
    pub(crate) fn account_slots(&self, account: u32) -> &[Slot] {
        &self.slots[self.account_range(account)]
    }

    /// Reads a byte of every compact reference of an account's attempts, and of their dossier and
    /// attempt entries (scattered over memory: their misses then overlap), before its credits are
    /// searched one after the other: what the searches and the attempt they pick read.
    pub(crate) fn warm_account(&self, account: u32) -> u8 {
        self.account_slots(account).iter().fold(0, |x, s| {
            x ^ ends_byte(self.slot_ref(s))
                ^ self.dossiers[s.dossier as usize].first_attempt as u8
                ^ self.attempts[s.attempt as usize].next as u8
        })
    }

    /// The digit windows of [`Ledger::account_slots`].
    pub(crate) fn account_windows(&self, account: u32) -> &[Windows] {
        &self.windows[self.account_range(account)]
    }

    /// The attempts of an account at or after `from` and before `to` (in its time order, as
    /// places in [`Ledger::account_slots`]).
    pub(crate) fn window(&self, account: u32, from: LocalSeconds, to: LocalSeconds) -> std::ops::Range<usize> {
        let Some(ix) = self.account_ix.get(account as usize) else {
            return 0..0;
        };
        let times = &self.times[ix.start as usize..ix.end as usize];
        let days = &self.days[ix.days_from as usize..ix.days_to as usize];
        if days.is_empty() {
            return times.partition_point(|&x| x < from)..times.partition_point(|&x| x < to);
        }
        let first_at_or_after = |t: LocalSeconds| {
            let Ok(d) = usize::try_from(ix.day(t)) else {
                return 0;
            };
            let Some(&first) = days.get(d) else {
                return times.len();
            };
            let mut i = first as usize;
            while i < times.len() && times[i] < t {
                i += 1;
            }
            i
        };
        first_at_or_after(from)..first_at_or_after(to)
    }

    /// The dossier whose compact code is exactly `c` (hashed as `hash`), unless another dossier
    /// shares it.
    pub(crate) fn dossier_by_compact(&self, c: &[u8], hash: u64) -> Option<u32> {
        self.compact_entry(c, hash)
            .filter(|&i| !self.dossiers[i as usize].shared)
    }

    /// The attempt whose compact reference is exactly `c` (hashed as `hash`).
    pub(crate) fn attempt_by_ref_hashed(&self, c: &[u8], hash: u64) -> Option<u32> {
        self.by_ref.find(hash, |j| self.compact_ref(j) == c)
    }

    /// The attempts of a dossier (newest added first).
    pub(crate) fn attempts_of(&self, d: u32) -> impl Iterator<Item = u32> + '_ {
        let mut a = self.dossiers[d as usize].first_attempt;
        std::iter::from_fn(move || {
            (a != NONE).then(|| {
                let cur = a;
                a = self.attempts[a as usize].next;
                cur
            })
        })
    }

    /// The amount a credit for this dossier and attempt should carry.
    pub(crate) fn expected_amount(&self, dossier: u32, attempt: Option<u32>) -> Vnd {
        match attempt {
            Some(a) => self.attempts[a as usize].amount,
            None => self.dossiers[dossier as usize].tong_phi,
        }
    }

    /// The attempt a credit naming only the dossier is for: the successful one (the latest at or
    /// before the credit, else the earliest after it), else the latest attempt at or before the
    /// credit, else the earliest after it; `None` when the dossier has no attempt.
    pub(crate) fn attempt_for_credit(&self, dossier: u32, at: LocalSeconds) -> Option<u32> {
        let pick = |success: bool| -> Option<u32> {
            let mut before: Option<(LocalSeconds, u32)> = None;
            let mut after: Option<(LocalSeconds, u32)> = None;
            for a in self.attempts_of(dossier) {
                let r = &self.attempts[a as usize];
                if success && r.status != AttemptStatus::Success {
                    continue;
                }
                let t = r.at;
                if t <= at {
                    if before.map_or(true, |(bt, ba)| (t, a) > (bt, ba)) {
                        before = Some((t, a));
                    }
                } else if after.map_or(true, |(bt, ba)| (t, a) < (bt, ba)) {
                    after = Some((t, a));
                }
            }
            before.or(after).map(|(_, a)| a)
        };
        pick(true).or_else(|| pick(false))
    }

    /// Number of dossiers (including those only named by attempts).
    pub fn dossier_count(&self) -> usize {
        self.dossiers.len()
    }

    /// Number of attempts.
    pub fn attempt_count(&self) -> usize {
        self.attempts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recon::matcher::{match_credit, Evidence, Match, MatchRules, Scratch};
    use crate::recon::record::{parse_local_time, AttemptView, CreditView, DossierView};

    proptest::proptest! {
        /// Two texts share an interner id exactly when they are equal, for short texts (keyed by
        /// their words) and long ones alike; texts differing in one place or in a trailing NUL
        /// included.
        #[test]
        fn interned_ids_equal_exactly_when_texts_do(
            texts in proptest::collection::vec("[0-9A-Z.\\x00]{0,20}", 1..40),
            flip in 0usize..20,
        ) {
            let mut more = texts.clone();
            for t in &texts {
                more.push(format!("{t}\0"));
                if let Some(c) = t.chars().nth(flip % t.len().max(1)) {
                    let mut u: Vec<char> = t.chars().collect();
                    u[flip % t.len()] = if c == '1' { '2' } else { '1' };
                    more.push(u.into_iter().collect());
                }
            }
            let mut ix = Interner::default();
            let ids: Vec<u32> = more.iter().map(|t| ix.id(t)).collect();
            for (i, a) in more.iter().enumerate() {
                proptest::prop_assert_eq!(ix.get(a), Some(ids[i]));
                proptest::prop_assert_eq!(&*ix.texts[ids[i] as usize], a.as_str());
                for (j, b) in more.iter().enumerate() {
                    proptest::prop_assert_eq!(ids[i] == ids[j], a == b);
                }
            }
        }
    }

    fn dossier(code: &str) -> DossierView<'_> {
        DossierView {
            ma_ho_so: code,
            ma_tthc: "",
            ma_don_vi: "",
            received_at: parse_local_time("20260713050000").unwrap(),
            tong_phi: Vnd(30_000),
            tk_thu_huong: "111",
            ma_nh_thu_huong: "",
        }
    }

    fn attempt<'a>(reference: &'a str, code: &'a str, at: &str) -> AttemptView<'a> {
        AttemptView {
            ma_tham_chieu: reference,
            ma_giao_dich: "",
            ma_ho_so: code,
            so_tien: Vnd(30_000),
            thoi_gian_gd: parse_local_time(at).unwrap(),
            trang_thai_gd: AttemptStatus::Success,
            tk_thu_huong: "111",
            ma_nh_thu_huong: "",
        }
    }

    fn found(l: &Ledger, remark: &str) -> Option<(u32, Option<u32>, Evidence)> {
        let c = CreditView {
            ma_giao_dich_nh: "NH1",
            thoi_gian: parse_local_time("20260713080000").unwrap(),
            so_tien: Vnd(30_000),
            tk_thu_huong: "111",
            noi_dung: remark,
        };
        match match_credit(l, &MatchRules::default(), &c, &mut Scratch::default()) {
            Match::Found {
                dossier,
                attempt,
                evidence,
                ..
            } => Some((dossier, attempt, evidence)),
            _ => None,
        }
    }

    proptest::proptest! {
        /// An account's window is the attempts from `from` up to `to` whatever the spread of its
        /// times (a day list for close ones, a binary search for times years apart), and the day
        /// lists stay within a few entries per attempt.
        #[test]
        fn windows_hold_the_attempts_in_range_and_day_lists_stay_small(
            offsets in proptest::collection::vec(0i64..1_000_000, 1..30),
            span_days in 1i64..400,
            far in proptest::collection::vec(-3_000_000i64..3_000_000, 0..3),
            probes in proptest::collection::vec((0usize..64, -2 * DAY..2 * DAY, 0i64..30 * DAY), 1..20),
        ) {
            let base = parse_local_time("20260713000000").unwrap();
            let times: Vec<LocalSeconds> = offsets
                .iter()
                .map(|o| base + o * span_days * DAY / 1_000_000)
                .chain(far.iter().map(|d| base + d * DAY))
                .collect();
            let mut l = Ledger::new();
            l.add_dossier(&dossier("000.26.31.H40-260713-0004"), 2).unwrap();
            for (i, &t) in times.iter().enumerate() {
                let r = format!("R{i}");
                let a = AttemptView { thoi_gian_gd: t, ..attempt(&r, "000.26.31.H40-260713-0004", "20260713000000") };
                l.add_attempt(&a, 3 + i as u64).unwrap();
            }
            l.freeze();
            proptest::prop_assert!(l.days.len() as i64 <= MAX_DAYS_PER_ATTEMPT * times.len() as i64 + 8);
            let mut sorted = times.clone();
            sorted.sort_unstable();
            proptest::prop_assert_eq!(&l.times, &sorted);
            for (pick, shift, len) in probes {
                // Half of the windows start exactly on an attempt's time, half near one.
                let from = times[pick % times.len()] + if pick < 32 { 0 } else { shift };
                let to = from + len;
                let want = sorted.partition_point(|&t| t < from)..sorted.partition_point(|&t| t < to);
                proptest::prop_assert_eq!(l.window(0, from, to), want);
            }
        }
    }

    /// Attempts added after a freeze land among the earlier ones in time order; the next freeze
    /// places the slots again and every look-up (exact and fuzzy) still finds its attempt.
    #[test]
    fn slots_are_placed_again_when_attempts_follow_a_freeze() {
        let codes = ["000.26.31.H40-260713-0004", "000.26.31.H40-260713-0005"];
        let refs = [
            "dvc0002631H40260713000420260713062200",
            "dvc0002631H40260713000520260713070000",
            "dvc0002631H40260713000420260713053000",
        ];
        let mut l = Ledger::new();
        let d: Vec<u32> = codes.iter().map(|c| l.add_dossier(&dossier(c), 2).unwrap()).collect();
        let a0 = l.add_attempt(&attempt(refs[0], codes[0], "20260713062200"), 2).unwrap();
        l.freeze();
        assert_eq!(found(&l, refs[0]), Some((d[0], Some(a0), Evidence::Reference)));
        let a1 = l.add_attempt(&attempt(refs[1], codes[1], "20260713070000"), 3).unwrap();
        let a2 = l.add_attempt(&attempt(refs[2], codes[0], "20260713053000"), 4).unwrap();
        l.freeze();
        // The slots are in time order and each one's text is its attempt's compact reference.
        let slots = l.account_slots(0);
        assert_eq!(slots.iter().map(|s| s.attempt).collect::<Vec<_>>(), [a2, a0, a1]);
        for s in slots {
            assert_eq!(l.slot_ref(s), l.compact_ref(s.attempt));
            assert_eq!(
                l.compact_ref(s.attempt),
                crate::recon::remark::compact(l.reference(s.attempt))
            );
        }
        for (r, a, dd) in [(refs[0], a0, d[0]), (refs[1], a1, d[1]), (refs[2], a2, d[0])] {
            assert_eq!(
                found(&l, &format!("le phi {r}")),
                Some((dd, Some(a), Evidence::Reference))
            );
        }
        // One digit of the second reference mistyped: found by the fuzzy matcher in the window.
        let typo = "dvc0002691H40260713000520260713070000";
        assert_eq!(found(&l, typo), Some((d[1], Some(a1), Evidence::ReferenceTypo)));
    }

    /// A code with no letter or digit given to the ledger directly (the readers reject it) gets no
    /// shape: no remark is scanned for a window of length 0.
    #[test]
    fn a_code_without_letters_or_digits_has_no_shape() {
        let mut l = Ledger::new();
        l.add_dossier(&dossier("--"), 2).unwrap();
        let d = l.add_dossier(&dossier("000.26.31.H40-260713-0004"), 3).unwrap();
        l.freeze();
        assert_eq!(l.shapes.len(), 1);
        assert!(l.shapes.iter().all(|&(len, _)| len > 0));
        assert_eq!(
            found(&l, "le phi -- 000.26.31.H40-260713-0004"),
            Some((d, None, Evidence::DossierCode))
        );
        assert_eq!(found(&l, "le phi --"), None);
    }

    proptest::proptest! {
        /// The letter mask read eight bytes at a time is the one read byte by byte.
        #[test]
        fn letter_masks_are_read_eight_bytes_at_a_time(code in "[A-Z0-9]{0,70}") {
            let c = code.as_bytes();
            let slow = (1..=64).contains(&c.len()).then(|| {
                c.iter().enumerate().fold(0u64, |m, (i, b)| if b.is_ascii_alphabetic() { m | 1 << i } else { m })
            });
            proptest::prop_assert_eq!(letter_mask(c), slow);
        }
    }

    /// A reserved table takes that many indexes without growing and keeps what it held; a smaller
    /// hint changes nothing.
    #[test]
    fn a_reserved_table_takes_its_indexes_without_growing() {
        let hash = |i: u32| text_hash(&i.to_le_bytes());
        let mut t = Table::default();
        t.reserve(0);
        assert_eq!(t.slots.len(), 16);
        for i in 0..5 {
            t.insert(hash(i), i);
        }
        t.reserve(1000);
        let size = t.slots.len();
        assert_eq!(size, 2048);
        for i in 5..1000 {
            t.insert(hash(i), i);
        }
        assert_eq!(t.slots.len(), size);
        for i in 0..1000 {
            assert_eq!(t.find(hash(i), |j| j == i), Some(i));
        }
        t.reserve(10);
        assert_eq!(t.slots.len(), size);
    }
}
