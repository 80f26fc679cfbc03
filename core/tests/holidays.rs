//! Public holidays and working days (calendar::holidays): full 2025 and 2026 calendars, Tết and
//! Hùng Kings 2020-2030, compensation, the 24/11 switch, overrides, errors and the shared vectors.
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use motcua_core::calendar::holidays::{
    bundled_overrides, national_day_adjacent, parse_overrides, HolidayKind, HolidayRules, OverrideKind, Reason,
    TetRule, WorkCalendar, BUNDLED_OVERRIDES_NAME,
};
use motcua_core::ErrorCode;
use serde_json::Value;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn default_calendar() -> WorkCalendar {
    WorkCalendar::new(HolidayRules::default(), bundled_overrides().unwrap(), 2020..=2030).unwrap()
}

/// (weekdays that are not worked, weekend days that are worked) of a year.
fn exceptions(cal: &WorkCalendar, year: i32) -> (Vec<String>, Vec<String>) {
    let (mut off, mut worked) = (Vec::new(), Vec::new());
    let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    while day.year() == year {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let working = cal.is_working_day(day).unwrap();
        assert_eq!(
            working,
            cal.day(day).unwrap().working,
            "{day}: bitset and day() disagree"
        );
        if weekend && working {
            worked.push(day.to_string());
        } else if !weekend && !working {
            off.push(day.to_string());
        }
        day += Duration::days(1);
    }
    (off, worked)
}

#[test]
fn calendar_2025() {
    let (off, worked) = exceptions(&default_calendar(), 2025);
    assert_eq!(
        off,
        [
            "2025-01-01", // Tết Dương lịch
            "2025-01-27", // Tết: 28, 29 Chạp, mùng 1-3 (Monday-Friday)
            "2025-01-28",
            "2025-01-29",
            "2025-01-30",
            "2025-01-31",
            "2025-04-07", // Giỗ Tổ Hùng Vương
            "2025-04-30",
            "2025-05-01",
            "2025-05-02", // override: bridge
            "2025-09-01", // Quốc khánh: 2/9 Tuesday, adjacent day Monday 1/9
            "2025-09-02",
        ]
    );
    assert_eq!(worked, ["2025-04-26"], "make-up Saturday for 2/5");
}

#[test]
fn calendar_2026() {
    let (off, worked) = exceptions(&default_calendar(), 2026);
    assert_eq!(
        off,
        [
            "2026-01-01",
            "2026-01-02", // override, worked on Saturday 10/1
            "2026-02-16", // Tết Bính Ngọ: official 16-20/2
            "2026-02-17",
            "2026-02-18",
            "2026-02-19",
            "2026-02-20",
            "2026-04-27", // Hùng Kings on Sunday 26/4 → Monday
            "2026-04-30",
            "2026-05-01",
            "2026-08-31", // override, worked on Saturday 22/8
            "2026-09-01",
            "2026-09-02",
        ]
    );
    assert_eq!(worked, ["2026-01-10", "2026-08-22"]);
    let h = default_calendar().holidays(2026).unwrap();
    let tet: Vec<_> = h
        .iter()
        .filter(|h| h.kind == HolidayKind::Tet)
        .map(|h| h.date)
        .collect();
    assert_eq!(tet, (16..=20).map(|x| d(&format!("2026-02-{x}"))).collect::<Vec<_>>());
    let working: Vec<_> = h
        .iter()
        .filter(|h| h.kind == HolidayKind::OverrideWorking)
        .map(|h| h.date.to_string())
        .collect();
    assert_eq!(working, ["2026-01-10", "2026-08-22"]);
    assert!(h.windows(2).all(|w| w[0].date < w[1].date), "date order, one per date");
}

#[test]
fn tet_rules_compared_on_2025_and_2026() {
    let with = |tet_rule| {
        let rules = HolidayRules {
            tet_rule,
            ..Default::default()
        };
        WorkCalendar::new(rules, Vec::new(), 2025..=2026).unwrap()
    };
    let off = |cal: &WorkCalendar, from: &str, to: &str| {
        let mut v = Vec::new();
        let mut day = d(from);
        while day <= d(to) {
            if !cal.is_working_day(day).unwrap() && !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                v.push(day.day());
            }
            day += Duration::days(1);
        }
        v
    };
    for rule in [
        TetRule::Customary,
        TetRule::TwoBeforeThreeAfter,
        TetRule::EveAndFirstFour,
    ] {
        assert_eq!(
            off(&with(rule), "2026-02-09", "2026-02-28"),
            [16, 17, 18, 19, 20],
            "{rule:?}"
        );
    }
    assert_eq!(
        off(&with(TetRule::Customary), "2025-01-20", "2025-02-10"),
        [27, 28, 29, 30, 31]
    );
    assert_eq!(
        off(&with(TetRule::EveAndFirstFour), "2025-01-20", "2025-02-10"),
        [28, 29, 30, 31, 3]
    );
}

#[test]
fn tet_and_hung_kings_2020_2030_from_the_brief_table() {
    let v = vectors();
    let cal = default_calendar();
    let rows = v["tet_hung_kings"].as_array().unwrap();
    assert_eq!(rows.len(), 11);
    for r in rows {
        let year = r["year"].as_i64().unwrap() as i32;
        let tet = d(r["tet"].as_str().unwrap());
        let hung = d(r["hung_kings"].as_str().unwrap());
        let h = cal.holidays(year).unwrap();
        let find = |date| {
            h.iter()
                .find(|h| h.date == date)
                .unwrap_or_else(|| panic!("{date} missing"))
        };
        assert_eq!(find(tet).kind, HolidayKind::Tet);
        assert_eq!(find(tet).name, "Tết Nguyên đán (mùng 1)");
        assert_eq!(find(hung).kind, HolidayKind::Statutory);
        assert!(find(hung).name.contains("Hùng Vương"));
        let last = d(r["last_day_of_previous_lunar_year"].as_str().unwrap());
        assert_eq!(
            find(last).kind,
            HolidayKind::Tet,
            "{year}: giao thừa is always a Tết day"
        );
        assert_eq!(h.iter().filter(|h| h.kind == HolidayKind::Tet).count(), 5, "{year}");
    }
}

#[test]
fn compensation_for_weekend_holidays() {
    let cal = default_calendar();
    // 1/1/2022 Saturday → Monday 3/1; 30/4 and 1/5/2022 Saturday, Sunday → Monday 2/5, Tuesday 3/5.
    for (day, for_date) in [
        ("2022-01-03", "2022-01-01"),
        ("2022-05-02", "2022-04-30"),
        ("2022-05-03", "2022-05-01"),
        ("2023-09-04", "2023-09-02"),
    ] {
        let info = cal.day(d(day)).unwrap();
        assert!(!info.working, "{day}");
        assert!(
            info.reasons
                .iter()
                .any(|r| matches!(r, Reason::Compensatory { for_date: f, .. } if *f == d(for_date))),
            "{day}: {:?}",
            info.reasons
        );
    }
    // 2023: 2/9 Saturday, adjacent day Friday 1/9, compensated on Monday 4/9 (not Sunday 3/9).
    assert_eq!(national_day_adjacent(2023), Some(d("2023-09-01")));
    // Tết 2024 (Saturday 10/2): weekend days compensated after the block, 8-14/2 off.
    let off: Vec<_> = (5..=16)
        .map(|x| d(&format!("2024-02-{x:02}")))
        .filter(|x| !cal.is_working_day(*x).unwrap())
        .map(|x| x.day())
        .collect();
    assert_eq!(off, [8, 9, 10, 11, 12, 13, 14]);
    // Without compensation the Monday after 1/1/2022 is worked.
    let rules = HolidayRules {
        compensation: false,
        ..Default::default()
    };
    let no_comp = WorkCalendar::new(rules, Vec::new(), 2022..=2022).unwrap();
    assert!(no_comp.is_working_day(d("2022-01-03")).unwrap());
    assert!(no_comp
        .holidays(2022)
        .unwrap()
        .iter()
        .all(|h| h.kind != HolidayKind::Compensatory));
}

#[test]
fn national_day_adjacent_follows_practice() {
    for (year, day) in [(2021, 3), (2022, 1), (2023, 1), (2024, 3), (2025, 1), (2026, 1)] {
        assert_eq!(national_day_adjacent(year).unwrap().day(), day, "{year}");
    }
}

#[test]
fn culture_day_24_11_is_a_switch_from_2026() {
    let cal = default_calendar();
    assert!(cal.is_working_day(d("2026-11-24")).unwrap(), "off by default");
    let rules = HolidayRules {
        include_24_11: true,
        ..Default::default()
    };
    let on = WorkCalendar::new(rules, bundled_overrides().unwrap(), 2025..=2027).unwrap();
    assert!(!on.is_working_day(d("2026-11-24")).unwrap());
    assert!(on.is_working_day(d("2025-11-24")).unwrap(), "never before 2026");
    let h = on.holidays(2026).unwrap();
    let day = h.iter().find(|h| h.date == d("2026-11-24")).unwrap();
    assert_eq!(
        (day.kind, day.name.as_str()),
        (HolidayKind::Statutory, "Ngày Văn hóa Việt Nam (24/11)")
    );
    // 24/11/2029 is a Saturday: compensated on Monday 26/11 (outside the precomputed range).
    assert!(!on.is_working_day(d("2029-11-26")).unwrap());
}

#[test]
fn caller_overrides_win_over_bundled_ones() {
    let text = "# deployment overrides\ndate,weekday,type,reason,source\n\
                2026-08-31,Mon,makeup_working_day,\"no bridge here, \"\"local\"\" decision\",QĐ 1/UBND\n\
                2026-12-31,,extra_day_off,year-end,QĐ 2/UBND\n";
    let mine = parse_overrides(text, "tinh-x-2026").unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].reason, "no bridge here, \"local\" decision");
    let mut all = bundled_overrides().unwrap();
    all.extend(mine);
    let cal = WorkCalendar::new(HolidayRules::default(), all, 2026..=2026).unwrap();
    let info = cal.day(d("2026-08-31")).unwrap();
    assert!(info.working);
    match info.reasons.last().unwrap() {
        Reason::Override { kind, set, .. } => {
            assert_eq!((*kind, set.as_str()), (OverrideKind::MakeupWorkingDay, "tinh-x-2026"))
        }
        r => panic!("{r:?}"),
    }
    let h = cal.holidays(2026).unwrap();
    assert!(
        h.iter().all(|h| h.date != d("2026-08-31")),
        "a working weekday is not listed"
    );
    let ye = h.iter().find(|h| h.date == d("2026-12-31")).unwrap();
    assert_eq!((ye.kind, ye.name.as_str()), (HolidayKind::OverrideOff, "year-end"));
}

#[test]
fn bundled_table_is_the_shipped_file() {
    let all = bundled_overrides().unwrap();
    assert_eq!(
        all.len(),
        7,
        "rows of core/data/civil_service_day_overrides_2025_2026.csv"
    );
    assert!(all.iter().all(|o| o.set == BUNDLED_OVERRIDES_NAME));
    let first = &all[0];
    assert_eq!(
        (first.date, first.kind),
        (d("2025-04-26"), OverrideKind::MakeupWorkingDay)
    );
    assert_eq!(first.reason, "swap for 2025-05-02");
    let bridge = all.iter().find(|o| o.date == d("2026-01-02")).unwrap();
    assert_eq!(
        (bridge.kind, bridge.source.as_str()),
        (OverrideKind::ExtraDayOff, "12729/VPCP-KGVX via news")
    );
}

#[test]
fn malformed_overrides_are_errors_with_line_and_field() {
    let v = vectors();
    for case in v["override_errors"].as_array().unwrap() {
        let e = parse_overrides(case["text"].as_str().unwrap(), "t").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        assert_eq!(e.code.code(), case["code"].as_u64().unwrap() as u32);
        assert_eq!(e.field, case["field"].as_str().unwrap(), "{e}");
        assert!(!e.detail.is_empty());
    }
}

#[test]
fn reasons_explain_every_day() {
    let cal = default_calendar();
    let info = cal.day(d("2026-02-16")).unwrap();
    assert!(matches!(&info.reasons[0], Reason::Tet { name } if name.contains("29 tháng Chạp")));
    assert!(matches!(
        &info.reasons[1],
        Reason::Override {
            kind: OverrideKind::ExtraDayOff,
            ..
        }
    ));
    assert_eq!(cal.day(d("2026-11-23")).unwrap().reasons, [Reason::Weekday]);
    let sat = cal.day(d("2026-01-10")).unwrap();
    assert!(sat.working);
    assert!(matches!(&sat.reasons[0], Reason::Weekend { weekday } if weekday == "Sat"));
    assert!(sat.reasons[1].to_string().contains("12729/VPCP-KGVX"));
    let sat_rules = HolidayRules {
        saturday_working: true,
        ..Default::default()
    };
    let six = WorkCalendar::new(sat_rules, Vec::new(), 2026..=2026).unwrap();
    assert!(six.is_working_day(d("2026-11-28")).unwrap());
    assert!(!six.is_working_day(d("2026-11-29")).unwrap());
}

#[test]
fn precomputed_and_computed_agree_and_ranges_are_checked() {
    let fast = default_calendar();
    let slow = WorkCalendar::uncached(HolidayRules::default(), bundled_overrides().unwrap());
    let mut day = d("2019-12-25");
    while day <= d("2031-01-05") {
        assert_eq!(
            fast.is_working_day(day).unwrap(),
            slow.is_working_day(day).unwrap(),
            "{day}"
        );
        day += Duration::days(1);
    }
    let e = WorkCalendar::new(HolidayRules::default(), Vec::new(), 1899..=2000).unwrap_err();
    assert_eq!((e.code, &*e.field), (ErrorCode::InvalidArgument, "years"));
    let e = fast.is_working_day(d("2200-01-01")).unwrap_err();
    assert_eq!((e.code, &*e.field), (ErrorCode::InvalidArgument, "year"));
    assert!(fast.holidays(1899).is_err());
    assert!(fast.holidays(1900).is_ok() && fast.holidays(2199).is_ok());
}

fn vectors() -> Value {
    let path = format!("{}/../tests/vectors/holidays.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn shared_vectors() {
    let v = vectors();
    let cal = default_calendar();
    for y in v["years"].as_array().unwrap() {
        let year = y["year"].as_i64().unwrap() as i32;
        let got = serde_json::to_value(cal.holidays(year).unwrap()).unwrap();
        assert_eq!(got, y["holidays"], "{year}");
    }
    for c in v["days"].as_array().unwrap() {
        let info = cal.day(d(c["date"].as_str().unwrap())).unwrap();
        assert_eq!(info.working, c["working"].as_bool().unwrap(), "{c}");
        let rules: Vec<Value> = serde_json::to_value(&info.reasons)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rule"].clone())
            .collect();
        assert_eq!(Value::from(rules), c["rules"], "{c}");
    }
}
