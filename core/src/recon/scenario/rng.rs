//! The generator's randomness and clock: xoshiro256**, local times, a bijection for ids.
use chrono::{Datelike, Days, NaiveDate};

/// xoshiro256** seeded with SplitMix64.
#[derive(Debug, Clone)]
pub(super) struct Rng {
    pub(super) s: [u64; 4],
}

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
        }
    }

    #[inline]
    pub(super) fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (0 when `n == 0`).
    #[inline]
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    #[inline]
    pub(super) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi` (`lo <= hi`).
    #[inline]
    pub(super) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    #[inline]
    pub(super) fn chance(&mut self, p: f64) -> bool {
        let u = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        u < p
    }

    #[inline]
    pub(super) fn pick<'t, T>(&mut self, xs: &'t [T]) -> &'t T {
        &xs[self.index(xs.len())]
    }

    /// Index drawn with the given weights (0 if they are all zero).
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return 0;
        }
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if r < u64::from(w) {
                return i;
            }
            r -= u64::from(w);
        }
        weights.len() - 1
    }

    /// Pushes `n` random decimal digits, the first one non-zero when `nonzero_first`.
    pub(super) fn push_digits(&mut self, out: &mut String, n: usize, nonzero_first: bool) {
        for i in 0..n {
            let d = if i == 0 && nonzero_first {
                1 + self.below(9)
            } else {
                self.below(10)
            };
            out.push(char::from(b'0' + d as u8));
        }
    }

    pub(super) fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.index(i + 1);
            xs.swap(i, j);
        }
    }
}

/// Pushes `v` zero-padded to `width` digits.
pub(super) fn push_num(out: &mut String, mut v: u64, width: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in (buf.len() - i)..width {
        out.push('0');
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Calendar of the scenario: times are seconds since 00:00 of `start` (UTC+7 wall time).
pub(super) struct Clock {
    pub(super) start: NaiveDate,
    pub(super) first: i64,
    pub(super) ymd: Vec<(u32, u32, u32)>,
}

impl Clock {
    pub(super) fn new(start: NaiveDate, days: u32) -> Self {
        let first = -400i64;
        let last = i64::from(days) + 120;
        let ymd = (first..=last).map(|d| Self::compute(start, d)).collect();
        Self { start, first, ymd }
    }

    pub(super) fn compute(start: NaiveDate, day: i64) -> (u32, u32, u32) {
        let date = if day >= 0 {
            start.checked_add_days(Days::new(day as u64))
        } else {
            start.checked_sub_days(Days::new(day.unsigned_abs()))
        }
        .unwrap_or(start);
        (date.year().clamp(0, 9999) as u32, date.month(), date.day())
    }

    pub(super) fn date(&self, day: i64) -> (u32, u32, u32) {
        match usize::try_from(day - self.first).ok().and_then(|i| self.ymd.get(i)) {
            Some(&v) => v,
            None => Self::compute(self.start, day),
        }
    }

    pub(super) fn split(secs: i64) -> (i64, u64, u64, u64) {
        let day = secs.div_euclid(86_400);
        let s = secs.rem_euclid(86_400) as u64;
        (day, s / 3600, s / 60 % 60, s % 60)
    }

    /// `yyyyMMddHHmmss`.
    pub(super) fn push_compact(&self, out: &mut String, secs: i64) {
        let (day, h, mi, s) = Self::split(secs);
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(y), 4);
        push_num(out, u64::from(m), 2);
        push_num(out, u64::from(d), 2);
        push_num(out, h, 2);
        push_num(out, mi, 2);
        push_num(out, s, 2);
    }

    /// `yyyy-MM-dd HH:mm:ss`.
    pub(super) fn push_bank(&self, out: &mut String, secs: i64) {
        let (day, h, mi, s) = Self::split(secs);
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(y), 4);
        out.push('-');
        push_num(out, u64::from(m), 2);
        out.push('-');
        push_num(out, u64::from(d), 2);
        out.push(' ');
        push_num(out, h, 2);
        out.push(':');
        push_num(out, mi, 2);
        out.push(':');
        push_num(out, s, 2);
    }

    /// `yyMMdd` of a day.
    pub(super) fn push_yymmdd(&self, out: &mut String, day: i64) {
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(y % 100), 2);
        push_num(out, u64::from(m), 2);
        push_num(out, u64::from(d), 2);
    }

    /// `ddMMyy.HHmmss` (trace channels).
    pub(super) fn push_trace_time(&self, out: &mut String, secs: i64) {
        let (day, h, mi, s) = Self::split(secs);
        let (y, m, d) = self.date(day);
        push_num(out, u64::from(d), 2);
        push_num(out, u64::from(m), 2);
        push_num(out, u64::from(y % 100), 2);
        out.push('.');
        push_num(out, h, 2);
        push_num(out, mi, 2);
        push_num(out, s, 2);
    }
}

/// Bijection of `0..10^12` used for unique, random-looking `PG` transaction ids.
pub(super) struct Permutation {
    pub(super) a: u128,
    pub(super) b: u128,
}

impl Permutation {
    const MODULUS: u128 = 1_000_000_000_000;

    pub(super) fn new(rng: &mut Rng) -> Self {
        // `a` odd and not a multiple of 5: coprime with 10^12.
        let a = loop {
            let a = 100_000_000_001 + rng.below(800_000_000_000);
            if a % 2 == 1 && a % 5 != 0 {
                break a;
            }
        };
        Self {
            a: u128::from(a),
            b: u128::from(rng.below(Self::MODULUS as u64)),
        }
    }

    pub(super) fn apply(&self, i: u64) -> u64 {
        ((self.a * u128::from(i) + self.b) % Self::MODULUS) as u64
    }
}
