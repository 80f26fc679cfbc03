"""Payments through the Python API: every payment vector file (the same assertions as
core/tests/vietqr.rs, payment_platform.rs, payment_flows.rs and receipt.rs), QR images, and the
errors raised as :class:`motcua.PaymentError`."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import motcua
from conftest import load
from motcua import ErrorCode, PaymentError

VIETQR = load("vietqr.json")
SIGNATURES = load("payment_signatures.json")
FLOWS = load("payment_flows.json")
RECEIPTS = load("receipts.json")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SECRET = "s3cr3t-TH-2026"


def test_payment_vector_files_are_not_empty() -> None:
    assert len(VIETQR["cases"]) >= 11
    assert len(SIGNATURES["cases"]) >= 5
    assert len(FLOWS["callbacks"]) >= 13 and len(FLOWS["polls"]) >= 8
    assert len(RECEIPTS["cases"]) >= 30


# --- VietQR ---------------------------------------------------------------------------------------


def _report_value(r: motcua.QrReport, key: str) -> Any:
    if key == "warning_codes":
        return [w.code for w in r.warnings]
    if key == "error":
        return None if r.error is None else {"code": int(r.error.code), "field": r.error.field}
    return getattr(r, key)


VIETQR_MODES = [(case, mode) for case in VIETQR["cases"] for mode in ("strict", "lenient")]


@pytest.mark.parametrize(("case", "mode"), VIETQR_MODES, ids=[f"{c['id']}-{m}" for c, m in VIETQR_MODES])
def test_vietqr_vectors(case: dict[str, Any], mode: str) -> None:
    r = motcua.qr_parse(case["payload"], strict=mode == "strict")
    for key, want in case[mode].items():
        if key == "error":
            assert _report_value(r, key) == {"code": want["code"], "field": want["field"]}, r
        else:
            assert _report_value(r, key) == want, f"{key}: {r}"
    assert r.valid is (r.error is None)
    if r.error is not None:
        assert isinstance(r.error.code, ErrorCode) and r.error.name == r.error.code.name.lower()


BUILDS = [c for c in VIETQR["cases"] if "build" in c]


@pytest.mark.parametrize("case", BUILDS, ids=[c["id"] for c in BUILDS])
def test_vietqr_build_reproduces_the_payload(case: dict[str, Any]) -> None:
    b = dict(case["build"])
    assert motcua.qr_build(b.pop("bin"), b.pop("account"), **b) == case["payload"]


def test_qr_parse_many_is_qr_parse_of_each() -> None:
    payloads = [c["payload"] for c in VIETQR["cases"]] * 3
    for strict in (False, True):
        assert motcua.qr_parse_many(payloads, strict=strict) == [motcua.qr_parse(p, strict) for p in payloads]
    assert motcua.qr_parse_many([]) == []
    with pytest.raises(TypeError):
        motcua.qr_parse_many("0002")


@pytest.mark.parametrize("payload", ["", "x", "0002010102", "\ud800", "0002" * 600, "Lệ phí"])
def test_qr_parse_never_raises(payload: str) -> None:
    for strict in (False, True):
        r = motcua.qr_parse(payload, strict)
        assert r.valid is False and r.error is not None and 6000 <= r.error.code < 6300, r
    assert all(not r.valid for r in motcua.qr_parse_many([payload, payload]))


def test_qr_report_is_typed_and_frozen() -> None:
    r = motcua.qr_parse(VIETQR["cases"][0]["payload"])
    assert r.valid and r.point_of_initiation == "static" and r.service == "QRIBFTTA"
    assert isinstance(r.warnings, tuple) and r.warnings[0] == motcua.QrWarning("nested_length", r.warnings[0].field, r.warnings[0].message)
    assert r.warnings[0].field == "38.01.01"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.valid = False  # type: ignore[misc]
    strict = motcua.qr_parse(VIETQR["cases"][0]["payload"], strict=True)
    assert strict.error == motcua.ErrorInfo(ErrorCode.QR_TLV, "qr_tlv", "38.01", strict.error.message if strict.error else "")


def test_qr_build_round_trip_and_options() -> None:
    p = motcua.qr_build("970436", "1017595600", amount=50_000, purpose="Lệ phí hộ tịch G22", reference_label="HS0001")
    r = motcua.qr_parse(p, strict=True)
    assert (r.valid, r.amount, r.purpose, r.reference_label) == (True, 50_000, "Le phi ho tich G22", "HS0001")
    assert r.point_of_initiation == "dynamic"
    kept = motcua.qr_parse(motcua.qr_build("970436", "1017595600", purpose="Lệ phí", keep_diacritics=True), strict=True)
    assert kept.valid and kept.purpose == "Lệ phí" and kept.warnings[0].code == "purpose_not_ascii"
    static = motcua.qr_parse(motcua.qr_build("970436", "1017595600", service="QRIBFTTC"))
    assert (static.point_of_initiation, static.service, static.amount) == ("static", "QRIBFTTC", None)


# --- QR images ------------------------------------------------------------------------------------

PAYLOAD = VIETQR["cases"][2]["payload"]


def test_qr_svg() -> None:
    svg = motcua.qr_svg(PAYLOAD)
    assert svg.startswith("<?xml") and "viewBox=" in svg and svg.rstrip().endswith("</svg>")
    assert motcua.qr_svg(PAYLOAD) == svg, "deterministic"
    assert motcua.qr_svg(PAYLOAD, module=8) != svg


def test_qr_png() -> None:
    png = motcua.qr_png(PAYLOAD)
    assert isinstance(png, bytes) and png.startswith(PNG_SIGNATURE)
    assert motcua.qr_png(PAYLOAD) == png, "deterministic"
    assert len(motcua.qr_png(PAYLOAD, module=1)) < len(motcua.qr_png(PAYLOAD, module=8))


@pytest.mark.parametrize("draw", [motcua.qr_svg, motcua.qr_png])
def test_qr_image_too_long_is_6006(draw: Any) -> None:
    with pytest.raises(PaymentError) as e:
        draw("x" * 2332)
    assert (e.value.code, e.value.field) == (6006, "payload")
    assert e.value.code == ErrorCode.QR_TOO_LONG
    with pytest.raises(motcua.ConfigError) as c:
        draw(PAYLOAD, module=-1)
    assert (c.value.code, c.value.field) == (9004, "module")


# --- payment platform: signatures -----------------------------------------------------------------


@pytest.mark.parametrize(
    "case", SIGNATURES["cases"], ids=[f"{i}-{c['message']}" for i, c in enumerate(SIGNATURES["cases"])]
)
def test_signature_vectors(case: dict[str, Any]) -> None:
    message, fields, secret = case["message"], case["fields"], case["secret"]
    signed = motcua.pay_sign(message, fields, secret)
    assert signed["MaXacThuc"] == case["MaXacThuc"]
    assert {k: v for k, v in signed.items() if k != "MaXacThuc"} == fields
    assert motcua.pay_verify(message, signed, secret) is True
    assert motcua.pay_verify(message, {**signed, "MaXacThuc": case["MaXacThuc"].upper()}, secret)
    assert motcua.pay_verify(message, signed, "other") is False
    # Every field of these vectors is signed (the signature base has one part per field).
    assert len(case["signature_base"].split("|")) == len(fields) + 1
    for f in fields:
        assert motcua.pay_verify(message, {**signed, f: "x"}, secret) is False, f
        with pytest.raises(PaymentError) as e:
            motcua.pay_verify(message, {k: v for k, v in signed.items() if k != f}, secret)
        assert (e.value.code, e.value.field) == (ErrorCode.PAY_MISSING_FIELD, f)


def test_pay_build_is_24_hour_and_signs_like_the_vectors() -> None:
    init_case, query_case = SIGNATURES["cases"][0], SIGNATURES["cases"][3]
    f = init_case["fields"]
    common = {"ma_doi_tac": f["MaDoiTac"], "ma_tham_chieu": f["MaThamChieu"], "secret": SECRET}
    for when in (
        datetime(2026, 11, 24, 15, 30, 0),
        "2026-11-24T15:30:00",
        "20261124153000",
        datetime(2026, 11, 24, 8, 30, 0, tzinfo=timezone.utc),
        datetime(2026, 11, 24, 15, 30, 0, 999_999, tzinfo=timezone(timedelta(hours=7))),
    ):
        init = motcua.pay_build(
            "INIT",
            thoi_gian=when,
            so_tien=int(f["SoTien"]),
            thong_tin_giao_dich=f["ThongTinGiaoDich"],
            ip=f["Ip"],
            **common,
        )
        assert init["ThoiGianGD"] == "20261124153000", when
        assert init["MaXacThuc"] == init_case["MaXacThuc"], when
        assert motcua.pay_verify("INIT", init, SECRET)
        query = motcua.pay_build("QUERY", thoi_gian=when, **common)
        assert query["MaXacThuc"] == query_case["MaXacThuc"]
    with_receipt = motcua.pay_build(
        "INIT",
        thoi_gian="20261124153000",
        so_tien=50000,
        thong_tin_giao_dich=f["ThongTinGiaoDich"],
        ip=f["Ip"],
        thong_tin_bien_lai={"MaHoSo": "H56.00-251124-0001"},
        **common,
    )
    assert with_receipt["ThongTinBienLai"] == {"MaHoSo": "H56.00-251124-0001"}
    assert with_receipt["MaXacThuc"] == init_case["MaXacThuc"], "ThongTinBienLai is not signed"


@pytest.mark.parametrize(
    "text", ["2026-11-24 03:30:05 PM", "2026-11-24T03:30:05 PM", "20261124033005PM", "11/24/2026 3:30:05 PM", "2026-11-24T25:30:00"]
)
def test_12_hour_time_is_rejected(text: str) -> None:
    with pytest.raises(PaymentError) as e:
        motcua.pay_build("QUERY", ma_doi_tac="TH", ma_tham_chieu="dvc1", thoi_gian=text, secret=SECRET)
    assert (e.value.code, e.value.field) == (ErrorCode.PAY_FIELD, "thoi_gian")
    with pytest.raises(PaymentError) as p:
        motcua.pay_next_poll(text, "2026-11-24T15:31:00")
    assert (p.value.code, p.value.field) == (6103, "initiated_at")


def test_payment_errors_have_codes_and_fields() -> None:
    cases: list[tuple[Any, int, str]] = [
        (lambda: motcua.qr_build("123456", "1017595600"), 6003, "bin"),
        (lambda: motcua.qr_build("970436", "12 34"), 6003, "account"),
        (lambda: motcua.qr_build("970436", "1017595600", amount=0), 6003, "amount"),
        (lambda: motcua.qr_build("970436", "1017595600", service="QRX"), 6003, "service"),
        (lambda: motcua.qr_build("970436", "1017595600", purpose="x" * 26), 6006, "62.08"),
        (lambda: motcua.pay_sign("INIT", {"LoaiBanTin": "INIT"}, SECRET), 6101, "PhienBan"),
        (
            lambda: motcua.pay_build("INIT", ma_doi_tac="TH", ma_tham_chieu="d", thoi_gian="20261124153000", secret=SECRET),
            6101,
            "so_tien",
        ),
    ]
    for call, code, field in cases:
        with pytest.raises(PaymentError) as e:
            call()
        assert e.value.code == code and isinstance(e.value, motcua.Error), (code, field, e.value)
        if code != 6006:
            assert e.value.field == field, e.value
        assert str(e.value)
    # Not payment errors: a bad argument is ConfigError (9004).
    for call in (
        lambda: motcua.pay_sign("PAY", {}, SECRET),
        lambda: motcua.pay_build("CALLBACK", ma_doi_tac="TH", ma_tham_chieu="d", thoi_gian="20261124153000", secret=SECRET),
        lambda: motcua.pay_sign("INIT", {"x": object()}, SECRET),
        lambda: motcua.pay_next_poll("2026-11-24T15:30:00", "2026-11-24T15:30:00", queries_done=-1),
    ):
        with pytest.raises(motcua.ConfigError) as c:
            call()
        assert c.value.code == ErrorCode.INVALID_ARGUMENT


# --- payment platform: callbacks and polling ------------------------------------------------------


@pytest.mark.parametrize("case", FLOWS["callbacks"], ids=[c["name"] for c in FLOWS["callbacks"]])
def test_callback_vectors(case: dict[str, Any]) -> None:
    c = motcua.pay_check_callback(case["callback"], case["secret"], case["requested_amount"], case["previous"])
    assert c.outcome == case["outcome"], c
    for k in ("code", "field", "so_tien", "ma_loi"):
        if k in case:
            assert getattr(c, k) == case[k], (k, c)
    if c.outcome == "rejected":
        assert c.code is not None and 6101 <= c.code <= 6107 and c.name == c.code.name.lower()
        assert c.field and c.message and c.ma_giao_dich is None and c.so_tien is None
    else:
        assert c.code is None and c.name is None and c.field is None and c.message is None
    if c.outcome == "paid":
        assert c.ma_tham_chieu == case["callback"]["MaThamChieu"] and c.ma_giao_dich == case["callback"]["MaGiaoDich"]
        assert c.so_tien == case["requested_amount"] and c.ma_loi is None


@pytest.mark.parametrize("case", FLOWS["polls"], ids=[c["name"] for c in FLOWS["polls"]])
def test_poll_vectors(case: dict[str, Any]) -> None:
    request = case["request"]
    if "error_code" in case:
        with pytest.raises(PaymentError) as e:
            motcua.pay_next_poll(**request)
        assert (e.value.code, e.value.field) == (case["error_code"], case["error_field"])
        return
    p = motcua.pay_next_poll(**request)
    assert p == motcua.PollDecision(datetime.fromisoformat(case["query_at"]), case["escalate"])
    # The same request with datetimes in.
    as_dt: dict[str, Any] = {
        k: datetime.fromisoformat(v) if k in ("initiated_at", "now", "last_query_at") and "-" in v else v
        for k, v in request.items()
    }
    assert motcua.pay_next_poll(**as_dt) == p


# --- e-receipts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", RECEIPTS["cases"], ids=[c["name"] for c in RECEIPTS["cases"]])
def test_receipt_vectors(case: dict[str, Any]) -> None:
    receipt = case["json"] if "json" in case else case["receipt"]
    r = motcua.receipt_check(receipt, **case.get("rules", {}))
    assert r.valid is case["valid"], r
    assert [int(e.code) for e in r.errors] == case["error_codes"]
    assert [e.field for e in r.errors] == case["error_fields"]
    assert (r.total_phi, r.total_le_phi, r.lines) == (case["total_phi"], case["total_le_phi"], case["lines"])
    for e in r.errors:
        assert isinstance(e, motcua.ErrorInfo) and e.name == e.code.name.lower()
        for pii in ("Nguyễn", "038090000001", "03809000000X"):
            assert pii not in e.message
    if "receipt" in case:
        assert motcua.receipt_check(json.dumps(case["receipt"]), **case.get("rules", {})) == r


def test_payment_names_are_exported() -> None:
    for name in (
        "PaymentError",
        "QrReport",
        "QrWarning",
        "ErrorInfo",
        "Confirmation",
        "PollDecision",
        "ReceiptReport",
        "qr_parse",
        "qr_parse_many",
        "qr_build",
        "qr_svg",
        "qr_png",
        "pay_sign",
        "pay_verify",
        "pay_build",
        "pay_check_callback",
        "pay_next_poll",
        "receipt_check",
    ):
        assert name in motcua.__all__ and hasattr(motcua, name), name
    assert issubclass(PaymentError, motcua.Error) and PaymentError is motcua._native.PaymentError
