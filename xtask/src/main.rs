//! Repository tasks.
//!
//! - `cargo run -p xtask -- header [--check]`: regenerate `include/motcua.h` with the pinned cbindgen;
//!   `--check` fails when the committed header differs (CI drift check).
//! - `cargo run -p xtask -- install --prefix DIR`: build the release C library and install the header,
//!   `libmotcua.so`, `libmotcua.a` and `lib/pkgconfig/motcua.pc` under DIR.
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

fn install(prefix: &Path) {
    run(Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "motcua-ffi"])
        .current_dir(root()));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
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
        _ => {
            eprintln!("usage: xtask header [--check] | xtask install --prefix DIR");
            exit(2);
        }
    }
}
