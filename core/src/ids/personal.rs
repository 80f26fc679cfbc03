//! Personal identification numbers: CCCD / số định danh cá nhân (12 digits), old CMND (9 digits), passport.
//!
//! These are personal data: `Debug` masks them and errors never quote more than a 3-digit prefix or a position.
use super::IdRules;
use crate::error::{ErrorCode, IdError};
use crate::tables;
use chrono::Datelike;
use std::fmt;

/// Sex encoded in the century digit (giới tính).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

impl Sex {
    /// Stable name.
    pub fn name(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

/// Where the birth was registered (nơi đăng ký khai sinh), from digits 1-3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BirthPlace {
    /// One of the 63 pre-2025 provinces (prefix `0` + old code); numbers did not change with the 2025 merger.
    Province(&'static tables::OldProvince),
    /// Registered abroad: ISO 3166-1 numeric country code.
    Country(&'static tables::Country),
}

/// A 12-digit personal identification number (CCCD / số định danh cá nhân). No check digit exists.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cccd {
    digits: String,
}

impl Cccd {
    const FIELD: &'static str = "cccd";

    /// Parses and checks prefix, century/sex digit and birth year against `rules.today`.
    pub fn parse(s: &str, rules: &IdRules) -> Result<Self, IdError> {
        Self::validate(s, rules)?;
        Ok(Cccd { digits: s.to_string() })
    }

    /// Validates without building the value (no allocation on success).
    pub fn validate(s: &str, rules: &IdRules) -> Result<(), IdError> {
        super::digits(Self::FIELD, s, 12)?;
        if birth_place(s).is_none() {
            return Err(IdError::new(
                ErrorCode::IdUnknownCode,
                Self::FIELD,
                format!(
                    "birth-place prefix {:?} is neither a pre-2025 province nor an ISO 3166 country code",
                    &s[..3]
                ),
            ));
        }
        if birth_year(s) > rules.today.year() {
            return Err(IdError::new(
                ErrorCode::IdFutureBirthYear,
                Self::FIELD,
                format!(
                    "century digit {:?} and year digits give a birth year after {}",
                    &s[3..4],
                    rules.today.year()
                ),
            ));
        }
        Ok(())
    }

    /// Birth-place registration code.
    pub fn birth_place(&self) -> Option<BirthPlace> {
        birth_place(&self.digits)
    }

    /// Sex from digit 4 (even male, odd female).
    pub fn sex(&self) -> Sex {
        if (self.digits.as_bytes()[3] - b'0') % 2 == 0 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Birth year from digit 4 (century: 0/1 → 1900s, 2/3 → 2000s, ... 8/9 → 2300s) and digits 5-6.
    pub fn birth_year(&self) -> i32 {
        birth_year(&self.digits)
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.digits
    }
}

impl fmt::Debug for Cccd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cccd({})", super::mask(&self.digits))
    }
}

impl fmt::Display for Cccd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

/// Birth place of 12 checked digits.
fn birth_place(digits: &str) -> Option<BirthPlace> {
    let p = &digits[..3];
    let old = p
        .strip_prefix('0')
        .and_then(tables::old_province)
        .filter(|o| o.cccd_prefix == p);
    match old {
        Some(o) => Some(BirthPlace::Province(o)),
        None => tables::country(p).map(BirthPlace::Country),
    }
}

/// Birth year of 12 checked digits.
fn birth_year(digits: &str) -> i32 {
    let b = digits.as_bytes();
    let century = i32::from((b[3] - b'0') / 2);
    1900 + 100 * century + i32::from(b[4] - b'0') * 10 + i32::from(b[5] - b'0')
}

/// An old 9-digit identity card number (chứng minh nhân dân, CMND).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cmnd {
    digits: String,
}

impl Cmnd {
    /// Parses 9 digits.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        Self::validate(s)?;
        Ok(Self { digits: s.to_string() })
    }

    /// Validates without building the value.
    pub fn validate(s: &str) -> Result<(), IdError> {
        super::digits("cmnd", s, 9)
    }
    /// The 9 digits.
    pub fn as_str(&self) -> &str {
        &self.digits
    }
}

impl fmt::Debug for Cmnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cmnd({})", super::mask(&self.digits))
    }
}

impl fmt::Display for Cmnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

/// A Vietnamese passport number (hộ chiếu): by default one capital letter + 7 digits (`C1234567`).
/// The rule is UNCONFIRMED against a legal text, so letters and digits are configurable in [`IdRules`].
/// Lower-case letters are accepted and canonicalised to upper case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Passport {
    text: String,
}

impl Passport {
    const FIELD: &'static str = "passport";

    /// Parses a passport number.
    pub fn parse(s: &str, rules: &IdRules) -> Result<Self, IdError> {
        super::non_empty(Self::FIELD, s)?;
        let up = s.to_ascii_uppercase();
        let letters = up.bytes().take_while(u8::is_ascii_uppercase).count();
        let (lo, hi) = rules.passport_letters;
        let rest = &up[letters..];
        if let Some((i, c)) = rest.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(IdError::new(
                ErrorCode::IdCharacter,
                Self::FIELD,
                format!(
                    "character at position {} ({}) is not allowed",
                    letters + i + 1,
                    if c.is_alphabetic() { "letter" } else { "symbol" }
                ),
            ));
        }
        if letters < lo || letters > hi || rest.len() != rules.passport_digits {
            return Err(IdError::new(
                ErrorCode::IdFormat,
                Self::FIELD,
                format!(
                    "expected {lo}-{hi} letter(s) then {} digits, got {letters} letter(s) and {} digits",
                    rules.passport_digits,
                    rest.len()
                ),
            ));
        }
        Ok(Self { text: up })
    }
    /// Canonical upper-case text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for Passport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Passport({})", super::mask(&self.text))
    }
}

impl fmt::Display for Passport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
