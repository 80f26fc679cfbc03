//! Rule configuration as JSON, shared by the CLI and every binding:
//! `{"today": "2026-11-24", "commune_table": "cv1027-2025", "loai_doi_tuong": ["1","2"], ...}`.
//! Every key is optional except `today` (the core never reads the clock).
use crate::error::{Error, ErrorCode};
use crate::ids::IdRules;
use crate::sync::{Limits, SyncRules};
use crate::tables::CommuneTable;
use chrono::NaiveDate;
use serde::Deserialize;

/// Rule overrides; see [`IdRules`] and [`SyncRules`] for meanings and defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Reference date `YYYY-MM-DD` (required).
    pub today: Option<String>,
    /// See [`IdRules::allow_short_agency_id`].
    pub allow_short_agency_id: Option<bool>,
    /// See [`IdRules::dossier_date_widths`].
    pub dossier_date_widths: Option<Vec<usize>>,
    /// See [`IdRules::dossier_sequence_digits`].
    pub dossier_sequence_digits: Option<(usize, usize)>,
    /// See [`IdRules::passport_letters`].
    pub passport_letters: Option<(usize, usize)>,
    /// See [`IdRules::passport_digits`].
    pub passport_digits: Option<usize>,
    /// `cv1027-2025` (default) or `pkg-2025.10`.
    pub commune_table: Option<String>,
    /// See [`SyncRules::loai_doi_tuong`].
    pub loai_doi_tuong: Option<Vec<String>>,
    /// See [`SyncRules::hinh_thuc`].
    pub hinh_thuc: Option<Vec<String>>,
    /// See [`SyncRules::duoc_thanh_toan_truc_tuyen`].
    pub duoc_thanh_toan_truc_tuyen: Option<Vec<String>>,
    /// See [`Limits`].
    pub limits: Option<Limits>,
}

fn bad(field: &'static str, detail: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidArgument, field, detail)
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(field: &'static str, s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        bad(
            field,
            format!("{s} is not a YYYY-MM-DD date", s = crate::text::shown(s, 40)),
        )
    })
}

impl Config {
    /// Parses a JSON config; an empty string is the empty config.
    pub fn from_json(s: &str) -> Result<Self, Error> {
        if s.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_json::from_str(s).map_err(|e| bad("config", e.to_string()))
    }

    /// Identifier rules.
    pub fn id_rules(&self) -> Result<IdRules, Error> {
        let today = self
            .today
            .as_deref()
            .ok_or_else(|| bad("today", "a reference date is required"))?;
        let mut r = IdRules::new(parse_date("today", today)?);
        if let Some(v) = self.allow_short_agency_id {
            r.allow_short_agency_id = v;
        }
        if let Some(v) = &self.dossier_date_widths {
            if v.iter().any(|w| *w != 6 && *w != 8) {
                return Err(bad("dossier_date_widths", "widths must be 6 or 8"));
            }
            r.dossier_date_widths = v.clone();
        }
        if let Some(v) = self.dossier_sequence_digits {
            r.dossier_sequence_digits = v;
        }
        if let Some(v) = self.passport_letters {
            r.passport_letters = v;
        }
        if let Some(v) = self.passport_digits {
            r.passport_digits = v;
        }
        if let Some(t) = &self.commune_table {
            r.commune_table = CommuneTable::from_name(t).ok_or_else(|| {
                bad(
                    "commune_table",
                    format!("{t} is not cv1027-2025 or pkg-2025.10", t = crate::text::shown(t, 40)),
                )
            })?;
        }
        Ok(r)
    }

    /// Sync validation rules.
    pub fn sync_rules(&self) -> Result<SyncRules, Error> {
        let ids = self.id_rules()?;
        let mut r = SyncRules::new(ids.today);
        r.ids = ids;
        if let Some(v) = &self.loai_doi_tuong {
            r.loai_doi_tuong = v.clone();
        }
        if let Some(v) = &self.hinh_thuc {
            r.hinh_thuc = v.clone();
        }
        if let Some(v) = &self.duoc_thanh_toan_truc_tuyen {
            r.duoc_thanh_toan_truc_tuyen = v.clone();
        }
        if let Some(v) = &self.limits {
            r.limits = v.clone();
        }
        Ok(r)
    }
}
