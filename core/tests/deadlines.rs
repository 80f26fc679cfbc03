//! Due dates, clock stops and QĐ 766 classification (calendar::deadline): the shared vectors, and
//! properties against a minute-by-minute reference count.
use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime, Timelike};
use motcua_core::calendar::deadline::{format_time, parse_time, to_minute, OfficeHours, Period, Unit, WorkClock};
use motcua_core::calendar::{ClockConfig, DueRequest};
use proptest::prelude::*;
use serde_json::Value;

fn vectors() -> Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/deadlines.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `expected` ⊆ `actual`, recursively for objects.
fn assert_subset(name: &str, expected: &Value, actual: &Value) {
    match expected {
        Value::Object(map) => {
            for (k, v) in map {
                let got = actual
                    .get(k)
                    .unwrap_or_else(|| panic!("{name}: no key {k} in {actual}"));
                assert_subset(&format!("{name}.{k}"), v, got);
            }
        }
        _ => assert_eq!(expected, actual, "{name}"),
    }
}

#[test]
fn shared_vectors() {
    let v = vectors();
    let mut clocks: HashMap<String, Result<WorkClock, motcua_core::Error>> = HashMap::new();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 60);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let config = case.get("config").map(Value::to_string).unwrap_or_default();
        let clock = clocks
            .entry(config.clone())
            .or_insert_with(|| ClockConfig::from_json(&config).and_then(|c| c.clock()));
        let result = clock
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|c| c.evaluate_json(&case["request"].to_string()));
        match (case.get("expect"), case.get("error")) {
            (Some(expect), None) => {
                let report: Value = serde_json::from_str(&result.unwrap_or_else(|e| panic!("{name}: {e}"))).unwrap();
                assert_subset(name, expect, &report);
            }
            (None, Some(error)) => {
                let e = result.expect_err(name);
                assert_eq!(u64::from(e.code.code()), error["code"].as_u64().unwrap(), "{name}: {e}");
                assert_eq!(e.field, error["field"].as_str().unwrap(), "{name}: {e}");
            }
            _ => panic!("{name}: expect or error"),
        }
    }
}

fn standard() -> &'static WorkClock {
    static CLOCK: std::sync::OnceLock<WorkClock> = std::sync::OnceLock::new();
    CLOCK.get_or_init(|| WorkClock::standard().unwrap())
}

/// Is minute `t` (the minute starting at `t`) working time? Independent of the bitset arithmetic:
/// asks the calendar about the day and the hours about the time.
fn working_minute(clock: &WorkClock, t: NaiveDateTime) -> bool {
    let m = (t.hour() * 60 + t.minute()) as u16;
    clock.calendar().is_working_day(t.date()).unwrap() && clock.hours().windows().iter().any(|&(s, e)| s <= m && m < e)
}

/// Reference due date for working units: step minute by minute from the reception, counting
/// working minutes, and stop at the earliest instant where `need` of them have passed (for `need`
/// = 0: the first working minute).
fn reference_due(clock: &WorkClock, received: NaiveDateTime, need: i64) -> NaiveDateTime {
    let mut t = received;
    let mut count = 0;
    if need == 0 {
        while !working_minute(clock, t) {
            t += Duration::minutes(1);
        }
        return t;
    }
    loop {
        if working_minute(clock, t) {
            count += 1;
            if count == need {
                return t + Duration::minutes(1);
            }
        }
        t += Duration::minutes(1);
    }
}

fn any_time() -> impl Strategy<Value = NaiveDateTime> {
    // 2025-01-01 .. 2027-01-01, any minute.
    (0i64..(731 * 1440)).prop_map(|m| parse_time("t", "2025-01-01T00:00").unwrap() + Duration::minutes(m))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn working_hours_match_the_minute_count(received in any_time(), hours in 0u32..40) {
        let clock = standard();
        let due = clock.due(received, Period::new(hours, Unit::WorkingHours), None).unwrap();
        prop_assert_eq!(due, reference_due(clock, received, i64::from(hours) * 60));
    }

    #[test]
    fn working_days_match_the_minute_count(received in any_time(), days in 1u32..12) {
        let clock = standard();
        let due = clock.due(received, Period::new(days, Unit::WorkingDays), None).unwrap();
        prop_assert_eq!(due, reference_due(clock, received, i64::from(days) * 480));
        prop_assert_eq!(clock.working_minutes(received, due).unwrap() >= i64::from(days) * 480, true);
    }

    #[test]
    fn due_dates_compose(received in any_time(), a in 0u32..10, b in 1u32..10) {
        let clock = standard();
        let p = |n| Period::new(n, Unit::WorkingHours);
        let once = clock.due(received, p(a * 4 + b), None).unwrap();
        let twice = clock.due(clock.due(received, p(a * 4), None).unwrap(), p(b), None).unwrap();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn cutoff_only_delays(received in any_time(), days in 0u32..5, cut in 600u16..1020) {
        let clock = standard();
        let p = Period::new(days, Unit::WorkingDays);
        let plain = clock.due(received, p, None).unwrap();
        let with_cutoff = clock.due(received, p, Some(cut)).unwrap();
        prop_assert!(with_cutoff >= plain);
        let start = clock.start(received, Some(cut)).unwrap();
        prop_assert!(working_minute(clock, start), "start {} is working time", format_time(start));
    }

    #[test]
    fn calendar_days_end_on_a_working_day(received in any_time(), days in 0u32..60) {
        let clock = standard();
        let due = clock.due(received, Period::new(days, Unit::CalendarDays), None).unwrap();
        let start = clock.start(received, None).unwrap();
        prop_assert!(due >= start + Duration::days(i64::from(days)));
        prop_assert!(clock.calendar().is_working_day(due.date()).unwrap());
        prop_assert!(due < start + Duration::days(i64::from(days) + 20), "Tết is the longest gap");
    }

    #[test]
    fn requests_never_panic(received in "\\PC{0,20}", unit in "\\PC{0,14}", amount in any::<i64>(), cutoff in "\\PC{0,6}") {
        let req = DueRequest::simple(&received, amount, &unit, Some(&cutoff));
        let _ = standard().evaluate(&req);
    }
}

#[test]
fn office_hours_parse_and_print() {
    let h = OfficeHours::parse("07:30-11:30,13:00-16:30").unwrap();
    assert_eq!(h.minutes_per_day(), 450);
    assert_eq!(h.to_string(), "07:30-11:30,13:00-16:30");
    assert_eq!(OfficeHours::default().to_string(), "07:00-11:30,13:30-17:00");
    for bad in [
        "",
        "07:00",
        "11:30-07:00",
        "07:00-12:00,11:00-17:00",
        "07:00-24:01",
        "7:00-11:00",
    ] {
        let e = OfficeHours::parse(bad).unwrap_err();
        assert!(matches!(e.code.code(), 5001 | 5002), "{bad:?}: {e}");
    }
}

#[test]
fn minutes_are_local_wall_clock() {
    let t = parse_time("t", "1970-01-02T00:07").unwrap();
    assert_eq!(to_minute(t), 1447);
    assert_eq!(
        format_time(parse_time("t", "20261124153000").unwrap()),
        "2026-11-24T15:30"
    );
}

#[test]
fn batches_equal_single_calls_on_any_thread_count() {
    let clock = standard();
    let start = to_minute(parse_time("t", "2025-01-01T00:00").unwrap());
    let received: Vec<i64> = (0..20_000i64).map(|i| start + (i * 7919) % (731 * 1440)).collect();
    let amounts: Vec<u32> = (0..20_000u32).map(|i| i % 30).collect();
    for unit in Unit::ALL {
        let single: Vec<i64> = received
            .iter()
            .zip(&amounts)
            .map(|(r, a)| clock.due_minute(*r, Period::new(*a, unit), Some(900)).unwrap())
            .collect();
        for threads in [1, 2, 3, 8] {
            let mut out = vec![0; received.len()];
            clock
                .due_many(&received, &amounts, unit, Some(900), &mut out, threads)
                .unwrap();
            assert_eq!(out, single, "{unit:?} threads {threads}");
        }
    }
    let mut bad = received.clone();
    bad[12_345] = to_minute(parse_time("t", "2199-12-31T16:00").unwrap());
    let mut out = vec![0; bad.len()];
    let e = clock
        .due_many(&bad, &[5], Unit::WorkingDays, None, &mut out, 2)
        .unwrap_err();
    assert_eq!((e.code.code(), e.field.as_ref()), (5005, "due[12345]"));
    let e = clock
        .due_many(&bad, &[5, 6], Unit::WorkingDays, None, &mut out, 2)
        .unwrap_err();
    assert_eq!(e.code.code(), 9004);
}
