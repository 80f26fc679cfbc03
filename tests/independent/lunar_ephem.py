#!/usr/bin/env python3
"""Independent reference for the Vietnamese lunar calendar (âm lịch), 1900-2199.

Computes every lunar month from the one that starts before Tết 1900 (1900-01-31) to the end of
lunar year 2199 from first principles with PyEphem (VSOP87 / ELP, no data download), and writes
`tests/vectors/lunar_months_1900_2199.json`, or compares an existing file with `--check FILE`.

It deliberately shares no code or formulas with the Rust implementation (which uses Meeus'
series as Hồ Ngọc Đức does): new moons come from `ephem.next_new_moon`, solar terms from the
apparent geocentric longitude of the Sun (ephem's `g_ra`/`g_dec` of date, converted to ecliptic
coordinates of date) solved by Newton iteration.

The rules (Vietnamese calendar, all days in UTC+7):
  * a lunar month starts on the local day of a new moon;
  * month 11 is the month that contains the winter solstice (Sun longitude 270°);
  * if there are 13 months from one month 11 to the next, the first month after month 11 that
    contains no major solar term (trung khí, Sun longitude a multiple of 30°) is the leap month
    (tháng nhuận) and repeats the number of the month before it;
  * months 11 and 12 belong to the lunar year that ends at the next month 1 (Tết).

Events (new moons, major terms) that fall within NEAR_MIDNIGHT_MINUTES of local midnight are
listed in the output under "near_midnight": for them a few minutes of model error (ΔT
extrapolation, truncated series) could move the event across midnight, so a different answer
from another implementation there is an ambiguity, not necessarily a bug.

Usage: python3 tests/independent/lunar_ephem.py [--out FILE] [--check FILE]
"""
import argparse
import datetime
import json
import math
import os
import sys
import time

import ephem

TZ_HOURS = 7
NEAR_MIDNIGHT_MINUTES = 10.0
EPOCH = datetime.date(1899, 12, 31)  # ephem.Date(0) is 1899-12-31 12:00 UT
FIRST_TET = datetime.date(1900, 1, 31)
LAST_YEAR = 2199


def local_day(t):
    """ephem date (UT) -> (local day index since 1899-12-31, minutes from the nearest local midnight)."""
    x = float(t) + 0.5 + TZ_HOURS / 24.0
    day = math.floor(x)
    frac = x - day
    return day, min(frac, 1.0 - frac) * 1440.0


def event(name, t, mins):
    local = ephem.Date(t + TZ_HOURS * ephem.hour).datetime()
    return {
        "event": name,
        "utc": ephem.Date(t).datetime().strftime("%Y-%m-%d %H:%M:%S"),
        "local": local.strftime("%Y-%m-%d %H:%M:%S"),
        "minutes_from_local_midnight": round(mins, 2),
    }


def to_date(day):
    return EPOCH + datetime.timedelta(days=day)


def sun_longitude(t):
    """Apparent geocentric ecliptic longitude of the Sun, equinox of date, in degrees."""
    d = ephem.Date(t)
    s = ephem.Sun()
    s.compute(d, epoch=d)
    eq = ephem.Equatorial(s.g_ra, s.g_dec, epoch=d)
    return math.degrees(float(ephem.Ecliptic(eq, epoch=d).lon)) % 360.0


def term_time(target_deg, guess):
    """Time (ephem date) at which the Sun's apparent longitude equals target_deg, near guess."""
    t = guess
    for _ in range(50):
        diff = (target_deg - sun_longitude(t) + 180.0) % 360.0 - 180.0
        t += diff / 0.985647  # mean daily motion, degrees/day
        if abs(diff) < 1e-7:
            return t
    raise RuntimeError(f"no convergence for term {target_deg} near {ephem.Date(guess)}")


def compute():
    start = ephem.Date("1898/10/01")
    end = ephem.Date("2201/03/01")
    near = []

    moons = []
    t = ephem.next_new_moon(start)
    while t < end:
        day, mins = local_day(t)
        moons.append(day)
        if mins < NEAR_MIDNIGHT_MINUTES:
            near.append(event("new_moon", t, mins))
        t = ephem.next_new_moon(ephem.Date(t + 1))

    terms = []  # (local day, longitude/30)
    lon0 = sun_longitude(start)
    k = int(lon0 // 30) + 1
    guess = float(start) + ((k * 30 - lon0) % 360.0) / 0.985647
    while guess < end:
        target = (k * 30) % 360
        t = term_time(target, guess)
        day, mins = local_day(t)
        terms.append((day, target // 30))
        if mins < NEAR_MIDNIGHT_MINUTES:
            near.append(event(f"term_{target}", t, mins))
        k += 1
        guess = t + 30.0 / 0.985647

    # Which months contain which terms.
    n = len(moons) - 1  # month i spans [moons[i], moons[i+1])
    month_terms = [[] for _ in range(n)]
    j = 0
    for day, idx in terms:
        while j < n and day >= moons[j + 1]:
            j += 1
        if j < n and day >= moons[j]:
            month_terms[j].append(idx)
    elevens = [i for i in range(n) if 9 in month_terms[i]]  # 270° / 30 = 9

    rows = []
    for a, b in zip(elevens, elevens[1:]):
        length = b - a
        if length not in (12, 13):
            raise RuntimeError(f"{length} months between month 11 at {to_date(moons[a])} and {to_date(moons[b])}")
        leap = None
        if length == 13:
            leap = next(i for i in range(a + 1, b) if not month_terms[i])
        y = to_date(moons[a]).year
        num = 11
        for i in range(a, b):
            is_leap = i == leap
            if i > a and not is_leap:
                num = num % 12 + 1
            year = y if num >= 11 else y + 1  # months 11, 12 (and a leap 11/12) open the cycle
            rows.append([to_date(moons[i]).isoformat(), year, num, 1 if is_leap else 0])
    first = next(i for i, r in enumerate(rows) if datetime.date.fromisoformat(r[0]) >= FIRST_TET) - 1
    assert rows[first + 1][0] == FIRST_TET.isoformat() and rows[first + 1][1:] == [1900, 1, 0], rows[first + 1]
    last = max(i for i, r in enumerate(rows) if r[1] == LAST_YEAR)
    out_rows = rows[first:last + 1]
    end_date = rows[last + 1][0]
    lo, hi = out_rows[0][0], end_date
    near = [e for e in near if _in_range(e, lo, hi)]
    return {
        "description": "Vietnamese lunar calendar (UTC+7) 1900-2199: one row per lunar month "
        "[first solar day, lunar year, month, leap 0/1]; 'end' is the first day after the last month; "
        "'near_midnight' lists new moons and major solar terms within 'near_midnight_minutes' of local "
        "midnight (times from PyEphem, UT and UTC+7).",
        "generator": "tests/independent/lunar_ephem.py, PyEphem " + ephem.__version__,
        "timezone_hours": TZ_HOURS,
        "near_midnight_minutes": NEAR_MIDNIGHT_MINUTES,
        "near_midnight": near,
        "end": end_date,
        "months": out_rows,
    }


def _in_range(e, lo, hi):
    """Whether the event's local date is within the months written out."""
    return lo <= e["local"][:10] <= hi


def dump(data):
    head = {k: v for k, v in data.items() if k not in ("months", "near_midnight")}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    text += ',\n "near_midnight": [\n' + ",\n".join("  " + json.dumps(e) for e in data["near_midnight"]) + "\n ]"
    text += ',\n "months": [\n' + ",\n".join("  " + json.dumps(r) for r in data["months"]) + "\n ]\n}\n"
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors", "lunar_months_1900_2199.json")
    ap.add_argument("--out", default=os.path.normpath(default_out))
    ap.add_argument("--check", metavar="FILE")
    args = ap.parse_args()
    t0 = time.monotonic()
    data = compute()
    took = time.monotonic() - t0
    text = dump(data)
    print(f"computed {len(data['months'])} lunar months, {len(data['near_midnight'])} near-midnight events "
          f"in {took:.1f} s", file=sys.stderr)
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            old = json.load(f)
        new = json.loads(text)
        old.pop("generator", None)  # the PyEphem version may differ; the content may not
        new.pop("generator", None)
        if old != new:
            bad = [(a, b) for a, b in zip(old.get("months", []), new["months"]) if a != b]
            print(f"MISMATCH with {args.check}: {len(bad)} month rows differ, first: {bad[:5]}", file=sys.stderr)
            for key in ("end", "near_midnight", "timezone_hours"):
                if old.get(key) != new.get(key):
                    print(f"  field {key!r} differs", file=sys.stderr)
            return 1
        print(f"OK: {args.check} matches", file=sys.stderr)
        return 0
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
