//! results.jsonl: the rows as JSON Lines, written by hand (the same text as `serde_json` gives).
use super::rows::{RowBufs, RowText};
use super::{Fields, Outcome, Reconciliation, ResultRow};
use crate::recon::ledger::ends_byte;
use crate::recon::matcher::Match;
use crate::recon::words::{any_below, equal, load};
use std::io::Write;

impl Reconciliation {
    /// Writes one JSON object per row with the keys `fields` asks for (with [`Fields::All`], the
    /// same text as `serde_json` gives for [`ResultRow`]; written by hand: it is a third of a run's
    /// time otherwise). Writes in blocks of about 1 MiB, so `w` needs no buffer of its own.
    pub fn write_jsonl<W: Write>(&self, mut w: W, fields: Fields) -> std::io::Result<()> {
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
                    sink ^= self.touch(i, pass, fields);
                }
            }
            for i in rows {
                self.row_text(i, &mut b, fields).write_json(&mut buf, fields);
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
    /// A payment's related credit is read only when `fields` writes it.
    fn touch(&self, i: usize, texts: bool, fields: Fields) -> u8 {
        let r = &self.inner;
        let l = &r.ledger;
        let (dossier, attempt, credit) = if i < self.bank_class.len() {
            match r.credits[i].outcome {
                Outcome::Matched(Match::Found { dossier, attempt, .. }) => (Some(dossier), attempt, None),
                _ => (None, None, None),
            }
        } else if let Some(at) = l.attempts.get(i - self.bank_class.len()) {
            let first = self.credit_of(i - self.bank_class.len());
            let related = first != u32::MAX && fields == Fields::All;
            (Some(at.dossier), None, related.then_some(first))
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
        self.row_text(i, &mut RowBufs::default(), Fields::All)
            .write_json(out, Fields::All);
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
    json_bytes(out, s.as_bytes());
}

/// [`json_str`] of UTF-8 bytes (escapes are ASCII: a character is never split).
fn json_bytes(out: &mut Vec<u8>, b: &[u8]) {
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

/// A whole number, as serde_json writes it (both use `itoa`).
fn json_int(out: &mut Vec<u8>, v: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
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
    fn write_json(&self, out: &mut Vec<u8>, fields: Fields) {
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
        if fields == Fields::Contract {
            self.write_error_json(out);
            return;
        }
        out.extend_from_slice(b",\"so_tien\":");
        json_int(out, self.so_tien);
        out.extend_from_slice(b",\"thoi_gian\":");
        json_bytes(out, self.thoi_gian);
        out.extend_from_slice(b",\"ma_don_vi\":");
        json_str(out, self.ma_don_vi);
        if let Some(st) = self.trang_thai_gd {
            out.extend_from_slice(b",\"trang_thai_gd\":");
            json_int(out, st);
        }
        if !self.related.is_empty() {
            out.extend_from_slice(b",\"related\":");
            json_str(out, self.related);
        }
        self.write_line_json(out);
    }

    /// The row's `line` and `error` (if any), and the closing brace.
    fn write_line_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b",\"line\":");
        json_int(out, self.line);
        if let Some(e) = self.error {
            out.extend_from_slice(b",\"error\":");
            out.extend_from_slice(serde_json::to_string(e).unwrap_or_default().as_bytes());
        }
        out.push(b'}');
    }

    /// The end of a [`Fields::Contract`] row: `line` and `error` for an unreadable record only.
    fn write_error_json(&self, out: &mut Vec<u8>) {
        if self.error.is_some() {
            self.write_line_json(out);
        } else {
            out.push(b'}');
        }
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
            thoi_gian: self.thoi_gian.as_bytes(),
            ma_don_vi: self.ma_don_vi,
            trang_thai_gd: self.trang_thai_gd,
            related: self.related,
            line: self.line,
            error: self.error.as_ref(),
        }
        .write_json(out, Fields::All);
    }
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
