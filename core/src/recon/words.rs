//! Eight bytes at a time: the byte tests the CSV splitter, the compact forms, the alignment and
//! the JSON writer share, on little-endian words (byte `i` of a text is byte `i` of its word).

/// 0x01 in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = !HIGH;

/// The first eight bytes of `b` as a word, fewer padded with `pad`.
pub(crate) fn load(b: &[u8], pad: u8) -> u64 {
    match b.get(..8) {
        Some(c) => u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        None => {
            // Fewer than eight: two overlapping reads put them in place (no `memcpy` call), and
            // `pad` fills the bytes above them.
            let n = b.len();
            let w = match n {
                4.. => {
                    let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
                    u64::from(lo) | u64::from(hi) << (8 * (n - 4))
                }
                2.. => {
                    let lo = u16::from_le_bytes([b[0], b[1]]);
                    let hi = u16::from_le_bytes([b[n - 2], b[n - 1]]);
                    u64::from(lo) | u64::from(hi) << (8 * (n - 2))
                }
                1 => u64::from(b[0]),
                _ => 0,
            };
            w | (ONES * u64::from(pad)) & !((1u64 << (8 * n)) - 1)
        }
    }
}

/// The high bit of each byte of `x` that is not zero, no other bit (no carry crosses bytes: each
/// sum is at most 0xFE).
pub(crate) fn nonzero(x: u64) -> u64 {
    (((x & LOW7) + LOW7) | x) & HIGH
}

/// The high bit of each byte of `w` equal to `c`, no other bit.
pub(crate) fn equal(w: u64, c: u8) -> u64 {
    !nonzero(w ^ (ONES * u64::from(c))) & HIGH
}

/// Not zero exactly when some byte of `w` is below `n` (at most 0x80); which bits are set above
/// the first such byte is not said.
pub(crate) fn any_below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH
}

/// The bytes of an ASCII word (every high bit clear) within `lo..=hi`: the high bit of each such
/// byte set, no other bit (no borrow crosses bytes: each byte of `w | HIGH` is at least 0x80).
pub(crate) fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = (w | HIGH).wrapping_sub(ONES * u64::from(lo));
    let at_most_hi = ((ONES * u64::from(hi)) | HIGH).wrapping_sub(w);
    at_least_lo & at_most_hi & HIGH
}

/// Eight flags, one in the high bit of each byte, as eight bits (bit `i` for byte `i`).
pub(crate) fn gather(high: u64) -> u64 {
    ((high >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every test agrees with the byte-by-byte one, for any eight bytes.
        #[test]
        fn word_tests_agree_with_bytes(b in proptest::array::uniform8(proptest::num::u8::ANY), c in proptest::num::u8::ANY, lo in 0u8..0x80, hi in 0u8..0x80) {
            let w = load(&b, 0);
            let flags = |f: &dyn Fn(u8) -> bool| b.iter().enumerate().fold(0u64, |m, (i, &x)| m | (u64::from(f(x)) << (8 * i + 7)));
            proptest::prop_assert_eq!(nonzero(w), flags(&|x| x != 0));
            proptest::prop_assert_eq!(equal(w, c), flags(&|x| x == c));
            proptest::prop_assert_eq!(any_below(w, 0x20) != 0, b.iter().any(|&x| x < 0x20));
            let ascii = load(&b.map(|x| x & 0x7F), 0);
            proptest::prop_assert_eq!(in_range(ascii, lo, hi), flags(&|x| (lo..=hi).contains(&(x & 0x7F))));
            proptest::prop_assert_eq!(gather(flags(&|x| x % 3 == 0)), b.iter().enumerate().fold(0u64, |m, (i, &x)| m | (u64::from(x % 3 == 0) << i)));
            for n in 0..=8 {
                let mut want = [c; 8];
                want[..n].copy_from_slice(&b[..n]);
                proptest::prop_assert_eq!(load(&b[..n], c).to_le_bytes(), want);
            }
        }
    }
}
