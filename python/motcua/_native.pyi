"""Typed stub of the compiled module ``motcua._native`` (bindings/python/src/lib.rs).

Use the facade ``motcua`` instead: it picks ``today``, builds the config JSON and wraps these
compact tuples (and the JSON of the payment functions, core's ``payment::request`` face, and of
reconciliation and status parity, ``recon::request`` and ``parity::parity_json``) into
dataclasses; ``Issue`` and ``RecordReport`` are native classes it re-exports.
"""

from collections.abc import Sequence
from typing import Any, Optional, final

__all__ = [
    "__version__",
    "check",
    "check_many",
    "parse_vnd",
    "transition",
    "states",
    "validate_document",
    "validate_input",
    "error_codes",
    "machine_states",
    "machines",
    "kinds",
    "units",
    "parse_minute",
    "lunar",
    "solar",
    "qr_parse",
    "qr_parse_many",
    "qr_build",
    "qr_svg",
    "qr_png",
    "pay_sign",
    "pay_verify",
    "pay_build",
    "pay_check_callback",
    "pay_poll",
    "receipt_check",
    "reconcile_json",
    "reconcile_files",
    "parity_json",
    "parity_files",
    "recon_classes",
    "parity_classes",
    "_debug_panic",
    "Issue",
    "RecordReport",
    "WorkClock",
    "Catalog",
    "SearchHit",
    "CatalogProblem",
    "CatalogReport",
    "Error",
    "IdentifierError",
    "MoneyError",
    "TransitionError",
    "DeadlineError",
    "PaymentError",
    "ReconError",
    "ParityError",
    "CatalogError",
    "ConfigError",
    "InternalError",
]

__version__: str

class Error(ValueError):
    """Base of every motcua error (lỗi): ``.code`` is the stable ErrorCode, ``.name`` its stable
    name, ``.field`` the field concerned and ``.message`` the text (``field: detail``, never
    personal data)."""

    code: int
    name: str
    field: str
    message: str

class IdentifierError(Error):
    """An identifier (mã định danh) is invalid: codes 1000-1999."""

class MoneyError(Error):
    """A money amount (tiền đồng) is invalid: codes 2000-2099."""

class TransitionError(Error):
    """A status transition (chuyển trạng thái) broke a rule: codes 3000-3099."""

class DeadlineError(Error):
    """A time, office hours, clock stop or processing time (thời hạn) is invalid: codes 5000-5099."""

class PaymentError(Error):
    """A payment (thanh toán) is invalid: VietQR, payment-platform message or e-receipt, codes 6000-6299."""

class ReconError(Error):
    """Reconciliation (đối soát) input is invalid: codes 7000-7099, and 9004 for its rules or files."""

class ParityError(Error):
    """Status-parity (đối chiếu trạng thái) input is invalid: codes 7100-7199, and 9004 for its format or files."""

class CatalogError(Error):
    """A procedure catalogue (danh mục thủ tục) cannot be loaded or searched: codes 7200-7299."""

class ConfigError(Error):
    """An argument or the JSON config is invalid: code 9004."""

class InternalError(Error):
    """A bug in motcua (9001 panic, 9005 internal): please report it."""

@final
class Issue:
    """One problem in a sync payload: stable code (4000-4999), JSON path, message (no personal data)."""

    @property
    def code(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...
    def __new__(cls, code: int, path: str, message: str) -> Issue: ...

@final
class RecordReport:
    """The issues of one input record; ``line`` is 1-based; ``valid`` when there are none."""

    @property
    def line(self) -> int: ...
    @property
    def issues(self) -> tuple[Issue, ...]: ...
    @property
    def valid(self) -> bool: ...
    def __new__(cls, line: int, issues: Sequence[Issue]) -> RecordReport: ...

@final
class SearchHit:
    """One search result: ``spans`` are ``(start, end)`` char offsets of the matched parts of ``name``."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def matched(self) -> str: ...
    @property
    def spans(self) -> list[tuple[int, int]]: ...
    @property
    def levels(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def agency(self) -> str: ...

@final
class CatalogProblem:
    """One configuration problem of a procedure: stable code (7200-7299), field, message."""

    @property
    def ma_thu_tuc(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def code(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def message(self) -> str: ...

@final
class CatalogReport:
    """What the configuration checks found."""

    @property
    def procedures(self) -> int: ...
    @property
    def procedures_with_problems(self) -> int: ...
    @property
    def problems(self) -> list[CatalogProblem]: ...
    @property
    def counts(self) -> dict[str, int]: ...
    @property
    def not_checked(self) -> dict[str, int]: ...

@final
class Catalog:
    """A procedure catalogue with its search index, built once from CSV or JSON text."""

    def __new__(cls, text: str, synonyms: Optional[str] = None) -> Catalog: ...
    @staticmethod
    def from_csv(text: str, synonyms: Optional[str] = None) -> Catalog: ...
    @staticmethod
    def from_json(text: str, synonyms: Optional[str] = None) -> Catalog: ...
    def __len__(self) -> int: ...
    def search(
        self,
        query: str,
        limit: int = 10,
        level: Optional[str] = None,
        field: Optional[str] = None,
        agency: Optional[str] = None,
    ) -> list[SearchHit]: ...
    def search_many(
        self,
        queries: Sequence[str],
        limit: int = 10,
        level: Optional[str] = None,
        field: Optional[str] = None,
        agency: Optional[str] = None,
    ) -> list[list[SearchHit]]: ...
    def check(self) -> CatalogReport: ...

@final
class WorkClock:
    """A working clock (đồng hồ làm việc) built from the JSON ``ClockConfig``.

    Times go in as text parsed by core and come out as minutes since 1970-01-01T00:00 local time
    (``datetime64[m]``); batches as little-endian ``i64`` bytes. Use ``motcua.WorkClock``.
    """

    def __new__(cls, config: str) -> WorkClock: ...
    @property
    def office_hours(self) -> str: ...
    def due(self, received: str, amount: int, unit: str, cutoff: Optional[str]) -> int: ...
    def start(self, received: str, cutoff: Optional[str]) -> int: ...
    def working_minutes(self, start: str, end: str) -> int: ...
    def due_many(
        self, received: bytes, amounts: bytes, unit: str, cutoff: Optional[str], threads: int
    ) -> bytearray: ...
    def evaluate_json(self, request: str) -> str: ...
    def is_working_day(self, date: str) -> bool: ...
    def day(self, date: str) -> tuple[bool, list[tuple[dict[str, Any], str]]]: ...
    def holidays(self, year: int) -> list[tuple[str, str, str]]: ...

_CheckRow = tuple[bool, Optional[str], Optional[tuple[int, str]], dict[str, Any]]

def check(kind: str, value: str, config: str) -> _CheckRow: ...
def check_many(kind: str, values: Sequence[str], config: str) -> list[_CheckRow]: ...
def parse_vnd(text: str, non_negative: bool) -> int: ...
def transition(
    machine: str,
    from_state: str,
    to: str,
    paused_from: Optional[str],
    reason: Optional[str],
    admin: bool,
    policy: str,
) -> tuple[str, Optional[int], Optional[str]]: ...
def states(machine: str, format: str) -> str: ...
def validate_document(document: bytes, config: str) -> list[Issue]: ...
def validate_input(data: bytes, config: str, threads: int) -> list[RecordReport]: ...
def error_codes() -> list[tuple[str, int, str]]: ...
def machine_states(machine: str) -> list[tuple[str, Optional[int], str]]: ...
def machines() -> list[str]: ...
def kinds() -> list[str]: ...
def units() -> list[str]: ...
def parse_minute(text: str, field: str) -> int: ...
def lunar(date: str) -> tuple[int, int, int, bool]: ...
def solar(year: int, month: int, day: int, leap: bool) -> str: ...
#: ``(valid, crc_ok, bin, bank, account, service, amount, purpose, point_of_initiation, mcc,
#: merchant_name, merchant_city, bill_number, store_label, reference_label, terminal_label,
#: [(code, field, message), ...], (code, name, field, message) | None)``: ``motcua.QrReport``'s order.
_QrRow = tuple[
    bool,
    bool,
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[int],
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[str],
    Optional[str],
    list[tuple[str, str, str]],
    Optional[tuple[int, str, str, str]],
]

def qr_parse(payload: str, strict: bool) -> _QrRow: ...
def qr_parse_many(payloads: Sequence[str], strict: bool) -> list[_QrRow]: ...
def qr_build(
    bin: str,
    account: str,
    amount: int | None,
    purpose: str | None,
    service: str,
    bill_number: str | None,
    reference_label: str | None,
    keep_diacritics: bool,
) -> str: ...
def qr_svg(payload: str, module: int) -> str: ...
def qr_png(payload: str, module: int) -> bytes: ...
def pay_sign(message: str, fields: str, secret: str) -> str: ...
def pay_verify(message: str, fields: str, secret: str) -> bool: ...
def pay_build(message: str, request: str, secret: str) -> str: ...
def pay_check_callback(
    callback: str, secret: str, requested_amount: Optional[int], previous: Optional[str]
) -> str: ...
def pay_poll(request: str) -> str: ...
def receipt_check(receipt: str, separate_kinds: bool, max_number: Optional[int]) -> dict[str, Any]: ...
def reconcile_json(request: str) -> str: ...
def reconcile_files(dossiers: str, payments: str, bank: str, out: str, rules: Optional[str]) -> str: ...
def parity_json(text: str, format: str) -> str: ...
def parity_files(statuses: str, out: str) -> str: ...
def recon_classes() -> list[str]: ...
def parity_classes() -> list[str]: ...
def _debug_panic() -> None: ...
