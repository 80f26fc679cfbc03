"""motcua: rules of Vietnamese e-government ("một cửa") systems, backed by the Rust core.

Identifiers (mã định danh), money (tiền đồng), status tables (bảng trạng thái) and DVCQG sync
payloads (đồng bộ hồ sơ). Every rule lives in Rust (``motcua-core``); this facade only picks a
default ``today`` (Asia/Ho_Chi_Minh), builds the JSON config and wraps results into dataclasses.

>>> import motcua
>>> motcua.check("cccd", "038090000001", today="2026-11-24").parsed["birth_year"]
1990
>>> motcua.DossierState(motcua.DossierStatus.RECEIVED).transition(4).status.label_vi
'Đang xử lý'
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Literal, Optional, Union

from . import _native
from ._native import ConfigError, Error, IdentifierError, InternalError, Issue, MoneyError, RecordReport, TransitionError

__all__ = [
    "KINDS",
    "MACHINES",
    "CheckError",
    "CheckResult",
    "ConfigError",
    "DossierState",
    "DossierStatus",
    "Error",
    "ErrorCode",
    "IdentifierError",
    "InternalError",
    "Issue",
    "MoneyError",
    "Policy",
    "RecordReport",
    "StateFormat",
    "Today",
    "Transition",
    "TransitionError",
    "__version__",
    "check",
    "check_many",
    "parse_vnd",
    "states",
    "transition",
    "validate_dossier",
    "validate_jsonl",
]

__version__: str = _native.__version__

#: How a pause (5, 6) ends: back where it came from, or restart at 2 (tiếp nhận).
Policy = Literal["resume", "restart"]
#: Export formats of :func:`states`.
StateFormat = Literal["json", "mermaid", "dot"]
#: Reference date: a date, ``"YYYY-MM-DD"``, or None for today in Vietnam.
Today = Union[date, str, None]

#: Identifier kinds accepted by :func:`check` (``cccd``, ``mst``, ``dossier-code``...).
KINDS: tuple[str, ...] = tuple(_native.kinds())
#: State machines accepted by :func:`transition` and :func:`states`.
MACHINES: tuple[str, ...] = tuple(_native.machines())

_VN = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


# --- enums built from the native tables ---------------------------------------------------------

_CODE_DESCRIPTIONS: dict[int, str] = {code: desc for _, code, desc in _native.error_codes()}
_DOSSIER_ROWS: dict[int, tuple[str, str]] = {
    code: (key, label) for key, code, label in _native.machine_states("dossier") if code is not None
}


class _ErrorCodeBase(IntEnum):
    @property
    def description(self) -> str:
        return _CODE_DESCRIPTIONS[self.value]


class _DossierStatusBase(IntEnum):
    @property
    def key(self) -> str:
        return _DOSSIER_ROWS[self.value][0]

    @property
    def label_vi(self) -> str:
        return _DOSSIER_ROWS[self.value][1]


if TYPE_CHECKING:
    from ._enums import DossierStatus, ErrorCode
else:
    ErrorCode = _ErrorCodeBase(
        "ErrorCode",
        [(name.upper(), code) for name, code, _ in _native.error_codes()],
        module=__name__,
        qualname="ErrorCode",
    )
    ErrorCode.__doc__ = "Stable error codes (mã lỗi), from motcua_core::ErrorCode::ALL."
    DossierStatus = _DossierStatusBase(
        "DossierStatus",
        [(key.upper(), code) for code, (key, _) in _DOSSIER_ROWS.items()],
        module=__name__,
        qualname="DossierStatus",
    )
    DossierStatus.__doc__ = "DVCQG dossier status (trạng thái hồ sơ, TrangThaiHoSo) 1-10."

_DOSSIER_BY_KEY: dict[str, DossierStatus] = {s.key: s for s in DossierStatus}


def _error(cls: type[Error], code: ErrorCode, field: str, message: str) -> Error:
    """An exception raised by the facade itself, shaped like the native ones."""
    e = cls(f"{field}: {message}")
    e.code = int(code)
    e.field = field
    return e


# --- config ---------------------------------------------------------------------------------------


def _iso(today: date | str) -> str:
    if isinstance(today, datetime):
        return today.date().isoformat()
    if isinstance(today, date):
        return today.isoformat()
    if isinstance(today, str):
        return today
    raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, "today", "must be a date, a YYYY-MM-DD string or None")


def _config_json(today: Today, config: Mapping[str, Any] | None) -> str:
    """The config JSON of core/src/config.rs with ``today`` merged in (argument > config > now)."""
    if config is None:
        day = _iso(today) if today is not None else datetime.now(_VN).date().isoformat()
        return json.dumps({"today": day})
    if not isinstance(config, Mapping):
        raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, "config", "must be a dict or None")
    merged = dict(config)
    if today is not None:
        merged["today"] = _iso(today)
    elif "today" not in merged:
        merged["today"] = datetime.now(_VN).date().isoformat()
    try:
        return json.dumps(merged)
    except (TypeError, ValueError):
        raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, "config", "is not JSON-serialisable") from None


# --- identifiers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckError:
    """Why a value is invalid: stable code and a message naming the field (never the value)."""

    code: int
    message: str


@dataclass(frozen=True)
class CheckResult:
    """Result of :func:`check`: ``parsed`` holds the components (empty when invalid)."""

    kind: str
    value: str
    valid: bool
    canonical: Optional[str]
    error: Optional[CheckError]
    parsed: dict[str, Any]


def check(kind: str, value: str, *, today: Today = None, config: Mapping[str, Any] | None = None) -> CheckResult:
    """Checks one identifier (kiểm tra mã) of ``kind`` (see :data:`KINDS`).

    Raises :class:`IdentifierError` for an unknown kind, :class:`ConfigError` for a bad config.
    """
    valid, canonical, error, parsed = _native.check(kind, value, _config_json(today, config))
    return CheckResult(kind, value, valid, canonical, None if error is None else CheckError(*error), parsed)


def check_many(
    kind: str, values: Sequence[str], *, today: Today = None, config: Mapping[str, Any] | None = None
) -> list[CheckResult]:
    """Checks many identifiers of one kind; the checks run with the GIL released."""
    rows = _native.check_many(kind, values, _config_json(today, config))
    return [
        CheckResult(kind, value, valid, canonical, None if error is None else CheckError(*error), parsed)
        for value, (valid, canonical, error, parsed) in zip(values, rows)
    ]


# --- money ----------------------------------------------------------------------------------------


def parse_vnd(text: str, *, non_negative: bool = False) -> int:
    """Parses a DVCQG amount string into đồng (``"50000"`` → 50000); raises :class:`MoneyError`.

    ``non_negative=True`` is the fee (lệ phí) parser: negative amounts are rejected.
    """
    return _native.parse_vnd(text, non_negative)


# --- status transitions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """The state after a transition: key, wire code (if any) and, for a pause, where it came from."""

    state: str
    code: Optional[int]
    paused_from: Optional[str]


def _state_arg(s: str | int) -> str:
    return s if isinstance(s, str) else str(int(s))


def transition(
    machine: str,
    from_state: str | int,
    to: str | int,
    *,
    paused_from: str | int | None = None,
    reason: str | None = None,
    admin: bool = False,
    policy: Policy = "resume",
) -> Transition:
    """Applies a transition (chuyển trạng thái) of ``machine`` (see :data:`MACHINES`).

    States are keys (``processing``), wire codes (4, ``"4"``) or, for dossiers, DVCQG strings.
    Raises :class:`TransitionError` naming the broken rule.
    """
    state, code, origin = _native.transition(
        machine,
        _state_arg(from_state),
        _state_arg(to),
        None if paused_from is None else _state_arg(paused_from),
        reason,
        admin,
        policy,
    )
    return Transition(state, code, origin)


@dataclass(frozen=True, init=False)
class DossierState:
    """A dossier's status (trạng thái hồ sơ) and, for 5 and 6, the status the pause came from."""

    status: DossierStatus
    paused_from: Optional[DossierStatus]

    def __init__(self, status: DossierStatus | int, paused_from: DossierStatus | int | None = None) -> None:
        object.__setattr__(self, "status", _dossier_status(status, "status"))
        object.__setattr__(self, "paused_from", None if paused_from is None else _dossier_status(paused_from, "paused_from"))

    def transition(
        self,
        to: DossierStatus | int | str,
        *,
        reason: str | None = None,
        admin: bool = False,
        policy: Policy = "resume",
    ) -> DossierState:
        """The next state, or :class:`TransitionError` naming the broken rule."""
        t = transition("dossier", self.status, to, paused_from=self.paused_from, reason=reason, admin=admin, policy=policy)
        return DossierState(_DOSSIER_BY_KEY[t.state], None if t.paused_from is None else _DOSSIER_BY_KEY[t.paused_from])


def _dossier_status(s: DossierStatus | int, field: str) -> DossierStatus:
    try:
        return DossierStatus(s)
    except ValueError:
        raise _error(TransitionError, ErrorCode.STATUS_UNKNOWN, field, "is not a dossier status 1-10") from None


def states(machine: str = "dossier", format: StateFormat = "json") -> str:
    """The state table of ``machine`` as JSON, Mermaid (``stateDiagram-v2``) or Graphviz DOT."""
    return _native.states(machine, format)


# --- DVCQG sync payloads --------------------------------------------------------------------------


def _as_bytes(data: str | bytes) -> bytes:
    # surrogatepass: a lone surrogate reaches the core as invalid UTF-8 and is reported as 4010.
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)


def validate_dossier(
    document: str | bytes | Mapping[str, Any], *, today: Today = None, config: Mapping[str, Any] | None = None
) -> list[Issue]:
    """Validates one DVCQG document: a bare dossier record (hồ sơ) or a
    ``{"service", "isUpdating", "data"}`` envelope. Returns every issue (empty when valid)."""
    if isinstance(document, Mapping):
        document = json.dumps(document if isinstance(document, dict) else dict(document), ensure_ascii=False)
    return _native.validate_document(_as_bytes(document), _config_json(today, config))


def validate_jsonl(
    data: str | bytes,
    *,
    today: Today = None,
    config: Mapping[str, Any] | None = None,
    threads: int | None = None,
) -> list[RecordReport]:
    """Validates JSON Lines (or one multi-line document) with the GIL released: one report per
    non-blank line, valid or not, so no record is dropped.

    ``threads``: how many threads large inputs (over 1 MiB) are split across; default all CPUs.
    The result is the same for any number of threads.
    """
    n = (os.cpu_count() or 1) if threads is None else threads
    if n < 1:
        raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, "threads", "must be at least 1")
    return _native.validate_input(_as_bytes(data), _config_json(today, config), n)


def _debug_panic() -> None:
    """Test only: makes the native side panic; raises :class:`InternalError` (9001)."""
    _native._debug_panic()
