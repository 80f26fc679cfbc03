//! Tax code (mã số thuế, MST): 10 digits with a weighted check digit, 13-digit branch codes
//! `NNNNNNNNNN-NNN`, and since 1 July 2025 the 12-digit personal ID used as the tax code (TT 86/2024).
use super::{Cccd, IdRules};
use crate::error::{ErrorCode, IdError};
use std::fmt;

const FIELD: &str = "mst";
const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// What kind of tax code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaxCodeKind {
    /// 10-digit enterprise / organisation code.
    Enterprise,
    /// 13-digit dependent unit (đơn vị phụ thuộc) `NNNNNNNNNN-NNN`.
    Branch,
    /// 12-digit personal identification number used as tax code (no checksum).
    PersonalId,
}

impl TaxCodeKind {
    /// Stable name.
    pub fn name(self) -> &'static str {
        match self {
            TaxCodeKind::Enterprise => "enterprise",
            TaxCodeKind::Branch => "branch",
            TaxCodeKind::PersonalId => "personal_id",
        }
    }
}

/// A parsed tax code. Input may carry dots, spaces and dashes (`01.00.112.437`, `0312 68 78 78 - 001`);
/// the canonical form is `0100112437`, `0312687878-001` or the 12 digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TaxCode {
    digits: String,
    /// Kind.
    pub kind: TaxCodeKind,
}

/// Check digit N10 for the first nine digits, or `None` when S mod 11 = 0 (never issued).
pub fn check_digit(first9: &[u8]) -> Option<u8> {
    let s: u32 = first9.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let r = 10 - (s % 11);
    (r < 10).then_some(r as u8)
}

impl TaxCode {
    /// Parses a tax code.
    pub fn parse(s: &str, rules: &IdRules) -> Result<Self, IdError> {
        super::non_empty(FIELD, s)?;
        let mut digits = String::with_capacity(13);
        for (i, c) in s.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '.' | ' ' | '-' => {}
                _ => {
                    return Err(IdError::new(
                        ErrorCode::IdCharacter,
                        FIELD,
                        format!("character {c:?} at position {} is not a digit or separator", i + 1),
                    ))
                }
            }
        }
        let b = digits.as_bytes();
        let kind = match b.len() {
            10 => TaxCodeKind::Enterprise,
            13 => TaxCodeKind::Branch,
            12 => {
                Cccd::parse(&digits, rules)
                    .map_err(|e| IdError::new(e.code(), FIELD, format!("12-digit personal ID: {}", e.0.detail)))?;
                return Ok(Self {
                    digits,
                    kind: TaxCodeKind::PersonalId,
                });
            }
            n => {
                return Err(IdError::new(
                    ErrorCode::IdLength,
                    FIELD,
                    format!("{n} digits; expected 10, 12 or 13"),
                ))
            }
        };
        if b[2..9].iter().all(|&d| d == b'0') {
            return Err(IdError::new(
                ErrorCode::IdComponent,
                FIELD,
                "sequence digits 3-9 are all zero",
            ));
        }
        match check_digit(&b[..9]) {
            None => {
                return Err(IdError::new(
                    ErrorCode::IdChecksum,
                    FIELD,
                    "first nine digits give S mod 11 = 0: such a code is never issued",
                ))
            }
            Some(d) if d != b[9] - b'0' => {
                return Err(IdError::new(
                    ErrorCode::IdChecksum,
                    FIELD,
                    format!("check digit is {}, expected {d}", b[9] - b'0'),
                ))
            }
            Some(_) => {}
        }
        if kind == TaxCodeKind::Branch && &digits[10..] == "000" {
            return Err(IdError::new(
                ErrorCode::IdComponent,
                FIELD,
                "branch part \"000\" is not valid (001-999)",
            ));
        }
        Ok(Self { digits, kind })
    }

    /// The 10-digit base (or the 12 digits of a personal ID).
    pub fn base(&self) -> &str {
        match self.kind {
            TaxCodeKind::Branch => &self.digits[..10],
            _ => &self.digits,
        }
    }

    /// The branch number of a dependent unit.
    pub fn branch(&self) -> Option<&str> {
        (self.kind == TaxCodeKind::Branch).then(|| &self.digits[10..])
    }
}

impl fmt::Display for TaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.branch() {
            Some(b) => write!(f, "{}-{b}", self.base()),
            None => f.write_str(&self.digits),
        }
    }
}

impl fmt::Debug for TaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TaxCodeKind::PersonalId => write!(f, "TaxCode(PersonalId, {})", super::mask(&self.digits)),
            k => write!(f, "TaxCode({k:?}, {self})"),
        }
    }
}
