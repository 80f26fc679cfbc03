//! Systems, status rows and the errors of rows that cannot be read.
use super::{quote, COLUMNS};
use crate::error::{Error, ErrorCode};
use crate::status::DossierStatus;
use crate::sync::time::parse_dvcqg_time;
use chrono::NaiveDateTime;
use serde::Serialize;
use std::borrow::Cow;

/// A system that reports dossier statuses (hệ thống).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// `portal`: Cổng Dịch vụ công quốc gia (DVCQG).
    Portal,
    /// `coordination`: Hệ thống điều phối.
    Coordination,
    /// `sectoral`: the ministry's or province's sectoral system (hệ thống chuyên ngành / một cửa).
    Sectoral,
}

impl System {
    /// All systems in the fixed tie-break order (portal, coordination, sectoral).
    pub const ALL: [System; 3] = [System::Portal, System::Coordination, System::Sectoral];

    /// Stable name: `portal`, `coordination`, `sectoral`.
    pub fn name(self) -> &'static str {
        match self {
            System::Portal => "portal",
            System::Coordination => "coordination",
            System::Sectoral => "sectoral",
        }
    }

    /// Parses a name (surrounding whitespace and ASCII case ignored).
    pub fn from_name(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|v| v.name().eq_ignore_ascii_case(s))
    }

    /// Position in the tie-break order.
    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// One valid input row: a system's report of a dossier's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// 1-based line of the row in its input (CSV: the line the record starts on).
    pub line: u64,
    /// Mã hồ sơ (`ma_ho_so`), as given (surrounding whitespace removed).
    pub dossier_code: String,
    /// Reporting system (`system`).
    pub system: System,
    /// Trạng thái hồ sơ (`trang_thai`, DVCQG TrangThaiHoSo 1-10).
    pub status: DossierStatus,
    /// Time of the report (`updated_at`), Vietnam local time.
    pub updated_at: NaiveDateTime,
}

/// A row that could not be read (codes 7101-7104). It is reported, never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the row.
    pub line: u64,
    /// Mã hồ sơ when the row has one.
    pub dossier_code: Option<String>,
    /// What is wrong: 7101 system, 7102 status, 7103 time, 7104 missing field or malformed line.
    pub error: Error,
}

impl RowError {
    pub(super) fn new(
        line: u64,
        dossier_code: Option<String>,
        code: ErrorCode,
        field: impl Into<Cow<'static, str>>,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            line,
            dossier_code,
            error: Error::new(code, field, detail),
        }
    }
}

/// Parses an `updated_at`: `yyyyMMddHHmmss` (DVCQG wire format) or `yyyy-MM-dd HH:mm:ss`; a real
/// date from year 1900, 24-hour clock.
pub fn parse_updated_at(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Some(t) = parse_dvcqg_time(s) {
        return Some(t);
    }
    let b = s.as_bytes();
    let shape = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let wire: String = s.chars().filter(char::is_ascii_digit).collect();
    parse_dvcqg_time(&wire)
}

/// Parses a `trang_thai`: decimal digits only (leading zeros allowed), 1-10.
pub fn parse_status_code(s: &str) -> Option<DossierStatus> {
    let s = s.trim();
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u8>().ok().and_then(|c| DossierStatus::from_code(c).ok())
}

/// A raw field value before validation.
pub(super) enum Raw<'a> {
    Missing,
    Text(Cow<'a, str>),
    Bad(ErrorCode, String),
}

impl<'a> From<Option<&'a str>> for Raw<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Raw::Missing, |s| Raw::Text(Cow::Borrowed(s)))
    }
}

/// Validates the four fields in column order; the first problem wins.
pub(super) fn build_row(line: u64, raw: [Raw<'_>; 4]) -> Result<StatusRow, RowError> {
    let [ma_ho_so, system, trang_thai, updated_at] = raw;
    let text = |r: Raw<'_>, col: usize| -> Result<String, (ErrorCode, &'static str, String)> {
        match r {
            Raw::Missing => Err((ErrorCode::ParityRow, COLUMNS[col], "missing or empty".into())),
            Raw::Bad(code, d) => Err((code, COLUMNS[col], d)),
            Raw::Text(t) if t.trim().is_empty() => Err((ErrorCode::ParityRow, COLUMNS[col], "missing or empty".into())),
            Raw::Text(t) => Ok(t.trim().to_string()),
        }
    };
    let (dossier_code, first_err) = match text(ma_ho_so, 0) {
        Ok(code) => (Some(code), None),
        Err(e) => (None, Some(e)),
    };
    let fail = |code: &Option<String>, (c, field, d): (ErrorCode, &'static str, String)| {
        RowError::new(line, code.clone(), c, field, d)
    };
    if let Some(e) = first_err {
        return Err(fail(&dossier_code, e));
    }
    let system = text(system, 1).and_then(|s| {
        System::from_name(&s).ok_or_else(|| {
            (
                ErrorCode::ParitySystem,
                COLUMNS[1],
                format!(
                    "{} is not a system; expected portal, coordination or sectoral",
                    quote(&s)
                ),
            )
        })
    });
    let system = system.map_err(|e| fail(&dossier_code, e))?;
    let status = text(trang_thai, 2).and_then(|s| {
        parse_status_code(&s).ok_or_else(|| {
            (
                ErrorCode::ParityStatus,
                COLUMNS[2],
                format!("{} is not a dossier status code 1-10", quote(&s)),
            )
        })
    });
    let status = status.map_err(|e| fail(&dossier_code, e))?;
    let updated_at = text(updated_at, 3).and_then(|s| {
        parse_updated_at(&s).ok_or_else(|| {
            (
                ErrorCode::ParityTime,
                COLUMNS[3],
                format!("{} is not a yyyyMMddHHmmss or yyyy-MM-dd HH:mm:ss time", quote(&s)),
            )
        })
    });
    let updated_at = updated_at.map_err(|e| fail(&dossier_code, e))?;
    Ok(StatusRow {
        line,
        dossier_code: dossier_code.expect("checked above"),
        system,
        status,
        updated_at,
    })
}

impl StatusRow {
    /// Builds a row from its four text fields (`None` = column absent). Fields are trimmed; the
    /// first problem in column order ([`COLUMNS`]) is reported: a missing or empty field 7104, an
    /// unknown system 7101, a status that is not 1-10 7102, an unreadable time 7103.
    pub fn from_fields(
        line: u64,
        ma_ho_so: Option<&str>,
        system: Option<&str>,
        trang_thai: Option<&str>,
        updated_at: Option<&str>,
    ) -> Result<StatusRow, RowError> {
        build_row(
            line,
            [ma_ho_so.into(), system.into(), trang_thai.into(), updated_at.into()],
        )
    }
}
