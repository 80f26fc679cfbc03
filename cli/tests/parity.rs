//! `motcua parity --statuses F --out F [--json]`: the bundled example and every shared vector
//! (tests/vectors/parity.json) through the built binary; exit codes and output shapes.
use serde_json::Value;
use std::process::{Command, Output};

#[path = "../../core/tests/common/mod.rs"]
mod common;
use common::subset;

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua")).args(args).output().unwrap()
}

fn root(rel: &str) -> String {
    format!("{}/../{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn vectors() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root("tests/vectors/parity.json")).unwrap()).unwrap()
}

/// A fresh path in a per-process directory (tests run in parallel: every call gets its own name).
fn tmp(name: &str, text: Option<&str>) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("motcua-cli-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!("{n}-{name}"));
    if let Some(t) = text {
        std::fs::write(&p, t).unwrap();
    }
    p.to_str().unwrap().to_string()
}

fn entries(path: &str) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn example_table_and_entries() {
    let out = tmp("example.jsonl", None);
    let o = motcua(&[
        "parity",
        "--statuses",
        &root("examples/parity/statuses.csv"),
        "--out",
        &out,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let table = String::from_utf8(o.stdout).unwrap();
    for want in [
        "consistent              4          7",
        "lagging                 5         12",
        "conflicting             2          4",
        "superseded              1          1",
        "invalid_input           4          4",
        "total                  16         28",
        "rows in 28, rows accounted for 28: balanced",
        "sync actions 7 (1 need a reason, 1 an administrative action), manual reviews 2",
    ] {
        assert!(table.contains(want), "{want:?} not in\n{table}");
    }
    let es = entries(&out);
    assert_eq!(es.len(), 16);
    // Every data line (2..=29) lands in exactly one entry.
    let mut lines: Vec<u64> = Vec::new();
    for e in &es {
        match e["lines"].as_array() {
            Some(ls) => lines.extend(ls.iter().map(|l| l.as_u64().unwrap())),
            None => lines.push(e["line"].as_u64().unwrap()),
        }
        assert_eq!(
            e["rows"].as_u64().unwrap(),
            e["lines"].as_array().map_or(1, |l| l.len() as u64)
        );
    }
    lines.sort_unstable();
    assert_eq!(lines, (2..=29).collect::<Vec<u64>>());
    // The example's stories.
    let by_code = |c: &str| {
        es.iter()
            .find(|e| e["ma_ho_so"] == c && e["class"] != "superseded")
            .unwrap()
    };
    let d2 = by_code("000.00.00.H56-250715-0002");
    assert_eq!(d2["class"], "lagging");
    assert_eq!(d2["actions"][0]["transitions"][0]["action"], "forward (chuyển xử lý)");
    assert_eq!(by_code("000.00.00.H56-250715-0004")["actions"][0]["needs_reason"], true);
    assert_eq!(by_code("000.00.00.H56-250715-0005")["actions"][0]["needs_admin"], true);
    assert_eq!(
        by_code("000.00.00.H56-250715-0007")["actions"][0]["kind"],
        "manual_review"
    );
    assert_eq!(by_code("000.05.23.H29-250715-0009")["class"], "consistent");

    let o = motcua(&[
        "parity",
        "--statuses",
        &root("examples/parity/statuses.csv"),
        "--out",
        &out,
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (s["rows_in"].as_u64(), s["rows_accounted"].as_u64()),
        (Some(28), Some(28))
    );
    assert_eq!(s["balanced"], true);
    assert_eq!(s["entries"]["lagging"], 5);
    assert_eq!(s["rows"]["total"], 28);
    assert_eq!(entries(&out).len(), 16, "the same entries with --json");
}

#[test]
fn every_vector_through_the_binary() {
    let v = vectors();
    for c in v["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let ext = c["format"].as_str().unwrap();
        let input = tmp(&format!("statuses.{ext}"), Some(c["input"].as_str().unwrap()));
        let out = tmp("out.jsonl", None);
        let o = motcua(&["parity", "--statuses", &input, "--out", &out, "--json"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
        let got = serde_json::json!({"summary": summary, "entries": entries(&out)});
        subset(&c["expect"], &got, "$").unwrap_or_else(|e| panic!("{name}: {e}\n{got:#}"));
    }
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = tmp("out.jsonl", None);
    let csv = tmp("s.csv", Some("ma_ho_so,system,trang_thai,updated_at\n"));
    let txt = tmp("s.txt", Some("ma_ho_so,system,trang_thai,updated_at\n"));
    let missing = tmp("missing.csv", None);
    let no_dir = tmp("no-such-dir/out.jsonl", None);
    for (args, want) in [
        (
            vec!["parity", "--statuses", &txt, "--out", &out],
            "expected a .csv or .jsonl file",
        ),
        (
            vec!["parity", "--statuses", &missing, "--out", &out],
            "statuses: cannot open",
        ),
        (
            vec!["parity", "--statuses", &csv, "--out", &no_dir],
            "out: cannot create",
        ),
        (vec!["parity", "--statuses", &csv], "--out"),
        (vec!["parity", "--out", &out], "--statuses"),
    ] {
        let o = motcua(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    // Header only: a complete run with nothing in it.
    let o = motcua(&["parity", "--statuses", &csv, "--out", &out, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((s["rows_in"].as_u64(), s["balanced"].as_bool()), (Some(0), Some(true)));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");
}
