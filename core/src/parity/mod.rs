//! Status parity across systems (đối chiếu trạng thái hồ sơ giữa các hệ thống): the same dossier
//! (hồ sơ) as the National Public Service Portal (Cổng DVCQG, [`System::Portal`]), the coordination
//! system (Hệ thống điều phối, [`System::Coordination`]) and the ministry/province sectoral system
//! (hệ thống chuyên ngành, [`System::Sectoral`]) report it.
//!
//! Input rows are `(ma_ho_so, system, trang_thai, updated_at)`: the dossier code, the reporting
//! system, the DVCQG dossier status (TrangThaiHoSo 1-10) and the time of the report
//! (`yyyyMMddHHmmss` or `yyyy-MM-dd HH:mm:ss`, Vietnam local time). [`read_csv`] and [`read_jsonl`]
//! turn a caller-supplied [`Read`](std::io::Read) into rows with their line numbers; the core never opens files.
//!
//! Per dossier, [`Parity`] gives exactly one [`ParityResult`]:
//!
//! - [`ParityClass::Consistent`]: every reporting system has the same status (a dossier that only
//!   one system reports is consistent);
//! - [`ParityClass::Lagging`]: the statuses differ, but one leading status is reachable from every
//!   other one through the [`DOSSIER`](crate::status::DOSSIER) transition table; each behind system gets the shortest list of
//!   transitions that brings it level ([`SyncAction::Sync`]), with the guards the table puts on them
//!   (a reason for a stop or a refusal, an administrative action to reopen, a resume to leave a pause);
//! - [`ParityClass::Conflicting`]: no reported status is reachable from all the others (e.g. refused 3
//!   against processed 9, two different terminal statuses); the pairs that cannot be reconciled are
//!   named and a [`SyncAction::ManualReview`] is proposed.
//!
//! Which status leads: the status every other reported status can reach and that reaches none of
//! them ([`LeaderRule::Ahead`]). The table has cycles (2 ⇄ 4, a pause 5/6 and back, 8 → 4), so two
//! statuses of one cycle both reach each other; then the candidates are all statuses every other
//! one can reach, and the latest `updated_at` among them wins ([`LeaderRule::LatestUpdatedAt`]); on
//! equal times the fixed order portal, coordination, sectoral decides, the first one winning
//! ([`LeaderRule::SystemOrder`]). Among several systems with the leading status, the same order
//! (latest time, then portal, coordination, sectoral) names the leading system.
//!
//! Rows are never dropped. A row that cannot be read becomes a [`ParityEntry::Invalid`] entry
//! ([`RowError`], codes 7101-7104); when one system reports a dossier twice, the row with the latest
//! `updated_at` is kept (on equal times the later row) and the other becomes a [`SupersededRow`].
//! Every input row lands in exactly one output entry, and [`ParitySummary`] carries the control
//! totals (rows in = rows accounted for).
//!
//! ```
//! use motcua_core::parity::{read_csv, Parity, ParityClass};
//! let csv = "ma_ho_so,system,trang_thai,updated_at\n\
//!            H56-250715-0001,portal,2,20250715080000\n\
//!            H56-250715-0001,sectoral,4,20250715093000\n";
//! let report = Parity::check(read_csv(csv.as_bytes()));
//! assert_eq!(report.summary.entries.lagging, 1);
//! assert!(report.summary.balanced);
//! ```
use crate::error::{Error, ErrorCode};
use crate::status::{DossierStatus, Guard};
use std::collections::HashMap;

/// The input columns (CSV header names, JSON Lines keys), in the order problems are reported.
pub const COLUMNS: [&str; 4] = ["ma_ho_so", "system", "trang_thai", "updated_at"];

/// At most this many characters of an offending value are quoted in a message.
const QUOTE_MAX: usize = 32;

fn quote(s: &str) -> String {
    crate::text::shown(s, QUOTE_MAX)
}

mod path;
mod read;
mod report;
mod row;

use path::Paths;
pub use path::{shortest_path, Step};
pub use read::{read_csv, read_jsonl, read_rows, InputFormat, RowReader};
pub use report::{
    ClassCounts, Conflict, ConflictKind, Leader, LeaderRule, ManualReview, ParityClass, ParityEntry, ParityReport,
    ParityResult, ParitySummary, SupersededRow, SyncAction, SyncPlan, SystemReport,
};
pub use row::{parse_status_code, parse_updated_at, RowError, StatusRow, System};

/// One dossier's kept rows so far, one per system.
struct Group {
    /// Order of the dossier's first valid row.
    first: u64,
    /// Kept row per system.
    kept: [Option<StatusRow>; 3],
}

/// Status parity check over a stream of rows (đối chiếu trạng thái). Memory: one kept row per
/// (dossier, system); invalid and superseded rows are handed back as soon as they are seen.
pub struct Parity {
    paths: Paths,
    groups: HashMap<String, Group>,
    summary: ParitySummary,
}

impl Default for Parity {
    fn default() -> Self {
        Self::new()
    }
}

impl Parity {
    /// An empty check.
    pub fn new() -> Self {
        Self {
            paths: Paths::new(),
            groups: HashMap::new(),
            summary: ParitySummary {
                balanced: true,
                ..ParitySummary::default()
            },
        }
    }

    /// Adds one row. Returns the entry it produces at once: the row itself when invalid, or the row
    /// it supersedes (or that supersedes it). Dossier verdicts come from [`Parity::finish`].
    pub fn push(&mut self, row: Result<StatusRow, RowError>) -> Option<ParityEntry> {
        self.summary.rows_in += 1;
        let entry = match row {
            Err(e) => Some(ParityEntry::Invalid(e)),
            Ok(r) => {
                let order = self.summary.rows_in;
                let group = match self.groups.get_mut(&r.dossier_code) {
                    Some(g) => g,
                    None => self.groups.entry(r.dossier_code.clone()).or_insert(Group {
                        first: order,
                        kept: Default::default(),
                    }),
                };
                let slot = &mut group.kept[r.system.index()];
                match slot {
                    None => {
                        *slot = Some(r);
                        None
                    }
                    Some(old) if r.updated_at >= old.updated_at => {
                        let same_time = r.updated_at == old.updated_at;
                        let by = r.line;
                        let old = std::mem::replace(old, r);
                        Some(ParityEntry::Superseded(SupersededRow {
                            row: old,
                            superseded_by: by,
                            same_time,
                        }))
                    }
                    Some(old) => Some(ParityEntry::Superseded(SupersededRow {
                        superseded_by: old.line,
                        row: r,
                        same_time: false,
                    })),
                }
            }
        };
        if let Some(e) = &entry {
            self.summary.count(e);
        } else {
            self.summary.balanced = self.summary.rows_in == self.summary.rows_accounted;
        }
        entry
    }

    /// Judges every dossier: one verdict each, in the order of the dossiers' first valid rows, and
    /// the control totals of the whole run.
    pub fn finish(mut self) -> (Vec<ParityEntry>, ParitySummary) {
        let mut groups: Vec<(String, Group)> = std::mem::take(&mut self.groups).into_iter().collect();
        groups.sort_unstable_by_key(|(_, g)| g.first);
        let mut out = Vec::with_capacity(groups.len());
        for (code, g) in groups {
            let rows: Vec<StatusRow> = g.kept.into_iter().flatten().collect();
            let e = ParityEntry::Dossier(self.judge(code, &rows));
            self.summary.count(&e);
            out.push(e);
        }
        (out, self.summary)
    }

    /// Checks a whole input: every entry and the control totals.
    pub fn check(rows: impl IntoIterator<Item = Result<StatusRow, RowError>>) -> ParityReport {
        let mut p = Parity::new();
        let mut entries: Vec<ParityEntry> = rows.into_iter().filter_map(|r| p.push(r)).collect();
        let (verdicts, summary) = p.finish();
        entries.extend(verdicts);
        ParityReport { entries, summary }
    }

    /// The verdict on one dossier from its kept rows (one per system, in system order).
    fn judge(&self, dossier_code: String, rows: &[StatusRow]) -> ParityResult {
        let systems: Vec<SystemReport> = rows.iter().map(SystemReport::of).collect();
        let mut result = ParityResult {
            class: ParityClass::Consistent,
            dossier_code,
            systems,
            status: None,
            leader: None,
            behind: Vec::new(),
            conflicts: Vec::new(),
            reason: None,
            actions: Vec::new(),
        };
        let reports = &result.systems;
        let first = reports[0].status;
        if reports.iter().all(|r| r.status == first) {
            result.status = Some(first);
            return result;
        }
        let reaches = |a: DossierStatus, b: DossierStatus| self.paths.reaches(a, b);
        // Candidates: statuses every other reported status can reach.
        let candidates: Vec<&SystemReport> = reports
            .iter()
            .filter(|c| reports.iter().all(|t| reaches(t.status, c.status)))
            .collect();
        if candidates.is_empty() {
            return self.conflicting(result);
        }
        // Strictly ahead: reaches none of the other statuses (at most one status qualifies).
        let ahead: Vec<&SystemReport> = candidates
            .iter()
            .copied()
            .filter(|c| {
                reports
                    .iter()
                    .filter(|t| t.status != c.status)
                    .all(|t| !reaches(c.status, t.status))
            })
            .collect();
        let pool = if ahead.is_empty() { &candidates } else { &ahead };
        // Latest updated_at, then portal < coordination < sectoral (the first wins).
        let leader = *pool
            .iter()
            .min_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.system.cmp(&b.system)))
            .expect("non-empty pool");
        let rule = if !ahead.is_empty() {
            LeaderRule::Ahead
        } else if pool
            .iter()
            .any(|c| c.status != leader.status && c.updated_at == leader.updated_at)
        {
            LeaderRule::SystemOrder
        } else {
            LeaderRule::LatestUpdatedAt
        };
        let leader = leader.clone();
        let mut reasons = Vec::new();
        for r in reports.iter().filter(|r| r.status != leader.status) {
            let path = self
                .paths
                .get(r.status, leader.status)
                .expect("candidates are reachable")
                .clone();
            reasons.push(format!(
                "{} is {} step{} behind {}",
                r.label(),
                path.len(),
                if path.len() == 1 { "" } else { "s" },
                leader.label()
            ));
            result.behind.push(r.system);
            result.actions.push(SyncAction::Sync(SyncPlan {
                dossier_code: result.dossier_code.clone(),
                system: r.system,
                from: r.status,
                to: leader.status,
                needs_reason: path.iter().any(|s| s.guard == Guard::Reason),
                needs_admin: path.iter().any(|s| s.guard == Guard::Admin),
                transitions: path,
            }));
        }
        result.class = ParityClass::Lagging;
        result.status = Some(leader.status);
        result.reason = Some(reasons.join("; "));
        result.leader = Some(Leader { report: leader, rule });
        result
    }

    fn conflicting(&self, mut result: ParityResult) -> ParityResult {
        let reports = &result.systems;
        for (i, a) in reports.iter().enumerate() {
            for b in &reports[i + 1..] {
                if a.status == b.status
                    || self.paths.reaches(a.status, b.status)
                    || self.paths.reaches(b.status, a.status)
                {
                    continue;
                }
                let kind = match (a.status.is_terminal(), b.status.is_terminal()) {
                    (true, true) => ConflictKind::DivergentTerminals,
                    (true, false) | (false, true) => ConflictKind::TerminalUnreachable,
                    (false, false) => ConflictKind::Divergent,
                };
                result.conflicts.push(Conflict {
                    a: a.clone(),
                    b: b.clone(),
                    kind,
                });
            }
        }
        let reason = result
            .conflicts
            .iter()
            .map(Conflict::describe)
            .collect::<Vec<_>>()
            .join("; ");
        result.actions.push(SyncAction::ManualReview(ManualReview {
            dossier_code: result.dossier_code.clone(),
            systems: result.systems.clone(),
            reason: reason.clone(),
        }));
        result.class = ParityClass::Conflicting;
        result.reason = Some(reason);
        result
    }
}

/// The JSON face for the bindings: reads `input` as `csv` or `jsonl` and returns the
/// [`ParityReport`] as `{"entries": [...], "summary": {...}}`. An unknown format is an error (9004,
/// field `format`).
pub fn parity_json(input: &str, format: &str) -> Result<String, Error> {
    let format = InputFormat::from_name(format)?;
    let report = Parity::check(read_rows(input.as_bytes(), format));
    serde_json::to_string(&report).map_err(|e| Error::new(ErrorCode::Internal, "report", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DossierStatus::*;

    #[test]
    fn reachability_matches_the_table() {
        // The cycle {2, 4, 5, 6, 8} reaches itself; terminals reach nothing.
        for a in [Received, Processing, SupplementRequested, AwaitingPayment, Stopped] {
            for b in [
                Received,
                Processing,
                SupplementRequested,
                AwaitingPayment,
                Stopped,
                Processed,
                Returned,
            ] {
                assert!(shortest_path(a, b).is_some(), "{a:?} -> {b:?}");
            }
        }
        for t in [Refused, Withdrawn, Returned] {
            for b in DossierStatus::ALL.into_iter().filter(|&b| b != t) {
                assert!(shortest_path(t, b).is_none(), "{t:?} -> {b:?}");
            }
        }
        assert!(shortest_path(Processed, Refused).is_none());
        assert!(shortest_path(Received, Refused).is_none());
        let p = shortest_path(Stopped, Processed).unwrap();
        assert_eq!(
            p.iter().map(|s| s.guard).collect::<Vec<_>>(),
            [Guard::Admin, Guard::Plain]
        );
        assert_eq!(shortest_path(Received, Received), Some(Vec::new()));
    }

    #[test]
    fn times_and_codes() {
        assert_eq!(
            parse_updated_at("2025-07-15 08:30:00"),
            parse_updated_at("20250715083000")
        );
        assert!(parse_updated_at("2025-07-15T08:30:00").is_none());
        assert!(parse_updated_at("2025-02-30 08:30:00").is_none());
        assert!(parse_updated_at("+2025-07-15 08:30").is_none());
        assert_eq!(parse_status_code("04"), Some(Processing));
        for bad in ["0", "11", "4.0", "-4", "", "a", "0004"] {
            assert_eq!(parse_status_code(bad), None, "{bad}");
        }
    }
}
