//! Procedure code (mã thủ tục hành chính, mã TTHC): `d.dddddd`, with optional local agency suffix.
use super::{AgencyId, IdRules};
use crate::error::{ErrorCode, IdError};
use std::fmt;

const FIELD: &str = "procedure_code";

/// A parsed procedure code: national base code (`1.000494`) plus the local agency suffix when present
/// (`1.000494.000.00.00.H29` → agency `000.00.00.H29`; `2.002622.H56` → level-1 agency `H56`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProcedureCode {
    text: String,
    /// National catalogue code `d.dddddd`.
    pub base: String,
    /// Local agency suffix (full agency id or level-1 group only).
    pub agency: Option<String>,
}

impl ProcedureCode {
    /// Parses a procedure code.
    pub fn parse(s: &str, _rules: &IdRules) -> Result<Self, IdError> {
        let (base, agency) = Self::check(s)?;
        Ok(Self {
            text: s.to_string(),
            base: base.to_string(),
            agency: agency.map(str::to_string),
        })
    }

    /// Validates without building the value (no allocation on success).
    pub fn validate(s: &str, _rules: &IdRules) -> Result<(), IdError> {
        Self::check(s).map(|_| ())
    }

    /// The parts: national base code and agency suffix.
    fn check(s: &str) -> Result<(&str, Option<&str>), IdError> {
        super::non_empty(FIELD, s)?;
        let b = s.as_bytes();
        let base_ok = b.len() >= 8 && b[0].is_ascii_digit() && b[1] == b'.' && b[2..8].iter().all(u8::is_ascii_digit);
        if !base_ok {
            let shown = crate::text::shown(s, 12);
            return Err(IdError::new(
                ErrorCode::IdFormat,
                FIELD,
                format!("{shown} does not start with a national code d.dddddd"),
            ));
        }
        let base = &s[..8];
        if b.len() == 8 {
            return Ok((base, None));
        }
        let Some(suffix) = s[8..].strip_prefix('.') else {
            return Err(IdError::new(
                ErrorCode::IdFormat,
                FIELD,
                format!(
                    "after {base} expected '.' and an agency suffix",
                    base = crate::text::shown(base, 40)
                ),
            ));
        };
        let level1_only = suffix.len() == 3
            && suffix.as_bytes()[0].is_ascii_uppercase()
            && suffix[1..].bytes().all(|c| c.is_ascii_digit());
        if !level1_only {
            AgencyId::check(suffix, false)
                .map_err(|e| IdError::new(e.code(), FIELD, format!("agency suffix: {}", e.0.detail)))?;
        }
        Ok((base, Some(suffix)))
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ProcedureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
