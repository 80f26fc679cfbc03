//! Reconciliation (đối soát) and status parity (đối chiếu trạng thái).
use super::{guard, opt_utf8, utf8, Family, OrRaise};
use motcua_core::parity::{self, ParityClass};
use motcua_core::recon::{request as recon, Class as ReconClass};
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::borrow::Cow;

/// Reconciles in-memory records given as the JSON request of core (`recon::request::reconcile_json`:
/// `{"dossiers", "payments", "bank", "rules"}`), with the GIL released: `{"rows", "summary"}` as
/// JSON. Unreadable records are `invalid_input` rows; `ReconError` only for the request itself.
#[pyfunction]
pub(crate) fn reconcile_json(py: Python<'_>, request: Bound<'_, PyString>) -> PyResult<String> {
    guard(py, "reconcile_json", || {
        let request = utf8(py, &request, "request")?;
        py.detach(|| recon::reconcile_json(&request))
            .or_raise_in(py, Family::Recon)
    })
}

/// Reconciles three files (CSV, or JSON Lines by extension) into results.jsonl at `out`, with the
/// GIL released (`motcua_io::reconcile_files`): the control totals as JSON.
#[pyfunction]
#[pyo3(signature = (dossiers, payments, bank, out, rules))]
pub(crate) fn reconcile_files(
    py: Python<'_>,
    dossiers: Bound<'_, PyString>,
    payments: Bound<'_, PyString>,
    bank: Bound<'_, PyString>,
    out: Bound<'_, PyString>,
    rules: Option<Bound<'_, PyString>>,
) -> PyResult<String> {
    guard(py, "reconcile_files", || {
        let dossiers = utf8(py, &dossiers, "dossiers")?;
        let payments = utf8(py, &payments, "payments")?;
        let bank = utf8(py, &bank, "bank")?;
        let out = utf8(py, &out, "out")?;
        let rules = opt_utf8(py, &rules, "rules")?;
        py.detach(|| motcua_io::reconcile_files(&dossiers, &payments, &bank, &out, rules.as_deref()))
            .or_raise_in(py, Family::Recon)
    })
}

/// Status parity over rows given as text (`csv` or `jsonl`), with the GIL released
/// (`parity::parity_json`): `{"entries", "summary"}` as JSON. Unreadable rows are `invalid_input`
/// entries; `ParityError` only for an unknown format.
#[pyfunction]
pub(crate) fn parity_json(py: Python<'_>, text: Bound<'_, PyString>, format: Cow<'_, str>) -> PyResult<String> {
    guard(py, "parity_json", || {
        let text = utf8(py, &text, "text")?;
        py.detach(|| parity::parity_json(&text, &format))
            .or_raise_in(py, Family::Parity)
    })
}

/// Status parity over a `.csv` or `.jsonl` file, entries written to `out` as JSON Lines, with the
/// GIL released (`motcua_io::parity_files_json`): the control totals as JSON.
#[pyfunction]
pub(crate) fn parity_files(
    py: Python<'_>,
    statuses: Bound<'_, PyString>,
    out: Bound<'_, PyString>,
) -> PyResult<String> {
    guard(py, "parity_files", || {
        let statuses = utf8(py, &statuses, "statuses")?;
        let out = utf8(py, &out, "out")?;
        py.detach(|| motcua_io::parity_files_json(&statuses, &out))
            .or_raise_in(py, Family::Parity)
    })
}

/// Classes of a reconciliation row, in report order (`motcua_core::recon::Class::ALL`).
#[pyfunction]
pub(crate) fn recon_classes(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "recon_classes", || {
        Ok(ReconClass::ALL.iter().map(|c| c.key()).collect())
    })
}

/// Classes of a parity entry (`motcua_core::parity::ParityClass::ALL`).
#[pyfunction]
pub(crate) fn parity_classes(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guard(py, "parity_classes", || {
        Ok(ParityClass::ALL.iter().map(|c| c.name()).collect())
    })
}
