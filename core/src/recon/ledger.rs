//! The known side of đối soát: dossiers and payment attempts, indexed by exact code, by compact
//! code, by reference and by beneficiary account and time.
use super::record::{Attempt, AttemptStatus, Dossier, LocalSeconds, RowError};
use super::remark::compact;
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use rustc_hash::FxHashMap;

/// Several dossiers share one compact code (only the separators differ).
const COLLISION: u32 = u32::MAX;

pub(crate) struct DossierEntry {
    pub rec: Dossier,
    /// `true` when the dossier was only named by an attempt (not in the dossiers input).
    pub phantom: bool,
    /// Upper-case letters and digits of MaHoSo.
    pub compact: Box<[u8]>,
    /// Length of the compact date + sequence tail (the part after the agency id).
    pub tail_len: usize,
    pub attempts: Vec<u32>,
    pub account: u32,
}

pub(crate) struct AttemptEntry {
    pub rec: Attempt,
    /// Upper-case MaThamChieu, letters and digits only.
    pub compact_ref: Box<[u8]>,
    /// Where the dossier's compact code sits inside `compact_ref` (after `DVC`), if it does.
    pub code_at: Option<usize>,
    pub dossier: u32,
    /// 1-based line of the attempt in its input.
    pub line: u64,
}

/// Dossiers and attempts, ready for matching once [`Ledger::freeze`] has run.
#[derive(Default)]
pub struct Ledger {
    pub(crate) dossiers: Vec<DossierEntry>,
    pub(crate) attempts: Vec<AttemptEntry>,
    by_code: FxHashMap<Box<str>, u32>,
    by_compact: FxHashMap<Box<[u8]>, u32>,
    by_ref: FxHashMap<Box<[u8]>, u32>,
    accounts: FxHashMap<Box<str>, u32>,
    /// Per account: (attempt time, attempt) sorted by time.
    pub(crate) account_attempts: Vec<Vec<(LocalSeconds, u32)>>,
    /// Distinct (length, letter-position mask) of compact dossier codes: where to look in a remark.
    pub(crate) shapes: Vec<(usize, u64)>,
    /// Distinct lengths of compact references.
    pub(crate) ref_lengths: Vec<usize>,
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

    fn account(&mut self, acct: &str) -> u32 {
        if let Some(&a) = self.accounts.get(acct) {
            return a;
        }
        let a = self.account_attempts.len() as u32;
        self.accounts.insert(acct.into(), a);
        self.account_attempts.push(Vec::new());
        a
    }

    /// The account index of a beneficiary account, if any dossier or attempt uses it.
    pub(crate) fn account_of(&self, acct: &str) -> Option<u32> {
        self.accounts.get(acct).copied()
    }

    fn insert_dossier(&mut self, rec: Dossier, phantom: bool) -> u32 {
        let i = self.dossiers.len() as u32;
        let compact = compact(&rec.ma_ho_so).into_boxed_slice();
        self.by_code.insert(rec.ma_ho_so.as_str().into(), i);
        self.by_compact
            .entry(compact.clone())
            .and_modify(|v| *v = COLLISION)
            .or_insert(i);
        let account = self.account(&rec.tk_thu_huong);
        self.dossiers.push(DossierEntry {
            tail_len: tail_len(&rec.ma_ho_so),
            rec,
            phantom,
            compact,
            attempts: Vec::new(),
            account,
        });
        i
    }

    /// Adds a dossier; a MaHoSo seen before is an error (7006) naming the earlier line.
    pub fn add_dossier(&mut self, rec: Dossier, line: u64) -> Result<u32, RowError> {
        if let Some(&i) = self.by_code.get(rec.ma_ho_so.as_str()) {
            let e = &mut self.dossiers[i as usize];
            if e.phantom && e.rec.tk_thu_huong == rec.tk_thu_huong {
                // Named by an attempt first; now the dossier itself arrives.
                e.rec = rec;
                e.phantom = false;
                return Ok(i);
            }
            return Err(RowError {
                line,
                error: Error::new(ErrorCode::ReconRepeatedId, "ma_ho_so", "this dossier code appears on an earlier row"),
                id: rec.ma_ho_so,
                so_tien: Some(rec.tong_phi),
            });
        }
        Ok(self.insert_dossier(rec, false))
    }

    /// Adds a payment attempt; a MaThamChieu seen before is an error (7006). An attempt for a
    /// dossier not (yet) known creates that dossier from the attempt's fields.
    pub fn add_attempt(&mut self, rec: Attempt, line: u64) -> Result<u32, RowError> {
        let compact_ref = compact(&rec.ma_tham_chieu).into_boxed_slice();
        if self.by_ref.contains_key(&compact_ref) {
            return Err(RowError {
                line,
                error: Error::new(
                    ErrorCode::ReconRepeatedId,
                    "ma_tham_chieu",
                    "this reference appears on an earlier row",
                ),
                id: rec.ma_tham_chieu,
                so_tien: Some(rec.so_tien),
            });
        }
        let dossier = match self.by_code.get(rec.ma_ho_so.as_str()) {
            Some(&d) => d,
            None => self.insert_dossier(
                Dossier {
                    ma_ho_so: rec.ma_ho_so.clone(),
                    ma_tthc: String::new(),
                    ma_don_vi: rec.ma_ho_so.split('-').next().unwrap_or("").to_string(),
                    received_at: rec.thoi_gian_gd,
                    tong_phi: rec.so_tien,
                    tk_thu_huong: rec.tk_thu_huong.clone(),
                    ma_nh_thu_huong: rec.ma_nh_thu_huong.clone(),
                },
                true,
            ),
        };
        let account = self.account(&rec.tk_thu_huong);
        let code_at = memchr::memmem::find(&compact_ref, &self.dossiers[dossier as usize].compact);
        let i = self.attempts.len() as u32;
        self.by_ref.insert(compact_ref.clone(), i);
        self.account_attempts[account as usize].push((rec.thoi_gian_gd, i));
        self.dossiers[dossier as usize].attempts.push(i);
        self.attempts.push(AttemptEntry {
            rec,
            compact_ref,
            code_at,
            dossier,
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
            .filter_map(|d| letter_mask(&d.compact).map(|m| (d.compact.len(), m)))
            .collect();
        shapes.sort_unstable();
        shapes.dedup();
        self.shapes = shapes;
        let mut lens: Vec<usize> = self.attempts.iter().map(|a| a.compact_ref.len()).collect();
        lens.sort_unstable();
        lens.dedup();
        self.ref_lengths = lens;
        self.frozen = true;
    }

    /// The dossier whose compact code is exactly `c`.
    pub(crate) fn dossier_by_compact(&self, c: &[u8]) -> Option<u32> {
        self.by_compact.get(c).copied().filter(|&i| i != COLLISION)
    }

    /// The attempt whose compact reference is exactly `c`.
    pub(crate) fn attempt_by_ref(&self, c: &[u8]) -> Option<u32> {
        self.by_ref.get(c).copied()
    }

    /// The amount a credit for this dossier and attempt should carry.
    pub(crate) fn expected_amount(&self, dossier: u32, attempt: Option<u32>) -> Vnd {
        match attempt {
            Some(a) => self.attempts[a as usize].rec.so_tien,
            None => self.dossiers[dossier as usize].rec.tong_phi,
        }
    }

    /// The attempt a credit naming only the dossier is for: the successful one (the latest at or
    /// before the credit, else the earliest after it), else the latest attempt at or before the
    /// credit, else the earliest after it; `None` when the dossier has no attempt.
    pub(crate) fn attempt_for_credit(&self, dossier: u32, at: LocalSeconds) -> Option<u32> {
        let atts = &self.dossiers[dossier as usize].attempts;
        let pick = |success: bool| -> Option<u32> {
            let mut before: Option<(LocalSeconds, u32)> = None;
            let mut after: Option<(LocalSeconds, u32)> = None;
            for &a in atts {
                let r = &self.attempts[a as usize].rec;
                if success && r.trang_thai_gd != AttemptStatus::Success {
                    continue;
                }
                let t = r.thoi_gian_gd;
                if t <= at {
                    if before.map_or(true, |(bt, _)| t >= bt) {
                        before = Some((t, a));
                    }
                } else if after.map_or(true, |(bt, _)| t < bt) {
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
