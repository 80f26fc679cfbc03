//! The CLI contract scripts rely on: exit codes and JSON shapes.
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua")).args(args).output().unwrap()
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn check_exit_codes_and_json_shape() {
    let o = motcua(&["check", "cccd", "038090000001", "--json", "--today", "2026-11-24"]);
    assert_eq!(o.status.code(), Some(0));
    let v = &lines(&o)[0];
    for k in ["kind", "value", "valid", "canonical", "error", "parsed"] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["parsed"]["birth_year"], 1990);

    let o = motcua(&["check", "mst", "0100109106", "0100109107", "--json"]);
    assert_eq!(o.status.code(), Some(1), "one invalid value → exit 1");
    let out = lines(&o);
    assert_eq!(out.len(), 2, "one line per value");
    assert_eq!(out[1]["error"]["code"], 1007);
    assert!(out[1]["error"]["message"].as_str().unwrap().starts_with("mst:"));

    assert_eq!(
        motcua(&["check", "vin", "1"]).status.code(),
        Some(2),
        "unknown kind is a usage error"
    );
    assert_eq!(
        motcua(&["check", "cccd"]).status.code(),
        Some(2),
        "no value is a usage error"
    );
    assert_eq!(
        motcua(&["check", "cccd", "1", "--today", "24/11/2026"]).status.code(),
        Some(2)
    );
    for kind in [
        "cccd",
        "cmnd",
        "passport",
        "mst",
        "agency",
        "dossier-code",
        "procedure",
        "province",
        "commune",
        "bank-bin",
    ] {
        assert_eq!(
            motcua(&["check", kind, "x"]).status.code(),
            Some(1),
            "{kind} accepted as a kind"
        );
    }
}

#[test]
fn dossier_transition() {
    assert_eq!(motcua(&["dossier", "transition", "2", "4"]).status.code(), Some(0));
    assert_eq!(motcua(&["dossier", "transition", "9", "4"]).status.code(), Some(1));
    assert_eq!(
        motcua(&["dossier", "transition", "1", "3"]).status.code(),
        Some(1),
        "refusal needs a reason"
    );
    let o = motcua(&["dossier", "transition", "1", "3", "--reason", "Thiếu tờ khai", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(lines(&o)[0]["state"], "refused");
    let o = motcua(&["dossier", "transition", "5", "2", "--paused-from", "4", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(lines(&o)[0]["error"]["code"], 3005);
    assert_eq!(
        motcua(&[
            "dossier",
            "transition",
            "5",
            "2",
            "--paused-from",
            "4",
            "--policy",
            "restart"
        ])
        .status
        .code(),
        Some(0)
    );
}

#[test]
fn dossier_states_formats() {
    let o = motcua(&["dossier", "states", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["states"].as_array().unwrap().len(), 10);
    assert!(
        String::from_utf8(motcua(&["dossier", "states", "--format", "mermaid"]).stdout)
            .unwrap()
            .starts_with("stateDiagram-v2")
    );
    assert!(
        String::from_utf8(motcua(&["dossier", "states", "--format", "dot"]).stdout)
            .unwrap()
            .starts_with("digraph dossier")
    );
    assert_eq!(motcua(&["dossier", "states", "--format", "svg"]).status.code(), Some(2));
}

#[test]
fn dossier_validate_reports_every_record() {
    let input = "{\"MaHoSo\":\"000.00.00.H56-250715-0001\"}\n\nnot json\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["dossier", "validate", "-", "--json", "--today", "2026-11-24"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = lines(&o);
    assert_eq!(
        out.iter().map(|r| r["line"].as_u64().unwrap()).collect::<Vec<_>>(),
        [1, 3]
    );
    assert!(out[0]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["path"] == "$.MaTTHC" && i["code"] == 4001));
    assert_eq!(out[1]["issues"][0]["code"], 4010);

    let valid = format!("{}/../tests/vectors/sync.json", env!("CARGO_MANIFEST_DIR"));
    let cases: Value = serde_json::from_str(&std::fs::read_to_string(valid).unwrap()).unwrap();
    let doc = cases["cases"][0]["document"].to_string();
    let path = std::env::temp_dir().join(format!("motcua-valid-{}.json", std::process::id()));
    std::fs::write(&path, doc).unwrap();
    let o = motcua(&["dossier", "validate", path.to_str().unwrap(), "--today", "2026-11-24"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    std::fs::remove_file(path).unwrap();
    assert_eq!(
        motcua(&["dossier", "validate", "/nonexistent/file.jsonl"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn calendar_lunar() {
    // Tết 2026 is 17 February (brief §4.3); the leap month of 2025 is the 6th.
    let o = motcua(&["calendar", "lunar", "2026-02-17", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        lines(&o)[0],
        serde_json::json!({"year": 2026, "month": 1, "day": 1, "leap": false})
    );
    let o = motcua(&["calendar", "lunar", "2025-07-25", "--json"]);
    assert_eq!(
        lines(&o)[0],
        serde_json::json!({"year": 2025, "month": 6, "day": 1, "leap": true})
    );
    assert_eq!(
        motcua(&["calendar", "lunar", "1899-12-31"]).status.code(),
        Some(2),
        "outside 1900-2199"
    );
    assert_eq!(motcua(&["calendar", "lunar", "2026-02-30"]).status.code(), Some(2));
}

#[test]
fn calendar_holidays() {
    let o = motcua(&["calendar", "holidays", "--year", "2026", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let days = v.as_array().unwrap();
    for d in days {
        assert_eq!(d.as_object().unwrap().len(), 3, "{d}");
        assert!(["statutory", "tet", "compensatory", "override_off", "override_working"]
            .contains(&d["kind"].as_str().unwrap()));
    }
    let dates = |kind: &str| -> Vec<String> {
        days.iter()
            .filter(|d| d["kind"] == kind)
            .map(|d| d["date"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        dates("tet"),
        ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]
    );
    assert_eq!(dates("override_working"), ["2026-01-10", "2026-08-22"]);
    assert_eq!(dates("compensatory"), ["2026-04-27"]);

    // Same list as the shared vectors.
    let path = format!("{}/../tests/vectors/holidays.json", env!("CARGO_MANIFEST_DIR"));
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let y2025 = vectors["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2025)
        .unwrap();
    let o = motcua(&["calendar", "holidays", "--year", "2025", "--json"]);
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), y2025["holidays"]);

    let o = motcua(&["calendar", "holidays", "--year", "2026", "--include-24-11", "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|d| d["date"] == "2026-11-24"));
    assert_eq!(
        motcua(&["calendar", "holidays", "--year", "2300"]).status.code(),
        Some(2)
    );
    assert_eq!(
        motcua(&["calendar", "holidays"]).status.code(),
        Some(2),
        "--year is required"
    );
}

#[test]
fn calendar_is_working_day() {
    let o = motcua(&["calendar", "is-working-day", "2026-02-16", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = &lines(&o)[0];
    assert_eq!(v["working"], false);
    assert_eq!(v["reasons"][0]["rule"], "tet");
    let o = motcua(&["calendar", "is-working-day", "2026-01-10", "--json"]);
    assert_eq!(o.status.code(), Some(0), "make-up Saturday");
    assert_eq!(lines(&o)[0]["reasons"][1]["kind"], "makeup_working_day");
    assert_eq!(
        motcua(&["calendar", "is-working-day", "2026-11-23"]).status.code(),
        Some(0)
    );
    assert_eq!(
        motcua(&["calendar", "is-working-day", "2026-11-22"]).status.code(),
        Some(1)
    );
    assert_eq!(
        motcua(&["calendar", "is-working-day", "2026-02-30"]).status.code(),
        Some(2)
    );
    assert_eq!(motcua(&["calendar", "is-working-day"]).status.code(), Some(2));

    // A deployment's overrides win over the bundled ones; a malformed file is a usage error.
    let path = std::env::temp_dir().join(format!("motcua-overrides-{}.csv", std::process::id()));
    std::fs::write(
        &path,
        "date,weekday,type,reason,source\n2026-08-31,Mon,makeup_working_day,no bridge,QĐ 1\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    assert_eq!(
        motcua(&["calendar", "is-working-day", "2026-08-31"]).status.code(),
        Some(1)
    );
    assert_eq!(
        motcua(&["calendar", "is-working-day", "2026-08-31", "--overrides", p])
            .status
            .code(),
        Some(0)
    );
    std::fs::write(
        &path,
        "date,weekday,type,reason,source\n2026-08-31,Tue,makeup_working_day,x,y\n",
    )
    .unwrap();
    let o = motcua(&["calendar", "is-working-day", "2026-08-31", "--overrides", p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 2, weekday"));
    std::fs::remove_file(path).unwrap();
}

#[test]
fn calendar_due() {
    let due = |args: &[&str]| -> Value {
        let mut all = vec!["calendar", "due"];
        all.extend_from_slice(args);
        all.push("--json");
        let o = motcua(&all);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        lines(&o).remove(0)
    };
    let v = due(&[
        "--received",
        "2026-11-24T09:00",
        "--amount",
        "3",
        "--unit",
        "working-days",
    ]);
    assert_eq!(v["due"], "2026-11-27T09:00");
    assert_eq!(v["start"], "2026-11-24T09:00");
    let v = due(&[
        "--received",
        "2026-11-24T15:30",
        "--amount",
        "0",
        "--unit",
        "working-days",
        "--cutoff",
        "15:00",
    ]);
    assert_eq!(
        (v["due"].as_str(), v["cutoff"].as_str()),
        (Some("2026-11-25T17:00"), Some("15:00"))
    );
    let v = due(&[
        "--received",
        "2026-11-24T10:00",
        "--amount",
        "4",
        "--unit",
        "working-hours",
    ]);
    assert_eq!(v["due"], "2026-11-24T16:00");
    let v = due(&[
        "--received",
        "2026-11-24T09:00",
        "--amount",
        "4",
        "--unit",
        "calendar-days",
    ]);
    assert_eq!(v["due"], "2026-11-30T17:00", "Saturday → close of Monday");
    let v = due(&[
        "--received",
        "2026-01-09T09:00",
        "--amount",
        "1",
        "--unit",
        "working-days",
    ]);
    assert_eq!(v["due"], "2026-01-10T09:00", "make-up Saturday");
    let v = due(&[
        "--received",
        "2026-01-09T09:00",
        "--amount",
        "1",
        "--unit",
        "working-days",
        "--no-bundled-overrides",
    ]);
    assert_eq!(v["due"], "2026-01-12T09:00");

    // Clock stops and classification.
    let v = due(&[
        "--received",
        "2026-11-24T09:00",
        "--amount",
        "3",
        "--unit",
        "working-days",
        "--pause",
        "supplement:2026-11-25T09:00/2026-11-26T09:00",
        "--closed-at",
        "2026-11-30T09:00",
    ]);
    assert_eq!(v["due"], "2026-11-30T09:00");
    assert_eq!(v["assessment"]["standing"], "on_time");
    let v = due(&[
        "--received",
        "2026-11-24T09:00",
        "--amount",
        "3",
        "--unit",
        "working-days",
        "--pause",
        "supplement:2026-11-25T09:00/",
        "--supplement-policy",
        "restart",
        "--at",
        "2026-12-01T09:00",
    ]);
    assert_eq!(v["due"], Value::Null);
    assert_eq!(v["paused"], true);
    assert_eq!(v["assessment"]["scored_at"], "2026-11-25T09:00");
    assert_eq!(v["assessment"]["standing"], "on_track");

    // Bad input: exit 2 with the stable code and the field on stderr.
    for (args, needle) in [
        (
            vec![
                "--received",
                "2026-11-24T25:00",
                "--amount",
                "1",
                "--unit",
                "working-days",
            ],
            "[5001 deadline_time] received",
        ),
        (
            vec![
                "--received",
                "2026-11-24T09:00",
                "--amount",
                "-1",
                "--unit",
                "working-days",
            ],
            "[5004 deadline_period] amount",
        ),
        (
            vec!["--received", "2026-11-24T09:00", "--amount", "1", "--unit", "weeks"],
            "weeks",
        ),
        (
            vec![
                "--received",
                "2026-11-24T09:00",
                "--amount",
                "1",
                "--unit",
                "working-days",
                "--pause",
                "supplement:2026-11-24T08:00/2026-11-24T10:00",
            ],
            "[5003 deadline_pause] pauses[0].from",
        ),
        (
            vec![
                "--received",
                "2026-11-24T09:00",
                "--amount",
                "1",
                "--unit",
                "working-days",
                "--office-hours",
                "17:00-07:00",
            ],
            "[5002 deadline_office_hours]",
        ),
    ] {
        let mut all = vec!["calendar", "due"];
        all.extend_from_slice(&args);
        let o = motcua(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
