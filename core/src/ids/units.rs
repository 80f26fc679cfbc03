//! Administrative unit codes after 1 July 2025: province (mã tỉnh, 2 digits, 34 units) and commune
//! (mã xã, 5 digits, versioned table). Pre-2025 codes are recognised and reported as retired with
//! their successor.
use super::IdRules;
use crate::error::{ErrorCode, IdError};
use crate::tables::{self, CommuneTable};
use std::fmt;

/// A current province code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProvinceCode(pub &'static tables::Province);

impl ProvinceCode {
    /// Parses a 2-digit code of one of the 34 current provinces.
    /// A pre-2025 code fails with [`ErrorCode::IdRetiredCode`] naming its successor.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        super::digits("province", s, 2)?;
        if let Some(p) = tables::province(s) {
            return Ok(Self(p));
        }
        if let Some(o) = tables::old_province(s) {
            return Err(IdError::new(
                ErrorCode::IdRetiredCode,
                "province",
                format!("{s} ({}) is a pre-2025 code; merged into {}", o.name, o.successor),
            ));
        }
        Err(IdError::new(
            ErrorCode::IdUnknownCode,
            "province",
            format!("{s} is not a province code"),
        ))
    }

    /// Maps a pre-2025 code (or a current one) to the current province.
    pub fn from_historical(s: &str) -> Result<Self, IdError> {
        super::digits("province", s, 2)?;
        tables::old_province(s)
            .and_then(|o| tables::province(o.successor))
            .map(Self)
            .ok_or_else(|| {
                IdError::new(
                    ErrorCode::IdUnknownCode,
                    "province",
                    format!("{s} is not a pre-2025 province code"),
                )
            })
    }
}

impl fmt::Display for ProvinceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code)
    }
}

/// A current commune code in a given table version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommuneCode {
    /// The row.
    pub commune: &'static tables::Commune,
    /// Table version it was found in.
    pub table: CommuneTable,
}

impl CommuneCode {
    /// Parses a 5-digit commune code against `rules.commune_table`.
    pub fn parse(s: &str, rules: &IdRules) -> Result<Self, IdError> {
        super::digits("commune", s, 5)?;
        let table = rules.commune_table;
        if let Some(c) = tables::commune(table, s) {
            return Ok(Self { commune: c, table });
        }
        let successors = tables::old_commune_successors(s);
        if !successors.is_empty() {
            return Err(IdError::new(
                ErrorCode::IdRetiredCode,
                "commune",
                format!("{s} is a pre-2025 commune code; merged into {}", successors.join(", ")),
            ));
        }
        Err(IdError::new(
            ErrorCode::IdUnknownCode,
            "commune",
            format!("{s} is not in commune table {}", table.name()),
        ))
    }

    /// The current province of this commune.
    pub fn province(&self) -> Option<&'static tables::Province> {
        tables::province(self.commune.province)
    }
}

impl fmt::Display for CommuneCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.commune.code)
    }
}
