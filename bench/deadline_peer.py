#!/usr/bin/env python3
# Tested with: holidays==0.109, numpy==2.4.6 (Python 3, `pip install holidays numpy`).
"""Python peer for motcua's due dates (ngày hẹn trả): the `holidays` package + `numpy.busday_offset`.

What a data-team programmer would write without motcua: the days off are
`holidays.country_holidays("VN", years=...)` plus the extra days off of the civil-service override CSV
(core/data/civil_service_day_overrides_2025_2026.csv), the week is Mon-Fri (`numpy.busdaycalendar`),
the whole days go through `numpy.busday_offset`, the hours through plain arithmetic on minutes.

Rule reproduced (core/src/calendar/deadline.rs): office hours 07:00-11:30 and 13:30-17:00 (480 min);
time starts at the first working minute at or after the reception (before 07:00 → 07:00, lunch →
13:30, after 17:00 or on a day off → next working day 07:00); N working days = N × 480 working minutes;
due = the earliest instant at which they have elapsed (11:30 rather than 13:30, 17:00 rather than
07:00 the next day). 0 working days = the close of the day the time starts. No cut-off, no pauses.

Known limit, left as is on purpose: a `numpy.busdaycalendar` is a weekmask plus a list of days off,
so a make-up working Saturday (2025-04-26, 2026-01-10, 2026-08-22 in the CSV) cannot be expressed;
and the `holidays` package's VN days are not exactly the civil-service calendar (it lists 24/11
"Vietnam Cultural Day" from 2026, which motcua leaves off by default). Disagreements are classified
by `classify` instead of patched.

Two peers with the same arithmetic:
- `RowPeer.due(received: datetime, amount: int) -> datetime`: called once per dossier (row-wise script);
- `due_numpy(received: datetime64[m] array, amounts: int array) -> datetime64[m] array`: whole arrays.

    python bench/deadline_peer.py --check-cli 200      # vs the motcua CLI on random cases + the vectors
    python bench/deadline_peer.py --check-cli 200 --cli target/release/motcua
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Callable, Iterable

import holidays
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES_CSV = ROOT / "core" / "data" / "civil_service_day_overrides_2025_2026.csv"
VECTORS = ROOT / "tests" / "vectors" / "deadlines.json"

OPEN, LUNCH_FROM, LUNCH_TO, CLOSE = 7 * 60, 11 * 60 + 30, 13 * 60 + 30, 17 * 60  # minutes of the day
MORNING = LUNCH_FROM - OPEN  # 270
DAY = MORNING + CLOSE - LUNCH_TO  # 480 working minutes a day
YEARS = range(2025, 2028)  # receptions 2025-2026, due dates up to early 2027
FIRST_RECEPTION, END_RECEPTION = np.datetime64("2025-01-01T00:00", "m"), np.datetime64("2027-01-01T00:00", "m")


# ---------------------------------------------------------------------------------------------
# Calendar: holidays package + the CSV's extra days off, Mon-Fri.

def read_overrides(path: Path = OVERRIDES_CSV) -> list[dict[str, str]]:
    """Rows of the override CSV (date, weekday, type, reason, source); '#' lines are comments."""
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


class PeerCalendar:
    """The peer's days off and its `numpy.busdaycalendar`."""

    def __init__(self, years: Iterable[int] = YEARS, overrides: Path = OVERRIDES_CSV,
                 days_off: Iterable[date] | None = None):
        """`days_off` replaces holidays package + CSV (used only by --check-cli to test the arithmetic
        alone on motcua's own days off)."""
        self.years = list(years)
        self.vn = holidays.country_holidays("VN", years=self.years)
        rows = read_overrides(overrides)
        self.extra_off = {date.fromisoformat(r["date"]) for r in rows if r["type"] == "extra_day_off"}
        # Cannot go into a busdaycalendar; kept only to explain disagreements.
        self.makeup_saturdays = {date.fromisoformat(r["date"]) for r in rows if r["type"] == "makeup_working_day"}
        off = set(self.vn) | self.extra_off if days_off is None else set(days_off)
        self.days_off = frozenset(d for d in off if d.weekday() < 5)
        self.busdaycal = np.busdaycalendar(weekmask="1111100", holidays=sorted(self.days_off))

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.days_off

    def why_off(self, d: date) -> str:
        if d in self.vn:
            return f"holidays: {self.vn.get(d)}"
        return "override CSV extra_day_off" if d in self.extra_off else "weekend"


# ---------------------------------------------------------------------------------------------
# Per-record peer.

class RowPeer:
    """`due(received, amount)` for one dossier, as a row-wise script calls it."""

    def __init__(self, cal: PeerCalendar):
        self.cal = cal.busdaycal
        self.off = cal.days_off

    def due(self, received: datetime, amount: int) -> datetime:
        d = received.date()
        t = received.hour * 60 + received.minute
        if t >= CLOSE:  # after closing: next day's opening (rolled to a working day below)
            d += timedelta(days=1)
            t = 0
        if d.weekday() >= 5 or d in self.off or t <= OPEN:
            worked = 0  # the time starts at an opening
        elif t <= LUNCH_FROM:
            worked = t - OPEN
        elif t <= LUNCH_TO:
            worked = MORNING
        else:
            worked = t - LUNCH_TO + MORNING
        if amount == 0:  # "trong ngày": the close of the day the time starts
            days, clock = 0, CLOSE
        else:
            days, rem = divmod(worked + amount * DAY, DAY)
            if rem == 0:  # ends exactly at a close: that day's 17:00, not the next opening
                days, clock = days - 1, CLOSE
            elif rem <= MORNING:
                clock = OPEN + rem
            else:
                clock = LUNCH_TO + rem - MORNING
        day = np.busday_offset(d, days, roll="forward", busdaycal=self.cal).item()
        return datetime.combine(day, time(clock // 60, clock % 60))


# ---------------------------------------------------------------------------------------------
# Vectorized peer.

def due_numpy(received: np.ndarray, amounts: np.ndarray, cal: PeerCalendar) -> np.ndarray:
    """Due dates of whole arrays: received datetime64[m] (local time), amounts ≥ 0 → datetime64[m]."""
    received = np.asarray(received, dtype="datetime64[m]")
    amounts = np.asarray(amounts, dtype=np.int64)
    day = received.astype("datetime64[D]")
    t = (received - day).astype(np.int64)  # minute of the day
    after = t >= CLOSE
    day = day + after.astype("timedelta64[D]")
    t[after] = 0
    worked = (np.clip(t, OPEN, LUNCH_FROM) - OPEN) + (np.clip(t, LUNCH_TO, CLOSE) - LUNCH_TO)
    worked[~np.is_busday(day, busdaycal=cal.busdaycal)] = 0  # day off: starts at the next opening
    days, rem = np.divmod(worked + amounts * DAY, DAY)
    at_close = (rem == 0) | (amounts == 0)
    days = np.where(amounts == 0, 0, days - (rem == 0))
    clock = np.where(at_close, CLOSE, np.where(rem <= MORNING, OPEN + rem, LUNCH_TO - MORNING + rem))
    due_day = np.busday_offset(day, days, roll="forward", busdaycal=cal.busdaycal)
    return due_day.astype("datetime64[m]") + clock.astype("timedelta64[m]")


# ---------------------------------------------------------------------------------------------
# Inputs.

def generate(n: int, seed: int = 20261124, max_amount: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """n reception times uniform over every minute of 2025-01-01..2026-12-31 and amounts 1..max_amount."""
    # Two independent streams, so that record i is the same whatever n is (a smaller run is a prefix).
    times_rng, amounts_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    span = int((END_RECEPTION - FIRST_RECEPTION).astype(np.int64))
    received = FIRST_RECEPTION + times_rng.integers(0, span, n).astype("timedelta64[m]")
    amounts = amounts_rng.integers(1, max_amount + 1, n).astype(np.int64)
    return received, amounts


def to_datetimes(received: np.ndarray) -> list[datetime]:
    """datetime64[m] array → list of naive datetimes (the rows a per-record script sees)."""
    return received.astype("datetime64[m]").astype(datetime).tolist()


def parse_local(s: str) -> datetime:
    """YYYY-MM-DDTHH:MM[:SS] (or a space) or yyyyMMddHHmmss; seconds dropped."""
    s = s.strip()
    d = datetime.strptime(s, "%Y%m%d%H%M%S") if len(s) == 14 and s.isdigit() else datetime.fromisoformat(s)
    return d.replace(second=0, microsecond=0)


# ---------------------------------------------------------------------------------------------
# Explaining disagreements.

def classify(received: datetime, due_motcua: datetime | None, due_peer: datetime | None, cal: PeerCalendar,
             motcua_working: Callable[[date], bool] | None) -> tuple[str, str]:
    """(reason class, detail) of a disagreement: the first day between the reception and the later due
    date on which the two calendars differ. Without motcua's calendar, only make-up Saturdays (known
    from the CSV) are recognised."""
    end = max(d for d in (due_motcua, due_peer, received) if d is not None).date()
    d = received.date()
    while d <= end:
        peer_w = cal.is_working_day(d)
        ref_w = motcua_working(d) if motcua_working else (True if d in cal.makeup_saturdays else peer_w)
        if peer_w != ref_w:
            if ref_w and d in cal.makeup_saturdays:
                return "make-up working Saturday (busdaycalendar cannot express it)", d.isoformat()
            if ref_w:
                return "holidays-package day off that motcua's civil-service calendar works", f"{d} {cal.why_off(d)}"
            return "civil-service day off missing from the holidays package", d.isoformat()
        d += timedelta(days=1)
    return "unexplained (no calendar difference in the span)", ""


def cli_binary(explicit: str | None = None) -> str:
    """The motcua CLI: --cli, $MOTCUA_CLI, a built binary under target/, or `motcua` on PATH."""
    cands = [explicit, os.environ.get("MOTCUA_CLI")]
    cands += [str(p) for p in sorted(ROOT.glob("target/*/motcua")) + sorted(ROOT.glob("target/*/*/motcua"))]
    cands.append(shutil.which("motcua"))
    for c in cands:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    sys.exit("motcua CLI not found: build it (cargo build --release -p motcua-cli) or pass --cli / set MOTCUA_CLI")


def cli_working_days(cli: str, years: Iterable[int]) -> tuple[Callable[[date], bool], set[date]]:
    """motcua's working-day predicate and days off, from `motcua calendar holidays --year Y --json`."""
    off, on = set(), set()
    for y in years:
        out = subprocess.run([cli, "calendar", "holidays", "--year", str(y), "--json"], capture_output=True,
                             text=True, check=True).stdout
        for row in json.loads(out):
            (on if row["kind"] == "override_working" else off).add(date.fromisoformat(row["date"]))
    return (lambda d: d in on or (d.weekday() < 5 and d not in off)), off


def cli_due(cli: str, received: str, amount: int) -> datetime:
    out = subprocess.run([cli, "calendar", "due", "--received", received, "--amount", str(amount), "--unit",
                          "working-days", "--json"], capture_output=True, text=True, check=True).stdout
    return parse_local(json.loads(out)["due"])


def check_cli(n: int, cli: str, seed: int) -> int:
    """Peer (both forms) vs the CLI on n random cases and the plain working-days vectors."""
    cal = PeerCalendar()
    row = RowPeer(cal)
    motcua_working, motcua_off = cli_working_days(cli, YEARS)
    # Same arithmetic on motcua's own days off: only make-up Saturdays may still differ.
    aligned = RowPeer(PeerCalendar(days_off=motcua_off))
    aligned_equal, aligned_other = 0, 0
    cases: list[tuple[str, datetime, int, datetime | None]] = []  # name, received, amount, expected (vector)
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    skipped = Counter()
    for c in vectors:
        r = c["request"]
        if r.get("unit") != "working-days" or "error" in c:
            continue
        why = "config" if "config" in c else "pauses" if r.get("pauses") else "cutoff" if r.get("cutoff") else None
        if why or c["expect"].get("due") is None:
            skipped[why or "no due"] += 1
            continue
        cases.append((f"vector {c['name']!r}", parse_local(r["received"]), r["amount"], parse_local(c["expect"]["due"])))
    # Boundary minutes (opening, lunch, closing) on ordinary days, a Friday before a weekend, a
    # Saturday, the day before a make-up Saturday and the eve of Tết 2026; 0 working days too.
    for d in ("2026-11-23", "2026-11-27", "2026-11-28", "2026-01-09", "2026-02-13"):
        for hm in ("06:59", "07:00", "07:01", "11:29", "11:30", "11:31", "13:29", "13:30", "13:31", "16:59", "17:00", "17:01"):
            for a in (0, 1, 2):
                cases.append(("edge", parse_local(f"{d}T{hm}"), a, None))
    received, amounts = generate(n, seed)
    for t, a in zip(to_datetimes(received), amounts.tolist()):
        cases.append(("random", t, a, None))

    vec_due = due_numpy(np.array([c[1] for c in cases], dtype="datetime64[m]"),
                        np.array([c[2] for c in cases]), cal).astype(datetime).tolist()
    equal, reasons, examples, bad = 0, Counter(), [], 0
    for (name, t, a, expect), vd in zip(cases, vec_due):
        m = cli_due(cli, t.strftime("%Y-%m-%dT%H:%M"), a)
        p = row.due(t, a)
        if p != vd:
            print(f"BUG: per-record {p} != vectorized {vd} for {t} + {a}", file=sys.stderr)
            bad += 1
        if expect is not None and expect != m:
            print(f"CLI {m} != vector {expect} for {name}", file=sys.stderr)
        q = aligned.due(t, a)
        if q == m:
            aligned_equal += 1
        elif not classify(t, m, q, cal, motcua_working)[0].startswith("make-up"):
            print(f"BUG: arithmetic on motcua's days off gives {q}, motcua {m}, for {t} + {a}", file=sys.stderr)
            aligned_other += 1
        if p == m:
            equal += 1
            continue
        cls, detail = classify(t, m, p, cal, motcua_working)
        reasons[cls] += 1
        bad += cls.startswith("unexplained")
        examples.append(f"{name}: received {t:%Y-%m-%d %a %H:%M} + {a} wd: motcua {m:%Y-%m-%d %a %H:%M}, "
                        f"peer {p:%Y-%m-%d %a %H:%M} [{cls}: {detail}]")
    n_vec = sum(1 for c in cases if c[0].startswith("vector"))
    n_edge = sum(1 for c in cases if c[0] == "edge")
    print(f"holidays {holidays.__version__}, numpy {np.__version__}; CLI {cli}")
    print(f"vectors: {n_vec} plain working-days cases (skipped: {dict(skipped)}); boundary minutes: {n_edge}; random: {n} (seed {seed})")
    print(f"peer == motcua CLI: {equal} of {len(cases)}; differ: {len(cases) - equal}")
    print(f"same arithmetic on motcua's own days off == motcua: {aligned_equal} of {len(cases)} "
          f"(the rest: make-up Saturdays only; other differences: {aligned_other})")
    bad += aligned_other
    for cls, k in reasons.most_common():
        print(f"  {k:5d}  {cls}")
    for e in examples:
        print(f"  - {e}")
    print("OK: every disagreement is explained by a calendar difference" if bad == 0
          else f"FAIL: {bad} unexplained disagreement(s) or per-record/vectorized mismatch(es)")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--check-cli", type=int, metavar="N", help="compare with the motcua CLI on N random cases + the vectors")
    p.add_argument("--cli", help="motcua CLI binary (default: $MOTCUA_CLI, target/*/motcua, PATH)")
    p.add_argument("--seed", type=int, default=7, help="seed of the random cases (default 7)")
    a = p.parse_args(argv)
    if a.check_cli is None:
        p.print_help()
        return 2
    return check_cli(a.check_cli, cli_binary(a.cli), a.seed)


if __name__ == "__main__":
    sys.exit(main())
