//! Bytes → status rows (đối chiếu trạng thái), read as CSV with the header prepended, as CSV as
//! given, and as JSON Lines, through `Parity::check`.
//!
//! Invariants checked:
//! - nothing panics (malformed CSV, JSON, UTF-8, codes, statuses, times, repeated columns);
//! - the control totals balance, and every input row is in exactly one entry: the entries' lines
//!   are distinct and there are as many as rows read;
//! - every sync plan is a chain of table transitions from the behind system's status to the
//!   leader's, and needs a reason or an administrative action only when it has a transition;
//! - the report serialises, and `parity_json` gives the same JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua_core::parity::{parity_json, read_rows, InputFormat, Parity, ParityEntry, SyncAction};
use std::collections::HashSet;

const HEADER: &[u8] = b"ma_ho_so,system,trang_thai,updated_at\n";

fuzz_target!(|data: &[u8]| {
    let with_header = [HEADER, data].concat();
    for (input, format) in [
        (&with_header[..], InputFormat::Csv),
        (data, InputFormat::Csv),
        (data, InputFormat::Jsonl),
    ] {
        let report = Parity::check(read_rows(input, format));
        let s = &report.summary;
        assert!(s.balanced && s.rows_in == s.rows_accounted, "{s:?}");
        let mut lines = HashSet::new();
        for e in &report.entries {
            for l in e.lines() {
                assert!(lines.insert(l), "line {l} in two entries");
            }
            let ParityEntry::Dossier(r) = e else { continue };
            for a in &r.actions {
                let SyncAction::Sync(p) = a else { continue };
                let mut at = p.from;
                for t in &p.transitions {
                    assert_eq!(t.from, at, "{p:?}");
                    at = t.to;
                }
                assert_eq!(at, p.to, "{p:?}");
                assert!(!p.transitions.is_empty(), "{p:?}");
            }
        }
        assert_eq!(lines.len() as u64, s.rows_in);
        let json = serde_json::to_string(&report).expect("report serialises");
        if let Ok(text) = std::str::from_utf8(input) {
            assert_eq!(parity_json(text, format.name()).expect("known format"), json);
        }
    }
});
