//! Throughput of due-date computation (`WorkClock::due_minute` / `due_many`) on one core.
//!
//! Input: 1,000,000 reception times spread over 2025-2026 (every minute of the day, weekends and
//! holidays included), amounts 1-30, one unit per run, deterministic. Measured per computation.
//! Target (issue 4): ≥ 10 million due dates per second per core.
//!
//! ```sh
//! cargo bench -p motcua-core --bench deadline
//! ```
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use motcua_core::calendar::deadline::{parse_time, to_minute, Period, Unit, WorkClock};
use std::hint::black_box;
use std::time::Duration;

const N: usize = 1_000_000;

fn inputs() -> (Vec<i64>, Vec<u32>) {
    let start = to_minute(parse_time("t", "2025-01-01T00:00").unwrap());
    let span = 730 * 1440;
    // A multiplicative walk: deterministic, no two neighbours close together.
    let received = (0..N as i64).map(|i| start + (i * 104_729) % span).collect();
    let amounts = (0..N as u32).map(|i| 1 + (i * 7) % 30).collect();
    (received, amounts)
}

fn bench(c: &mut Criterion) {
    let clock = WorkClock::standard().unwrap();
    let (received, amounts) = inputs();
    let mut g = c.benchmark_group("due");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    for unit in Unit::ALL {
        g.bench_function(format!("due_minute/{}", unit.name()), |b| {
            b.iter(|| {
                let mut acc = 0i64;
                for (r, a) in received.iter().zip(&amounts) {
                    acc ^= clock.due_minute(*r, Period::new(*a, unit), None).unwrap();
                }
                black_box(acc)
            })
        });
    }
    g.bench_function("due_minute/working-days+cutoff", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for (r, a) in received.iter().zip(&amounts) {
                acc ^= clock
                    .due_minute(*r, Period::new(*a, Unit::WorkingDays), Some(900))
                    .unwrap();
            }
            black_box(acc)
        })
    });
    g.bench_function("due_many/working-days/1 thread", |b| {
        b.iter_batched_ref(
            || vec![0i64; N],
            |out| {
                clock
                    .due_many(&received, &amounts, Unit::WorkingDays, None, out, 1)
                    .unwrap()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
