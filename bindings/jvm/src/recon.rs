//! Reconciliation (đối soát: bank credits ↔ payment attempts ↔ dossiers) and status parity
//! (đối chiếu trạng thái) for the JVM. Conversion glue only: every rule lives in
//! `motcua_core::recon` and `motcua_core::parity` behind their JSON faces
//! (`recon::request::reconcile_json`, `parity::parity_json`); the files faces are `motcua-io`'s,
//! shared with the C and Python bindings and the CLI.
//!
//! Records cross as `Map<String, String>` keyed by the CSV column names of
//! `tests/vectors/recon/*.csv`; result rows come back as typed [`ReconRow`]s, control totals and
//! parity reports as JSON text (the same JSON as the CLI's). A record that cannot be read is a row
//! of class `invalid_input` carrying its error (7001-7007), never an exception. Exceptions: bad
//! arguments, unreadable or unwritable files and a bad window are `MotcuaException.Config` (9004,
//! `field` naming the argument: `dossiers`, `out`, `window_hours`, ...); a file whose header lacks
//! a required column is `MotcuaException.Recon` with its 7000-range code (field `bank.so_tien`...).
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

use crate::payments::ReportError;
use crate::{guard, CoreError, Res};
use motcua_core::ErrorCode;

/// One output row of a reconciliation (dòng kết quả đối soát), as in `results.jsonl`. Every input
/// bank line and payment attempt gets exactly one row; a dossier only when it cannot be read.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReconRow {
    /// Where the row comes from: `bank`, `payment` or `dossier`.
    pub source: String,
    /// `ma_giao_dich_nh` for bank lines, `ma_tham_chieu` for payments, `ma_ho_so` for dossiers.
    pub id: String,
    /// The class (the JSON `class`, renamed: `class` is a keyword in Kotlin and Java):
    /// bank lines `matched`, `paid_not_updated`, `amount_mismatch`, `duplicate`,
    /// `unknown_dossier`, `ambiguous`; payments `matched`, `amount_mismatch`, `missing_in_bank`,
    /// `paid_not_updated`, `not_paid`; any source `invalid_input`.
    pub record_class: String,
    /// The dossier (mã hồ sơ), empty when unknown.
    pub ma_ho_so: String,
    /// The payment attempt (mã tham chiếu), empty when none.
    pub ma_tham_chieu: String,
    /// 0.00-1.00: how sure the match is (1 for exact references, 0 when nothing matched). Not money.
    pub confidence: f64,
    /// Why, in stable words: the evidence and what decided the class.
    pub reason: String,
    /// Amount in đồng (0 when unreadable).
    pub so_tien: i64,
    /// Time, `yyyyMMddHHmmss` (empty when unreadable).
    pub thoi_gian: String,
    /// Agency (mã đơn vị) of the dossier, empty when unknown.
    pub ma_don_vi: String,
    /// The attempt's TrangThaiGD (1 = success): payment rows only, null for the others.
    pub trang_thai_gd: Option<i32>,
    /// The other side: the first credit for a payment, the first credit of the dossier for a
    /// duplicate; empty when none.
    pub related: String,
    /// 1-based line in its input file (in-memory: 1-based position in its list).
    pub line: i64,
    /// Why an `invalid_input` row cannot be read (7001-7007; `message` is `field: detail`).
    pub error: Option<ReportError>,
}

/// The result of an in-memory reconciliation: every row, and the control totals as JSON
/// (`{"input", "output", "bank_by_agency", "bank_by_day", "dossier_rows", "dossiers_loaded",
/// "dossiers_known"}`, the same object `reconcileFiles` returns).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Reconciliation {
    /// Bank lines in input order, then payment attempts, then unreadable payment rows, then
    /// unreadable dossier rows.
    pub rows: Vec<ReconRow>,
    /// Control totals (JSON text).
    pub summary: String,
}

/// The core's row JSON (`ResultRow`), read back.
#[derive(Deserialize)]
struct RowJson {
    source: String,
    id: String,
    class: String,
    ma_ho_so: String,
    ma_tham_chieu: String,
    confidence: f64,
    reason: String,
    so_tien: i64,
    thoi_gian: String,
    ma_don_vi: String,
    #[serde(default)]
    trang_thai_gd: Option<i32>,
    #[serde(default)]
    related: String,
    line: i64,
    #[serde(default)]
    error: Option<IssueJson>,
}

/// The core's `RowIssue`.
#[derive(Deserialize)]
struct IssueJson {
    code: i32,
    name: String,
    field: String,
    message: String,
}

#[derive(Deserialize)]
struct OutputJson {
    rows: Vec<RowJson>,
    summary: Value,
}

impl From<RowJson> for ReconRow {
    fn from(r: RowJson) -> Self {
        Self {
            source: r.source,
            id: r.id,
            record_class: r.class,
            ma_ho_so: r.ma_ho_so,
            ma_tham_chieu: r.ma_tham_chieu,
            confidence: r.confidence,
            reason: r.reason,
            so_tien: r.so_tien,
            thoi_gian: r.thoi_gian,
            ma_don_vi: r.ma_don_vi,
            trang_thai_gd: r.trang_thai_gd,
            related: r.related,
            line: r.line,
            error: r.error.map(|e| ReportError {
                message: format!("{}: {}", e.field, e.message),
                code: e.code,
                name: e.name,
                field: e.field,
            }),
        }
    }
}

fn rules_json(window_hours: Option<i32>) -> Value {
    match window_hours {
        Some(h) => serde_json::json!({ "window_hours": h }),
        None => serde_json::json!({}),
    }
}

/// Reconciles in-memory records (đối soát): `dossiers`, `payments` and `bank` are lists of records
/// keyed by the CSV column names (`ma_ho_so`, `tong_phi`, ...; `ma_tham_chieu`, `so_tien`,
/// `trang_thai_gd`, ...; `ma_giao_dich_nh`, `thoi_gian`, `noi_dung`, ...). `window_hours`: how long
/// after an attempt a credit may arrive (1-8784, null: the default 96); out of range is a
/// `MotcuaException.Config` (9004, field `window_hours`). Unreadable records are `invalid_input`
/// rows, not exceptions.
#[uniffi::export]
pub fn reconcile(
    dossiers: Vec<HashMap<String, String>>,
    payments: Vec<HashMap<String, String>>,
    bank: Vec<HashMap<String, String>>,
    window_hours: Option<i32>,
) -> Res<Reconciliation> {
    guard("reconcile", || {
        let request = serde_json::json!({
            "dossiers": dossiers,
            "payments": payments,
            "bank": bank,
            "rules": rules_json(window_hours),
        });
        let out = motcua_core::recon::request::reconcile_json(&request.to_string())?;
        let out: OutputJson = serde_json::from_str(&out).map_err(|e| {
            CoreError::new(
                ErrorCode::Internal,
                "reconcile",
                format!("core returned unexpected JSON: {e}"),
            )
        })?;
        Ok(Reconciliation {
            rows: out.rows.into_iter().map(ReconRow::from).collect(),
            summary: out.summary.to_string(),
        })
    })
}

/// Reconciles three files (CSV with a header, or JSON Lines for `.jsonl`/`.ndjson`/`.json`) and
/// writes one JSON object per bank line and payment attempt (and unreadable dossier) to `out`
/// (`results.jsonl`). `fields`: `"all"` (null: the default) writes every key, `"contract"` only
/// `source, id, class, ma_ho_so, ma_tham_chieu, confidence, reason` (an `invalid_input` row keeps
/// `line` and `error`). Returns the control totals as JSON. A file that cannot be opened or
/// created, or another `fields`, is a `MotcuaException.Config` (9004, field `dossiers`,
/// `payments`, `bank`, `out` or `fields`).
#[uniffi::export]
pub fn reconcile_files(
    dossiers: String,
    payments: String,
    bank: String,
    out: String,
    window_hours: Option<i32>,
    fields: Option<String>,
) -> Res<String> {
    guard("reconcile_files", || {
        let mut rules = rules_json(window_hours);
        if let Some(f) = fields {
            rules["fields"] = Value::String(f);
        }
        Ok(motcua_io::reconcile_files(
            &dossiers,
            &payments,
            &bank,
            &out,
            Some(&rules.to_string()),
        )?)
    })
}

/// Checks status parity (đối chiếu trạng thái) of status rows given as text: `format` `csv`
/// (header `ma_ho_so,system,trang_thai,updated_at`) or `jsonl`. Returns
/// `{"entries": [...], "summary": {...}}`: one verdict per dossier (`consistent`, `lagging` with
/// the sync actions, `conflicting` with a manual review), invalid rows (7101-7104) and superseded
/// rows as entries. An unknown format is a `MotcuaException.Config` (9004, field `format`).
#[uniffi::export]
pub fn parity_json(input: String, format: String) -> Res<String> {
    guard("parity_json", || Ok(motcua_core::parity::parity_json(&input, &format)?))
}

/// Checks status parity over a `.csv` or `.jsonl` file and writes one JSON object per entry to
/// `out`; returns the control totals as JSON (`{"rows_in", "rows_accounted", "balanced", ...}`).
/// A file that cannot be opened, created or read, or another extension, is a
/// `MotcuaException.Config` (9004, field `statuses` or `out`).
#[uniffi::export]
pub fn parity_files(statuses: String, out: String) -> Res<String> {
    guard("parity_files", || Ok(motcua_io::parity_files_json(&statuses, &out)?))
}
