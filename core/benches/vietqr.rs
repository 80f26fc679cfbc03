//! Throughput of VietQR parsing (strict and lenient) and building on one core.
//!
//! Input: 10,000 payloads generated deterministically (no file is read): every BIN of the bundled
//! NAPAS bank table, transfer-to-account (90 %, account 6-19 digits) and transfer-to-card (10 %,
//! 16-digit card number) codes, 80 % dynamic with an amount (official fees and arbitrary whole
//! thousands of đồng), purposes that are dossier codes (`000.00.00.H57-260101-0001`), short ASCII
//! fee notes or Vietnamese text with diacritics (folded by `build`), or absent. 2 % of the payloads
//! carry the NAPAS 6.1.1 defect (38.01.01 declares one character less than follows: lenient accepts
//! it with a warning, strict rejects it) and 2 % a wrong CRC (both modes reject it).
//! `bench/vietqr_peer.py` generates the very same payloads in Python (same splitmix64 stream).
//!
//! Measured per payload (`Throughput::Elements`): `parse(_, Strict)`, `parse(_, Lenient)`,
//! `build(&QrRequest)` for the 10,000 requests, and CRC-16 alone over the same payloads (the floor:
//! every parse computes it once).
//!
//! ```sh
//! cargo bench -p motcua-core --bench vietqr
//! # write the generated payloads and motcua's reports as JSON Lines, for bench/vietqr_peer.py --check-dump
//! MOTCUA_VIETQR_DUMP=/tmp/vietqr-dump.jsonl cargo bench -p motcua-core --bench vietqr
//! ```
use criterion::{Criterion, Throughput};
use motcua_core::payment::vietqr::{build, crc16, parse, Mode, QrRequest, Service};
use motcua_core::tables::BANKS;
use std::hint::black_box;
use std::io::Write;

const N: usize = 10_000;
/// "VIETQR" in ASCII.
const SEED: u64 = 0x5649_4554_5152;

/// Level-1 agency prefixes of dossier codes (13 characters each: the code is then 25 characters,
/// the EMVCo maximum for 62.08).
const AGENCIES: [&str; 8] = [
    "000.00.00.H57",
    "000.00.01.H29",
    "000.20.15.H10",
    "000.00.00.G01",
    "000.31.03.H56",
    "000.12.07.H26",
    "000.00.00.G09",
    "000.45.22.H62",
];
/// Fixed fees (đồng) seen on public-service payments.
const FEES: [i64; 15] = [
    10_000, 20_000, 30_000, 50_000, 100_000, 150_000, 200_000, 250_000, 300_000, 500_000, 1_000_000, 1_500_000,
    2_000_000, 5_000_000, 12_500_000,
];
/// Purposes with diacritics (`build` folds them to ASCII).
const PHRASES: [&str; 3] = ["Lệ phí hộ tịch", "Phí cấp GPXD", "Lệ phí trước bạ"];

/// splitmix64 (one step from `z`).
fn mix(z: u64) -> u64 {
    let mut z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Distinct BINs of the bundled bank table, sorted.
fn bins() -> Vec<&'static str> {
    let mut b: Vec<&str> = BANKS.iter().map(|b| b.bin).collect();
    b.sort_unstable();
    b.dedup();
    b
}

/// What record `i` carries besides its request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Defect {
    None,
    NestedLength,
    BadCrc,
}

fn request(i: u64, bins: &[&'static str]) -> (QrRequest, Defect) {
    let a = mix(SEED.wrapping_add(i));
    let b = mix(a);
    let c = mix(b);
    let d = mix(c);
    let e = mix(d);
    let bin = bins[(a % bins.len() as u64) as usize];
    let (service, account) = if b % 10 == 0 {
        (Service::ToCard, format!("{bin}{:010}", c % 10_000_000_000))
    } else {
        let len = 6 + (c % 14) as u32;
        (
            Service::ToAccount,
            format!("{:0w$}", d % 10u64.pow(len), w = len as usize),
        )
    };
    let mut req = QrRequest::new(bin, &account);
    req.service = service;
    req.amount = match ((b >> 8) % 5, (b >> 16) % 2) {
        (0, _) => None,
        (_, 0) => Some(FEES[((b >> 20) % FEES.len() as u64) as usize]),
        _ => Some(1_000 * (1 + (e % 20_000) as i64)),
    };
    let (yy, mm, dd, seq) = (
        25 + (e >> 40) % 2,
        1 + (e >> 8) % 12,
        1 + (e >> 12) % 28,
        (e >> 20) % 10_000,
    );
    req.purpose = match (b >> 24) % 10 {
        0..=5 => Some(format!(
            "{}-{yy:02}{mm:02}{dd:02}-{seq:04}",
            AGENCIES[((e >> 4) % 8) as usize]
        )),
        6 | 7 => Some(format!("Le phi HS {yy:02}{mm:02}{dd:02}{seq:04}")),
        8 => Some(format!("{} {seq:04}", PHRASES[((e >> 4) % 3) as usize])),
        _ => None,
    };
    let defect = match (b >> 32) % 100 {
        0 | 1 => Defect::NestedLength,
        2 | 3 => Defect::BadCrc,
        _ => Defect::None,
    };
    (req, defect)
}

fn with_crc(body: &str) -> String {
    format!("{body}{:04X}", crc16(body.as_bytes()))
}

fn payload(req: &QrRequest, defect: Defect) -> String {
    let p = build(req).expect("generated requests are valid");
    match defect {
        Defect::None => p,
        Defect::NestedLength => {
            let n = req.account.len();
            let good = format!("0006{}01{n:02}{}", req.bin, req.account);
            let bad = format!("0006{}01{:02}{}", req.bin, n - 1, req.account);
            with_crc(&p[..p.len() - 4].replacen(&good, &bad, 1))
        }
        Defect::BadCrc => {
            let last = if p.ends_with('0') { '1' } else { '0' };
            format!("{}{last}", &p[..p.len() - 1])
        }
    }
}

fn inputs() -> (Vec<QrRequest>, Vec<String>) {
    let bins = bins();
    let (reqs, payloads) = (0..N as u64)
        .map(|i| {
            let (req, defect) = request(i, &bins);
            let p = payload(&req, defect);
            (req, p)
        })
        .unzip();
    (reqs, payloads)
}

/// `MOTCUA_VIETQR_DUMP=path`: the inputs and motcua's reports as JSON Lines.
fn dump(path: &str, reqs: &[QrRequest], payloads: &[String]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create the dump file"));
    for (i, (req, p)) in reqs.iter().zip(payloads).enumerate() {
        let line = serde_json::json!({
            "i": i,
            "request": {
                "bin": req.bin, "account": req.account, "service": req.service.code(),
                "amount": req.amount, "purpose": req.purpose,
            },
            "built": build(req).expect("valid request"),
            "payload": p,
            "strict": parse(p, Mode::Strict),
            "lenient": parse(p, Mode::Lenient),
        });
        writeln!(out, "{line}").expect("write the dump");
    }
    out.flush().expect("write the dump");
    eprintln!("wrote {} records to {path}", reqs.len());
}

fn bench(c: &mut Criterion, reqs: &[QrRequest], payloads: &[String]) {
    let mut g = c.benchmark_group("vietqr");
    g.throughput(Throughput::Elements(payloads.len() as u64));
    for (name, mode) in [("parse/strict", Mode::Strict), ("parse/lenient", Mode::Lenient)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut valid = 0usize;
                for p in payloads {
                    valid += usize::from(black_box(parse(black_box(p), mode)).valid);
                }
                valid
            })
        });
    }
    g.bench_function("build", |b| {
        b.iter(|| {
            let mut bytes = 0usize;
            for r in reqs {
                bytes += black_box(build(black_box(r)).expect("valid request")).len();
            }
            bytes
        })
    });
    g.bench_function("crc16 only (floor)", |b| {
        b.iter(|| {
            let mut acc = 0u16;
            for p in payloads {
                acc ^= crc16(black_box(p.as_bytes()));
            }
            acc
        })
    });
    g.finish();
}

fn main() {
    let (reqs, payloads) = inputs();
    if let Ok(path) = std::env::var("MOTCUA_VIETQR_DUMP") {
        dump(&path, &reqs, &payloads);
        return;
    }
    let strict = payloads.iter().filter(|p| parse(p, Mode::Strict).valid).count();
    let lenient = payloads.iter().filter(|p| parse(p, Mode::Lenient).valid).count();
    let bytes: usize = payloads.iter().map(String::len).sum();
    eprintln!(
        "vietqr: {} payloads, {:.1} bytes on average; valid: {strict} strict, {lenient} lenient",
        payloads.len(),
        bytes as f64 / payloads.len() as f64
    );
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &reqs, &payloads);
    c.final_summary();
}
