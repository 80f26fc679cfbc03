//! The procedure catalogue against the shared vectors: seeded misconfigurations
//! (`tests/vectors/catalog/checks.json`), search cases (`search.json`) and input cases
//! (`inputs.json`).
use motcua_core::catalog::{Catalog, CheckRules, SearchOptions};
use serde_json::Value;

fn vectors(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../tests/vectors/catalog/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn seeded_misconfigurations_are_all_caught() {
    let expected: Value = serde_json::from_str(&vectors("checks.json")).unwrap();
    let catalog = Catalog::parse(&vectors(expected["catalog"].as_str().unwrap())).unwrap();
    let report = catalog.check(&CheckRules::default());
    let got: Vec<(u64, String, u64, String)> = report
        .problems
        .iter()
        .map(|p| {
            (
                p.line,
                p.procedure.clone(),
                u64::from(p.error.code.code()),
                p.error.field.to_string(),
            )
        })
        .collect();
    let want: Vec<(u64, String, u64, String)> = expected["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["ma_thu_tuc"].as_str().unwrap().to_string(),
                p["code"].as_u64().unwrap(),
                p["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(report.procedures as u64, expected["procedures"].as_u64().unwrap());
    assert_eq!(
        report.procedures_with_problems as u64,
        expected["procedures_with_problems"].as_u64().unwrap()
    );
    assert!(report.not_checked.is_empty(), "{:?}", report.not_checked);
    assert_eq!(report.counts.values().sum::<usize>(), report.problems.len());
    // Messages name the field and never quote more than a short part.
    for p in &report.problems {
        assert!(p.error.to_string().starts_with(p.error.field.as_ref()), "{}", p.error);
    }
}

#[test]
fn the_same_catalogue_as_json_gives_the_same_problems() {
    let csv = Catalog::parse(&vectors("seeded.csv")).unwrap();
    let json = serde_json::to_string(
        &csv.procedures()
            .iter()
            .map(|p| {
                serde_json::json!({
                    "ma_thu_tuc": p.code, "ten_thu_tuc": p.name, "cap_thuc_hien": p.levels, "linh_vuc": p.field,
                    "co_quan": p.agency, "co_quan_tiep_nhan": p.receiving_unit, "dia_ban": p.locality,
                    "muc_do": p.service_level, "ma_dvc": p.service_codes,
                    "phi_le_phi": p.fees.as_ref().map(|f| f.iter().map(|f| serde_json::json!({
                        "ma_phi": f.code, "loai": f.kind, "so_tien": f.amount,
                        "tk_thu_huong": f.beneficiary_account, "tk_kho_bac": f.treasury_account})).collect::<Vec<_>>()),
                    "bieu_mau": p.forms, "bieu_mau_dien_tu": p.eform, "thanh_phan_ho_so": p.components,
                    "thoi_han": p.processing_time,
                })
            })
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let from_json = Catalog::parse(&json).unwrap();
    let a = csv.check(&CheckRules::default());
    let b = from_json.check(&CheckRules::default());
    let key = |r: &motcua_core::catalog::CheckReport| {
        r.problems
            .iter()
            .map(|p| (p.procedure.clone(), p.error.code))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&a), key(&b));
}

#[test]
fn the_national_catalogue_loads_and_reports_undeclared_columns() {
    let catalog = Catalog::parse(&vectors("procedures.csv")).unwrap();
    assert_eq!(catalog.procedures().len(), 2849);
    let r = catalog.check(&CheckRules::default());
    assert_eq!(r.not_checked.get("co_quan_tiep_nhan"), Some(&2849));
    // co_quan is empty in many rows of the published list: reported, not skipped.
    assert!(r.counts.get("catalog_unit").copied().unwrap_or(0) > 1000);
    assert_eq!(r.counts.get("catalog_duplicate_code"), None);
}

#[test]
fn search_vectors() {
    let v: Value = serde_json::from_str(&vectors("search.json")).unwrap();
    let catalog = Catalog::parse(&vectors(v["catalog"].as_str().unwrap())).unwrap();
    for case in v["cases"].as_array().unwrap() {
        let q = case["query"].as_str().unwrap();
        let limit = case.get("limit").and_then(Value::as_u64).unwrap_or(10) as usize;
        let opts = SearchOptions::new(limit, case["level"].as_str(), None, None);
        if let Some(code) = case.get("error") {
            assert_eq!(
                u64::from(opts.unwrap_err().code.code()),
                code.as_u64().unwrap(),
                "{case}"
            );
            continue;
        }
        let opts = opts.unwrap();
        let hits = catalog.search(q, &opts);
        let codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        if let Some(top) = case.get("top") {
            assert_eq!(codes.first().copied(), top.as_str(), "{case}: {codes:?}");
        }
        if let Some(s) = case.get("score") {
            assert_eq!(hits[0].score, s.as_f64().unwrap(), "{case}");
        }
        if let Some(m) = case.get("matched") {
            assert_eq!(hits[0].matched, m.as_str().unwrap(), "{case}");
        }
        if let Some(t) = case.get("in_top") {
            let (code, k) = (t[0].as_str().unwrap(), t[1].as_u64().unwrap() as usize);
            assert!(codes.iter().take(k).any(|c| *c == code), "{case}: {codes:?}");
        }
        if let Some(other) = case.get("same_as") {
            let o: Vec<String> = catalog
                .search(other.as_str().unwrap(), &opts)
                .into_iter()
                .map(|h| h.code)
                .collect();
            assert_eq!(codes, o, "{case}");
            assert!(!codes.is_empty());
        }
        if let Some(level) = case.get("all_levels") {
            assert!(!hits.is_empty());
            let l = motcua_core::catalog::Level::parse(level.as_str().unwrap()).unwrap();
            for h in &hits {
                assert!(
                    motcua_core::catalog::Level::parse_list(&h.levels).0.contains(&l),
                    "{h:?}"
                );
            }
        }
        if let Some(n) = case.get("count") {
            assert_eq!(hits.len() as u64, n.as_u64().unwrap(), "{case}");
        }
        for w in hits.windows(2) {
            assert!(w[0].score >= w[1].score, "{case}: not best first");
        }
        for h in &hits {
            let chars = h.name.chars().count() as u32;
            assert!(h.spans.iter().all(|s| s[0] < s[1] && s[1] <= chars), "{h:?}");
        }
    }
}

#[test]
fn input_vectors() {
    let v: Value = serde_json::from_str(&vectors("inputs.json")).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 9);
    for c in cases {
        let (name, expect) = (c["name"].as_str().unwrap(), &c["expect"]);
        let got = Catalog::load(c["text"].as_str().unwrap(), c["format"].as_str(), None);
        match (got, expect.get("error")) {
            (Ok(cat), None) => assert_eq!(
                cat.procedures().len() as u64,
                expect["procedures"].as_u64().unwrap(),
                "{name}"
            ),
            (Err(e), Some(want)) => assert_eq!(
                (u64::from(e.code.code()), e.field.as_ref()),
                (want["code"].as_u64().unwrap(), want["field"].as_str().unwrap()),
                "{name}: {e}"
            ),
            (Ok(_), Some(_)) => panic!("{name}: loaded"),
            (Err(e), None) => panic!("{name}: {e}"),
        }
    }
}
