//! Money in đồng (VND): `i64`, checked arithmetic, never a float.
use crate::error::{ErrorCode, MoneyError};
use std::fmt;

/// An amount of Vietnamese đồng (tiền đồng). The currency has no minor unit in practice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Vnd(pub i64);

impl Vnd {
    /// Zero đồng.
    pub const ZERO: Vnd = Vnd(0);

    /// Parses a DVCQG amount string such as `"50000"`: ASCII digits with an optional leading `-`;
    /// no separators, no decimals, no spaces (DVCQG sends plain integers as strings).
    pub fn parse(field: &'static str, s: &str) -> Result<Vnd, MoneyError> {
        if s.is_empty() {
            return Err(MoneyError::new(ErrorCode::MoneyEmpty, field, "amount is empty"));
        }
        let (neg, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            let shown = crate::text::shown(s, 24);
            return Err(MoneyError::new(
                ErrorCode::MoneyNotInteger,
                field,
                format!("{shown} is not a whole number of dong (digits only, no separators or decimals)"),
            ));
        }
        let mut v: i64 = 0;
        for b in digits.bytes() {
            let d = i64::from(b - b'0');
            v = v
                .checked_mul(10)
                .and_then(|v| if neg { v.checked_sub(d) } else { v.checked_add(d) })
                .ok_or_else(|| MoneyError::new(ErrorCode::MoneyOverflow, field, "amount does not fit in i64 dong"))?;
        }
        Ok(Vnd(v))
    }

    /// Like [`Vnd::parse`] but rejects negative amounts (fees, payments).
    pub fn parse_non_negative(field: &'static str, s: &str) -> Result<Vnd, MoneyError> {
        let v = Self::parse(field, s)?;
        if v.0 < 0 {
            return Err(MoneyError::new(
                ErrorCode::MoneyNegative,
                field,
                format!("{} is negative", v.0),
            ));
        }
        Ok(v)
    }

    /// Checked addition.
    pub fn checked_add(self, o: Vnd) -> Result<Vnd, MoneyError> {
        self.0.checked_add(o.0).map(Vnd).ok_or_else(|| overflow("add"))
    }
    /// Checked subtraction.
    pub fn checked_sub(self, o: Vnd) -> Result<Vnd, MoneyError> {
        self.0.checked_sub(o.0).map(Vnd).ok_or_else(|| overflow("sub"))
    }
    /// Checked multiplication by a count (quantity × unit price).
    pub fn checked_mul(self, n: i64) -> Result<Vnd, MoneyError> {
        self.0.checked_mul(n).map(Vnd).ok_or_else(|| overflow("mul"))
    }
    /// Checked sum of many amounts.
    pub fn checked_sum<I: IntoIterator<Item = Vnd>>(items: I) -> Result<Vnd, MoneyError> {
        items.into_iter().try_fold(Vnd::ZERO, Vnd::checked_add)
    }
}

fn overflow(op: &'static str) -> MoneyError {
    MoneyError::new(ErrorCode::MoneyOverflow, op, "result does not fit in i64 dong")
}

/// Wire form: the plain integer, as DVCQG writes it (`50000`).
impl fmt::Display for Vnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_dvcqg_strings() {
        assert_eq!(Vnd::parse("Gia", "50000").unwrap(), Vnd(50_000));
        assert_eq!(Vnd::parse("Gia", "-1").unwrap(), Vnd(-1));
        assert_eq!(Vnd::parse("Gia", "9223372036854775807").unwrap(), Vnd(i64::MAX));
        assert_eq!(Vnd::parse("Gia", "-9223372036854775808").unwrap(), Vnd(i64::MIN));
        for bad in ["50.000", "50,000", " 1", "1e3", "-", "+5", "١٢"] {
            assert_eq!(
                Vnd::parse("Gia", bad).unwrap_err().code(),
                ErrorCode::MoneyNotInteger,
                "{bad}"
            );
        }
        assert_eq!(Vnd::parse("Gia", "").unwrap_err().code(), ErrorCode::MoneyEmpty);
        assert_eq!(
            Vnd::parse("Gia", "9223372036854775808").unwrap_err().code(),
            ErrorCode::MoneyOverflow
        );
        assert_eq!(
            Vnd::parse_non_negative("Gia", "-5").unwrap_err().code(),
            ErrorCode::MoneyNegative
        );
    }

    #[test]
    fn arithmetic_is_checked() {
        assert!(Vnd(i64::MAX).checked_add(Vnd(1)).is_err());
        assert!(Vnd(i64::MIN).checked_sub(Vnd(1)).is_err());
        assert_eq!(Vnd::checked_sum([Vnd(1), Vnd(2), Vnd(3)]).unwrap(), Vnd(6));
        assert_eq!(Vnd(25_000).checked_mul(3).unwrap(), Vnd(75_000));
    }

    proptest! {
        #[test]
        fn round_trips(v in any::<i64>()) {
            prop_assert_eq!(Vnd::parse("x", &Vnd(v).to_string()).unwrap(), Vnd(v));
        }
    }
}
