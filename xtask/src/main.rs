//! Repository tasks.
//!
//! - `cargo run -p xtask -- header [--check]`: regenerate `include/motcua.h` with the pinned cbindgen;
//!   `--check` fails when the committed header differs (CI drift check).
//! - `cargo run -p xtask -- install --prefix DIR`: build the release C library and install the header,
//!   `libmotcua.so`, `libmotcua.a` and `lib/pkgconfig/motcua.pc` under DIR.
//! - `cargo run -p xtask -- pgo`: build the `motcua` command with profile-guided optimisation into
//!   `target/pgo/release/motcua` (see [`pgo`]).
use motcua_core::status::DOSSIER;
use motcua_core::ErrorCode;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `#define`s derived from the core tables: error codes and dossier statuses.
fn defines() -> String {
    let mut o = String::from("\n/* Stable error codes (motcua_core::ErrorCode); MOTCUA_OK is 0. */\n");
    for c in ErrorCode::ALL {
        writeln!(
            o,
            "/* {} */\n#define MOTCUA_ERR_{} {}",
            c.description(),
            c.name().to_uppercase(),
            c.code()
        )
        .unwrap();
    }
    o.push_str("\n/* DVCQG dossier statuses (TrangThaiHoSo). */\n");
    for s in DOSSIER.states {
        writeln!(
            o,
            "/* {} */\n#define MOTCUA_DOSSIER_{} {}",
            s.label_vi,
            s.key.to_uppercase(),
            s.code.unwrap()
        )
        .unwrap();
    }
    o
}

fn header() -> String {
    let crate_dir = root().join("bindings/c");
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .with_after_include(defines())
        .generate()
        .expect("cbindgen")
        .write(&mut out);
    String::from_utf8(out).expect("utf-8 header")
}

fn run(cmd: &mut Command) {
    let status = cmd.status().expect("spawn");
    if !status.success() {
        exit(status.code().unwrap_or(1));
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn install(prefix: &Path) {
    run(Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "motcua-ffi"])
        .current_dir(root()));
    let target = target_dir();
    let (inc, lib) = (prefix.join("include"), prefix.join("lib"));
    std::fs::create_dir_all(lib.join("pkgconfig")).unwrap();
    std::fs::create_dir_all(&inc).unwrap();
    std::fs::copy(root().join("include/motcua.h"), inc.join("motcua.h")).unwrap();
    for f in ["libmotcua.so", "libmotcua.a"] {
        std::fs::copy(target.join("release").join(f), lib.join(f)).unwrap();
    }
    let pc = format!(
        "prefix={}\nlibdir=${{prefix}}/lib\nincludedir=${{prefix}}/include\n\nName: motcua\nDescription: Vietnamese e-government rules (DVCQG codes, statuses, sync payloads)\nVersion: {}\nLibs: -L${{libdir}} -lmotcua\nLibs.private: -lpthread -ldl -lm\nCflags: -I${{includedir}}\n",
        prefix.display(),
        motcua_core::VERSION
    );
    std::fs::write(lib.join("pkgconfig/motcua.pc"), pc).unwrap();
    println!("installed motcua {} under {}", motcua_core::VERSION, prefix.display());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["header"] => {
            std::fs::write(root().join("include/motcua.h"), header()).unwrap();
            println!("wrote include/motcua.h");
        }
        ["header", "--check"] => {
            let committed = std::fs::read_to_string(root().join("include/motcua.h")).unwrap_or_default();
            if committed != header() {
                eprintln!("include/motcua.h is out of date: run `cargo run -p xtask -- header` and commit it");
                exit(1);
            }
            println!("include/motcua.h is up to date");
        }
        ["install", "--prefix", dir] => {
            let dir = std::path::absolute(dir).unwrap();
            install(&dir)
        }
        ["pgo"] => pgo(),
        _ => {
            eprintln!("usage: xtask header [--check] | xtask install --prefix DIR | xtask pgo");
            exit(2);
        }
    }
}

/// `llvm-profdata` of the toolchain's own LLVM (rustup's `llvm-tools` component): another
/// version's cannot read the profiles rustc writes.
fn llvm_profdata() -> PathBuf {
    let out = |args: &[&str]| {
        let o = Command::new("rustc").args(args).output().expect("rustc");
        String::from_utf8(o.stdout).expect("utf-8")
    };
    let sysroot = out(&["--print", "sysroot"]);
    let host = out(&["-vV"])
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let tool = Path::new(sysroot.trim()).join(format!("lib/rustlib/{host}/bin/llvm-profdata"));
    if !tool.is_file() {
        eprintln!("{} not found: run `rustup component add llvm-tools`", tool.display());
        exit(1);
    }
    tool
}

/// Runs a training command; exit codes 0 and 1 are answers (1: invalid records found), 2 and
/// above an error.
fn train(bin: &Path, args: &[&str]) {
    let status = Command::new(bin)
        .args(args)
        .current_dir(root())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("spawn the instrumented motcua");
    if status.code().is_none_or(|c| c > 1) {
        eprintln!("training run `motcua {}` failed: {status}", args.join(" "));
        exit(1);
    }
}

/// Builds the `motcua` command with profile-guided optimisation (2-4 % less time for
/// `motcua reconcile` on the 1 M-line benchmark; BENCHMARKS.md): an instrumented build
/// (`target/pgo-gen`) runs the training workload, `llvm-profdata` merges what it recorded, and
/// the release build in `target/pgo` uses it. The training workload is what the benchmarks time
/// through the command: a generated reconciliation scenario (seed 7, 200,000 bank lines, not the
/// benchmark's seed 1) reconciled (results with every key and with the contract's seven), the
/// bundled parity example, the bundled sync example
/// validated, and the catalogue queries of `bench/data`. Other commands work the same in the
/// optimised build; they are only not tuned for.
fn pgo() {
    let profdata = llvm_profdata();
    let target = target_dir();
    let work = target.join("pgo-train");
    let _ = std::fs::remove_dir_all(&work);
    let profiles = work.join("profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    // The caller's own flags (a target CPU, say) are kept.
    let own = std::env::var("RUSTFLAGS").unwrap_or_default();
    let build = |dir: &str, flag: String| {
        run(Command::new(env!("CARGO"))
            .args(["build", "--release", "-p", "motcua-cli", "--target-dir"])
            .arg(target.join(dir))
            .env("RUSTFLAGS", format!("{own} {flag}").trim())
            .current_dir(root()));
    };
    build("pgo-gen", format!("-Cprofile-generate={}", profiles.display()));
    let bin = target.join("pgo-gen/release/motcua");
    let scenario = work.join("scenario");
    let (s, w) = (scenario.display().to_string(), work.display().to_string());
    train(
        &bin,
        &[
            "scenario",
            "recon",
            "--seed",
            "7",
            "--bank-lines",
            "200000",
            "--out",
            &s,
        ],
    );
    let reconcile = |out: &str, fields: &str| {
        [
            "reconcile",
            "--dossiers",
            &format!("{s}/dossiers.csv"),
            "--payments",
            &format!("{s}/payments.csv"),
            "--bank",
            &format!("{s}/bank.csv"),
            "--out",
            &format!("{w}/{out}"),
            "--fields",
            fields,
        ]
        .map(str::to_string)
    };
    // Both kinds of results file (`--fields all`, the default, and `contract`).
    const KINDS: [(&str, &str); 2] = [("results.jsonl", "all"), ("results-contract.jsonl", "contract")];
    for (out, fields) in KINDS {
        let args = reconcile(out, fields);
        train(&bin, &args.each_ref().map(String::as_str));
    }
    train(
        &bin,
        &[
            "parity",
            "--statuses",
            "examples/parity/statuses.csv",
            "--out",
            &format!("{w}/parity.jsonl"),
        ],
    );
    train(
        &bin,
        &[
            "dossier",
            "validate",
            "examples/sync-2025-07-15.jsonl",
            "--today",
            "2026-11-24",
        ],
    );
    // The catalogue queries: the `query` of each object of bench/data/catalog_queries.jsonl.
    let queries: String = std::fs::read_to_string(root().join("bench/data/catalog_queries.jsonl"))
        .expect("bench/data/catalog_queries.jsonl")
        .lines()
        .filter_map(|l| {
            serde_json::from_str::<serde_json::Value>(l).ok()?["query"]
                .as_str()
                .map(|q| q.to_string() + "\n")
        })
        .collect();
    let queries_file = work.join("queries.txt");
    std::fs::write(&queries_file, queries).unwrap();
    let q = queries_file.display().to_string();
    train(
        &bin,
        &[
            "search",
            "--catalog",
            "tests/vectors/catalog/procedures.csv",
            "--queries",
            &q,
            "--limit",
            "5",
            "--json",
        ],
    );
    let merged = work.join("merged.profdata");
    run(Command::new(profdata)
        .arg("merge")
        .arg("-o")
        .arg(&merged)
        .arg(&profiles));
    build("pgo", format!("-Cprofile-use={}", merged.display()));
    // The optimised build must answer exactly as the instrumented one did, with either fields.
    let built = target.join("pgo/release/motcua");
    let read = |f: &str| std::fs::read(work.join(f)).unwrap();
    for (out, fields) in KINDS {
        let again = format!("pgo-{out}");
        let args = reconcile(&again, fields);
        train(&built, &args.each_ref().map(String::as_str));
        if read(out) != read(&again) {
            eprintln!("the PGO build's {out} differs from the instrumented build's ({w})");
            exit(1);
        }
    }
    println!(
        "built {} (both results files of the training scenario identical)",
        built.display()
    );
}
