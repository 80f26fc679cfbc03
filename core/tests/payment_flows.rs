//! Confirmation callbacks and the polling schedule through the JSON face every binding uses
//! (tests/vectors/payment_flows.json; signatures there were computed with Python hashlib).
use motcua_core::payment::request::{check_callback_json, poll_json};
use serde_json::Value;

fn vectors() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/payment_flows.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn callbacks() {
    let v = vectors();
    let cases = v["callbacks"].as_array().unwrap();
    assert!(cases.len() >= 13);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let prev = c["previous"].as_object().map(|p| Value::Object(p.clone()).to_string());
        let out = check_callback_json(
            &c["callback"].to_string(),
            c["secret"].as_str().unwrap(),
            c["requested_amount"].as_i64(),
            prev.as_deref(),
        )
        .unwrap();
        let out: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(out["outcome"], c["outcome"], "{name}: {out}");
        for k in ["code", "field", "so_tien", "ma_loi"] {
            if let Some(want) = c.get(k) {
                assert_eq!(&out[k], want, "{name}: {k} in {out}");
            }
        }
    }
}

#[test]
fn polls() {
    for c in vectors()["polls"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        match poll_json(&c["request"].to_string()) {
            Ok(out) => {
                let out: Value = serde_json::from_str(&out).unwrap();
                assert_eq!(out["query_at"], c["query_at"], "{name}");
                assert_eq!(out["escalate"], c["escalate"], "{name}");
            }
            Err(e) => {
                assert_eq!(Some(u64::from(e.code.code())), c["error_code"].as_u64(), "{name}: {e}");
                assert_eq!(Some(e.field.as_ref()), c["error_field"].as_str(), "{name}");
            }
        }
    }
}
