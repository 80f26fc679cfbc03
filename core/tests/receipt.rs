//! E-receipt vectors (tests/vectors/receipts.json) and properties of the validation.
use motcua_core::payment::receipt::{check, check_json, split_by_kind, FeeKind, FeeLine, Receipt, ReceiptRules};
use proptest::prelude::*;
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/receipts.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["cases"].as_array().unwrap().clone()
}

#[test]
fn vectors_match() {
    let cases = vectors();
    assert!(cases.len() >= 30);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let rules: ReceiptRules = c
            .get("rules")
            .map_or_else(ReceiptRules::default, |r| serde_json::from_value(r.clone()).unwrap());
        let text = match c.get("json") {
            Some(j) => j.as_str().unwrap().to_string(),
            None => c["receipt"].to_string(),
        };
        let report = check_json(&text, &rules);
        let got = serde_json::to_value(&report).unwrap();
        assert_eq!(got["valid"], c["valid"], "{name}: {got}");
        let codes: Vec<u64> = report.errors.iter().map(|e| u64::from(e.code.code())).collect();
        let want: Vec<u64> = c["error_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(codes, want, "{name}: {got}");
        let fields: Vec<&str> = report.errors.iter().map(|e| e.field.as_ref()).collect();
        let want: Vec<&str> = c["error_fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(fields, want, "{name}");
        for k in ["total_phi", "total_le_phi", "lines"] {
            assert_eq!(got[k], c[k], "{name}: {k}");
        }
        // Personal data never appears in a message.
        for e in &report.errors {
            let m = e.to_string();
            for pii in ["Nguyễn", "038090000001", "03809000000X"] {
                assert!(!m.contains(pii), "{name}: {m}");
            }
        }
    }
}

#[test]
fn debug_masks_the_payer() {
    let c = &vectors()[0];
    let r: Receipt = serde_json::from_value(c["receipt"].clone()).unwrap();
    let dbg = format!("{r:?}");
    assert!(!dbg.contains("Nguyễn") && !dbg.contains("038090000001"), "{dbg}");
    assert!(dbg.contains(r#"address: Some("<redacted>")"#), "{dbg}");
    assert!(dbg.contains("038*******01"), "{dbg}");
}

fn line(kind: bool, amount: i64) -> FeeLine {
    FeeLine {
        fee_code: "F1".into(),
        name: "Phí".into(),
        kind: if kind { FeeKind::Phi } else { FeeKind::LePhi },
        amount,
    }
}

proptest! {
    /// The total check holds exactly when total = Σ lines, and the kind totals add up to it.
    #[test]
    fn total_is_the_sum(lines in prop::collection::vec((any::<bool>(), 1i64..=10_000_000_000), 1..20), delta in -3i64..3) {
        let c = &vectors()[0];
        let mut r: Receipt = serde_json::from_value(c["receipt"].clone()).unwrap();
        r.lines = lines.iter().map(|&(k, a)| line(k, a)).collect();
        let sum: i64 = lines.iter().map(|l| l.1).sum();
        r.total = sum + delta;
        let rep = check(&r, &ReceiptRules { separate_kinds: false, ..Default::default() });
        prop_assert_eq!(rep.valid, delta == 0);
        prop_assert_eq!(rep.total_phi.unwrap_or(0) + rep.total_le_phi.unwrap_or(0), sum);
        let (phi, le_phi) = split_by_kind(&r.lines);
        prop_assert_eq!(phi.len() + le_phi.len(), r.lines.len());
        prop_assert!(phi.iter().all(|l| l.kind == FeeKind::Phi) && le_phi.iter().all(|l| l.kind == FeeKind::LePhi));
        // Each half is a valid receipt on its own under the default rules.
        for half in [phi, le_phi] {
            if half.is_empty() { continue; }
            let mut h = r.clone();
            h.total = half.iter().map(|l| l.amount).sum();
            h.lines = half;
            prop_assert!(check(&h, &ReceiptRules::default()).valid);
        }
    }

    /// Arbitrary JSON text never panics and always gives a report.
    #[test]
    fn any_text_gives_a_report(s in ".{0,200}") {
        let rep = check_json(&s, &ReceiptRules::default());
        prop_assert!(rep.valid || !rep.errors.is_empty());
    }
}
