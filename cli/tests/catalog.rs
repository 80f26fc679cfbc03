//! `motcua search` and `motcua catalog check` through the built binary: the issue's exact contract
//! (JSON array best first; batch mode one object per line; check exit 1 on problems), on the shared
//! catalogue vectors.
use serde_json::Value;
use std::process::{Command, Output};

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua")).args(args).output().unwrap()
}

fn vec(rel: &str) -> String {
    format!("{}/../tests/vectors/catalog/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn search_prints_a_json_array_best_first() {
    let o = motcua(&[
        "search",
        "--catalog",
        &vec("procedures.csv"),
        "--limit",
        "3",
        "--json",
        "cap lai cccd",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for h in hits {
        assert!(
            h["code"].is_string() && h["name"].is_string() && h["score"].is_f64(),
            "{h}"
        );
    }
    assert!(hits
        .windows(2)
        .all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64()));
    assert!(hits.iter().any(|h| h["code"] == "1.000757"), "{v}");
    // Codes in every form land on the procedure.
    for q in ["1.000757", "1000757", "1.000757.000.00.00.H29", "1.000757.H56"] {
        let o = motcua(&["search", "--catalog", &vec("procedures.csv"), "--json", q]);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v[0]["code"], "1.000757", "{q}");
    }
}

#[test]
fn search_text_output_marks_the_matched_words_and_empty_results_exit_1() {
    let o = motcua(&[
        "search",
        "--catalog",
        &vec("procedures.csv"),
        "--limit",
        "1",
        "the can cuoc cap lai",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("[thẻ căn cước]") || stdout(&o).contains("[Cấp lại thẻ căn cước]"),
        "{}",
        stdout(&o)
    );
    let o = motcua(&["search", "--catalog", &vec("procedures.csv"), "--json", "zzzzqqqq"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).trim(), "[]");
    let o = motcua(&["search", "--catalog", &vec("procedures.csv"), "--level", "huyen2", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("7221"));
    let o = motcua(&["search", "--catalog", "/nonexistent.csv", "x"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn batch_mode_writes_one_object_per_query_line() {
    let dir = std::env::temp_dir().join(format!("motcua-cli-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let q = dir.join("queries.txt");
    std::fs::write(&q, "cap lai cccd\n1001193\n\ndkks\n").unwrap();
    let o = motcua(&[
        "search",
        "--catalog",
        &vec("procedures.csv"),
        "--queries",
        q.to_str().unwrap(),
        "--limit",
        "2",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1]["query"], "1001193");
    assert_eq!(lines[1]["results"][0]["code"], "1.001193");
    assert_eq!(lines[2]["results"].as_array().unwrap().len(), 0);
    for l in &lines {
        let r = l["results"].as_array().unwrap();
        assert!(r.len() <= 2);
        for x in r {
            assert_eq!(x.as_object().unwrap().keys().collect::<Vec<_>>(), ["code", "score"]);
        }
    }
}

/// A queries file gives the same output whatever its line ends: `\n`, `\r\n` or a bare `\r` (Excel
/// for Mac), blank lines included; text that is not UTF-8 is refused naming its line.
#[test]
fn batch_mode_reads_every_kind_of_line_end() {
    let dir = std::env::temp_dir().join(format!("motcua-cli-catalog-ends-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |name: &str, text: &[u8]| {
        let q = dir.join(name);
        std::fs::write(&q, text).unwrap();
        motcua(&[
            "search",
            "--catalog",
            &vec("procedures.csv"),
            "--queries",
            q.to_str().unwrap(),
            "--json",
        ])
    };
    let queries = ["cap lai cccd", "1001193", "", "dkks"];
    let lf = run("lf.txt", (queries.join("\n") + "\n").as_bytes());
    assert_eq!(lf.status.code(), Some(0), "{}", String::from_utf8_lossy(&lf.stderr));
    let got: Vec<Value> = stdout(&lf).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(
        got.iter().map(|l| l["query"].as_str().unwrap()).collect::<Vec<_>>(),
        queries
    );
    for (name, end) in [("crlf.txt", "\r\n"), ("cr.txt", "\r")] {
        let o = run(name, (queries.join(end) + end).as_bytes());
        assert_eq!(stdout(&o), stdout(&lf), "{name}");
        // Without a line end after the last query.
        let o = run(name, queries.join(end).as_bytes());
        assert_eq!(stdout(&o), stdout(&lf), "{name} unterminated");
    }
    for (text, line) in [
        (&b"cap lai cccd\r\xff\n"[..], 2),
        (b"cap lai cccd\nx\xffy\n", 2),
        (b"a\r\nb\rc\xff", 3),
    ] {
        let o = run("bad.txt", text);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("line {line} is not UTF-8")), "{err}");
    }
}

#[test]
fn catalog_check_reports_every_seeded_problem_and_exits_1() {
    let want: Value = serde_json::from_str(&std::fs::read_to_string(vec("checks.json")).unwrap()).unwrap();
    let o = motcua(&["catalog", "check", &vec("seeded.csv"), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let got: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let key = |p: &Value| {
        (
            p["line"].as_u64(),
            p["ma_thu_tuc"].as_str().map(String::from),
            p["code"].as_u64(),
        )
    };
    let g: Vec<_> = got["problems"].as_array().unwrap().iter().map(key).collect();
    let w: Vec<_> = want["problems"].as_array().unwrap().iter().map(key).collect();
    assert_eq!(g, w);
    let text = motcua(&["catalog", "check", &vec("seeded.csv")]);
    assert_eq!(text.status.code(), Some(1));
    assert!(
        stdout(&text).contains("[7204 catalog_base_missing]"),
        "{}",
        stdout(&text)
    );
    assert!(
        stdout(&text).contains("23 procedures, 18 with problems, 21 problems"),
        "{}",
        stdout(&text)
    );
    // A clean catalogue exits 0.
    let dir = std::env::temp_dir().join(format!("motcua-cli-catalog-ok-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ok = dir.join("ok.json");
    std::fs::write(
        &ok,
        r#"[{"ma_thu_tuc": "1.001193", "ten_thu_tuc": "Thủ tục đăng ký khai sinh", "cap_thuc_hien": "Cấp xã",
            "co_quan": "Ủy ban nhân dân cấp xã", "co_quan_tiep_nhan": "Bộ phận một cửa", "dia_ban": "00004",
            "muc_do": "toàn trình", "bieu_mau_dien_tu": "EF-KS", "phi_le_phi": [], "thoi_han": "Trong ngày"}]"#,
    )
    .unwrap();
    let o = motcua(&["catalog", "check", ok.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
