//! The payment commands' contract: `motcua qr parse|build`, `motcua pay sign|verify|build|confirm|poll`,
//! `motcua receipt check` — exit codes and JSON shapes, over the shared vectors.
use serde_json::Value;
use std::process::{Command, Output};

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua")).args(args).output().unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn vectors(name: &str) -> Value {
    let p = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// A fresh file (tests run in parallel: every call gets its own name).
fn tmp(name: &str, text: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("motcua-cli-pay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!("{n}-{name}"));
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn qr_parse_every_vector_in_both_modes() {
    let keys = [
        "valid",
        "crc_ok",
        "bin",
        "bank",
        "account",
        "service",
        "amount",
        "purpose",
        "point_of_initiation",
        "warnings",
        "error",
    ];
    for c in vectors("vietqr.json")["cases"].as_array().unwrap() {
        let payload = c["payload"].as_str().unwrap();
        for (mode, flag) in [("strict", Some("--strict")), ("lenient", None)] {
            let mut args = vec!["qr", "parse", payload, "--json"];
            args.extend(flag);
            let o = motcua(&args);
            let v = json(&o);
            let mut got: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
            got.sort_unstable();
            let mut want = keys.to_vec();
            want.sort_unstable();
            assert_eq!(got, want, "exact key set");
            let exp = &c[mode];
            assert_eq!(v["valid"], exp["valid"], "{} {mode}", c["id"]);
            assert_eq!(
                o.status.code(),
                Some(if exp["valid"] == true { 0 } else { 1 }),
                "{} {mode}",
                c["id"]
            );
            // crc_ok .. point_of_initiation
            for k in &keys[1..9] {
                if let Some(e) = exp.get(*k) {
                    assert_eq!(&v[*k], e, "{} {mode} {k}", c["id"]);
                }
            }
            if let Some(e) = exp.get("error").filter(|e| !e.is_null()) {
                assert_eq!(v["error"]["code"], e["code"], "{} {mode}", c["id"]);
                assert_eq!(v["error"]["field"], e["field"], "{} {mode}", c["id"]);
            }
        }
    }
}

#[test]
fn qr_build_reproduces_vectors_and_draws() {
    let mut built = 0;
    for c in vectors("vietqr.json")["cases"].as_array().unwrap() {
        let Some(b) = c.get("build") else { continue };
        let mut args: Vec<String> = vec!["qr".into(), "build".into()];
        for (k, flag) in [
            ("bin", "--bin"),
            ("account", "--account"),
            ("purpose", "--purpose"),
            ("bill_number", "--bill-number"),
            ("service", "--service"),
        ] {
            if let Some(v) = b[k].as_str() {
                args.extend([flag.to_string(), v.to_string()]);
            }
        }
        if let Some(a) = b["amount"].as_i64() {
            args.extend(["--amount".into(), a.to_string()]);
        }
        let o = motcua(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            String::from_utf8(o.stdout).unwrap().trim(),
            c["payload"].as_str().unwrap(),
            "{}",
            c["id"]
        );
        built += 1;
    }
    assert!(built >= 3);
    let svg = tmp("q.svg", "");
    let png = tmp("q.png", "");
    let o = motcua(&[
        "qr",
        "build",
        "--bin",
        "970436",
        "--account",
        "0011012345678",
        "--amount",
        "50000",
        "--purpose",
        "Lệ phí 000.00.00.H56",
        "--svg",
        &svg,
        "--png",
        &png,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let payload = String::from_utf8(o.stdout).unwrap();
    assert!(
        payload.contains("Le phi 000.00.00.H56"),
        "diacritics removed: {payload}"
    );
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    // Bad input: usage error with the stable code.
    let o = motcua(&["qr", "build", "--bin", "123456", "--account", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("[6003 qr_field] bin"));
}

#[test]
fn pay_sign_and_verify_every_signature_vector() {
    for c in vectors("payment_signatures.json")["cases"].as_array().unwrap() {
        let msg = c["message"].as_str().unwrap();
        let secret = tmp("secret", &format!("{}\n", c["secret"].as_str().unwrap()));
        let file = tmp("msg.json", &c["fields"].to_string());
        let o = motcua(&["pay", "sign", "--message", msg, "--secret-file", &secret, &file]);
        assert_eq!(o.status.code(), Some(0));
        let signed = json(&o);
        assert_eq!(signed["MaXacThuc"], c["MaXacThuc"], "{msg}");
        let signed_file = tmp("signed.json", &signed.to_string());
        let o = motcua(&[
            "pay",
            "verify",
            "--message",
            msg,
            "--secret-file",
            &secret,
            &signed_file,
        ]);
        assert_eq!(
            (o.status.code(), String::from_utf8(o.stdout).unwrap().trim()),
            (Some(0), "valid")
        );
        let mut edited = signed.clone();
        edited["MaThamChieu"] = Value::from("other");
        let edited_file = tmp("edited.json", &edited.to_string());
        let o = motcua(&[
            "pay",
            "verify",
            "--message",
            msg,
            "--secret-file",
            &secret,
            &edited_file,
            "--json",
        ]);
        assert_eq!(o.status.code(), Some(1), "bad signature → exit 1");
        assert_eq!(json(&o)["valid"], false);
    }
    let secret = tmp("secret", "s");
    let o = motcua(&[
        "pay",
        "sign",
        "--message",
        "PAY",
        "--secret-file",
        &secret,
        &tmp("m.json", "{}"),
    ]);
    assert_eq!(o.status.code(), Some(2), "unknown message kind");
    let o = motcua(&[
        "pay",
        "verify",
        "--message",
        "QUERY",
        "--secret-file",
        &secret,
        &tmp("m.json", "{}"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "missing field is a usage error, not a bad signature"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("[6101 pay_missing_field]"));
}

#[test]
fn pay_confirm_every_callback_vector_and_poll() {
    let v = vectors("payment_flows.json");
    for c in v["callbacks"].as_array().unwrap() {
        let secret = tmp("secret", c["secret"].as_str().unwrap());
        let file = tmp("cb.json", &c["callback"].to_string());
        let mut args = vec![
            "pay".to_string(),
            "confirm".into(),
            "--secret-file".into(),
            secret,
            file,
        ];
        if let Some(a) = c["requested_amount"].as_i64() {
            args.extend(["--requested-amount".into(), a.to_string()]);
        }
        if !c["previous"].is_null() {
            args.extend(["--previous".into(), tmp("prev.json", &c["previous"].to_string())]);
        }
        let o = motcua(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let out = json(&o);
        assert_eq!(out["outcome"], c["outcome"], "{}", c["name"]);
        assert_eq!(
            o.status.code(),
            Some(if c["outcome"] == "rejected" { 1 } else { 0 }),
            "{}",
            c["name"]
        );
        if let Some(code) = c.get("code") {
            assert_eq!(&out["code"], code, "{}", c["name"]);
        }
    }
    let o = motcua(&[
        "pay",
        "poll",
        "--initiated-at",
        "2026-11-24T15:30:00",
        "--queries",
        "3",
        "--last-query-at",
        "2026-11-24T15:45:00",
        "--now",
        "2026-11-24T15:46:00",
    ]);
    assert_eq!(json(&o)["query_at"], "2026-11-24T16:01:00");
    let o = motcua(&[
        "pay",
        "poll",
        "--initiated-at",
        "2026-11-24 03:30 PM",
        "--now",
        "2026-11-24T15:31:00",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let secret = tmp("secret", "s");
    let req = tmp(
        "req.json",
        r#"{"ma_doi_tac":"TH","ma_tham_chieu":"dvc1","thoi_gian":"2026-11-24T15:30:05","so_tien":50000,"ip":"10.0.0.1"}"#,
    );
    let o = motcua(&["pay", "build", "--message", "INIT", "--secret-file", &secret, &req]);
    let init = json(&o);
    assert_eq!(init["ThoiGianGD"], "20261124153005", "24-hour ThoiGianGD");
    let f = tmp("init.json", &init.to_string());
    assert_eq!(
        motcua(&["pay", "verify", "--message", "INIT", "--secret-file", &secret, &f])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn receipt_check_every_vector() {
    for c in vectors("receipts.json")["cases"].as_array().unwrap() {
        let text = c
            .get("json")
            .and_then(Value::as_str)
            .map_or_else(|| c["receipt"].to_string(), str::to_string);
        let file = tmp("receipt.json", &text);
        let mut args = vec!["receipt".to_string(), "check".into(), file];
        if let Some(r) = c.get("rules") {
            if r["separate_kinds"] == false {
                args.push("--allow-mixed-kinds".into());
            }
            if let Some(n) = r["max_number"].as_i64() {
                args.extend(["--max-number".into(), n.to_string()]);
            }
        }
        let o = motcua(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let out = json(&o);
        assert_eq!(out["valid"], c["valid"], "{}", c["name"]);
        assert_eq!(
            o.status.code(),
            Some(if c["valid"] == true { 0 } else { 1 }),
            "{}",
            c["name"]
        );
        let codes: Vec<&Value> = out["errors"].as_array().unwrap().iter().map(|e| &e["code"]).collect();
        assert_eq!(
            codes,
            c["error_codes"].as_array().unwrap().iter().collect::<Vec<_>>(),
            "{}",
            c["name"]
        );
        let stdout = String::from_utf8(o.stdout).unwrap();
        assert!(
            !stdout.contains("038090000001") && !stdout.contains("Nguyễn"),
            "no personal data: {stdout}"
        );
    }
}
