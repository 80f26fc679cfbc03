"""motcua: rules of Vietnamese e-government ("một cửa") systems, backed by the Rust core.

Identifiers (mã định danh), money (tiền đồng), status tables (bảng trạng thái), DVCQG sync
payloads (đồng bộ hồ sơ), working calendar and deadlines (lịch làm việc, thời hạn), the lunar
calendar (âm lịch) and payments (thanh toán: VietQR codes and images, payment-platform messages,
confirmation callbacks, re-query schedule, e-receipts), reconciliation of bank credits against
payments and dossiers (đối soát) and status parity across systems (đối chiếu trạng thái). Every
rule lives in Rust (``motcua-core``, files in ``motcua-io``); this facade only picks a default
``today`` (Asia/Ho_Chi_Minh), builds the JSON config and wraps results into dataclasses.

>>> import motcua
>>> motcua.check("cccd", "038090000001", today="2026-11-24").parsed["birth_year"]
1990
>>> motcua.DossierState(motcua.DossierStatus.RECEIVED).transition(4).status.label_vi
'Đang xử lý'
>>> motcua.WorkClock().due("2026-11-24T09:00", 3, "working-days").isoformat()
'2026-11-27T09:00:00'
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import fields as _dataclass_fields
from datetime import date, datetime, timedelta, timezone
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Callable, Literal, NoReturn, Optional, Protocol, Union, overload

from . import _native
from ._native import (
    Catalog,
    CatalogError,
    CatalogProblem,
    CatalogReport,
    ConfigError,
    DeadlineError,
    Error,
    IdentifierError,
    InternalError,
    Issue,
    MoneyError,
    ParityError,
    PaymentError,
    ReconError,
    RecordReport,
    SearchHit,
    TransitionError,
)

__all__ = [
    "KINDS",
    "MACHINES",
    "UNITS",
    "Assessment",
    "Catalog",
    "CatalogError",
    "CatalogProblem",
    "CatalogReport",
    "CheckError",
    "CheckResult",
    "ConfigError",
    "Confirmation",
    "Day",
    "DayInfo",
    "DeadlineError",
    "DossierState",
    "DossierStatus",
    "DueReport",
    "Error",
    "ErrorCode",
    "ErrorInfo",
    "Holiday",
    "HolidayKind",
    "IdentifierError",
    "InternalError",
    "Issue",
    "LunarDate",
    "MoneyError",
    "Outcome",
    "Override",
    "OverrideKind",
    "ParityClass",
    "ParityError",
    "ParityFormat",
    "ParityReport",
    "PathArg",
    "Pause",
    "PauseKind",
    "PausePolicy",
    "PayMessage",
    "PayTime",
    "PaymentError",
    "Policy",
    "PollDecision",
    "QrReport",
    "QrService",
    "QrWarning",
    "Reason",
    "ReceiptReport",
    "ReconClass",
    "ReconError",
    "ReconFields",
    "ReconRow",
    "ReconSource",
    "Reconciliation",
    "Record",
    "RecordReport",
    "SearchHit",
    "Standing",
    "StateFormat",
    "TetRule",
    "Time",
    "Today",
    "Transition",
    "TransitionError",
    "Unit",
    "WorkClock",
    "__version__",
    "check",
    "check_many",
    "lunar",
    "parity",
    "parity_files",
    "parity_text",
    "parse_vnd",
    "pay_build",
    "pay_check_callback",
    "pay_next_poll",
    "pay_sign",
    "pay_verify",
    "qr_build",
    "qr_parse",
    "qr_parse_many",
    "qr_png",
    "qr_svg",
    "receipt_check",
    "reconcile",
    "reconcile_files",
    "solar",
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
    text = f"{field}: {message}"
    e = cls(text)
    e.code = int(code)
    e.name = code.name.lower()
    e.field = field
    e.message = text
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


# --- calendar and deadlines -----------------------------------------------------------------------

#: Unit of a processing time (đơn vị thời hạn): ngày làm việc, giờ làm việc, ngày.
Unit = Literal["working-days", "working-hours", "calendar-days"]
#: How the days of Tết are chosen (see README, "Rules and the choices made").
TetRule = Literal["customary", "two_before_three_after", "eve_and_first_four"]
#: What a clock stop (tạm dừng) does: extend the due date by the paused time, or restart.
PausePolicy = Literal["extend", "restart"]
#: Why the clock stopped: supplement requested (status 5) or financial obligation (status 6).
PauseKind = Literal["supplement", "financial"]
#: Where a dossier stands (QĐ 766): trước hạn, đúng hạn, trễ hạn, trong hạn, sắp đến hạn.
Standing = Literal["early", "on_time", "late", "on_track", "due_soon"]
#: Kind of a day in :meth:`WorkClock.holidays`.
HolidayKind = Literal["statutory", "tet", "compensatory", "override_off", "override_working"]
#: Kind of a calendar override (ngày nghỉ thêm / ngày làm bù).
OverrideKind = Literal["extra_day_off", "makeup_working_day"]
#: A local time: a datetime (naive = Asia/Ho_Chi_Minh wall clock; aware = converted to +07:00)
#: or text ``YYYY-MM-DDTHH:MM`` (``:SS`` and a space allowed) or ``yyyyMMddHHmmss``. Seconds are dropped.
Time = Union[datetime, str]
#: A day: a date (a datetime gives its local date) or ``YYYY-MM-DD``.
Day = Union[date, str]

#: Units accepted by :class:`WorkClock` (from ``motcua_core::calendar::Unit::ALL``).
UNITS: tuple[str, ...] = tuple(_native.units())

_EPOCH = datetime(1970, 1, 1)
_ONE_MINUTE = timedelta(minutes=1)


class _Array(Protocol):
    """A numpy array, recognised by its ``dtype`` (numpy is imported only when one is passed)."""

    @property
    def dtype(self) -> Any: ...


def _local(t: datetime) -> datetime:
    """A naive Asia/Ho_Chi_Minh wall-clock time (aware datetimes are converted to +07:00)."""
    return t if t.tzinfo is None else t.astimezone(_VN).replace(tzinfo=None)


def _time_text(t: Time, field: str) -> str:
    if isinstance(t, datetime):
        return _local(t).isoformat(timespec="minutes")
    if isinstance(t, str):
        return t
    raise TypeError(f"{field} must be a datetime or a str, not {type(t).__name__}")


def _opt_time_text(t: Time | None, field: str) -> Optional[str]:
    return None if t is None else _time_text(t, field)


def _minute(t: Time, field: str) -> int:
    """Minutes since 1970-01-01T00:00 local time (the value of a numpy ``datetime64[m]``)."""
    if isinstance(t, datetime):
        return (_local(t) - _EPOCH) // _ONE_MINUTE
    if isinstance(t, str):
        return _native.parse_minute(t, field)
    raise TypeError(f"{field} must be a datetime or a str, not {type(t).__name__}")


def _from_minute(m: int) -> datetime:
    return _EPOCH + timedelta(minutes=m)


def _day_text(d: Day, field: str = "date") -> str:
    if isinstance(d, datetime):
        return _local(d).date().isoformat()
    if isinstance(d, date):
        return d.isoformat()
    if isinstance(d, str):
        return d
    raise TypeError(f"{field} must be a date or a str, not {type(d).__name__}")


def _opt_time(text: Optional[str]) -> Optional[datetime]:
    return None if text is None else datetime.fromisoformat(text)


def _le_i64(values: Sequence[int], field: str) -> bytes:
    try:
        a = array("q", values)
    except OverflowError:
        raise _error(DeadlineError, ErrorCode.DEADLINE_PERIOD, field, "a value does not fit 64 bits") from None
    if sys.byteorder == "big":
        a.byteswap()
    return a.tobytes()


def _amount_bytes(amount: int | Sequence[int] | _Array) -> bytes:
    """Amounts as little-endian i64: one for every reception, or one each."""
    if isinstance(amount, int):
        return _le_i64([amount], "amount")
    dtype = getattr(amount, "dtype", None)
    if dtype is not None:
        if getattr(dtype, "kind", None) not in ("i", "u"):
            raise TypeError(f"amount: an array of integers is needed, not {dtype}")
        arr: Any = amount
        return bytes(arr.astype("<i8").tobytes())
    if isinstance(amount, (str, bytes)):
        raise TypeError("amount must be an int or a sequence of ints")
    return _le_i64(amount, "amount")  # type: ignore[arg-type]


@dataclass(frozen=True)
class Pause:
    """One clock stop (tạm dừng tính thời gian): from ``start`` (status 5/6 entered) to ``end``
    (supplement received, obligation paid; None while it lasts: only the last one may be open)."""

    kind: PauseKind
    start: Time
    end: Optional[Time] = None


@dataclass(frozen=True)
class Override:
    """A deployment override of the calendar: an extra day off or a make-up working day."""

    date: Day
    kind: OverrideKind
    reason: str
    source: str = ""


@dataclass(frozen=True)
class Assessment:
    """The QĐ 766 classification (đánh giá đúng hạn) of a dossier at an instant."""

    standing: Standing
    closed: bool
    due: datetime
    #: The instant scored: the closing time, the observation instant or the start of the current clock stop.
    scored_at: datetime
    elapsed_working_minutes: int
    #: Negative when late.
    remaining_working_minutes: int
    too_many_supplements: bool


@dataclass(frozen=True)
class DueReport:
    """Answer of :meth:`WorkClock.evaluate`: the due date (ngày hẹn trả; None while the clock is
    stopped), how it was computed, and the :class:`Assessment` when ``at`` or ``closed_at`` is given."""

    due: Optional[datetime]
    received: datetime
    #: When the processing time starts counting (after the cut-off and the last restart).
    start: datetime
    paused: bool
    paused_working_minutes: int
    restarts: int
    supplements: int
    amount: int
    unit: Unit
    cutoff: Optional[str]
    office_hours: str
    assessment: Optional[Assessment]

    @classmethod
    def from_json(cls, text: str) -> DueReport:
        """Reads the JSON report of ``motcua_core::calendar::DueReport`` (:meth:`WorkClock.evaluate_json`)."""
        r = json.loads(text)
        a = r["assessment"]
        return cls(
            due=_opt_time(r["due"]),
            received=datetime.fromisoformat(r["received"]),
            start=datetime.fromisoformat(r["start"]),
            paused=r["paused"],
            paused_working_minutes=r["paused_working_minutes"],
            restarts=r["restarts"],
            supplements=r["supplements"],
            amount=r["amount"],
            unit=r["unit"],
            cutoff=r["cutoff"],
            office_hours=r["office_hours"],
            assessment=None
            if a is None
            else Assessment(
                standing=a["standing"],
                closed=a["closed"],
                due=datetime.fromisoformat(a["due"]),
                scored_at=datetime.fromisoformat(a["scored_at"]),
                elapsed_working_minutes=a["elapsed_working_minutes"],
                remaining_working_minutes=a["remaining_working_minutes"],
                too_many_supplements=a["too_many_supplements"],
            ),
        )


@dataclass(frozen=True)
class Reason:
    """One rule deciding a day: ``rule`` is ``weekday``, ``weekend``, ``statutory``, ``tet``,
    ``compensatory`` or ``override``; the other fields are those of that rule; ``str()`` explains it."""

    rule: str
    text: str
    name: Optional[str] = None
    weekday: Optional[str] = None
    for_date: Optional[date] = None
    kind: Optional[OverrideKind] = None
    reason: Optional[str] = None
    source: Optional[str] = None
    set: Optional[str] = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class DayInfo:
    """Whether a day is a working day (ngày làm việc) and every rule that says so, the deciding one last."""

    date: date
    working: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Holiday:
    """A day off (ngày nghỉ) or a make-up working day of a year."""

    date: date
    name: str
    kind: HolidayKind


@dataclass(frozen=True)
class LunarDate:
    """A date of the Vietnamese lunar calendar (âm lịch, UTC+7); ``leap`` marks a leap month (tháng nhuận)."""

    year: int
    month: int
    day: int
    leap: bool = False

    def to_solar(self) -> date:
        """The solar date: :func:`solar`."""
        return solar(self.year, self.month, self.day, self.leap)


def _reason(fields: dict[str, Any], text: str) -> Reason:
    f = dict(fields)
    if "for_date" in f:
        f["for_date"] = date.fromisoformat(f["for_date"])
    return Reason(text=text, **f)


def _override_json(o: Override | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(o, Override):
        return {"date": _day_text(o.date, "overrides.date"), "kind": o.kind, "reason": o.reason, "source": o.source}
    d = dict(o)
    if isinstance(d.get("date"), date):
        d["date"] = _day_text(d["date"], "overrides.date")
    return d


def _pause_json(p: Pause | Mapping[str, Any], i: int) -> dict[str, Any]:
    if isinstance(p, Pause):
        return {"kind": p.kind, "from": _time_text(p.start, f"pauses[{i}].start"), "to": _opt_time_text(p.end, f"pauses[{i}].end")}
    d = dict(p)
    for k in ("from", "to"):
        if isinstance(d.get(k), datetime):
            d[k] = _time_text(d[k], f"pauses[{i}].{k}")
    return d


class WorkClock:
    """A working clock (đồng hồ làm việc): the civil-service calendar 1900-2199 and office hours,
    built once (a few milliseconds) and then shared freely, also across threads.

    Every setting is optional (see README, "Rules and the choices made"): ``office_hours``
    (``"07:00-11:30,13:30-17:00"``), ``tet_rule``, ``include_24_11`` (24/11 Ngày Văn hóa off),
    ``compensation`` (nghỉ bù), ``saturday_working``, ``bundled_overrides`` (the government's
    yearly decisions shipped with motcua), ``overrides`` (:class:`Override` or dicts, applied last)
    and ``overrides_csv`` (text in the bundled CSV layout). Bad settings raise :class:`ConfigError`
    or :class:`DeadlineError` naming the field.

    Times are local Asia/Ho_Chi_Minh: naive datetimes are taken as such, aware ones converted.

    >>> import motcua
    >>> clock = motcua.WorkClock()
    >>> clock.due("2026-11-24T09:00", 3)
    datetime.datetime(2026, 11, 27, 9, 0)
    >>> clock.due("2026-11-24T15:30", 0, cutoff="15:00")  # after the cut-off: from the next morning
    datetime.datetime(2026, 11, 25, 17, 0)
    """

    __slots__ = ("_clock", "_config")

    def __init__(
        self,
        *,
        office_hours: str | None = None,
        tet_rule: TetRule | None = None,
        include_24_11: bool | None = None,
        compensation: bool | None = None,
        saturday_working: bool | None = None,
        bundled_overrides: bool = True,
        overrides: Sequence[Override | Mapping[str, Any]] | None = None,
        overrides_csv: str | None = None,
    ) -> None:
        settings: dict[str, Any] = {
            "office_hours": office_hours,
            "tet_rule": tet_rule,
            "include_24_11": include_24_11,
            "compensation": compensation,
            "saturday_working": saturday_working,
            "bundled_overrides": bundled_overrides,
            "overrides": None if overrides is None else [_override_json(o) for o in overrides],
            "overrides_csv": overrides_csv,
        }
        try:
            text = json.dumps({k: v for k, v in settings.items() if v is not None}, ensure_ascii=False)
        except (TypeError, ValueError):
            raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, "calendar", "is not JSON-serialisable") from None
        self._init(text)

    def _init(self, config: str) -> None:
        self._clock = _native.WorkClock(config)
        self._config = config

    @classmethod
    def from_json(cls, text: str) -> WorkClock:
        """A clock from the JSON settings of ``motcua_core::calendar::ClockConfig`` (shared with
        the CLI's ``--config`` and the other bindings); ``""`` is the default clock."""
        clock = cls.__new__(cls)
        clock._init(text)
        return clock

    @property
    def office_hours(self) -> str:
        """The office hours (giờ làm việc), e.g. ``07:00-11:30,13:30-17:00``."""
        return self._clock.office_hours

    @property
    def config(self) -> str:
        """The JSON settings the clock was built from."""
        return self._config

    def __repr__(self) -> str:
        return f"WorkClock.from_json({self._config!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (WorkClock.from_json, (self._config,))

    # --- due dates

    def due(self, received: Time, amount: int, unit: Unit = "working-days", *, cutoff: str | None = None) -> datetime:
        """Due date (ngày hẹn trả) of a dossier received at ``received`` with a processing time of
        ``amount`` ``unit``\\ s and no clock stop; ``cutoff`` (``"15:00"``) moves receptions at or
        after it to the next working day. Raises :class:`DeadlineError` (5001-5005)."""
        return _from_minute(self._clock.due(_time_text(received, "received"), amount, unit, cutoff))

    def start(self, received: Time, *, cutoff: str | None = None) -> datetime:
        """When the processing time of a dossier received at ``received`` starts counting (ngày bắt
        đầu tính): the first working minute at or after it, the cut-off applied."""
        return _from_minute(self._clock.start(_time_text(received, "received"), cutoff))

    def working_minutes(self, start: Time, end: Time) -> int:
        """Working minutes (office hours of working days) from ``start`` to ``end``; negative when
        ``end`` is earlier."""
        return self._clock.working_minutes(_time_text(start, "from"), _time_text(end, "to"))

    @overload
    def due_many(
        self,
        received: Sequence[Time],
        amount: int | Sequence[int] | _Array,
        unit: Unit = ...,
        *,
        cutoff: str | None = ...,
        threads: int | None = ...,
    ) -> list[datetime]: ...

    @overload
    def due_many(
        self,
        received: _Array,
        amount: int | Sequence[int] | _Array,
        unit: Unit = ...,
        *,
        cutoff: str | None = ...,
        threads: int | None = ...,
    ) -> Any: ...

    def due_many(
        self,
        received: Sequence[Time] | _Array,
        amount: int | Sequence[int] | _Array,
        unit: Unit = "working-days",
        *,
        cutoff: str | None = None,
        threads: int | None = None,
    ) -> list[datetime] | Any:
        """Due dates of many receptions (the batch form of :meth:`due`), computed with the GIL
        released on ``threads`` threads (default all CPUs; the result does not depend on it).

        ``received``: a numpy ``datetime64`` array (any unit; seconds are dropped) gives a numpy
        ``datetime64[m]`` array of the same shape, with no per-element Python work; a sequence of
        datetimes or strings gives a list of datetimes. ``amount``: one int for all, or one per
        reception (a sequence or an integer array). The first bad element raises, its index in
        the error's ``field`` (``received[17]``, ``due[17]``, ``amount[17]``).
        """
        n = (os.cpu_count() or 1) if threads is None else threads
        if n < 1:
            raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, "threads", "must be at least 1")
        amounts = _amount_bytes(amount)
        dtype = getattr(received, "dtype", None)
        if dtype is not None:
            if getattr(dtype, "kind", None) != "M":
                raise TypeError(f"received: a datetime64 array is needed, not {dtype}")
            arr: Any = received
            # datetime64[m] is the little-endian i64 minute count the native side reads (no copy when
            # the array is already in minutes and contiguous, apart from tobytes itself).
            minutes = arr.astype("<M8[m]", copy=False).tobytes()
            out = self._clock.due_many(minutes, amounts, unit, cutoff, n)
            np: Any = importlib.import_module("numpy")
            return np.frombuffer(out, dtype="<M8[m]").reshape(arr.shape)
        if isinstance(received, (str, bytes)):
            raise TypeError("received: a str is not a batch")
        seq: Sequence[Time] = received  # type: ignore[assignment]
        data = _le_i64([_minute(t, f"received[{i}]") for i, t in enumerate(seq)], "received")
        result = array("q")
        result.frombytes(self._clock.due_many(data, amounts, unit, cutoff, n))
        if sys.byteorder == "big":
            result.byteswap()
        return [_EPOCH + timedelta(minutes=m) for m in result]

    def evaluate(
        self,
        received: Time,
        amount: int,
        unit: Unit = "working-days",
        *,
        cutoff: str | None = None,
        pauses: Iterable[Pause | Mapping[str, Any]] = (),
        supplement_policy: PausePolicy = "extend",
        financial_policy: PausePolicy = "extend",
        at: Time | None = None,
        closed_at: Time | None = None,
        warn_hours: int | None = None,
        max_supplements: int | None = 1,
        late_by_day: bool = False,
    ) -> DueReport:
        """The due date with clock stops (tạm dừng) and, with ``at`` (open dossier) or
        ``closed_at`` (closed dossier), the QĐ 766 classification.

        ``pauses``: :class:`Pause` objects (or ``{"kind", "from", "to"}`` dicts) in time order;
        each policy is ``extend`` (the paused working time is added) or ``restart`` (the whole
        processing time starts again after the pause). ``warn_hours`` (default 8): "due soon"
        threshold in working hours; ``max_supplements`` (default 1, None: no limit): more supplement
        requests make the dossier late; ``late_by_day``: compare days, not instants.
        """
        request = {
            "received": _time_text(received, "received"),
            "amount": amount,
            "unit": unit,
            "cutoff": cutoff,
            "pauses": [_pause_json(p, i) for i, p in enumerate(pauses)],
            "supplement_policy": supplement_policy,
            "financial_policy": financial_policy,
            "at": _opt_time_text(at, "at"),
            "closed_at": _opt_time_text(closed_at, "closed_at"),
            "warn_hours": warn_hours,
            "max_supplements": max_supplements,
            "late_by_day": late_by_day,
        }
        return DueReport.from_json(self.evaluate_json(json.dumps(request, ensure_ascii=False)))

    def evaluate_json(self, request: str) -> str:
        """The raw form of :meth:`evaluate`: a JSON ``DueRequest`` in, the JSON ``DueReport`` out
        (the format of ``motcua calendar due --json``)."""
        return self._clock.evaluate_json(request)

    # --- calendar

    def is_working_day(self, day: Day) -> bool:
        """Is ``day`` a working day (ngày làm việc) of the civil service?"""
        return self._clock.is_working_day(_day_text(day))

    def day(self, day: Day) -> DayInfo:
        """Whether ``day`` is a working day and why (weekend, holiday, compensation, overrides)."""
        text = _day_text(day)
        working, reasons = self._clock.day(text)
        return DayInfo(date.fromisoformat(text), working, tuple(_reason(f, t) for f, t in reasons))

    def holidays(self, year: int) -> list[Holiday]:
        """The days off (ngày nghỉ lễ, Tết, nghỉ bù, overrides) and make-up working days of ``year``."""
        return [Holiday(date.fromisoformat(d), name, kind) for d, name, kind in self._clock.holidays(year)]  # type: ignore[arg-type]


def lunar(day: Day) -> LunarDate:
    """The Vietnamese lunar date (âm lịch, UTC+7) of a solar day, 1900-01-01..2200-02-14.

    >>> import motcua
    >>> motcua.lunar("2026-02-17")
    LunarDate(year=2026, month=1, day=1, leap=False)
    """
    return LunarDate(*_native.lunar(_day_text(day)))


def solar(year: int, month: int, day: int, leap: bool = False) -> date:
    """The solar date (dương lịch) of a lunar date; ``leap`` for a day of the leap month (tháng
    nhuận). Raises :class:`ConfigError` (field ``lunar_date``) when that lunar date does not exist.

    >>> import motcua
    >>> motcua.solar(2026, 3, 10)  # Giỗ Tổ Hùng Vương
    datetime.date(2026, 4, 26)
    """
    return date.fromisoformat(_native.solar(year, month, day, leap))


# --- payments (thanh toán) ------------------------------------------------------------------------

#: Platform messages (bản tin) that are signed: :func:`pay_sign`, :func:`pay_verify`, :func:`pay_build`.
PayMessage = Literal["INIT", "CALLBACK", "QUERY", "GET_BILL"]
#: VietQR service codes (38.02): to an account, to a card, push, cash withdrawal.
QrService = Literal["QRIBFTTA", "QRIBFTTC", "QRPUSH", "QRCASH"]
#: Outcome of a confirmation callback (:func:`pay_check_callback`).
Outcome = Literal["paid", "failed", "replay", "rejected"]
#: A local time with seconds: a datetime (naive = Asia/Ho_Chi_Minh wall clock; aware = converted to
#: +07:00) or text ``YYYY-MM-DDTHH:MM:SS`` (``:SS`` optional) or ``yyyyMMddHHmmss``; always 24-hour.
PayTime = Union[datetime, str]


@dataclass(frozen=True)
class ErrorInfo:
    """An error in a report (not raised): stable code, its name, the field and a message naming the
    field (never personal data)."""

    code: ErrorCode
    name: str
    field: str
    message: str


@dataclass(frozen=True)
class QrWarning:
    """Something a VietQR payload gets away with: stable ``code`` (``nested_length``,
    ``crc_lowercase``, ``purpose_not_ascii``...), the tag path (``38.01.01``) and what was seen."""

    code: str
    field: str
    message: str


@dataclass(frozen=True)
class QrReport:
    """What :func:`qr_parse` found in a VietQR payload: every field, the warnings and, when
    ``valid`` is false, the error that makes it invalid."""

    valid: bool
    crc_ok: bool
    bin: Optional[str]
    bank: Optional[str]
    account: Optional[str]
    service: Optional[QrService]
    amount: Optional[int]
    purpose: Optional[str]
    point_of_initiation: Optional[Literal["static", "dynamic"]]
    mcc: Optional[str]
    merchant_name: Optional[str]
    merchant_city: Optional[str]
    bill_number: Optional[str]
    store_label: Optional[str]
    reference_label: Optional[str]
    terminal_label: Optional[str]
    warnings: tuple[QrWarning, ...]
    error: Optional[ErrorInfo]


@dataclass(frozen=True)
class Confirmation:
    """The outcome of a confirmation callback (:func:`pay_check_callback`); fields that do not
    apply to the outcome are None.

    - ``paid``: apply it once (``ma_tham_chieu``, ``ma_giao_dich``, ``so_tien``);
    - ``failed``: the platform reports a failure (``ma_tham_chieu``, ``ma_loi``);
    - ``replay``: the same callback as one already processed, acknowledge it (``ma_giao_dich``);
    - ``rejected``: not to be applied (``code`` 6101-6107, ``name``, ``field``, ``message``).
    """

    outcome: Outcome
    ma_tham_chieu: Optional[str] = None
    ma_giao_dich: Optional[str] = None
    so_tien: Optional[int] = None
    ma_loi: Optional[str] = None
    code: Optional[ErrorCode] = None
    name: Optional[str] = None
    field: Optional[str] = None
    message: Optional[str] = None


@dataclass(frozen=True)
class PollDecision:
    """When to send the next QUERY of an open payment attempt, and whether it has been pending so
    long that a person should look at it (it is never dropped: keep polling)."""

    query_at: datetime
    escalate: bool


@dataclass(frozen=True)
class ReceiptReport:
    """What :func:`receipt_check` found: ``lines`` fee lines, the totals by kind (None when there is
    no line of that kind) and every error in field order."""

    valid: bool
    lines: int
    total_phi: Optional[int]
    total_le_phi: Optional[int]
    errors: tuple[ErrorInfo, ...]


def _error_info(e: Mapping[str, Any]) -> ErrorInfo:
    return ErrorInfo(ErrorCode(e["code"]), e["name"], e["field"], e["message"])


_QR_FIELDS = tuple(f.name for f in _dataclass_fields(QrReport))


def _qr_report(row: _native._QrRow) -> QrReport:
    """A :class:`QrReport` from the native row (its fields in the same order). The frozen
    dataclass's ``__init__`` sets 18 fields one ``object.__setattr__`` at a time, which costs more
    than the parse itself; the row is trusted (core made it), so its values go straight in."""
    e = row[17]
    report = object.__new__(QrReport)
    values = report.__dict__
    values.update(zip(_QR_FIELDS[:16], row[:16]))
    values["warnings"] = tuple(QrWarning(*w) for w in row[16]) if row[16] else ()
    values["error"] = None if e is None else ErrorInfo(ErrorCode(e[0]), e[1], e[2], e[3])
    return report


def _json_arg(value: object, field: str) -> str:
    """``value`` (a mapping or any JSON value) as JSON text for core; ConfigError 9004 if it is not JSON."""
    if isinstance(value, Mapping) and not isinstance(value, dict):
        value = dict(value)
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, field, "is not JSON-serialisable") from None


def _mapping_arg(value: Mapping[str, object], field: str) -> str:
    if not isinstance(value, Mapping):
        raise _error(ConfigError, ErrorCode.INVALID_ARGUMENT, field, "must be a dict")
    return _json_arg(value, field)


def _pay_time(t: PayTime, field: str) -> str:
    """A datetime as 24-hour ``YYYY-MM-DDTHH:MM:SS`` local time; text goes to core as it is."""
    if isinstance(t, datetime):
        return _local(t).replace(microsecond=0).isoformat(timespec="seconds")
    if isinstance(t, str):
        return t
    raise TypeError(f"{field} must be a datetime or a str, not {type(t).__name__}")


def qr_parse(payload: str, strict: bool = False) -> QrReport:
    """Parses a VietQR payload (NAPAS EMVCo). Never raises for a bad payload: the report says why
    it is invalid. ``strict=False`` (lenient) accepts what bank apps accept and warns about it.

    >>> import motcua
    >>> r = motcua.qr_parse("00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5")
    >>> r.valid, r.bank, r.account, [w.code for w in r.warnings]
    (True, 'Sacombank', '0011012345678', ['nested_length'])
    """
    return _qr_report(_native.qr_parse(payload, strict))


def qr_parse_many(payloads: Sequence[str], strict: bool = False) -> list[QrReport]:
    """Parses many VietQR payloads in one native call (the parsing runs with the GIL released):
    one :class:`QrReport` per payload, in order."""
    if isinstance(payloads, str):
        raise TypeError("payloads: a str is not a batch")
    return [_qr_report(r) for r in _native.qr_parse_many(payloads, strict)]


def qr_build(
    bin: str,
    account: str,
    *,
    amount: int | None = None,
    purpose: str | None = None,
    service: QrService | str = "QRIBFTTA",
    bill_number: str | None = None,
    reference_label: str | None = None,
    keep_diacritics: bool = False,
) -> str:
    """Builds a VietQR payload (CRC included): static without ``amount``, dynamic with it.
    ``purpose`` loses its diacritics unless ``keep_diacritics``. Raises :class:`PaymentError`
    (6003 bad field, 6006 too long) naming the field.

    >>> import motcua
    >>> motcua.qr_parse(motcua.qr_build("970403", "0011012345678", amount=180000)).amount
    180000
    """
    return _native.qr_build(bin, account, amount, purpose, str(service), bill_number, reference_label, keep_diacritics)


def qr_svg(payload: str, module: int = 4) -> str:
    """The QR code (level M, quiet zone of 4) of ``payload`` as SVG, ``module`` units per module;
    the same payload gives the same text. Raises :class:`PaymentError` 6006 when it is too long."""
    return _native.qr_svg(payload, module)


def qr_png(payload: str, module: int = 4) -> bytes:
    """The QR code of ``payload`` as a grayscale PNG, ``module`` pixels per module (1-64); the
    same payload gives the same bytes. Raises :class:`PaymentError` 6006 when it is too long."""
    return _native.qr_png(payload, module)


def pay_sign(message: PayMessage | str, fields: Mapping[str, object], secret: str) -> dict[str, object]:
    """The platform ``message`` (INIT, CALLBACK, QUERY, GET_BILL) with ``MaXacThuc`` set (replacing
    any given one). Raises :class:`PaymentError` 6101 when a signed field is missing."""
    out: dict[str, object] = json.loads(_native.pay_sign(message, _mapping_arg(fields, "fields"), secret))
    return out


def pay_verify(message: PayMessage | str, fields: Mapping[str, object], secret: str) -> bool:
    """Whether the ``MaXacThuc`` of a platform message is right (compared in constant time)."""
    return _native.pay_verify(message, _mapping_arg(fields, "fields"), secret)


def pay_build(
    message: PayMessage | str,
    *,
    ma_doi_tac: str,
    ma_tham_chieu: str,
    thoi_gian: PayTime,
    so_tien: int | None = None,
    thong_tin_giao_dich: str | None = None,
    ip: str | None = None,
    thong_tin_bien_lai: object = None,
    secret: str,
) -> dict[str, object]:
    """A signed INIT, QUERY or GET_BILL. ``thoi_gian`` is the INIT's local time (24-hour:
    ``ThoiGianGD`` is ``yyyyMMddHHmmss``); ``so_tien`` (đồng), ``thong_tin_giao_dich``, ``ip``
    and ``thong_tin_bien_lai`` are for INIT. Raises :class:`PaymentError` (6101, 6103)."""
    request: dict[str, object] = {
        "ma_doi_tac": ma_doi_tac,
        "ma_tham_chieu": ma_tham_chieu,
        "thoi_gian": _pay_time(thoi_gian, "thoi_gian"),
    }
    for k, v in (
        ("so_tien", so_tien),
        ("thong_tin_giao_dich", thong_tin_giao_dich),
        ("ip", ip),
        ("thong_tin_bien_lai", thong_tin_bien_lai),
    ):
        if v is not None:
            request[k] = v
    out: dict[str, object] = json.loads(_native.pay_build(message, _json_arg(request, "request"), secret))
    return out


def pay_check_callback(
    callback: Mapping[str, object],
    secret: str,
    requested_amount: int | None,
    previous: Mapping[str, object] | None = None,
) -> Confirmation:
    """Checks a confirmation callback: signed fields present, signature, idempotency on
    ``MaGiaoDich`` (``previous``: the callback already processed with the same MaGiaoDich),
    attempt known (``requested_amount``: the amount of the attempt its MaThamChieu names, None
    when unknown), currency, amount, then MaLoi. A bad callback is a ``rejected``
    :class:`Confirmation`, not an exception."""
    prev = None if previous is None else _mapping_arg(previous, "previous")
    c = json.loads(_native.pay_check_callback(_mapping_arg(callback, "callback"), secret, requested_amount, prev))
    code = c.get("code")
    return Confirmation(
        outcome=c["outcome"],
        ma_tham_chieu=c.get("ma_tham_chieu"),
        ma_giao_dich=c.get("ma_giao_dich"),
        so_tien=c.get("so_tien"),
        ma_loi=c.get("ma_loi"),
        code=None if code is None else ErrorCode(code),
        name=c.get("name"),
        field=c.get("field"),
        message=c.get("message"),
    )


def pay_next_poll(
    initiated_at: PayTime,
    now: PayTime,
    queries_done: int = 0,
    last_query_at: PayTime | None = None,
    *,
    first_after: int | None = None,
    max_interval: int | None = None,
    escalate_after: int | None = None,
) -> PollDecision:
    """When to send the next QUERY of an attempt open since ``initiated_at`` (``queries_done``
    sent so far, the last at ``last_query_at``): ``first_after`` minutes after the INIT (default 2),
    then doubling up to ``max_interval`` (60), never before ``now``; ``escalate`` once it has been
    open ``escalate_after`` minutes (1440). Raises :class:`PaymentError` 6103 for a bad time."""
    request: dict[str, object] = {
        "initiated_at": _pay_time(initiated_at, "initiated_at"),
        "now": _pay_time(now, "now"),
        "queries_done": queries_done,
    }
    for k, v in (
        ("last_query_at", None if last_query_at is None else _pay_time(last_query_at, "last_query_at")),
        ("first_after", first_after),
        ("max_interval", max_interval),
        ("escalate_after", escalate_after),
    ):
        if v is not None:
            request[k] = v
    p = json.loads(_native.pay_poll(_json_arg(request, "request")))
    return PollDecision(datetime.fromisoformat(p["query_at"]), p["escalate"])


def receipt_check(
    receipt: Mapping[str, object] | str, *, separate_kinds: bool = True, max_number: int | None = None
) -> ReceiptReport:
    """Checks an e-receipt (biên lai điện tử), a dict or JSON text: every error found (codes
    6201-6205, 9004 for JSON that is not a receipt) and the totals by kind. ``separate_kinds``:
    phí and lệ phí on separate receipts; ``max_number``: highest receipt number (default 99,999,999).
    Never raises for a bad receipt."""
    text = receipt if isinstance(receipt, str) else _mapping_arg(receipt, "receipt")
    r = _native.receipt_check(text, separate_kinds, max_number)
    return ReceiptReport(
        valid=r["valid"],
        lines=r["lines"],
        total_phi=r["total_phi"],
        total_le_phi=r["total_le_phi"],
        errors=tuple(_error_info(e) for e in r["errors"]),
    )


# --- reconciliation (đối soát) and status parity (đối chiếu trạng thái) ----------------------------

#: Class of a reconciliation row, in report order (``motcua_core::recon::Class::ALL``).
ReconClass = Literal[
    "matched",
    "paid_not_updated",
    "amount_mismatch",
    "duplicate",
    "unknown_dossier",
    "ambiguous",
    "missing_in_bank",
    "not_paid",
    "invalid_input",
]
#: Where a reconciliation row comes from: a bank credit (báo có), a payment attempt, or a dossier
#: row that could not be read (readable dossiers are reference data and get no row).
ReconSource = Literal["bank", "payment", "dossier"]
#: The keys of a results.jsonl row (:func:`reconcile_files`): every key, or the contract's seven.
ReconFields = Literal["all", "contract"]
#: Class of a status-parity entry (``motcua_core::parity::ParityClass::ALL``).
ParityClass = Literal["consistent", "lagging", "conflicting", "superseded", "invalid_input"]
#: Text formats of :func:`parity_text`.
ParityFormat = Literal["csv", "jsonl"]
#: One input record: column name (the CSV header of the input) → value, text or a whole number.
Record = Mapping[str, Union[str, int]]
#: A file path: ``str`` or ``os.PathLike`` (``pathlib.Path``).
PathArg = Union[str, os.PathLike[str]]


@dataclass(frozen=True)
class ReconRow:
    """One output row of a reconciliation (a line of ``results.jsonl``). Every bank line and every
    payment attempt gets exactly one row; dossiers only when they cannot be read.

    ``id`` is ``ma_giao_dich_nh`` for a bank line, ``ma_tham_chieu`` for a payment, ``ma_ho_so`` for a
    dossier; ``class_`` is the JSON ``class``; ``ma_ho_so``, ``ma_tham_chieu``, ``thoi_gian``
    (``yyyyMMddHHmmss``), ``ma_don_vi`` and ``related`` are empty when unknown; ``so_tien`` is đồng
    (0 when unreadable); ``confidence`` 0.00-1.00; ``reason`` says why in stable words;
    ``trang_thai_gd`` is the platform status of a payment (None for other sources); ``line`` is the
    1-based line (file) or position (list) of the record; ``error`` is set for ``invalid_input``.
    """

    source: ReconSource
    id: str
    class_: ReconClass
    ma_ho_so: str
    ma_tham_chieu: str
    confidence: float
    reason: str
    so_tien: int
    thoi_gian: str
    ma_don_vi: str
    trang_thai_gd: Optional[int]
    related: str
    line: int
    error: Optional[ErrorInfo]

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> ReconRow:
        """A row from its JSON object (a line of ``results.jsonl`` written by
        :func:`reconcile_files` with ``fields="all"``): ``class`` becomes ``class_``, absent
        ``trang_thai_gd``/``error`` None and absent ``related`` empty."""
        e = row.get("error")
        # The frozen dataclass's __init__ sets 14 fields one object.__setattr__ at a time; rows come
        # by the thousand from core, so their values go straight in (same fields, same names).
        r = object.__new__(cls)
        r.__dict__.update(
            source=row["source"],
            id=row["id"],
            class_=row["class"],
            ma_ho_so=row["ma_ho_so"],
            ma_tham_chieu=row["ma_tham_chieu"],
            confidence=row["confidence"],
            reason=row["reason"],
            so_tien=row["so_tien"],
            thoi_gian=row["thoi_gian"],
            ma_don_vi=row["ma_don_vi"],
            trang_thai_gd=row.get("trang_thai_gd"),
            related=row.get("related", ""),
            line=row["line"],
            error=None if e is None else _error_info(e),
        )
        return r


@dataclass(frozen=True)
class Reconciliation:
    """What :func:`reconcile` found: one row per bank line and payment attempt (and per unreadable
    dossier), and the control totals of core's ``Summary`` (``input``/``output`` rows and đồng per
    source and class, ``bank_by_agency``, ``bank_by_day``, ``dossier_rows``, ``dossiers_loaded``,
    ``dossiers_known``)."""

    rows: tuple[ReconRow, ...]
    summary: dict[str, Any]


@dataclass(frozen=True)
class ParityReport:
    """What :func:`parity` found: the entries as core's JSON objects (``class`` one of
    :data:`ParityClass`: invalid and superseded rows in input order, then one verdict per dossier)
    and the control totals (``rows_in``, ``rows_accounted``, ``balanced``, counts per class,
    ``sync_actions``...)."""

    entries: tuple[dict[str, Any], ...]
    summary: dict[str, Any]


def _batch(records: object, field: str) -> list[object]:
    """The records of a batch argument, each mapping as a dict (anything else goes to core as it
    is, which reports it as an unreadable row: a record is never dropped)."""
    if isinstance(records, (str, bytes, Mapping)):
        raise TypeError(f"{field}: a {type(records).__name__} is not a batch of records")
    if not isinstance(records, Iterable):
        raise TypeError(f"{field} must be an iterable of records, not {type(records).__name__}")
    return [r if isinstance(r, dict) or not isinstance(r, Mapping) else dict(r) for r in records]


def _not_json(field: str, cls: type[Error]) -> Callable[[object], NoReturn]:
    def default(value: object) -> NoReturn:
        # The type only: the value may be personal data.
        raise _error(
            cls, ErrorCode.INVALID_ARGUMENT, field, f"a record value is a {type(value).__name__}; values must be str or int"
        )

    return default


def _dumps(value: object, field: str, cls: type[Error]) -> str:
    """JSON text of records for core, or ``cls`` naming ``field``: 9004 for a value that is not JSON
    (a datetime, NaN) or a key that is not text, 9003 for text with a lone surrogate (the records of
    several arguments travel in one string, so only here is the argument known)."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=_not_json(field, cls))
        text.encode("utf-8")
    except Error:
        raise
    except UnicodeEncodeError:
        raise _error(cls, ErrorCode.INVALID_UTF8, field, "text with a lone surrogate") from None
    except ValueError:
        raise _error(cls, ErrorCode.INVALID_ARGUMENT, field, "a record value is not JSON (NaN or infinity?)") from None
    except TypeError:
        # json.dumps refuses a key that is not str, int, float, bool or None (a tuple).
        raise _error(cls, ErrorCode.INVALID_ARGUMENT, field, "a record key is not text") from None
    return text


def _records_json(records: Iterable[Record], field: str) -> str:
    return _dumps(_batch(records, field), field, ReconError)


def _rules_json(window_hours: int, fields: Optional[ReconFields] = None) -> str:
    if isinstance(window_hours, bool) or not isinstance(window_hours, int):
        raise _error(ReconError, ErrorCode.INVALID_ARGUMENT, "window_hours", "must be an int (hours)")
    if not -(2**63) <= window_hours < 2**63:
        # Core takes an i64 and checks the range; a larger int is not even that.
        raise _error(ReconError, ErrorCode.INVALID_ARGUMENT, "window_hours", "is not a 64-bit integer")
    rules: dict[str, Any] = {"window_hours": window_hours}
    if fields is not None:
        rules["fields"] = fields  # core checks the value
    return json.dumps(rules)


def _path(p: PathArg, field: str) -> str:
    try:
        return os.fsdecode(p)
    except TypeError:
        raise TypeError(f"{field} must be a str or an os.PathLike, not {type(p).__name__}") from None


def reconcile(
    dossiers: Iterable[Record], payments: Iterable[Record], bank: Iterable[Record], *, window_hours: int = 96
) -> Reconciliation:
    """Reconciles bank credits (báo có) against payment attempts and dossiers (đối soát), in memory.

    Records are mappings with the column names of the CSV inputs (``ma_ho_so, tong_phi, ...`` for
    dossiers; ``ma_tham_chieu, so_tien, thoi_gian_gd, trang_thai_gd, ...`` for payments;
    ``ma_giao_dich_nh, thoi_gian, so_tien, tk_thu_huong, noi_dung`` for bank lines), values as text
    or whole numbers. A credit matches within ``window_hours`` after its attempt (1-8784).

    A record that cannot be read is a row of class ``invalid_input`` with its ``error`` (7002-7007)
    and its position as ``line``, never dropped. Raises :class:`ReconError` (9004) for a bad
    ``window_hours`` or a value that is not text or a number, :class:`MoneyError` (2003) when the
    đồng of one input add up past i64. The matching runs with the GIL released.
    """
    request = '{"dossiers":%s,"payments":%s,"bank":%s,"rules":%s}' % (
        _records_json(dossiers, "dossiers"),
        _records_json(payments, "payments"),
        _records_json(bank, "bank"),
        _rules_json(window_hours),
    )
    r = json.loads(_native.reconcile_json(request))
    return Reconciliation(tuple(ReconRow.from_dict(row) for row in r["rows"]), r["summary"])


def reconcile_files(
    dossiers: PathArg,
    payments: PathArg,
    bank: PathArg,
    out: PathArg,
    *,
    window_hours: int = 96,
    fields: ReconFields = "all",
) -> dict[str, Any]:
    """Reconciles three files (CSV, or JSON Lines for ``.jsonl``/``.ndjson``/``.json``) and writes
    one JSON object per bank line and payment (and unreadable dossier) to ``out`` (results.jsonl).
    ``fields="all"`` writes every key (rows as :meth:`ReconRow.from_dict` reads them);
    ``"contract"`` only ``source, id, class, ma_ho_so, ma_tham_chieu, confidence, reason`` (an
    ``invalid_input`` row keeps ``line`` and ``error``). Returns the control totals (see
    :class:`Reconciliation`).

    Raises :class:`ReconError`: 7001 when a CSV file lacks a required column (``field`` names it),
    9004 for a bad ``window_hours`` or ``fields`` or a file that cannot be opened or written;
    :class:`MoneyError` (2003) when the đồng of one input add up past i64 (``field``:
    ``bank.so_tien`` or ``payments.so_tien``). Unreadable rows are ``invalid_input`` rows, never
    errors. Runs with the GIL released.
    """
    if not isinstance(fields, str):
        raise _error(ReconError, ErrorCode.INVALID_ARGUMENT, "fields", 'must be "all" or "contract"')
    rules = _rules_json(window_hours, fields)
    return _loads_object(
        _native.reconcile_files(
            _path(dossiers, "dossiers"),
            _path(payments, "payments"),
            _path(bank, "bank"),
            _path(out, "out"),
            rules,
        )
    )


def _loads_object(text: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(text)
    return out


def parity_text(text: str, format: ParityFormat) -> ParityReport:
    """Status parity (đối chiếu trạng thái) over rows given as text: ``csv`` with a header naming
    ``ma_ho_so, system, trang_thai, updated_at`` (any order, extra columns ignored) or ``jsonl``,
    one object per line. Raises :class:`ParityError` (9004) for another format; unreadable rows are
    ``invalid_input`` entries (7101-7104). Runs with the GIL released."""
    r = json.loads(_native.parity_json(text, format))
    return ParityReport(tuple(r["entries"]), r["summary"])


def parity(rows: Iterable[Record]) -> ParityReport:
    """Status parity across systems (đối chiếu trạng thái) of the same dossiers: each row a mapping
    ``{"ma_ho_so", "system": portal|coordination|sectoral, "trang_thai": 1-10, "updated_at":
    yyyyMMddHHmmss | "yyyy-MM-dd HH:mm:ss"}``. Per dossier one verdict (``consistent``,
    ``lagging`` with the sync actions that bring the systems level, ``conflicting`` with a manual
    review); a row that cannot be read is an ``invalid_input`` entry whose ``line`` is its 1-based
    position, never dropped. Raises :class:`ParityError` (9004) for a value that is not text or a
    number."""
    text = "\n".join(_dumps(r, "rows", ParityError) for r in _batch(rows, "rows"))
    return parity_text(text, "jsonl")


def parity_files(statuses: PathArg, out: PathArg) -> dict[str, Any]:
    """Status parity over a ``.csv`` or ``.jsonl`` file: every entry written to ``out`` as JSON
    Lines (invalid and superseded rows as they come, then one verdict per dossier). Returns the
    control totals (``balanced`` when every row is accounted for). Raises :class:`ParityError`
    (9004) for another extension or a file that cannot be opened or written."""
    return _loads_object(_native.parity_files(_path(statuses, "statuses"), _path(out, "out")))


def _debug_panic() -> None:
    """Test only: makes the native side panic; raises :class:`InternalError` (9001)."""
    _native._debug_panic()
