#!/usr/bin/env python3
# Tested with: vietnam-qr-pay==1.0.0 (and motcua from ./bindings/python).
"""motcua VietQR parse/build vs Python peers on the same inputs, in one run.

Inputs: bench/vietqr_peer.py `generate(--records)`, the same 10,000 payloads as the criterion bench
core/benches/vietqr.rs (every BIN of the bank table, accounts and cards, amounts, dossier-code and
Vietnamese purposes; 2 % with the NAPAS 6.1.1 nested-length defect, 2 % with a wrong CRC).

Sides, each timed as a loop over the whole batch (best of --repeat, GC frozen for objects made before
the run):

- parse: `motcua.qr_parse(p)` (lenient) and `motcua.qr_parse(p, strict=True)`, one call per payload;
  `motcua.qr_parse_many(payloads)` when the binding has it; the pure-Python peer
  `vietqr_peer.parse(p)` / `parse(p, strict=True)`; vietnam-qr-pay 1.0.0 `QRPay(p)`.
- build: `motcua.qr_build(bin, account, amount, purpose, service)`; the pure-Python peer
  `vietqr_peer.build(...)` with the same arguments; vietnam-qr-pay
  `QRPay.init_viet_qr(bin, account, str(amount), purpose, service).build()` (its purpose folded to
  ASCII beforehand, untimed: it does not fold diacritics itself).

Afterwards every result is compared with motcua's: report fields (valid, crc_ok, bin, bank, account,
service, amount, purpose, point_of_initiation, warning codes, error code/field) for the pure peer,
valid/bin/account/amount/purpose/service for vietnam-qr-pay, and built payloads character for
character. Exits 1 if motcua and the pure-Python peer disagree anywhere.

    python bench/qr_vs_peer.py [--records 10000] [--repeat 5]
    python bench/qr_vs_peer.py --peer-only      # without motcua: peers only (no ratios, no agreement)

Prints machine info and a Markdown table; writes the full result as JSON into bench/out/.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from timing import best_of, pkg_version  # noqa: E402
import vietqr_peer as peer  # noqa: E402



def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "motcua": pkg_version("motcua"),
        peer.PKG: pkg_version(peer.PKG),
    }



def _name(v: Any) -> Any:
    """An enum-ish value (str, Python enum, PyO3 enum with .code/.name) as the plain string."""
    if v is None or isinstance(v, (str, int)):
        return v
    for attr in ("code", "value", "name"):
        x = getattr(v, attr, None)
        if isinstance(x, str):
            return x.lower() if attr == "name" and x in ("Static", "Dynamic", "STATIC", "DYNAMIC") else x
    return str(v)


def _pick(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def motcua_dict(r: Any) -> dict[str, Any]:
    """A motcua.QrReport reduced to vietqr_peer.report_dict's keys."""
    d = {k: _pick(r, k) for k in ("valid", "crc_ok", "bin", "bank", "account", "amount", "purpose")}
    d["service"] = _name(_pick(r, "service"))
    d["point_of_initiation"] = _name(_pick(r, "point_of_initiation"))
    d["warning_codes"] = [w if isinstance(w, str) else _name(_pick(w, "code")) for w in (_pick(r, "warnings") or [])]
    e = _pick(r, "error")
    d["error"] = None if e is None else {"code": _pick(e, "code"), "field": _pick(e, "field")}
    return d


BUILD_CALL = "qr_build(bin, account, amount=, purpose=, service=)"


def motcua_build(qb: Callable, build_args: list[tuple]) -> tuple[str, Callable[[], list[str]]]:
    """motcua's build, one call per payload, with the same arguments as the peers."""
    kw = [(b, a, {"amount": amt, "purpose": p, "service": s or "QRIBFTTA"}) for b, a, amt, p, s in build_args]
    return BUILD_CALL, lambda: [qb(b, a, **k) for b, a, k in kw]


PURE_KEYS = ("valid", "crc_ok", "bin", "bank", "account", "service", "amount", "purpose", "point_of_initiation",
             "warning_codes", "error")
PKG_KEYS = ("valid", "bin", "account", "amount", "purpose", "service")


def pure_dict(r: peer.Report) -> dict[str, Any]:
    d = peer.report_dict(r)
    return {k: d[k] for k in PURE_KEYS}


class Tally:
    def __init__(self) -> None:
        self.agree = Counter()
        self.total = Counter()
        self.problems: Counter = Counter()
        self.examples: dict[str, str] = {}

    def add(self, what: str, i: int, defect: str, want: dict, got: dict, keys) -> bool:
        bad = [k for k in keys if want.get(k) != got.get(k)]
        self.total[what] += 1
        self.agree[what] += not bad
        for k in bad:
            key = f"{what}: {k} ({defect or 'clean'})"
            self.problems[key] += 1
            self.examples.setdefault(key, f"#{i}: motcua {want.get(k)!r}, peer {got.get(k)!r}")
        return not bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--peer-only", action="store_true", help="time the peers only (no motcua needed)")
    ap.add_argument("--out", type=Path, default=BENCH / "out")
    args = ap.parse_args()

    motcua = None
    if not args.peer_only:
        try:
            import motcua
        except ImportError as e:
            sys.exit(f"motcua is not installed ({e}): pip install ./bindings/python (or run with --peer-only)")
        missing = [f for f in ("qr_parse", "qr_build") if not hasattr(motcua, f)]
        if missing:
            sys.exit(f"the installed motcua ({getattr(motcua, '__file__', None)}) has no {', '.join(missing)}: this "
                     "benchmark needs `motcua.qr_parse(payload, strict=False)` and `motcua.qr_build(bin, account, "
                     "amount=None, purpose=None, service='QRIBFTTA')`; rebuild with "
                     "pip install --force-reinstall ./bindings/python (or run with --peer-only)")
    pkg = peer.pkg_module()
    if pkg is None:
        print(f"note: {peer.PKG} is not installed (pip install {peer.PKG}=={peer.PKG_VERSION}): its sides are skipped")
    elif pkg_version(peer.PKG) != peer.PKG_VERSION:
        print(f"note: {peer.PKG} {pkg_version(peer.PKG)} installed; the benchmark was written for {peer.PKG_VERSION}")

    info = machine()
    print("== machine")
    print(f"nproc: {info['nproc']}   cpu: {info['cpu']}")
    print(f"{info['platform']}, CPython {info['python']}, load average {info['loadavg']}")
    print(f"motcua {info['motcua']}, {peer.PKG} {info[peer.PKG]}")

    reqs, payloads = peer.generate(args.records)
    n = len(payloads)
    print(f"== inputs: {n:,} payloads, {sum(map(len, payloads)) / n:.1f} characters on average "
          f"({sum(r.defect == 'nested_length' for r in reqs)} nested-length defects, "
          f"{sum(r.defect == 'bad_crc' for r in reqs)} wrong CRCs); best of {args.repeat}")
    build_args = [(r.bin, r.account, r.amount, r.purpose, r.service) for r in reqs]
    pkg_args = [(r.bin, r.account, None if r.amount is None else str(r.amount),
                 None if r.purpose is None else peer.fold(r.purpose), r.service) for r in reqs]

    sides: list[tuple[str, str, str, Callable[[], Any]]] = []  # (op, side, call, fn)
    if motcua is not None:
        # strict passed positionally: works whether or not the binding gives it a default.
        qp = motcua.qr_parse
        sides += [
            ("parse", "motcua", "qr_parse(p), lenient, per call", lambda: [qp(p, False) for p in payloads]),
            ("parse", "motcua", "qr_parse(p, strict=True), per call", lambda: [qp(p, True) for p in payloads]),
        ]
        if hasattr(motcua, "qr_parse_many"):
            qm = motcua.qr_parse_many
            sides.append(("parse", "motcua", "qr_parse_many(payloads), lenient, batch",
                          lambda: list(qm(payloads, False))))
        build_call, build_fn = motcua_build(motcua.qr_build, build_args)
        sides.append(("build", "motcua", build_call, build_fn))
    pp, pb = peer.parse, peer.build
    sides += [
        ("parse", "pure Python", "vietqr_peer.parse(p), lenient", lambda: [pp(p) for p in payloads]),
        ("parse", "pure Python", "vietqr_peer.parse(p, strict=True)", lambda: [pp(p, strict=True) for p in payloads]),
        ("build", "pure Python", "vietqr_peer.build(...)", lambda: [pb(*a) for a in build_args]),
    ]
    if pkg is not None:
        QRPay, Service = pkg.QRPay, pkg.VietQRService
        init = QRPay.init_viet_qr
        sides += [
            ("parse", peer.PKG, "QRPay(p)", lambda: [QRPay(p) for p in payloads]),
            ("build", peer.PKG, "QRPay.init_viet_qr(...).build()",
             lambda: [init(b, a, m, u, Service(s)).build() for b, a, m, u, s in pkg_args]),
        ]

    results: dict[str, Any] = {}
    rows = []
    for op, side, call, fn in sides:
        secs, out = best_of(args.repeat, fn)
        results[call] = out
        rows.append({"op": op, "side": side, "call": call, "seconds": secs, "per_second": n / secs,
                     "us_per_payload": secs / n * 1e6})

    def ref(op: str) -> dict | None:
        """The motcua row the others are compared with: per-call lenient parse, or build."""
        call = "qr_parse(p), lenient, per call" if op == "parse" else BUILD_CALL
        return next((r for r in rows if r["call"] == call), None)

    print()
    print("| op | side | call | s | µs/payload | payloads/s | motcua per call is × faster |")
    print("|---|---|---|---:|---:|---:|---:|")
    for r in rows:
        base = ref(r["op"])
        ratio = "" if base is None or r["side"] == "motcua" else f"{r['seconds'] / base['seconds']:.1f}×"
        r["motcua_speedup"] = None if not ratio else r["seconds"] / base["seconds"]
        print(f"| {r['op']} | {r['side']} | `{r['call']}` | {r['seconds']:.4f} | {r['us_per_payload']:.2f} | "
              f"{r['per_second']:,.0f} | {ratio} |")
    if motcua is not None:
        print("\n(speed-up: parse rows against motcua `qr_parse(p)` lenient per call, build rows against "
              "`qr_build`; the strict rows are best compared with each other)")

    # ---- agreement (untimed)
    t = Tally()
    pure_l = results["vietqr_peer.parse(p), lenient"]
    pure_s = results["vietqr_peer.parse(p, strict=True)"]
    pure_b = results["vietqr_peer.build(...)"]
    pkg_p = results.get("QRPay(p)")
    pkg_b = results.get("QRPay.init_viet_qr(...).build()")
    failures = 0
    print("\n== agreement")
    if motcua is not None:
        m_l = results["qr_parse(p), lenient, per call"]
        m_s = results["qr_parse(p, strict=True), per call"]
        m_b = results[BUILD_CALL]
        m_many = results.get("qr_parse_many(payloads), lenient, batch")
        for i, req in enumerate(reqs):
            ml, ms = motcua_dict(m_l[i]), motcua_dict(m_s[i])
            t.add("pure Python parse, lenient", i, req.defect, ml, pure_dict(pure_l[i]), PURE_KEYS)
            t.add("pure Python parse, strict", i, req.defect, ms, pure_dict(pure_s[i]), PURE_KEYS)
            t.add("pure Python build", i, req.defect, {"payload": m_b[i]}, {"payload": pure_b[i]}, ("payload",))
            if m_many is not None:
                t.add("motcua qr_parse_many vs qr_parse", i, req.defect, ml, motcua_dict(m_many[i]), PURE_KEYS)
            if pkg_p is not None:
                got = peer.pkg_fields(pkg_p[i])
                t.add(f"{peer.PKG} parse (vs lenient)", i, req.defect, ml, got, PKG_KEYS if ml["valid"] else ("valid",))
                # Built from the folded purpose: the same payload as motcua's.
                t.add(f"{peer.PKG} build", i, req.defect, {"payload": m_b[i]}, {"payload": pkg_b[i]}, ("payload",))
        m_valid = (sum(motcua_dict(r)["valid"] for r in m_s), sum(motcua_dict(r)["valid"] for r in m_l))
        print(f"motcua: {m_valid[0]:,} valid strict, {m_valid[1]:,} valid lenient of {n:,}")
        failures = sum(t.total[k] - t.agree[k] for k in t.total if k.startswith(("pure", "motcua")))
    else:
        # Peers only: the generator's labels and the package against the pure peer.
        for i, req in enumerate(reqs):
            pl = pure_dict(pure_l[i])
            want_valid = req.defect != "bad_crc"
            t.add("pure Python lenient valid vs generator label", i, req.defect, {"valid": want_valid}, pl, ("valid",))
            t.add("pure Python strict valid vs generator label", i, req.defect, {"valid": req.defect == ""},
                  pure_dict(pure_s[i]), ("valid",))
            if pkg_p is not None:
                t.add(f"{peer.PKG} parse vs pure Python lenient", i, req.defect, pl, peer.pkg_fields(pkg_p[i]),
                      PKG_KEYS if pl["valid"] else ("valid",))
                t.add(f"{peer.PKG} build vs pure Python", i, req.defect, {"payload": pure_b[i]},
                      {"payload": pkg_b[i]}, ("payload",))
        print("(--peer-only: motcua not run; \"motcua\" in the examples below means the reference side)")
    for k in t.total:
        print(f"{k}: {t.agree[k]:,}/{t.total[k]:,} agree")
    for key, count in t.problems.most_common():
        print(f"  - {count:,} x {key}, e.g. {t.examples[key]}")

    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"qr_vs_peer-{stamp}.json"
    path.write_text(json.dumps({
        "machine": info, "records": n, "repeat": args.repeat, "rows": rows,
        "agreement": {k: {"agree": t.agree[k], "total": t.total[k]} for k in t.total},
        "problems": [{"what": k, "count": c, "example": t.examples[k]} for k, c in t.problems.most_common()],
    }, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nwrote {path.relative_to(BENCH.parent)}")
    if failures:
        print(f"FAIL: motcua and the pure-Python peer disagree on {failures} comparisons")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
