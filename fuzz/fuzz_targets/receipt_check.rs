//! Bytes → (if UTF-8) `receipt::check_json` under the default rules and relaxed ones.
//!
//! Invariants checked:
//! - nothing panics, and the report always serialises to JSON;
//! - `valid` ⇔ no error;
//! - JSON that is not a receipt gives exactly one error 9004 (InvalidArgument) and no totals;
//! - a receipt that deserialises gets the same report as `check` on it, its line count, per-kind
//!   totals equal to the checked sums (None when a kind has no line or overflows), `split_by_kind`
//!   partitions its lines, and it survives a serialise → deserialise round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua_core::payment::receipt::{check, check_json, split_by_kind, FeeKind, Receipt, ReceiptRules};
use motcua_core::ErrorCode;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let relaxed = ReceiptRules {
        separate_kinds: false,
        max_number: i64::MAX,
    };
    let parsed = serde_json::from_str::<Receipt>(json);
    for rules in [ReceiptRules::default(), relaxed] {
        let report = check_json(json, &rules);
        assert_eq!(report.valid, report.errors.is_empty());
        serde_json::to_string(&report).expect("report serialises");
        let Ok(r) = &parsed else {
            assert!(!report.valid && report.errors.len() == 1, "{report:?}");
            assert_eq!(report.errors[0].code, ErrorCode::InvalidArgument);
            assert_eq!((report.lines, report.total_phi, report.total_le_phi), (0, None, None));
            continue;
        };
        assert_eq!(report, check(r, &rules));
        assert_eq!(report.lines, r.lines.len());
        for (kind, total) in [(FeeKind::Phi, report.total_phi), (FeeKind::LePhi, report.total_le_phi)] {
            let amounts: Vec<i64> = r.lines.iter().filter(|l| l.kind == kind).map(|l| l.amount).collect();
            let want = if amounts.is_empty() {
                None
            } else {
                amounts.iter().try_fold(0i64, |a, b| a.checked_add(*b))
            };
            assert_eq!(total, want, "{kind:?}");
        }
    }
    if let Ok(r) = parsed {
        let (phi, le_phi) = split_by_kind(&r.lines);
        assert_eq!(phi.len() + le_phi.len(), r.lines.len());
        assert!(phi.iter().all(|l| l.kind == FeeKind::Phi));
        assert!(le_phi.iter().all(|l| l.kind != FeeKind::Phi));
        let text = serde_json::to_string(&r).expect("receipt serialises");
        let back: Receipt = serde_json::from_str(&text).expect("a serialised receipt reads back");
        assert_eq!(back, r, "serialise → deserialise changes the receipt");
    }
});
