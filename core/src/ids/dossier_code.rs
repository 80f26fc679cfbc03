//! Dossier code (mã hồ sơ): `{agency id}-{yyMMdd|yyyyMMdd}-{sequence}`.
//!
//! The TT 03/2025/TT-VPCP grammar is UNCONFIRMED; widths are configurable in [`IdRules`].
use super::{AgencyId, IdRules};
use crate::error::{ErrorCode, IdError};
use chrono::NaiveDate;
use std::fmt;

const FIELD: &str = "dossier_code";

/// A parsed dossier code, e.g. `000.00.00.H56-250715-0001` or `G09.20-20260609-0092637`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DossierCode {
    text: String,
    /// Agency that issued the code.
    pub agency: AgencyId,
    /// Date of the code (ngày tiếp nhận as encoded).
    pub date: NaiveDate,
    /// Width of the date part: 6 or 8.
    pub date_width: usize,
    /// Sequence digits as written (zero padding kept).
    pub sequence: String,
}

impl DossierCode {
    /// Parses a dossier code.
    pub fn parse(s: &str, rules: &IdRules) -> Result<Self, IdError> {
        let (a, date, d, q) = Self::check(s, rules)?;
        let agency = AgencyId::parse(a, rules)?;
        Ok(Self {
            text: s.to_string(),
            agency,
            date,
            date_width: d.len(),
            sequence: q.to_string(),
        })
    }

    /// Validates without building the value (no allocation on success).
    pub fn validate(s: &str, rules: &IdRules) -> Result<(), IdError> {
        Self::check(s, rules).map(|_| ())
    }

    /// The parts: agency, date, date text, sequence.
    fn check<'s>(s: &'s str, rules: &IdRules) -> Result<(&'s str, NaiveDate, &'s str, &'s str), IdError> {
        super::non_empty(FIELD, s)?;
        let mut parts = s.split('-');
        let (Some(a), Some(d), Some(q), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(IdError::new(
                ErrorCode::IdFormat,
                FIELD,
                format!(
                    "expected 3 parts {{agency}}-{{date}}-{{sequence}}, got {}",
                    s.split('-').count()
                ),
            ));
        };
        AgencyId::check(a, rules.allow_short_agency_id)
            .map_err(|e| IdError::new(e.code(), FIELD, format!("agency part: {}", e.0.detail)))?;
        if !rules.dossier_date_widths.contains(&d.len()) {
            return Err(IdError::new(
                ErrorCode::IdFormat,
                FIELD,
                format!(
                    "date part has {} characters, allowed widths {:?}",
                    d.len(),
                    rules.dossier_date_widths
                ),
            ));
        }
        let date = super::compact_date(FIELD, d)?;
        let (lo, hi) = rules.dossier_sequence_digits;
        if q.is_empty() || !q.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::new(
                ErrorCode::IdCharacter,
                FIELD,
                format!("sequence part {q} must be digits", q = crate::text::shown(q, 40)),
            ));
        }
        if q.len() < lo || q.len() > hi {
            return Err(IdError::new(
                ErrorCode::IdLength,
                FIELD,
                format!("sequence has {} digits, allowed {lo}..={hi}", q.len()),
            ));
        }
        Ok((a, date, d, q))
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
