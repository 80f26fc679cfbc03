"""Calendar and deadlines (lịch làm việc, thời hạn) through the Python API: tests/vectors/deadlines.json,
holidays.json and lunar_months_1900_2199.json (the same assertions as core/tests), plus the batch API
(``WorkClock.due_many`` on lists and numpy arrays) against the one-at-a-time ``WorkClock.due``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

import motcua
from conftest import load
from motcua import DeadlineError, ErrorCode, WorkClock

DEADLINES = load("deadlines.json")
HOLIDAYS = load("holidays.json")
LUNAR = load("lunar_months_1900_2199.json")

DEFAULT = WorkClock()


def _error_class(code: int) -> type[motcua.Error]:
    if 5000 <= code < 5100:
        return motcua.DeadlineError
    if code == 9004:
        return motcua.ConfigError
    raise AssertionError(f"no vector expects code {code}")


def _clock(case: dict[str, Any]) -> WorkClock:
    return WorkClock.from_json(json.dumps(case["config"])) if "config" in case else DEFAULT


def _assert_subset(got: Any, want: Any, path: str = "$") -> None:
    """Every key of ``want`` is in ``got`` with an equal value (recursively for objects)."""
    if isinstance(want, dict):
        assert isinstance(got, dict), f"{path}: {got!r} is not an object"
        for k, v in want.items():
            assert k in got, f"{path}.{k} missing from {got!r}"
            _assert_subset(got[k], v, f"{path}.{k}")
    else:
        assert got == want, f"{path}: got {got!r}, want {want!r}"


def _evaluate_kwargs(request: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``WorkClock.evaluate`` equivalent to a JSON DueRequest."""
    return {k: v for k, v in request.items() if k not in ("received", "amount", "unit")}


# --- tests/vectors/deadlines.json -----------------------------------------------------------------


def test_deadline_vectors_are_not_empty() -> None:
    cases = DEADLINES["cases"]
    assert len(cases) >= 60
    assert sum("error" in c for c in cases) >= 10 and sum("config" in c for c in cases) >= 5


@pytest.mark.parametrize("case", DEADLINES["cases"], ids=lambda c: str(c["name"]))
def test_deadline_vectors_raw(case: dict[str, Any]) -> None:
    """config → WorkClock.from_json, request → evaluate_json; expect is a subset of the report."""
    if "error" in case:
        want = case["error"]
        with pytest.raises(_error_class(want["code"])) as e:
            _clock(case).evaluate_json(json.dumps(case["request"]))
        assert (e.value.code, e.value.field) == (want["code"], want["field"]), str(e.value)
        assert str(e.value).startswith(f"{want['field']}: ")
        return
    report = json.loads(_clock(case).evaluate_json(json.dumps(case["request"])))
    _assert_subset(report, case["expect"])


@pytest.mark.parametrize("case", DEADLINES["cases"], ids=lambda c: str(c["name"]))
def test_deadline_vectors_typed(case: dict[str, Any]) -> None:
    """The same cases through WorkClock(**settings).evaluate(...), due() and due_many()."""
    req = case["request"]

    def clock() -> WorkClock:
        return WorkClock(**case["config"]) if "config" in case else DEFAULT

    def evaluate() -> motcua.DueReport:
        return clock().evaluate(req["received"], req["amount"], req["unit"], **_evaluate_kwargs(req))

    if "error" in case:
        want = case["error"]
        with pytest.raises(_error_class(want["code"])) as e:
            evaluate()
        assert (e.value.code, e.value.field) == (want["code"], want["field"]), str(e.value)
        return
    report = evaluate()
    raw = json.loads(clock().evaluate_json(json.dumps(req)))
    assert report == motcua.DueReport.from_json(json.dumps(raw))
    expect = case["expect"]
    for key in ("due", "start", "received"):
        if key in expect:
            got = getattr(report, key)
            assert (None if got is None else got.isoformat(timespec="minutes")) == expect[key], key
    if "assessment" in expect and expect["assessment"] is not None:
        assert report.assessment is not None
        for k, v in expect["assessment"].items():
            got = getattr(report.assessment, k)
            assert (got.isoformat(timespec="minutes") if isinstance(got, dt.datetime) else got) == v, k
    simple = not any(k in req for k in ("pauses", "at", "closed_at"))
    if simple:
        c = clock()
        due = c.due(req["received"], req["amount"], req["unit"], cutoff=req.get("cutoff"))
        assert due == report.due
        assert c.start(req["received"], cutoff=req.get("cutoff")) == report.start
        assert c.due_many([req["received"]], req["amount"], req["unit"], cutoff=req.get("cutoff")) == [due]


def test_report_fields_are_the_core_json_keys() -> None:
    raw = json.loads(DEFAULT.evaluate_json(json.dumps({"received": "2026-11-24T09:00", "amount": 1, "unit": "working-days", "at": "2026-11-24T10:00"})))
    assert {f.name for f in dataclasses.fields(motcua.DueReport)} == set(raw)
    assert {f.name for f in dataclasses.fields(motcua.Assessment)} == set(raw["assessment"])


def test_evaluate_with_pause_objects_and_policies() -> None:
    t = dt.datetime
    pause = motcua.Pause("supplement", t(2026, 11, 25, 10, 0), t(2026, 11, 26, 10, 0))
    r = DEFAULT.evaluate(t(2026, 11, 24, 9, 0), 3, pauses=[pause], at="2026-11-27T08:00")
    assert r.due == t(2026, 11, 30, 9, 0) and r.paused_working_minutes == 480 and r.supplements == 1
    assert r.assessment is not None and r.assessment.standing == "on_track" and not r.assessment.closed
    same = DEFAULT.evaluate("2026-11-24T09:00", 3, pauses=[{"kind": "supplement", "from": "2026-11-25T10:00", "to": "2026-11-26T10:00"}], at=t(2026, 11, 27, 8))
    assert same == r
    restart = DEFAULT.evaluate("2026-11-24T09:00", 3, pauses=[pause], supplement_policy="restart")
    assert restart.restarts == 1 and restart.start == t(2026, 11, 26, 10, 0) and restart.assessment is None
    open_pause = DEFAULT.evaluate("2026-11-24T09:00", 3, pauses=[motcua.Pause("financial", "2026-11-25T10:00")])
    assert open_pause.due is None and open_pause.paused
    two = [pause, motcua.Pause("supplement", "2026-11-27T09:00", "2026-11-27T10:00")]
    late = DEFAULT.evaluate("2026-11-24T09:00", 3, pauses=two, closed_at="2026-11-27T11:00")
    assert late.assessment is not None and late.assessment.too_many_supplements and late.assessment.standing == "late"
    unlimited = DEFAULT.evaluate("2026-11-24T09:00", 3, pauses=two, closed_at="2026-11-27T11:00", max_supplements=None)
    assert unlimited.assessment is not None and not unlimited.assessment.too_many_supplements
    with pytest.raises(TypeError):
        DEFAULT.evaluate(dt.date(2026, 11, 24), 3)  # type: ignore[arg-type]


# --- times: datetimes, strings, time zones --------------------------------------------------------


def test_times_naive_aware_and_text_agree() -> None:
    naive = dt.datetime(2026, 11, 24, 9, 0)
    aware_utc = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.timezone.utc)
    want = dt.datetime(2026, 11, 27, 9, 0)
    assert DEFAULT.due(naive, 3) == DEFAULT.due(aware_utc, 3) == DEFAULT.due("2026-11-24T09:00", 3) == want
    assert DEFAULT.due("20261124090000", 3) == DEFAULT.due("2026-11-24 09:00:59", 3) == want
    assert DEFAULT.due(dt.datetime(2026, 11, 24, 9, 0, 59), 3) == want, "seconds are dropped"
    assert DEFAULT.due_many([naive, aware_utc, "20261124090000", dt.datetime(2026, 11, 24, 9, 0, 59)], 3) == [want] * 4
    assert DEFAULT.start("2026-11-24T12:00") == dt.datetime(2026, 11, 24, 13, 30)
    assert DEFAULT.start(dt.datetime(2026, 11, 24, 15, 30), cutoff="15:00") == dt.datetime(2026, 11, 25, 7, 0)
    assert DEFAULT.working_minutes("2026-11-27T16:00", "2026-11-30T09:00") == 60 + 120
    assert DEFAULT.working_minutes(dt.datetime(2026, 11, 30, 9), "2026-11-27T16:00") == -180
    assert DEFAULT.due("2026-11-24T10:00", 4, "working-hours") == dt.datetime(2026, 11, 24, 16, 0)
    assert DEFAULT.due("2026-11-24T10:00", 2, "calendar-days") == dt.datetime(2026, 11, 26, 10, 0)


@pytest.mark.parametrize(
    ("call", "cls", "code", "field"),
    [
        (lambda: DEFAULT.due("2026-13-01T09:00", 1), DeadlineError, 5001, "received"),
        (lambda: DEFAULT.due("2026-11-24T09:00", 1, cutoff="25:00"), DeadlineError, 5001, "cutoff"),
        (lambda: DEFAULT.due("2026-11-24T09:00", 1, "weeks"), DeadlineError, 5004, "unit"),  # type: ignore[arg-type]
        (lambda: DEFAULT.due("2026-11-24T09:00", -1), DeadlineError, 5004, "amount"),
        (lambda: DEFAULT.due("2199-12-31T09:00", 5), DeadlineError, 5005, "due"),
        (lambda: DEFAULT.start("24/11/2026 09:00"), DeadlineError, 5001, "received"),
        (lambda: DEFAULT.working_minutes("2026-11-24T09:00", "x"), DeadlineError, 5001, "to"),
        (lambda: WorkClock(office_hours="13:30-17:00,07:00-11:30"), DeadlineError, 5002, "office_hours"),
        (lambda: WorkClock(tet_rule="lunar"), motcua.ConfigError, 9004, "tet_rule"),  # type: ignore[arg-type]
        (lambda: WorkClock.from_json('{"nope": 1}'), motcua.ConfigError, 9004, "calendar"),
        (lambda: WorkClock(overrides=[motcua.Override("2026-11-25", "holiday", "x")]), motcua.ConfigError, 9004, "overrides[0].kind"),  # type: ignore[arg-type]
        (lambda: DEFAULT.is_working_day("2026-02-30"), motcua.ConfigError, 9004, "date"),
        (lambda: DEFAULT.holidays(2200), motcua.ConfigError, 9004, "year"),
        (lambda: DEFAULT.evaluate_json("{}"), motcua.ConfigError, 9004, "request"),
        (lambda: motcua.solar(2026, 13, 1), motcua.ConfigError, 9004, "lunar_date"),
        (lambda: motcua.solar(2026, 300, 1), motcua.ConfigError, 9004, "lunar_date"),
        (lambda: motcua.lunar("1899-12-31"), motcua.ConfigError, 9004, "date"),
    ],
)
def test_calendar_errors_have_code_and_field(call: Any, cls: type[motcua.Error], code: int, field: str) -> None:
    with pytest.raises(cls) as e:
        call()
    assert isinstance(e.value, motcua.Error) and isinstance(e.value, ValueError)
    assert (e.value.code, e.value.field) == (code, field), str(e.value)
    assert ErrorCode(e.value.code).value == code and str(e.value).startswith(f"{field}: ")


def test_deadline_error_class() -> None:
    assert issubclass(DeadlineError, motcua.Error) and DeadlineError.__module__ == "motcua._native"
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due("nope", 1)
    assert e.value.code == ErrorCode.DEADLINE_TIME
    back = pickle.loads(pickle.dumps(e.value))
    assert type(back) is DeadlineError and (back.code, back.field) == (e.value.code, e.value.field)


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        DEFAULT.due(20261124, 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        DEFAULT.due_many("2026-11-24T09:00", 1)
    with pytest.raises(TypeError):
        DEFAULT.due_many(["2026-11-24T09:00", 5], 1)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        DEFAULT.is_working_day(5)  # type: ignore[arg-type]


# --- the clock object -----------------------------------------------------------------------------


def test_clock_settings_and_round_trips() -> None:
    six = WorkClock(saturday_working=True, office_hours="08:00-12:00,13:00-17:00")
    assert six.office_hours == "08:00-12:00,13:00-17:00" and DEFAULT.office_hours == "07:00-11:30,13:30-17:00"
    assert six.is_working_day("2026-11-28") and not DEFAULT.is_working_day(dt.date(2026, 11, 28))
    again = WorkClock.from_json(six.config)
    assert again.due("2026-11-27T09:00", 1) == six.due("2026-11-27T09:00", 1) == dt.datetime(2026, 11, 28, 9, 0)
    copy = pickle.loads(pickle.dumps(six))
    assert copy.config == six.config and copy.is_working_day("2026-11-28")
    assert "office_hours" in repr(six)
    assert WorkClock.from_json("").due("2026-11-24T09:00", 3) == DEFAULT.due("2026-11-24T09:00", 3)
    extra = WorkClock(overrides=[motcua.Override(dt.date(2026, 11, 25), "extra_day_off", "local holiday", "QĐ 1/UBND")])
    assert not extra.is_working_day("2026-11-25")
    [reason] = [r for r in extra.day("2026-11-25").reasons if r.rule == "override"]
    assert (reason.kind, reason.reason, reason.source, reason.set) == ("extra_day_off", "local holiday", "QĐ 1/UBND", "config")
    assert WorkClock(overrides=[{"date": "2026-11-25", "kind": "extra_day_off", "reason": "x"}]).due("2026-11-24T09:00", 1) == dt.datetime(2026, 11, 26, 9, 0)
    bare = WorkClock(bundled_overrides=False)
    assert bare.is_working_day("2026-01-02") and not DEFAULT.is_working_day("2026-01-02")


def test_day_explains_with_vietnamese_text() -> None:
    info = DEFAULT.day(dt.datetime(2026, 2, 16, 10, 0))
    assert info.date == dt.date(2026, 2, 16) and not info.working
    assert info.reasons[0].rule == "tet" and info.reasons[0].name == "Tết Nguyên đán (29 tháng Chạp)"
    assert str(info.reasons[0]) == "Tết: Tết Nguyên đán (29 tháng Chạp)"
    sat = DEFAULT.day("2026-01-10")
    assert sat.working and sat.reasons[0].rule == "weekend" and sat.reasons[0].weekday == "Sat"
    assert "12729/VPCP-KGVX" in str(sat.reasons[1])
    comp = [d for d in DEFAULT.holidays(2020) if d.kind == "compensatory"][0]
    [why] = [r for r in DEFAULT.day(comp.date).reasons if r.rule == "compensatory"]
    assert isinstance(why.for_date, dt.date) and why.name
    assert DEFAULT.day("2026-11-23").reasons == (motcua.Reason("weekday", "ordinary working day"),)


# --- tests/vectors/holidays.json ------------------------------------------------------------------


@pytest.mark.parametrize("year", HOLIDAYS["years"], ids=lambda y: str(y["year"]))
def test_holiday_vectors_years(year: dict[str, Any]) -> None:
    got = [{"date": h.date.isoformat(), "name": h.name, "kind": h.kind} for h in DEFAULT.holidays(year["year"])]
    assert got == year["holidays"]


def test_holiday_vectors_days() -> None:
    assert HOLIDAYS["days"]
    for c in HOLIDAYS["days"]:
        info = DEFAULT.day(c["date"])
        assert info.working is c["working"] == DEFAULT.is_working_day(c["date"]), c
        assert [r.rule for r in info.reasons] == c["rules"], c


def test_holiday_vectors_tet_and_hung_kings() -> None:
    rows = HOLIDAYS["tet_hung_kings"]
    assert len(rows) == 11
    for r in rows:
        by_date = {h.date.isoformat(): h for h in DEFAULT.holidays(r["year"])}
        assert by_date[r["tet"]].kind == "tet" and by_date[r["tet"]].name == "Tết Nguyên đán (mùng 1)"
        assert by_date[r["hung_kings"]].kind == "statutory" and "Hùng Vương" in by_date[r["hung_kings"]].name
        assert by_date[r["last_day_of_previous_lunar_year"]].kind == "tet"
        assert sum(h.kind == "tet" for h in by_date.values()) == 5
        assert motcua.solar(r["year"], 1, 1).isoformat() == r["tet"]
        assert motcua.solar(r["year"], 3, 10).isoformat() == r["hung_kings"]
        assert motcua.lunar(r["last_day_of_previous_lunar_year"]).month == 12


@pytest.mark.parametrize("case", HOLIDAYS["override_errors"], ids=lambda c: str(c["field"]))
def test_holiday_vectors_override_errors(case: dict[str, Any]) -> None:
    with pytest.raises(motcua.ConfigError) as e:
        WorkClock(bundled_overrides=False, overrides_csv=case["text"])
    assert (e.value.code, e.value.field) == (case["code"], case["field"]), str(e.value)


# --- tests/vectors/lunar_months_1900_2199.json ----------------------------------------------------

#: Months whose first day per PyEphem is one day before core's (new moons within minutes of local
#: midnight): see NEAR_MIDNIGHT_NEW_MOONS in core/tests/lunar.rs. Core follows Hồ Ngọc Đức's algorithm.
NEAR_MIDNIGHT = ["1944-06-20", "2072-12-09", "2077-11-15", "2130-05-07", "2150-05-26", "2159-05-17", "2175-01-22", "2199-01-26"]


def test_lunar_vectors_every_day() -> None:
    assert LUNAR["timezone_hours"] == 7
    rows = LUNAR["months"]
    assert len(rows) == 3712
    starts = [dt.date.fromisoformat(r[0]) for r in rows]
    for ephem in NEAR_MIDNIGHT:
        i = starts.index(dt.date.fromisoformat(ephem))
        starts[i] += dt.timedelta(days=1)
        assert any(e["event"] == "new_moon" and e["local"].startswith(ephem) for e in LUNAR["near_midnight"])
    starts.append(dt.date.fromisoformat(LUNAR["end"]))
    checked = 0
    for (_, year, month, leap), start, end in zip(rows, starts, starts[1:]):
        days = (end - start).days
        assert days in (29, 30), (start, days)
        for i in range(days):
            day = start + dt.timedelta(days=i)
            want = motcua.LunarDate(year, month, i + 1, leap == 1)
            assert motcua.lunar(day) == want, day
            assert want.to_solar() == day
            checked += 1
    assert checked == 109_618  # 1900-01-01 ..= 2200-02-14
    assert sum(r[3] for r in rows) == 111, "leap months"


def test_lunar_accepts_text_and_datetimes() -> None:
    assert motcua.lunar("2026-02-17") == motcua.lunar(dt.datetime(2026, 2, 17, 23, 59)) == motcua.LunarDate(2026, 1, 1)
    assert motcua.solar(2025, 6, 1, leap=True) == dt.date(2025, 7, 25)
    with pytest.raises(motcua.ConfigError):
        motcua.solar(2025, 5, 1, leap=True)


# --- batches: due_many == due ---------------------------------------------------------------------


def _receptions(n: int) -> list[dt.datetime]:
    """Times every 37 minutes from late 2025 (over Tết 2026, weekends, nights and lunch breaks)."""
    t0 = dt.datetime(2025, 12, 20, 0, 3)
    return [t0 + dt.timedelta(minutes=37 * i) for i in range(n)]


@pytest.mark.parametrize("unit", motcua.UNITS)
@pytest.mark.parametrize("cutoff", [None, "15:00"])
def test_due_many_equals_due_for_lists(unit: motcua.Unit, cutoff: str | None) -> None:
    received = _receptions(3_000)
    amounts = [i % 11 for i in range(len(received))]
    one = [DEFAULT.due(t, a, unit, cutoff=cutoff) for t, a in zip(received, amounts)]
    assert DEFAULT.due_many(received, amounts, unit, cutoff=cutoff) == one
    assert DEFAULT.due_many(tuple(received), amounts, unit, cutoff=cutoff, threads=1) == one
    texts = [t.isoformat(timespec="minutes") for t in received]
    assert DEFAULT.due_many(texts, amounts, unit, cutoff=cutoff) == one
    same = DEFAULT.due_many(received, 4, unit, cutoff=cutoff)
    assert same[::97] == [DEFAULT.due(t, 4, unit, cutoff=cutoff) for t in received[::97]]


@pytest.mark.parametrize("unit", motcua.UNITS)
def test_due_many_equals_due_for_numpy(unit: motcua.Unit) -> None:
    received = _receptions(20_000)
    amounts = np.arange(len(received), dtype=np.int64) % 7
    want = DEFAULT.due_many(received, [int(a) for a in amounts], unit, cutoff="15:00")
    arr = np.array(received, dtype="datetime64[m]")
    got = DEFAULT.due_many(arr, amounts, unit, cutoff="15:00")
    assert got.dtype == np.dtype("datetime64[m]") and got.shape == arr.shape
    assert got.tolist() == want
    for k in range(0, len(received), 1_999):
        assert got[k].astype(dt.datetime) == DEFAULT.due(received[k], int(amounts[k]), unit, cutoff="15:00")
    # any input unit: seconds and nanoseconds are dropped like the text forms drop them
    seconds = arr.astype("datetime64[s]") + np.timedelta64(59, "s")
    assert np.array_equal(DEFAULT.due_many(seconds, amounts, unit, cutoff="15:00"), got)
    assert np.array_equal(DEFAULT.due_many(arr.astype("datetime64[ns]"), amounts.astype(np.uint32), unit, cutoff="15:00"), got)
    # the thread count does not change the result
    assert np.array_equal(DEFAULT.due_many(arr, amounts, unit, cutoff="15:00", threads=1), got)
    assert np.array_equal(DEFAULT.due_many(arr, amounts, unit, cutoff="15:00", threads=3), got)


def test_due_many_numpy_shapes_and_scalars() -> None:
    days = np.arange("2026-11-23", "2026-11-29", dtype="datetime64[D]")
    got = DEFAULT.due_many(days, 1)
    assert got.dtype == np.dtype("datetime64[m]")
    assert got.tolist() == [DEFAULT.due(d.astype(dt.datetime).isoformat() + "T00:00", 1) for d in days]
    grid = np.array(_receptions(12), dtype="datetime64[m]").reshape(3, 4)
    out = DEFAULT.due_many(grid, 2)
    assert out.shape == (3, 4) and out[2, 3] == np.datetime64(DEFAULT.due(grid[2, 3].astype(dt.datetime), 2))
    out[0, 0] = np.datetime64("2026-01-01T00:00")  # the result is an ordinary, writable array
    empty = DEFAULT.due_many(np.array([], dtype="datetime64[m]"), 1)
    assert empty.shape == (0,) and empty.dtype == np.dtype("datetime64[m]")
    assert DEFAULT.due_many([], 1) == []


def test_due_many_errors_name_the_index() -> None:
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due_many(["2026-11-24T09:00"] * 3 + ["2026-11-31T09:00"], 1)
    assert (e.value.code, e.value.field) == (ErrorCode.DEADLINE_TIME, "received[3]")
    arr = np.array(["2026-11-24T09:00"] * 5000 + ["NaT"] + ["1850-01-01T00:00"], dtype="datetime64[m]")
    for threads in (1, 2, None):
        with pytest.raises(DeadlineError) as e:
            DEFAULT.due_many(arr, 1, threads=threads)
        assert (e.value.code, e.value.field) == (ErrorCode.DEADLINE_RANGE, "received[5000]"), "the lowest bad index"
    past = np.array(["2026-11-24T09:00", "2026-11-24T09:00", "2199-12-31T09:00"], dtype="datetime64[m]")
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due_many(past, 5)
    assert (e.value.code, e.value.field) == (ErrorCode.DEADLINE_RANGE, "due[2]")
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due_many(past, np.array([1, -1, 1]))
    assert (e.value.code, e.value.field) == (ErrorCode.DEADLINE_PERIOD, "amount[1]")
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due_many(past, -3)
    assert (e.value.code, e.value.field) == (ErrorCode.DEADLINE_PERIOD, "amount")
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due_many(past, [1, 2**64])
    assert e.value.code == ErrorCode.DEADLINE_PERIOD
    with pytest.raises(motcua.ConfigError) as lengths:
        DEFAULT.due_many(past, [1, 2])
    assert lengths.value.field == "amounts"
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due_many(past, 1, "weeks")  # type: ignore[call-overload]
    assert e.value.field == "unit"
    with pytest.raises(DeadlineError) as e:
        DEFAULT.due_many(past, 1, cutoff="3pm")
    assert e.value.field == "cutoff"
    with pytest.raises(motcua.ConfigError):
        DEFAULT.due_many(past, 1, threads=0)
    with pytest.raises(TypeError):
        DEFAULT.due_many(np.array([1, 2]), 1)
    with pytest.raises(TypeError):
        DEFAULT.due_many(past, np.array([1.5, 2.0, 3.0]))


def test_due_many_runs_concurrently_from_threads() -> None:
    arr = np.array(_receptions(50_000), dtype="datetime64[m]")
    want = DEFAULT.due_many(arr, 3)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: DEFAULT.due_many(arr, 3, threads=2), range(4)))
    assert all(np.array_equal(r, want) for r in results)


def test_numpy_is_not_imported_by_the_package() -> None:
    code = "import sys, motcua; c = motcua.WorkClock(); c.due_many(['2026-11-24T09:00'], 1); assert 'numpy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
