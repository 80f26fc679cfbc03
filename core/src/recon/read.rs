//! Streaming readers for the đối soát files: CSV with a header (column order free, extra columns
//! ignored) or JSON Lines with the same keys. One row is held at a time; the caller supplies the
//! byte source (the core never opens files).
use super::record::{Col, Fields, RowError};
use super::words::{equal, load};
use crate::error::{Error, ErrorCode};
use crate::json::Members;
use crate::text::line_ends;
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
    /// A value that is not text (see [`json_fields`]).
    invalid: Option<Error>,
}

enum RowFields<'r> {
    /// The header, the record's text and each field's range in it.
    Csv(&'r Header, &'r str, &'r [(u32, u32)]),
    Json(&'r [(String, String)]),
}

impl<'r> Row<'r> {
    /// The record's text, when it is one text (a CSV record, its quotes undone): every field is
    /// a part of it.
    pub fn text(&self) -> Option<&'r str> {
        match self.fields {
            RowFields::Csv(_, text, _) => Some(text),
            RowFields::Json(_) => None,
        }
    }
}

/// A CSV header: the column names, and where each known column is (named once: [`Rows::new`]
/// rejects a header naming one twice).
#[derive(Default)]
struct Header {
    names: Vec<String>,
    cols: [Option<u16>; Col::ALL.len()],
}

impl Header {
    fn new(names: Vec<String>) -> Self {
        let cols = Col::ALL.map(|c| {
            names
                .iter()
                .position(|n| n == c.name())
                .and_then(|i| u16::try_from(i).ok())
        });
        Self { names, cols }
    }
}

/// Field `i` of a record's text (every range is on character boundaries: checked when the row was
/// read).
fn field<'t>(text: &'t str, bounds: &[(u32, u32)], i: usize) -> Option<&'t str> {
    let &(s, e) = bounds.get(i)?;
    text.get(s as usize..e as usize)
}

impl Fields for Row<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        match &self.fields {
            RowFields::Csv(h, text, bounds) => field(text, bounds, h.names.iter().position(|c| c == name)?),
            RowFields::Json(kv) => kv.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
        }
    }

    fn col(&self, c: Col) -> Option<&str> {
        match &self.fields {
            RowFields::Csv(h, text, bounds) => field(text, bounds, usize::from(h.cols[c as usize]?)),
            RowFields::Json(_) => self.get(c.name()),
        }
    }

    fn invalid(&self) -> Option<Error> {
        self.invalid.clone()
    }
}

/// A streaming reader of rows.
pub struct Rows<R: Read> {
    inner: Inner<R>,
}

enum Inner<R: Read> {
    Csv(Box<CsvRows<R>>),
    Jsonl {
        rdr: BufReader<R>,
        buf: Vec<u8>,
        kv: Vec<(String, String)>,
        line: u64,
        /// A read failed (other than bad UTF-8): the input ends there.
        failed: bool,
    },
}

/// CSV as the `csv` crate reads it (RFC 4180 quotes, `\n`, `\r\n` or `\r` ends a record, blank
/// lines skipped, a leading BOM dropped), each record with the line it starts on: every `\n` and
/// every bare `\r` (classic Mac files, Excel's "CSV (Macintosh)") ends a line, blank ones too. A
/// line without quotes is split on its commas in place; any other record goes through `csv_core`.
struct CsvRows<R> {
    src: R,
    /// Unread input is `buf[pos..end]`.
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    /// An input error was met: it is reported once, then the rows end.
    failed: bool,
    header: Header,
    core: csv_core::Reader,
    /// Unquoted field texts of a record read by `csv_core`, and their ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    /// The fields of the current row: ranges in its text (in `buf` or in `out`).
    bounds: Vec<(u32, u32)>,
    /// Line ends consumed so far: each `\r`, and each `\n` not right after one (`csv_core` leaves
    /// the `\n` of a `\r\n` for the next record).
    newlines: u64,
    /// The last byte consumed.
    prev: Option<u8>,
    /// The line the record being read starts on: 1 + `newlines` once the blank lines before it are
    /// skipped.
    start_line: u64,
}

/// How a CSV record was read.
enum Parsed {
    /// Fields in `buf[start..stop]`, the record's text (`bounds`).
    InPlace(usize, usize),
    /// Fields in `out` (`bounds`).
    Unquoted,
    /// The input ended.
    End,
    /// The input failed.
    Failed,
}

/// Splits a line (without its line end) at its commas into `bounds`, eight bytes at a time;
/// a line with a quote goes to [`split_quoted`]. `false` when neither can (the full CSV reader
/// then reads the record).
fn split_plain(text: &[u8], bounds: &mut Vec<(u32, u32)>) -> bool {
    if memchr::memchr(b'"', text).is_some() {
        return split_quoted(text, bounds);
    }
    bounds.clear();
    let mut field = 0;
    let mut word = |at: usize, w: u64| {
        let mut commas = equal(w, b',');
        while commas != 0 {
            let comma = at + (commas.trailing_zeros() / 8) as usize;
            bounds.push((field as u32, comma as u32));
            field = comma + 1;
            commas &= commas - 1;
        }
    };
    let mut words = text.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        word(at, load(w, 0));
        at += 8;
    }
    // The last bytes padded with zero bytes, which are no comma.
    word(at, load(words.remainder(), 0));
    bounds.push((field as u32, text.len() as u32));
    true
}

/// Splits a line whose quoted fields are simple (a bank remark with a comma: `"…"` right after a
/// comma or at the start, closed right before a comma or at the end, with no quote inside) into
/// `bounds`, each quoted field without its quotes, as the full CSV reader reads it. `false` for
/// anything else: a doubled quote, a quote inside an unquoted field, text after a closing quote,
/// or a quote closed on a later line.
fn split_quoted(text: &[u8], bounds: &mut Vec<(u32, u32)>) -> bool {
    bounds.clear();
    let mut at = 0;
    loop {
        if text.get(at) == Some(&b'"') {
            let Some(close) = memchr::memchr(b'"', &text[at + 1..]).map(|i| at + 1 + i) else {
                return false;
            };
            bounds.push((at as u32 + 1, close as u32));
            match text.get(close + 1) {
                None => return true,
                Some(b',') => at = close + 2,
                Some(_) => return false,
            }
        } else {
            match memchr::memchr2(b',', b'"', &text[at..]).map(|i| at + i) {
                None => {
                    bounds.push((at as u32, text.len() as u32));
                    return true;
                }
                Some(end) if text[end] == b',' => {
                    bounds.push((at as u32, end as u32));
                    at = end + 1;
                }
                Some(_) => return false,
            }
        }
    }
}

impl<R: Read> CsvRows<R> {
    fn new(src: R) -> Self {
        Self {
            src,
            buf: vec![0; 1 << 18],
            pos: 0,
            end: 0,
            eof: false,
            failed: false,
            header: Header::default(),
            core: csv_core::Reader::new(),
            out: vec![0; 1 << 10],
            ends: vec![0; 64],
            bounds: Vec::new(),
            newlines: 0,
            prev: None,
            start_line: 1,
        }
    }

    /// Reads more input after `end`, keeping `buf[pos..end]`; `false` at the end or on an error.
    fn fill(&mut self) -> bool {
        if self.eof || self.failed {
            return false;
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return false;
                }
                Ok(n) => {
                    self.end += n;
                    return true;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => {
                    self.failed = true;
                    return false;
                }
            }
        }
    }

    /// One record through `csv_core` (into `out` and `bounds`).
    fn parse_core(&mut self) -> Parsed {
        use csv_core::ReadRecordResult as R;
        let (mut nout, mut nend) = (0, 0);
        loop {
            if self.pos == self.end && !self.fill() && self.failed {
                return Parsed::Failed;
            }
            let input = &self.buf[self.pos..self.end];
            let (res, nin, o, e) = self
                .core
                .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
            self.newlines += line_ends(&input[..nin], self.prev);
            self.prev = input[..nin].last().copied().or(self.prev);
            self.pos += nin;
            nout += o;
            nend += e;
            match res {
                R::InputEmpty => {}
                R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                R::Record => {
                    self.bounds.clear();
                    let mut start = 0;
                    for &end in &self.ends[..nend] {
                        self.bounds.push((start as u32, end as u32));
                        start = end;
                    }
                    return Parsed::Unquoted;
                }
                R::End => return Parsed::End,
            }
        }
    }

    /// The next record, split in place when its line has no quote.
    fn parse(&mut self) -> Parsed {
        // Blank lines and the `\n` of a `\r\n` (as `csv_core` skips them).
        let end = loop {
            let blank = self.buf[self.pos..self.end]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            if blank > 0 {
                let run = &self.buf[self.pos..self.pos + blank];
                self.newlines += line_ends(run, self.prev);
                self.prev = run.last().copied();
                self.pos += blank;
            }
            self.start_line = 1 + self.newlines;
            if self.pos == self.end {
                if self.fill() {
                    continue;
                }
                return if self.failed { Parsed::Failed } else { Parsed::End };
            }
            match memchr::memchr2(b'\n', b'\r', &self.buf[self.pos..self.end]) {
                Some(i) => break Some(self.pos + i),
                None if self.fill() => {}
                None if self.failed => return Parsed::Failed,
                None => break None,
            }
        };
        let start = self.pos;
        let stop = end.unwrap_or(self.end);
        if !split_plain(&self.buf[start..stop], &mut self.bounds) {
            return self.parse_core();
        }
        // The line end is consumed, but for the `\n` of a `\r\n`, as `csv_core` does.
        self.pos = match end {
            Some(i) => {
                // A line's first byte is no line end, so the one ending it counts.
                self.newlines += 1;
                self.prev = Some(self.buf[i]);
                i + 1
            }
            None => {
                self.prev = self.buf[..self.end].last().copied();
                self.end
            }
        };
        Parsed::InPlace(start, stop)
    }

    fn next(&mut self) -> Option<Result<Row<'_>, RowError>> {
        if self.failed && self.pos == self.end {
            return None;
        }
        let parsed = self.parse();
        // The line its first character is on (after any blank lines).
        let line = self.start_line;
        let (data, in_place) = match parsed {
            Parsed::End => return None,
            Parsed::Failed => return Some(Err(malformed(line, "not readable CSV".to_string()))),
            Parsed::InPlace(s, e) => (&self.buf[s..e], true),
            Parsed::Unquoted => (&self.out[..self.bounds.last().map_or(0, |b| b.1 as usize)], false),
        };
        let bounds = &self.bounds;
        // The record is checked once (`simdutf8`: about 0.04 s less than `std` over the 1 M
        // scenario's three files); its fields are valid when they also start and end on
        // character boundaries (always so when split at its commas in place).
        let text = match simdutf8::basic::from_utf8(data) {
            Ok(t)
                if in_place
                    || bounds
                        .iter()
                        .all(|b| t.is_char_boundary(b.0 as usize) && t.is_char_boundary(b.1 as usize)) =>
            {
                t
            }
            _ => return Some(Err(malformed(line, "not valid UTF-8".to_string()))),
        };
        if bounds.len() > self.header.names.len() {
            return Some(Err(malformed(
                line,
                format!("{} fields, the header has {}", bounds.len(), self.header.names.len()),
            )));
        }
        Some(Ok(Row {
            line,
            fields: RowFields::Csv(&self.header, text, bounds),
            invalid: None,
        }))
    }

    /// Reads the header row (through `csv_core`, which drops a leading BOM).
    fn read_header(&mut self) -> Result<(), ()> {
        // `csv_core` takes empty input as the end, also once it has dropped a BOM: give it more.
        while self.end - self.pos < 4 && self.fill() {}
        let parsed = self.parse_core();
        let fields = match parsed {
            Parsed::Unquoted => &self.bounds,
            Parsed::End => return Ok(()),
            _ => return Err(()),
        };
        let mut header = Vec::with_capacity(fields.len());
        for &(s, e) in fields {
            let h = std::str::from_utf8(&self.out[s as usize..e as usize]).map_err(|_| ())?;
            header.push(h.trim().trim_start_matches('\u{feff}').to_string());
        }
        self.header = Header::new(header);
        Ok(())
    }
}

impl<R: Read> Rows<R> {
    /// Opens a reader; for CSV the header must name every `required` column, and none of the
    /// đối soát columns twice (7001).
    pub fn new(source: R, format: Format, required: &[&str]) -> Result<Self, Error> {
        let inner = match format {
            Format::Csv => {
                let mut csv = Box::new(CsvRows::new(source));
                csv.read_header()
                    .map_err(|()| Error::new(ErrorCode::ReconHeader, "header", "the header row is not readable CSV"))?;
                if let Some(m) = required.iter().find(|r| !csv.header.names.iter().any(|h| h == *r)) {
                    return Err(Error::new(
                        ErrorCode::ReconHeader,
                        (*m).to_string(),
                        "column missing from the header",
                    ));
                }
                let names = csv.header.names.iter().map(String::as_str);
                if let Some(c) = crate::text::column_named_twice(Col::ALL.map(Col::name), names, |h, c| h == c) {
                    return Err(Error::new(
                        ErrorCode::ReconHeader,
                        c,
                        "column appears twice in the header",
                    ));
                }
                Inner::Csv(csv)
            }
            Format::Jsonl => Inner::Jsonl {
                rdr: BufReader::with_capacity(1 << 16, source),
                buf: Vec::new(),
                kv: Vec::new(),
                line: 0,
                failed: false,
            },
        };
        Ok(Self { inner })
    }

    /// The next row, a malformed row (7005) as an error with its line, or `None` at the end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Row<'_>, RowError>> {
        match &mut self.inner {
            Inner::Csv(csv) => csv.next(),
            Inner::Jsonl {
                rdr,
                buf,
                kv,
                line,
                failed,
            } => loop {
                if *failed {
                    return None;
                }
                buf.clear();
                *line += 1;
                match rdr.read_until(b'\n', buf) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    // A failing read may fail again for ever (a directory, a lost disk): one row
                    // says where the input stopped, as for CSV.
                    Err(_) => {
                        *failed = true;
                        return Some(Err(malformed(*line, "not readable".to_string())));
                    }
                }
                let Ok(text) = std::str::from_utf8(buf) else {
                    return Some(Err(malformed(*line, "not valid UTF-8".to_string())));
                };
                // A byte-order mark before the first record, as CSV files may have too.
                let text = match *line {
                    1 => text.strip_prefix('\u{feff}').unwrap_or(text),
                    _ => text,
                };
                if text.trim().is_empty() {
                    continue;
                }
                let obj: Members = match serde_json::from_str(text) {
                    Ok(o) => o,
                    Err(e) => return Some(Err(malformed(*line, crate::text::json_error(&e)))),
                };
                let invalid = json_fields(obj, kv);
                return Some(Ok(Row {
                    line: *line,
                    fields: RowFields::Json(kv),
                    invalid,
                }));
            },
        }
    }
}

/// The fields of a JSON object as text: strings as they are, numbers in their decimal form, null
/// as empty. An array or object is left out: under a column's name it is the record's error (7005
/// naming the first such column), so the row is `invalid_input` and still keeps its id and amount;
/// under another key it is ignored, as an extra CSV column is (the key, which may be anything, is
/// never put in a message). A column's name written twice is the record's error too (7005 naming
/// it); its first value is the one read.
pub(crate) fn json_fields(obj: Members, kv: &mut Vec<(String, String)>) -> Option<Error> {
    kv.clear();
    let is_column = |k: &str| Col::ALL.iter().any(|c| c.name() == k);
    let invalid = obj.0.iter().find_map(|(k, v)| {
        let detail = match v {
            _ if !is_column(k) => return None,
            _ if obj.count(k) > 1 => "appears twice in the record",
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => "expected a string or a number",
            _ => return None,
        };
        Some(Error::new(ErrorCode::ReconRow, k.clone(), detail))
    });
    for (k, v) in obj.0 {
        let v = match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Null => String::new(),
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => continue,
        };
        kv.push((k, v));
    }
    invalid
}

/// Named fields held as text, and the error of a value that is not (a JSON object after
/// [`json_fields`]).
pub(crate) struct TextFields(pub Vec<(String, String)>, pub Option<Error>);

impl Fields for TextFields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn invalid(&self) -> Option<Error> {
        self.1.clone()
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
    use crate::testing::Trickle;

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

    /// A bare `\r` ends a line as `\n` and `\r\n` do (Excel's "CSV (Macintosh)"), blank lines
    /// and quoted line ends counted: each end gives the same rows on the same lines.
    #[test]
    fn bare_cr_ends_lines() {
        let rows = |end: &str| {
            let text = ["a,b", "", "1,2", "", "", "\"3", "x\",4", "5,6", ""].join(end);
            let mut r = Rows::new(text.as_bytes(), Format::Csv, &[]).unwrap();
            let mut out = Vec::new();
            while let Some(row) = r.next() {
                let row = row.unwrap();
                out.push((
                    row.line,
                    row.get("a")
                        .unwrap_or_default()
                        .replace("\r\n", "|")
                        .replace(['\r', '\n'], "|"),
                ));
            }
            out
        };
        let lf = rows("\n");
        assert_eq!(lf, [(3, "1".into()), (6, "3|x".into()), (8, "5".into())]);
        assert_eq!(rows("\r\n"), lf);
        assert_eq!(rows("\r"), lf);
    }

    /// A file whose lines end with a bare `\r` is read a line at a time, in the buffer's first
    /// size, not gathered whole looking for a `\n` (which made it quadratic too).
    #[test]
    fn a_bare_cr_file_is_read_in_bounded_memory() {
        let line = "NH0000001,2026-06-10 01:20:00,30000,303794335041,nop phi ho so\r";
        let text = format!("a,b,c,d,e\r{}", line.repeat(20_000));
        let mut csv = CsvRows::new(text.as_bytes());
        csv.read_header().unwrap();
        let first = csv.buf.len();
        let mut n = 0;
        while let Some(row) = csv.next() {
            assert_eq!(row.unwrap().line, n + 2);
            n += 1;
        }
        assert_eq!(n, 20_000);
        assert_eq!(csv.buf.len(), first, "{} bytes of input", text.len());
        // Nothing but line ends: none is held back waiting for the byte after it.
        for end in ["\r", "\r\n", "\n"] {
            let text = format!("a,b{end}{}1,2\n", end.repeat(1 << 20));
            let mut csv = CsvRows::new(text.as_bytes());
            csv.read_header().unwrap();
            assert_eq!(csv.next().unwrap().unwrap().line, 2 + (1 << 20), "{end:?}");
            assert_eq!(csv.buf.len(), first, "{end:?}");
        }
    }

    /// Each row's line and fields, or its error.
    type ReadRows = Vec<(u64, Result<Vec<String>, String>)>;

    /// The rows as the `csv` crate reads them, each at the line it starts on: what [`Rows`] must
    /// reproduce.
    fn csv_crate_rows(text: &[u8]) -> Result<ReadRows, ()> {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text);
        let header = rdr.headers().map_err(|_| ())?.len();
        let (mut rec, mut lines, mut out) = (csv::StringRecord::new(), crate::text::CsvLines::default(), Vec::new());
        loop {
            let before = rdr.position().clone();
            match rdr.read_record(&mut rec) {
                Ok(false) => return Ok(out),
                Ok(true) => {
                    let line = lines.start_line(text, rec.position().unwrap_or(&before));
                    if rec.len() > header {
                        out.push((line, Err(format!("{} fields, the header has {}", rec.len(), header))));
                    } else {
                        out.push((line, Ok(rec.iter().map(String::from).collect())));
                    }
                }
                Err(e) => {
                    let line = lines.start_line(text, e.position().unwrap_or(&before));
                    out.push((line, Err("not valid UTF-8".into())));
                }
            }
        }
    }

    #[test]
    fn csv_rows_equal_the_csv_crate() {
        const NAMES: [&str; 3] = ["a", "b", "c"];
        // Halves of `é` (\xc3\xa9) in neighbouring fields make text that is valid UTF-8 as a whole.
        let pieces: [&[u8]; 21] = [
            // A quoted field as banks write a remark with a comma, and an empty one.
            b"\"q, r\"",
            b"\"\"",
            b"x",
            b"yz",
            b",",
            b",",
            b"\"",
            b"\"\"\"\"",
            b"\n",
            b"\r\n",
            b"\r",
            b" ",
            b"\xc3\xa9",
            b"\xff",
            b"\xc3",
            b"\xa9",
            b"\n\n",
            b"1",
            // Neighbours of `,` and `"` in value, which a word-at-a-time test could confuse.
            b"-+",
            b"#!",
            b"0123456789abcdef",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |k: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % k as u64) as usize
        };
        for case in 0..4000 {
            let mut text: Vec<u8> = Vec::new();
            if case % 7 == 0 {
                text.extend_from_slice(b"\xef\xbb\xbf");
            }
            text.extend_from_slice(if case % 3 == 0 { b"a,b,c\r\n" } else { b"a,b,c\n" });
            for _ in 0..next(40) {
                text.extend_from_slice(pieces[next(pieces.len())]);
            }
            let want = csv_crate_rows(&text);
            for chunk in [1, 3, 1 << 20] {
                let got = Rows::new(Trickle(&text, chunk), Format::Csv, &[]).map(|mut rows| {
                    let mut out = Vec::new();
                    while let Some(r) = rows.next() {
                        out.push(match r {
                            Ok(row) => (
                                row.line,
                                Ok(NAMES
                                    .iter()
                                    .map_while(|n| row.get(n).map(String::from))
                                    .collect::<Vec<_>>()),
                            ),
                            Err(e) => (e.line, Err(e.error.detail.to_string())),
                        });
                    }
                    out
                });
                assert_eq!(
                    got.map_err(|_| ()),
                    want,
                    "{:?} in reads of {chunk}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }

    /// A known column is found by its place in the header as by its name, wherever it is; absent
    /// when the header lacks it. A known column named twice refuses the file (which of the two a
    /// row means is not known); another name may repeat.
    #[test]
    fn columns_resolve_as_names_do() {
        let text = "noi_dung,x,so_tien,ma_ho_so,x\nr\u{e9}mark,1,30000,A-1,40000\n";
        let mut rows = Rows::new(text.as_bytes(), Format::Csv, &[]).unwrap();
        let row = rows.next().unwrap().unwrap();
        for c in Col::ALL {
            assert_eq!(row.col(c), row.get(c.name()), "{c:?}");
        }
        assert_eq!(row.col(Col::SoTien), Some("30000"));
        assert_eq!(row.col(Col::NoiDung), Some("r\u{e9}mark"));
        assert_eq!(row.col(Col::ThoiGian), None);
        let twice = "noi_dung,so_tien,ma_ho_so,so_tien\nx,1,A-1,2\n";
        let e = Rows::new(twice.as_bytes(), Format::Csv, &[]).err().unwrap();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::ReconHeader, "so_tien"));
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

    /// An array or object under a column's name makes the record's error naming the column; under
    /// any other key (it may hold a name or an ID number) it is ignored, as an extra CSV column is.
    #[test]
    fn only_columns_holding_no_text_are_errors() {
        let mut kv = Vec::new();
        let obj = |s: &str| serde_json::from_str::<Members>(s).unwrap();
        let e = json_fields(obj(r#"{"so_tien": 1, "Tran Thi B 079123456789": {"x": 1}}"#), &mut kv);
        assert!(e.is_none());
        assert_eq!(kv, [("so_tien".to_string(), "1".to_string())]);
        let e = json_fields(
            obj(r#"{"Tran Thi B 079123456789": [1], "noi_dung": {"x": 1}}"#),
            &mut kv,
        )
        .unwrap();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::ReconRow, "noi_dung"));
    }

    /// A column's name written twice makes the record's error naming it (its first value kept);
    /// any other key may repeat, as an extra CSV column may.
    #[test]
    fn a_column_written_twice_is_the_records_error() {
        let mut kv = Vec::new();
        let obj = |s: &str| serde_json::from_str::<Members>(s).unwrap();
        let e = json_fields(
            obj(r#"{"so_tien": 1, "x": 0, "ma_ho_so": "A", "so_tien": 2, "x": 1}"#),
            &mut kv,
        )
        .unwrap();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::ReconRow, "so_tien"));
        assert!(e.detail.contains("twice"), "{}", e.detail);
        assert_eq!(TextFields(kv.clone(), None).get("so_tien"), Some("1"));
        assert!(json_fields(obj(r#"{"so_tien": 1, "x": 0, "x": 1}"#), &mut kv).is_none());
        // The first error in the record's order is the one named.
        let e = json_fields(obj(r#"{"noi_dung": [1], "so_tien": 1, "so_tien": 2}"#), &mut kv).unwrap();
        assert_eq!(e.field.as_ref(), "noi_dung");
    }

    /// JSON Lines: a line that is not UTF-8 is a row error and the next line is read; a read that
    /// fails (as reading a directory does, for ever) is one row error and the end, for JSON Lines
    /// as for CSV; a byte-order mark before the first record is skipped.
    #[test]
    fn jsonl_read_failures_end_the_input_and_a_bom_is_skipped() {
        let mut j = Rows::new(
            &b"\xef\xbb\xbf{\"a\":1}\n{\"a\":\"\xff\"}\n{\"a\":3}\n"[..],
            Format::Jsonl,
            &[],
        )
        .unwrap();
        let first = j.next().unwrap().unwrap();
        assert_eq!((first.line, first.get("a")), (1, Some("1")));
        let e = j.next().unwrap().err().unwrap();
        assert_eq!(
            (e.line, e.error.code, e.error.detail.as_ref()),
            (2, ErrorCode::ReconRow, "not valid UTF-8")
        );
        assert_eq!(j.next().unwrap().unwrap().line, 3);
        assert!(j.next().is_none());

        /// Gives `good`, then fails on every read.
        struct Failing(&'static [u8]);
        impl std::io::Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("gone"));
                }
                let n = self.0.len().min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut j = Rows::new(Failing(b"{\"a\":1}\n"), Format::Jsonl, &[]).unwrap();
        assert!(j.next().unwrap().is_ok());
        let e = j.next().unwrap().err().unwrap();
        assert_eq!((e.line, e.error.detail.as_ref()), (2, "not readable"));
        assert!(j.next().is_none());
        let mut c = Rows::new(Failing(b"a,b\n1,2\n"), Format::Csv, &[]).unwrap();
        assert!(c.next().unwrap().is_ok());
        assert!(c.next().unwrap().is_err());
        assert!(c.next().is_none());
    }
}
