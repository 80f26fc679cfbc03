//! Property tests: every parser round-trips its canonical form, and no input makes a parser panic.
use chrono::NaiveDate;
use motcua_core::check::{check, IdKind};
use motcua_core::ids::*;
use motcua_core::sync::{validate_input, HoSo, SyncRules};
use motcua_core::tables;
use motcua_core::ErrorCode;
use proptest::prelude::*;

fn rules() -> IdRules {
    IdRules::new(NaiveDate::from_ymd_opt(2199, 12, 31).unwrap())
}

fn digits(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, n).prop_map(|d| d.into_iter().map(|x| char::from(b'0' + x)).collect())
}

fn agency() -> impl Strategy<Value = String> {
    (
        digits(3),
        digits(2),
        digits(2),
        prop::sample::select(vec!['G', 'H', 'K']),
        digits(2),
    )
        .prop_map(|(a, b, c, l, n)| format!("{a}.{b}.{c}.{l}{n}"))
}

proptest! {
    #[test]
    fn cccd_round_trips(ix in 0usize..1000, century in 0u8..4, yy in digits(2), serial in digits(6)) {
        let prefixes: Vec<&str> = tables::OLD_PROVINCES.iter().map(|p| p.cccd_prefix)
            .chain(tables::COUNTRIES.iter().map(|c| c.numeric)).collect();
        let s = format!("{}{century}{yy}{serial}", prefixes[ix % prefixes.len()]);
        let c = Cccd::parse(&s, &rules()).unwrap();
        prop_assert_eq!(c.to_string(), s.clone());
        prop_assert_eq!(Cccd::parse(&c.to_string(), &rules()).unwrap(), c.clone());
        prop_assert_eq!(c.birth_year(), 1900 + 100 * i32::from(century / 2) + yy.parse::<i32>().unwrap());
        prop_assert!(!format!("{c:?}").contains(&s), "Debug masks the number");
    }

    #[test]
    fn tax_code_round_trips(first9 in digits(9), branch in 1u32..1000, sep in prop::sample::select(vec!["", "-", " - ", "."])) {
        let Some(check_digit) = motcua_core::ids::tax_code::check_digit(first9.as_bytes()) else { return Ok(()) };
        prop_assume!(&first9[2..9] != "0000000");
        let base = format!("{first9}{check_digit}");
        let t = TaxCode::parse(&base, &rules()).unwrap();
        prop_assert_eq!(t.to_string(), base.clone());
        let messy = format!("{base}{sep}{branch:03}");
        let b = TaxCode::parse(&messy, &rules()).unwrap();
        prop_assert_eq!(b.to_string(), format!("{base}-{branch:03}"));
        prop_assert_eq!(TaxCode::parse(&b.to_string(), &rules()).unwrap(), b);
        // Any other last digit is rejected.
        let wrong = format!("{first9}{}", (check_digit + 1) % 10);
        prop_assert!(TaxCode::parse(&wrong, &rules()).is_err());
    }

    #[test]
    fn agency_and_codes_round_trip(a in agency(), days in 0i64..40_000, seq in digits(4), long in any::<bool>(), base in digits(6), lead in 1u8..4) {
        let id = AgencyId::parse(&a, &rules()).unwrap();
        prop_assert_eq!(id.to_string(), a.clone());
        let date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days % 36_500);
        let d = if long { date.format("%Y%m%d") } else { date.format("%y%m%d") };
        let code = format!("{a}-{d}-{seq}");
        let parsed = DossierCode::parse(&code, &rules()).unwrap();
        prop_assert_eq!(parsed.date, date);
        prop_assert_eq!(DossierCode::parse(&parsed.to_string(), &rules()).unwrap(), parsed);
        let p = format!("{lead}.{base}.{a}");
        let pc = ProcedureCode::parse(&p, &rules()).unwrap();
        prop_assert_eq!(pc.agency.as_deref(), Some(a.as_str()));
        prop_assert_eq!(ProcedureCode::parse(&pc.to_string(), &rules()).unwrap(), pc);
    }

    /// A date part of any characters (one of several bytes where a digit should be, as in
    /// `…H56-ấ124-0001`, found by fuzzing) is an error, never a panic.
    #[test]
    fn any_date_part_is_an_answer_not_a_panic(a in agency(), d in "[0-9ấé]{3,8}", seq in digits(4)) {
        let r = DossierCode::parse(&format!("{a}-{d}-{seq}"), &rules());
        if !d.bytes().all(|b| b.is_ascii_digit()) {
            // Of the widths the date part may have, a part that is not all digits is a date error.
            let want = if [6, 8].contains(&d.len()) { ErrorCode::IdDate } else { ErrorCode::IdFormat };
            prop_assert_eq!(r.map_err(|e| e.code()).err(), Some(want));
        }
    }

    #[test]
    fn no_input_makes_check_panic(kind in 0usize..10, s in ".{0,40}") {
        let r = check(IdKind::ALL[kind], &s, &rules());
        prop_assert_eq!(r.valid, r.error.is_none());
    }

    #[test]
    fn no_input_makes_validation_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let reports = validate_input(&bytes, &SyncRules::new(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()));
        let lines = bytes.split(|&b| b == b'\n').filter(|l| l.iter().any(|b| !b.is_ascii_whitespace())).count();
        prop_assert!(reports.len() == lines || reports.len() == 1, "one report per record");
    }

    #[test]
    fn sync_records_round_trip(fields in proptest::collection::btree_map(
        prop::sample::select(HoSo::FIELDS.iter().copied().chain(["Khac", "service2"]).collect::<Vec<_>>()),
        prop_oneof![".{0,12}".prop_map(serde_json::Value::from), any::<i64>().prop_map(serde_json::Value::from), Just(serde_json::Value::Null)],
        0..20)) {
        let doc = serde_json::Value::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        let text = doc.to_string();
        let h = HoSo::from_json(&text).unwrap();
        prop_assert_eq!(serde_json::to_value(&h).unwrap(), doc);
    }
}

#[test]
fn threaded_validation_equals_single_threaded() {
    let rules = SyncRules::new(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let good = r#"{"MaHoSo":"000.00.00.H56-250715-0001","MaTTHC":"1.001193","TenTTHC":"Đăng ký khai sinh","MaLinhVuc":"LV","TenLinhVuc":"Hộ tịch","KenhThucHien":"2","LoaiDoiTuong":"1","TrichYeuHoSo":"x","NgayTiepNhan":"20250715083000","TrangThaiHoSo":"2","HinhThuc":"0","DonViXuLy":"UBND"}"#;
    let mut input = String::new();
    for i in 0..30_000 {
        match i % 7 {
            0 => input.push_str("{not json\n"),
            1 => input.push('\n'),
            2 => input.push_str(&good.replace("\"2\",\"HinhThuc\"", "\"10\",\"HinhThuc\"")),
            _ => input.push_str(good),
        }
        input.push('\n');
    }
    assert!(input.len() > 3 << 20, "large enough to be split");
    let single = motcua_core::sync::validate_input(input.as_bytes(), &rules);
    for threads in [2, 3, 8] {
        assert_eq!(
            motcua_core::sync::validate_input_threads(input.as_bytes(), &rules, threads),
            single,
            "{threads} threads"
        );
    }
    assert_eq!(single.len(), 30_000 - 30_000 / 7 - 1);
}
