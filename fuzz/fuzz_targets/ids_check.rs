//! Bytes → an identifier check (kiểm tra mã): the first byte picks the kind (CCCD, CMND, passport,
//! tax code, agency, dossier code, procedure, province, commune, bank BIN), the rest is the value
//! (UTF-8, lossy), through `check::check` under the default rules of a fixed day.
//!
//! Invariants checked:
//! - nothing panics;
//! - `valid` ⇔ a canonical form ⇔ no error;
//! - the canonical form of a valid value is valid and its own canonical form, with the same parse;
//! - a refused CCCD, CMND or passport never has five digits in a row of its value in the error
//!   message (personal data; a message may name a 3-digit prefix or a year), and the result
//!   serialises.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use motcua_core::check::{check, IdKind};
use motcua_core::ids::IdRules;

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else { return };
    let kind = IdKind::ALL[usize::from(k) % IdKind::ALL.len()];
    let value = String::from_utf8_lossy(rest);
    let rules = IdRules::new(NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date"));
    let r = check(kind, &value, &rules);
    serde_json::to_string(&r).expect("result serialises");
    assert_eq!(r.valid, r.canonical.is_some());
    assert_eq!(r.valid, r.error.is_none());
    if let Some(c) = &r.canonical {
        let again = check(kind, c, &rules);
        assert!(again.valid, "{kind:?}: the canonical form is refused");
        assert_eq!(again.canonical.as_deref(), Some(c.as_str()));
        assert_eq!(again.parsed, r.parsed);
    }
    if let (Some(e), IdKind::Cccd | IdKind::Cmnd | IdKind::Passport) = (&r.error, kind) {
        let message = e.to_string();
        let digits: Vec<&str> = value
            .split(|c: char| !c.is_ascii_digit())
            .filter(|d| d.len() >= 5)
            .collect();
        for d in digits {
            for w in d.as_bytes().windows(5) {
                let w = std::str::from_utf8(w).expect("digits");
                assert!(!message.contains(w), "{kind:?}: the message quotes digits of the value");
            }
        }
    }
});
