//! Bytes → a DVCQG sync payload (đồng bộ hồ sơ): one JSON document or JSON Lines, through
//! `validate_input`, under the default rules of a fixed day.
//!
//! Invariants checked:
//! - nothing panics (malformed JSON, UTF-8, codes, times, amounts, nesting);
//! - JSON Lines give exactly one report per non-blank line, in line order (no record dropped), and
//!   `validate_jsonl` gives the same reports; a single document gives one report;
//! - every issue has a JSON path and the reports serialise;
//! - no issue message quotes the value of a personal field (the owner's name, ID number, phone or
//!   e-mail) that occurs once in the input and that no message template could hold (9 characters
//!   or more, with nine digits or a non-ASCII letter).
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use motcua_core::sync::validate::{validate_input, validate_jsonl, SyncRules};
use serde_json::Value;

const PERSONAL: [&str; 4] = ["ChuHoSo", "SoGiayToChuHoSo", "SoDienThoai", "Email"];

/// The string values of personal keys anywhere in `v`.
fn personal(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match x {
                    Value::String(s) if PERSONAL.contains(&k.as_str()) => out.push(s.clone()),
                    _ => personal(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| personal(x, out)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let rules = SyncRules::new(NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date"));
    let reports = validate_input(data, &rules);
    let mut secrets = Vec::new();
    if serde_json::from_slice::<serde::de::IgnoredAny>(data).is_ok() {
        assert_eq!(reports.len(), 1);
        if let Ok(v) = serde_json::from_slice::<Value>(data) {
            personal(&v, &mut secrets);
        }
    } else {
        let lines: Vec<usize> = data
            .split(|&b| b == b'\n')
            .enumerate()
            .filter(|(_, l)| l.iter().any(|b| !b.is_ascii_whitespace()))
            .map(|(i, l)| {
                if let Ok(v) = serde_json::from_slice::<Value>(l) {
                    personal(&v, &mut secrets);
                }
                i + 1
            })
            .collect();
        let got: Vec<usize> = reports.iter().map(|r| r.line).collect();
        assert_eq!(got, lines);
        assert_eq!(validate_jsonl(data, &rules), reports);
    }
    let text = String::from_utf8_lossy(data);
    // Only what no message template could hold: nine digits or more, or a non-ASCII letter.
    secrets.retain(|s| {
        let telling = s.chars().filter(char::is_ascii_digit).count() >= 9 || !s.is_ascii();
        telling && s.chars().count() >= 9 && text.matches(s.as_str()).count() == 1
    });
    for r in &reports {
        for i in &r.issues {
            assert!(i.path.starts_with('$'), "{i:?}");
            for s in &secrets {
                assert!(!i.message.contains(s.as_str()), "a personal value quoted at {}", i.path);
            }
        }
        serde_json::to_string(r).expect("report serialises");
    }
});
