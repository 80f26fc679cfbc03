//! Turns the bundled CSV tables in `data/` into sorted static arrays (`$OUT_DIR/tables.rs`),
//! so lookups are binary searches over `&'static` data: no parsing at run time, no global state.
use std::{env, fmt::Write as _, fs, path::Path};

fn rows(file: &str) -> Vec<csv::StringRecord> {
    let path = Path::new("data").join(file);
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("csv row"))
        .collect()
}

fn q(s: &str) -> String {
    format!("{:?}", s.trim())
}

fn main() {
    let mut out = String::new();

    // 34 provinces from 1 July 2025.
    let mut p: Vec<_> = rows("provinces_2025.csv");
    p.sort_by(|a, b| a[0].cmp(&b[0]));
    writeln!(
        out,
        "/// Bundled table (see build.rs).\npub static PROVINCES: &[Province] = &["
    )
    .unwrap();
    for r in &p {
        writeln!(out, "  Province {{ code: {}, name: {} }},", q(&r[0]), q(&r[1])).unwrap();
    }
    writeln!(out, "];").unwrap();

    // 63 pre-2025 provinces with their successor and the CCCD birth-place prefix.
    let mut o = rows("provinces_old63_to_new34.csv");
    o.sort_by(|a, b| a[0].cmp(&b[0]));
    writeln!(
        out,
        "/// Bundled table (see build.rs).\npub static OLD_PROVINCES: &[OldProvince] = &["
    )
    .unwrap();
    for r in &o {
        writeln!(
            out,
            "  OldProvince {{ code: {}, name: {}, cccd_prefix: {}, successor: {} }},",
            q(&r[0]),
            q(&r[1]),
            q(&r[2]),
            q(&r[3])
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();

    // Communes, two versions of the 2025 table.
    let mut c = rows("communes_2025.csv");
    c.sort_by(|a, b| a[0].cmp(&b[0]));
    writeln!(
        out,
        "/// Bundled table (see build.rs).\npub static COMMUNES_CV1027: &[Commune] = &["
    )
    .unwrap();
    for r in &c {
        writeln!(
            out,
            "  Commune {{ code: {}, name: {}, province: {} }},",
            q(&r[0]),
            q(&r[1]),
            q(&r[2])
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    let mut old: Vec<(String, String)> = Vec::new();
    for r in &c {
        for oc in r[4].split(';').map(str::trim).filter(|s| !s.is_empty()) {
            old.push((oc.to_string(), r[0].to_string()));
        }
    }
    old.sort();
    old.dedup();
    writeln!(
        out,
        "/// Bundled table (see build.rs).\npub static OLD_COMMUNES_CV1027: &[(&str, &str)] = &["
    )
    .unwrap();
    for (a, b) in &old {
        writeln!(out, "  ({}, {}),", q(a), q(b)).unwrap();
    }
    writeln!(out, "];").unwrap();
    let mut k = rows("communes_2025_pkg_vietnamadminunits.csv");
    k.sort_by(|a, b| a[0].cmp(&b[0]));
    writeln!(
        out,
        "/// Bundled table (see build.rs).\npub static COMMUNES_PKG: &[Commune] = &["
    )
    .unwrap();
    for r in &k {
        writeln!(
            out,
            "  Commune {{ code: {}, name: {}, province: {} }},",
            q(&r[0]),
            q(&r[1]),
            q(&r[3])
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();

    // NAPAS bank BINs: current entries sort before deprecated ones for the same BIN.
    let mut b: Vec<_> = rows("napas_vietqr_banks_bin.csv")
        .into_iter()
        .filter(|r| !r[2].trim().is_empty())
        .collect();
    let rank = |r: &csv::StringRecord| (r[2].to_string(), r[9].trim() == "true", r[5].trim() != "1");
    b.sort_by_key(rank);
    writeln!(out, "/// Bundled table (see build.rs).\npub static BANKS: &[Bank] = &[").unwrap();
    for r in &b {
        writeln!(
            out,
            "  Bank {{ bin: {}, code: {}, short_name: {}, name: {}, swift: {}, deprecated: {} }},",
            q(&r[2]),
            q(&r[1]),
            q(&r[3]),
            q(&r[4]),
            q(&r[7]),
            r[9].trim() == "true"
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();

    // Level-1 agency codes.
    let mut l = rows("agency_level1_codes.csv");
    l.sort_by(|a, b| a[0].cmp(&b[0]));
    writeln!(
        out,
        "/// Bundled table (see build.rs).\npub static LEVEL1_CODES: &[Level1] = &["
    )
    .unwrap();
    for r in &l {
        writeln!(
            out,
            "  Level1 {{ code: {}, agency: {}, status: {} }},",
            q(&r[0]),
            q(&r[1]),
            q(&r[2])
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();

    // ISO 3166-1 numeric codes.
    writeln!(
        out,
        "/// Bundled table (see build.rs).\npub static COUNTRIES: &[Country] = &["
    )
    .unwrap();
    for r in rows("iso3166_numeric.csv") {
        writeln!(
            out,
            "  Country {{ numeric: {}, alpha2: {}, name: {} }},",
            q(&r[0]),
            q(&r[1]),
            q(&r[2])
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();

    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("tables.rs"), out).unwrap();
}
