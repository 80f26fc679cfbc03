//! Python binding of motcua (module `motcua._native`): conversion glue only, every rule lives in
//! `motcua-core`. The typed facade is the package `motcua` (`python/motcua/__init__.py`).
//!
//! Conventions:
//! - every function body runs under [`guard`]: a panic becomes `motcua.InternalError` (9001), never
//!   pyo3's `PanicException`;
//! - core errors become `motcua.Error` subclasses by code range, with `.code`, `.name`, `.field` and
//!   `.message`;
//! - batch work (`check_many`, `validate_input`, `WorkClock.due_many`, `qr_parse_many`, reconciliation
//!   and status parity) runs with the GIL released
//!   (`Python::detach`);
//! - times cross as text for core to parse (`YYYY-MM-DDTHH:MM`, `yyyyMMddHHmmss`) or as
//!   `motcua_core::calendar::deadline::Minute`s (minutes since 1970-01-01T00:00 local time, the
//!   value of a numpy `datetime64[m]`); batches of them as little-endian `i64` bytes.
use motcua_core::check::{CheckResult, IdKind};
use motcua_core::config::Config;
use motcua_core::status::{self, ExportFormat, ResumePolicy, TransitionInput};
use motcua_core::sync::{self, SyncIssue};
use motcua_core::{ErrorCode, Vnd};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use pyo3::{create_exception, IntoPyObjectExt};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

type CoreError = motcua_core::Error;

create_exception!(
    motcua._native,
    Error,
    PyValueError,
    "Base of every motcua error (lỗi), with `.code` and `.field`."
);
create_exception!(
    motcua._native,
    IdentifierError,
    Error,
    "An identifier (mã định danh) is invalid: 1000-1999."
);
create_exception!(
    motcua._native,
    MoneyError,
    Error,
    "A money amount (tiền đồng) is invalid: 2000-2099."
);
create_exception!(
    motcua._native,
    TransitionError,
    Error,
    "A transition (chuyển trạng thái) broke a rule: 3000-3099."
);
create_exception!(
    motcua._native,
    DeadlineError,
    Error,
    "A time, office hours, clock stop or processing time (thời hạn) is invalid: 5000-5099."
);
create_exception!(
    motcua._native,
    PaymentError,
    Error,
    "A payment (thanh toán) is invalid: VietQR, payment-platform message or e-receipt, 6000-6299."
);
create_exception!(
    motcua._native,
    ReconError,
    Error,
    "Reconciliation (đối soát) input is invalid: 7000-7099, and 9004 for its rules or files."
);
create_exception!(
    motcua._native,
    ParityError,
    Error,
    "Status-parity (đối chiếu trạng thái) input is invalid: 7100-7199, and 9004 for its format or files."
);
create_exception!(
    motcua._native,
    CatalogError,
    Error,
    "A procedure catalogue (danh mục thủ tục) cannot be loaded or searched: 7200-7299."
);
create_exception!(
    motcua._native,
    ConfigError,
    Error,
    "An argument or the JSON config is invalid: 9004."
);
create_exception!(
    motcua._native,
    InternalError,
    Error,
    "A bug in motcua (9001 panic, 9005 internal)."
);

/// Which family of functions raises: 9004 (a bad argument) is the family's own exception for
/// reconciliation and status parity, `ConfigError` elsewhere.
#[derive(Clone, Copy)]
enum Family {
    General,
    Recon,
    Parity,
}

/// Turns a core error into the exception of its code range, with `.code`, `.name`, `.field` and
/// `.message` (the text of the exception: `field: detail`) set.
fn raise(py: Python<'_>, e: impl Into<CoreError>) -> PyErr {
    raise_in(py, e, Family::General)
}

fn raise_in(py: Python<'_>, e: impl Into<CoreError>, family: Family) -> PyErr {
    let e = e.into();
    let code = e.code.code();
    let msg = e.to_string();
    let err = match (code, family) {
        (1000..=1999, _) => IdentifierError::new_err(msg.clone()),
        (2000..=2099, _) => MoneyError::new_err(msg.clone()),
        (3000..=3099, _) => TransitionError::new_err(msg.clone()),
        (5000..=5099, _) => DeadlineError::new_err(msg.clone()),
        (6000..=6299, _) => PaymentError::new_err(msg.clone()),
        (7000..=7099, _) | (9004, Family::Recon) => ReconError::new_err(msg.clone()),
        (7100..=7199, _) | (9004, Family::Parity) => ParityError::new_err(msg.clone()),
        (7200..=7299, _) => CatalogError::new_err(msg.clone()),
        (9004, Family::General) => ConfigError::new_err(msg.clone()),
        (9001 | 9005, _) => InternalError::new_err(msg.clone()),
        _ => Error::new_err(msg.clone()),
    };
    let value = err.value(py);
    // Setting an attribute on a fresh exception instance cannot fail in practice; if it ever
    // did, the exception still carries its message and class.
    let _ = value.setattr("code", code);
    let _ = value.setattr("name", e.code.name());
    let _ = value.setattr("field", &*e.field);
    let _ = value.setattr("message", msg);
    err
}

trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
    fn or_raise_in(self, py: Python<'_>, family: Family) -> PyResult<T>;
}

impl<T, E: Into<CoreError>> OrRaise<T> for Result<T, E> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| raise(py, e))
    }

    fn or_raise_in(self, py: Python<'_>, family: Family) -> PyResult<T> {
        self.map_err(|e| raise_in(py, e, family))
    }
}

/// Runs a function body, turning a panic into `InternalError` (code 9001).
fn guard<T>(py: Python<'_>, name: &'static str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(raise(
            py,
            CoreError::new(
                ErrorCode::Panic,
                name,
                "a panic was caught at the binding boundary (a bug in motcua: please report it)",
            ),
        ))
    })
}

fn bad(field: &'static str, detail: impl Into<String>) -> CoreError {
    CoreError::new(ErrorCode::InvalidArgument, field, detail)
}

/// A `str` argument as UTF-8: a lone surrogate is `Error` 9003, not a `UnicodeEncodeError`.
fn utf8<'a>(py: Python<'_>, s: &'a Bound<'_, PyString>, field: &'static str) -> PyResult<Cow<'a, str>> {
    s.to_cow()
        .map_err(|_| raise(py, CoreError::new(ErrorCode::InvalidUtf8, field, "")))
}

fn opt_utf8<'a>(
    py: Python<'_>,
    s: &'a Option<Bound<'_, PyString>>,
    field: &'static str,
) -> PyResult<Option<Cow<'a, str>>> {
    s.as_ref().map(|s| utf8(py, s, field)).transpose()
}

/// serde_json value → Python object (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Value::Null => Ok(py.None().into_bound(py)),
        Value::Bool(b) => b.into_bound_py_any(py),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_bound_py_any(py),
            (None, Some(u)) => u.into_bound_py_any(py),
            _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py),
        },
        Value::String(s) => s.into_bound_py_any(py),
        Value::Array(a) => {
            PyList::new(py, a.iter().map(|x| to_py(py, x)).collect::<PyResult<Vec<_>>>()?).map(Bound::into_any)
        }
        Value::Object(m) => dict(py, m).map(Bound::into_any),
    }
}

fn dict<'py>(py: Python<'py>, m: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in m {
        d.set_item(k, to_py(py, v)?)?;
    }
    Ok(d)
}

/// `(valid, canonical, (code, message) | None, parsed)`.
type CheckRow<'py> = (bool, Option<String>, Option<(u32, String)>, Bound<'py, PyDict>);

fn check_row(py: Python<'_>, r: CheckResult) -> PyResult<CheckRow<'_>> {
    Ok((
        r.valid,
        r.canonical,
        r.error.map(|e| (e.code.code(), e.to_string())),
        dict(py, &r.parsed)?,
    ))
}

/// One problem in a sync payload (vấn đề): stable code (4000-4999), JSON path, message.
#[pyclass(frozen, eq, module = "motcua", get_all)]
#[derive(PartialEq)]
struct Issue {
    code: u32,
    path: String,
    message: String,
}

#[pymethods]
impl Issue {
    #[new]
    fn new(code: u32, path: String, message: String) -> Self {
        Self { code, path, message }
    }

    fn __repr__(&self) -> String {
        format!(
            "Issue(code={}, path={:?}, message={:?})",
            self.code, self.path, self.message
        )
    }
}

impl From<SyncIssue> for Issue {
    fn from(i: SyncIssue) -> Self {
        Self {
            code: i.code.code(),
            path: i.path,
            message: i.message,
        }
    }
}

/// The issues of one input record (1-based `line`); `valid` when there are none.
#[pyclass(frozen, module = "motcua")]
struct RecordReport {
    #[pyo3(get)]
    line: usize,
    issues: Py<PyTuple>,
}

#[pymethods]
impl RecordReport {
    #[new]
    fn new(py: Python<'_>, line: usize, issues: Vec<Py<Issue>>) -> PyResult<Self> {
        Ok(Self {
            line,
            issues: PyTuple::new(py, issues)?.unbind(),
        })
    }

    /// The issues, in the order found (a tuple: reports are immutable).
    #[getter]
    fn issues(&self, py: Python<'_>) -> Py<PyTuple> {
        self.issues.clone_ref(py)
    }

    /// True when the record has no issue.
    #[getter]
    fn valid(&self, py: Python<'_>) -> bool {
        self.issues.bind(py).is_empty()
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<RecordReport>() else {
            return Ok(false);
        };
        let other = other.get();
        Ok(self.line == other.line && self.issues.bind(py).eq(other.issues.bind(py))?)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "RecordReport(line={}, issues={})",
            self.line,
            self.issues.bind(py).repr()?
        ))
    }
}

fn issue_list(py: Python<'_>, issues: Vec<SyncIssue>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(
        py,
        issues
            .into_iter()
            .map(|i| Issue::from(i).into_pyobject(py))
            .collect::<PyResult<Vec<_>>>()?,
    )
}

/// Checks one identifier (kiểm tra mã) of `kind` under the JSON `config`.
#[pyfunction]
fn check<'py>(
    py: Python<'py>,
    kind: Cow<'_, str>,
    value: Bound<'py, PyString>,
    config: Cow<'_, str>,
) -> PyResult<CheckRow<'py>> {
    guard(py, "check", || {
        let kind = IdKind::from_name(&kind).or_raise(py)?;
        let rules = Config::from_json(&config).and_then(|c| c.id_rules()).or_raise(py)?;
        let value = utf8(py, &value, "value")?;
        check_row(py, motcua_core::check::check(kind, &value, &rules))
    })
}

/// Checks many identifiers of one kind, with the GIL released.
#[pyfunction]
fn check_many<'py>(
    py: Python<'py>,
    kind: Cow<'_, str>,
    values: Vec<Bound<'py, PyString>>,
    config: Cow<'_, str>,
) -> PyResult<Vec<CheckRow<'py>>> {
    guard(py, "check_many", || {
        let kind = IdKind::from_name(&kind).or_raise(py)?;
        let rules = Config::from_json(&config).and_then(|c| c.id_rules()).or_raise(py)?;
        let texts = values
            .iter()
            .map(|v| utf8(py, v, "values"))
            .collect::<PyResult<Vec<_>>>()?;
        let results = py.detach(|| motcua_core::check::check_many(kind, texts.iter().map(|s| &**s), &rules));
        results.into_iter().map(|r| check_row(py, r)).collect()
    })
}

/// Parses a DVCQG amount string into đồng (`"50000"` → 50000).
#[pyfunction]
fn parse_vnd(py: Python<'_>, text: Bound<'_, PyString>, non_negative: bool) -> PyResult<i64> {
    guard(py, "parse_vnd", || {
        let text = utf8(py, &text, "amount")?;
        let v = if non_negative {
            Vnd::parse_non_negative("amount", &text)
        } else {
            Vnd::parse("amount", &text)
        };
        Ok(v.or_raise(py)?.0)
    })
}

/// Applies a transition (chuyển trạng thái): `(state key, wire code, paused_from key)`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (machine, from_state, to, paused_from, reason, admin, policy))]
fn transition<'py>(
    py: Python<'py>,
    machine: Cow<'_, str>,
    from_state: Bound<'py, PyString>,
    to: Bound<'py, PyString>,
    paused_from: Option<Bound<'py, PyString>>,
    reason: Option<Bound<'py, PyString>>,
    admin: bool,
    policy: Cow<'_, str>,
) -> PyResult<(&'static str, Option<u8>, Option<&'static str>)> {
    guard(py, "transition", || {
        let m = status::machine_named(&machine).or_raise(py)?;
        let policy = ResumePolicy::from_name(&policy)
            .ok_or_else(|| bad("policy", "must be resume or restart"))
            .or_raise(py)?;
        let (from_state, to) = (utf8(py, &from_state, "from")?, utf8(py, &to, "to")?);
        let paused_from = opt_utf8(py, &paused_from, "paused_from")?;
        let reason = opt_utf8(py, &reason, "reason")?;
        let input = TransitionInput {
            reason: reason.as_deref(),
            admin,
            policy,
        };
        let p = m
            .transition_by_name(&from_state, paused_from.as_deref(), &to, &input)
            .or_raise(py)?;
        let s = &m.states[p.state];
        Ok((s.key, s.code, p.paused_from.map(|i| m.states[i].key)))
    })
}

/// The state table (bảng trạng thái) of a machine as `json`, `mermaid` or `dot`.
#[pyfunction]
fn states(py: Python<'_>, machine: Cow<'_, str>, format: Cow<'_, str>) -> PyResult<String> {
    guard(py, "states", || {
        let m = status::machine_named(&machine).or_raise(py)?;
        Ok(m.export(ExportFormat::from_name(&format).or_raise(py)?))
    })
}

/// Validates one DVCQG sync document (đồng bộ hồ sơ): the list of `Issue`s.
#[pyfunction]
fn validate_document<'py>(py: Python<'py>, document: &[u8], config: Cow<'_, str>) -> PyResult<Bound<'py, PyList>> {
    guard(py, "validate_document", || {
        let rules = Config::from_json(&config).and_then(|c| c.sync_rules()).or_raise(py)?;
        let issues = py.detach(|| sync::validate_document(document, &rules));
        issue_list(py, issues)
    })
}

/// Validates one document or JSON Lines with the GIL released, on up to `threads` threads:
/// one `RecordReport` per record, in input order.
#[pyfunction]
fn validate_input<'py>(
    py: Python<'py>,
    data: &[u8],
    config: Cow<'_, str>,
    threads: usize,
) -> PyResult<Bound<'py, PyList>> {
    guard(py, "validate_input", || {
        let rules = Config::from_json(&config).and_then(|c| c.sync_rules()).or_raise(py)?;
        let reports = py.detach(|| sync::validate_input_threads(data, &rules, threads));
        let objects = reports
            .into_iter()
            .map(|r| {
                let issues = PyTuple::new(
                    py,
                    r.issues
                        .into_iter()
                        .map(|i| Issue::from(i).into_pyobject(py))
                        .collect::<PyResult<Vec<_>>>()?,
                )?;
                Bound::new(
                    py,
                    RecordReport {
                        line: r.line,
                        issues: issues.unbind(),
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, objects)
    })
}

/// Every stable error code (mã lỗi): `[(name, code, description), ...]` in numeric order.
#[pyfunction]
fn error_codes(py: Python<'_>) -> PyResult<Vec<(&'static str, u32, &'static str)>> {
    guard(py, "error_codes", || {
        Ok(ErrorCode::ALL
            .iter()
            .map(|c| (c.name(), c.code(), c.description()))
            .collect())
    })
}

/// The states of a machine: `[(key, wire code | None, label_vi), ...]` in table order.
#[pyfunction]
fn machine_states(py: Python<'_>, machine: Cow<'_, str>) -> PyResult<Vec<(&'static str, Option<u8>, &'static str)>> {
    guard(py, "machine_states", || {
        let m = status::machine_named(&machine).or_raise(py)?;
        Ok(m.states.iter().map(|s| (s.key, s.code, s.label_vi)).collect())
    })
}

/// Machine names.
#[pyfunction]
fn machines(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "machines", || Ok(status::MACHINES.iter().map(|m| m.name).collect()))
}

/// Identifier kind names accepted by `check`.
#[pyfunction]
fn kinds(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "kinds", || Ok(IdKind::ALL.iter().map(|k| k.name()).collect()))
}

/// Test only: panics (with the GIL released) so tests can see `InternalError`.
#[pyfunction]
fn _debug_panic(py: Python<'_>) -> PyResult<()> {
    guard(py, "_debug_panic", || {
        py.detach(|| panic!("motcua._debug_panic: deliberate panic"))
    })
}

mod calendar;
mod payments;
mod procedures;
mod reconciliation;

use calendar::{lunar, parse_minute, solar, units, PyWorkClock};
use payments::{
    pay_build, pay_check_callback, pay_poll, pay_sign, pay_verify, qr_build, qr_parse, qr_parse_many, qr_png, qr_svg,
    receipt_check,
};
use procedures::{CatalogProblem, CatalogReport, PyCatalog, SearchHit};
use reconciliation::{parity_classes, parity_files, parity_json, recon_classes, reconcile_files, reconcile_json};

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    for f in [
        wrap_pyfunction!(check, m)?,
        wrap_pyfunction!(check_many, m)?,
        wrap_pyfunction!(parse_vnd, m)?,
        wrap_pyfunction!(transition, m)?,
        wrap_pyfunction!(states, m)?,
        wrap_pyfunction!(validate_document, m)?,
        wrap_pyfunction!(validate_input, m)?,
        wrap_pyfunction!(error_codes, m)?,
        wrap_pyfunction!(machine_states, m)?,
        wrap_pyfunction!(machines, m)?,
        wrap_pyfunction!(kinds, m)?,
        wrap_pyfunction!(units, m)?,
        wrap_pyfunction!(parse_minute, m)?,
        wrap_pyfunction!(lunar, m)?,
        wrap_pyfunction!(solar, m)?,
        wrap_pyfunction!(qr_parse, m)?,
        wrap_pyfunction!(qr_parse_many, m)?,
        wrap_pyfunction!(qr_build, m)?,
        wrap_pyfunction!(qr_svg, m)?,
        wrap_pyfunction!(qr_png, m)?,
        wrap_pyfunction!(pay_sign, m)?,
        wrap_pyfunction!(pay_verify, m)?,
        wrap_pyfunction!(pay_build, m)?,
        wrap_pyfunction!(pay_check_callback, m)?,
        wrap_pyfunction!(pay_poll, m)?,
        wrap_pyfunction!(receipt_check, m)?,
        wrap_pyfunction!(reconcile_json, m)?,
        wrap_pyfunction!(reconcile_files, m)?,
        wrap_pyfunction!(parity_json, m)?,
        wrap_pyfunction!(parity_files, m)?,
        wrap_pyfunction!(recon_classes, m)?,
        wrap_pyfunction!(parity_classes, m)?,
        wrap_pyfunction!(_debug_panic, m)?,
    ] {
        m.add_function(f)?;
    }
    m.add_class::<Issue>()?;
    m.add_class::<RecordReport>()?;
    m.add_class::<PyWorkClock>()?;
    m.add_class::<PyCatalog>()?;
    m.add_class::<SearchHit>()?;
    m.add_class::<CatalogProblem>()?;
    m.add_class::<CatalogReport>()?;
    let py = m.py();
    m.add("Error", py.get_type::<Error>())?;
    m.add("IdentifierError", py.get_type::<IdentifierError>())?;
    m.add("MoneyError", py.get_type::<MoneyError>())?;
    m.add("TransitionError", py.get_type::<TransitionError>())?;
    m.add("DeadlineError", py.get_type::<DeadlineError>())?;
    m.add("PaymentError", py.get_type::<PaymentError>())?;
    m.add("ReconError", py.get_type::<ReconError>())?;
    m.add("ParityError", py.get_type::<ParityError>())?;
    m.add("CatalogError", py.get_type::<CatalogError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}
