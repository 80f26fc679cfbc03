//! What a parity check gives: per dossier a class, the leader, the conflicts and the sync plan; the
//! superseded and invalid rows; the control totals.
use super::path::Step;
use super::row::{RowError, StatusRow, System};
use crate::status::DossierStatus;
use crate::sync::time::format_dvcqg_time;
use chrono::NaiveDateTime;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// The class of an output entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParityClass {
    /// Khớp: every reporting system has the same status.
    Consistent,
    /// Chậm đồng bộ: some systems are behind a status they can still reach.
    Lagging,
    /// Mâu thuẫn: no reported status is reachable from all the others.
    Conflicting,
    /// A row replaced by a later report of the same system for the same dossier.
    Superseded,
    /// A row that could not be read (7101-7104).
    InvalidInput,
}

impl ParityClass {
    /// All classes, in report order.
    pub const ALL: [ParityClass; 5] = [
        ParityClass::Consistent,
        ParityClass::Lagging,
        ParityClass::Conflicting,
        ParityClass::Superseded,
        ParityClass::InvalidInput,
    ];

    /// Stable name, e.g. `invalid_input`.
    pub fn name(self) -> &'static str {
        match self {
            ParityClass::Consistent => "consistent",
            ParityClass::Lagging => "lagging",
            ParityClass::Conflicting => "conflicting",
            ParityClass::Superseded => "superseded",
            ParityClass::InvalidInput => "invalid_input",
        }
    }
}

/// What one system reports for a dossier (the kept row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemReport {
    /// The system.
    pub system: System,
    /// Trạng thái hồ sơ.
    pub status: DossierStatus,
    /// Time of the report.
    pub updated_at: NaiveDateTime,
    /// Line of the row.
    pub line: u64,
}

/// `{"system", "status", "key", "updated_at": "yyyyMMddHHmmss", "line"}`.
impl Serialize for SystemReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SystemReport", 5)?;
        st.serialize_field("system", &self.system)?;
        st.serialize_field("status", &self.status.code())?;
        st.serialize_field("key", self.status.key())?;
        st.serialize_field("updated_at", &format_dvcqg_time(&self.updated_at))?;
        st.serialize_field("line", &self.line)?;
        st.end()
    }
}

impl SystemReport {
    pub(super) fn of(r: &StatusRow) -> Self {
        Self {
            system: r.system,
            status: r.status,
            updated_at: r.updated_at,
            line: r.line,
        }
    }

    pub(super) fn label(&self) -> String {
        format!(
            "{} at {} ({})",
            self.system.name(),
            self.status.code(),
            self.status.key()
        )
    }
}

/// How the leading status was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaderRule {
    /// `ahead`: every other status reaches it and it reaches none of them.
    Ahead,
    /// `latest_updated_at`: several candidates reach each other (a cycle of the table, e.g. 2 ⇄ 4);
    /// the latest report wins.
    LatestUpdatedAt,
    /// `system_order`: candidates of a cycle with the same latest time; portal, then coordination,
    /// then sectoral wins.
    SystemOrder,
}

/// The leading system of a lagging dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    /// What it reports.
    pub report: SystemReport,
    /// How it was chosen.
    pub rule: LeaderRule,
}

/// `{"system", "status", "key", "updated_at", "line", "rule"}`.
impl Serialize for Leader {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.report;
        let mut st = s.serialize_struct("Leader", 6)?;
        st.serialize_field("system", &r.system)?;
        st.serialize_field("status", &r.status.code())?;
        st.serialize_field("key", r.status.key())?;
        st.serialize_field("updated_at", &format_dvcqg_time(&r.updated_at))?;
        st.serialize_field("line", &r.line)?;
        st.serialize_field("rule", &self.rule)?;
        st.end()
    }
}

/// Why two reports cannot be reconciled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// `divergent_terminals`: two different terminal statuses (3, 7, 10).
    DivergentTerminals,
    /// `terminal_unreachable`: one status is terminal and the other can no longer reach it (e.g.
    /// refused 3 against processed 9).
    TerminalUnreachable,
    /// `divergent`: neither status is terminal and neither reaches the other (impossible with the
    /// current table; kept for table changes).
    Divergent,
}

/// A pair of systems whose statuses cannot be reconciled: neither reaches the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The first system (in portal, coordination, sectoral order).
    pub a: SystemReport,
    /// The second system.
    pub b: SystemReport,
    /// Why.
    pub kind: ConflictKind,
}

/// `{"a": {"system","status","key"}, "b": {...}, "kind"}` (times and lines are in `systems`).
impl Serialize for Conflict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Side<'a>(&'a SystemReport);
        impl Serialize for Side<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Side", 3)?;
                st.serialize_field("system", &self.0.system)?;
                st.serialize_field("status", &self.0.status.code())?;
                st.serialize_field("key", self.0.status.key())?;
                st.end()
            }
        }
        let mut st = s.serialize_struct("Conflict", 3)?;
        st.serialize_field("a", &Side(&self.a))?;
        st.serialize_field("b", &Side(&self.b))?;
        st.serialize_field("kind", &self.kind)?;
        st.end()
    }
}

impl Conflict {
    pub(super) fn describe(&self) -> String {
        let (a, b) = (&self.a, &self.b);
        let pair = format!(
            "{} {} ({}) and {} {} ({})",
            a.system.name(),
            a.status.code(),
            a.status.key(),
            b.system.name(),
            b.status.code(),
            b.status.key()
        );
        match self.kind {
            ConflictKind::DivergentTerminals => format!("{pair}: two different terminal statuses"),
            ConflictKind::TerminalUnreachable => {
                let (t, o) = if a.status.is_terminal() { (a, b) } else { (b, a) };
                format!(
                    "{pair}: {} is terminal and {} cannot reach it",
                    t.status.code(),
                    o.status.code()
                )
            }
            ConflictKind::Divergent => format!("{pair}: neither status can reach the other"),
        }
    }
}

/// Corrective sync of one behind system (đồng bộ bổ sung).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncPlan {
    /// Mã hồ sơ.
    #[serde(rename = "ma_ho_so")]
    pub dossier_code: String,
    /// The behind system.
    pub system: System,
    /// Its status now.
    #[serde(serialize_with = "ser_code")]
    pub from: DossierStatus,
    /// The leading status.
    #[serde(serialize_with = "ser_code")]
    pub to: DossierStatus,
    /// The shortest path of table transitions from `from` to `to`.
    pub transitions: Vec<Step>,
    /// Some transition needs a reason (lý do): a stop (8) or a refusal (3).
    pub needs_reason: bool,
    /// Some transition needs an explicit administrative action (reopening a stopped dossier).
    pub needs_admin: bool,
}

/// A conflicting dossier for a person to look at (kiểm tra thủ công).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManualReview {
    /// Mã hồ sơ.
    #[serde(rename = "ma_ho_so")]
    pub dossier_code: String,
    /// What each system reports.
    pub systems: Vec<SystemReport>,
    /// Which systems and statuses cannot be reconciled.
    pub reason: String,
}

fn ser_code<S: Serializer>(s: &DossierStatus, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_u8(s.code())
}

/// A corrective action (hành động đồng bộ), JSON with a `kind` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncAction {
    /// `sync`: bring a lagging system level with the leader.
    Sync(SyncPlan),
    /// `manual_review`: a conflicting dossier.
    ManualReview(ManualReview),
}

/// The verdict on one dossier (kết quả đối chiếu một hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParityResult {
    /// Consistent, lagging or conflicting.
    pub class: ParityClass,
    /// Mã hồ sơ.
    pub dossier_code: String,
    /// What each reporting system says (kept rows, portal, coordination, sectoral order).
    pub systems: Vec<SystemReport>,
    /// The common status (consistent), the leading status (lagging), `None` (conflicting).
    pub status: Option<DossierStatus>,
    /// The leading system (lagging only).
    pub leader: Option<Leader>,
    /// The systems behind the leader (lagging only).
    pub behind: Vec<System>,
    /// The pairs that cannot be reconciled (conflicting only).
    pub conflicts: Vec<Conflict>,
    /// Why, naming systems and statuses (lagging and conflicting).
    pub reason: Option<String>,
    /// One sync per behind system (lagging) or one manual review (conflicting).
    pub actions: Vec<SyncAction>,
}

/// `{"class", "ma_ho_so", "rows", "lines", "systems", "status", "key", "leader", "behind",
/// "conflicts", "reason", "actions"}`.
impl Serialize for ParityResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lines: Vec<u64> = self.systems.iter().map(|r| r.line).collect();
        let mut st = s.serialize_struct("ParityResult", 12)?;
        st.serialize_field("class", &self.class)?;
        st.serialize_field("ma_ho_so", &self.dossier_code)?;
        st.serialize_field("rows", &self.systems.len())?;
        st.serialize_field("lines", &lines)?;
        st.serialize_field("systems", &self.systems)?;
        st.serialize_field("status", &self.status.map(DossierStatus::code))?;
        st.serialize_field("key", &self.status.map(DossierStatus::key))?;
        st.serialize_field("leader", &self.leader)?;
        st.serialize_field("behind", &self.behind)?;
        st.serialize_field("conflicts", &self.conflicts)?;
        st.serialize_field("reason", &self.reason)?;
        st.serialize_field("actions", &self.actions)?;
        st.end()
    }
}

/// A row replaced by another report of the same system for the same dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupersededRow {
    /// The replaced row.
    pub row: StatusRow,
    /// Line of the row that replaced it (which may in turn be replaced by a later one).
    pub superseded_by: u64,
    /// Both rows have the same `updated_at`: the later row won.
    pub same_time: bool,
}

/// `{"class": "superseded", "line", "rows": 1, "ma_ho_so", "system", "status", "key", "updated_at",
/// "superseded_by", "reason"}`.
impl Serialize for SupersededRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.row;
        let reason = if self.same_time {
            format!(
                "{} reports this dossier again at the same updated_at on line {}; the later row wins",
                r.system.name(),
                self.superseded_by
            )
        } else {
            format!(
                "{} reports this dossier with a later updated_at on line {}",
                r.system.name(),
                self.superseded_by
            )
        };
        let mut st = s.serialize_struct("SupersededRow", 10)?;
        st.serialize_field("class", &ParityClass::Superseded)?;
        st.serialize_field("line", &r.line)?;
        st.serialize_field("rows", &1)?;
        st.serialize_field("ma_ho_so", &r.dossier_code)?;
        st.serialize_field("system", &r.system)?;
        st.serialize_field("status", &r.status.code())?;
        st.serialize_field("key", r.status.key())?;
        st.serialize_field("updated_at", &format_dvcqg_time(&r.updated_at))?;
        st.serialize_field("superseded_by", &self.superseded_by)?;
        st.serialize_field("reason", &reason)?;
        st.end()
    }
}

/// `{"class": "invalid_input", "line", "rows": 1, "ma_ho_so" (or null), "error": {"code", "name",
/// "field", "message"}}`.
impl Serialize for RowError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("RowError", 5)?;
        st.serialize_field("class", &ParityClass::InvalidInput)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("rows", &1)?;
        st.serialize_field("ma_ho_so", &self.dossier_code)?;
        st.serialize_field("error", &self.error)?;
        st.end()
    }
}

/// One output entry: a dossier's verdict, a superseded row or an invalid row. Serialised without a
/// wrapper; every form has `class` and `rows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ParityEntry {
    /// A dossier's verdict (covers its kept rows, one per system).
    Dossier(ParityResult),
    /// A row replaced by a later one.
    Superseded(SupersededRow),
    /// A row that could not be read.
    Invalid(RowError),
}

impl ParityEntry {
    /// The entry's class.
    pub fn class(&self) -> ParityClass {
        match self {
            ParityEntry::Dossier(r) => r.class,
            ParityEntry::Superseded(_) => ParityClass::Superseded,
            ParityEntry::Invalid(_) => ParityClass::InvalidInput,
        }
    }

    /// How many input rows the entry accounts for.
    pub fn rows(&self) -> u64 {
        match self {
            ParityEntry::Dossier(r) => r.systems.len() as u64,
            ParityEntry::Superseded(_) | ParityEntry::Invalid(_) => 1,
        }
    }

    /// The input lines the entry accounts for.
    pub fn lines(&self) -> Vec<u64> {
        match self {
            ParityEntry::Dossier(r) => r.systems.iter().map(|s| s.line).collect(),
            ParityEntry::Superseded(s) => vec![s.row.line],
            ParityEntry::Invalid(e) => vec![e.line],
        }
    }
}

/// Counts per class (entries or rows), with their total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClassCounts {
    /// Consistent dossiers.
    pub consistent: u64,
    /// Lagging dossiers.
    pub lagging: u64,
    /// Conflicting dossiers.
    pub conflicting: u64,
    /// Superseded rows.
    pub superseded: u64,
    /// Invalid rows.
    pub invalid_input: u64,
    /// Sum of the above.
    pub total: u64,
}

impl ClassCounts {
    fn add(&mut self, class: ParityClass, n: u64) {
        let slot = match class {
            ParityClass::Consistent => &mut self.consistent,
            ParityClass::Lagging => &mut self.lagging,
            ParityClass::Conflicting => &mut self.conflicting,
            ParityClass::Superseded => &mut self.superseded,
            ParityClass::InvalidInput => &mut self.invalid_input,
        };
        *slot += n;
        self.total += n;
    }

    /// The count of one class.
    pub fn get(&self, class: ParityClass) -> u64 {
        match class {
            ParityClass::Consistent => self.consistent,
            ParityClass::Lagging => self.lagging,
            ParityClass::Conflicting => self.conflicting,
            ParityClass::Superseded => self.superseded,
            ParityClass::InvalidInput => self.invalid_input,
        }
    }
}

/// Control totals of a run (số liệu kiểm soát).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ParitySummary {
    /// Rows read (valid or not; blank lines and the CSV header are not rows).
    pub rows_in: u64,
    /// Σ rows over the output entries.
    pub rows_accounted: u64,
    /// `rows_in == rows_accounted`.
    pub balanced: bool,
    /// Dossiers with at least one valid row (= consistent + lagging + conflicting entries).
    pub dossiers: u64,
    /// Output entries per class.
    pub entries: ClassCounts,
    /// Input rows per class.
    pub rows: ClassCounts,
    /// Sync actions (one per behind system).
    pub sync_actions: u64,
    /// Sync actions with a transition that needs a reason.
    pub needs_reason: u64,
    /// Sync actions with a transition that needs an administrative action.
    pub needs_admin: u64,
    /// Manual reviews (one per conflicting dossier).
    pub manual_reviews: u64,
}

impl ParitySummary {
    pub(super) fn count(&mut self, e: &ParityEntry) {
        let rows = e.rows();
        self.entries.add(e.class(), 1);
        self.rows.add(e.class(), rows);
        self.rows_accounted += rows;
        if let ParityEntry::Dossier(r) = e {
            self.dossiers += 1;
            for a in &r.actions {
                match a {
                    SyncAction::Sync(p) => {
                        self.sync_actions += 1;
                        self.needs_reason += u64::from(p.needs_reason);
                        self.needs_admin += u64::from(p.needs_admin);
                    }
                    SyncAction::ManualReview(_) => self.manual_reviews += 1,
                }
            }
        }
        self.balanced = self.rows_in == self.rows_accounted;
    }
}

/// Every output entry and the control totals: `{"entries": [...], "summary": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParityReport {
    /// Invalid and superseded rows in input order, then one verdict per dossier in the order of
    /// each dossier's first valid row.
    pub entries: Vec<ParityEntry>,
    /// Control totals.
    pub summary: ParitySummary,
}
