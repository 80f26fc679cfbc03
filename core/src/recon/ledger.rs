//! The known side of đối soát: dossiers and payment attempts, indexed by exact code, by compact
//! code, by reference and by beneficiary account and time.
//!
//! Built for millions of records: texts live in one arena, repeated values (agency, account) are
//! interned, and the indexes are keyed by 64-bit fingerprints checked against the arena.
use super::record::{AttemptStatus, AttemptView, DossierView, LocalSeconds, RowError};
use super::remark::compact_into;
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

const NONE: u32 = u32::MAX;

/// A text in [`Ledger::text`]: start and length.
#[derive(Clone, Copy, Default)]
pub(crate) struct Span(u32, u32);

pub(crate) struct DossierEntry {
    pub code: Span,
    /// Upper-case letters and digits of MaHoSo.
    pub compact: Span,
    /// Length of the compact date + sequence tail (the part after the agency id).
    pub tail_len: u8,
    /// `true` when the dossier was only named by an attempt (not in the dossiers input).
    pub phantom: bool,
    pub agency: u32,
    pub account: u32,
    pub tong_phi: Vnd,
    /// First attempt; the others follow [`AttemptEntry::next`].
    pub first_attempt: u32,
}

pub(crate) struct AttemptEntry {
    pub reference: Span,
    /// Upper-case MaThamChieu, letters and digits only.
    pub compact_ref: Span,
    pub dossier: u32,
    pub next: u32,
    pub amount: Vnd,
    pub at: LocalSeconds,
    pub status: AttemptStatus,
    /// 1-based line of the attempt in its input.
    pub line: u64,
}

/// One attempt in its account's time list, with what the fuzzy matcher needs inline (no pointer
/// chasing in the hot loop).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Slot {
    pub t: LocalSeconds,
    pub attempt: u32,
    pub dossier: u32,
    pub amount: i64,
    /// The dossier's date + sequence tail as a number when it is all digits (at most 18), else
    /// `u64::MAX`: the digit windows of the cheap prefilter.
    pub tail: u64,
    /// Where the compact reference sits in the arena and its length.
    pub ref_at: u32,
    pub ref_len: u8,
    /// Where the dossier code sits inside the reference (255: not inside).
    pub code_at: u8,
    pub code_len: u8,
    pub tail_len: u8,
}

/// A map from texts (by 64-bit fingerprint, checked against the arena) to indexes.
#[derive(Default)]
struct Index {
    by_hash: FxHashMap<u64, u32>,
    /// Texts whose fingerprint collides with another's (practically never).
    overflow: FxHashMap<Box<[u8]>, u32>,
}

fn fingerprint(b: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(b);
    h.write_usize(b.len());
    h.finish()
}

impl Index {
    fn get<'t>(&self, key: &[u8], text_of: impl Fn(u32) -> &'t [u8]) -> Option<u32> {
        match self.by_hash.get(&fingerprint(key)) {
            Some(&i) if text_of(i) == key => Some(i),
            Some(_) => self.overflow.get(key).copied(),
            None => None,
        }
    }

    /// Inserts unless present; returns the existing index if there is one.
    fn insert<'t>(&mut self, key: &[u8], value: u32, text_of: impl Fn(u32) -> &'t [u8]) -> Option<u32> {
        match self.by_hash.entry(fingerprint(key)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(value);
                None
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                if text_of(*o.get()) == key {
                    return Some(*o.get());
                }
                match self.overflow.entry(key.into()) {
                    std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(value);
                        None
                    }
                }
            }
        }
    }
}

/// Interned short texts (agency ids, accounts).
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.texts.len() as u32;
        self.ids.insert(s.into(), i);
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
    by_code: Index,
    by_compact: Index,
    by_ref: Index,
    agencies: Interner,
    accounts: Interner,
    /// Per account: its attempts sorted by time.
    pub(crate) account_attempts: Vec<Vec<Slot>>,
    /// Distinct (length, letter-position mask) of compact dossier codes: where to look in a remark.
    pub(crate) shapes: Vec<(usize, u64)>,
    /// Distinct lengths of compact references.
    pub(crate) ref_lengths: Vec<usize>,
    scratch: Vec<u8>,
    frozen: bool,
}

fn tail_len(ma_ho_so: &str) -> usize {
    ma_ho_so
        .split_once('-')
        .map_or(0, |(_, rest)| rest.bytes().filter(u8::is_ascii_alphanumeric).count())
}

fn letter_mask(c: &[u8]) -> Option<u64> {
    (c.len() <= 64).then(|| {
        c.iter()
            .enumerate()
            .fold(0u64, |m, (i, b)| if b.is_ascii_alphabetic() { m | 1 << i } else { m })
    })
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Self {
        Self::default()
    }

    fn push_text(&mut self, t: &str) -> Span {
        let s = Span(self.text.len() as u32, t.len() as u32);
        self.text.push_str(t);
        s
    }

    /// Compact forms are ASCII letters and digits.
    fn push_ascii(&mut self, b: &[u8]) -> Span {
        let s = Span(self.text.len() as u32, b.len() as u32);
        self.text.extend(b.iter().map(|&c| char::from(c)));
        s
    }

    pub(crate) fn bytes(&self, s: Span) -> &[u8] {
        &self.text.as_bytes()[s.0 as usize..(s.0 + s.1) as usize]
    }

    pub(crate) fn str(&self, s: Span) -> &str {
        &self.text[s.0 as usize..(s.0 + s.1) as usize]
    }

    /// The compact reference of a slot.
    pub(crate) fn slot_ref(&self, s: &Slot) -> &[u8] {
        &self.text.as_bytes()[s.ref_at as usize..s.ref_at as usize + usize::from(s.ref_len)]
    }

    /// MaHoSo of a dossier.
    pub(crate) fn dossier_code(&self, d: u32) -> &str {
        self.str(self.dossiers[d as usize].code)
    }

    /// Agency id (mã đơn vị) of a dossier.
    pub(crate) fn agency(&self, d: u32) -> &str {
        &self.agencies.texts[self.dossiers[d as usize].agency as usize]
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
        self.accounts.ids.get(acct).copied()
    }

    /// Inserts a dossier, or returns the index of the one with the same MaHoSo.
    fn insert_dossier(&mut self, d: &DossierView<'_>, phantom: bool) -> Result<u32, u32> {
        let i = self.dossiers.len() as u32;
        let code = self.push_text(d.ma_ho_so);
        let (text, dossiers) = (&self.text, &self.dossiers);
        let known = self.by_code.insert(d.ma_ho_so.as_bytes(), i, |j| {
            let s = if j == i { code } else { dossiers[j as usize].code };
            &text.as_bytes()[s.0 as usize..(s.0 + s.1) as usize]
        });
        if let Some(k) = known {
            self.text.truncate(code.0 as usize);
            return Err(k);
        }
        let mut c = std::mem::take(&mut self.scratch);
        c.clear();
        compact_into(d.ma_ho_so, &mut c);
        let compact = self.push_ascii(&c);
        let text = &self.text;
        let dossiers = &self.dossiers;
        let text_of = |j: u32| -> &[u8] {
            let s = match j {
                NONE => return &[],
                j if j == i => compact,
                j => dossiers[j as usize].compact,
            };
            &text.as_bytes()[s.0 as usize..(s.0 + s.1) as usize]
        };
        if let Some(prev) = self.by_compact.insert(&c, i, text_of) {
            // Two dossiers differ only in separators: the compact form names neither.
            let fp = fingerprint(&c);
            if self.by_compact.by_hash.get(&fp) == Some(&prev) {
                self.by_compact.by_hash.insert(fp, NONE);
            } else {
                self.by_compact.overflow.insert(c.as_slice().into(), NONE);
            }
        }
        self.scratch = c;
        let account = self.account_id(d.tk_thu_huong);
        let agency = self.agencies.id(d.ma_don_vi);
        self.dossiers.push(DossierEntry {
            code,
            compact,
            tail_len: tail_len(d.ma_ho_so).min(255) as u8,
            phantom,
            agency,
            account,
            tong_phi: d.tong_phi,
            first_attempt: NONE,
        });
        Ok(i)
    }

    fn account_id(&mut self, acct: &str) -> u32 {
        let account = self.accounts.id(acct);
        if account as usize == self.account_attempts.len() {
            self.account_attempts.push(Vec::new());
        }
        account
    }

    fn find_dossier(&self, code: &str) -> Option<u32> {
        self.by_code
            .get(code.as_bytes(), |j| self.bytes(self.dossiers[j as usize].code))
    }

    /// Adds a dossier; a MaHoSo seen before is an error (7006).
    pub fn add_dossier(&mut self, rec: &DossierView<'_>, line: u64) -> Result<u32, RowError> {
        let i = match self.insert_dossier(rec, false) {
            Ok(i) => return Ok(i),
            Err(i) => i,
        };
        let account = self.account_id(rec.tk_thu_huong);
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
        let i = self.attempts.len() as u32;
        let mut c = std::mem::take(&mut self.scratch);
        c.clear();
        compact_into(rec.ma_tham_chieu, &mut c);
        let compact_ref = self.push_ascii(&c);
        let (text, attempts) = (&self.text, &self.attempts);
        let known = self.by_ref.insert(&c, i, |j| {
            let s = if j == i {
                compact_ref
            } else {
                attempts[j as usize].compact_ref
            };
            &text.as_bytes()[s.0 as usize..(s.0 + s.1) as usize]
        });
        if known.is_some() {
            self.text.truncate(compact_ref.0 as usize);
            self.scratch = c;
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
        let reference = self.push_text(rec.ma_tham_chieu);
        let dossier = match self.find_dossier(rec.ma_ho_so) {
            Some(d) => d,
            None => {
                let phantom = DossierView {
                    ma_ho_so: rec.ma_ho_so,
                    ma_tthc: "",
                    ma_don_vi: rec.ma_ho_so.split('-').next().unwrap_or(""),
                    received_at: rec.thoi_gian_gd,
                    tong_phi: rec.so_tien,
                    tk_thu_huong: rec.tk_thu_huong,
                    ma_nh_thu_huong: rec.ma_nh_thu_huong,
                };
                match self.insert_dossier(&phantom, true) {
                    Ok(d) | Err(d) => d,
                }
            }
        };
        let account = self.account_id(rec.tk_thu_huong);
        let de = &self.dossiers[dossier as usize];
        let dc = self.bytes(de.compact);
        let code_at = memchr::memmem::find(&c, dc);
        let tail_text = &dc[dc.len().saturating_sub(usize::from(de.tail_len))..];
        let tail = if !tail_text.is_empty() && tail_text.len() <= 18 && tail_text.iter().all(u8::is_ascii_digit) {
            tail_text.iter().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'))
        } else {
            u64::MAX
        };
        let slot = Slot {
            t: rec.thoi_gian_gd,
            attempt: i,
            dossier,
            amount: rec.so_tien.0,
            tail,
            ref_at: compact_ref.0,
            ref_len: c.len().min(255) as u8,
            code_at: code_at.map_or(255, |p| p.min(254) as u8),
            code_len: dc.len().min(255) as u8,
            tail_len: de.tail_len,
        };
        self.account_attempts[account as usize].push(slot);
        self.scratch = c;
        let prev = std::mem::replace(&mut self.dossiers[dossier as usize].first_attempt, i);
        self.attempts.push(AttemptEntry {
            reference,
            compact_ref,
            dossier,
            next: prev,
            amount: rec.so_tien,
            at: rec.thoi_gian_gd,
            status: rec.trang_thai_gd,
            line,
        });
        self.frozen = false;
        Ok(i)
    }

    /// Sorts the time indexes and collects the code shapes. Called before matching.
    pub fn freeze(&mut self) {
        if self.frozen {
            return;
        }
        for v in &mut self.account_attempts {
            v.sort_unstable();
        }
        let mut shapes: Vec<(usize, u64)> = self
            .dossiers
            .iter()
            .filter_map(|d| letter_mask(self.bytes(d.compact)).map(|m| (d.compact.1 as usize, m)))
            .collect();
        shapes.sort_unstable();
        shapes.dedup();
        self.shapes = shapes;
        let mut lens: Vec<usize> = self.attempts.iter().map(|a| a.compact_ref.1 as usize).collect();
        lens.sort_unstable();
        lens.dedup();
        self.ref_lengths = lens;
        self.frozen = true;
    }

    /// The dossier whose compact code is exactly `c`.
    pub(crate) fn dossier_by_compact(&self, c: &[u8]) -> Option<u32> {
        self.by_compact
            .get(c, |j| {
                if j == NONE {
                    &[]
                } else {
                    self.bytes(self.dossiers[j as usize].compact)
                }
            })
            .filter(|&i| i != NONE)
    }

    /// The attempt whose compact reference is exactly `c`.
    pub(crate) fn attempt_by_ref(&self, c: &[u8]) -> Option<u32> {
        self.by_ref
            .get(c, |j| self.bytes(self.attempts[j as usize].compact_ref))
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
