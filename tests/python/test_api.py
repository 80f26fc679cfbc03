"""Behaviour of the binding itself: exceptions, panics, batches, defaults, Vietnamese text."""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any

import pytest

import motcua
from motcua import DossierState, DossierStatus, ErrorCode


# --- exceptions -----------------------------------------------------------------------------------


def test_debug_panic_is_internal_error() -> None:
    with pytest.raises(motcua.InternalError) as e:
        motcua._debug_panic()
    assert e.value.code == ErrorCode.PANIC.value == 9001
    assert isinstance(e.value, motcua.Error) and isinstance(e.value, ValueError)
    assert type(e.value).__name__ != "PanicException"
    # `except motcua.Error` is enough; the module still works afterwards.
    try:
        motcua._debug_panic()
    except motcua.Error as caught:
        assert caught.code == 9001
    assert motcua.check("cmnd", "123456789").valid


@pytest.mark.parametrize(
    ("call", "cls", "code", "field"),
    [
        (lambda: motcua.parse_vnd("50.000"), motcua.MoneyError, 2002, "amount"),
        (lambda: motcua.parse_vnd("-1", non_negative=True), motcua.MoneyError, 2004, "amount"),
        (lambda: motcua.check("bogus", "1"), motcua.IdentifierError, 1011, "kind"),
        (lambda: motcua.transition("dossier", 9, 4), motcua.TransitionError, 3002, "dossier"),
        (lambda: motcua.transition("dossier", 1, 3), motcua.TransitionError, 3004, "reason"),
        (lambda: motcua.transition("nope", 1, 2), motcua.ConfigError, 9004, "machine"),
        (lambda: motcua.transition("dossier", 5, 2, policy="later"), motcua.ConfigError, 9004, "policy"),  # type: ignore[arg-type]
        (lambda: motcua.states("dossier", "svg"), motcua.ConfigError, 9004, "format"),  # type: ignore[arg-type]
        (lambda: motcua.check("cccd", "1", today="24/11/2026"), motcua.ConfigError, 9004, "today"),
        (lambda: motcua.check("cccd", "1", config={"nope": 1}), motcua.ConfigError, 9004, "config"),
        (lambda: motcua.check("cccd", "1", config={"commune_table": "x"}), motcua.ConfigError, 9004, "commune_table"),
        (lambda: motcua.check("cccd", "1", config={"today": {1, 2}}), motcua.ConfigError, 9004, "config"),
        (lambda: motcua.validate_jsonl("{}", config={"limits": 3}), motcua.ConfigError, 9004, "config"),
        (lambda: DossierState(11), motcua.TransitionError, 3001, "status"),
    ],
)
def test_errors_are_value_errors_with_code_and_field(call: Any, cls: type[motcua.Error], code: int, field: str) -> None:
    with pytest.raises(cls) as e:
        call()
    err = e.value
    assert isinstance(err, motcua.Error) and isinstance(err, ValueError)
    assert err.code == code and ErrorCode(err.code).value == code
    assert err.field == field
    assert str(err).startswith(f"{field}: ")


def test_exception_hierarchy() -> None:
    for cls in (motcua.IdentifierError, motcua.MoneyError, motcua.TransitionError, motcua.ConfigError, motcua.InternalError):
        assert issubclass(cls, motcua.Error)
    assert issubclass(motcua.Error, ValueError)


def test_exceptions_pickle_with_their_attributes() -> None:
    with pytest.raises(motcua.TransitionError) as e:
        motcua.transition("dossier", 10, 4)
    back = pickle.loads(pickle.dumps(e.value))
    assert type(back) is motcua.TransitionError
    assert (back.code, back.field, str(back)) == (e.value.code, e.value.field, str(e.value))


def test_transition_error_names_the_broken_rule() -> None:
    with pytest.raises(motcua.TransitionError) as e:
        motcua.transition("dossier", "processed", "processing")
    msg = str(e.value)
    assert e.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
    assert "9 (processed) -> 4 (processing)" in msg and "not in the table" in msg and "10 (returned)" in msg
    with pytest.raises(motcua.TransitionError) as e:
        motcua.transition("dossier", 8, 4)
    assert e.value.code == ErrorCode.TRANSITION_ADMIN_ONLY and "administrative" in str(e.value)
    with pytest.raises(motcua.TransitionError) as e:
        DossierState(5, 4).transition(2)
    assert e.value.code == ErrorCode.TRANSITION_RESUME_MISMATCH and "must return there" in str(e.value)


def test_messages_do_not_echo_personal_numbers() -> None:
    for kind, value in [("cccd", "038090000009x"), ("cccd", "999090000001"), ("mst", "0100109107"), ("cmnd", "12345678x")]:
        r = motcua.check(kind, value, today="2026-11-24")
        assert r.error is not None and value not in r.error.message


def test_lone_surrogates_are_motcua_errors_not_unicode_errors() -> None:
    with pytest.raises(motcua.Error) as e:
        motcua.check("cccd", "\udc80")
    assert e.value.code == ErrorCode.INVALID_UTF8
    with pytest.raises(motcua.Error):
        motcua.check_many("cccd", ["038090000001", "\ud800"])
    with pytest.raises(motcua.Error):
        motcua.parse_vnd("1\udc80")
    # Sync input with a lone surrogate is invalid JSON text, reported as an issue.
    [issue] = motcua.validate_dossier('{"MaHoSo": "\udc80"}', today="2026-11-24")
    assert issue.code == ErrorCode.SYNC_JSON


def test_wrong_argument_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        motcua.check("cccd", 38090000001)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        motcua.check_many("cccd", "038090000001")  # a str is not a batch
    with pytest.raises(TypeError):
        motcua.check_many("cccd", ["038090000001", 1])  # type: ignore[list-item]


# --- identifiers ----------------------------------------------------------------------------------


def test_check_many_equals_mapping_check() -> None:
    cases = [c for c in motcua_cases() if "config" not in c]
    by_kind: dict[str, list[str]] = {}
    for c in cases:
        by_kind.setdefault(c["kind"], []).append(c["value"])
    assert len(by_kind) == len(motcua.KINDS)
    for kind, values in by_kind.items():
        batch = motcua.check_many(kind, values, today="2026-11-24")
        assert batch == [motcua.check(kind, v, today=datetime.date(2026, 11, 24)) for v in values]
        assert motcua.check_many(kind, tuple(values), today="2026-11-24") == batch
    assert motcua.check_many("cccd", []) == []


def test_check_many_large_batch() -> None:
    values = [f"0380900{i:05d}" for i in range(20_000)]
    results = motcua.check_many("cccd", values, today="2026-11-24")
    assert len(results) == len(values) and all(r.valid for r in results)
    assert [r.value for r in results] == values


def motcua_cases() -> list[dict[str, Any]]:
    from conftest import load

    cases: list[dict[str, Any]] = load("identifiers.json")["cases"]
    return cases


def test_today_defaults_to_vietnam_date() -> None:
    vn_today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()
    born_this_year = f"038{(vn_today.year // 100 - 19) * 2}{vn_today.year % 100:02d}000001"
    born_next_year = f"038{((vn_today.year + 1) // 100 - 19) * 2}{(vn_today.year + 1) % 100:02d}000001"
    assert motcua.check("cccd", born_this_year).valid
    r = motcua.check("cccd", born_next_year)
    assert r.error is not None and r.error.code == ErrorCode.ID_FUTURE_BIRTH_YEAR


def test_today_argument_overrides_config_and_accepts_dates() -> None:
    value = "038226000001"  # born 2026
    assert motcua.check("cccd", value, config={"today": "2026-01-01"}).valid
    assert not motcua.check("cccd", value, today="2025-12-31", config={"today": "2026-01-01"}).valid
    assert motcua.check("cccd", value, today=datetime.datetime(2026, 5, 1, 12, 0)).valid
    cfg = {"today": "2026-01-01"}
    motcua.check("cccd", value, today="2025-01-01", config=cfg)
    assert cfg == {"today": "2026-01-01"}, "the caller's config is not modified"


def test_config_is_the_core_json_config() -> None:
    assert not motcua.check("agency", "G09.20", today="2026-11-24", config={"allow_short_agency_id": False}).valid
    assert motcua.check("agency", "G09.20", today="2026-11-24").valid


# --- money ----------------------------------------------------------------------------------------


def test_parse_vnd_extremes() -> None:
    assert motcua.parse_vnd("-9223372036854775808") == -(2**63)
    assert motcua.parse_vnd("0", non_negative=True) == 0
    with pytest.raises(motcua.MoneyError) as e:
        motcua.parse_vnd("")
    assert e.value.code == ErrorCode.MONEY_EMPTY


# --- status ---------------------------------------------------------------------------------------


def test_dossier_state_wraps_transition() -> None:
    s = DossierState(DossierStatus.RECEIVED)
    s = s.transition(DossierStatus.PROCESSING)
    assert s == DossierState(4)
    paused = s.transition(5)
    assert paused == DossierState(DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.PROCESSING)
    assert isinstance(paused.status, DossierStatus) and isinstance(paused.paused_from, DossierStatus)
    assert paused.transition("processing") == DossierState(4)
    assert paused.transition(2, policy="restart") == DossierState(2)
    assert DossierState(4).transition(8, reason="Không đủ điều kiện").transition(4, admin=True) == DossierState(4)
    assert DossierState(9).transition("done").status is DossierStatus.RETURNED
    with pytest.raises(motcua.TransitionError):
        DossierState(4).transition(11)


def test_transition_accepts_keys_codes_and_enums() -> None:
    a = motcua.transition("dossier", "received", "processing")
    b = motcua.transition("dossier", 2, DossierStatus.PROCESSING)
    c = motcua.transition("dossier", "2", "4")
    assert a == b == c == motcua.Transition("processing", 4, None)
    t = motcua.transition("dossier", 4, 6)
    assert t == motcua.Transition("awaiting_payment", 6, "processing")


@pytest.mark.parametrize("machine", ["dossier", "payment_attempt", "complaint"])
def test_states_exports(machine: str) -> None:
    table = json.loads(motcua.states(machine))
    assert table["name"] == machine and table["states"] and table["transitions"]
    assert motcua.states(machine, "mermaid").startswith("stateDiagram-v2\n")
    assert motcua.states(machine, format="dot").startswith(f"digraph {machine} {{")


# --- Vietnamese text ------------------------------------------------------------------------------


def test_vietnamese_text_round_trips() -> None:
    assert DossierStatus.PROCESSING.label_vi == "Đang xử lý"
    assert DossierStatus.AWAITING_PAYMENT.label_vi == "Yêu cầu thực hiện nghĩa vụ tài chính"
    assert DossierStatus.RETURNED.key == "returned"
    table = json.loads(motcua.states())
    labels = {s["key"]: s["label_vi"] for s in table["states"]}
    assert labels == {s.key: s.label_vi for s in DossierStatus}
    assert "4 Đang xử lý" in motcua.states(format="mermaid")
    assert "tiếp nhận" in motcua.states(format="dot")
    r = motcua.check("cccd", "024215000001", today="2026-11-24")
    assert r.parsed["birth_place_name"] == "Tỉnh Bắc Giang"
    assert DossierState(1).transition(3, reason="Thiếu tờ khai").status is DossierStatus.REFUSED
    # Non-ASCII inside a sync record: positions and lengths are characters, not bytes.
    issues = motcua.validate_dossier({"TrichYeuHoSo": "Đăng ký " * 200}, today="2026-11-24")
    [too_long] = [i for i in issues if i.code == ErrorCode.SYNC_TOO_LONG]
    assert too_long.path == "$.TrichYeuHoSo" and "1600 characters" in too_long.message


# --- sync -----------------------------------------------------------------------------------------


def test_validate_jsonl_reports_every_line(valid_record: dict[str, Any]) -> None:
    good = json.dumps(valid_record, ensure_ascii=False)
    broken = dict(valid_record, NgayTiepNhan="20250715246000")
    lines = [good, "", json.dumps(broken, ensure_ascii=False), "   ", "{not json", good]
    reports = motcua.validate_jsonl("\n".join(lines) + "\n", today="2026-11-24")
    assert [r.line for r in reports] == [1, 3, 5, 6]
    assert [r.valid for r in reports] == [True, False, False, True]
    assert [(i.code, i.path) for i in reports[1].issues] == [(ErrorCode.SYNC_DATE, "$.NgayTiepNhan")]
    assert reports[2].issues[0].code == ErrorCode.SYNC_JSON
    assert reports[0].issues == () and reports[0] == motcua.RecordReport(1, [])
    # bytes in, same reports out
    assert motcua.validate_jsonl(("\n".join(lines)).encode(), today="2026-11-24") == reports


def test_validate_jsonl_one_multiline_document(valid_record: dict[str, Any]) -> None:
    text = "\n\n" + json.dumps(valid_record, ensure_ascii=False, indent=2)
    [report] = motcua.validate_jsonl(text, today="2026-11-24")
    assert report.line == 3 and report.valid
    assert motcua.validate_jsonl("") == [] and motcua.validate_jsonl(b" \n\n") == []


def test_validate_jsonl_large_batch(valid_record: dict[str, Any]) -> None:
    line = json.dumps(valid_record, ensure_ascii=False)
    bad = json.dumps(dict(valid_record, TrangThaiHoSo="11"), ensure_ascii=False)
    data = "\n".join(bad if i % 100 == 7 else line for i in range(5_000)).encode()
    reports = motcua.validate_jsonl(data, today="2026-11-24")
    assert len(reports) == 5_000
    assert [r.line for r in reports if not r.valid] == [i + 1 for i in range(5_000) if i % 100 == 7]


def test_validate_jsonl_threads_give_the_same_reports(valid_record: dict[str, Any]) -> None:
    line = json.dumps(valid_record, ensure_ascii=False)
    bad = json.dumps(dict(valid_record, NgayTra="20250716090000"), ensure_ascii=False)
    data = "\n".join(bad if i % 97 == 3 else ("" if i % 50 == 0 else line) for i in range(8_000)).encode()
    assert len(data) > 2 << 20, "large enough to be split across threads"
    one = motcua.validate_jsonl(data, today="2026-11-24", threads=1)
    assert len(one) == sum(1 for i in range(8_000) if i % 97 == 3 or i % 50 != 0)
    assert [r.line for r in one if not r.valid] == [i + 1 for i in range(8_000) if i % 97 == 3]
    for n in (2, 3, None):
        assert motcua.validate_jsonl(data, today="2026-11-24", threads=n) == one
    with pytest.raises(motcua.ConfigError):
        motcua.validate_jsonl(data, threads=0)


def test_batches_run_concurrently_from_threads(valid_record: dict[str, Any]) -> None:
    """The batch entry points release the GIL; several threads get the same answers as one."""
    from concurrent.futures import ThreadPoolExecutor

    data = "\n".join(json.dumps(dict(valid_record, TrangThaiHoSo=str(i % 12))) for i in range(2_000))
    values = [f"0380900{i:05d}" for i in range(2_000)] + ["x"]
    want_reports = motcua.validate_jsonl(data, today="2026-11-24")
    want_checks = motcua.check_many("cccd", values, today="2026-11-24")
    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(lambda _: motcua.validate_jsonl(data, today="2026-11-24"), range(4)))
        checks = list(pool.map(lambda _: motcua.check_many("cccd", values, today="2026-11-24"), range(4)))
    assert all(r == want_reports for r in reports) and all(c == want_checks for c in checks)


def test_validate_dossier_envelope_and_shapes(valid_record: dict[str, Any]) -> None:
    env = {"service": "DongBoHoSoMC", "isUpdating": False, "data": [valid_record, {"MaHoSo": 5}]}
    issues = motcua.validate_dossier(env, today="2026-11-24")
    assert issues and all(i.path.startswith("$.data[1]") for i in issues)
    assert motcua.validate_dossier(json.dumps(valid_record), today="2026-11-24") == []
    [shape] = motcua.validate_dossier("[]", today="2026-11-24")
    assert shape == motcua.Issue(ErrorCode.SYNC_SHAPE, "$", shape.message)


def test_results_are_frozen() -> None:
    r = motcua.check("cmnd", "123456789")
    with pytest.raises(AttributeError):
        r.valid = False  # type: ignore[misc]
    with pytest.raises(AttributeError):
        DossierState(1).status = DossierStatus.RECEIVED  # type: ignore[misc]


def test_module_docstring_examples() -> None:
    import doctest

    result = doctest.testmod(motcua)
    assert result.attempted >= 3 and result.failed == 0
