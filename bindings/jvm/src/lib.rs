//! JVM binding of motcua (Kotlin, usable from Java) through uniffi proc-macros: conversion glue
//! only, every rule lives in `motcua-core`. The Kotlin sources in `src/main/kotlin` are generated
//! from the compiled library by the workspace's pinned `uniffi-bindgen` (library mode).
//!
//! Conventions:
//! - every fallible function body runs under [`guard`]: a panic becomes `MotcuaException.Internal`
//!   with code 9001, never uniffi's `InternalException`;
//! - core errors become one `MotcuaException` subclass per code range (`Identifier`, `Money`,
//!   `Transition`, `Deadline`, `Payment`, `Recon`, `Parity`, `Catalog`, `Config`, `Internal`,
//!   `Other`), each with `code`, `field`, `detail`;
//! - every per-record operation has a batch form (`checkMany`, `parseVndMany`, `transitionMany`,
//!   `validateJsonl`, `WorkClock.dueMany`) so a JVM caller crosses the FFI once per batch, not once
//!   per record;
//! - integers are signed (`Int`, `Long`): Kotlin's unsigned types are name-mangled for Java.
use motcua_core::check::{CheckResult as CoreCheckResult, IdKind};
use motcua_core::config::Config;
use motcua_core::status::{self, ExportFormat, Machine, ResumePolicy as CoreResumePolicy, TransitionInput};
use motcua_core::sync::{self, RecordReport as CoreRecordReport, SyncIssue};
use motcua_core::{ErrorCode, Vnd};
use serde_json::Value;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

uniffi::setup_scaffolding!("motcua");

mod calendar;
mod catalog;
mod payments;
mod recon;
pub use calendar::{
    lunar_from_solar, lunar_to_solar, work_clock, Assessment, DayInfo, DayReason, DueReport, Holiday, HolidayKind,
    LunarDate, OverrideKind, Standing, WorkClock,
};
pub use catalog::{catalog, Catalog, CatalogProblem, CatalogReport, NameSpan, SearchHit};
pub use payments::{
    pay_build, pay_check_callback, pay_next_poll, pay_sign, pay_verify, qr_build, qr_parse, qr_png, qr_svg,
    receipt_check, Confirmation, PollDecision, QrReport, QrRequest, QrWarning, ReceiptReport, ReportError,
};
pub use recon::{parity_files, parity_json, reconcile, reconcile_files, ReconRow, Reconciliation};

type CoreError = motcua_core::Error;

/// Every motcua error (lỗi), by code range; each carries the stable numeric `code`
/// (`motcua_core::ErrorCode`), the `field` concerned and a `detail` naming the offending part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum MotcuaError {
    /// An identifier (mã định danh) is invalid: 1000-1999.
    #[error("[{code}] {field}: {detail}")]
    Identifier {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong (never personal data).
        detail: String,
    },
    /// A money amount (tiền đồng) is invalid: 2000-2099.
    #[error("[{code}] {field}: {detail}")]
    Money {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A transition (chuyển trạng thái) broke a rule: 3000-3099.
    #[error("[{code}] {field}: {detail}")]
    Transition {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A deadline (thời hạn) cannot be computed: bad time, office hours, clock stops, processing
    /// time, or outside the calendar's years: 5000-5099.
    #[error("[{code}] {field}: {detail}")]
    Deadline {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A payment (thanh toán) rule is broken: VietQR, the payment platform, e-receipts: 6000-6299.
    #[error("[{code}] {field}: {detail}")]
    Payment {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// Reconciliation (đối soát) cannot start: a file lacks a required column, or an in-memory
    /// record is unreadable: 7000-7099.
    #[error("[{code}] {field}: {detail}")]
    Recon {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A status row for parity (đồng bộ trạng thái) is unreadable: 7100-7199.
    #[error("[{code}] {field}: {detail}")]
    Parity {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A procedure catalogue (danh mục thủ tục) or its search input is unreadable: 7200-7299.
    #[error("[{code}] {field}: {detail}")]
    Catalog {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// An argument or the JSON config is invalid: 9003, 9004.
    #[error("[{code}] {field}: {detail}")]
    Config {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A bug in motcua: 9001 (panic caught at the boundary), 9005 (internal).
    #[error("[{code}] {field}: {detail}")]
    Internal {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// Any other code.
    #[error("[{code}] {field}: {detail}")]
    Other {
        /// Stable code.
        code: i32,
        /// Field or argument concerned.
        field: String,
        /// What is wrong.
        detail: String,
    },
}

impl MotcuaError {
    fn parts(&self) -> (i32, &str, &str) {
        match self {
            Self::Identifier { code, field, detail }
            | Self::Money { code, field, detail }
            | Self::Transition { code, field, detail }
            | Self::Deadline { code, field, detail }
            | Self::Payment { code, field, detail }
            | Self::Recon { code, field, detail }
            | Self::Parity { code, field, detail }
            | Self::Catalog { code, field, detail }
            | Self::Config { code, field, detail }
            | Self::Internal { code, field, detail }
            | Self::Other { code, field, detail } => (*code, field, detail),
        }
    }
}

#[uniffi::export]
impl MotcuaError {
    /// The stable numeric code (`ErrorCode`), whatever the subclass.
    pub fn code(&self) -> i32 {
        self.parts().0
    }

    /// The field or argument concerned, whatever the subclass.
    pub fn field(&self) -> String {
        self.parts().1.to_string()
    }

    /// `field: detail`, as the other bindings print it (e.g. `reason: 4 (processing) -> ...`).
    pub fn describe(&self) -> String {
        let (_, field, detail) = self.parts();
        format!("{field}: {detail}")
    }
}

impl From<CoreError> for MotcuaError {
    fn from(e: CoreError) -> Self {
        let code = e.code.code();
        let field = e.field.into_owned();
        let detail = if e.detail.is_empty() {
            e.code.description().to_string()
        } else {
            e.detail
        };
        let area: fn(i32, String, String) -> Self = match code {
            1000..=1999 => |code, field, detail| Self::Identifier { code, field, detail },
            2000..=2099 => |code, field, detail| Self::Money { code, field, detail },
            3000..=3099 => |code, field, detail| Self::Transition { code, field, detail },
            5000..=5099 => |code, field, detail| Self::Deadline { code, field, detail },
            6000..=6299 => |code, field, detail| Self::Payment { code, field, detail },
            7000..=7099 => |code, field, detail| Self::Recon { code, field, detail },
            7100..=7199 => |code, field, detail| Self::Parity { code, field, detail },
            7200..=7299 => |code, field, detail| Self::Catalog { code, field, detail },
            9003 | 9004 => |code, field, detail| Self::Config { code, field, detail },
            9001 | 9005 => |code, field, detail| Self::Internal { code, field, detail },
            _ => |code, field, detail| Self::Other { code, field, detail },
        };
        area(code as i32, field, detail)
    }
}

macro_rules! from_area {
    ($($t:ty),*) => {$(
        impl From<$t> for MotcuaError {
            fn from(e: $t) -> Self {
                CoreError::from(e).into()
            }
        }
    )*};
}
from_area!(
    motcua_core::IdError,
    motcua_core::MoneyError,
    motcua_core::TransitionError
);

type Res<T> = Result<T, MotcuaError>;

/// Runs a function body, turning a panic into `MotcuaError::Internal` with code 9001.
fn guard<T>(name: &'static str, f: impl FnOnce() -> Res<T>) -> Res<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(CoreError::new(
            ErrorCode::Panic,
            name,
            "a panic was caught at the binding boundary (a bug in motcua: please report it)",
        )
        .into())
    })
}

fn bad(field: &'static str, detail: impl Into<String>) -> MotcuaError {
    CoreError::new(ErrorCode::InvalidArgument, field, detail).into()
}

fn count(field: &'static str, n: i32) -> Res<usize> {
    usize::try_from(n)
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| bad(field, "must be at least 1"))
}

/// The error part of a [`CheckResult`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckError {
    /// Stable numeric code.
    pub code: i32,
    /// Message naming the field and the offending part.
    pub message: String,
}

/// The result of checking one identifier (kiểm tra mã), as the CLI's `--json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckResult {
    /// Kind name (`cccd`, `mst`, ...).
    pub kind: String,
    /// The value as given.
    pub value: String,
    /// True when valid.
    pub valid: bool,
    /// Canonical form when valid.
    pub canonical: Option<String>,
    /// Error when invalid.
    pub error: Option<CheckError>,
    /// Parsed components (empty when invalid): strings as they are, numbers and booleans in
    /// their JSON text (`"1990"`, `"true"`); null components are left out.
    pub parsed: HashMap<String, String>,
}

fn scalar(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

impl From<CoreCheckResult> for CheckResult {
    fn from(r: CoreCheckResult) -> Self {
        Self {
            kind: r.kind.to_string(),
            value: r.value,
            valid: r.valid,
            canonical: r.canonical,
            error: r.error.map(check_error),
            parsed: r
                .parsed
                .into_iter()
                .filter_map(|(k, v)| scalar(v).map(|v| (k, v)))
                .collect(),
        }
    }
}

/// One problem in a sync payload (vấn đề): stable code (4000-4999), JSON path, message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Issue {
    /// Stable code.
    pub code: i32,
    /// JSON path, e.g. `$.DanhSachLePhi[0].Gia`.
    pub path: String,
    /// What is wrong; never quotes personal data.
    pub message: String,
}

impl From<SyncIssue> for Issue {
    fn from(i: SyncIssue) -> Self {
        Self {
            code: i.code.code() as i32,
            path: i.path,
            message: i.message,
        }
    }
}

/// The issues of one input record (1-based `line`); valid when `issues` is empty.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecordReport {
    /// 1-based line number where the record starts.
    pub line: i64,
    /// Issues in the order found; empty when the record is valid.
    pub issues: Vec<Issue>,
}

impl From<CoreRecordReport> for RecordReport {
    fn from(r: CoreRecordReport) -> Self {
        Self {
            line: r.line as i64,
            issues: r.issues.into_iter().map(Issue::from).collect(),
        }
    }
}

/// How a pause (5, 6) ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ResumePolicy {
    /// Return to the state the pause came from (default).
    Resume,
    /// Restart from the machine's restart state (dossiers: 2).
    Restart,
}

impl From<ResumePolicy> for CoreResumePolicy {
    fn from(p: ResumePolicy) -> Self {
        match p {
            ResumePolicy::Resume => CoreResumePolicy::Resume,
            ResumePolicy::Restart => CoreResumePolicy::Restart,
        }
    }
}

/// Export formats of a state table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum StatesFormat {
    /// `{"name", "states", "transitions", "restart_state"}`.
    Json,
    /// Mermaid `stateDiagram-v2`.
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

/// A transition request (chuyển trạng thái): from/to/paused_from are state keys or wire codes
/// (`"4"`, `"processing"`, DVCQG strings such as `"releasing"` for dossiers).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransitionRequest {
    /// Current state.
    pub from: String,
    /// Origin of a pause state, when known.
    pub paused_from: Option<String>,
    /// Wanted state.
    pub to: String,
    /// Reason (lý do) for refusals and stops.
    pub reason: Option<String>,
    /// True when an administrator explicitly performs the action.
    pub admin: bool,
    /// How pauses end.
    pub policy: ResumePolicy,
}

/// The state after a transition.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransitionState {
    /// State key (`processing`).
    pub key: String,
    /// Wire code where one exists (dossier 1-10).
    pub code: Option<i32>,
    /// For a pause state: key of the state it came from.
    pub paused_from: Option<String>,
}

/// One result of [`transition_many`]: the new state, or the error (never both).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransitionOutcome {
    /// The new state when allowed.
    pub state: Option<TransitionState>,
    /// The broken rule when not.
    pub error: Option<CheckError>,
}

/// One result of [`parse_vnd_many`]: the amount in đồng, or the error (never both).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VndOutcome {
    /// Amount in đồng.
    pub value: Option<i64>,
    /// Why it is not an amount.
    pub error: Option<CheckError>,
}

/// A state of a machine (trạng thái).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StateInfo {
    /// Stable key.
    pub key: String,
    /// Wire code where one exists.
    pub code: Option<i32>,
    /// Vietnamese label, e.g. `Đang xử lý`.
    pub label_vi: String,
    /// Reporting group.
    pub group: String,
    /// No transition leaves it.
    pub terminal: bool,
    /// Remembers where it came from.
    pub pause: bool,
}

/// A stable error code (mã lỗi).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorCodeInfo {
    /// snake_case name, e.g. `id_checksum`.
    pub name: String,
    /// Number.
    pub code: i32,
    /// One-line description.
    pub description: String,
}

/// What [`bench_rust_only_nanos`] measured.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RustTiming {
    /// Wall time of the core call alone, nanoseconds.
    pub nanos: i64,
    /// Records reported.
    pub records: i64,
    /// Records with at least one issue.
    pub invalid: i64,
}

fn check_error(e: impl Into<CoreError>) -> CheckError {
    let e = e.into();
    CheckError {
        code: e.code.code() as i32,
        message: e.to_string(),
    }
}

fn id_rules(config: &str) -> Res<motcua_core::ids::IdRules> {
    Ok(Config::from_json(config).and_then(|c| c.id_rules())?)
}

fn sync_rules(config: &str) -> Res<sync::SyncRules> {
    Ok(Config::from_json(config).and_then(|c| c.sync_rules())?)
}

/// Library version.
#[uniffi::export]
pub fn version() -> String {
    motcua_core::VERSION.to_string()
}

/// Checks one identifier (kiểm tra mã) of `kind` (`cccd`, `mst`, ... see [`kinds`]) under the JSON
/// `config` (`{"today": "2026-11-24", ...}`). An invalid value is a result, not an exception.
#[uniffi::export]
pub fn check(kind: String, value: String, config: String) -> Res<CheckResult> {
    guard("check", || {
        let kind = IdKind::from_name(&kind)?;
        let rules = id_rules(&config)?;
        Ok(motcua_core::check::check(kind, &value, &rules).into())
    })
}

/// Batch form of [`check`]: many values of one kind in one call, results in input order.
#[uniffi::export]
pub fn check_many(kind: String, values: Vec<String>, config: String) -> Res<Vec<CheckResult>> {
    guard("check_many", || {
        let kind = IdKind::from_name(&kind)?;
        let rules = id_rules(&config)?;
        Ok(
            motcua_core::check::check_many(kind, values.iter().map(String::as_str), &rules)
                .into_iter()
                .map(CheckResult::from)
                .collect(),
        )
    })
}

fn vnd(text: &str, non_negative: bool) -> Result<Vnd, motcua_core::MoneyError> {
    if non_negative {
        Vnd::parse_non_negative("amount", text)
    } else {
        Vnd::parse("amount", text)
    }
}

/// Parses a DVCQG amount string into đồng (`"50000"` → 50000); never a float.
#[uniffi::export]
pub fn parse_vnd(text: String, non_negative: bool) -> Res<i64> {
    guard("parse_vnd", || Ok(vnd(&text, non_negative)?.0))
}

/// Batch form of [`parse_vnd`]: one outcome per text, in input order.
#[uniffi::export]
pub fn parse_vnd_many(texts: Vec<String>, non_negative: bool) -> Res<Vec<VndOutcome>> {
    guard("parse_vnd_many", || {
        Ok(texts
            .iter()
            .map(|t| match vnd(t, non_negative) {
                Ok(v) => VndOutcome {
                    value: Some(v.0),
                    error: None,
                },
                Err(e) => VndOutcome {
                    value: None,
                    error: Some(check_error(e)),
                },
            })
            .collect())
    })
}

fn apply(m: &Machine, r: &TransitionRequest) -> Result<TransitionState, motcua_core::TransitionError> {
    let input = TransitionInput {
        reason: r.reason.as_deref(),
        admin: r.admin,
        policy: r.policy.into(),
    };
    let p = m.transition_by_name(&r.from, r.paused_from.as_deref(), &r.to, &input)?;
    let s = &m.states[p.state];
    Ok(TransitionState {
        key: s.key.to_string(),
        code: s.code.map(i32::from),
        paused_from: p.paused_from.map(|i| m.states[i].key.to_string()),
    })
}

/// Applies a transition of `machine` (`dossier`, `payment_attempt`, `complaint`); a broken rule is
/// a `MotcuaException.Transition` with its code (3001-3007).
#[uniffi::export]
pub fn transition(machine: String, request: TransitionRequest) -> Res<TransitionState> {
    guard("transition", || Ok(apply(status::machine_named(&machine)?, &request)?))
}

/// Batch form of [`transition`]: one outcome per request, in input order.
#[uniffi::export]
pub fn transition_many(machine: String, requests: Vec<TransitionRequest>) -> Res<Vec<TransitionOutcome>> {
    guard("transition_many", || {
        let m = status::machine_named(&machine)?;
        Ok(requests
            .iter()
            .map(|r| match apply(m, r) {
                Ok(s) => TransitionOutcome {
                    state: Some(s),
                    error: None,
                },
                Err(e) => TransitionOutcome {
                    state: None,
                    error: Some(check_error(e)),
                },
            })
            .collect())
    })
}

impl From<StatesFormat> for ExportFormat {
    fn from(f: StatesFormat) -> Self {
        match f {
            StatesFormat::Json => ExportFormat::Json,
            StatesFormat::Mermaid => ExportFormat::Mermaid,
            StatesFormat::Dot => ExportFormat::Dot,
        }
    }
}

/// The state table (bảng trạng thái) of a machine as JSON, Mermaid or DOT.
#[uniffi::export]
pub fn states(machine: String, format: StatesFormat) -> Res<String> {
    guard("states", || {
        let m = status::machine_named(&machine)?;
        Ok(m.export(format.into()))
    })
}

/// The states of a machine in table order.
#[uniffi::export]
pub fn machine_states(machine: String) -> Res<Vec<StateInfo>> {
    guard("machine_states", || {
        Ok(status::machine_named(&machine)?
            .states
            .iter()
            .map(|s| StateInfo {
                key: s.key.to_string(),
                code: s.code.map(i32::from),
                label_vi: s.label_vi.to_string(),
                group: s.group.to_string(),
                terminal: s.terminal,
                pause: s.pause,
            })
            .collect())
    })
}

/// Machine names.
#[uniffi::export]
pub fn machines() -> Vec<String> {
    status::MACHINES.iter().map(|m| m.name.to_string()).collect()
}

/// Identifier kind names accepted by [`check`].
#[uniffi::export]
pub fn kinds() -> Vec<String> {
    IdKind::ALL.iter().map(|k| k.name().to_string()).collect()
}

/// Every stable error code, in numeric order.
#[uniffi::export]
pub fn error_codes() -> Vec<ErrorCodeInfo> {
    ErrorCode::ALL
        .iter()
        .map(|c| ErrorCodeInfo {
            name: c.name().to_string(),
            code: c.code() as i32,
            description: c.description().to_string(),
        })
        .collect()
}

/// Validates one DVCQG sync document (đồng bộ hồ sơ, UTF-8 JSON bytes): every issue.
#[uniffi::export]
pub fn validate_document(document: Vec<u8>, config: String) -> Res<Vec<Issue>> {
    guard("validate_document", || {
        let rules = sync_rules(&config)?;
        Ok(sync::validate_document(&document, &rules)
            .into_iter()
            .map(Issue::from)
            .collect())
    })
}

/// Validates one document or JSON Lines (UTF-8 bytes) on up to `threads` threads (at least 1):
/// one report per record, in input order, none dropped. The batch form of [`validate_document`].
#[uniffi::export]
pub fn validate_jsonl(data: Vec<u8>, config: String, threads: i32) -> Res<Vec<RecordReport>> {
    guard("validate_jsonl", || {
        let threads = count("threads", threads)?;
        let rules = sync_rules(&config)?;
        Ok(sync::validate_input_threads(&data, &rules, threads)
            .into_iter()
            .map(RecordReport::from)
            .collect())
    })
}

/// [`validate_jsonl`] without copying the input: `data` is a direct `java.nio.ByteBuffer` (from
/// `ByteBuffer.allocateDirect`, or a file mapped with `FileChannel.map`) that Rust reads in place
/// for the duration of the call. The fastest form for large inputs.
#[uniffi::export]
pub fn validate_jsonl_direct(data: &[u8], config: String, threads: i32) -> Res<Vec<RecordReport>> {
    guard("validate_jsonl_direct", || {
        let threads = count("threads", threads)?;
        let rules = sync_rules(&config)?;
        Ok(sync::validate_input_threads(data, &rules, threads)
            .into_iter()
            .map(RecordReport::from)
            .collect())
    })
}

/// Benchmark only: times `validate_input_threads` alone (no conversion of the reports for the
/// JVM), so one run measures the Rust cost and the JVM call on the same bytes.
#[uniffi::export]
pub fn bench_rust_only_nanos(data: &[u8], config: String, threads: i32) -> Res<RustTiming> {
    guard("bench_rust_only_nanos", || {
        let threads = count("threads", threads)?;
        let rules = sync_rules(&config)?;
        let t = std::time::Instant::now();
        let reports = sync::validate_input_threads(data, &rules, threads);
        let nanos = t.elapsed().as_nanos() as i64;
        let invalid = reports.iter().filter(|r| !r.is_valid()).count() as i64;
        Ok(RustTiming {
            nanos,
            records: reports.len() as i64,
            invalid,
        })
    })
}

/// Test only: panics, so tests can see `MotcuaException.Internal` (9001) instead of a crash.
#[uniffi::export]
pub fn debug_panic() -> Res<()> {
    guard("debug_panic", || panic!("motcua debug_panic: deliberate panic"))
}

/// Test only: panics outside the guard, so tests can see what uniffi itself raises
/// (`uniffi.InternalException` in Kotlin) for a panic that escapes a function body.
#[uniffi::export]
pub fn debug_panic_unguarded() {
    panic!("motcua debug_panic_unguarded: deliberate panic")
}
