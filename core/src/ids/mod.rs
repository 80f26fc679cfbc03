//! Identifiers (mã, số định danh): each parses into a typed value or an [`IdError`].
//!
//! Every parser takes `&str` and returns the canonical form through `Display`; those that depend on
//! configuration or on "today" take a rules struct ([`IdRules`]).
mod agency;
mod bank_bin;
mod dossier_code;
mod personal;
mod procedure;
pub mod tax_code;
mod units;

pub use agency::{AgencyId, AgencyKind};
pub use bank_bin::BankBin;
pub use dossier_code::DossierCode;
pub use personal::{BirthPlace, Cccd, Cmnd, Passport, Sex};
pub use procedure::ProcedureCode;
pub use tax_code::{TaxCode, TaxCodeKind};
pub use units::{CommuneCode, ProvinceCode};

use crate::error::{ErrorCode, IdError};
use crate::tables::CommuneTable;
use chrono::NaiveDate;

/// Configuration of the identifier rules that the brief marks UNCONFIRMED.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdRules {
    /// Reference date for "impossible future birth year" checks (the caller's today; sans-IO).
    pub today: NaiveDate,
    /// Accept the short agency form of ministry adapters (`G09.20`) besides `ddd.dd.dd.Xnn`. Default true.
    pub allow_short_agency_id: bool,
    /// Dossier-code date widths accepted: 6 (`yyMMdd`, Thanh Hóa) and/or 8 (`yyyyMMdd`, MOHA). Default both.
    pub dossier_date_widths: Vec<usize>,
    /// Minimum and maximum digits of the dossier-code sequence. Default 4..=10.
    pub dossier_sequence_digits: (usize, usize),
    /// Passport: letters then digits. Default 1 letter + 7 digits (`C1234567`).
    pub passport_letters: (usize, usize),
    /// Passport digit count. Default 7.
    pub passport_digits: usize,
    /// Commune table version. Default [`CommuneTable::Cv1027`].
    pub commune_table: CommuneTable,
}

impl IdRules {
    /// Default rules with the given reference date.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            allow_short_agency_id: true,
            dossier_date_widths: vec![6, 8],
            dossier_sequence_digits: (4, 10),
            passport_letters: (1, 1),
            passport_digits: 7,
            commune_table: CommuneTable::Cv1027,
        }
    }
}

/// Fails with [`ErrorCode::IdEmpty`] on an empty value.
pub(crate) fn non_empty(field: &'static str, s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        Err(IdError::new(ErrorCode::IdEmpty, field, "value is empty"))
    } else {
        Ok(())
    }
}

/// Checks that `s` is exactly `n` ASCII digits; the error quotes only the position and the character kind.
pub(crate) fn digits(field: &'static str, s: &str, n: usize) -> Result<(), IdError> {
    non_empty(field, s)?;
    if let Some((i, c)) = s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        let shown = if c.is_ascii_graphic() {
            format!("{c:?}")
        } else {
            format!("U+{:04X}", c as u32)
        };
        return Err(IdError::new(
            ErrorCode::IdCharacter,
            field,
            format!(
                "character {shown} at position {} is not a digit",
                s[..i].chars().count() + 1
            ),
        ));
    }
    if s.len() != n {
        return Err(IdError::new(
            ErrorCode::IdLength,
            field,
            format!("expected {n} digits, got {}", s.len()),
        ));
    }
    Ok(())
}

/// Parses `yyyyMMdd` or `yyMMdd` (20yy) into a real date.
pub(crate) fn compact_date(field: &'static str, s: &str) -> Result<NaiveDate, IdError> {
    // By `get`: a part with a character of several bytes is no number (and never a panic).
    let num = |a: usize, b: usize| s.get(a..b).and_then(|t| t.parse::<u32>().ok());
    let (y, m, d) = match s.len() {
        8 => (num(0, 4).map(|y| y as i32), num(4, 6), num(6, 8)),
        6 => (num(0, 2).map(|y| 2000 + y as i32), num(2, 4), num(4, 6)),
        n => {
            return Err(IdError::new(
                ErrorCode::IdDate,
                field,
                format!("date part has {n} digits, expected 6 or 8"),
            ))
        }
    };
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) if s.bytes().all(|b| b.is_ascii_digit()) => NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| {
                IdError::new(
                    ErrorCode::IdDate,
                    field,
                    format!("date part {s} is not a calendar date", s = crate::text::shown(s, 40)),
                )
            }),
        _ => Err(IdError::new(
            ErrorCode::IdDate,
            field,
            format!("date part {s} is not all digits", s = crate::text::shown(s, 40)),
        )),
    }
}

/// Masks a personal number for Debug output: keeps the first 3 and last 2 characters.
pub(crate) fn mask(s: &str) -> String {
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| if i < 3 || i + 2 >= n { c } else { '*' })
        .collect()
}
