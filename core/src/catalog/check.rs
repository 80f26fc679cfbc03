//! Configuration checks of a catalogue (kiểm tra cấu hình thủ tục): every problem, with the
//! procedure code and the line it comes from.
use super::model::{FeeKind, Level, Procedure, ProcessingTime, ServiceLevel};
use super::normalize::normalize;
use crate::ids::{IdRules, ProcedureCode};
use crate::tables::{self, CommuneTable};
use crate::{Error, ErrorCode, Vnd};
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

const AGENCY_LEVELS: &str = include_str!("../../data/agency_levels.csv");

/// Which levels agency names point to (bundled `data/agency_levels.csv`).
#[derive(Debug, Clone)]
pub struct AgencyLevels {
    /// (phrase words, level or None for "names no level", only at the start of a part).
    phrases: Vec<(Vec<String>, Option<Level>, bool)>,
}

impl AgencyLevels {
    /// The bundled table (its rows are checked by a test, so it always reads).
    pub fn bundled() -> Self {
        Self::from_csv(AGENCY_LEVELS).unwrap_or(Self { phrases: Vec::new() })
    }

    /// A table of the bundled layout `cum_tu,cap,vi_tri` (`#` lines are comments): `cap` is a level
    /// (`bo`, `tinh`, `xa`, `khac`, `huyen`) or `-`, `vi_tri` is `start` or `any`. Errors name the row.
    pub fn from_csv(text: &str) -> Result<Self, Error> {
        let body: String = crate::text::lines(text)
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let mut phrases = Vec::new();
        for (i, rec) in csv::Reader::from_reader(body.as_bytes()).records().enumerate() {
            let bad = |what: &str| {
                Error::new(
                    ErrorCode::CatalogInput,
                    "agency_levels",
                    format!("row {}: {what}", i + 1),
                )
            };
            let rec = rec.map_err(|_| bad("malformed CSV"))?;
            let (phrase, level, place) = (
                rec.get(0).unwrap_or(""),
                rec.get(1).unwrap_or(""),
                rec.get(2).unwrap_or(""),
            );
            let level = match level.trim() {
                "-" => None,
                l => Some(Level::parse(l).ok_or_else(|| bad("cap is not bo, tinh, xa, khac, huyen or -"))?),
            };
            let start = match place.trim() {
                "start" => true,
                "any" => false,
                _ => return Err(bad("vi_tri is not start or any")),
            };
            let words: Vec<String> = normalize(phrase)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if words.is_empty() {
                return Err(bad("cum_tu is empty"));
            }
            phrases.push((words, level, start));
        }
        phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        Ok(Self { phrases })
    }

    /// The levels an agency name points to (empty when it names none the table knows).
    pub fn levels_of(&self, agency: &str) -> Vec<Level> {
        let mut out = Vec::new();
        for part in agency.split([',', ';']) {
            let n = normalize(part);
            let w: Vec<&str> = n.split(' ').filter(|x| !x.is_empty()).collect();
            let mut i = 0;
            while i < w.len() {
                let hit = self.phrases.iter().find(|(p, _, start)| {
                    (!start || i == 0) && w.len() - i >= p.len() && p.iter().zip(&w[i..]).all(|(a, b)| a == b)
                });
                match hit {
                    Some((p, level, _)) => {
                        if let Some(l) = level {
                            if !out.contains(l) {
                                out.push(*l);
                            }
                        }
                        i += p.len();
                    }
                    None => i += 1,
                }
            }
        }
        out
    }
}

/// Rules of the checks.
#[derive(Debug, Clone)]
pub struct CheckRules {
    /// Commune table the localities are checked against.
    pub commune_table: CommuneTable,
    /// Agency-name phrases and their levels.
    pub agency_levels: AgencyLevels,
}

impl Default for CheckRules {
    fn default() -> Self {
        Self {
            commune_table: CommuneTable::Cv1027,
            agency_levels: AgencyLevels::bundled(),
        }
    }
}

/// One configuration problem of one procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Mã thủ tục as written (may be empty when that is the problem).
    pub procedure: String,
    /// Line or position in the source.
    pub line: u64,
    /// What is wrong: stable code, field, detail.
    pub error: Error,
}

/// `{"ma_thu_tuc", "line", "code", "name", "field", "message"}`.
impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("ma_thu_tuc", &self.procedure)?;
        m.serialize_entry("line", &self.line)?;
        m.serialize_entry("code", &self.error.code.code())?;
        m.serialize_entry("name", self.error.code.name())?;
        m.serialize_entry("field", &self.error.field)?;
        m.serialize_entry("message", &self.error.to_string())?;
        m.end()
    }
}

/// Everything the checks found.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CheckReport {
    /// Procedures checked.
    pub procedures: usize,
    /// Procedures with at least one problem.
    pub procedures_with_problems: usize,
    /// Every problem, in source order.
    pub problems: Vec<Problem>,
    /// Problems per kind (stable name).
    pub counts: BTreeMap<&'static str, usize>,
    /// Checks skipped because the source does not declare the column, with how many procedures.
    pub not_checked: BTreeMap<&'static str, usize>,
}

/// Runs every check over the catalogue.
pub fn check(procs: &[Procedure], rules: &CheckRules) -> CheckReport {
    let mut problems = Vec::new();
    let mut not_checked: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut seen: HashMap<&str, u64> = HashMap::new();
    let bases: HashSet<&str> = procs
        .iter()
        .filter(|p| p.code.len() == 8)
        .map(|p| p.code.as_str())
        .collect();
    // The procedure-code grammar does not depend on the date the rules carry.
    let id_rules = IdRules::new(chrono::NaiveDate::default());
    for p in procs {
        let mut add = |code: ErrorCode, field: &'static str, detail: String| {
            problems.push(Problem {
                procedure: p.code.clone(),
                line: p.line,
                error: Error::new(code, field, detail),
            })
        };
        // Code: grammar, duplicates, local variant without its base.
        match ProcedureCode::parse(&p.code, &id_rules) {
            Err(e) => add(ErrorCode::CatalogCode, "ma_thu_tuc", e.0.detail),
            Ok(c) => {
                if c.agency.is_some() && !bases.contains(c.base.as_str()) {
                    add(
                        ErrorCode::CatalogBaseMissing,
                        "ma_thu_tuc",
                        format!("local variant of {} which is not in the catalogue", c.base),
                    );
                }
            }
        }
        if !p.code.is_empty() {
            match seen.entry(&p.code) {
                Entry::Occupied(first) => add(
                    ErrorCode::CatalogDuplicateCode,
                    "ma_thu_tuc",
                    format!("already on line {}", first.get()),
                ),
                Entry::Vacant(v) => {
                    v.insert(p.line);
                }
            }
        }
        if p.name.trim().is_empty() {
            add(ErrorCode::CatalogName, "ten_thu_tuc", "empty".into());
        }
        // Levels, and whether the agency works at one of them.
        let (levels, unknown) = Level::parse_list(&p.levels);
        if levels.is_empty() && unknown.is_empty() {
            add(ErrorCode::CatalogLevel, "cap_thuc_hien", "empty".into());
        }
        for u in unknown {
            let shown = crate::text::shown(&u, 30);
            add(
                ErrorCode::CatalogLevel,
                "cap_thuc_hien",
                format!("{shown} is not a level"),
            );
        }
        if levels.contains(&Level::Huyen) {
            add(
                ErrorCode::CatalogLevel,
                "cap_thuc_hien",
                "Cấp huyện: the district level was abolished on 1 July 2025".into(),
            );
        }
        match p.agency.as_deref() {
            None => *not_checked.entry("co_quan").or_default() += 1,
            Some("") => add(
                ErrorCode::CatalogUnit,
                "co_quan",
                "processing unit (cơ quan thực hiện) missing".into(),
            ),
            Some(a) => {
                let at = rules.agency_levels.levels_of(a);
                let own: Vec<Level> = levels
                    .iter()
                    .copied()
                    .filter(|l| matches!(l, Level::Bo | Level::Tinh | Level::Xa))
                    .collect();
                if at.contains(&Level::Huyen) {
                    add(
                        ErrorCode::CatalogLevelAgency,
                        "co_quan",
                        "names a district-level body (abolished 1 July 2025)".into(),
                    );
                } else if !at.is_empty() && !own.is_empty() && !own.iter().any(|l| at.contains(l)) {
                    let names = |v: &[Level]| v.iter().map(|l| l.name()).collect::<Vec<_>>().join(", ");
                    add(
                        ErrorCode::CatalogLevelAgency,
                        "cap_thuc_hien",
                        format!("levels {} but the agency works at {}", names(&own), names(&at)),
                    );
                }
            }
        }
        match p.receiving_unit.as_deref() {
            None => *not_checked.entry("co_quan_tiep_nhan").or_default() += 1,
            Some("") => add(
                ErrorCode::CatalogUnit,
                "co_quan_tiep_nhan",
                "receiving unit missing".into(),
            ),
            Some(_) => {}
        }
        match p.locality.as_deref() {
            None => *not_checked.entry("dia_ban").or_default() += 1,
            Some(l) => {
                if let Some(d) = locality_problem(l, rules.commune_table) {
                    add(ErrorCode::CatalogLocality, "dia_ban", d);
                }
            }
        }
        // Online service needs an e-form.
        let online = match p.service_level.as_deref() {
            None => {
                *not_checked.entry("muc_do").or_default() += 1;
                None
            }
            Some(s) => match ServiceLevel::parse(s) {
                Ok(level) => level,
                Err(()) => {
                    let shown = crate::text::shown(s, 20);
                    add(
                        ErrorCode::CatalogServiceLevel,
                        "muc_do",
                        format!("{shown} is not toàn trình or một phần"),
                    );
                    None
                }
            },
        };
        match (online, p.eform.as_deref()) {
            (Some(_), None) => *not_checked.entry("bieu_mau_dien_tu").or_default() += 1,
            (Some(l), Some("")) => add(
                ErrorCode::CatalogEform,
                "bieu_mau_dien_tu",
                format!(
                    "online ({}) but no e-form",
                    if l == ServiceLevel::ToanTrinh {
                        "toàn trình"
                    } else {
                        "một phần"
                    }
                ),
            ),
            _ => {}
        }
        match &p.fees {
            None => *not_checked.entry("phi_le_phi").or_default() += 1,
            Some(fees) => {
                for (i, f) in fees.iter().enumerate() {
                    let n = i + 1;
                    if f.code.is_empty() {
                        add(
                            ErrorCode::CatalogFee,
                            "phi_le_phi.ma_phi",
                            format!("fee {n}: no fee code"),
                        );
                    }
                    if FeeKind::parse(&f.kind).is_none() {
                        add(
                            ErrorCode::CatalogFee,
                            "phi_le_phi.loai",
                            format!("fee {n}: kind is not phí or lệ phí"),
                        );
                    }
                    if let Err(e) = Vnd::parse_non_negative("so_tien", &f.amount) {
                        add(
                            ErrorCode::CatalogFee,
                            "phi_le_phi.so_tien",
                            format!("fee {n}: {}", e.0.detail),
                        );
                    }
                    if f.beneficiary_account.is_empty() {
                        add(
                            ErrorCode::CatalogFee,
                            "phi_le_phi.tk_thu_huong",
                            format!("fee {n}: no beneficiary account"),
                        );
                    }
                }
            }
        }
        match p.processing_time.as_deref() {
            None => *not_checked.entry("thoi_han").or_default() += 1,
            Some("") => add(ErrorCode::CatalogProcessingTime, "thoi_han", "missing".into()),
            Some(t) => {
                if ProcessingTime::parse(t).is_none() {
                    let shown = crate::text::shown(t, 30);
                    add(
                        ErrorCode::CatalogProcessingTime,
                        "thoi_han",
                        format!("{shown} is not a number with a unit (ngày làm việc, ngày, giờ, tháng)"),
                    );
                }
            }
        }
    }
    let mut counts = BTreeMap::new();
    for p in &problems {
        *counts.entry(p.error.code.name()).or_default() += 1;
    }
    let with: HashSet<u64> = problems.iter().map(|p| p.line).collect();
    CheckReport {
        procedures: procs.len(),
        procedures_with_problems: with.len(),
        problems,
        counts,
        not_checked,
    }
}

/// Why a locality code is not a current province or commune, or `None` when it is.
fn locality_problem(l: &str, table: CommuneTable) -> Option<String> {
    let shown = crate::text::shown(l, 12);
    if l.is_empty() {
        return Some("missing".into());
    }
    match l.len() {
        2 if tables::province(l).is_some() => None,
        2 if tables::old_province(l).is_some() => Some(format!("{shown} is a pre-2025 province, not current")),
        5 if tables::commune(table, l).is_some() => None,
        5 if !tables::old_commune_successors(l).is_empty() => {
            Some(format!("{shown} is a pre-2025 commune, not current"))
        }
        _ => Some(format!(
            "{shown} is not a current province (2 digits) or commune (5 digits) code"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_agency_table_reads_and_bad_rows_are_named() {
        let t = AgencyLevels::from_csv(AGENCY_LEVELS).unwrap();
        assert!(t.phrases.len() > 20);
        assert_eq!(t.levels_of("Bộ Tài chính"), [Level::Bo]);
        assert_eq!(t.levels_of("Bộ phận một cửa"), []);
        assert_eq!(t.levels_of("Bảo hiểm xã hội cấp Tỉnh"), [Level::Tinh]);
        assert_eq!(
            t.levels_of("Cục quản lý xuất nhập cảnh, Công an tỉnh"),
            [Level::Bo, Level::Tinh]
        );
        assert_eq!(t.levels_of("Công an huyện"), [Level::Huyen]);
        let e = AgencyLevels::from_csv("cum_tu,cap,vi_tri\nsở,tinh,start\nphòng,quan,any\n").unwrap_err();
        assert_eq!(e.code, ErrorCode::CatalogInput);
        assert!(e.to_string().contains("row 2"), "{e}");
        assert!(AgencyLevels::from_csv("cum_tu,cap,vi_tri\nsở,tinh,middle\n").is_err());
    }
}
