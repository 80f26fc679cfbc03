//! Bytes → the payment platform's outgoing side (nền tảng thanh toán): the first byte picks INIT,
//! QUERY or GET_BILL, the rest splits at the first two 0xFF into the secret, a build request
//! (JSON) and a polling request (JSON); also an amount string.
//!
//! Invariants checked:
//! - `build_json`, `poll_json` and `Vnd::parse` never panic (times, amounts, receipts, minutes
//!   from anywhere);
//! - a built message verifies with its secret, and not with another;
//! - a polling answer is `{"query_at", "escalate"}`, its query not before the request's `now`
//!   when that is written as the answer writes times;
//! - a parsed amount written back parses to the same amount.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua_core::payment::request::{build_json, poll_json, verify_json};
use motcua_core::Vnd;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let kind = ["INIT", "QUERY", "GET_BILL"][usize::from(k) % 3];
    let mut parts = rest.splitn(3, |&b| b == 0xFF);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (secret, build, poll) = (next(), next(), next());
    if let Ok(m) = build_json(kind, &build, &secret) {
        assert_eq!(verify_json(kind, &m, &secret), Ok(true), "{m}");
        assert_eq!(verify_json(kind, &m, &format!("{secret}x")), Ok(false), "{m}");
    }
    if let Ok(answer) = poll_json(&poll) {
        let v: Value = serde_json::from_str(&answer).expect("the answer is JSON");
        let query_at = v["query_at"].as_str().expect("query_at");
        assert!(v["escalate"].is_boolean(), "{answer}");
        let asked: Value = serde_json::from_str(&poll).expect("an answered request is JSON");
        let shape = |t: &str| t.len() == 19 && t.as_bytes()[10] == b'T';
        if let Some(now) = asked["now"].as_str().filter(|n| shape(n) && shape(query_at)) {
            assert!(query_at >= now, "{answer} for now {now}");
        }
    }
    for s in [&secret, &build] {
        if let Ok(v) = Vnd::parse("so_tien", s) {
            assert_eq!(Vnd::parse("so_tien", &v.0.to_string()).ok(), Some(v), "{s:?}");
        }
    }
});
