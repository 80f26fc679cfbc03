"""Reconciliation (đối soát) and status parity (đối chiếu trạng thái) through the Python API: the
shared sample of tests/vectors/recon reproduced exactly (the same comparison as core/tests/recon.rs),
over files and in memory; bad rows kept as ``invalid_input`` rows; errors raised as
:class:`motcua.ReconError` / :class:`motcua.ParityError`; every case of tests/vectors/parity.json
(the same subset matching as core/tests/parity.rs); no personal data in raised messages."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

import motcua
from conftest import VECTORS, load
from motcua import ErrorCode, ParityError, ReconError, ReconRow, _native

RECON = VECTORS / "recon"
RECON_CASES = load("recon/cases.json")["cases"]
PARITY = load("parity.json")
STATUSES = VECTORS.parent.parent / "examples" / "parity" / "statuses.csv"

#: Input rows of the shared sample (expected.csv lists every bank line and successful payment).
BANK_ROWS = 1388
PAYMENT_ROWS = 1643

#: A made-up payer (người nộp) written into remarks: it must never reach a raised message.
FAKE_NAME = "NGUYEN THI THU HOAI"


def _csv_records(name: str) -> list[dict[str, str]]:
    with open(RECON / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def sample() -> dict[str, list[dict[str, str]]]:
    return {name: _csv_records(f"{name}.csv") for name in ("dossiers", "payments", "bank")}


@pytest.fixture(scope="module")
def expected() -> dict[tuple[str, str], tuple[str, str, str]]:
    with open(RECON / "expected.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = {(r["source"], r["id"]): (r["class"], r["ma_ho_so"], r["ma_tham_chieu"]) for r in rows}
    assert len(out) == len(rows) == BANK_ROWS + 1214, "expected.csv: one row per bank line and successful payment"
    return out


def _assert_reproduces(rows: typing.Sequence[ReconRow], expected: dict[tuple[str, str], tuple[str, str, str]]) -> None:
    """Every bank line and every successful payment (trang_thai_gd 1) has the expected class,
    ma_ho_so and ma_tham_chieu, and there is no such row that expected.csv does not list."""
    got: dict[tuple[str, str], tuple[str, str, str]] = {}
    for r in rows:
        if r.source == "payment" and r.trang_thai_gd != 1:
            continue
        key = (r.source, r.id)
        assert key not in got, f"two rows for {key}"
        got[key] = (r.class_, r.ma_ho_so, r.ma_tham_chieu)
    wrong = [f"{k}: want {w}, got {got.get(k)}" for k, w in expected.items() if got.get(k) != w]
    assert not wrong, f"{len(wrong)} of {len(expected)} rows differ:\n" + "\n".join(wrong[:30])
    extra = sorted(set(got) - set(expected))
    assert not extra, f"rows not in expected.csv: {extra[:5]}"


def _output_rows(summary: dict[str, Any], source: str) -> int:
    return sum(t["rows"] for t in summary["output"][source].values())


def _assert_balanced(summary: dict[str, Any]) -> None:
    """Input rows (and đồng) equal output rows (and đồng) per source; the sample's counts."""
    assert summary["input"]["bank"]["rows"] == _output_rows(summary, "bank") == BANK_ROWS
    assert summary["input"]["payment"]["rows"] == _output_rows(summary, "payment") == PAYMENT_ROWS
    for source in ("bank", "payment"):
        assert summary["input"][source]["amount"] == sum(t["amount"] for t in summary["output"][source].values())
    assert summary["output"]["bank"]["matched"]["rows"] == 1173
    assert summary["dossier_rows"] == summary["dossiers_loaded"] == 2000


# --- the shared sample ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("recon") / "results.jsonl"
    summary = motcua.reconcile_files(RECON / "dossiers.csv", RECON / "payments.csv", str(RECON / "bank.csv"), out)
    with open(out, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    return summary, lines


def test_reconcile_files_reproduces_expected(
    files_run: tuple[dict[str, Any], list[dict[str, Any]]], expected: dict[tuple[str, str], tuple[str, str, str]]
) -> None:
    summary, lines = files_run
    assert len(lines) == BANK_ROWS + PAYMENT_ROWS, "one results.jsonl line per bank line and payment"
    _assert_reproduces([ReconRow.from_dict(r) for r in lines], expected)
    _assert_balanced(summary)


def test_reconcile_in_memory_reproduces_expected(
    sample: dict[str, list[dict[str, str]]], expected: dict[tuple[str, str], tuple[str, str, str]]
) -> None:
    r = motcua.reconcile(sample["dossiers"], sample["payments"], sample["bank"])
    assert isinstance(r, motcua.Reconciliation) and isinstance(r.rows, tuple)
    assert len(r.rows) == BANK_ROWS + PAYMENT_ROWS
    _assert_reproduces(r.rows, expected)
    _assert_balanced(r.summary)


def test_in_memory_equals_files(
    sample: dict[str, list[dict[str, str]]], files_run: tuple[dict[str, Any], list[dict[str, Any]]]
) -> None:
    """The same records give the same rows and totals; ``line`` is the file line (header = 1) over
    files, the 1-based position in memory. Generators and read-only mappings are records too."""
    summary, lines = files_run

    def gen(rows: list[dict[str, str]]) -> Iterator[MappingProxyType[str, str]]:
        return (MappingProxyType(row) for row in rows)

    r = motcua.reconcile(gen(sample["dossiers"]), gen(sample["payments"]), gen(sample["bank"]), window_hours=96)
    assert r.summary == summary
    assert [dataclasses.replace(row, line=row.line + 1) for row in r.rows] == [ReconRow.from_dict(x) for x in lines]


def test_window_hours_is_passed_to_core(sample: dict[str, list[dict[str, str]]]) -> None:
    wide = motcua.reconcile(sample["dossiers"], sample["payments"], sample["bank"], window_hours=24 * 366)
    narrow = motcua.reconcile(sample["dossiers"], sample["payments"], sample["bank"], window_hours=1)
    assert wide.rows != narrow.rows
    for r in (wide, narrow):
        assert r.summary["input"]["bank"]["rows"] == _output_rows(r.summary, "bank") == BANK_ROWS


def test_rows_are_frozen_and_typed(files_run: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    _, lines = files_run
    rows = [ReconRow.from_dict(x) for x in lines]
    row = rows[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.class_ = "matched"  # type: ignore[misc]
    classes = set(typing.get_args(motcua.ReconClass))
    for r, raw in zip(rows, lines):
        assert r.class_ == raw["class"] in classes
        assert r.source in typing.get_args(motcua.ReconSource)
        assert type(r.so_tien) is int and 0.0 <= r.confidence <= 1.0
        assert (r.trang_thai_gd is None) == (r.source != "payment")
    payment = next(r for r in rows if r.source == "payment" and r.related)
    assert payment.source == "payment" and payment.related.startswith("NH")
    # The dataclass fields are the JSON keys, `class` spelled `class_`.
    full = max(lines, key=len)
    assert [f.name for f in dataclasses.fields(ReconRow) if f.name != "error"] == [
        "class_" if k == "class" else k for k in full
    ]


# --- bad rows, errors -----------------------------------------------------------------------------


def _credit(**kw: str | int) -> dict[str, str | int]:
    row: dict[str, str | int] = {
        "ma_giao_dich_nh": "NH900001",
        "thoi_gian": "2026-07-18 07:13:19",
        "so_tien": 30000,
        "tk_thu_huong": "4215170036616",
        "noi_dung": f"{FAKE_NAME} nop phi ho so 000 33 04 H29 260716 0001",
    }
    row.update(kw)
    return row


def test_bad_amount_is_an_invalid_row_never_dropped() -> None:
    r = motcua.reconcile([], [], [_credit(ma_giao_dich_nh="NH1"), _credit(ma_giao_dich_nh="NH2", so_tien="1.5")])
    assert [x.id for x in r.rows] == ["NH1", "NH2"]
    bad = r.rows[1]
    assert bad.class_ == "invalid_input" and bad.line == 2 and bad.so_tien == 0
    assert bad.error is not None
    assert bad.error.code == 7003 and bad.error.code is ErrorCode.RECON_AMOUNT
    assert (bad.error.name, bad.error.field) == ("recon_amount", "so_tien")
    assert r.rows[0].error is None and r.rows[0].class_ != "invalid_input"
    assert r.summary["input"]["bank"]["rows"] == 2
    assert r.summary["output"]["bank"]["invalid_input"]["rows"] == 1


def test_repeated_bank_id_is_7006() -> None:
    r = motcua.reconcile([], [], [_credit(), _credit()])
    assert len(r.rows) == 2
    assert r.rows[0].error is None
    e = r.rows[1].error
    assert r.rows[1].class_ == "invalid_input" and e is not None
    assert (e.code, e.name, e.field) == (ErrorCode.RECON_REPEATED_ID, "recon_repeated_id", "ma_giao_dich_nh")


def test_every_unreadable_record_gets_a_row() -> None:
    """Missing field or a code of separators only (7002), bad time (7004), wrong value type or not a
    record at all (7005), bad platform status (7007): one invalid_input row each, in order, with its
    position as line."""
    payment: dict[str, str | int] = {
        "ma_tham_chieu": "R1",
        "ma_giao_dich": "G1",
        "ma_ho_so": "000.00.00.H26-260706-0001",
        "so_tien": 1000,
        "thoi_gian_gd": "20260706184100",
        "trang_thai_gd": 7,
        "tk_thu_huong": "1",
        "ma_nh_thu_huong": "970415",
    }
    bank: list[Any] = [
        _credit(ma_giao_dich_nh=""),
        _credit(ma_giao_dich_nh="NH2", thoi_gian="yesterday"),
        {**_credit(ma_giao_dich_nh="NH3"), "noi_dung": {"ten": FAKE_NAME}},
        [FAKE_NAME],
    ]
    separators_only: dict[str, str | int] = {"ma_ho_so": "--", "ngay_tiep_nhan": "20260706080000", "tong_phi": 1000, "tk_thu_huong": "1"}
    r = motcua.reconcile([{"ma_ho_so": ""}, separators_only], [payment], bank)
    by_source = {s: [x for x in r.rows if x.source == s] for s in ("bank", "payment", "dossier")}
    assert [(x.line, x.error and int(x.error.code)) for x in by_source["bank"]] == [
        (1, 7002),
        (2, 7004),
        (3, 7005),
        (4, 7005),
    ]
    # a value that is not text makes the record unreadable, and the row still names it
    assert (by_source["bank"][2].id, by_source["bank"][2].error and by_source["bank"][2].error.field) == ("NH3", "noi_dung")
    assert [(x.line, x.error and int(x.error.code)) for x in by_source["payment"]] == [(1, 7007)]
    # a code of separators only names nothing: 7002 on ma_ho_so, like an empty one
    assert [(x.line, x.error and (int(x.error.code), x.error.field)) for x in by_source["dossier"]] == [
        (1, (7002, "ma_ho_so")),
        (2, (7002, "ma_ho_so")),
    ]
    assert all(x.class_ == "invalid_input" for x in r.rows)
    for x in r.rows:
        assert x.error is not None and FAKE_NAME not in x.error.message and FAKE_NAME not in x.reason


@pytest.mark.parametrize("window_hours", [0, -1, 24 * 366 + 1, 10**30, "96", 9.5, True, None])
def test_malformed_window_hours_is_recon_error_9004(window_hours: Any, tmp_path: Path) -> None:
    with pytest.raises(ReconError) as e:
        motcua.reconcile([], [], [_credit()], window_hours=window_hours)
    assert (e.value.code, e.value.name, e.value.field) == (9004, "invalid_argument", "window_hours")
    with pytest.raises(ReconError) as e:
        motcua.reconcile_files(
            RECON / "dossiers.csv", RECON / "payments.csv", RECON / "bank.csv", tmp_path / "r.jsonl", window_hours=window_hours
        )
    assert (e.value.code, e.value.field) == (9004, "window_hours")


@pytest.mark.parametrize("fields", ["seven", "", "ALL", 7, None, b"contract"])
def test_malformed_fields_is_recon_error_9004(fields: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    with pytest.raises(ReconError) as e:
        motcua.reconcile_files(RECON / "dossiers.csv", RECON / "payments.csv", RECON / "bank.csv", out, fields=fields)
    assert (e.value.code, e.value.field) == (9004, "fields")
    assert not out.exists()


def _write_bank(path: Path, header: str, remark: str = f"{FAKE_NAME} nop phi") -> Path:
    path.write_text(f"{header}\nNH1,2026-07-18 07:13:19,30000,4215170036616,{remark}\n", encoding="utf-8")
    return path


def test_missing_column_is_recon_error_7001(tmp_path: Path) -> None:
    bank = _write_bank(tmp_path / "bank.csv", "ma_giao_dich_nh,thoi_gian,so_tien,tai_khoan,noi_dung")
    out = tmp_path / "results.jsonl"
    with pytest.raises(ReconError) as e:
        motcua.reconcile_files(RECON / "dossiers.csv", RECON / "payments.csv", bank, out)
    err = e.value
    assert isinstance(err, motcua.Error) and not isinstance(err, motcua.ConfigError)
    # The field names the file and the column.
    assert (err.code, err.name, err.field) == (ErrorCode.RECON_HEADER, "recon_header", "bank.tk_thu_huong")
    assert str(err) == err.message and err.message.startswith("bank.tk_thu_huong: ")
    assert FAKE_NAME not in err.message


def test_files_that_cannot_be_opened_are_recon_error_9004(tmp_path: Path) -> None:
    with pytest.raises(ReconError) as e:
        motcua.reconcile_files(tmp_path / "none.csv", RECON / "payments.csv", RECON / "bank.csv", tmp_path / "r.jsonl")
    assert (e.value.code, e.value.field) == (9004, "dossiers")
    with pytest.raises(ReconError) as e:
        motcua.reconcile_files(RECON / "dossiers.csv", RECON / "payments.csv", RECON / "bank.csv", tmp_path / "no" / "r.jsonl")
    assert (e.value.code, e.value.field) == (9004, "out")


def test_json_lines_inputs_and_bad_lines(tmp_path: Path) -> None:
    """JSON Lines by extension; a line that is not JSON is a 7005 row, and its text (the remark with
    a name) is not quoted in the row's error."""
    bank = tmp_path / "bank.jsonl"
    good = json.dumps(_credit(), ensure_ascii=False)
    bank.write_text(f'{good}\n{{"ma_giao_dich_nh": "NH2", "noi_dung": "{FAKE_NAME}" "x"}}\n', encoding="utf-8")
    out = tmp_path / "results.jsonl"
    summary = motcua.reconcile_files(RECON / "dossiers.csv", RECON / "payments.csv", bank, out)
    assert summary["input"]["bank"]["rows"] == _output_rows(summary, "bank") == 2
    rows = [ReconRow.from_dict(json.loads(x)) for x in out.read_text(encoding="utf-8").splitlines()]
    bad = [r for r in rows if r.source == "bank" and r.class_ == "invalid_input"]
    assert len(bad) == 1 and bad[0].error is not None and bad[0].error.code == ErrorCode.RECON_ROW
    assert FAKE_NAME not in bad[0].error.message and FAKE_NAME not in bad[0].reason


@pytest.mark.parametrize("case", RECON_CASES, ids=[c["name"] for c in RECON_CASES])
def test_recon_case_vectors(case: dict[str, Any], tmp_path: Path) -> None:
    """Every case of tests/vectors/recon/cases.json through :func:`motcua.reconcile_files`: the rows
    of results.jsonl and the control totals, or the error of the whole run (the same subset
    matching as core/tests/recon.rs)."""
    paths = []
    for name in ("dossiers", "payments", "bank"):
        path = tmp_path / f"{name}.{case['format']}"
        path.write_bytes(case[name].encode("utf-8"))
        paths.append(path)
    dossiers, payments, bank = paths
    out = tmp_path / "results.jsonl"
    # The rules JSON's keys as keyword arguments.
    rules = case.get("rules", {})
    if "error" in case["expect"]:
        # ReconError, or MoneyError when a control total passes i64 đồng: the code tells them apart.
        with pytest.raises(motcua.Error) as e:
            motcua.reconcile_files(dossiers, payments, bank, out, **rules)
        _subset(case["expect"]["error"], {"code": e.value.code, "field": e.value.field})
        return
    summary = motcua.reconcile_files(dossiers, payments, bank, out, **rules)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expect = {k: v for k, v in case["expect"].items() if k != "keys"}
    _subset(expect, {"rows": rows, "summary": summary})
    if "keys" in case["expect"]:
        assert [sorted(r) for r in rows] == [sorted(k) for k in case["expect"]["keys"]]
    if rules.get("fields", "all") == "all":
        # The typed view reads every row.
        assert [ReconRow.from_dict(r).class_ for r in rows] == [r["class"] for r in rows]


def test_recon_case_vectors_cover_every_class() -> None:
    assert len(RECON_CASES) >= 27
    seen = {row["class"] for case in RECON_CASES for row in case["expect"].get("rows", [])}
    assert seen == set(typing.get_args(motcua.ReconClass)), sorted(seen)


class _Payer:
    """A value that is not text or a number, whose repr is personal data."""

    def __repr__(self) -> str:
        return FAKE_NAME


def test_no_personal_data_in_raised_messages(tmp_path: Path) -> None:
    raised: list[motcua.Error] = []
    with pytest.raises(ReconError) as e:
        motcua.reconcile([], [], [_credit(noi_dung=_Payer())])  # type: ignore[arg-type]
    raised.append(e.value)
    assert (e.value.code, e.value.field) == (9004, "bank")
    with pytest.raises(ReconError) as e:
        motcua.reconcile([], [], [_credit(noi_dung=float("nan"))])  # type: ignore[arg-type]
    raised.append(e.value)
    for header in ("ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong", f"ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong,{FAKE_NAME}"):
        bank = _write_bank(tmp_path / "bank.csv", header)
        with pytest.raises(ReconError) as e:
            motcua.reconcile_files(RECON / "dossiers.csv", RECON / "payments.csv", bank, tmp_path / "r.jsonl")
        raised.append(e.value)
        assert (e.value.code, e.value.field) == (7001, "bank.noi_dung")
    with pytest.raises(ParityError) as p:
        motcua.parity([{"ma_ho_so": "H1", "system": "portal", "trang_thai": 4, "updated_at": _Payer()}])  # type: ignore[dict-item]
    raised.append(p.value)
    for err in raised:
        assert FAKE_NAME not in str(err) and FAKE_NAME not in err.message and FAKE_NAME not in repr(err)
        assert isinstance(err.code, int) and err.name and err.field


def test_batches_are_iterables_of_records() -> None:
    with pytest.raises(TypeError):
        motcua.reconcile([], [], "NH1,2026-07-18")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        motcua.reconcile([], [], _credit())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        motcua.parity("ma_ho_so,system")  # type: ignore[arg-type]
    empty = motcua.reconcile([], [], [])
    zero = {"rows": 0, "amount": 0}
    assert empty.rows == () and empty.summary["dossier_rows"] == 0 and empty.summary["output"] == {}
    # Both sources' input totals are always there, zero when nothing was read.
    assert empty.summary["input"] == {"bank": zero, "payment": zero}


def test_error_classes() -> None:
    for cls in (ReconError, ParityError):
        assert issubclass(cls, motcua.Error) and cls.__module__ == "motcua._native"
    assert [m.value for m in ErrorCode if 7000 <= m.value < 7100] == list(range(7001, 7008))
    assert [m.value for m in ErrorCode if 7100 <= m.value < 7200] == list(range(7101, 7105))


def test_literals_follow_the_native_tables() -> None:
    assert typing.get_args(motcua.ReconClass) == tuple(_native.recon_classes())
    assert typing.get_args(motcua.ParityClass) == tuple(_native.parity_classes())
    for fmt in typing.get_args(motcua.ParityFormat):
        assert motcua.parity_text("", fmt).summary["rows_in"] == 0


# --- status parity --------------------------------------------------------------------------------


def _subset(want: Any, got: Any, path: str = "$") -> None:
    """``want`` is a subset of ``got``: objects by the keys ``want`` gives, arrays element by
    element with the same length, scalars equal (core/tests/common/mod.rs `subset`)."""
    if isinstance(want, dict):
        assert isinstance(got, dict), f"{path}: {got!r}, expected an object"
        for k, v in want.items():
            assert k in got, f"{path}.{k}: missing"
            _subset(v, got[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: {got!r}, expected {len(want)} elements"
        for i, (w, g) in enumerate(zip(want, got)):
            _subset(w, g, f"{path}[{i}]")
    else:
        assert type(want) is type(got) and want == got, f"{path}: {got!r}, expected {want!r}"


def _report_json(r: motcua.ParityReport) -> dict[str, Any]:
    return {"entries": list(r.entries), "summary": r.summary}


CASES = PARITY["cases"]


def test_parity_vector_file_covers_every_class_and_code() -> None:
    assert len(CASES) >= 25
    classes: set[str] = set()
    codes: set[int] = set()
    for c in CASES:
        for e in motcua.parity_text(c["input"], c["format"]).entries:
            classes.add(e["class"])
            if "error" in e:
                codes.add(e["error"]["code"])
    assert classes == set(typing.get_args(motcua.ParityClass))
    assert {7101, 7102, 7103, 7104} <= codes


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_parity_vectors(case: dict[str, Any]) -> None:
    r = motcua.parity_text(case["input"], case["format"])
    assert isinstance(r, motcua.ParityReport) and isinstance(r.entries, tuple)
    _subset(case["expect"], _report_json(r))
    assert r.summary["rows_in"] == r.summary["rows_accounted"] and r.summary["balanced"] is True


def _shift_lines(v: Any, by: int) -> Any:
    """Line numbers (``line``, ``lines``, ``superseded_by``) moved by ``by``."""
    if isinstance(v, dict):
        return {
            k: (x + by if k in ("line", "superseded_by") and isinstance(x, int) else [n + by for n in x] if k == "lines" else _shift_lines(x, by))
            for k, x in v.items()
        }
    if isinstance(v, list):
        return [_shift_lines(x, by) for x in v]
    return v


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict; ValueError when a key repeats (a mapping cannot hold both)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a key repeats")
    return out


def _as_records(case: dict[str, Any]) -> tuple[list[dict[str, Any]], int] | None:
    """The case's rows as mappings and how its line numbers differ from their positions, when the
    text maps one-to-one onto records: JSON Lines of objects with no blank line or repeated key, or
    CSV with no blank line, exactly the four columns and every field present. None otherwise
    (malformed lines have no mapping)."""
    text: str = case["input"]
    if case["format"] == "jsonl":
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        try:
            rows = [json.loads(line, object_pairs_hook=_unique_keys) for line in lines]
        except ValueError:
            return None
        return (rows, 0) if all(isinstance(r, dict) for r in rows) else None
    if "" in text.splitlines():  # a blank line, whatever ends it (\n, \r\n or \r)
        return None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    if reader.fieldnames != ["ma_ho_so", "system", "trang_thai", "updated_at"]:
        return None
    if any(None in r or None in r.values() for r in rows):
        return None
    return rows, -1


MAPPED = [(c, m) for c in CASES if (m := _as_records(c)) is not None]


def test_most_parity_vectors_map_onto_records() -> None:
    assert len(MAPPED) >= 25
    assert {c["format"] for c, _ in MAPPED} == {"csv", "jsonl"}


@pytest.mark.parametrize(("case", "mapped"), MAPPED, ids=[c["name"] for c, _ in MAPPED])
def test_parity_of_records(case: dict[str, Any], mapped: tuple[list[dict[str, Any]], int]) -> None:
    """The same vectors through :func:`motcua.parity` (mappings in): the expected answers, with
    ``line`` the 1-based position of the record."""
    rows, shift = mapped
    r = motcua.parity(rows)
    _subset(_shift_lines(case["expect"], shift), _report_json(r))
    if shift == 0:
        assert r == motcua.parity_text(case["input"], case["format"])


def test_parity_records_never_dropped() -> None:
    rows: list[Any] = [
        {"ma_ho_so": "H56-1", "system": "portal", "trang_thai": 4, "updated_at": "20250715080000"},
        {"ma_ho_so": "H56-1", "system": "nowhere", "trang_thai": 4, "updated_at": "20250715080000"},
        {"ma_ho_so": "H56-1", "system": "sectoral", "trang_thai": 11, "updated_at": "20250715080000"},
        {"ma_ho_so": "H56-1", "system": "sectoral", "trang_thai": "9", "updated_at": "2025-07-15T08:00"},
        {"system": "sectoral"},
        ["H56-1", "portal"],
        MappingProxyType({"ma_ho_so": "H56-1", "system": "coordination", "trang_thai": "9", "updated_at": "2025-07-15 09:00:00"}),
    ]
    r = motcua.parity(iter(rows))
    assert r.summary["rows_in"] == r.summary["rows_accounted"] == len(rows) and r.summary["balanced"]
    invalid = [(e["line"], e["error"]["code"]) for e in r.entries if e["class"] == "invalid_input"]
    assert invalid == [(2, 7101), (3, 7102), (4, 7103), (5, 7104), (6, 7104)]
    [verdict] = [e for e in r.entries if e["class"] not in ("invalid_input", "superseded")]
    assert verdict["class"] == "lagging" and verdict["lines"] == [1, 7]
    assert motcua.parity([]).summary["rows_in"] == 0


def test_parity_files(tmp_path: Path) -> None:
    out = tmp_path / "parity.jsonl"
    summary = motcua.parity_files(STATUSES, out)
    text = STATUSES.read_text(encoding="utf-8")
    data_rows = len([line for line in text.splitlines()[1:] if line.strip()])
    assert summary["balanced"] is True
    assert summary["rows_in"] == summary["rows_accounted"] == data_rows
    entries = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(entries) == summary["entries"]["total"]
    assert sum(e.get("rows", 1) for e in entries) == data_rows
    same = motcua.parity_text(text, "csv")
    assert same.summary == summary and list(same.entries) == entries
    assert motcua.parity_files(str(STATUSES), str(tmp_path / "again.jsonl")) == summary


def test_parity_errors(tmp_path: Path) -> None:
    with pytest.raises(ParityError) as e:
        motcua.parity_text("", "xml")  # type: ignore[arg-type]
    assert (e.value.code, e.value.name, e.value.field) == (9004, "invalid_argument", "format")
    statuses = tmp_path / "statuses.json"
    statuses.write_text("{}", encoding="utf-8")
    with pytest.raises(ParityError) as e:
        motcua.parity_files(statuses, tmp_path / "out.jsonl")
    assert (e.value.code, e.value.field) == (9004, "statuses")
    with pytest.raises(ParityError) as e:
        motcua.parity_files(tmp_path / "none.csv", tmp_path / "out.jsonl")
    assert (e.value.code, e.value.field) == (9004, "statuses")
    with pytest.raises(ParityError) as e:
        motcua.parity_files(STATUSES, tmp_path / "no" / "out.jsonl")
    assert (e.value.code, e.value.field) == (9004, "out")
    with pytest.raises(TypeError):
        motcua.parity_files(42, tmp_path / "out.jsonl")  # type: ignore[arg-type]


def test_records_that_core_cannot_take_are_the_callers_error_class() -> None:
    """A value that is not text (bytes) or a key that is not text is ParityError / ReconError 9004
    naming the argument, with the type named and no value quoted; text with a lone surrogate is 9003
    (as for every str argument), naming the argument too."""
    row: dict[Any, Any] = {"ma_ho_so": "A", "system": "portal", "trang_thai": 2, "updated_at": "20250101000000"}
    cases: list[tuple[dict[Any, Any], int, str]] = [
        ({**row, "ma_ho_so": b"x"}, 9004, "bytes"),
        ({**row, ("a",): 1}, 9004, "key"),
        ({**row, "ma_ho_so": "A\ud800"}, 9003, "surrogate"),
    ]
    for bad, code, why in cases:
        with pytest.raises(ParityError) as pe:
            motcua.parity([bad])
        assert (pe.value.code, pe.value.field) == (code, "rows") and why in str(pe.value), pe.value
        with pytest.raises(ReconError) as re_:
            motcua.reconcile([], [], [bad])
        assert (re_.value.code, re_.value.field) == (code, "bank") and why in str(re_.value), re_.value
    with pytest.raises(motcua.Error) as e:
        motcua.parity_text("ma_ho_so\nA\ud800\n", "csv")
    assert (e.value.code, e.value.field) == (9003, "text")
