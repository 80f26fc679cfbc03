"""Shared helpers of the Python suite: the vectors in tests/vectors are shared with Rust and C."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

VECTORS = Path(__file__).resolve().parent.parent / "vectors"


def load(name: str) -> dict[str, Any]:
    with open(VECTORS / name, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@pytest.fixture(scope="session")
def valid_record() -> dict[str, Any]:
    """The first sync vector: a complete, valid dossier record (hồ sơ)."""
    doc: dict[str, Any] = load("sync.json")["cases"][0]["document"]
    return doc
