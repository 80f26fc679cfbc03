//! Rows read ahead a batch at a time, and the ledger records the batch will read warmed first.
use crate::money::Vnd;
use crate::recon::ledger::{text_hash, Compact, Ledger, Table};
use crate::recon::matcher::{lookup_keys, Key};
use crate::recon::read::{Row, Rows};
use crate::recon::record::{AttemptStatus, AttemptView, CreditView, DossierView, LocalSeconds, RowError};
use crate::recon::remark::compact_into;
use std::io::Read;

/// Rows read ahead, `SIZE` at a time, their texts copied into one buffer: the ledger records a
/// whole batch will touch are read first, so that their cache misses overlap instead of queueing.
pub(super) struct Batch<T> {
    pub(super) text: String,
    pub(super) rows: Vec<(u64, Result<T, RowError>)>,
    /// The look-ups the batch will make.
    pub(super) keys: Vec<Key>,
    /// The compact texts of the keys made by [`Batch::key`]: key `k`'s is
    /// `compacts[compact_ends[k]..compact_ends[k + 1]]`.
    pub(super) compacts: Vec<u8>,
    pub(super) compact_ends: Vec<u32>,
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
pub(super) type Span = (u32, u32);

pub(super) fn put(text: &mut String, t: &str) -> Span {
    let at = text.len() as u32;
    text.push_str(t);
    (at, t.len() as u32)
}

/// Where `inner` starts in `outer`, when it is a part of it.
pub(super) fn offset_in(outer: &str, inner: &str) -> Option<usize> {
    let at = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    (at <= outer.len() && inner.len() <= outer.len() - at).then_some(at)
}

/// Copies a row's fields into a batch's text: a CSV record once, whole, its fields then found in
/// the copy; other fields one by one.
pub(super) struct Placer<'a, 'r> {
    pub(super) text: &'a mut String,
    /// The record's text and where its copy starts.
    pub(super) record: Option<(&'r str, usize)>,
}

impl<'a, 'r> Placer<'a, 'r> {
    pub(super) fn new(text: &'a mut String, row: &Row<'r>) -> Self {
        let record = row.text().map(|t| {
            let at = text.len();
            text.push_str(t);
            (t, at)
        });
        Self { text, record }
    }

    pub(super) fn place(&mut self, field: &str) -> Span {
        match self.record.and_then(|(t, at)| Some(at + offset_in(t, field)?)) {
            Some(start) => (start as u32, field.len() as u32),
            None => put(self.text, field),
        }
    }
}

pub(super) fn span(text: &str, (a, n): Span) -> &str {
    &text[a as usize..(a + n) as usize]
}

impl<T> Batch<T> {
    const SIZE: usize = 64;

    /// Reads the next rows (none at the end), storing each with `store`.
    pub(super) fn fill<R: Read>(
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
    pub(super) fn clear_keys(&mut self) {
        self.keys.clear();
        self.compacts.clear();
        self.compact_ends.clear();
        self.compact_ends.push(0);
    }

    /// Adds the key of the compact form of `code` (a reference or a dossier code).
    pub(super) fn key(&mut self, code: Span, reference: bool) {
        let start = self.compacts.len();
        compact_into(span(&self.text, code), &mut self.compacts);
        self.keys.push(Key::new(text_hash(&self.compacts[start..]), reference));
        self.compact_ends.push(self.compacts.len() as u32);
    }

    /// The compact text of key `k` with its hash.
    pub(super) fn compact(&self, k: usize) -> Compact<'_> {
        Compact {
            text: &self.compacts[self.compact_ends[k] as usize..self.compact_ends[k + 1] as usize],
            hash: self.keys[k].hash,
        }
    }

    /// Reads the table slots of the keys, then their records, then the records' texts (a byte
    /// of each).
    pub(super) fn warm(&mut self, l: &Ledger) -> u64 {
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
pub(super) struct BatchDossier {
    pub(super) texts: [Span; 5],
    pub(super) received_at: LocalSeconds,
    pub(super) tong_phi: Vnd,
}

impl BatchDossier {
    pub(super) fn store(r: &Row<'_>, text: &mut Placer<'_, '_>) -> Result<Self, RowError> {
        DossierView::from_fields(r, r.line).map(|d| Self {
            texts: [d.ma_ho_so, d.ma_tthc, d.ma_don_vi, d.tk_thu_huong, d.ma_nh_thu_huong].map(|t| text.place(t)),
            received_at: d.received_at,
            tong_phi: d.tong_phi,
        })
    }

    pub(super) fn view<'t>(&self, text: &'t str) -> DossierView<'t> {
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
    pub(super) fn warm_dossiers(&mut self, l: &Ledger) -> u64 {
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
pub(super) struct BatchAttempt {
    pub(super) texts: [Span; 5],
    pub(super) so_tien: Vnd,
    pub(super) thoi_gian_gd: LocalSeconds,
    pub(super) trang_thai_gd: AttemptStatus,
}

impl BatchAttempt {
    pub(super) fn store(r: &Row<'_>, text: &mut Placer<'_, '_>) -> Result<Self, RowError> {
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

    pub(super) fn view<'t>(&self, text: &'t str) -> AttemptView<'t> {
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
    pub(super) fn warm_attempts(&mut self, l: &Ledger) -> u64 {
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
pub(super) struct BatchCredit {
    pub(super) id: Span,
    pub(super) account: Span,
    pub(super) remark: Span,
    pub(super) at: LocalSeconds,
    pub(super) amount: Vnd,
}

impl BatchCredit {
    pub(super) fn store(r: &Row<'_>, text: &mut Placer<'_, '_>) -> Result<Self, RowError> {
        CreditView::from_fields(r, r.line).map(|c| Self {
            id: text.place(c.ma_giao_dich_nh),
            account: text.place(c.tk_thu_huong),
            remark: text.place(c.noi_dung),
            at: c.thoi_gian,
            amount: c.so_tien,
        })
    }

    pub(super) fn view<'t>(&self, text: &'t str) -> CreditView<'t> {
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
pub(super) struct CreditBatch {
    pub(super) batch: Batch<BatchCredit>,
    pub(super) hays: Vec<u8>,
    /// `hays[hay_ends[k]..hay_ends[k + 1]]` is row `k`'s compact remark.
    pub(super) hay_ends: Vec<u32>,
    /// Row `k`'s bank reference hashed (0 for an unreadable row).
    pub(super) id_hashes: Vec<u64>,
    /// `batch.keys[row_key_ends[k]..row_key_ends[k + 1]]` are row `k`'s look-ups.
    pub(super) row_key_ends: Vec<u32>,
}

impl CreditBatch {
    /// Compacts the remarks and warms the look-ups they will make, and the bank-id table.
    pub(super) fn warm(&mut self, l: &Ledger, bank_ids: &Table) -> u64 {
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
        sink
    }
}
