//! Throughput of `motcua_core::sync::validate_jsonl` over a day of DongBoHoSoMC records.
//!
//! Input: the JSON Lines file named by `MOTCUA_BENCH_FILE`, by default the bundled
//! `examples/sync-2025-07-15.jsonl` (1,000 records, ~5 % invalid; made by `bench/gen_sync.py`).
//! Two measurements of the same call: per byte (MB/s) and per record (records/s); then the same input
//! through `validate_input_threads` on all CPUs (what the CLI and the Python binding use). Then, to show
//! where the time goes, the parsing alone: each line into the `HoSo` model, and each line skipped
//! by serde_json (`IgnoredAny`, the floor of any serde_json-based validator).
//!
//! ```sh
//! cargo bench -p motcua-core --bench sync_validate
//! MOTCUA_BENCH_FILE=bench/out/sync-100000-0.05-20250715.jsonl cargo bench -p motcua-core --bench sync_validate
//! ```
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use motcua_core::sync::{validate_input_threads, validate_jsonl, HoSo, SyncRules};
use serde::de::IgnoredAny;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The input file; a relative `MOTCUA_BENCH_FILE` is taken from the workspace root (cargo runs
/// benches in the package directory).
fn input() -> (PathBuf, Vec<u8>) {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let path = root.join(
        std::env::var_os("MOTCUA_BENCH_FILE").map_or_else(|| "examples/sync-2025-07-15.jsonl".into(), PathBuf::from),
    );
    let data = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (set MOTCUA_BENCH_FILE or run bench/gen_sync.py)",
            path.display()
        )
    });
    (path, data)
}

fn bench(c: &mut Criterion) {
    let (path, data) = input();
    let rules = SyncRules::new(NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date"));
    let reports = validate_jsonl(&data, &rules);
    let records = reports.len() as u64;
    let valid = reports.iter().filter(|r| r.is_valid()).count();
    eprintln!(
        "input {}: {} bytes, {records} records, {valid} valid, {} invalid",
        path.display(),
        data.len(),
        records as usize - valid
    );

    let mut g = c.benchmark_group("sync_validate");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("validate_jsonl/bytes", |b| {
        b.iter(|| validate_jsonl(black_box(&data), black_box(&rules)))
    });
    g.throughput(Throughput::Elements(records));
    g.bench_function("validate_jsonl/records", |b| {
        b.iter(|| validate_jsonl(black_box(&data), black_box(&rules)))
    });
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    g.bench_function(format!("validate_input_threads/{threads}/records"), |b| {
        b.iter(|| validate_input_threads(black_box(&data), black_box(&rules), threads))
    });
    g.finish();

    let lines: Vec<&[u8]> = data
        .split(|&b| b == b'\n')
        .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .collect();
    let mut g = c.benchmark_group("sync_parse");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    g.throughput(Throughput::Elements(lines.len() as u64));
    // Parse from &str, as the validator does after its one UTF-8 check per input.
    let lines: Vec<&str> = lines.iter().filter_map(|l| std::str::from_utf8(l).ok()).collect();
    g.bench_function("HoSo", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|s| serde_json::from_str::<HoSo>(black_box(s)).is_ok())
                .count()
        })
    });
    g.bench_function("IgnoredAny", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|s| serde_json::from_str::<IgnoredAny>(black_box(s)).is_ok())
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
