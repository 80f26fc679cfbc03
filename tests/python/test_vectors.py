"""tests/vectors/*.json through the Python API: the same assertions as core/tests/vectors.rs."""

from __future__ import annotations

from typing import Any

import pytest

import motcua
from conftest import load

IDENTIFIERS = load("identifiers.json")
MONEY = load("money.json")
TRANSITIONS = load("transitions.json")
SYNC = load("sync.json")


def _id(case: dict[str, Any]) -> str:
    return f"{case.get('kind') or case.get('machine') or ''}:{case.get('value', case.get('input', case.get('name', '')))!r}"


def test_vector_files_are_not_empty() -> None:
    assert len(IDENTIFIERS["cases"]) > 80
    assert MONEY["cases"] and TRANSITIONS["cases"] and SYNC["cases"]


@pytest.mark.parametrize("case", IDENTIFIERS["cases"], ids=_id)
def test_identifier_vectors(case: dict[str, Any]) -> None:
    config = case.get("config", IDENTIFIERS["config"])
    kind, value = case["kind"], case["value"]
    r = motcua.check(kind, value, config=config)
    assert (r.kind, r.value) == (kind, value)
    assert r.valid is case["valid"], r
    if r.valid:
        assert r.error is None
        assert r.canonical == case["canonical"]
        for k, want in case.get("parsed", {}).items():
            assert r.parsed.get(k) == want, f"parsed.{k}"
    else:
        assert r.error is not None and r.canonical is None and r.parsed == {}
        assert r.error.code == case["error_code"], r.error.message
        assert r.error.message[:1].isascii() and r.error.message[:1].islower(), "message names the field"
        if kind in ("cccd", "cmnd", "passport", "mst") and len(value) > 5:
            assert value not in r.error.message, "message leaks the number"


@pytest.mark.parametrize("case", MONEY["cases"], ids=_id)
def test_money_vectors(case: dict[str, Any]) -> None:
    non_negative = case.get("non_negative") is True
    if "value" in case:
        assert motcua.parse_vnd(case["input"], non_negative=non_negative) == case["value"]
    else:
        with pytest.raises(motcua.MoneyError) as e:
            motcua.parse_vnd(case["input"], non_negative=non_negative)
        assert e.value.code == case["error_code"]


@pytest.mark.parametrize("case", TRANSITIONS["cases"], ids=lambda c: f"{c['machine']}:{c['from']}->{c['to']}")
def test_transition_vectors(case: dict[str, Any]) -> None:
    def go() -> motcua.Transition:
        return motcua.transition(
            case["machine"],
            case["from"],
            case["to"],
            paused_from=case.get("paused_from"),
            reason=case.get("reason"),
            admin=case.get("admin", False),
            policy=case.get("policy", "resume"),
        )

    if "to_state" in case:
        t = go()
        assert t.state == case["to_state"]
        assert t.paused_from == case.get("paused_from_after")
    else:
        with pytest.raises(motcua.TransitionError) as e:
            go()
        assert e.value.code == case["error_code"], str(e.value)


def _personal_values(doc: Any, out: list[str]) -> list[str]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k in ("SoGiayToChuHoSo", "SoDinhDanh", "ChuHoSo", "SoDienThoai", "Email") and isinstance(v, str) and len(v) > 3:
                out.append(v)
            _personal_values(v, out)
    elif isinstance(doc, list):
        for v in doc:
            _personal_values(v, out)
    return out


@pytest.mark.parametrize("case", SYNC["cases"], ids=lambda c: str(c["name"]))
def test_sync_vectors(case: dict[str, Any]) -> None:
    config = case.get("config", SYNC["config"])
    document = case["raw"] if "raw" in case else case["document"]
    issues = motcua.validate_dossier(document, config=config)
    got = sorted((i.code, i.path) for i in issues)
    want = sorted((i["code"], i["path"]) for i in case["issues"])
    assert got == want, issues
    secrets = _personal_values(case.get("document"), [])
    for i in issues:
        for s in secrets:
            assert s not in i.message, f"message leaks personal data: {i.message}"


@pytest.mark.parametrize("case", SYNC["cases"], ids=lambda c: str(c["name"]))
def test_sync_vectors_as_text_and_bytes(case: dict[str, Any]) -> None:
    """str, bytes and dict inputs give the same issues."""
    if "raw" in case:
        text = case["raw"]
    else:
        import json

        text = json.dumps(case["document"], ensure_ascii=False)
    config = case.get("config", SYNC["config"])
    as_text = motcua.validate_dossier(text, config=config)
    assert motcua.validate_dossier(text.encode(), config=config) == as_text
    assert sorted((i.code, i.path) for i in as_text) == sorted((i["code"], i["path"]) for i in case["issues"])
