//! Bank remarks (nội dung chuyển khoản) reduced to what codes survive: upper-case ASCII letters and
//! digits, diacritics folded, every separator and space dropped. A dossier code split by stray
//! spaces, with its dots replaced by dashes, or lower-cased, is then a plain substring again.
use super::words::{gather, in_range, load, nonzero, HIGH};

/// What an ASCII byte becomes in a compact form: itself upper-cased when a letter or digit, else 0
/// (dropped).
const KEEP: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_uppercase();
        }
        b += 1;
    }
    t
};

/// Where the letters are among eight bytes of a compact form (bit `i` for byte `i`): its letters
/// (`A`-`Z`) have bit 6 set, its digits not.
pub(crate) fn letters8(b: &[u8]) -> u64 {
    gather(load(b, b'0') << 1)
}

/// Appends the compact form of `s` to `out`: `Nộp phí hs 000.00.14.h40-260609-0001` →
/// `NOPPHIHS0000014H402606090001`. ASCII is read eight bytes at a time.
pub fn compact_into(s: &str, out: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    let start = out.len();
    // Every character gives at most one byte: write in place, then cut to what was kept.
    out.resize(start + bytes.len(), 0);
    let buf = &mut out[start..];
    let (mut n, mut i) = (0, 0);
    while i < bytes.len() {
        let ascii;
        if let Some(b) = bytes.get(i..i + 8) {
            let w = load(b, 0);
            if w & HIGH == 0 {
                let lower = in_range(w, b'a', b'z');
                if lower | in_range(w, b'A', b'Z') | in_range(w, b'0', b'9') == HIGH {
                    // Eight letters and digits (a reference, most of a code): lower-case letters
                    // lose their 0x20 bit.
                    buf[n..n + 8].copy_from_slice(&(w & !(lower >> 2)).to_le_bytes());
                    n += 8;
                } else {
                    n = keep_ascii8(w, buf, n);
                }
                i += 8;
                continue;
            }
            ascii = ((w & HIGH).trailing_zeros() / 8) as usize;
        } else {
            ascii = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
        }
        // Byte by byte up to the next non-ASCII character (or the end), then that character.
        n = keep_ascii(&bytes[i..i + ascii], buf, n);
        i += ascii;
        if i < bytes.len() {
            // `i` is on a character boundary: it only ever moves by whole characters.
            let c = s[i..].chars().next().unwrap_or_default();
            if let Some(k) = crate::text::fold_char(c).filter(char::is_ascii_alphanumeric) {
                buf[n] = (k as u8).to_ascii_uppercase();
                n += 1;
            }
            i += c.len_utf8();
        }
    }
    out.truncate(start + n);
}

/// Writes what the ASCII bytes `ascii` keep in a compact form to `buf` from `n` on; returns the
/// new end. Without branches on the bytes, which are hard to predict in a remark.
fn keep_ascii(ascii: &[u8], buf: &mut [u8], mut n: usize) -> usize {
    for &b in ascii {
        let k = KEEP[usize::from(b)];
        buf[n] = k;
        n += usize::from(k != 0);
    }
    n
}

/// [`keep_ascii`] for the eight ASCII bytes of `w`, with `buf` holding at least eight bytes from
/// `n` (the kept never outrun the read): one bounds check and one store for the eight.
fn keep_ascii8(w: u64, buf: &mut [u8], n: usize) -> usize {
    let (mut kept, mut k) = ([0u8; 8], 0);
    for b in w.to_le_bytes() {
        let c = KEEP[usize::from(b)];
        // `k` is at most the bytes read so far, so below eight here.
        kept[k & 7] = c;
        k += usize::from(c != 0);
    }
    buf[n..n + 8].copy_from_slice(&kept);
    n + k
}

/// The characters of `s` its compact form keeps (diacritics folded), before upper-casing.
fn kept(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter_map(crate::text::fold_char)
        .filter(char::is_ascii_alphanumeric)
}

/// Whether the compact form of `s` is not empty: a code of separators only (`--`) names nothing.
pub fn has_compact_char(s: &str) -> bool {
    kept(s).next().is_some()
}

/// The compact form of a code or remark.
pub fn compact(s: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(s.len());
    compact_into(s, &mut v);
    v
}

const GRAM: usize = 5;

fn gram_key(w: &[u8]) -> u32 {
    w.iter()
        .fold(0u32, |h, &b| h.wrapping_mul(37).wrapping_add(u32::from(b)))
}

/// The positions of every 5-character window of a remark, so that a candidate code is compared only
/// on the diagonals where a window of it occurs (seed and extend) instead of on every shift.
pub struct HayIndex {
    slots: Vec<(u32, u16)>, // (key + 1, first position + 1); 0 = empty
    next: Vec<u16>,         // next position with the same key + 1
}

impl HayIndex {
    /// Indexes `hay` (at most 65,534 characters are indexed).
    pub fn new(hay: &[u8]) -> Self {
        let n = hay.len().saturating_sub(GRAM - 1).min(u16::MAX as usize - 1);
        let cap = (n * 2).next_power_of_two().max(16);
        let mut ix = HayIndex {
            slots: vec![(0, 0); cap],
            next: vec![0; n],
        };
        for p in (0..n).rev() {
            let k = gram_key(&hay[p..p + GRAM]);
            let mut i = (k.wrapping_mul(0x9E37_79B1) as usize) & (cap - 1);
            loop {
                let (sk, sp) = ix.slots[i];
                if sk == 0 {
                    ix.slots[i] = (k.wrapping_add(1), p as u16 + 1);
                    break;
                }
                if sk == k.wrapping_add(1) {
                    ix.next[p] = sp;
                    ix.slots[i].1 = p as u16 + 1;
                    break;
                }
                i = (i + 1) & (cap - 1);
            }
        }
        ix
    }

    fn first(&self, w: &[u8]) -> u16 {
        let k = gram_key(w);
        let cap = self.slots.len();
        let mut i = (k.wrapping_mul(0x9E37_79B1) as usize) & (cap - 1);
        loop {
            let (sk, sp) = self.slots[i];
            if sk == 0 {
                return 0;
            }
            if sk == k.wrapping_add(1) {
                return sp;
            }
            i = (i + 1) & (cap - 1);
        }
    }

    /// Diagonals (hay position − code position) where a window of `code[from..]` occurs, at most
    /// `max` of them.
    fn diagonals(&self, hay: &[u8], code: &[u8], from: usize, out: &mut Vec<isize>) {
        out.clear();
        for j in from..code.len().saturating_sub(GRAM - 1) {
            let w = &code[j..j + GRAM];
            let mut p = self.first(w);
            while p != 0 {
                let pos = usize::from(p - 1);
                if &hay[pos..pos + GRAM] == w {
                    let d = pos as isize - j as isize;
                    if !out.contains(&d) {
                        out.push(d);
                    }
                }
                p = self.next[pos];
            }
        }
    }
}

/// The best stretch of `code` found in a remark with at most one substituted character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alignment {
    /// First character of the code covered.
    pub start: usize,
    /// One past the last character of the code covered.
    pub end: usize,
    /// Substituted characters inside the stretch (0 or 1).
    pub mismatches: usize,
}

impl Alignment {
    /// Characters that agree.
    pub fn matched(&self) -> usize {
        self.end - self.start - self.mismatches
    }
}

/// Slides `code` along `hay` and returns the longest stretch (most agreeing characters, then fewer
/// substitutions) that starts and ends on agreeing characters and holds at most one substitution.
/// A stretch may run off either end of the code: a prefix is a code cut short, a suffix a copied
/// tail.
pub fn align(hay: &[u8], code: &[u8]) -> Option<Alignment> {
    let (n, m) = (hay.len() as isize, code.len() as isize);
    let mut best = None;
    for d in -(m - 1)..n {
        on_diagonal(hay, code, d, &mut best);
    }
    best
}

/// Like [`align`], but only on the diagonals where a 5-character window of `code[from..]` occurs
/// in the remark: a code sharing no window with the remark is rejected at the cost of a few
/// lookups.
pub fn align_seeded(
    ix: &HayIndex,
    hay: &[u8],
    code: &[u8],
    from: usize,
    scratch: &mut Vec<isize>,
) -> Option<Alignment> {
    ix.diagonals(hay, code, from, scratch);
    let mut best = None;
    for &d in scratch.iter() {
        on_diagonal(hay, code, d, &mut best);
    }
    best
}

fn better(a: &Alignment, b: &Option<Alignment>) -> bool {
    b.map_or(true, |b| (a.matched(), b.mismatches) > (b.matched(), a.mismatches))
}

/// The best window on one diagonal (`code[j]` sits on `hay[j + d]`). Only the last agreeing character
/// before each substitution (and the last one) can end the best window, so the windows are read
/// off the substitutions, found eight characters at a time.
pub(crate) fn on_diagonal(hay: &[u8], code: &[u8], d: isize, best: &mut Option<Alignment>) {
    let (n, m) = (hay.len() as isize, code.len() as isize);
    let j0 = (-d).max(0) as usize;
    let j1 = (n - d).min(m).max(0) as usize;
    if j1 <= j0 || j1 - j0 <= best.map_or(0, |b| b.matched()) {
        return;
    }
    let h = &hay[(j0 as isize + d) as usize..(j1 as isize + d) as usize];
    let c = &code[j0..j1];
    let mut left = j0; // window start
    let mut miss: Option<usize> = None; // the one substitution in the window
    let mut from = j0; // first character after the last substitution
    let end_at = |end: usize, left: usize, miss: Option<usize>, best: &mut Option<Alignment>| {
        let a = Alignment {
            start: left,
            end,
            mismatches: usize::from(miss.is_some()),
        };
        if better(&a, best) {
            *best = Some(a);
        }
    };
    for base in (0..c.len()).step_by(64) {
        let top = c.len().min(base + 64);
        let mut diff = diff_mask(&h[base..top], &c[base..top]);
        while diff != 0 {
            let j = j0 + base + diff.trailing_zeros() as usize;
            diff &= diff - 1;
            if j > from {
                end_at(j, left, miss, best);
            }
            if let Some(p) = miss {
                left = p + 1;
            }
            miss = Some(j);
            if left == j {
                // A window never starts on a substitution.
                left = j + 1;
                miss = None;
            }
            from = j + 1;
            // Every later window starts at `left` or after and ends by `j1`: stop when none can
            // beat the best (more agreeing characters, or as many with fewer substitutions).
            if let Some(b) = best {
                let most = j1 - left - usize::from(miss.is_some());
                if most < b.matched() || (most == b.matched() && b.mismatches == 0) {
                    return;
                }
            }
        }
    }
    if j1 > from {
        end_at(j1, left, miss, best);
    }
}

/// Bit `i` set where `a[i] != b[i]` (at most 64 characters).
fn diff_mask(a: &[u8], b: &[u8]) -> u64 {
    let mut mask = 0u64;
    let mut i = 0;
    // The last word padded alike on both sides (no difference there).
    while i < a.len() {
        mask |= gather(nonzero(load(&a[i..], 0) ^ load(&b[i..], 0))) << i;
        i += 8;
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character scan `on_diagonal` must agree with.
    fn on_diagonal_slow(hay: &[u8], code: &[u8], d: isize, best: &mut Option<Alignment>) {
        let (n, m) = (hay.len() as isize, code.len() as isize);
        let j0 = (-d).max(0) as usize;
        let j1 = (n - d).min(m).max(0) as usize;
        if j1 <= j0 || j1 - j0 <= best.map_or(0, |b| b.matched()) {
            return;
        }
        let mut left = j0;
        let mut miss: Option<usize> = None;
        for j in j0..j1 {
            if hay[(j as isize + d) as usize] != code[j] {
                if let Some(p) = miss {
                    left = p + 1;
                }
                miss = Some(j);
                if left == j {
                    left = j + 1;
                    miss = None;
                }
                continue;
            }
            let a = Alignment {
                start: left,
                end: j + 1,
                mismatches: usize::from(miss.is_some_and(|p| p >= left)),
            };
            if better(&a, best) {
                *best = Some(a);
            }
        }
    }

    #[test]
    fn fast_diagonal_equals_the_scan() {
        // Small alphabets so that agreements and substitutions both happen often.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |k: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % k
        };
        for _ in 0..20_000 {
            let (n, m) = (next(90) as usize, 1 + next(80) as usize);
            let alpha = 1 + next(4) as u8;
            let hay: Vec<u8> = (0..n).map(|_| b'0' + next(u64::from(alpha)) as u8).collect();
            let code: Vec<u8> = (0..m).map(|_| b'0' + next(u64::from(alpha)) as u8).collect();
            let (mut fast, mut slow) = (None, None);
            for d in -(m as isize)..=n as isize {
                on_diagonal(&hay, &code, d, &mut fast);
                on_diagonal_slow(&hay, &code, d, &mut slow);
                assert_eq!(fast, slow, "{hay:?} {code:?} {d}");
            }
        }
    }

    #[test]
    fn compacts_remarks() {
        assert_eq!(
            compact("Nộp phí hs 000.00.14.h40-260609-0001"),
            b"NOPPHIHS0000014H402606090001"
        );
        assert_eq!(compact("000 00 1 4 H40_260609/0001"), b"0000014H402606090001");
        // Decomposed marks dropped, other non-ASCII letters dropped, appended after what is there.
        let mut out = b"AB".to_vec();
        compact_into("Vie\u{302}\u{323}t ß€ 9đ", &mut out);
        assert_eq!(out, b"ABVIET9D");
    }

    proptest::proptest! {
        /// The in-place compaction keeps what folding each character keeps, for any text.
        #[test]
        fn compaction_keeps_the_folded_letters_and_digits(
            s in "(?s).{0,60}",
            v in "[a-zA-Z0-9 .ạằếĐđởữ\\u{301}-]{0,40}",
            a in "[\\x00-\\x7f]{0,90}",
            m in "([ -~]{0,12}[ộđƯ]?){0,8}",
        ) {
            for t in [&s, &v, &a, &m] {
                let slow: Vec<u8> = kept(t).map(|c| (c as u8).to_ascii_uppercase()).collect();
                proptest::prop_assert_eq!(compact(t), slow);
            }
        }
    }

    #[test]
    fn aligns_whole_cut_tail_and_typo() {
        let code = b"0000014H402606090001";
        let whole = align(b"XXNOP0000014H402606090001FT12", code).unwrap();
        assert_eq!((whole.start, whole.end, whole.mismatches), (0, 20, 0));
        let typo = align(b"NOP0000014H402606190001CT", code).unwrap();
        assert_eq!((typo.start, typo.end, typo.mismatches), (0, 20, 1));
        let cut = align(b"NOPPHI0000014H4026060900", code).unwrap();
        assert_eq!((cut.start, cut.end, cut.mismatches), (0, 18, 0));
        let tail = align(b"HS2606090001CTTU", code).unwrap();
        assert_eq!((tail.start, tail.end, tail.mismatches), (10, 20, 0));
        // Two substitutions: the stretch stops before the second.
        let two = align(b"0000014H412606090002", code).unwrap();
        assert_eq!((two.start, two.end, two.mismatches), (0, 19, 1));
        assert!(align(b"", code).is_none());
    }

    #[test]
    fn seeded_alignment_equals_the_full_one() {
        let code = b"DVC0000014H40260609000120260610011800";
        let mut scratch = Vec::new();
        for remark in [
            "MBVCB.123.thanh toan 000.00.14.H40-260609-0001.CT tu",
            "dvc0000014h4026060900012026061001 CT",
            "ho so 609-0001 2026061001180 0 x",
            "TKThe :1034599745212, tai VIETINBANK. nop",
            "",
        ] {
            let hay = compact(remark);
            let ix = HayIndex::new(&hay);
            let full = align(&hay, code).filter(|a| a.matched() >= 5);
            let seeded = align_seeded(&ix, &hay, code, 0, &mut scratch).filter(|a| a.matched() >= 5);
            assert_eq!(full.map(|a| a.matched()), seeded.map(|a| a.matched()), "{remark}");
        }
    }
}
