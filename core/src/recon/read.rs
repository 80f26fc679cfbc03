//! Streaming readers for the đối soát files: CSV with a header (column order free, extra columns
//! ignored) or JSON Lines with the same keys. One row is held at a time; the caller supplies the
//! byte source (the core never opens files).
use super::record::{Fields, RowError};
use crate::error::{Error, ErrorCode};
use std::io::{BufRead, BufReader, Read};

/// Input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// From a file name: `.jsonl`, `.ndjson` and `.json` are JSON Lines, anything else CSV.
    pub fn from_path(path: &str) -> Self {
        let p = path.to_ascii_lowercase();
        if p.ends_with(".jsonl") || p.ends_with(".ndjson") || p.ends_with(".json") {
            Self::Jsonl
        } else {
            Self::Csv
        }
    }

    /// From a name: `csv` or `jsonl`.
    pub fn from_name(s: &str) -> Result<Self, Error> {
        match s {
            "csv" => Ok(Self::Csv),
            "jsonl" | "ndjson" => Ok(Self::Jsonl),
            _ => Err(Error::new(
                ErrorCode::InvalidArgument,
                "format",
                "expected csv or jsonl",
            )),
        }
    }
}

/// One row: named fields plus its 1-based line.
pub struct Row<'r> {
    /// 1-based line where the row starts.
    pub line: u64,
    fields: RowFields<'r>,
}

enum RowFields<'r> {
    Csv(&'r [String], &'r csv::StringRecord),
    Json(&'r [(String, String)]),
}

impl Fields for Row<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        match &self.fields {
            RowFields::Csv(h, r) => h.iter().position(|c| c == name).and_then(|i| r.get(i)),
            RowFields::Json(kv) => kv.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
        }
    }
}

/// A streaming reader of rows.
pub struct Rows<R: Read> {
    inner: Inner<R>,
}

enum Inner<R: Read> {
    Csv {
        rdr: csv::Reader<R>,
        header: Vec<String>,
        rec: csv::StringRecord,
        /// Line of the previous record (the header is line 1).
        last: u64,
    },
    Jsonl {
        rdr: BufReader<R>,
        buf: String,
        kv: Vec<(String, String)>,
        line: u64,
    },
}

impl<R: Read> Rows<R> {
    /// Opens a reader; for CSV the header must name every `required` column (7001).
    pub fn new(source: R, format: Format, required: &[&str]) -> Result<Self, Error> {
        let inner = match format {
            Format::Csv => {
                let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(source);
                let header: Vec<String> = rdr
                    .headers()
                    .map_err(|_| Error::new(ErrorCode::ReconHeader, "header", "the header row is not readable CSV"))?
                    .iter()
                    .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
                    .collect();
                if let Some(m) = required.iter().find(|r| !header.iter().any(|h| h == *r)) {
                    return Err(Error::new(
                        ErrorCode::ReconHeader,
                        (*m).to_string(),
                        "column missing from the header",
                    ));
                }
                Inner::Csv {
                    rdr,
                    header,
                    rec: csv::StringRecord::new(),
                    last: 1,
                }
            }
            Format::Jsonl => Inner::Jsonl {
                rdr: BufReader::with_capacity(1 << 16, source),
                buf: String::new(),
                kv: Vec::new(),
                line: 0,
            },
        };
        Ok(Self { inner })
    }

    /// The next row, a malformed row (7005) as an error with its line, or `None` at the end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Row<'_>, RowError>> {
        match &mut self.inner {
            Inner::Csv { rdr, header, rec, last } => {
                let line_before = rdr.position().line();
                match rdr.read_record(rec) {
                    Ok(false) => None,
                    Ok(true) => {
                        // With CRLF endings the csv crate reports the line before the record.
                        let line = rec.position().map_or(line_before, |p| p.line()).max(*last + 1);
                        *last = line;
                        if rec.len() > header.len() {
                            return Some(Err(malformed(
                                line,
                                format!("{} fields, the header has {}", rec.len(), header.len()),
                            )));
                        }
                        Some(Ok(Row {
                            line,
                            fields: RowFields::Csv(header, rec),
                        }))
                    }
                    Err(e) => {
                        let line = e.position().map_or(line_before + 1, |p| p.line()).max(*last + 1);
                        *last = line;
                        let what = match e.kind() {
                            csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
                            _ => "not readable CSV".to_string(),
                        };
                        Some(Err(malformed(line, what)))
                    }
                }
            }
            Inner::Jsonl { rdr, buf, kv, line } => loop {
                buf.clear();
                *line += 1;
                match rdr.read_line(buf) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(_) => return Some(Err(malformed(*line, "not valid UTF-8".to_string()))),
                }
                if buf.trim().is_empty() {
                    continue;
                }
                let obj: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(buf) {
                    Ok(o) => o,
                    Err(e) => return Some(Err(malformed(*line, crate::text::json_error(&e)))),
                };
                if let Err(error) = json_fields(obj, kv) {
                    return Some(Err(RowError {
                        line: *line,
                        error,
                        id: String::new(),
                        so_tien: None,
                    }));
                }
                return Some(Ok(Row {
                    line: *line,
                    fields: RowFields::Json(kv),
                }));
            },
        }
    }
}

/// The fields of a JSON object as text: strings as they are, numbers in their decimal form, null
/// as empty; arrays and objects are an error (7005) naming the key.
pub fn json_fields(
    obj: serde_json::Map<String, serde_json::Value>,
    kv: &mut Vec<(String, String)>,
) -> Result<(), Error> {
    kv.clear();
    for (k, v) in obj {
        let v = match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Null => String::new(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => return Err(Error::new(ErrorCode::ReconRow, k, "expected a string or a number")),
        };
        kv.push((k, v));
    }
    Ok(())
}

/// Named fields held as text (a JSON object after [`json_fields`]).
pub struct TextFields(pub Vec<(String, String)>);

impl Fields for TextFields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn malformed(line: u64, what: String) -> RowError {
    RowError {
        line,
        error: Error::new(ErrorCode::ReconRow, "row", what),
        id: String::new(),
        so_tien: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recon::record::{Attempt, CREDIT_REQUIRED};

    #[test]
    fn csv_and_jsonl_give_the_same_fields() {
        let csv = "so_tien,ma_tham_chieu,ma_ho_so,thoi_gian_gd,trang_thai_gd,tk_thu_huong,extra\n\
                   30000,dvcX,A-260101-0001,20260101000000,1,123,zzz\n";
        let json = r#"{"so_tien":30000,"ma_tham_chieu":"dvcX","ma_ho_so":"A-260101-0001","thoi_gian_gd":"20260101000000","trang_thai_gd":1,"tk_thu_huong":"123"}"#;
        let mut a = Rows::new(csv.as_bytes(), Format::Csv, &[]).unwrap();
        let mut b = Rows::new(json.as_bytes(), Format::Jsonl, &[]).unwrap();
        let ra = a.next().unwrap().unwrap();
        let rb = b.next().unwrap().unwrap();
        assert_eq!(ra.line, 2);
        assert_eq!(rb.line, 1);
        let x = Attempt::from_fields(&ra, ra.line).unwrap();
        let y = Attempt::from_fields(&rb, rb.line).unwrap();
        assert_eq!(x, y);
    }

    #[test]
    fn lines_count_from_the_header_with_lf_and_crlf() {
        for text in ["a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n"] {
            let mut r = Rows::new(text.as_bytes(), Format::Csv, &[]).unwrap();
            let first = r.next().unwrap().unwrap().line;
            let second = r.next().unwrap().unwrap().line;
            assert_eq!((first, second), (2, 3), "{text:?}");
        }
    }

    #[test]
    fn missing_columns_and_bad_rows_are_reported() {
        let e = Rows::new("a,b\n".as_bytes(), Format::Csv, &CREDIT_REQUIRED)
            .err()
            .unwrap();
        assert_eq!(e.code, ErrorCode::ReconHeader);
        assert_eq!(e.field, "ma_giao_dich_nh");
        let mut r = Rows::new("a,b\n1,2,3\n\"x\n".as_bytes(), Format::Csv, &[]).unwrap();
        let e = r.next().unwrap().err().unwrap();
        assert_eq!((e.line, e.error.code), (2, ErrorCode::ReconRow));
        let mut j = Rows::new("{\"a\":1}\n\n{bad\n".as_bytes(), Format::Jsonl, &[]).unwrap();
        assert!(j.next().unwrap().is_ok());
        let e = j.next().unwrap().err().unwrap();
        assert_eq!((e.line, e.error.code), (3, ErrorCode::ReconRow));
        assert!(j.next().is_none());
    }
}
