//! Readers: status rows from CSV or JSON Lines, with their line numbers.
use super::row::{build_row, Raw, RowError, StatusRow};
use super::COLUMNS;
use crate::error::{Error, ErrorCode};
use crate::json::Record;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};

/// Input format of a statuses file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// `csv`: a header naming the columns (any order, extra columns ignored), then one row a line.
    Csv,
    /// `jsonl`: one JSON object a line with the same keys; `trang_thai` a number or a string of digits.
    Jsonl,
}

impl InputFormat {
    /// All formats.
    pub const ALL: [InputFormat; 2] = [InputFormat::Csv, InputFormat::Jsonl];

    /// Stable name: `csv`, `jsonl`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Csv => "csv",
            InputFormat::Jsonl => "jsonl",
        }
    }

    /// Parses a name, or an error (9004, field `format`).
    pub fn from_name(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| Error::new(ErrorCode::InvalidArgument, "format", "must be csv or jsonl"))
    }

    /// The format a file name's extension names (`.csv`, `.jsonl`, ASCII case ignored).
    pub fn from_path(path: &str) -> Option<Self> {
        let (_, ext) = path.rsplit_once('.')?;
        Self::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(ext))
    }
}

/// Where a header has one of [`COLUMNS`].
#[derive(Clone, Copy)]
enum HeaderColumn {
    Absent,
    At(usize),
    /// Named twice: which one the rows mean is not known, so each row is an error naming it.
    Repeated,
}

enum Source<R: Read> {
    Csv {
        reader: Box<csv::Reader<BareCr<R>>>,
        /// Where each of [`COLUMNS`] is; `None` until the header is read.
        columns: Option<[HeaderColumn; 4]>,
        record: csv::ByteRecord,
    },
    Jsonl {
        reader: BufReader<R>,
        line: u64,
        buf: Vec<u8>,
    },
}

/// Rows read from a caller-supplied [`Read`], each with its line number: an iterator of
/// `Result<StatusRow, RowError>`. A read failure of the underlying reader ends the iteration and is
/// kept in [`RowReader::io_error`] (it is not a row).
pub struct RowReader<R: Read> {
    source: Source<R>,
    io_error: Option<std::io::Error>,
}

/// Reads CSV: the first record is the header (`ma_ho_so,system,trang_thai,updated_at` in any order,
/// names trimmed, ASCII case and a UTF-8 BOM ignored, extra columns ignored); blank lines are
/// skipped. A header without one of the columns makes every row an error 7104 naming the column.
pub fn read_csv<R: Read>(r: R) -> RowReader<R> {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        // Only `\n` ends a record (the `\r` of CRLF is trimmed): with the default CRLF terminator the
        // csv crate counts the row after a CRLF header as line 1.
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(BareCr::new(r));
    RowReader {
        source: Source::Csv {
            reader: Box::new(reader),
            columns: None,
            record: csv::ByteRecord::new(),
        },
        io_error: None,
    }
}

/// A CSV source with its bare `\r` line ends (classic Mac files) read as `\n`, so that their rows
/// are rows (not one long header); `\r\n` is left as it is (its `\r` is trimmed with the field).
/// It notes the blank lines the `csv` crate skips before a record, whose line it then gives too
/// early.
struct BareCr<R> {
    inner: BufReader<R>,
    /// A `\r` that ended the last read: what it is depends on the byte after it.
    held_cr: bool,
    /// Bytes handed out so far, the last of them, and whether they end inside a quoted field.
    offset: u64,
    prev: Option<u8>,
    quote: Quote,
    /// Runs of `\n` right after a `\n` (blank lines) outside quoted fields, not yet passed: where
    /// each starts and how many `\n` it holds, oldest first. Every record read lets go of those
    /// before it, and the `csv` reader is at most its buffer ahead, so they are few.
    blank_runs: VecDeque<(u64, u64)>,
}

/// Where the bytes handed out end, as the `csv` reader reads quotes: outside a quoted field, in
/// one, or just after a `"` in one (at that offset) that closes it unless another follows.
#[derive(Clone, Copy)]
enum Quote {
    Out,
    In,
    Closing(u64),
}

impl<R: Read> BareCr<R> {
    fn new(inner: R) -> Self {
        Self {
            inner: BufReader::new(inner),
            held_cr: false,
            offset: 0,
            prev: None,
            quote: Quote::Out,
            blank_runs: VecDeque::new(),
        }
    }

    /// The line a record starts on, given the `csv` crate's position for it (the byte and line
    /// after the previous record): the blank lines from there on are counted. Positions are asked
    /// about in order.
    fn start_line(&mut self, pos: &csv::Position) -> u64 {
        let at = pos.byte();
        while self.blank_runs.front().is_some_and(|&(start, n)| start + n <= at) {
            self.blank_runs.pop_front();
        }
        let blank = match self.blank_runs.front() {
            Some(&(start, n)) if start <= at => start + n - at,
            _ => 0,
        };
        pos.line() + blank
    }

    /// Notes the runs of blank lines in `out`, the bytes handed out next (a line end inside a
    /// quoted field is none).
    fn note_blank_lines(&mut self, out: &[u8]) {
        for i in memchr::memchr2_iter(b'"', b'\n', out) {
            let at = self.offset + i as u64;
            let before = if i == 0 { self.prev } else { Some(out[i - 1]) };
            if let Quote::Closing(q) = self.quote {
                if out[i] == b'"' && q + 1 == at {
                    self.quote = Quote::In; // `""`: a quote in the quoted text
                    continue;
                }
                self.quote = Quote::Out;
            }
            match (self.quote, out[i]) {
                (Quote::In, b'"') => self.quote = Quote::Closing(at),
                (Quote::In, _) => {}
                (_, b'"') => {
                    // Only a quote that starts a field opens one.
                    if matches!(before, None | Some(b',' | b'\n')) {
                        self.quote = Quote::In;
                    }
                }
                _ if matches!(before, None | Some(b'\n')) => match self.blank_runs.back_mut() {
                    Some((start, n)) if *start + *n == at => *n += 1,
                    _ => self.blank_runs.push_back((at, 1)),
                },
                _ => {}
            }
        }
        self.prev = out.last().copied().or(self.prev);
        self.offset += out.len() as u64;
    }
}

impl<R: Read> Read for BareCr<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.read_bare_cr(buf)?;
        self.note_blank_lines(&buf[..n]);
        Ok(n)
    }
}

impl<R: Read> BareCr<R> {
    fn read_bare_cr(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let avail = self.inner.fill_buf()?;
            if self.held_cr {
                self.held_cr = false;
                buf[0] = if avail.first() == Some(&b'\n') { b'\r' } else { b'\n' };
                return Ok(1);
            }
            if avail.is_empty() {
                return Ok(0);
            }
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            let next = avail.get(n).copied();
            self.inner.consume(n);
            for i in 0..n {
                if buf[i] == b'\r' {
                    // The byte after it: in this read, else the next one buffered, else unknown.
                    let follower = if i + 1 < n { Some(buf[i + 1]) } else { next };
                    match follower {
                        Some(b'\n') => {}
                        Some(_) => buf[i] = b'\n',
                        None => {
                            self.held_cr = true;
                            if n == 1 {
                                break;
                            }
                            return Ok(n - 1);
                        }
                    }
                }
            }
            if !self.held_cr {
                return Ok(n);
            }
        }
    }
}

/// Reads JSON Lines: one object a line with the keys of [`COLUMNS`] (other keys ignored); blank lines
/// are skipped; `trang_thai` may be a number or a string of digits, the others are strings.
pub fn read_jsonl<R: Read>(r: R) -> RowReader<R> {
    RowReader {
        source: Source::Jsonl {
            reader: BufReader::new(r),
            line: 0,
            buf: Vec::new(),
        },
        io_error: None,
    }
}

/// Reads rows in the given format.
pub fn read_rows<R: Read>(r: R, format: InputFormat) -> RowReader<R> {
    match format {
        InputFormat::Csv => read_csv(r),
        InputFormat::Jsonl => read_jsonl(r),
    }
}

impl<R: Read> RowReader<R> {
    /// The read failure that ended the iteration early, if any.
    pub fn io_error(&self) -> Option<&std::io::Error> {
        self.io_error.as_ref()
    }

    /// Takes the read failure that ended the iteration early, if any.
    pub fn take_io_error(&mut self) -> Option<std::io::Error> {
        self.io_error.take()
    }

    fn next_csv(&mut self) -> Option<Result<StatusRow, RowError>> {
        let Source::Csv {
            reader,
            columns,
            record,
        } = &mut self.source
        else {
            unreachable!("csv source")
        };
        loop {
            match reader.read_byte_record(record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, |p| reader.get_mut().start_line(p));
                    match e.into_kind() {
                        csv::ErrorKind::Io(io) => {
                            self.io_error = Some(io);
                            return None;
                        }
                        other => {
                            let detail = match other {
                                csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
                                _ => "malformed CSV record".to_string(),
                            };
                            return Some(Err(RowError::new(line, None, ErrorCode::ParityRow, "row", detail)));
                        }
                    }
                }
            }
            // Asked for every record, so that the blank runs before it are let go.
            let line = record.position().map_or(0, |p| reader.get_mut().start_line(p));
            if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
                continue; // a blank line (`\r\n` or spaces)
            }
            let Some(cols) = columns else {
                let mut found = [HeaderColumn::Absent; 4];
                for (i, name) in record.iter().enumerate() {
                    let name = String::from_utf8_lossy(name);
                    let name = name.trim_start_matches('\u{feff}').trim();
                    if let Some(c) = COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
                        found[c] = match found[c] {
                            HeaderColumn::Absent => HeaderColumn::At(i),
                            _ => HeaderColumn::Repeated,
                        };
                    }
                }
                *columns = Some(found);
                continue;
            };
            let field = |c: usize| -> Raw<'_> {
                let i = match cols[c] {
                    HeaderColumn::At(i) => i,
                    HeaderColumn::Absent => {
                        return Raw::Bad(ErrorCode::ParityRow, format!("the header has no {} column", COLUMNS[c]))
                    }
                    HeaderColumn::Repeated => {
                        return Raw::Bad(ErrorCode::ParityRow, format!("the header has {} twice", COLUMNS[c]))
                    }
                };
                match record.get(i) {
                    None => Raw::Missing,
                    Some(b) => match std::str::from_utf8(b) {
                        Ok(s) => Raw::Text(Cow::Borrowed(s)),
                        Err(_) => Raw::Bad(ErrorCode::ParityRow, "not valid UTF-8".into()),
                    },
                }
            };
            return Some(build_row(line, [field(0), field(1), field(2), field(3)]));
        }
    }

    fn next_jsonl(&mut self) -> Option<Result<StatusRow, RowError>> {
        let Source::Jsonl { reader, line, buf } = &mut self.source else {
            unreachable!("jsonl source")
        };
        loop {
            buf.clear();
            match reader.read_until(b'\n', buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.io_error = Some(e);
                    return None;
                }
            }
            *line += 1;
            let mut bytes: &[u8] = buf;
            if *line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(jsonl_row(*line, bytes));
        }
    }
}

fn jsonl_row(line: u64, bytes: &[u8]) -> Result<StatusRow, RowError> {
    let malformed = |detail: String| RowError::new(line, None, ErrorCode::ParityRow, "line", detail);
    let value: Record = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) if e.is_syntax() || e.is_eof() => {
            let detail = if std::str::from_utf8(bytes).is_err() {
                "not valid UTF-8".to_string()
            } else {
                format!("not valid JSON: {}", crate::text::json_error(&e))
            };
            return Err(malformed(detail));
        }
        Err(e) => return Err(malformed(format!("not valid JSON: {}", crate::text::json_error(&e)))),
    };
    let Record::Object(map) = value else {
        return Err(malformed("not a JSON object".into()));
    };
    use serde_json::Value as V;
    let get = |c: usize| map.get(COLUMNS[c]).filter(|v| !v.is_null());
    let string_or = |c: usize, code: ErrorCode, what: &str| match get(c) {
        None => Raw::Missing,
        Some(V::String(s)) => Raw::Text(Cow::Borrowed(s.as_str())),
        Some(_) => Raw::Bad(code, format!("must be a string ({what})")),
    };
    let status = match get(2) {
        None => Raw::Missing,
        Some(V::String(s)) => Raw::Text(Cow::Borrowed(s.as_str())),
        Some(V::Number(n)) => Raw::Text(Cow::Owned(n.to_string())),
        Some(_) => Raw::Bad(
            ErrorCode::ParityStatus,
            "must be a number or a string of digits 1-10".into(),
        ),
    };
    let mut raw = [
        string_or(0, ErrorCode::ParityRow, "the dossier code"),
        string_or(1, ErrorCode::ParitySystem, "portal, coordination or sectoral"),
        status,
        string_or(3, ErrorCode::ParityTime, "yyyyMMddHHmmss or yyyy-MM-dd HH:mm:ss"),
    ];
    for (c, r) in raw.iter_mut().enumerate() {
        if map.count(COLUMNS[c]) > 1 {
            *r = Raw::Bad(ErrorCode::ParityRow, "appears twice in the record".into());
        }
    }
    build_row(line, raw)
}

impl<R: Read> Iterator for RowReader<R> {
    type Item = Result<StatusRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.source {
            Source::Csv { .. } => self.next_csv(),
            Source::Jsonl { .. } => self.next_jsonl(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Trickle;

    fn blank_runs(text: &str, n: usize) -> Vec<(u64, u64)> {
        let mut r = BareCr::new(Trickle(text.as_bytes(), n));
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        r.blank_runs.into_iter().collect()
    }

    /// The blank lines between records are noted, those inside a quoted field are not (so a field
    /// holding many costs nothing): a quote opens a field only at its start, and `""` stays inside.
    #[test]
    fn only_blank_lines_between_records_are_noted() {
        let text = "h\n\n\"a\n\n\"\"\n\nb\"\n\nx,\"\n\n\",y\"\n\n";
        let big = format!("h\n\"{}\"\n\n\nz\n", "a\n\n".repeat(100_000));
        for n in [1, 2, 3, 7, usize::MAX] {
            assert_eq!(blank_runs(text, n), [(2, 1), (14, 1), (25, 1)], "reads of {n}");
            assert_eq!(blank_runs(&big, n), [(big.len() as u64 - 4, 2)], "reads of {n}");
        }
    }

    /// A file whose lines end in `\r` only (classic Mac), `\r\n` or `\n` gives the same rows with the
    /// same lines, however the reads split it (never one long header and no row); a row after blank
    /// lines is reported at the line it is on.
    #[test]
    fn every_line_end_gives_the_same_rows() {
        let lines = [
            "ma_ho_so,system,trang_thai,updated_at",
            "",
            "A,portal,2,20250101000000",
            "",
            "",
            "A,sectoral,4,20250101010000",
            "B,portal,x,20250101000000",
        ];
        let rows = |text: &str, n: usize| -> Vec<String> {
            read_csv(Trickle(text.as_bytes(), n))
                .map(|r| match r {
                    Ok(r) => format!("{} {} {:?} {:?}", r.line, r.dossier_code, r.system, r.status),
                    Err(e) => format!("{} {}", e.line, e.error.code.code()),
                })
                .collect()
        };
        let want = rows(&(lines.join("\n") + "\n"), usize::MAX);
        let at: Vec<&str> = want.iter().map(|r| r.split(' ').next().unwrap_or("")).collect();
        assert_eq!(at, ["3", "6", "7"], "{want:?}");
        assert_eq!(want[2], "7 7102");
        for end in ["\r", "\r\n", "\n"] {
            for tail in ["", end] {
                let text = lines.join(end) + tail;
                for n in [1, 2, 3, 7, usize::MAX] {
                    assert_eq!(rows(&text, n), want, "{text:?} {n}");
                }
            }
        }
    }
}
