"""The Python enums, constants and stubs follow the native tables (no hand-copied numbers)."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

import motcua
from motcua import DossierStatus, ErrorCode, _native

PKG = Path(motcua.__file__).parent


def _stub_members(class_name: str) -> list[str]:
    """Member names (``NAME = ...``) of a class in python/motcua/_enums.pyi."""
    tree = ast.parse((PKG / "_enums.pyi").read_text(encoding="utf-8"))
    [cls] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
    return [t.id for n in cls.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]


def test_error_code_matches_native_table() -> None:
    table = _native.error_codes()
    assert [(m.name, m.value, m.description) for m in ErrorCode] == [(n.upper(), c, d) for n, c, d in table]
    codes = [c for _, c, _ in table]
    assert codes == sorted(set(codes)), "codes sorted and unique"
    assert issubclass(ErrorCode, int) and ErrorCode.ID_CHECKSUM.value == 1007 and ErrorCode(9001) is ErrorCode.PANIC


#: Code ranges and the exception class raised for them (lib.rs `raise`); 4000-4999 are sync issues,
#: reported as `Issue`s, not raised.
RANGES: list[tuple[range, type[motcua.Error] | None]] = [
    (range(1000, 2000), motcua.IdentifierError),
    (range(2000, 2100), motcua.MoneyError),
    (range(3000, 3100), motcua.TransitionError),
    (range(4000, 5000), None),
    (range(5000, 5100), motcua.DeadlineError),
    (range(6000, 6300), motcua.PaymentError),
    (range(7000, 7100), motcua.ReconError),
    (range(7100, 7200), motcua.ParityError),
    (range(7200, 7300), motcua.CatalogError),
    (range(9000, 10000), motcua.Error),
]


def test_error_code_ranges_match_exception_classes() -> None:
    for m in ErrorCode:
        assert any(m.value in r for r, _ in RANGES), m
    assert [m.name for m in ErrorCode if m.value in range(5000, 5100)] == [
        "DEADLINE_TIME",
        "DEADLINE_OFFICE_HOURS",
        "DEADLINE_PAUSE",
        "DEADLINE_PERIOD",
        "DEADLINE_RANGE",
    ]
    for _, cls in RANGES:
        assert cls is None or issubclass(cls, motcua.Error)


def test_dossier_status_matches_native_table() -> None:
    rows = _native.machine_states("dossier")
    assert [(s.key, s.value, s.label_vi) for s in DossierStatus] == rows
    assert [s.value for s in DossierStatus] == list(range(1, 11))
    assert [s.name for s in DossierStatus] == [k.upper() for k, _, _ in rows]
    assert DossierStatus.PROCESSING.value == 4 and DossierStatus["SUPPLEMENT_REQUESTED"] == 5


def test_typing_stub_lists_the_native_members() -> None:
    assert _stub_members("ErrorCode") == [m.name for m in ErrorCode]
    assert _stub_members("DossierStatus") == [m.name for m in DossierStatus]


def test_kind_and_machine_constants_match_native() -> None:
    assert motcua.KINDS == tuple(_native.kinds())
    assert motcua.MACHINES == tuple(_native.machines())
    assert "cccd" in motcua.KINDS and "dossier" in motcua.MACHINES


def test_literal_lists_are_accepted_by_native() -> None:
    for fmt in typing.get_args(motcua.StateFormat):
        assert motcua.states("dossier", fmt)
    for policy in typing.get_args(motcua.Policy):
        assert motcua.transition("dossier", 5, 2 if policy == "restart" else 4, paused_from=4, policy=policy)
    with pytest.raises(motcua.ConfigError):
        motcua.states("dossier", "png")  # type: ignore[arg-type]
    assert typing.get_args(motcua.Unit) == motcua.UNITS == tuple(_native.units())
    clock = motcua.WorkClock()
    for unit in typing.get_args(motcua.Unit):
        assert clock.due("2026-11-24T09:00", 1, unit)
    for rule in typing.get_args(motcua.TetRule):
        assert motcua.WorkClock(tet_rule=rule).is_working_day("2026-11-24")
    for policy in typing.get_args(motcua.PausePolicy):
        pause = motcua.Pause("supplement", "2026-11-24T10:00", "2026-11-24T11:00")
        assert clock.evaluate("2026-11-24T09:00", 1, pauses=[pause], supplement_policy=policy, financial_policy=policy).due
    kinds = {h.kind for y in range(2020, 2027) for h in clock.holidays(y)}
    assert kinds == set(typing.get_args(motcua.HolidayKind))


def test_native_stub_names_match_module() -> None:
    tree = ast.parse((PKG / "_native.pyi").read_text(encoding="utf-8"))
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    public = {n for n in dir(_native) if not n.startswith("__")}
    assert names == public


def test_version() -> None:
    assert motcua.__version__ == _native.__version__ and motcua.__version__.count(".") == 2
