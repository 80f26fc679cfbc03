//! Payments (thanh toán): VietQR, the payment platform's messages and signatures, e-receipts (biên lai điện tử).
use super::{bad, guard, opt_utf8, to_py, utf8, CoreError, OrRaise};
use motcua_core::payment::receipt::{self, ReceiptRules};
use motcua_core::payment::vietqr::{self, Mode};
use motcua_core::payment::{qr_image, request as pay};
use motcua_core::ErrorCode;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use std::borrow::Cow;

/// A QR payload as text for core: a lone surrogate becomes U+FFFD (the payload is then reported
/// invalid by core, as any other bad payload: parsing never raises).
fn payload_text<'a>(s: &'a Bound<'_, PyString>) -> Cow<'a, str> {
    s.to_string_lossy()
}

fn qr_mode(strict: bool) -> Mode {
    if strict {
        Mode::Strict
    } else {
        Mode::Lenient
    }
}

/// A serialisable core report as a Python dict (the shape of the core JSON face).
fn report_dict<'py>(
    py: Python<'py>,
    report: &impl serde::Serialize,
    field: &'static str,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(report)
        .map_err(|e| CoreError::new(ErrorCode::Internal, field, e.to_string()))
        .or_raise(py)?;
    to_py(py, &v)
}

fn module_size(module: i64) -> Result<u32, CoreError> {
    u32::try_from(module).map_err(|_| bad("module", format!("{module} is not a module size 1-64")))
}

/// A core `QrReport` as a flat tuple, in the field order of the report (and of `motcua.QrReport`):
/// `(valid, crc_ok, bin, bank, account, service, amount, purpose, point_of_initiation, mcc,
/// merchant_name, merchant_city, bill_number, store_label, reference_label, terminal_label,
/// [(code, field, message), ...], (code, name, field, message) | None)`. Enum values are their
/// JSON names, so the tuple carries what `qr_parse_json` would.
fn qr_row<'py>(py: Python<'py>, r: vietqr::QrReport) -> PyResult<Bound<'py, PyTuple>> {
    let service = r.service.map(|s| s.code());
    let initiation = r.point_of_initiation.map(|i| i.name());
    let warnings = r
        .warnings
        .into_iter()
        .map(|w| (w.code, w.field, w.message).into_pyobject(py))
        .collect::<PyResult<Vec<_>>>()?;
    let error = r
        .error
        .map(|e| (e.code.code(), e.code.name(), e.field.to_string(), e.to_string()));
    let items: [Bound<'py, PyAny>; 18] = [
        r.valid.into_bound_py_any(py)?,
        r.crc_ok.into_bound_py_any(py)?,
        r.bin.into_bound_py_any(py)?,
        r.bank.into_bound_py_any(py)?,
        r.account.into_bound_py_any(py)?,
        service.into_bound_py_any(py)?,
        r.amount.into_bound_py_any(py)?,
        r.purpose.into_bound_py_any(py)?,
        initiation.into_bound_py_any(py)?,
        r.mcc.into_bound_py_any(py)?,
        r.merchant_name.into_bound_py_any(py)?,
        r.merchant_city.into_bound_py_any(py)?,
        r.bill_number.into_bound_py_any(py)?,
        r.store_label.into_bound_py_any(py)?,
        r.reference_label.into_bound_py_any(py)?,
        r.terminal_label.into_bound_py_any(py)?,
        PyList::new(py, warnings)?.into_any(),
        error.into_bound_py_any(py)?,
    ];
    PyTuple::new(py, items)
}

/// Parses a VietQR payload: the core `QrReport` as a tuple (see [`qr_row`]). Never raises for a
/// bad payload.
#[pyfunction]
pub(crate) fn qr_parse<'py>(
    py: Python<'py>,
    payload: Bound<'py, PyString>,
    strict: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    guard(py, "qr_parse", || {
        qr_row(py, vietqr::parse(&payload_text(&payload), qr_mode(strict)))
    })
}

/// Parses many VietQR payloads (the parsing runs with the GIL released): one tuple each, in order.
#[pyfunction]
pub(crate) fn qr_parse_many<'py>(
    py: Python<'py>,
    payloads: Vec<Bound<'py, PyString>>,
    strict: bool,
) -> PyResult<Vec<Bound<'py, PyTuple>>> {
    guard(py, "qr_parse_many", || {
        let texts: Vec<Cow<'_, str>> = payloads.iter().map(payload_text).collect();
        let mode = qr_mode(strict);
        let reports: Vec<vietqr::QrReport> = py.detach(|| texts.iter().map(|t| vietqr::parse(t, mode)).collect());
        reports.into_iter().map(|r| qr_row(py, r)).collect()
    })
}

/// Builds a VietQR payload (`vietqr::build`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (bin, account, amount, purpose, service, bill_number, reference_label, keep_diacritics))]
pub(crate) fn qr_build(
    py: Python<'_>,
    bin: String,
    account: String,
    amount: Option<i64>,
    purpose: Option<String>,
    service: &str,
    bill_number: Option<String>,
    reference_label: Option<String>,
    keep_diacritics: bool,
) -> PyResult<String> {
    guard(py, "qr_build", || {
        let mut req = vietqr::QrRequest::new(&bin, &account);
        req.service = vietqr::Service::parse(service).or_raise(py)?;
        req.amount = amount;
        req.purpose = purpose;
        req.bill_number = bill_number;
        req.reference_label = reference_label;
        req.keep_diacritics = keep_diacritics;
        vietqr::build(&req).or_raise(py)
    })
}

/// The QR code of a payload as SVG text, `module` user units per module.
#[pyfunction]
pub(crate) fn qr_svg(py: Python<'_>, payload: Bound<'_, PyString>, module: i64) -> PyResult<String> {
    guard(py, "qr_svg", || {
        let module = module_size(module).or_raise(py)?;
        qr_image::svg(&utf8(py, &payload, "payload")?, module).or_raise(py)
    })
}

/// The QR code of a payload as PNG bytes, `module` pixels per module.
#[pyfunction]
pub(crate) fn qr_png<'py>(
    py: Python<'py>,
    payload: Bound<'py, PyString>,
    module: i64,
) -> PyResult<Bound<'py, PyBytes>> {
    guard(py, "qr_png", || {
        let module = module_size(module).or_raise(py)?;
        let png = qr_image::png(&utf8(py, &payload, "payload")?, module).or_raise(py)?;
        Ok(PyBytes::new(py, &png))
    })
}

/// Signs a platform message (INIT, CALLBACK, QUERY, GET_BILL) given as JSON: the message with
/// MaXacThuc set, as JSON.
#[pyfunction]
pub(crate) fn pay_sign(
    py: Python<'_>,
    message: Cow<'_, str>,
    fields: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
) -> PyResult<String> {
    guard(py, "pay_sign", || {
        pay::sign_json(&message, &utf8(py, &fields, "fields")?, &utf8(py, &secret, "secret")?).or_raise(py)
    })
}

/// Verifies the MaXacThuc of a platform message given as JSON.
#[pyfunction]
pub(crate) fn pay_verify(
    py: Python<'_>,
    message: Cow<'_, str>,
    fields: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
) -> PyResult<bool> {
    guard(py, "pay_verify", || {
        pay::verify_json(&message, &utf8(py, &fields, "fields")?, &utf8(py, &secret, "secret")?).or_raise(py)
    })
}

/// Builds a signed INIT, QUERY or GET_BILL from the JSON build request of core (`build_json`).
#[pyfunction]
pub(crate) fn pay_build(
    py: Python<'_>,
    message: Cow<'_, str>,
    request: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
) -> PyResult<String> {
    guard(py, "pay_build", || {
        pay::build_json(&message, &utf8(py, &request, "request")?, &utf8(py, &secret, "secret")?).or_raise(py)
    })
}

/// Checks a confirmation callback (JSON): the core `Confirmation` as JSON.
#[pyfunction]
#[pyo3(signature = (callback, secret, requested_amount, previous))]
pub(crate) fn pay_check_callback(
    py: Python<'_>,
    callback: Bound<'_, PyString>,
    secret: Bound<'_, PyString>,
    requested_amount: Option<i64>,
    previous: Option<Bound<'_, PyString>>,
) -> PyResult<String> {
    guard(py, "pay_check_callback", || {
        let previous = opt_utf8(py, &previous, "previous")?;
        pay::check_callback_json(
            &utf8(py, &callback, "callback")?,
            &utf8(py, &secret, "secret")?,
            requested_amount,
            previous.as_deref(),
        )
        .or_raise(py)
    })
}

/// The next QUERY of an open attempt from the JSON poll request of core (`poll_json`), as JSON.
#[pyfunction]
pub(crate) fn pay_poll(py: Python<'_>, request: Bound<'_, PyString>) -> PyResult<String> {
    guard(py, "pay_poll", || {
        pay::poll_json(&utf8(py, &request, "request")?).or_raise(py)
    })
}

/// Checks an e-receipt (biên lai điện tử) given as JSON: the core `ReceiptReport` as a dict
/// (`max_number` None = the core default).
#[pyfunction]
#[pyo3(signature = (receipt, separate_kinds, max_number))]
pub(crate) fn receipt_check<'py>(
    py: Python<'py>,
    receipt: Bound<'py, PyString>,
    separate_kinds: bool,
    max_number: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, "receipt_check", || {
        let rules = ReceiptRules::new(separate_kinds, max_number);
        let report = receipt::check_json(&utf8(py, &receipt, "receipt")?, &rules);
        report_dict(py, &report, "receipt_check")
    })
}
