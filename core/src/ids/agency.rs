//! Agency electronic identifier (mã định danh điện tử của cơ quan, QĐ 20/2020, QĐ 09/2025).
use super::IdRules;
use crate::error::{ErrorCode, IdError};
use crate::tables;
use std::fmt;

const FIELD: &str = "agency";

/// Kind of level-1 group, from its letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgencyKind {
    /// `G`: ministries and government bodies (bộ, cơ quan ngang bộ).
    Ministry,
    /// `H`: provincial People's Committees (UBND tỉnh).
    ProvincialCommittee,
    /// `K`: provincial People's Councils (HĐND tỉnh).
    ProvincialCouncil,
    /// Any other letter (not confirmed by the sources).
    Other,
}

impl AgencyKind {
    /// Stable name.
    pub fn name(self) -> &'static str {
        match self {
            AgencyKind::Ministry => "ministry",
            AgencyKind::ProvincialCommittee => "provincial_committee",
            AgencyKind::ProvincialCouncil => "provincial_council",
            AgencyKind::Other => "other",
        }
    }
}

/// A parsed agency id: `C4.C3.C2.C1` = `ddd.dd.dd.Xnn` (e.g. `000.17.22.H56`), or the short
/// ministry-adapter form `Xnn.dd[.dd...]` (e.g. `G09.20`) when [`IdRules::allow_short_agency_id`] is on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgencyId {
    text: String,
    /// Level-1 group, e.g. `H56`.
    pub level1: String,
    /// Lower groups from level 2 down (`["22", "17", "000"]` for `000.17.22.H56`); `0`-only groups are unused levels.
    pub lower: Vec<String>,
    /// True for the short adapter form.
    pub short_form: bool,
}

impl AgencyId {
    /// Parses an agency id.
    pub fn parse(s: &str, rules: &IdRules) -> Result<Self, IdError> {
        Self::parse_with(s, rules.allow_short_agency_id)
    }

    /// Parses with an explicit choice about the short form.
    pub(crate) fn parse_with(s: &str, allow_short: bool) -> Result<Self, IdError> {
        let short_form = Self::check(s, allow_short)?;
        let mut groups: Vec<String> = s.split('.').map(str::to_string).collect();
        let (level1, lower) = if short_form {
            let level1 = groups.remove(0);
            (level1, groups)
        } else {
            let level1 = groups.pop().unwrap_or_default();
            groups.reverse();
            (level1, groups)
        };
        Ok(Self {
            text: s.to_string(),
            level1,
            lower,
            short_form,
        })
    }

    /// Checks the grammar without allocating; `Ok(true)` for the short adapter form.
    pub(crate) fn check(s: &str, allow_short: bool) -> Result<bool, IdError> {
        super::non_empty(FIELD, s)?;
        if s.len() > 35 {
            return Err(IdError::new(
                ErrorCode::IdLength,
                FIELD,
                format!("{} characters, at most 35", s.len()),
            ));
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_digit() || c.is_ascii_uppercase() || *c == '.'))
        {
            return Err(IdError::new(
                ErrorCode::IdCharacter,
                FIELD,
                format!("character {c:?} not in 0-9, A-Z, '.'"),
            ));
        }
        let is_level1 = |g: &str| {
            g.len() == 3 && g.as_bytes()[0].is_ascii_uppercase() && g[1..].bytes().all(|b| b.is_ascii_digit())
        };
        let groups = s.split('.').count();
        if groups == 4 && s.rsplit('.').next().is_some_and(is_level1) {
            for (g, w) in s.split('.').take(3).zip([3usize, 2, 2]) {
                if g.len() != w {
                    return Err(IdError::new(
                        ErrorCode::IdFormat,
                        FIELD,
                        format!(
                            "group {g} has {} characters, expected the form ddd.dd.dd.Xnn",
                            g.len(),
                            g = crate::text::shown(g, 40)
                        ),
                    ));
                }
            }
            return Ok(false);
        }
        if allow_short && groups >= 2 && s.split('.').next().is_some_and(is_level1) {
            if let Some(g) = s.split('.').skip(1).find(|g| g.is_empty() || g.len() > 3) {
                return Err(IdError::new(
                    ErrorCode::IdFormat,
                    FIELD,
                    format!("group {g} must have 1-3 characters", g = crate::text::shown(g, 40)),
                ));
            }
            return Ok(true);
        }
        let shown = crate::text::shown(s, 40);
        Err(IdError::new(
            ErrorCode::IdFormat,
            FIELD,
            format!("{shown} is not of the form ddd.dd.dd.Xnn (level-1 group letter + 2 digits last)"),
        ))
    }

    /// Kind from the level-1 letter.
    pub fn kind(&self) -> AgencyKind {
        match self.level1.as_bytes()[0] {
            b'G' => AgencyKind::Ministry,
            b'H' => AgencyKind::ProvincialCommittee,
            b'K' => AgencyKind::ProvincialCouncil,
            _ => AgencyKind::Other,
        }
    }

    /// Name of the level-1 agency when the bundled table knows it.
    pub fn level1_name(&self) -> Option<&'static str> {
        tables::level1(&self.level1).map(|l| l.agency)
    }

    /// Depth: 1 for `000.00.00.H56`, 2 for `000.00.06.H56`, ... (unused levels are all zeros).
    pub fn depth(&self) -> usize {
        1 + self
            .lower
            .iter()
            .rposition(|g| g.bytes().any(|b| b != b'0'))
            .map_or(0, |i| i + 1)
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for AgencyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
