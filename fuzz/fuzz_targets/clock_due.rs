//! Bytes → a due-date computation (tính ngày hẹn trả): split at the first 0xFF into the clock's
//! settings (JSON, `ClockConfig`) and a request (JSON, `DueRequest`), through `evaluate_json`.
//!
//! Invariants checked:
//! - nothing panics and every call returns (libFuzzer's timeout): settings, overrides, office hours,
//!   amounts, units, pauses, cut-offs and times from anywhere;
//! - an answer is a JSON object whose `amount` and `unit` are the request's, and its `due`, when
//!   given, is not before its `start`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua_core::calendar::{ClockConfig, WorkClock};
use serde_json::Value;
use std::cell::RefCell;

thread_local! {
    static LAST: RefCell<Option<(String, WorkClock)>> = const { RefCell::new(None) };
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |&b| b == 0xFF);
    let config = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let request = String::from_utf8_lossy(parts.next().unwrap_or_default());
    // A clock takes milliseconds to build (300 years precomputed): the last one is kept for the
    // next input with the same settings.
    let answer = LAST.with_borrow_mut(|last| {
        if last.as_ref().is_none_or(|(text, _)| *text != config) {
            *last = ClockConfig::from_json(&config)
                .and_then(|c| c.clock())
                .ok()
                .map(|clock| (config.to_string(), clock));
        }
        last.as_ref().map(|(_, clock)| clock.evaluate_json(&request))
    });
    let Some(Ok(answer)) = answer else {
        return;
    };
    let v: Value = serde_json::from_str(&answer).expect("the answer is JSON");
    let asked: Value = serde_json::from_str(&request).expect("an answered request is JSON");
    assert_eq!(v["amount"], asked["amount"], "{answer}");
    if let (Some(due), Some(start)) = (v["due"].as_str(), v["start"].as_str()) {
        assert!(due >= start, "{answer}");
    }
});
