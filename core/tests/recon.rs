//! Reconciliation: the shared sample's expected.csv reproduced exactly, conservation, bad rows.
use motcua_core::recon::{reconcile_readers, Class, Format, Inputs, MatchRules, Reconciliation, Source};
use std::collections::HashMap;
use std::path::PathBuf;

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/recon")
}

fn run(d: &[u8], p: &[u8], b: &[u8]) -> Reconciliation {
    reconcile_readers(
        Inputs {
            dossiers: (d, Format::Csv),
            payments: (p, Format::Csv),
            bank: (b, Format::Csv),
        },
        MatchRules::default(),
        |_| {},
    )
    .unwrap()
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(vectors().join(name)).unwrap()
}

#[test]
fn sample_expected_is_reproduced_exactly() {
    let r = run(&read("dossiers.csv"), &read("payments.csv"), &read("bank.csv"));
    let mut got: HashMap<(String, String), (String, String, String)> = HashMap::new();
    for row in r.rows() {
        // expected.csv lists every bank line and every successful payment.
        if row.source == Source::Payment && row.trang_thai_gd != Some(1) {
            continue;
        }
        let prev = got.insert(
            (row.source.key().to_string(), row.id.to_string()),
            (row.class.key().to_string(), row.ma_ho_so.to_string(), row.ma_tham_chieu.to_string()),
        );
        assert!(prev.is_none(), "two rows for {}", row.id);
    }
    let expected = read("expected.csv");
    let mut rdr = csv::Reader::from_reader(&expected[..]);
    let mut wrong = Vec::new();
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        n += 1;
        let key = (rec[0].to_string(), rec[1].to_string());
        let want = (rec[2].to_string(), rec[3].to_string(), rec[4].to_string());
        match got.remove(&key) {
            Some(g) if g == want => {}
            g => wrong.push(format!("{key:?}: want {want:?}, got {g:?}")),
        }
    }
    assert!(wrong.is_empty(), "{} of {n} rows differ:\n{}", wrong.len(), wrong[..wrong.len().min(30)].join("\n"));
    assert!(got.is_empty(), "rows not in expected.csv: {:?}", got.keys().take(5).collect::<Vec<_>>());
    assert!(r.summary.balanced());
    assert_eq!(r.summary.output[&Source::Bank][&Class::Matched].rows, 1173);
}
