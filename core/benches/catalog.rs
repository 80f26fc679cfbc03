//! Procedure search (issue 7): building the index over the national catalogue
//! (tests/vectors/catalog/procedures.csv, 2,849 procedures) and answering the benchmark's query set
//! (bench/data/catalog_queries.jsonl, every kind: no diacritics, tone variants, typos, reordered
//! words, abbreviations, codes), measured per query on one core. The peer comparison (rapidfuzz, in
//! the same run) is bench/catalog_vs_rapidfuzz.py.
//!
//! ```sh
//! cargo bench -p motcua-core --bench catalog
//! ```
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use motcua_core::catalog::{Catalog, SearchOptions};
use std::hint::black_box;

fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{}/../{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn bench(c: &mut Criterion) {
    let text = read("tests/vectors/catalog/procedures.csv");
    let queries: Vec<String> = read("bench/data/catalog_queries.jsonl")
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["query"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut g = c.benchmark_group("catalog");
    g.sample_size(20);
    g.bench_function("build index (2,849 procedures)", |b| {
        b.iter(|| Catalog::parse(black_box(&text)).unwrap())
    });
    let catalog = Catalog::parse(&text).unwrap();
    let opts = SearchOptions {
        limit: 5,
        ..SearchOptions::default()
    };
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function(format!("search, {} queries, limit 5", queries.len()), |b| {
        b.iter(|| {
            for q in &queries {
                black_box(catalog.search(black_box(q), &opts));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
