//! Bytes → a catalogue and queries: the input up to the first 0xFF byte is the catalogue text (CSV
//! with the national list's header prepended, and again as given, CSV or JSON guessed), the rest is
//! split at newlines into queries.
//!
//! Invariants checked:
//! - nothing panics (malformed CSV, JSON, UTF-8, codes, levels, fees, times; any query text);
//! - every result comes from the catalogue, results are best first with scores in [0, 1], and
//!   spans lie inside the name, in order;
//! - the checks' counts add up to the problems, and every problem names a procedure line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua_core::catalog::{Catalog, CheckRules, SearchOptions};

const HEADER: &str = "ma_thu_tuc,ten_thu_tuc,cap_thuc_hien,linh_vuc,co_quan,co_quan_tiep_nhan,dia_ban,muc_do,ma_dvc,phi_le_phi,bieu_mau,bieu_mau_dien_tu,thanh_phan_ho_so,thoi_han\n";

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |&b| b == 0xFF);
    let (catalog, queries) = (parts.next().unwrap_or(&[]), parts.next().unwrap_or(&[]));
    let Ok(catalog) = std::str::from_utf8(catalog) else { return };
    let queries = String::from_utf8_lossy(queries);
    for text in [format!("{HEADER}{catalog}"), catalog.to_string()] {
        let Ok(c) = Catalog::parse(&text) else { continue };
        let report = c.check(&CheckRules::default());
        assert_eq!(report.counts.values().sum::<usize>(), report.problems.len());
        assert!(report.procedures_with_problems <= report.procedures);
        for q in queries.split('\n').take(8) {
            let hits = c.search(q, &SearchOptions { limit: 5, ..SearchOptions::default() });
            assert!(hits.len() <= 5);
            for w in hits.windows(2) {
                assert!(w[0].score >= w[1].score, "not best first");
            }
            for h in &hits {
                assert!((0.0..=1.0).contains(&h.score), "score {}", h.score);
                assert_eq!(c.procedures()[h.index].code, h.code);
                let n = h.name.chars().count() as u32;
                let mut last = 0;
                for s in &h.spans {
                    assert!(last <= s[0] && s[0] < s[1] && s[1] <= n, "span {s:?} in {n}");
                    last = s[1];
                }
            }
        }
    }
});
