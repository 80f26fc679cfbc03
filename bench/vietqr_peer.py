#!/usr/bin/env python3
# Pure Python (standard library only). The package peer is vietnam-qr-pay==1.0.0 (optional here).
"""VietQR peers for bench/qr_vs_peer.py, the payload generator, and their checks.

- `parse(payload, strict=False) -> Report` and `build(bin, account, amount=None, purpose=None,
  service="QRIBFTTA") -> str`: a straightforward pure-Python TLV parser/builder doing the checks that
  motcua does (core/src/payment/vietqr.rs): CRC-16/CCITT-FALSE over the UTF-8 bytes before the CRC
  value, lengths counted in characters, nested templates 38, 38.01 and 62, duplicate tags, required
  tags 00/01/38/53/58, NAPAS GUID, 6-digit BIN looked up in the bank table, account 1-19 letters or
  digits, service code, amount as a positive int of at most 13 digits, currency 704, country VN,
  purpose <= 25 characters with Vietnamese diacritics folded by `build`. Strict mode rejects any
  length mismatch; lenient mode extends a nested template's short last element to the end of its
  template (NAPAS vector 6.1.1), with a `nested_length` warning.
- `pkg_parse(payload)` / `pkg_build(...)`: the PyPI package vietnam-qr-pay 1.0.0 (`QRPay`), a port
  of the vietnam-qr-pay JavaScript library: TLV with nested 38/62 templates, CRC check, build in the
  same tag order as motcua. `pkg_fields(qr)` maps its object to the compared fields.
- `generate(n)`: the benchmark inputs, identical to core/benches/vietqr.rs (same splitmix64 stream):
  payload i and the request it was built from.

Checks (no motcua Python package needed):

    python bench/vietqr_peer.py --check-vectors              # tests/vectors/vietqr.json
    MOTCUA_VIETQR_DUMP=/tmp/vietqr-dump.jsonl cargo bench -p motcua-core --bench vietqr
    python bench/vietqr_peer.py --check-dump /tmp/vietqr-dump.jsonl   # 10,000 payloads vs motcua

The bank table is read from core/data/napas_vietqr_banks_bin.csv (the file motcua's build.rs bundles).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Optional

ROOT = Path(__file__).resolve().parent.parent
BANKS_CSV = ROOT / "core" / "data" / "napas_vietqr_banks_bin.csv"
VECTORS = ROOT / "tests" / "vectors" / "vietqr.json"

NAPAS_GUID = "A000000727"
PURPOSE_MAX = 25
SERVICES = ("QRIBFTTA", "QRIBFTTC", "QRPUSH", "QRCASH")

# Error codes shared with motcua (core/src/error.rs).
QR_TLV, QR_CRC, QR_FIELD, QR_MISSING, QR_DUPLICATE, QR_TOO_LONG = 6001, 6002, 6003, 6004, 6005, 6006


def _load_banks() -> dict[str, str]:
    """BIN -> short name, the current entry first (as build.rs sorts them)."""
    with BANKS_CSV.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["bin"].strip()]
    rows.sort(key=lambda r: (r["bin"], r["deprecated"].strip() == "true", r["vietqr_status"].strip() != "1"))
    banks: dict[str, str] = {}
    for r in rows:
        banks.setdefault(r["bin"], r["short_name"])
    return banks


BANKS = _load_banks()
BINS = sorted(BANKS)

# ---------------------------------------------------------------------------------------------
# CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR), table driven.


def _crc_table() -> list[int]:
    table = []
    for b in range(256):
        crc = b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
        table.append(crc & 0xFFFF)
    return table


_CRC_TABLE = _crc_table()


def crc16(data: bytes) -> int:
    crc, table = 0xFFFF, _CRC_TABLE
    for b in data:
        crc = ((crc << 8) & 0xFFFF) ^ table[(crc >> 8) ^ b]
    return crc


assert crc16(b"123456789") == 0x29B1

# ---------------------------------------------------------------------------------------------
# Diacritic folding, the same table as motcua's text::fold.

_GROUPS = [
    ("áàảãạăắằẳẵặâấầẩẫậ", "a"), ("ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ", "A"), ("éèẻẽẹêếềểễệ", "e"), ("ÉÈẺẼẸÊẾỀỂỄỆ", "E"),
    ("íìỉĩị", "i"), ("ÍÌỈĨỊ", "I"), ("óòỏõọôốồổỗộơớờởỡợ", "o"), ("ÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢ", "O"),
    ("úùủũụưứừửữự", "u"), ("ÚÙỦŨỤƯỨỪỬỮỰ", "U"), ("ýỳỷỹỵ", "y"), ("ÝỲỶỸỴ", "Y"), ("đ", "d"), ("Đ", "D"),
]
_FOLD = {ord(c): base for chars, base in _GROUPS for c in chars}
_FOLD.update({cp: None for cp in (0x300, 0x301, 0x303, 0x309, 0x323, 0x306, 0x302, 0x31B)})


def fold(s: str) -> str:
    return s if s.isascii() else s.translate(_FOLD)


# ---------------------------------------------------------------------------------------------
# Parser.


class QrError(ValueError):
    def __init__(self, code: int, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.code, self.field, self.message = code, field, message


class Report:
    """The fields motcua's QrReport has (warnings as (code, field) pairs, error as a QrError)."""

    __slots__ = ("valid", "crc_ok", "bin", "bank", "account", "service", "amount", "purpose",
                 "point_of_initiation", "mcc", "merchant_name", "merchant_city", "bill_number",
                 "store_label", "reference_label", "terminal_label", "warnings", "error")

    def __init__(self) -> None:
        self.valid = self.crc_ok = False
        self.bin = self.bank = self.account = self.service = self.purpose = None
        self.amount: Optional[int] = None
        self.point_of_initiation = self.mcc = self.merchant_name = self.merchant_city = None
        self.bill_number = self.store_label = self.reference_label = self.terminal_label = None
        self.warnings: list[tuple[str, str]] = []
        self.error: Optional[QrError] = None


def _is_digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


def _elements(s: str, path: str, strict: bool, warnings: list) -> list[list[str]]:
    """[[id, value], ...] of one template; lenient mode extends a nested template's short last element."""
    out: list[list[str]] = []
    seen: set[str] = set()
    i, n = 0, len(s)
    while i < n:
        header = s[i:i + 4]
        if len(header) != 4 or not _is_digits(header):
            if not strict and out and path:
                last = out[-1]
                last[1] = s[i - len(last[1]):]
                warnings.append(("nested_length", f"{path}.{last[0]}"))
                break
            raise QrError(QR_TLV, path or "payload",
                          f"character {i + 1}: expected a 2-digit id and a 2-digit length, found {s[i:i + 4]!r}")
        tag, length = header[:2], int(header[2:])
        end = i + 4 + length
        if end > n:
            raise QrError(QR_TLV, f"{path}.{tag}" if path else tag,
                          f"declares length {length} but only {n - i - 4} characters follow")
        if tag in seen:
            raise QrError(QR_DUPLICATE, f"{path}.{tag}" if path else tag, "appears twice")
        seen.add(tag)
        out.append([tag, s[i + 4:end]])
        i = end
    return out


def parse(payload: str, strict: bool = False) -> Report:
    """Never raises: the report says what was found and why the payload is invalid."""
    r = Report()
    try:
        _parse_into(payload, strict, r)
    except QrError as e:
        r.error = e
    r.valid = r.error is None
    return r


def _parse_into(payload: str, strict: bool, r: Report) -> None:
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise QrError(QR_CRC, "63", "the payload does not end with the CRC element 6304XXXX")
    given = payload[-4:]
    computed = crc16(payload[:-4].encode("utf-8"))
    r.crc_ok = given.isascii() and all(c in "0123456789abcdefABCDEF" for c in given) and int(given, 16) == computed
    if not r.crc_ok:
        raise QrError(QR_CRC, "63", f"CRC {given!r} does not match the payload (computed {computed:04X})")
    if given != given.upper():
        r.warnings.append(("crc_lowercase", "63"))
    root = _elements(payload[:-8], "", strict, r.warnings)
    if not root or root[0][0] != "00":
        raise QrError(QR_MISSING, "00", "the payload must start with 000201")
    if root[0][1] != "01":
        raise QrError(QR_FIELD, "00", f"payload format {root[0][1]!r}, expected '01'")
    seen = {"00"}
    for tag, value in root[1:]:
        seen.add(tag)
        if tag == "01":
            if value == "11":
                r.point_of_initiation = "static"
            elif value == "12":
                r.point_of_initiation = "dynamic"
            else:
                raise QrError(QR_FIELD, "01", f"{value!r} is not 11 (static) or 12 (dynamic)")
        elif tag == "38":
            _merchant_account(value, strict, r)
        elif tag == "52":
            if len(value) != 4 or not _is_digits(value):
                raise QrError(QR_FIELD, "52", f"MCC {value!r} is not 4 digits")
            r.mcc = value
        elif tag == "53":
            if value != "704":
                raise QrError(QR_FIELD, "53", f"currency {value!r}, expected 704 (VND)")
        elif tag == "54":
            if not (1 <= len(value) <= 13 and _is_digits(value) and int(value) > 0):
                raise QrError(QR_FIELD, "54", f"amount {value!r} is not a positive whole number of dong")
            r.amount = int(value)
        elif tag == "58":
            if value != "VN":
                raise QrError(QR_FIELD, "58", f"country {value!r}, expected VN")
        elif tag == "59":
            r.merchant_name = value
        elif tag == "60":
            r.merchant_city = value
        elif tag == "62":
            _additional(value, strict, r)
        elif tag == "00":
            raise QrError(QR_FIELD, "00", "must be the first element")
        else:
            r.warnings.append(("unknown_tag", tag))
    for tag, name in (("01", "point of initiation"), ("38", "merchant account information"),
                      ("53", "currency"), ("58", "country")):
        if tag not in seen:
            raise QrError(QR_MISSING, tag, f"{name} is missing")
    if r.point_of_initiation == "dynamic" and r.amount is None:
        r.warnings.append(("dynamic_without_amount", "54"))
    elif r.point_of_initiation == "static" and r.amount is not None:
        r.warnings.append(("static_with_amount", "54"))
    if r.service is None:
        r.service = "QRPUSH" if r.mcc is not None else "QRIBFTTA"
        r.warnings.append(("service_inferred", "38.02"))


def _merchant_account(value: str, strict: bool, r: Report) -> None:
    els = dict(_elements(value, "38", strict, r.warnings))
    guid = els.get("00")
    if guid is None:
        raise QrError(QR_MISSING, "38.00", "the NAPAS GUID is missing")
    if guid != NAPAS_GUID:
        raise QrError(QR_FIELD, "38.00", f"GUID {guid!r}, expected {NAPAS_GUID} (NAPAS)")
    org = els.get("01")
    if org is None:
        raise QrError(QR_MISSING, "38.01", "beneficiary organisation missing")
    org_els = dict(_elements(org, "38.01", strict, r.warnings))
    bin_ = org_els.get("00")
    if bin_ is None:
        raise QrError(QR_MISSING, "38.01.00", "bank BIN missing")
    if len(bin_) != 6 or not _is_digits(bin_):
        raise QrError(QR_FIELD, "38.01.00", f"BIN {bin_!r} is not 6 digits")
    r.bin = bin_
    r.bank = BANKS.get(bin_)
    if r.bank is None:
        r.warnings.append(("unknown_bank", "38.01.00"))
    account = org_els.get("01")
    if account is None:
        raise QrError(QR_MISSING, "38.01.01", "account or card missing")
    if not (1 <= len(account) <= 19 and account.isascii() and account.isalnum()):
        raise QrError(QR_FIELD, "38.01.01", f"account is {len(account)} characters; expected 1-19 letters or digits")
    r.account = account
    service = els.get("02")
    if service is not None:
        if service not in SERVICES:
            raise QrError(QR_FIELD, "38.02", f"service {service!r} is not QRIBFTTA, QRIBFTTC, QRPUSH or QRCASH")
        r.service = service


_ADDITIONAL = {"01": "bill_number", "03": "store_label", "05": "reference_label", "07": "terminal_label",
               "08": "purpose"}


def _additional(value: str, strict: bool, r: Report) -> None:
    for tag, v in _elements(value, "62", strict, r.warnings):
        slot = _ADDITIONAL.get(tag)
        if slot is None:
            continue
        setattr(r, slot, v)
        if len(v) > PURPOSE_MAX:
            r.warnings.append(("purpose_too_long", f"62.{tag}"))
        if not v.isascii():
            r.warnings.append(("purpose_not_ascii", f"62.{tag}"))


# ---------------------------------------------------------------------------------------------
# Builder.


def _tlv(tag: str, value: str) -> str:
    n = len(value)
    if n > 99:
        raise QrError(QR_TOO_LONG, tag, f"{n} characters; a TLV value holds at most 99")
    return f"{tag}{n:02d}{value}"


def build(bin: str, account: str, amount: Optional[int] = None, purpose: Optional[str] = None,
          service: str = "QRIBFTTA", bill_number: Optional[str] = None,
          reference_label: Optional[str] = None) -> str:
    """The payload (CRC upper case); raises QrError like motcua's build returns Err."""
    if bin not in BANKS:
        raise QrError(QR_FIELD, "bin", f"{bin!r} is not a BIN in the NAPAS bank table")
    if not (1 <= len(account) <= 19 and account.isascii() and account.isalnum()):
        raise QrError(QR_FIELD, "account", "expected 1-19 letters or digits")
    if service not in SERVICES:
        raise QrError(QR_FIELD, "service", f"{service!r} is not a NAPAS service code")
    if amount is not None and not (1 <= amount <= 9_999_999_999_999):
        raise QrError(QR_FIELD, "amount", f"{amount} is not 1-9999999999999 dong")
    mai = _tlv("00", NAPAS_GUID) + _tlv("01", _tlv("00", bin) + _tlv("01", account)) + _tlv("02", service)
    add = ""
    for tag, field, text in (("01", "bill_number", bill_number), ("05", "reference_label", reference_label),
                             ("08", "purpose", purpose)):
        if text is None:
            continue
        text = fold(text)
        if not 1 <= len(text) <= PURPOSE_MAX:
            raise QrError(QR_TOO_LONG, field, f"{len(text)} characters; 1-{PURPOSE_MAX} allowed")
        add += _tlv(tag, text)
    out = "000201" + ("010211" if amount is None else "010212") + _tlv("38", mai) + "5303704"
    if amount is not None:
        out += _tlv("54", str(amount))
    out += "5802VN"
    if add:
        out += _tlv("62", add)
    out += "6304"
    return f"{out}{crc16(out.encode('utf-8')):04X}"


# ---------------------------------------------------------------------------------------------
# The PyPI package peer: vietnam-qr-pay 1.0.0.

PKG = "vietnam-qr-pay"
PKG_VERSION = "1.0.0"


def pkg_module():
    """The vietnam_qr_pay module, or None when it is not installed."""
    try:
        import vietnam_qr_pay
    except ImportError:
        return None
    return vietnam_qr_pay


def pkg_fields(qr) -> dict[str, Any]:
    """A vietnam_qr_pay.QRPay mapped to the compared fields (amount to int, service as given)."""
    init = {"11": "static", "12": "dynamic"}.get(qr.init_method or "")
    amount = int(qr.amount) if qr.amount and qr.amount.isdigit() else None
    return {"valid": bool(qr.is_valid), "bin": qr.consumer.bank_bin, "account": qr.consumer.bank_number,
            "amount": amount, "purpose": qr.additional_data.purpose, "service": qr.provider.service,
            "point_of_initiation": init}


# ---------------------------------------------------------------------------------------------
# Generator: the same stream as core/benches/vietqr.rs.

M64 = (1 << 64) - 1
SEED = 0x5649_4554_5152  # "VIETQR"
AGENCIES = ("000.00.00.H57", "000.00.01.H29", "000.20.15.H10", "000.00.00.G01", "000.31.03.H56",
            "000.12.07.H26", "000.00.00.G09", "000.45.22.H62")
FEES = (10_000, 20_000, 30_000, 50_000, 100_000, 150_000, 200_000, 250_000, 300_000, 500_000, 1_000_000,
        1_500_000, 2_000_000, 5_000_000, 12_500_000)
PHRASES = ("Lệ phí hộ tịch", "Phí cấp GPXD", "Lệ phí trước bạ")


def mix(z: int) -> int:
    z = (z + 0x9E37_79B9_7F4A_7C15) & M64
    z = ((z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB) & M64
    return z ^ (z >> 31)


class Request(NamedTuple):
    bin: str
    account: str
    amount: Optional[int]
    purpose: Optional[str]
    service: str
    defect: str  # "", "nested_length" or "bad_crc": what the payload carries beyond the request


def request(i: int) -> Request:
    a = mix((SEED + i) & M64)
    b = mix(a)
    c = mix(b)
    d = mix(c)
    e = mix(d)
    bin_ = BINS[a % len(BINS)]
    if b % 10 == 0:
        service, account = "QRIBFTTC", f"{bin_}{c % 10_000_000_000:010d}"
    else:
        n = 6 + c % 14
        service, account = "QRIBFTTA", f"{d % 10 ** n:0{n}d}"
    if (b >> 8) % 5 == 0:
        amount = None
    elif (b >> 16) % 2 == 0:
        amount = FEES[(b >> 20) % len(FEES)]
    else:
        amount = 1_000 * (1 + e % 20_000)
    yy, mm, dd, seq = 25 + (e >> 40) % 2, 1 + (e >> 8) % 12, 1 + (e >> 12) % 28, (e >> 20) % 10_000
    kind = (b >> 24) % 10
    if kind <= 5:
        purpose = f"{AGENCIES[(e >> 4) % 8]}-{yy:02d}{mm:02d}{dd:02d}-{seq:04d}"
    elif kind <= 7:
        purpose = f"Le phi HS {yy:02d}{mm:02d}{dd:02d}{seq:04d}"
    elif kind == 8:
        purpose = f"{PHRASES[(e >> 4) % 3]} {seq:04d}"
    else:
        purpose = None
    defect = {0: "nested_length", 1: "nested_length", 2: "bad_crc", 3: "bad_crc"}.get((b >> 32) % 100, "")
    return Request(bin_, account, amount, purpose, service, defect)


def payload_of(req: Request) -> str:
    p = build(req.bin, req.account, req.amount, req.purpose, req.service)
    if req.defect == "nested_length":
        n = len(req.account)
        body = p[:-4].replace(f"0006{req.bin}01{n:02d}{req.account}", f"0006{req.bin}01{n - 1:02d}{req.account}", 1)
        return f"{body}{crc16(body.encode('utf-8')):04X}"
    if req.defect == "bad_crc":
        return p[:-1] + ("1" if p.endswith("0") else "0")
    return p


def generate(n: int) -> tuple[list[Request], list[str]]:
    reqs = [request(i) for i in range(n)]
    return reqs, [payload_of(r) for r in reqs]


# ---------------------------------------------------------------------------------------------
# Checks.

COMPARED = ("valid", "crc_ok", "bin", "bank", "account", "service", "amount", "purpose", "point_of_initiation",
            "mcc", "merchant_name", "merchant_city", "bill_number", "store_label", "reference_label",
            "terminal_label")


def report_dict(r: Report) -> dict[str, Any]:
    d = {k: getattr(r, k) for k in COMPARED}
    d["warning_codes"] = [w[0] for w in r.warnings]
    d["error"] = None if r.error is None else {"code": r.error.code, "field": r.error.field}
    return d


def motcua_dict(m: dict[str, Any]) -> dict[str, Any]:
    """A report as JSON (the CLI's / the bench dump's) reduced to report_dict's keys."""
    d = {k: m.get(k) for k in COMPARED}
    d["warning_codes"] = [w["code"] for w in m.get("warnings", [])]
    e = m.get("error")
    d["error"] = None if e is None else {"code": e["code"], "field": e["field"]}
    return d


def _diff(want: dict[str, Any], got: dict[str, Any], keys: Iterable[str]) -> list[str]:
    return [f"{k}: motcua {want.get(k)!r}, peer {got.get(k)!r}" for k in keys if want.get(k) != got.get(k)]


def check_vectors(path: Path) -> int:
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    agree = total = 0
    for case in cases:
        for mode in ("strict", "lenient"):
            want = case[mode]
            got = report_dict(parse(case["payload"], strict=mode == "strict"))
            total += 1
            bad = _diff(want, got, want.keys())
            agree += not bad
            if bad:
                print(f"  - {case['id']} {mode}: " + "; ".join(bad))
        if "build" in case:
            b = dict(case["build"])
            total += 1
            try:
                built = build(b.pop("bin"), b.pop("account"), **b)
            except QrError as e:
                built = f"error {e}"
            agree += built == case["payload"]
            if built != case["payload"]:
                print(f"  - {case['id']} build: {built}")
    print(f"vectors ({path.relative_to(ROOT)}): pure-Python peer agrees with motcua on {agree}/{total} checks")
    return total - agree


def check_dump(path: Path) -> int:
    """Compares the peers with motcua's reports written by the criterion bench (MOTCUA_VIETQR_DUMP)."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    reqs, payloads = generate(len(rows))
    gen_same = sum(p == row["payload"] for p, row in zip(payloads, rows))
    print(f"generator: {gen_same}/{len(rows)} payloads identical to core/benches/vietqr.rs")
    built_same = 0
    agree = Counter()
    problems: Counter = Counter()
    examples: dict[str, str] = {}
    pkg = pkg_module()
    for req, row in zip(reqs, rows):
        rq = row["request"]
        try:
            built = build(rq["bin"], rq["account"], rq["amount"], rq["purpose"], rq["service"])
        except QrError as e:
            built = f"error {e}"
        built_same += built == row["built"]
        for mode in ("strict", "lenient"):
            want = motcua_dict(row[mode])
            got = report_dict(parse(row["payload"], strict=mode == "strict"))
            bad = _diff(want, got, want.keys())
            agree[mode] += not bad
            for b in bad:
                key = f"pure {mode} {b.split(':')[0]} ({req.defect or 'clean'})"
                problems[key] += 1
                examples.setdefault(key, f"#{row['i']}: {b}")
        if pkg is not None:
            want = motcua_dict(row["lenient"])
            got = pkg_fields(pkg.QRPay(row["payload"]))
            keys = ("valid", "bin", "account", "amount", "purpose", "service")
            bad = _diff(want, got, keys if want["valid"] else ("valid",))
            agree["package"] += not bad
            for b in bad:
                key = f"{PKG} {b.split(':')[0]} ({req.defect or 'clean'})"
                problems[key] += 1
                examples.setdefault(key, f"#{row['i']}: {b}")
    n = len(rows)
    print(f"build: pure-Python peer output identical to motcua's on {built_same}/{n} requests")
    print(f"parse: pure-Python peer agrees with motcua on {agree['strict']}/{n} (strict), "
          f"{agree['lenient']}/{n} (lenient) payloads (every report field, warning codes, error code and field)")
    if pkg is not None:
        print(f"parse: {PKG} agrees with motcua (lenient) on {agree['package']}/{n} payloads "
              "(valid; and bin, account, amount, purpose, service when motcua finds the payload valid)")
    for key, count in problems.most_common():
        print(f"  - {count} x {key}, e.g. {examples[key]}")
    return n - gen_same + n - built_same + 2 * n - agree["strict"] - agree["lenient"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check-vectors", action="store_true", help=f"compare with {VECTORS.relative_to(ROOT)}")
    ap.add_argument("--check-dump", type=Path, help="compare with the criterion bench's MOTCUA_VIETQR_DUMP file")
    args = ap.parse_args()
    if not args.check_vectors and not args.check_dump:
        args.check_vectors = True
    failures = 0
    if args.check_vectors:
        failures += check_vectors(VECTORS)
    if args.check_dump:
        failures += check_dump(args.check_dump)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
