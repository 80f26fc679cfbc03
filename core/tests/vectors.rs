//! The shared vectors of `tests/vectors/*.json`, run against the Rust core.
use motcua_core::check::{check, IdKind};
use motcua_core::config::Config;
use motcua_core::status::{self, ResumePolicy, TransitionInput};
use motcua_core::sync::{validate_document, HoSo};
use motcua_core::Vnd;
use serde_json::{json, Value};

fn load(name: &str) -> Value {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn config(case: &Value, file: &Value) -> Config {
    let c = case.get("config").unwrap_or(&file["config"]);
    Config::from_json(&c.to_string()).unwrap()
}

#[test]
fn identifier_vectors() {
    let v = load("identifiers.json");
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() > 80);
    for c in cases {
        let rules = config(c, &v).id_rules().unwrap();
        let kind = IdKind::from_name(c["kind"].as_str().unwrap()).unwrap();
        let value = c["value"].as_str().unwrap();
        let r = check(kind, value, &rules);
        let ctx = format!("{} {value:?}", c["kind"]);
        assert_eq!(r.valid, c["valid"].as_bool().unwrap(), "{ctx}: {r:?}");
        if r.valid {
            assert_eq!(r.canonical.as_deref(), c["canonical"].as_str(), "{ctx}");
            for (k, want) in c.get("parsed").and_then(Value::as_object).into_iter().flatten() {
                assert_eq!(r.parsed.get(k).unwrap_or(&Value::Null), want, "{ctx} parsed.{k}");
            }
        } else {
            let e = r.error.as_ref().unwrap();
            let message = e.to_string();
            assert_eq!(json!(e.code.code()), c["error_code"], "{ctx}: {message}");
            // As the JSON answer gives it.
            assert_eq!(
                json!(r)["error"],
                json!({"code": e.code.code(), "message": message}),
                "{ctx}"
            );
            assert!(
                message.starts_with(|ch: char| ch.is_ascii_lowercase()),
                "message names the field: {message}"
            );
            if matches!(kind, IdKind::Cccd | IdKind::Cmnd | IdKind::Passport | IdKind::Mst) && value.len() > 5 {
                assert!(!message.contains(value), "{ctx}: message leaks the number: {message}");
            }
        }
    }
}

#[test]
fn money_vectors() {
    for c in load("money.json")["cases"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        let r = if c["non_negative"].as_bool() == Some(true) {
            Vnd::parse_non_negative("amount", input)
        } else {
            Vnd::parse("amount", input)
        };
        match c.get("value") {
            Some(v) => assert_eq!(r.unwrap().0, v.as_i64().unwrap(), "{input}"),
            None => assert_eq!(json!(r.unwrap_err().code().code()), c["error_code"], "{input}"),
        }
    }
}

#[test]
fn transition_vectors() {
    for c in load("transitions.json")["cases"].as_array().unwrap() {
        let m = status::machine(c["machine"].as_str().unwrap()).unwrap();
        let input = TransitionInput {
            reason: c["reason"].as_str(),
            admin: c["admin"].as_bool().unwrap_or(false),
            policy: c["policy"]
                .as_str()
                .map_or(ResumePolicy::Resume, |p| ResumePolicy::from_name(p).unwrap()),
        };
        let r = m.transition_by_name(
            c["from"].as_str().unwrap(),
            c["paused_from"].as_str(),
            c["to"].as_str().unwrap(),
            &input,
        );
        match (r, c.get("to_state")) {
            (Ok(p), Some(want)) => {
                assert_eq!(m.states[p.state].key, want.as_str().unwrap(), "{c}");
                assert_eq!(
                    p.paused_from.map(|i| m.states[i].key),
                    c["paused_from_after"].as_str(),
                    "{c}"
                );
            }
            (Err(e), None) => assert_eq!(json!(e.code().code()), c["error_code"], "{c}: {e}"),
            (r, _) => panic!("{c}: got {r:?}"),
        }
    }
}

fn personal_values(doc: &Value, out: &mut Vec<String>) {
    match doc {
        Value::Object(m) => {
            for (k, v) in m {
                if ["SoGiayToChuHoSo", "SoDinhDanh", "ChuHoSo", "SoDienThoai", "Email"].contains(&k.as_str()) {
                    if let Some(s) = v.as_str().filter(|s| s.len() > 3) {
                        out.push(s.to_string());
                    }
                }
                personal_values(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| personal_values(v, out)),
        _ => {}
    }
}

#[test]
fn sync_vectors() {
    let v = load("sync.json");
    for c in v["cases"].as_array().unwrap() {
        let rules = config(c, &v).sync_rules().unwrap();
        let text = c
            .get("raw")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| c["document"].to_string());
        let issues = validate_document(text.as_bytes(), &rules);
        let mut got: Vec<(u32, String)> = issues.iter().map(|i| (i.code.code(), i.path.clone())).collect();
        let mut want: Vec<(u32, String)> = c["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["code"].as_u64().unwrap() as u32,
                    i["path"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}: {issues:#?}", c["name"]);
        let mut secrets = Vec::new();
        personal_values(&c["document"], &mut secrets);
        for i in &issues {
            for s in &secrets {
                assert!(
                    !i.message.contains(s.as_str()),
                    "{}: message leaks personal data: {}",
                    c["name"],
                    i.message
                );
            }
        }
        // Lossless round trip of every JSON object document.
        if let Some(doc) = c.get("document").filter(|d| d.is_object()) {
            let text = doc.to_string();
            let h = HoSo::from_json(&text).unwrap();
            assert_eq!(&serde_json::to_value(&h).unwrap(), doc, "{}", c["name"]);
            let dbg = format!("{h:?}");
            for s in &secrets {
                assert!(!dbg.contains(s.as_str()), "Debug leaks personal data");
            }
        }
    }
}
