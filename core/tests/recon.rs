//! Reconciliation: the shared sample's expected.csv reproduced exactly, conservation, bad rows.
use motcua_core::recon::request::RulesJson;
use motcua_core::recon::{reconcile_readers, Class, Fields, Format, Inputs, MatchRules, Reconciliation, Source};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

mod common;
use common::expect_run;

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/recon")
}

fn run(d: &[u8], p: &[u8], b: &[u8]) -> Reconciliation {
    reconcile_readers(
        Inputs {
            dossiers: (d, Format::Csv),
            payments: (p, Format::Csv),
            bank: (b, Format::Csv),
            expected_rows: None,
        },
        MatchRules::default(),
        |_, _| {},
    )
    .unwrap()
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(vectors().join(name)).unwrap()
}

#[test]
fn sample_expected_is_reproduced_exactly() {
    let r = run(&read("dossiers.csv"), &read("payments.csv"), &read("bank.csv"));
    let mut got: HashMap<(String, String), (String, String, String)> = HashMap::new();
    for row in r.rows() {
        // The hand-written JSON is serde_json's, byte for byte.
        let mut hand = Vec::new();
        row.write_json(&mut hand);
        assert_eq!(String::from_utf8(hand).unwrap(), serde_json::to_string(&row).unwrap());
        // expected.csv lists every bank line and every successful payment.
        if row.source == Source::Payment && row.trang_thai_gd != Some(1) {
            continue;
        }
        let prev = got.insert(
            (row.source.key().to_string(), row.id.to_string()),
            (
                row.class.key().to_string(),
                row.ma_ho_so.to_string(),
                row.ma_tham_chieu.to_string(),
            ),
        );
        assert!(prev.is_none(), "two rows for {}", row.id);
    }
    let expected = read("expected.csv");
    let mut rdr = csv::Reader::from_reader(&expected[..]);
    let mut wrong = Vec::new();
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        n += 1;
        let key = (rec[0].to_string(), rec[1].to_string());
        let want = (rec[2].to_string(), rec[3].to_string(), rec[4].to_string());
        match got.remove(&key) {
            Some(g) if g == want => {}
            g => wrong.push(format!("{key:?}: want {want:?}, got {g:?}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {n} rows differ:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(30)].join("\n")
    );
    assert!(
        got.is_empty(),
        "rows not in expected.csv: {:?}",
        got.keys().take(5).collect::<Vec<_>>()
    );
    assert!(r.summary.balanced());
    assert_eq!(r.summary.output[&Source::Bank][&Class::Matched].rows, 1173);
}

/// Every case of tests/vectors/recon/cases.json (hand-written answers, one phenomenon each): the rows
/// of results.jsonl and the control totals, or the error of the whole run.
#[test]
fn every_case_vector() {
    let v: Value = serde_json::from_slice(&read("cases.json")).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 27, "{} cases", cases.len());
    let mut classes = HashSet::new();
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let format = match c["format"].as_str().unwrap() {
            "csv" => Format::Csv,
            "jsonl" => Format::Jsonl,
            f => panic!("{name}: format {f}"),
        };
        let text = |k: &str| c[k].as_str().unwrap().as_bytes();
        let inputs = Inputs {
            dossiers: (text("dossiers"), format),
            payments: (text("payments"), format),
            bank: (text("bank"), format),
            expected_rows: None,
        };
        let rules = c.get("rules").map(Value::to_string);
        let run = RulesJson::parse(rules.as_deref())
            .and_then(|(rules, fields)| Ok((reconcile_readers(inputs, rules, |_, _| {})?, fields)));
        let got = match run {
            Err(e) => json!({"error": {"code": e.code.code(), "field": e.field}}),
            Ok((r, fields)) => {
                assert!(r.summary.balanced(), "{name}");
                let mut out = Vec::new();
                r.write_jsonl(&mut out, fields).unwrap();
                let rows: Vec<Value> = out
                    .split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(|l| serde_json::from_slice(l).unwrap())
                    .collect();
                json!({"rows": rows, "summary": r.summary})
            }
        };
        expect_run(&c["expect"], &got).unwrap_or_else(|e| panic!("{name}: {e}\n{got:#}"));
        for row in c["expect"]["rows"].as_array().into_iter().flatten() {
            classes.insert(row["class"].as_str().unwrap().to_string());
        }
    }
    let missing: Vec<_> = Class::ALL.iter().filter(|c| !classes.contains(c.key())).collect();
    assert!(missing.is_empty(), "no case expects {missing:?}");
}

mod conservation {
    use super::*;
    use proptest::prelude::*;

    /// One generated input: CSV texts plus what a reader of the raw rows expects.
    #[derive(Debug)]
    struct Case {
        dossiers: String,
        payments: String,
        bank: String,
        bank_rows: usize,
        bank_amount: i64,
        payment_rows: usize,
        payment_amount: i64,
        dossier_rows: usize,
    }

    fn amount_text(v: u32, bad: bool) -> (String, i64) {
        if bad {
            (format!("{v}.5"), 0)
        } else {
            (v.to_string(), i64::from(v))
        }
    }

    prop_compose! {
        fn case()(
            dossiers in prop::collection::vec((0u8..4, 0u8..3, 0u32..5, any::<bool>()), 1..25),
            attempts in prop::collection::vec((0usize..30, 0u8..5, 0u32..5, 0u32..96, any::<bool>(), any::<bool>()), 0..40),
            credits in prop::collection::vec((0usize..40, 0u8..8, 0u32..5, 0u32..120, any::<bool>(), any::<bool>(), 0u8..4), 0..60),
        ) -> Case {
            let fees = [10_000u32, 20_000, 30_000, 50_000, 100_000];
            let code = |agency: u8, seq: u8| format!("000.00.{agency:02}.H26-260610-{:04}", seq as u32 + 1);
            let mut d = String::from("ma_ho_so,ma_tthc,ma_don_vi,ngay_tiep_nhan,tong_phi,tk_thu_huong,ma_nh_thu_huong\n");
            let mut codes = Vec::new();
            for &(agency, seq, fee, bad) in &dossiers {
                let c = code(agency, seq);
                let (amt, _) = amount_text(fees[fee as usize], bad);
                d.push_str(&format!("{c},1.000001,000.00.{agency:02}.H26,20260610080000,{amt},ACC{agency},970436\n"));
                codes.push((c, agency));
            }
            let mut p = String::from("ma_tham_chieu,ma_giao_dich,ma_ho_so,so_tien,thoi_gian_gd,trang_thai_gd,tk_thu_huong,ma_nh_thu_huong\n");
            let (mut payment_rows, mut payment_amount) = (0, 0i64);
            let mut refs = Vec::new();
            for &(di, st, fee, hour, bad_amount, repeat) in &attempts {
                let (c, agency) = codes[di % codes.len()].clone();
                let t = format!("202606{:02}{:02}0000", 10 + hour / 24, hour % 24);
                let r = format!("dvc{}{t}", c.replace(['.', '-'], ""));
                let (amt, v) = amount_text(fees[fee as usize], bad_amount);
                let status = [0, 1, 3, 4, 7][st as usize];
                for _ in 0..(1 + usize::from(repeat)) {
                    p.push_str(&format!("{r},,{c},{amt},{t},{status},ACC{agency},970436\n"));
                    payment_rows += 1;
                    payment_amount += v;
                }
                refs.push((r, c, agency));
            }
            let mut b = String::from("ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong,noi_dung\n");
            let (mut bank_rows, mut bank_amount) = (0, 0i64);
            for (i, &(ri, how, fee, hour, bad_amount, repeat_id, acct)) in credits.iter().enumerate() {
                let (reference, c, agency) = refs.get(ri % refs.len().max(1)).cloned()
                    .unwrap_or_else(|| (String::new(), codes[ri % codes.len()].0.clone(), 0));
                let remark = match how {
                    0 => format!("MBVCB.123.{reference}.CT tu 999 NGUYEN VAN A"),
                    1 => format!("nop phi ho so {}", c.to_lowercase()),
                    2 => format!("ho so {}", &c[c.len() - 11..]),
                    3 => format!("thanh toan {}", &c[..c.len() - 2]),
                    4 => "chuyen tien".to_string(),
                    5 => format!("\"phi, {c}\""),
                    6 => format!("{} {}", c, codes[0].0),
                    _ => c.replace('1', "7"),
                };
                let remark = if remark.starts_with('"') { remark } else { format!("\"{remark}\"") };
                let (amt, v) = amount_text(fees[fee as usize], bad_amount);
                let time = if hour == 119 { "2026-13-01 00:00:00".to_string() } else {
                    format!("2026-06-{:02} {:02}:30:00", 10 + hour / 24, hour % 24)
                };
                let id = if repeat_id && i > 0 { format!("NH{}", i - 1) } else { format!("NH{i}") };
                let account = if acct == 3 { "ACC_OTHER".to_string() } else { format!("ACC{agency}") };
                b.push_str(&format!("{id},{time},{amt},{account},{remark}\n"));
                bank_rows += 1;
                bank_amount += v;
            }
            Case {
                dossiers: d,
                payments: p,
                bank: b,
                bank_rows,
                bank_amount,
                payment_rows,
                payment_amount,
                dossier_rows: dossiers.len(),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn every_record_is_in_exactly_one_row(c in case()) {
            let r = run(c.dossiers.as_bytes(), c.payments.as_bytes(), c.bank.as_bytes());
            let s = &r.summary;
            prop_assert!(s.balanced());
            let rows: Vec<_> = r.rows().collect();
            let count = |src: Source| rows.iter().filter(|x| x.source == src).count();
            let amount = |src: Source| rows.iter().filter(|x| x.source == src).map(|x| x.so_tien).sum::<i64>();
            // Counted from the generated rows, not from the engine's own input totals.
            prop_assert_eq!(count(Source::Bank), c.bank_rows);
            prop_assert_eq!(amount(Source::Bank), c.bank_amount);
            prop_assert_eq!(count(Source::Payment), c.payment_rows);
            prop_assert_eq!(amount(Source::Payment), c.payment_amount);
            prop_assert_eq!(s.dossier_rows as usize, c.dossier_rows);
            prop_assert_eq!(s.dossiers_loaded as usize + count(Source::Dossier), c.dossier_rows);
            // Bank rows come out in input order, one per line.
            let lines: Vec<u64> = rows.iter().filter(|x| x.source == Source::Bank).map(|x| x.line).collect();
            prop_assert_eq!(lines, (2..2 + c.bank_rows as u64).collect::<Vec<_>>());
            for x in &rows {
                let mut hand = Vec::new();
                x.write_json(&mut hand);
                prop_assert_eq!(String::from_utf8(hand).unwrap(), serde_json::to_string(x).unwrap());
                match (x.source, x.class) {
                    (Source::Payment, Class::Matched | Class::MissingInBank) => prop_assert_eq!(x.trang_thai_gd, Some(1)),
                    (Source::Payment, Class::PaidNotUpdated | Class::NotPaid) => prop_assert_ne!(x.trang_thai_gd, Some(1)),
                    (Source::Bank, Class::Matched | Class::PaidNotUpdated | Class::AmountMismatch | Class::Duplicate) => {
                        prop_assert!(!x.ma_ho_so.is_empty());
                        prop_assert!(x.confidence > 0.0);
                    }
                    (_, Class::InvalidInput) => prop_assert!(x.error.is_some() && x.line > 0),
                    (Source::Bank, Class::UnknownDossier | Class::Ambiguous) => prop_assert!(x.ma_ho_so.is_empty()),
                    _ => {}
                }
            }
            // `--fields contract`: each row is the full row with only the contract's seven keys
            // (and an unreadable record's line and error), nothing else changed.
            let lines = |fields| {
                let mut out = Vec::new();
                r.write_jsonl(&mut out, fields).unwrap();
                String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).collect::<Vec<_>>()
            };
            let (all, contract) = (lines(Fields::All), lines(Fields::Contract));
            prop_assert_eq!(all.len(), rows.len());
            prop_assert_eq!(contract.len(), rows.len());
            const SEVEN: [&str; 7] = ["source", "id", "class", "ma_ho_so", "ma_tham_chieu", "confidence", "reason"];
            for (full, lean) in all.iter().zip(&contract) {
                let mut want = full.as_object().unwrap().clone();
                let invalid = full["class"] == "invalid_input";
                want.retain(|k, _| SEVEN.contains(&k.as_str()) || (invalid && (k == "line" || k == "error")));
                prop_assert_eq!(lean.as_object().unwrap(), &want);
            }
        }
    }
}

/// Each mangling the issue lists, on one dossier with one successful attempt, through the JSON face:
/// the credit is matched to that dossier and attempt.
#[test]
fn every_mangling_of_one_code_is_matched() {
    use motcua_core::recon::request::reconcile_json;
    let code = "000.26.31.H40-260713-0004";
    let reference = "dvc0002631H40260713000420260713062200";
    let remarks = [
        ("clean", format!("le phi ho so {reference} VU DUC PHUC")),
        ("upper", format!("LE PHI {}", reference.to_uppercase())),
        ("diacritics", format!("Nộp lệ phí hồ sơ {code}")),
        ("separators dropped", "nop phi 0002631H402607130004".to_string()),
        ("separators replaced", "nop phi 000_26_31_H40/260713/0004".to_string()),
        ("stray spaces", "nop phi 000.26.3 1.H40-2607 13-0004".to_string()),
        (
            "cut short",
            "MBVCB.2986648676.960421.thanh toan 000.26.31.H40-260713-00.CT tu 1263342376716 A toi".to_string(),
        ),
        ("reference cut", "dvc0002631H4026071300042026071306".to_string()),
        ("tail only", "ho so 260713-0004".to_string()),
        (
            "reference tail",
            "CT nhanh 247 den: 0713000420260713062200 FT48194736616520".to_string(),
        ),
        (
            "typo in date, reference",
            "le phi ho so dvc0002631H40260773000420260713062200 VU DUC PHUC".to_string(),
        ),
        (
            "typo in sequence",
            "TKThe :6739728436458, tai VCB. 000.26.31.H40-260713-5004".to_string(),
        ),
    ];
    let bank: Vec<_> = remarks
        .iter()
        .enumerate()
        .map(|(i, (_, r))| {
            serde_json::json!({"ma_giao_dich_nh": format!("NH{i}"), "thoi_gian": "2026-07-13 08:00:00",
                               "so_tien": 30000, "tk_thu_huong": "111", "noi_dung": r})
        })
        .collect();
    let input = serde_json::json!({
        "dossiers": [{"ma_ho_so": code, "ngay_tiep_nhan": "20260713050000", "tong_phi": 30000, "tk_thu_huong": "111"},
                     {"ma_ho_so": "000.26.31.H40-260713-0005", "ngay_tiep_nhan": "20260713050000", "tong_phi": 50000, "tk_thu_huong": "111"}],
        "payments": [{"ma_tham_chieu": reference, "ma_ho_so": code, "so_tien": 30000, "thoi_gian_gd": "20260713062200",
                      "trang_thai_gd": 1, "tk_thu_huong": "111"}],
        "bank": bank,
    });
    let out: serde_json::Value = serde_json::from_str(&reconcile_json(&input.to_string()).unwrap()).unwrap();
    for (i, (what, _)) in remarks.iter().enumerate() {
        let row = &out["rows"][i];
        assert_eq!(row["ma_ho_so"], code, "{what}: {row}");
        assert_eq!(row["ma_tham_chieu"], reference, "{what}: {row}");
        assert!(row["confidence"].as_f64().unwrap() >= 0.5, "{what}: {row}");
    }
    // The first credit pays; the others are duplicates of the same dossier.
    assert_eq!(out["rows"][0]["class"], "matched");
    assert!(out["rows"].as_array().unwrap()[1..remarks.len()]
        .iter()
        .all(|r| r["class"] == "duplicate"));
}

#[test]
fn hand_written_json_escapes_like_serde() {
    use motcua_core::recon::{ResultRow, RowIssue};
    use std::borrow::Cow;
    let weird = "a\"b\\c\nd\re\tf\u{8}\u{c}\u{1}\u{1f}ệ🙂</x>";
    for (confidence, related, error) in [
        (0.0, "", None),
        (0.05, weird, Some(1u32)),
        (0.5, "x", None),
        (1.0, "", Some(2)),
    ] {
        let row = ResultRow {
            source: Source::Bank,
            id: weird,
            class: Class::InvalidInput,
            ma_ho_so: weird,
            ma_tham_chieu: "",
            confidence,
            reason: Cow::Borrowed(weird),
            so_tien: i64::MIN,
            thoi_gian: weird.to_string(),
            ma_don_vi: weird,
            trang_thai_gd: error.map(|_| 4),
            related,
            line: u64::MAX,
            error: error.map(|c| RowIssue {
                code: 7000 + c,
                name: "recon_field",
                field: weird.into(),
                message: weird.into(),
            }),
        };
        let mut hand = Vec::new();
        row.write_json(&mut hand);
        assert_eq!(String::from_utf8(hand).unwrap(), serde_json::to_string(&row).unwrap());
    }
}

#[test]
fn the_json_face_takes_an_object_only() {
    use motcua_core::recon::request::reconcile_json;
    for bad in [
        "[]",
        "[[],[],[]]",
        "",
        "null",
        "{\"dossier\": []}",
        "{\"rules\": {\"window_hours\": 0}}",
    ] {
        let e = reconcile_json(bad).unwrap_err();
        assert_eq!(e.code, motcua_core::ErrorCode::InvalidArgument, "{bad}");
    }
    // `fields` chooses the keys of a results file; in-memory rows carry every key, so it is refused
    // there rather than ignored.
    let e = reconcile_json("{\"rules\": {\"fields\": \"contract\"}}").unwrap_err();
    assert_eq!(
        (e.code, e.field.as_ref()),
        (motcua_core::ErrorCode::InvalidArgument, "fields")
    );
    let out: serde_json::Value = serde_json::from_str(&reconcile_json("{}").unwrap()).unwrap();
    assert_eq!(out["rows"], serde_json::json!([]));
}

/// In-memory records as in files: a column written twice in a record makes it `invalid_input`
/// (7005 naming the column), its id and first amount kept; a record that is not an object is one
/// too (7005 naming `record`).
#[test]
fn a_record_writing_a_column_twice_is_invalid_input() {
    use motcua_core::recon::request::reconcile_json;
    let input = r#"{"bank": [
        {"ma_giao_dich_nh": "NH1", "thoi_gian": "2026-06-10 01:20:00", "so_tien": 30000, "so_tien": 3000,
         "tk_thu_huong": "303794335041", "noi_dung": "x"},
        [1, {"so_tien": 1}],
        {"ma_giao_dich_nh": "NH3", "thoi_gian": "2026-06-10 01:20:00", "so_tien": 5, "tk_thu_huong": "1",
         "noi_dung": "x", "ghi_chu": 1, "ghi_chu": 2}]}"#;
    let out: serde_json::Value = serde_json::from_str(&reconcile_json(input).unwrap()).unwrap();
    let rows = out["rows"].as_array().unwrap();
    let got: Vec<(&str, &str, &str, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["class"].as_str().unwrap(),
                r["error"]["field"].as_str().unwrap_or(""),
                r["so_tien"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("NH1", "invalid_input", "so_tien", 30000),
            ("", "invalid_input", "record", 0),
            ("NH3", "unknown_dossier", "", 5)
        ],
        "{out}"
    );
    assert_eq!(out["summary"]["input"]["bank"]["amount"], 30005);
}

/// A code with no letter or digit (here `--`, and NULs) compacts to nothing and names nothing: the
/// row is `invalid_input` (7002 on the field), and a remark holding `--` is not taken for it. (Such
/// a dossier reaching the matcher crashed the `recon_reconcile` fuzz target once.)
#[test]
fn a_code_without_letters_or_digits_is_invalid_input() {
    let d = "ma_ho_so,ngay_tiep_nhan,tong_phi,tk_thu_huong\n--,20260713050000,30000,111\n\0\0,20260713050000,30000,111\n000.26.31.H40-260713-0004,20260713050000,30000,111\n";
    let p = "ma_tham_chieu,ma_ho_so,so_tien,thoi_gian_gd,trang_thai_gd,tk_thu_huong\n\
             ..,000.26.31.H40-260713-0004,30000,20260713060000,1,111\n\
             dvc0002631H40260713000420260713060000,-.-,30000,20260713060000,1,111\n";
    let b = "ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong,noi_dung\nNH1,2026-07-13 08:00:00,30000,111,le phi -- ho so 000.26.31.H40-260713-0004\nNH2,2026-07-13 08:00:00,30000,111,le phi --\n";
    let r = run(d.as_bytes(), p.as_bytes(), b.as_bytes());
    assert!(r.summary.balanced());
    let rows: Vec<_> = r.rows().collect();
    let invalid: Vec<_> = rows
        .iter()
        .filter(|x| x.class == Class::InvalidInput)
        .map(|x| {
            let e = x.error.as_ref().unwrap();
            (x.source, x.line, e.code, e.field.as_str())
        })
        .collect();
    assert_eq!(
        invalid,
        [
            (Source::Payment, 2, 7002, "ma_tham_chieu"),
            (Source::Payment, 3, 7002, "ma_ho_so"),
            (Source::Dossier, 2, 7002, "ma_ho_so"),
            (Source::Dossier, 3, 7002, "ma_ho_so"),
        ]
    );
    let bank: Vec<_> = rows.iter().filter(|x| x.source == Source::Bank).collect();
    assert_eq!(bank.len(), 2);
    assert_eq!(bank[0].ma_ho_so, "000.26.31.H40-260713-0004");
    assert_eq!(bank[1].class, Class::UnknownDossier);
}

/// A total past i64 đồng stops the run, naming the file, the column and the line of the first
/// record that took it there.
#[test]
fn an_overflowing_total_names_its_line() {
    let d = b"ma_ho_so,ma_tthc,ma_don_vi,ngay_tiep_nhan,tong_phi,tk_thu_huong,ma_nh_thu_huong\n";
    let p = b"ma_tham_chieu,ma_giao_dich,ma_ho_so,so_tien,thoi_gian_gd,trang_thai_gd,tk_thu_huong,ma_nh_thu_huong\n";
    let bank = b"ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong,noi_dung\n\
NH1,2026-06-10 01:20:00,5000000000000000000,303794335041,x\n\
NH2,2026-06-10 01:20:00,1,303794335041,y\n\
\n\
NH3,2026-06-10 01:20:00,5000000000000000000,303794335041,z\n\
NH4,2026-06-10 01:20:00,5000000000000000000,303794335041,w\n";
    let inputs = Inputs {
        dossiers: (&d[..], Format::Csv),
        payments: (&p[..], Format::Csv),
        bank: (&bank[..], Format::Csv),
        expected_rows: None,
    };
    let e = reconcile_readers(inputs, MatchRules::default(), |_, _| {})
        .err()
        .expect("the run stops");
    assert_eq!(e.code.code(), 2003);
    assert_eq!(e.field, "bank.so_tien");
    // NH3 (line 5, after a blank line) is the first past i64; NH4 would be too.
    assert!(e.detail.ends_with("at line 5"), "{}", e.detail);
}
