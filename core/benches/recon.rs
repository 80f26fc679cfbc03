//! Reconciliation (đối soát) throughput on one core: a generated scenario of 50,000 bank lines
//! (every remark mangling on; `recon::scenario`, seed 7) held in memory as CSV text, reconciled end
//! to end (read, match, classify, totals) and, separately, the whole run plus writing results.jsonl
//! to memory. The end-to-end comparison with pandas on 1,000,000 lines is `bench/recon_vs_pandas.py`.
//!
//! ```sh
//! cargo bench -p motcua-core --bench recon
//! ```
use criterion::{Criterion, Throughput};
use motcua_core::recon::scenario::{Scenario, ScenarioConfig};
use motcua_core::recon::{reconcile_readers, Fields, Format, Inputs, MatchRules};
use std::hint::black_box;

const LINES: usize = 50_000;

fn main() {
    let s = Scenario::generate(&ScenarioConfig::new(7, LINES));
    let mut text: [String; 3] = Default::default();
    s.write_dossiers_csv(&mut text[0]).unwrap();
    s.write_payments_csv(&mut text[1]).unwrap();
    s.write_bank_csv(&mut text[2]).unwrap();
    let run = || {
        reconcile_readers(
            Inputs {
                dossiers: (text[0].as_bytes(), Format::Csv),
                payments: (text[1].as_bytes(), Format::Csv),
                bank: (text[2].as_bytes(), Format::Csv),
                expected_rows: Some([s.dossiers.len(), s.payments.len(), s.bank.len()]),
            },
            MatchRules::default(),
            |_, _| {},
        )
        .unwrap()
    };
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    let mut g = c.benchmark_group("recon");
    g.throughput(Throughput::Elements(LINES as u64));
    g.bench_function("reconcile_50k_bank_lines", |b| {
        b.iter(|| black_box(run().summary.balanced()))
    });
    g.bench_function("reconcile_and_write_jsonl", |b| {
        b.iter(|| {
            let r = run();
            let mut out = Vec::with_capacity(32 << 20);
            r.write_jsonl(&mut out, Fields::All).unwrap();
            black_box(out.len())
        })
    });
    g.finish();
    c.final_summary();
}
