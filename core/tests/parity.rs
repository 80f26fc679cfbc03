//! Status parity across systems (đối chiếu trạng thái): the shared vectors
//! (tests/vectors/parity.json) through the JSON face every binding uses, and properties: every input
//! row lands in exactly one output entry, and the sync actions of a lagging dossier, applied through
//! the dossier machine, bring every system level.
use motcua_core::parity::{
    parity_json, read_csv, read_jsonl, read_rows, shortest_path, InputFormat, Parity, ParityClass, ParityEntry,
    StatusRow, SyncAction, System,
};
use motcua_core::status::{DossierState, DossierStatus, TransitionInput};
use motcua_core::ErrorCode;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

mod common;
use common::subset;

fn vectors() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/parity.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn every_vector() {
    let v = vectors();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    let mut classes = std::collections::HashSet::new();
    let mut codes = std::collections::HashSet::new();
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let out = parity_json(c["input"].as_str().unwrap(), c["format"].as_str().unwrap()).unwrap();
        let got: Value = serde_json::from_str(&out).unwrap();
        subset(&c["expect"], &got, "$").unwrap_or_else(|e| panic!("{name}: {e}\n{got:#}"));
        let s = &got["summary"];
        assert_eq!(s["rows_in"], s["rows_accounted"], "{name}");
        for e in got["entries"].as_array().unwrap() {
            classes.insert(e["class"].as_str().unwrap().to_string());
            if let Some(code) = e["error"]["code"].as_u64() {
                codes.insert(code);
            }
        }
    }
    for class in ParityClass::ALL {
        assert!(classes.contains(class.name()), "no vector has class {}", class.name());
    }
    for code in [7101, 7102, 7103, 7104] {
        assert!(codes.contains(&code), "no vector has error {code}");
    }
}

#[test]
fn json_shapes_have_fixed_keys() {
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k.join(",")
    };
    let input = "ma_ho_so,system,trang_thai,updated_at\n\
                 A,portal,2,20250715080000\nA,sectoral,4,20250715090000\nA,portal,1,20250715070000\n\
                 B,portal,3,20250715080000\nB,sectoral,9,20250715090000\nC,nowhere,4,20250715080000\n";
    let got: Value = serde_json::from_str(&parity_json(input, "csv").unwrap()).unwrap();
    assert_eq!(keys(&got), "entries,summary");
    let classes: Vec<&str> = got["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["superseded", "invalid_input", "lagging", "conflicting"]);
    let dossier = "actions,behind,class,conflicts,key,leader,lines,ma_ho_so,reason,rows,status,systems";
    for e in got["entries"].as_array().unwrap() {
        let want = match e["class"].as_str().unwrap() {
            "superseded" => "class,key,line,ma_ho_so,reason,rows,status,superseded_by,system,updated_at",
            "invalid_input" => "class,error,line,ma_ho_so,rows",
            _ => dossier,
        };
        assert_eq!(keys(e), want, "{e}");
        for a in e["actions"].as_array().into_iter().flatten() {
            let want = match a["kind"].as_str().unwrap() {
                "sync" => "from,kind,ma_ho_so,needs_admin,needs_reason,system,to,transitions",
                _ => "kind,ma_ho_so,reason,systems",
            };
            assert_eq!(keys(a), want);
        }
    }
    assert_eq!(
        keys(&got["entries"][2]["leader"]),
        "key,line,rule,status,system,updated_at"
    );
    assert_eq!(
        keys(&got["entries"][2]["actions"][0]["transitions"][0]),
        "action,from,guard,to"
    );
    assert_eq!(keys(&got["entries"][1]["error"]), "code,field,message,name");
    assert_eq!(
        keys(&got["summary"]),
        "balanced,dossiers,entries,manual_reviews,needs_admin,needs_reason,rows,rows_accounted,rows_in,sync_actions"
    );
    assert_eq!(
        keys(&got["summary"]["rows"]),
        "conflicting,consistent,invalid_input,lagging,superseded,total"
    );
}

#[test]
fn messages_name_the_field_and_quote_little() {
    let long = "x".repeat(500);
    let input = format!("ma_ho_so,system,trang_thai,updated_at\nA,{long},4,20250715080000\n");
    let r = Parity::check(read_csv(input.as_bytes()));
    let ParityEntry::Invalid(e) = &r.entries[0] else {
        panic!("{:?}", r.entries)
    };
    assert_eq!(e.error.code, ErrorCode::ParitySystem);
    assert!(e.error.to_string().starts_with("system: \"xxxx"), "{}", e.error);
    assert!(e.error.to_string().len() < 120, "{}", e.error);
    // JSON errors do not quote values.
    let r = Parity::check(read_jsonl(&b"{\"ma_ho_so\": \"Nguyen Van A\" \"x\"}\n"[..]));
    let ParityEntry::Invalid(e) = &r.entries[0] else {
        panic!()
    };
    assert_eq!((e.error.code, e.error.field.as_ref()), (ErrorCode::ParityRow, "line"));
    assert!(!e.error.detail.contains("Nguyen"), "{}", e.error);
    assert_eq!(parity_json("", "xml").unwrap_err().code, ErrorCode::InvalidArgument);
    assert_eq!(InputFormat::from_path("day.JSONL"), Some(InputFormat::Jsonl));
    assert_eq!(InputFormat::from_path("day.csv"), Some(InputFormat::Csv));
    assert_eq!(InputFormat::from_path("day.json"), None);
}

#[test]
fn io_errors_end_the_rows_and_are_kept() {
    struct Broken(usize);
    impl std::io::Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let chunk = b"ma_ho_so,system,trang_thai,updated_at\nA,portal,4,20250715080000\n";
            if self.0 == 0 {
                self.0 += 1;
                buf[..chunk.len()].copy_from_slice(chunk);
                Ok(chunk.len())
            } else {
                Err(std::io::Error::other("disk gone"))
            }
        }
    }
    for format in InputFormat::ALL {
        let mut rows = read_rows(Broken(0), format);
        let report = Parity::check(&mut rows);
        assert!(report.summary.balanced);
        assert_eq!(rows.io_error().map(ToString::to_string).as_deref(), Some("disk gone"));
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const CODES: [&str; 4] = ["H56-0001", "H56-0002", "H29-0003", "H49-0004"];

/// A random input line: mostly valid rows, some broken ones of every kind.
fn line() -> impl Strategy<Value = (usize, usize, u8, u32, u8)> {
    // (dossier, system, status 0-11, minute, defect 0-19: 0 bad system, 1 bad time, 2 missing, else fine)
    (0..CODES.len(), 0..3usize, 0u8..12, 0u32..600, 0u8..20)
}

fn render(lines: &[(usize, usize, u8, u32, u8)], format: InputFormat) -> String {
    let mut out = String::new();
    if format == InputFormat::Csv {
        out.push_str("trang_thai,ma_ho_so,updated_at,system\n");
    }
    for &(d, s, st, minute, defect) in lines {
        let system = if defect == 0 { "nowhere" } else { System::ALL[s].name() };
        let time = if defect == 1 {
            "2025-07-15T08:00".to_string()
        } else {
            format!("20250715{:02}{:02}00", 7 + minute / 60, minute % 60)
        };
        let code = if defect == 2 { "" } else { CODES[d] };
        match format {
            InputFormat::Csv => out.push_str(&format!("{st},{code},{time},{system}\n")),
            InputFormat::Jsonl => out.push_str(&format!(
                "{{\"ma_ho_so\":\"{code}\",\"system\":\"{system}\",\"trang_thai\":{st},\"updated_at\":\"{time}\"}}\n"
            )),
        }
    }
    out
}

proptest! {
    /// Every input row lands in exactly one output entry; the control totals balance; every dossier
    /// with a valid row has exactly one verdict.
    #[test]
    fn conservation(lines in proptest::collection::vec(line(), 0..80), jsonl in any::<bool>()) {
        let format = if jsonl { InputFormat::Jsonl } else { InputFormat::Csv };
        let text = render(&lines, format);
        let report = Parity::check(read_rows(text.as_bytes(), format));
        let first_line = if jsonl { 1 } else { 2 };
        let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
        let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
        for e in &report.entries {
            prop_assert_eq!(e.lines().len() as u64, e.rows());
            for l in e.lines() {
                *seen.entry(l).or_default() += 1;
            }
            if let ParityEntry::Dossier(r) = e {
                *verdicts.entry(r.dossier_code.clone()).or_default() += 1;
                let mut systems: Vec<System> = r.systems.iter().map(|s| s.system).collect();
                systems.dedup();
                prop_assert_eq!(systems.len(), r.systems.len(), "one kept row per system");
            }
        }
        let want: BTreeMap<u64, usize> = (0..lines.len() as u64).map(|i| (i + first_line, 1)).collect();
        prop_assert_eq!(seen, want);
        prop_assert!(verdicts.values().all(|&n| n == 1));
        let s = report.summary;
        prop_assert_eq!(s.rows_in, lines.len() as u64);
        prop_assert_eq!(s.rows_accounted, s.rows_in);
        prop_assert!(s.balanced);
        prop_assert_eq!(s.rows.total, s.rows_in);
        prop_assert_eq!(s.entries.total, report.entries.len() as u64);
        prop_assert_eq!(s.dossiers, verdicts.len() as u64);
        // The JSON face gives the same report.
        let json: Value = serde_json::from_str(&parity_json(&text, format.name()).unwrap()).unwrap();
        prop_assert_eq!(json, serde_json::to_value(&report).unwrap());
    }

    /// Lagging: each sync action is a chain of table transitions (checked by the dossier machine,
    /// with a reason and an administrator where the guard asks) from the system's status to the
    /// leader's; applying them all leaves every system at the same status. Conflicting: no reported
    /// status is reachable from all the others. Consistent: one status.
    #[test]
    fn actions_bring_systems_level(
        statuses in proptest::collection::vec(1u8..=10, 1..=3),
        minutes in proptest::collection::vec(0u32..3, 3),
    ) {
        let mut rows = Vec::new();
        for (i, &st) in statuses.iter().enumerate() {
            rows.push(Ok(StatusRow {
                line: i as u64 + 1,
                dossier_code: "H56-0001".into(),
                system: System::ALL[i],
                status: DossierStatus::from_code(st).unwrap(),
                updated_at: chrono::NaiveDate::from_ymd_opt(2025, 7, 15)
                    .unwrap()
                    .and_hms_opt(8, minutes[i], 0)
                    .unwrap(),
            }));
        }
        let report = Parity::check(rows);
        prop_assert_eq!(report.entries.len(), 1);
        let ParityEntry::Dossier(r) = &report.entries[0] else { panic!() };
        let mut now: BTreeMap<System, DossierStatus> = r.systems.iter().map(|s| (s.system, s.status)).collect();
        let reported: Vec<DossierStatus> = now.values().copied().collect();
        match r.class {
            ParityClass::Consistent => prop_assert!(reported.iter().all(|&s| s == reported[0])),
            ParityClass::Conflicting => {
                prop_assert!(!r.conflicts.is_empty());
                for &c in &reported {
                    prop_assert!(reported.iter().any(|&t| shortest_path(t, c).is_none()));
                }
            }
            ParityClass::Lagging => {
                let leader = r.leader.as_ref().unwrap();
                prop_assert_eq!(r.actions.len(), r.behind.len());
                for a in &r.actions {
                    let SyncAction::Sync(p) = a else { panic!("lagging has only sync actions") };
                    let mut state = DossierState::new(now[&p.system]);
                    prop_assert_eq!(state.status, p.from);
                    prop_assert!(!p.transitions.is_empty());
                    for step in &p.transitions {
                        prop_assert_eq!(step.from, state.status);
                        let input = TransitionInput { reason: Some("đồng bộ"), admin: true, ..Default::default() };
                        state = state.transition(step.to, &input).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    }
                    prop_assert_eq!(state.status, leader.report.status);
                    now.insert(p.system, state.status);
                }
                prop_assert!(now.values().all(|&s| s == leader.report.status));
            }
            c => prop_assert!(false, "unexpected class {c:?}"),
        }
    }

    /// Splitting the stream (push row by row, finish) gives the same entries as one check.
    #[test]
    fn push_and_finish_match_check(lines in proptest::collection::vec(line(), 0..40)) {
        let text = render(&lines, InputFormat::Jsonl);
        let whole = Parity::check(read_jsonl(text.as_bytes()));
        let mut p = Parity::new();
        let mut entries: Vec<ParityEntry> = Vec::new();
        for row in read_jsonl(text.as_bytes()) {
            entries.extend(p.push(row));
        }
        let (verdicts, summary) = p.finish();
        entries.extend(verdicts);
        prop_assert_eq!(entries, whole.entries);
        prop_assert_eq!(summary, whole.summary);
    }
}
