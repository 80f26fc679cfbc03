#!/usr/bin/env python3
# Tested with: holidays==0.109, numpy==2.4.6 (and motcua from ./bindings/python).
"""motcua due dates vs a Python peer (`holidays` + `numpy.busday_offset`) on the same inputs, in one run.

Inputs (bench/deadline_peer.py `generate`, seeded): --records dossiers received at a uniformly random
minute of 2025-01-01..2026-12-31, 1-30 working days each. Sides, each on the same arrays:

- peer, per record: `RowPeer.due(datetime, int) -> datetime` called once per dossier, as a row-wise
  script does (on the first --row-records dossiers; one `numpy.busday_offset` call per record);
- peer, vectorized: `due_numpy(datetime64[m] array, int array)`: whole arrays through
  `numpy.is_busday` / `numpy.busday_offset`;
- motcua: `motcua.WorkClock().due_many(received, amounts, "working-days", threads=1)` and with
  `threads=None` (all CPUs).

Timed: the due-date computation only (inputs already in each side's natural form: datetime objects
for the row-wise peer, numpy arrays otherwise; the calendars are built once beforehand). Best of
--repeat (the per-record peer: best of --row-repeat). Then every result is compared with motcua's and
each disagreement is classified by the first day on which the two calendars differ (make-up working
Saturday, a `holidays` day off that the civil-service calendar works, a civil-service day off missing
from `holidays`).

    python bench/due_vs_holidays.py                      # 1,000,000 records, 100,000 per-record
    python bench/due_vs_holidays.py --records 200000 --row-records 20000

Prints a Markdown table; writes the full result as JSON into bench/out/.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import holidays  # noqa: E402
import numpy as np  # noqa: E402
from timing import best_of, pkg_version  # noqa: E402
from deadline_peer import YEARS, PeerCalendar, RowPeer, due_numpy, generate, to_datetimes  # noqa: E402

try:
    import motcua
except ImportError as e:
    sys.exit(f"motcua is not installed ({e}): pip install ./bindings/python")
if not hasattr(motcua, "WorkClock") or not hasattr(motcua.WorkClock, "due_many"):
    sys.exit(f"the installed motcua ({getattr(motcua, '__file__', None)}) has no WorkClock.due_many: this benchmark "
             "needs the batch due-date API `motcua.WorkClock().due_many(received_datetime64, amounts, "
             "\"working-days\", threads=...)`; rebuild with pip install --force-reinstall ./bindings/python")

UNIT = "working-days"




def motcua_amounts(clock: Any, received: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """The amounts in the first integer dtype the binding accepts (probed on 8 records, not timed)."""
    errors = []
    for dt in (np.int64, np.uint32, np.int32, np.uint16):
        a = amounts.astype(dt)
        try:
            clock.due_many(received[:8], a[:8], UNIT, threads=1)
            return a
        except (TypeError, ValueError) as e:
            errors.append(f"{np.dtype(dt).name}: {e}")
    sys.exit("motcua.WorkClock.due_many rejected every integer dtype for the amounts:\n  " + "\n  ".join(errors))


def motcua_working_days(clock: Any, amounts_dtype: np.dtype) -> Callable[[date], bool]:
    """motcua's working days, probed through the batch API itself: received D 07:00 with 1 working day is
    due D 17:00 exactly when D is a working day."""
    days = np.arange(np.datetime64(f"{YEARS[0]}-01-01"), np.datetime64(f"{YEARS[-1] + 1}-01-01"))
    opening = days.astype("datetime64[m]") + np.timedelta64(7 * 60, "m")
    due = np.asarray(clock.due_many(opening, np.ones(len(days), dtype=amounts_dtype), UNIT, threads=1), dtype="datetime64[m]")
    working = set(days[due == opening + np.timedelta64(10 * 60, "m")].astype(date).tolist())
    return working.__contains__


def classify_all(received: np.ndarray, due_m: np.ndarray, due_p: np.ndarray, cal: PeerCalendar,
                 motcua_working: Callable[[date], bool]) -> tuple[np.ndarray, np.ndarray, dict[int, str]]:
    """For each record: index of the reason class and the first day between the reception and the later
    due date on which the two calendars differ (NaT when none)."""
    all_days = [d.item() for d in np.arange(np.datetime64(f"{YEARS[0]}-01-01"), np.datetime64(f"{YEARS[-1] + 1}-01-01"))]
    diff = [d for d in all_days if cal.is_working_day(d) != motcua_working(d)]
    classes = {0: "unexplained (no calendar difference in the span)",
               1: "make-up working Saturday (busdaycalendar cannot express it)",
               2: "holidays-package day off that motcua's civil-service calendar works",
               3: "civil-service day off missing from the holidays package"}
    kind = np.array([1 if motcua_working(d) and d in cal.makeup_saturdays else 2 if motcua_working(d) else 3
                     for d in diff] + [0], dtype=np.int8)
    diff_days = np.array(diff, dtype="datetime64[D]")
    start = received.astype("datetime64[D]")
    end = np.maximum(due_m, due_p).astype("datetime64[D]")
    i = np.searchsorted(diff_days, start, side="left")
    found = i < len(diff_days)
    found[found] &= diff_days[i[found]] <= end[found]
    cls = np.where(found, kind[np.minimum(i, len(diff))], 0)
    first = np.where(found, diff_days[np.minimum(i, len(diff_days) - 1)] if len(diff_days) else start,
                     np.datetime64("NaT"))
    return cls, first, classes


def fmt(t: np.datetime64) -> str:
    return t.astype(datetime).strftime("%Y-%m-%d %a %H:%M")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, default=1_000_000, help="dossiers for the vectorized peer and motcua (default 1000000)")
    p.add_argument("--row-records", type=int, default=100_000, help="first dossiers for the per-record peer (default 100000)")
    p.add_argument("--seed", type=int, default=20261124, help="generator seed (default 20261124)")
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each array side; the best counts (default 3)")
    p.add_argument("--row-repeat", type=int, default=1, help="timed runs of the per-record peer (default 1)")
    p.add_argument("--examples", type=int, default=5, help="differing records shown per reason (default 5)")
    p.add_argument("--out-dir", type=Path, default=BENCH / "out", help="where the JSON result goes (default bench/out)")
    a = p.parse_args(argv)
    a.row_records = min(a.row_records, a.records)
    a.out_dir.mkdir(parents=True, exist_ok=True)

    received, amounts = generate(a.records, a.seed)
    cal = PeerCalendar()
    row = RowPeer(cal)
    clock = motcua.WorkClock()
    m_amounts = motcua_amounts(clock, received, amounts)
    rows = list(zip(to_datetimes(received[: a.row_records]), amounts[: a.row_records].tolist()))
    load = os.getloadavg()
    print(f"{a.records:,} dossiers (seed {a.seed}), per-record peer on {a.row_records:,}; best of {a.repeat}", file=sys.stderr)

    def run_row() -> list[datetime]:
        due = row.due
        return [due(t, n) for t, n in rows]

    cpus = os.cpu_count()
    sides: list[tuple[str, str, int, int, Callable[[], Any]]] = [
        ("peer_row", f"peer per record: holidays {holidays.__version__} + numpy {np.__version__} "
                     "`busday_offset` per call, 1 thread", a.row_records, a.row_repeat, run_row),
        ("peer_numpy", f"peer vectorized: holidays {holidays.__version__} + numpy {np.__version__} "
                       "`busday_offset` on arrays, 1 thread", a.records, a.repeat, lambda: due_numpy(received, amounts, cal)),
        ("motcua_1thread", f"motcua {pkg_version('motcua')}: `WorkClock().due_many(..., threads=1)`", a.records, a.repeat,
         lambda: clock.due_many(received, m_amounts, UNIT, threads=1)),
        ("motcua", f"motcua {pkg_version('motcua')}: `WorkClock().due_many(..., threads=None)` ({cpus} CPUs)", a.records,
         a.repeat, lambda: clock.due_many(received, m_amounts, UNIT, threads=None)),
    ]
    results: dict[str, dict[str, Any]] = {}
    outputs: dict[str, np.ndarray] = {}
    for name, label, n, repeat, fn in sides:
        seconds, out = best_of(repeat, fn)
        outputs[name] = np.array(out, dtype="datetime64[m]")
        del out
        results[name] = {"label": label, "records": n, "seconds": seconds, "us_per_record": seconds / n * 1e6,
                         "records_per_s": n / seconds}
        print(f"{name}: {seconds:.3f} s", file=sys.stderr)
    for r in results.values():
        r["speedup_vs_peer_row"] = r["records_per_s"] / results["peer_row"]["records_per_s"]
        r["speedup_vs_peer_numpy"] = r["records_per_s"] / results["peer_numpy"]["records_per_s"]

    # Agreement (not timed).
    mc = outputs["motcua_1thread"]
    consistency = {
        "motcua threads=1 == threads=None": bool(np.array_equal(mc, outputs["motcua"])),
        "peer per record == peer vectorized (on the subset)": bool(np.array_equal(outputs["peer_row"], outputs["peer_numpy"][: a.row_records])),
    }
    pe = outputs["peer_numpy"]
    differ = np.flatnonzero(mc != pe)
    differ_row = int(np.count_nonzero(mc[: a.row_records] != outputs["peer_row"]))
    working = motcua_working_days(clock, m_amounts.dtype)
    cls, first, classes = classify_all(received[differ], mc[differ], pe[differ], cal, working)
    by_class = Counter(cls.tolist())
    examples: dict[str, list[dict[str, Any]]] = {}
    for k in sorted(by_class):
        for j in np.flatnonzero(cls == k)[: a.examples]:
            i = differ[j]
            examples.setdefault(classes[k], []).append({
                "record": int(i), "received": fmt(received[i]), "amount": int(amounts[i]), "motcua": fmt(mc[i]),
                "peer": fmt(pe[i]), "first_differing_day": str(first[j]) if not np.isnat(first[j]) else None})
    agreement = {"equal": a.records - len(differ), "differ": len(differ), "share_equal": 1 - len(differ) / a.records,
                 "differ_per_record_subset": differ_row, "by_reason": {classes[k]: v for k, v in by_class.most_common()}}

    versions = {"holidays": holidays.__version__, "numpy": np.__version__, "motcua": pkg_version("motcua"),
                "python": platform.python_version()}
    result = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "input": {"records": a.records, "row_records": a.row_records, "seed": a.seed, "unit": UNIT,
                        "received": "uniform minute 2025-01-01..2026-12-31", "amounts": "uniform 1..30"},
              "versions": versions, "cpus": cpus, "load_average_before": load, "repeat": a.repeat,
              "row_repeat": a.row_repeat, "results": results, "consistency": consistency, "agreement": agreement,
              "examples": examples}
    out = a.out_dir / f"due_vs_holidays-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")

    print(f"\nDue dates in working days: {a.records:,} dossiers (seed {a.seed}; per-record peer: first {a.row_records:,}), "
          f"best of {a.repeat}; holidays {versions['holidays']}, numpy {versions['numpy']}, motcua {versions['motcua']}, "
          f"Python {versions['python']}\n")
    print("| implementation | records | seconds | µs/record | records/s | × vs peer per record | × vs peer vectorized |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results.values():
        print(f"| {r['label']} | {r['records']:,} | {r['seconds']:.3f} | {r['us_per_record']:.3f} | {r['records_per_s']:,.0f} "
              f"| {r['speedup_vs_peer_row']:,.1f}× | {r['speedup_vs_peer_numpy']:,.1f}× |")
    print()
    for name, ok in consistency.items():
        print(f"{name}: {'yes' if ok else '**NO**'}")
    print(f"motcua vs peer (vectorized), all {a.records:,}: **{agreement['equal']:,} equal, {agreement['differ']:,} differ** "
          f"({agreement['share_equal']:.2%} equal); on the per-record subset: {differ_row:,} of {a.row_records:,} differ")
    for reason, k in agreement["by_reason"].items():
        print(f"- {k:,} × {reason}")
        for e in examples.get(reason, []):
            print(f"  - #{e['record']}: received {e['received']} + {e['amount']} wd → motcua {e['motcua']}, "
                  f"peer {e['peer']} (first differing day {e['first_differing_day']})")
    print(f"\nresult: {out}")
    return 0 if all(consistency.values()) and 0 not in by_class else 1


if __name__ == "__main__":
    sys.exit(main())
