//! `motcua reconcile` contract through the built binary: results.jsonl (one object per input
//! record, the required keys, the sample's expected classes), the control-total table, --json,
//! --report, JSON Lines input, `motcua scenario recon`, and exit codes.
use serde_json::Value;
use std::collections::HashMap;
use std::process::{Command, Output};

#[path = "../../core/tests/common/mod.rs"]
mod common;
use common::expect_run;

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua")).args(args).output().unwrap()
}

fn vector(name: &str) -> String {
    format!("{}/../tests/vectors/recon/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("motcua-cli-recon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{n}-{name}")).to_str().unwrap().to_string()
}

fn rows(path: &str) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sample_args<'a>(out: &'a str, extra: &[&'a str]) -> Vec<String> {
    let mut a: Vec<String> = [
        "reconcile",
        "--dossiers",
        &vector("dossiers.csv"),
        "--payments",
        &vector("payments.csv"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    a.extend([
        "--bank".to_string(),
        vector("bank.csv"),
        "--out".to_string(),
        out.to_string(),
    ]);
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

#[test]
fn sample_results_table_report_and_json() {
    let out = tmp("results.jsonl");
    let report = tmp("report.html");
    let args = sample_args(&out, &["--report", &report]);
    let o = motcua(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.contains("bank     = total in              1388"), "{table}");
    assert!(table.contains("bank     = total out             1388"), "{table}");
    assert!(table.contains("balanced"), "{table}");
    // Not a terminal: no progress bar.
    assert!(o.stderr.is_empty());

    let rows = rows(&out);
    assert_eq!(rows.len(), 1388 + 1643, "one row per bank line and per payment attempt");
    for r in &rows {
        for k in [
            "source",
            "id",
            "class",
            "ma_ho_so",
            "ma_tham_chieu",
            "confidence",
            "reason",
        ] {
            assert!(r.get(k).is_some(), "{k} missing in {r}");
        }
    }
    let got: HashMap<(String, String), &Value> = rows
        .iter()
        .map(|r| {
            (
                (r["source"].as_str().unwrap().into(), r["id"].as_str().unwrap().into()),
                r,
            )
        })
        .collect();
    let expected = std::fs::read_to_string(vector("expected.csv")).unwrap();
    let mut n = 0;
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        let r = got[&(f[0].to_string(), f[1].to_string())];
        assert_eq!(
            (r["class"].as_str(), r["ma_ho_so"].as_str(), r["ma_tham_chieu"].as_str()),
            (Some(f[2]), Some(f[3]), Some(f[4])),
            "{line}"
        );
        n += 1;
    }
    assert_eq!(n, 2602);

    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains("<svg") && html.contains("per agency"));
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
        "self-contained"
    );

    let args = sample_args(&out, &["--json"]);
    let o = motcua(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["input"]["bank"]["rows"], 1388);
    assert_eq!(s["output"]["bank"]["matched"]["rows"], 1173);
    assert_eq!(
        s["input"]["payment"]["amount"],
        s["output"]["payment"]
            .as_object()
            .unwrap()
            .values()
            .map(|t| t["amount"].as_i64().unwrap())
            .sum::<i64>()
    );
}

#[test]
fn jsonl_input_and_bad_rows_stay_in_the_output() {
    let d = tmp("d.jsonl");
    let p = tmp("p.jsonl");
    let b = tmp("b.csv");
    std::fs::write(&d, r#"{"ma_ho_so":"000.00.14.H40-260609-0001","ngay_tiep_nhan":"20260609093500","tong_phi":30000,"tk_thu_huong":"303794335041"}
"#).unwrap();
    std::fs::write(&p, r#"{"ma_tham_chieu":"dvc0000014H40260609000120260610011800","ma_ho_so":"000.00.14.H40-260609-0001","so_tien":"30000","thoi_gian_gd":"20260610011800","trang_thai_gd":1,"tk_thu_huong":"303794335041"}
not json
"#).unwrap();
    std::fs::write(&b, "ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong,noi_dung\nNH1,2026-06-10 02:00:00,30000,303794335041,nop phi 000.00.14.H40-260609-0001\nNH2,2026-06-10 02:00:00,30.000,303794335041,NGUYEN VAN A\n").unwrap();
    let out = tmp("r.jsonl");
    let o = motcua(&[
        "reconcile",
        "--dossiers",
        &d,
        "--payments",
        &p,
        "--bank",
        &b,
        "--out",
        &out,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = rows(&out);
    let class = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .map(|r| r["class"].as_str().unwrap().to_string())
    };
    assert_eq!(class("NH1").as_deref(), Some("matched"));
    assert_eq!(class("NH2").as_deref(), Some("invalid_input"));
    let bad = rows.iter().find(|r| r["id"] == "NH2").unwrap();
    assert_eq!(
        (bad["line"].as_u64(), bad["error"]["code"].as_u64()),
        (Some(3), Some(7003))
    );
    assert!(!bad.to_string().contains("NGUYEN"), "no remark text in the error");
    let bad_payment = rows
        .iter()
        .find(|r| r["source"] == "payment" && r["class"] == "invalid_input")
        .unwrap();
    assert_eq!(
        (bad_payment["line"].as_u64(), bad_payment["error"]["code"].as_u64()),
        (Some(2), Some(7005))
    );
    assert_eq!(rows.len(), 4);
}

/// Every case of tests/vectors/recon/cases.json through the binary: results.jsonl and the --json
/// totals, or exit 2 naming the error's code and field.
#[test]
fn every_case_vector_through_the_binary() {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(vector("cases.json")).unwrap()).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 27, "{} cases", cases.len());
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let ext = c["format"].as_str().unwrap();
        let files: Vec<String> = ["dossiers", "payments", "bank"]
            .iter()
            .map(|k| {
                let path = tmp(&format!("{k}.{ext}"));
                std::fs::write(&path, c[*k].as_str().unwrap()).unwrap();
                path
            })
            .collect();
        let out = tmp("results.jsonl");
        let mut args = vec![
            "reconcile".to_string(),
            "--dossiers".into(),
            files[0].clone(),
            "--payments".into(),
            files[1].clone(),
            "--bank".into(),
            files[2].clone(),
            "--out".into(),
            out.clone(),
            "--json".into(),
        ];
        // The rules JSON's keys as options: `window_hours` as --window-hours, `fields` as --fields.
        for (k, v) in c.get("rules").and_then(Value::as_object).into_iter().flatten() {
            args.push(format!("--{}", k.replace('_', "-")));
            args.push(v.as_str().map_or_else(|| v.to_string(), str::to_string));
        }
        let o = motcua(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let stderr = String::from_utf8_lossy(&o.stderr);
        if let Some(e) = c["expect"].get("error") {
            let want = format!("[{} ", e["code"]);
            assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
            assert!(
                stderr.contains(&want) && stderr.contains(e["field"].as_str().unwrap()),
                "{name}: {stderr}"
            );
            continue;
        }
        assert_eq!(o.status.code(), Some(0), "{name}: {stderr}");
        let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
        let got = serde_json::json!({"summary": summary, "rows": rows(&out)});
        expect_run(&c["expect"], &got).unwrap_or_else(|e| panic!("{name}: {e}\n{got:#}"));
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = tmp("o.jsonl");
    let no_col = tmp("no_col.csv");
    std::fs::write(&no_col, "ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong\n").unwrap();
    let d = vector("dossiers.csv");
    let p = vector("payments.csv");
    for (bank, want) in [(tmp("missing.csv"), "bank: cannot open"), (no_col, "7001")] {
        let o = motcua(&[
            "reconcile",
            "--dossiers",
            &d,
            "--payments",
            &p,
            "--bank",
            &bank,
            "--out",
            &out,
        ]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{err}");
    }
    let o = motcua(&["reconcile", "--dossiers", &d, "--payments", &p, "--out", &out]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn scenario_writes_the_four_files_and_reconciles() {
    let dir = tmp("scenario");
    let o = motcua(&[
        "scenario",
        "recon",
        "--seed",
        "3",
        "--bank-lines",
        "2000",
        "--out",
        &dir,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let f = |n: &str| format!("{dir}/{n}");
    let out = tmp("s.jsonl");
    let o = motcua(&[
        "reconcile",
        "--dossiers",
        &f("dossiers.csv"),
        "--payments",
        &f("payments.csv"),
        "--bank",
        &f("bank.csv"),
        "--out",
        &out,
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["input"]["bank"]["rows"], 2000);
    let truth = std::fs::read_to_string(f("expected.csv")).unwrap();
    assert!(truth.starts_with("source,id,class,ma_ho_so,ma_tham_chieu,mangling"));
}
