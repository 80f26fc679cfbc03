//! Loading a catalogue from CSV (the layout of the national procedure list, extra columns optional)
//! or from JSON (an array of objects with the same keys).
//!
//! | column | field | CSV form |
//! |---|---|---|
//! | `ma_thu_tuc` (required) | code | text |
//! | `ten_thu_tuc` (required) | name | text |
//! | `cap_thuc_hien` | levels | `Cấp bộ, Cấp tỉnh` |
//! | `linh_vuc` | field | text |
//! | `co_quan` | competent agency (processing unit) | text |
//! | `co_quan_tiep_nhan` | receiving unit | text |
//! | `dia_ban` | locality | province or commune code |
//! | `muc_do` | online-service level | `toàn trình`, `một phần`, `4`, `3` |
//! | `ma_dvc` | public-service codes | `;`-separated |
//! | `phi_le_phi` | fees | `;`-separated fees, each `ma_phi\|loai\|so_tien\|tk_thu_huong\|tk_kho_bac` |
//! | `bieu_mau` | forms | `;`-separated |
//! | `bieu_mau_dien_tu` | e-form | text |
//! | `thanh_phan_ho_so` | dossier components | `;`-separated |
//! | `thoi_han` | processing time | `15 ngày làm việc` |
//!
//! In JSON, lists are arrays, fees are objects `{ma_phi, loai, so_tien, tk_thu_huong, tk_kho_bac}`,
//! numbers are accepted for amounts and processing times, and a missing key means "not declared".
use super::model::{Fee, Procedure};
use crate::json::{repeated_key, Step};
use crate::text::CsvLines;
use crate::{Error, ErrorCode};
use serde_json::Value;

/// Column names, in the order above.
pub const COLUMNS: [&str; 14] = [
    "ma_thu_tuc",
    "ten_thu_tuc",
    "cap_thuc_hien",
    "linh_vuc",
    "co_quan",
    "co_quan_tiep_nhan",
    "dia_ban",
    "muc_do",
    "ma_dvc",
    "phi_le_phi",
    "bieu_mau",
    "bieu_mau_dien_tu",
    "thanh_phan_ho_so",
    "thoi_han",
];

fn input_error(field: impl Into<String>, detail: impl Into<String>) -> Error {
    Error::new(ErrorCode::CatalogInput, field.into(), detail)
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn fees_from_text(s: &str) -> Vec<Fee> {
    s.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|f| {
            let mut p = f.split('|').map(|x| x.trim().to_string());
            Fee {
                code: p.next().unwrap_or_default(),
                kind: p.next().unwrap_or_default(),
                amount: p.next().unwrap_or_default(),
                beneficiary_account: p.next().unwrap_or_default(),
                treasury_account: p.next().unwrap_or_default(),
            }
        })
        .collect()
}

/// Reads a CSV catalogue (UTF-8, optional BOM, header row; column order free, unknown columns
/// ignored). Fails only when the file cannot be read as CSV, lacks `ma_thu_tuc`/`ten_thu_tuc` or
/// names one of [`COLUMNS`] twice; bad values are kept as written and reported by the checks.
pub fn from_csv(text: &str) -> Result<Vec<Procedure>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header = r
        .headers()
        .map_err(|e| input_error("header", format!("not a CSV header: {e}")))?
        .clone();
    let same = |h: &str, c: &str| h.trim().eq_ignore_ascii_case(c);
    let col: Vec<Option<usize>> = COLUMNS.iter().map(|c| header.iter().position(|h| same(h, c))).collect();
    for (i, name) in COLUMNS.iter().enumerate().take(2) {
        if col[i].is_none() {
            return Err(input_error(*name, "required column missing from the header"));
        }
    }
    if let Some(name) = crate::text::column_named_twice(COLUMNS, header.iter(), same) {
        return Err(input_error(name, "column appears twice in the header"));
    }
    let mut out = Vec::new();
    let mut lines = CsvLines::default();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| lines.start_line(text.as_bytes(), p));
            input_error("row", format!("line {line}: {}", csv_detail(&e)))
        })?;
        let line = rec.position().map_or(0, |p| lines.start_line(text.as_bytes(), p));
        let get = |i: usize| col[i].map(|c| rec.get(c).unwrap_or("").trim().to_string());
        let text = |i: usize| get(i).unwrap_or_default();
        out.push(Procedure {
            code: text(0),
            name: text(1),
            levels: text(2),
            field: text(3),
            agency: get(4),
            receiving_unit: get(5),
            locality: get(6),
            service_level: get(7),
            service_codes: list(&text(8)),
            fees: get(9).map(|f| fees_from_text(&f)),
            forms: list(&text(10)),
            eform: get(11),
            components: list(&text(12)),
            processing_time: get(13),
            line,
        });
    }
    Ok(out)
}

fn csv_detail(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".into(),
        _ => "malformed CSV".into(),
    }
}

/// The keys of a fee object in JSON.
const FEE_KEYS: [&str; 5] = ["ma_phi", "loai", "so_tien", "tk_thu_huong", "tk_kho_bac"];

/// Reads a JSON catalogue: an array of procedure objects (keys as the CSV columns). A key written
/// twice in a procedure or fee object refuses the file, as a column named twice does.
pub fn from_json(text: &str) -> Result<Vec<Procedure>, Error> {
    let syntax = |e: serde_json::Error| input_error("json", crate::text::json_error(&e));
    // A procedure's columns in the top-level array, a fee's keys in its `phi_le_phi`.
    let known = |path: &[Step], k: &str| match path {
        [Step::Index(_)] => COLUMNS.contains(&k),
        [Step::Index(_), Step::Key(f), Step::Index(_)] => f == "phi_le_phi" && FEE_KEYS.contains(&k),
        _ => false,
    };
    // Only found inside a procedure: `known` takes no key elsewhere.
    if let Some([Step::Index(i), inner @ ..]) = repeated_key(text, &known).map_err(syntax)?.as_deref() {
        let keys: Vec<&str> = inner
            .iter()
            .filter_map(|s| match s {
                Step::Key(k) => Some(k.as_str()),
                Step::Index(_) => None,
            })
            .collect();
        return Err(input_error(
            keys.join("."),
            format!("procedure {}: written twice", i + 1),
        ));
    }
    let v: Value = serde_json::from_str(text).map_err(syntax)?;
    let Value::Array(items) = v else {
        return Err(input_error("json", "expected an array of procedure objects"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| procedure_from_json(item, i as u64 + 1))
        .collect()
}

fn scalar(obj: &serde_json::Map<String, Value>, key: &str, at: u64) -> Result<Option<String>, Error> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(String::new())),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(input_error(key, format!("procedure {at}: expected a string"))),
    }
}

fn strings(obj: &serde_json::Map<String, Value>, key: &str, at: u64) -> Result<Option<Vec<String>>, Error> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(Vec::new())),
        Some(Value::String(s)) => Ok(Some(list(s))),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| match x {
                Value::String(s) => Ok(s.trim().to_string()),
                _ => Err(input_error(
                    key,
                    format!("procedure {at}: expected an array of strings"),
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(input_error(
            key,
            format!("procedure {at}: expected an array of strings"),
        )),
    }
}

fn procedure_from_json(item: &Value, at: u64) -> Result<Procedure, Error> {
    let Value::Object(o) = item else {
        return Err(input_error("json", format!("procedure {at}: expected an object")));
    };
    let text = |k: &str| scalar(o, k, at).map(Option::unwrap_or_default);
    let fees = match o.get("phi_le_phi") {
        None => None,
        Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(a)) => Some(
            a.iter()
                .map(|f| {
                    let Value::Object(f) = f else {
                        return Err(input_error(
                            "phi_le_phi",
                            format!("procedure {at}: expected fee objects"),
                        ));
                    };
                    let t = |k: &str| {
                        scalar(f, k, at)
                            .map(Option::unwrap_or_default)
                            .map_err(|e| input_error(format!("phi_le_phi.{k}"), e.detail))
                    };
                    Ok(Fee {
                        code: t("ma_phi")?,
                        kind: t("loai")?,
                        amount: t("so_tien")?,
                        beneficiary_account: t("tk_thu_huong")?,
                        treasury_account: t("tk_kho_bac")?,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Some(_) => return Err(input_error("phi_le_phi", format!("procedure {at}: expected an array"))),
    };
    let levels = match o.get("cap_thuc_hien") {
        Some(Value::Array(_)) => strings(o, "cap_thuc_hien", at)?.unwrap_or_default().join(", "),
        _ => text("cap_thuc_hien")?,
    };
    Ok(Procedure {
        code: text("ma_thu_tuc")?,
        name: text("ten_thu_tuc")?,
        levels,
        field: text("linh_vuc")?,
        agency: scalar(o, "co_quan", at)?,
        receiving_unit: scalar(o, "co_quan_tiep_nhan", at)?,
        locality: scalar(o, "dia_ban", at)?,
        service_level: scalar(o, "muc_do", at)?,
        service_codes: strings(o, "ma_dvc", at)?.unwrap_or_default(),
        fees,
        forms: strings(o, "bieu_mau", at)?.unwrap_or_default(),
        eform: scalar(o, "bieu_mau_dien_tu", at)?,
        components: strings(o, "thanh_phan_ho_so", at)?.unwrap_or_default(),
        processing_time: scalar(o, "thoi_han", at)?,
        line: at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column named twice (ASCII case ignored, as columns are found) refuses the file: which of
    /// the two a row means is not known. An unknown column may repeat.
    #[test]
    fn csv_naming_a_column_twice_is_refused() {
        let e = from_csv("ma_thu_tuc,ten_thu_tuc,Ma_Thu_Tuc\n1.000757,x,2.000001\n").unwrap_err();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::CatalogInput, "ma_thu_tuc"));
        assert!(e.detail.contains("twice"), "{}", e.detail);
        let p = from_csv("ma_thu_tuc,ghi_chu,ten_thu_tuc,ghi_chu\n1.000757,a,x,b\n").unwrap();
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn csv_with_extra_and_missing_columns() {
        let csv = "\u{feff}ten_thu_tuc,ma_thu_tuc,ghi_chu,phi_le_phi,co_quan\n\
                   Cấp lại thẻ căn cước,1.000757,x,LP01|le_phi|50000|0123|;LP02|phi|,Bộ Công an\n";
        let p = from_csv(csv).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].code, "1.000757");
        assert_eq!(p[0].line, 2);
        assert_eq!(p[0].agency.as_deref(), Some("Bộ Công an"));
        assert_eq!(p[0].receiving_unit, None);
        let fees = p[0].fees.as_ref().unwrap();
        assert_eq!(fees.len(), 2);
        assert_eq!(
            (fees[0].amount.as_str(), fees[1].beneficiary_account.as_str()),
            ("50000", "")
        );
    }

    /// A procedure is at the line it starts on, after blank lines (`\n`, `\r\n` or a bare `\r`,
    /// Excel's "CSV (Macintosh)") and a quoted field over two lines; so is a bad row.
    #[test]
    fn procedures_are_at_the_lines_they_start_on() {
        for end in ["\n", "\r\n", "\r"] {
            let csv = [
                "ma_thu_tuc,ten_thu_tuc",
                "",
                "1.1,a",
                "",
                "",
                "1.2,\"b",
                "c\"",
                "1.3,d",
                "",
            ]
            .join(end);
            let lines: Vec<u64> = from_csv(&csv).unwrap().iter().map(|p| p.line).collect();
            assert_eq!(lines, [3, 6, 8], "{csv:?}");
            let e = from_csv(&(csv + end + end + "1.4,e,f" + end)).unwrap_err();
            assert!(e.to_string().contains("line 11"), "{e}");
        }
    }

    #[test]
    fn unreadable_catalogues_fail_with_the_field() {
        let e = from_csv("ma_thu_tuc,linh_vuc\n1.000757,x\n").unwrap_err();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::CatalogInput, "ten_thu_tuc"));
        let e = from_csv("ma_thu_tuc,ten_thu_tuc\n1.000757,a,b\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = from_json(r#"[{"ma_thu_tuc": "1.000757", "ten_thu_tuc": ["x"]}]"#).unwrap_err();
        assert_eq!(e.field, "ten_thu_tuc");
        assert!(from_json("{}").is_err());
    }

    #[test]
    fn json_with_lists_numbers_and_fees() {
        let j = r#"[{"ma_thu_tuc": "1.000757", "ten_thu_tuc": "Cấp lại", "cap_thuc_hien": ["Cấp bộ", "Cấp tỉnh"],
                     "phi_le_phi": [{"ma_phi": "LP01", "loai": "le_phi", "so_tien": 50000, "tk_thu_huong": "1"}],
                     "thoi_han": 15, "bieu_mau_dien_tu": null}]"#;
        let p = from_json(j).unwrap();
        assert_eq!(p[0].levels, "Cấp bộ, Cấp tỉnh");
        assert_eq!(p[0].fees.as_ref().unwrap()[0].amount, "50000");
        assert_eq!(p[0].processing_time.as_deref(), Some("15"));
        assert_eq!(p[0].eform.as_deref(), Some(""));
        assert_eq!(p[0].agency, None);
    }

    /// A key written twice in a procedure or a fee refuses the file, naming where; an unknown key
    /// may repeat.
    #[test]
    fn json_writing_a_key_twice_is_refused() {
        let e = from_json(
            r#"[{"ma_thu_tuc": "1", "ten_thu_tuc": "a"}, {"ma_thu_tuc": "2", "ten_thu_tuc": "b", "ma_thu_tuc": "3"}]"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.field.as_ref(), e.detail.as_str()),
            (ErrorCode::CatalogInput, "ma_thu_tuc", "procedure 2: written twice")
        );
        let e = from_json(r#"[{"ma_thu_tuc": "1", "ten_thu_tuc": "a", "phi_le_phi": [{"so_tien": 1, "so_tien": 2}]}]"#)
            .unwrap_err();
        assert_eq!(
            (e.field.as_ref(), e.detail.as_str()),
            ("phi_le_phi.so_tien", "procedure 1: written twice")
        );
        let p = from_json(r#"[{"ma_thu_tuc": "1", "ten_thu_tuc": "a", "ghi_chu": 1, "ghi_chu": 2}]"#).unwrap();
        assert_eq!(p.len(), 1);
        // A fee's key at a procedure's level, or a procedure's inside a fee, is no column there.
        let p = from_json(
            r#"[{"ma_thu_tuc": "1", "ten_thu_tuc": "a", "loai": 1, "loai": 2,
                 "phi_le_phi": [{"ma_phi": "p", "ten_thu_tuc": 1, "ten_thu_tuc": 2}]}]"#,
        )
        .unwrap();
        assert_eq!(p[0].fees.as_ref().map(Vec::len), Some(1));
        // Inside another column's value nothing is a column: its own error is reported.
        let e = from_json(r#"[{"ma_thu_tuc": "1", "ten_thu_tuc": "a", "co_quan": {"ma_phi": 1, "ma_phi": 2}}]"#)
            .unwrap_err();
        assert_eq!(
            (e.field.as_ref(), e.detail.as_str()),
            ("co_quan", "procedure 1: expected a string")
        );
        let e = from_json(r#"{"ma_thu_tuc": "1", "ma_thu_tuc": "2"}"#).unwrap_err();
        assert_eq!(e.detail, "expected an array of procedure objects");
    }
}
