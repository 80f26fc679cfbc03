//! Status parity across systems (đối chiếu trạng thái hồ sơ giữa các hệ thống): the same dossier
//! (hồ sơ) as the National Public Service Portal (Cổng DVCQG, [`System::Portal`]), the coordination
//! system (Hệ thống điều phối, [`System::Coordination`]) and the ministry/province sectoral system
//! (hệ thống chuyên ngành, [`System::Sectoral`]) report it.
//!
//! Input rows are `(ma_ho_so, system, trang_thai, updated_at)`: the dossier code, the reporting
//! system, the DVCQG dossier status (TrangThaiHoSo 1-10) and the time of the report
//! (`yyyyMMddHHmmss` or `yyyy-MM-dd HH:mm:ss`, Vietnam local time). [`read_csv`] and [`read_jsonl`]
//! turn a caller-supplied [`Read`] into rows with their line numbers; the core never opens files.
//!
//! Per dossier, [`Parity`] gives exactly one [`ParityResult`]:
//!
//! - [`ParityClass::Consistent`]: every reporting system has the same status (a dossier that only
//!   one system reports is consistent);
//! - [`ParityClass::Lagging`]: the statuses differ, but one leading status is reachable from every
//!   other one through the [`DOSSIER`] transition table; each behind system gets the shortest list of
//!   transitions that brings it level ([`SyncAction::Sync`]), with the guards the table puts on them
//!   (a reason for a stop or a refusal, an administrative action to reopen, a resume to leave a pause);
//! - [`ParityClass::Conflicting`]: no reported status is reachable from all the others (e.g. refused 3
//!   against processed 9, two different terminal statuses); the pairs that cannot be reconciled are
//!   named and a [`SyncAction::ManualReview`] is proposed.
//!
//! Which status leads: the status every other reported status can reach and that reaches none of
//! them ([`LeaderRule::Ahead`]). The table has cycles (2 ⇄ 4, a pause 5/6 and back, 8 → 4), so two
//! statuses of one cycle both reach each other; then the candidates are all statuses every other
//! one can reach, and the latest `updated_at` among them wins ([`LeaderRule::LatestUpdatedAt`]); on
//! equal times the fixed order portal, coordination, sectoral decides, the first one winning
//! ([`LeaderRule::SystemOrder`]). Among several systems with the leading status, the same order
//! (latest time, then portal, coordination, sectoral) names the leading system.
//!
//! Rows are never dropped. A row that cannot be read becomes a [`ParityEntry::Invalid`] entry
//! ([`RowError`], codes 7101-7104); when one system reports a dossier twice, the row with the latest
//! `updated_at` is kept (on equal times the later row) and the other becomes a [`SupersededRow`].
//! Every input row lands in exactly one output entry, and [`ParitySummary`] carries the control
//! totals (rows in = rows accounted for).
//!
//! ```
//! use motcua_core::parity::{read_csv, Parity, ParityClass};
//! let csv = "ma_ho_so,system,trang_thai,updated_at\n\
//!            H56-250715-0001,portal,2,20250715080000\n\
//!            H56-250715-0001,sectoral,4,20250715093000\n";
//! let report = Parity::check(read_csv(csv.as_bytes()));
//! assert_eq!(report.summary.entries.lagging, 1);
//! assert!(report.summary.balanced);
//! ```
use crate::error::{Error, ErrorCode};
use crate::status::{DossierStatus, Guard, DOSSIER};
use crate::sync::time::{format_dvcqg_time, parse_dvcqg_time};
use chrono::NaiveDateTime;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

/// The input columns (CSV header names, JSON Lines keys), in the order problems are reported.
pub const COLUMNS: [&str; 4] = ["ma_ho_so", "system", "trang_thai", "updated_at"];

/// At most this many characters of an offending value are quoted in a message.
const QUOTE_MAX: usize = 32;

fn quote(s: &str) -> String {
    let shown: String = s.chars().take(QUOTE_MAX).collect();
    if shown.len() < s.len() {
        format!("{shown:?}…")
    } else {
        format!("{shown:?}")
    }
}

// ---------------------------------------------------------------------------------------------
// Systems, rows, row errors
// ---------------------------------------------------------------------------------------------

/// A system that reports dossier statuses (hệ thống).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// `portal`: Cổng Dịch vụ công quốc gia (DVCQG).
    Portal,
    /// `coordination`: Hệ thống điều phối.
    Coordination,
    /// `sectoral`: the ministry's or province's sectoral system (hệ thống chuyên ngành / một cửa).
    Sectoral,
}

impl System {
    /// All systems in the fixed tie-break order (portal, coordination, sectoral).
    pub const ALL: [System; 3] = [System::Portal, System::Coordination, System::Sectoral];

    /// Stable name: `portal`, `coordination`, `sectoral`.
    pub fn name(self) -> &'static str {
        match self {
            System::Portal => "portal",
            System::Coordination => "coordination",
            System::Sectoral => "sectoral",
        }
    }

    /// Parses a name (surrounding whitespace and ASCII case ignored).
    pub fn from_name(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|v| v.name().eq_ignore_ascii_case(s))
    }

    /// Position in the tie-break order.
    fn index(self) -> usize {
        self as usize
    }
}

/// One valid input row: a system's report of a dossier's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// 1-based line of the row in its input (CSV: the line the record starts on).
    pub line: u64,
    /// Mã hồ sơ (`ma_ho_so`), as given (surrounding whitespace removed).
    pub dossier_code: String,
    /// Reporting system (`system`).
    pub system: System,
    /// Trạng thái hồ sơ (`trang_thai`, DVCQG TrangThaiHoSo 1-10).
    pub status: DossierStatus,
    /// Time of the report (`updated_at`), Vietnam local time.
    pub updated_at: NaiveDateTime,
}

/// A row that could not be read (codes 7101-7104). It is reported, never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the row.
    pub line: u64,
    /// Mã hồ sơ when the row has one.
    pub dossier_code: Option<String>,
    /// What is wrong: 7101 system, 7102 status, 7103 time, 7104 missing field or malformed line.
    pub error: Error,
}

impl RowError {
    fn new(
        line: u64,
        dossier_code: Option<String>,
        code: ErrorCode,
        field: impl Into<Cow<'static, str>>,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            line,
            dossier_code,
            error: Error::new(code, field, detail),
        }
    }
}

/// Parses an `updated_at`: `yyyyMMddHHmmss` (DVCQG wire format) or `yyyy-MM-dd HH:mm:ss`; a real
/// date from year 1900, 24-hour clock.
pub fn parse_updated_at(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Some(t) = parse_dvcqg_time(s) {
        return Some(t);
    }
    let b = s.as_bytes();
    let shape = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let wire: String = s.chars().filter(char::is_ascii_digit).collect();
    parse_dvcqg_time(&wire)
}

/// Parses a `trang_thai`: decimal digits only (leading zeros allowed), 1-10.
pub fn parse_status_code(s: &str) -> Option<DossierStatus> {
    let s = s.trim();
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u8>().ok().and_then(|c| DossierStatus::from_code(c).ok())
}

/// A raw field value before validation.
enum Raw<'a> {
    Missing,
    Text(Cow<'a, str>),
    Bad(ErrorCode, String),
}

impl<'a> From<Option<&'a str>> for Raw<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Raw::Missing, |s| Raw::Text(Cow::Borrowed(s)))
    }
}

/// Validates the four fields in column order; the first problem wins.
fn build_row(line: u64, raw: [Raw<'_>; 4]) -> Result<StatusRow, RowError> {
    let [ma_ho_so, system, trang_thai, updated_at] = raw;
    let text = |r: Raw<'_>, col: usize| -> Result<String, (ErrorCode, &'static str, String)> {
        match r {
            Raw::Missing => Err((ErrorCode::ParityRow, COLUMNS[col], "missing or empty".into())),
            Raw::Bad(code, d) => Err((code, COLUMNS[col], d)),
            Raw::Text(t) if t.trim().is_empty() => Err((ErrorCode::ParityRow, COLUMNS[col], "missing or empty".into())),
            Raw::Text(t) => Ok(t.trim().to_string()),
        }
    };
    let (dossier_code, first_err) = match text(ma_ho_so, 0) {
        Ok(code) => (Some(code), None),
        Err(e) => (None, Some(e)),
    };
    let fail = |code: &Option<String>, (c, field, d): (ErrorCode, &'static str, String)| {
        RowError::new(line, code.clone(), c, field, d)
    };
    if let Some(e) = first_err {
        return Err(fail(&dossier_code, e));
    }
    let system = text(system, 1).and_then(|s| {
        System::from_name(&s).ok_or_else(|| {
            (
                ErrorCode::ParitySystem,
                COLUMNS[1],
                format!(
                    "{} is not a system; expected portal, coordination or sectoral",
                    quote(&s)
                ),
            )
        })
    });
    let system = system.map_err(|e| fail(&dossier_code, e))?;
    let status = text(trang_thai, 2).and_then(|s| {
        parse_status_code(&s).ok_or_else(|| {
            (
                ErrorCode::ParityStatus,
                COLUMNS[2],
                format!("{} is not a dossier status code 1-10", quote(&s)),
            )
        })
    });
    let status = status.map_err(|e| fail(&dossier_code, e))?;
    let updated_at = text(updated_at, 3).and_then(|s| {
        parse_updated_at(&s).ok_or_else(|| {
            (
                ErrorCode::ParityTime,
                COLUMNS[3],
                format!("{} is not a yyyyMMddHHmmss or yyyy-MM-dd HH:mm:ss time", quote(&s)),
            )
        })
    });
    let updated_at = updated_at.map_err(|e| fail(&dossier_code, e))?;
    Ok(StatusRow {
        line,
        dossier_code: dossier_code.expect("checked above"),
        system,
        status,
        updated_at,
    })
}

impl StatusRow {
    /// Builds a row from its four text fields (`None` = column absent). Fields are trimmed; the
    /// first problem in column order ([`COLUMNS`]) is reported: a missing or empty field 7104, an
    /// unknown system 7101, a status that is not 1-10 7102, an unreadable time 7103.
    pub fn from_fields(
        line: u64,
        ma_ho_so: Option<&str>,
        system: Option<&str>,
        trang_thai: Option<&str>,
        updated_at: Option<&str>,
    ) -> Result<StatusRow, RowError> {
        build_row(
            line,
            [ma_ho_so.into(), system.into(), trang_thai.into(), updated_at.into()],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Readers
// ---------------------------------------------------------------------------------------------

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

enum Source<R: Read> {
    Csv {
        reader: csv::Reader<R>,
        /// Column index of each of [`COLUMNS`]; `None` until the header is read.
        columns: Option<[Option<usize>; 4]>,
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
        .from_reader(r);
    RowReader {
        source: Source::Csv {
            reader,
            columns: None,
            record: csv::ByteRecord::new(),
        },
        io_error: None,
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
                    let line = e.position().map_or(0, |p| p.line());
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
            if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
                continue; // a blank line (`\r\n` or spaces)
            }
            let line = record.position().map_or(0, |p| p.line());
            let Some(cols) = columns else {
                let mut found = [None; 4];
                for (i, name) in record.iter().enumerate() {
                    let name = String::from_utf8_lossy(name);
                    let name = name.trim_start_matches('\u{feff}').trim();
                    if let Some(c) = COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
                        found[c].get_or_insert(i);
                    }
                }
                *columns = Some(found);
                continue;
            };
            let field = |c: usize| -> Raw<'_> {
                let Some(i) = cols[c] else {
                    return Raw::Bad(ErrorCode::ParityRow, format!("the header has no {} column", COLUMNS[c]));
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
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
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
    let serde_json::Value::Object(map) = value else {
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
    build_row(
        line,
        [
            string_or(0, ErrorCode::ParityRow, "the dossier code"),
            string_or(1, ErrorCode::ParitySystem, "portal, coordination or sectoral"),
            status,
            string_or(3, ErrorCode::ParityTime, "yyyyMMddHHmmss or yyyy-MM-dd HH:mm:ss"),
        ],
    )
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

// ---------------------------------------------------------------------------------------------
// Paths through the dossier table
// ---------------------------------------------------------------------------------------------

/// One transition of a corrective path: a row of the [`DOSSIER`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// From status.
    pub from: DossierStatus,
    /// To status.
    pub to: DossierStatus,
    /// The action's name in the table, e.g. `forward (chuyển xử lý)`.
    pub action: &'static str,
    /// What the table requires for it (ignored for reachability, reported).
    pub guard: Guard,
}

/// `{"from": 2, "to": 4, "action": "forward (chuyển xử lý)", "guard": "none"}`.
impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Step", 4)?;
        st.serialize_field("from", &self.from.code())?;
        st.serialize_field("to", &self.to.code())?;
        st.serialize_field("action", self.action)?;
        st.serialize_field("guard", &self.guard)?;
        st.end()
    }
}

fn status_of(key: &str) -> DossierStatus {
    let i = DOSSIER.index(key).expect("the dossier table names its own states");
    DossierStatus::ALL[i]
}

fn is_guarded(g: Guard) -> bool {
    g != Guard::Plain
}

/// The shortest path of [`DOSSIER`] transitions from `from` to `to`, guards ignored (empty when
/// equal, `None` when `to` cannot be reached). Among paths of equal length the one with the fewest
/// guarded transitions wins, then the table's order.
pub fn shortest_path(from: DossierStatus, to: DossierStatus) -> Option<Vec<Step>> {
    const N: usize = DossierStatus::ALL.len();
    let ix = |s: DossierStatus| usize::from(s.code()) - 1;
    // best[i] = (number of guarded steps, path) for the current layer's nodes.
    let mut best: [Option<(usize, Vec<Step>)>; N] = Default::default();
    best[ix(from)] = Some((0, Vec::new()));
    let mut layer = vec![from];
    while !layer.is_empty() {
        if let Some((_, path)) = &best[ix(to)] {
            return Some(path.clone());
        }
        let mut next: Vec<DossierStatus> = Vec::new();
        let mut found: [Option<(usize, Vec<Step>)>; N] = Default::default();
        for &s in &layer {
            let (guards, path) = best[ix(s)].clone().expect("layer nodes have a path");
            for d in DOSSIER.next(ix(s)) {
                let t = status_of(d.to);
                if best[ix(t)].is_some() {
                    continue; // reached in an earlier layer (or a self-loop)
                }
                let g = guards + usize::from(is_guarded(d.guard));
                if found[ix(t)].as_ref().is_some_and(|(fg, _)| *fg <= g) {
                    continue;
                }
                let mut p = path.clone();
                p.push(Step {
                    from: s,
                    to: t,
                    action: d.action,
                    guard: d.guard,
                });
                if found[ix(t)].is_none() {
                    next.push(t);
                }
                found[ix(t)] = Some((g, p));
            }
        }
        for (i, f) in found.into_iter().enumerate() {
            if f.is_some() {
                best[i] = f;
            }
        }
        next.sort();
        layer = next;
    }
    None
}

/// Shortest paths between every pair of statuses, computed once per [`Parity`].
struct Paths([[Option<Vec<Step>>; 10]; 10]);

impl Paths {
    fn new() -> Self {
        let mut t: [[Option<Vec<Step>>; 10]; 10] = Default::default();
        for a in DossierStatus::ALL {
            for b in DossierStatus::ALL {
                t[usize::from(a.code()) - 1][usize::from(b.code()) - 1] = shortest_path(a, b);
            }
        }
        Self(t)
    }

    fn get(&self, a: DossierStatus, b: DossierStatus) -> Option<&Vec<Step>> {
        self.0[usize::from(a.code()) - 1][usize::from(b.code()) - 1].as_ref()
    }

    fn reaches(&self, a: DossierStatus, b: DossierStatus) -> bool {
        self.get(a, b).is_some()
    }
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/// The class of an output entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParityClass {
    /// Khớp: every reporting system has the same status.
    Consistent,
    /// Chậm đồng bộ: some systems are behind a status they can still reach.
    Lagging,
    /// Mâu thuẫn: no reported status is reachable from all the others.
    Conflicting,
    /// A row replaced by a later report of the same system for the same dossier.
    Superseded,
    /// A row that could not be read (7101-7104).
    InvalidInput,
}

impl ParityClass {
    /// All classes, in report order.
    pub const ALL: [ParityClass; 5] = [
        ParityClass::Consistent,
        ParityClass::Lagging,
        ParityClass::Conflicting,
        ParityClass::Superseded,
        ParityClass::InvalidInput,
    ];

    /// Stable name, e.g. `invalid_input`.
    pub fn name(self) -> &'static str {
        match self {
            ParityClass::Consistent => "consistent",
            ParityClass::Lagging => "lagging",
            ParityClass::Conflicting => "conflicting",
            ParityClass::Superseded => "superseded",
            ParityClass::InvalidInput => "invalid_input",
        }
    }
}

/// What one system reports for a dossier (the kept row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemReport {
    /// The system.
    pub system: System,
    /// Trạng thái hồ sơ.
    pub status: DossierStatus,
    /// Time of the report.
    pub updated_at: NaiveDateTime,
    /// Line of the row.
    pub line: u64,
}

/// `{"system", "status", "key", "updated_at": "yyyyMMddHHmmss", "line"}`.
impl Serialize for SystemReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SystemReport", 5)?;
        st.serialize_field("system", &self.system)?;
        st.serialize_field("status", &self.status.code())?;
        st.serialize_field("key", self.status.key())?;
        st.serialize_field("updated_at", &format_dvcqg_time(&self.updated_at))?;
        st.serialize_field("line", &self.line)?;
        st.end()
    }
}

impl SystemReport {
    fn of(r: &StatusRow) -> Self {
        Self {
            system: r.system,
            status: r.status,
            updated_at: r.updated_at,
            line: r.line,
        }
    }

    fn label(&self) -> String {
        format!(
            "{} at {} ({})",
            self.system.name(),
            self.status.code(),
            self.status.key()
        )
    }
}

/// How the leading status was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaderRule {
    /// `ahead`: every other status reaches it and it reaches none of them.
    Ahead,
    /// `latest_updated_at`: several candidates reach each other (a cycle of the table, e.g. 2 ⇄ 4);
    /// the latest report wins.
    LatestUpdatedAt,
    /// `system_order`: candidates of a cycle with the same latest time; portal, then coordination,
    /// then sectoral wins.
    SystemOrder,
}

/// The leading system of a lagging dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    /// What it reports.
    pub report: SystemReport,
    /// How it was chosen.
    pub rule: LeaderRule,
}

/// `{"system", "status", "key", "updated_at", "line", "rule"}`.
impl Serialize for Leader {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.report;
        let mut st = s.serialize_struct("Leader", 6)?;
        st.serialize_field("system", &r.system)?;
        st.serialize_field("status", &r.status.code())?;
        st.serialize_field("key", r.status.key())?;
        st.serialize_field("updated_at", &format_dvcqg_time(&r.updated_at))?;
        st.serialize_field("line", &r.line)?;
        st.serialize_field("rule", &self.rule)?;
        st.end()
    }
}

/// Why two reports cannot be reconciled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// `divergent_terminals`: two different terminal statuses (3, 7, 10).
    DivergentTerminals,
    /// `terminal_unreachable`: one status is terminal and the other can no longer reach it (e.g.
    /// refused 3 against processed 9).
    TerminalUnreachable,
    /// `divergent`: neither status is terminal and neither reaches the other (impossible with the
    /// current table; kept for table changes).
    Divergent,
}

/// A pair of systems whose statuses cannot be reconciled: neither reaches the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The first system (in portal, coordination, sectoral order).
    pub a: SystemReport,
    /// The second system.
    pub b: SystemReport,
    /// Why.
    pub kind: ConflictKind,
}

/// `{"a": {"system","status","key"}, "b": {...}, "kind"}` (times and lines are in `systems`).
impl Serialize for Conflict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Side<'a>(&'a SystemReport);
        impl Serialize for Side<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Side", 3)?;
                st.serialize_field("system", &self.0.system)?;
                st.serialize_field("status", &self.0.status.code())?;
                st.serialize_field("key", self.0.status.key())?;
                st.end()
            }
        }
        let mut st = s.serialize_struct("Conflict", 3)?;
        st.serialize_field("a", &Side(&self.a))?;
        st.serialize_field("b", &Side(&self.b))?;
        st.serialize_field("kind", &self.kind)?;
        st.end()
    }
}

impl Conflict {
    fn describe(&self) -> String {
        let (a, b) = (&self.a, &self.b);
        let pair = format!(
            "{} {} ({}) and {} {} ({})",
            a.system.name(),
            a.status.code(),
            a.status.key(),
            b.system.name(),
            b.status.code(),
            b.status.key()
        );
        match self.kind {
            ConflictKind::DivergentTerminals => format!("{pair}: two different terminal statuses"),
            ConflictKind::TerminalUnreachable => {
                let (t, o) = if a.status.is_terminal() { (a, b) } else { (b, a) };
                format!(
                    "{pair}: {} is terminal and {} cannot reach it",
                    t.status.code(),
                    o.status.code()
                )
            }
            ConflictKind::Divergent => format!("{pair}: neither status can reach the other"),
        }
    }
}

/// Corrective sync of one behind system (đồng bộ bổ sung).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncPlan {
    /// Mã hồ sơ.
    #[serde(rename = "ma_ho_so")]
    pub dossier_code: String,
    /// The behind system.
    pub system: System,
    /// Its status now.
    #[serde(serialize_with = "ser_code")]
    pub from: DossierStatus,
    /// The leading status.
    #[serde(serialize_with = "ser_code")]
    pub to: DossierStatus,
    /// The shortest path of table transitions from `from` to `to`.
    pub transitions: Vec<Step>,
    /// Some transition needs a reason (lý do): a stop (8) or a refusal (3).
    pub needs_reason: bool,
    /// Some transition needs an explicit administrative action (reopening a stopped dossier).
    pub needs_admin: bool,
}

/// A conflicting dossier for a person to look at (kiểm tra thủ công).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManualReview {
    /// Mã hồ sơ.
    #[serde(rename = "ma_ho_so")]
    pub dossier_code: String,
    /// What each system reports.
    pub systems: Vec<SystemReport>,
    /// Which systems and statuses cannot be reconciled.
    pub reason: String,
}

fn ser_code<S: Serializer>(s: &DossierStatus, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_u8(s.code())
}

/// A corrective action (hành động đồng bộ), JSON with a `kind` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncAction {
    /// `sync`: bring a lagging system level with the leader.
    Sync(SyncPlan),
    /// `manual_review`: a conflicting dossier.
    ManualReview(ManualReview),
}

/// The verdict on one dossier (kết quả đối chiếu một hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParityResult {
    /// Consistent, lagging or conflicting.
    pub class: ParityClass,
    /// Mã hồ sơ.
    pub dossier_code: String,
    /// What each reporting system says (kept rows, portal, coordination, sectoral order).
    pub systems: Vec<SystemReport>,
    /// The common status (consistent), the leading status (lagging), `None` (conflicting).
    pub status: Option<DossierStatus>,
    /// The leading system (lagging only).
    pub leader: Option<Leader>,
    /// The systems behind the leader (lagging only).
    pub behind: Vec<System>,
    /// The pairs that cannot be reconciled (conflicting only).
    pub conflicts: Vec<Conflict>,
    /// Why, naming systems and statuses (lagging and conflicting).
    pub reason: Option<String>,
    /// One sync per behind system (lagging) or one manual review (conflicting).
    pub actions: Vec<SyncAction>,
}

/// `{"class", "ma_ho_so", "rows", "lines", "systems", "status", "key", "leader", "behind",
/// "conflicts", "reason", "actions"}`.
impl Serialize for ParityResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lines: Vec<u64> = self.systems.iter().map(|r| r.line).collect();
        let mut st = s.serialize_struct("ParityResult", 12)?;
        st.serialize_field("class", &self.class)?;
        st.serialize_field("ma_ho_so", &self.dossier_code)?;
        st.serialize_field("rows", &self.systems.len())?;
        st.serialize_field("lines", &lines)?;
        st.serialize_field("systems", &self.systems)?;
        st.serialize_field("status", &self.status.map(DossierStatus::code))?;
        st.serialize_field("key", &self.status.map(DossierStatus::key))?;
        st.serialize_field("leader", &self.leader)?;
        st.serialize_field("behind", &self.behind)?;
        st.serialize_field("conflicts", &self.conflicts)?;
        st.serialize_field("reason", &self.reason)?;
        st.serialize_field("actions", &self.actions)?;
        st.end()
    }
}

/// A row replaced by another report of the same system for the same dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupersededRow {
    /// The replaced row.
    pub row: StatusRow,
    /// Line of the row that replaced it (which may in turn be replaced by a later one).
    pub superseded_by: u64,
    /// Both rows have the same `updated_at`: the later row won.
    pub same_time: bool,
}

/// `{"class": "superseded", "line", "rows": 1, "ma_ho_so", "system", "status", "key", "updated_at",
/// "superseded_by", "reason"}`.
impl Serialize for SupersededRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.row;
        let reason = if self.same_time {
            format!(
                "{} reports this dossier again at the same updated_at on line {}; the later row wins",
                r.system.name(),
                self.superseded_by
            )
        } else {
            format!(
                "{} reports this dossier with a later updated_at on line {}",
                r.system.name(),
                self.superseded_by
            )
        };
        let mut st = s.serialize_struct("SupersededRow", 10)?;
        st.serialize_field("class", &ParityClass::Superseded)?;
        st.serialize_field("line", &r.line)?;
        st.serialize_field("rows", &1)?;
        st.serialize_field("ma_ho_so", &r.dossier_code)?;
        st.serialize_field("system", &r.system)?;
        st.serialize_field("status", &r.status.code())?;
        st.serialize_field("key", r.status.key())?;
        st.serialize_field("updated_at", &format_dvcqg_time(&r.updated_at))?;
        st.serialize_field("superseded_by", &self.superseded_by)?;
        st.serialize_field("reason", &reason)?;
        st.end()
    }
}

/// `{"class": "invalid_input", "line", "rows": 1, "ma_ho_so" (or null), "error": {"code", "name",
/// "field", "message"}}`.
impl Serialize for RowError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("RowError", 5)?;
        st.serialize_field("class", &ParityClass::InvalidInput)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("rows", &1)?;
        st.serialize_field("ma_ho_so", &self.dossier_code)?;
        st.serialize_field("error", &self.error)?;
        st.end()
    }
}

/// One output entry: a dossier's verdict, a superseded row or an invalid row. Serialised without a
/// wrapper; every form has `class` and `rows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ParityEntry {
    /// A dossier's verdict (covers its kept rows, one per system).
    Dossier(ParityResult),
    /// A row replaced by a later one.
    Superseded(SupersededRow),
    /// A row that could not be read.
    Invalid(RowError),
}

impl ParityEntry {
    /// The entry's class.
    pub fn class(&self) -> ParityClass {
        match self {
            ParityEntry::Dossier(r) => r.class,
            ParityEntry::Superseded(_) => ParityClass::Superseded,
            ParityEntry::Invalid(_) => ParityClass::InvalidInput,
        }
    }

    /// How many input rows the entry accounts for.
    pub fn rows(&self) -> u64 {
        match self {
            ParityEntry::Dossier(r) => r.systems.len() as u64,
            ParityEntry::Superseded(_) | ParityEntry::Invalid(_) => 1,
        }
    }

    /// The input lines the entry accounts for.
    pub fn lines(&self) -> Vec<u64> {
        match self {
            ParityEntry::Dossier(r) => r.systems.iter().map(|s| s.line).collect(),
            ParityEntry::Superseded(s) => vec![s.row.line],
            ParityEntry::Invalid(e) => vec![e.line],
        }
    }
}

/// Counts per class (entries or rows), with their total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClassCounts {
    /// Consistent dossiers.
    pub consistent: u64,
    /// Lagging dossiers.
    pub lagging: u64,
    /// Conflicting dossiers.
    pub conflicting: u64,
    /// Superseded rows.
    pub superseded: u64,
    /// Invalid rows.
    pub invalid_input: u64,
    /// Sum of the above.
    pub total: u64,
}

impl ClassCounts {
    fn add(&mut self, class: ParityClass, n: u64) {
        let slot = match class {
            ParityClass::Consistent => &mut self.consistent,
            ParityClass::Lagging => &mut self.lagging,
            ParityClass::Conflicting => &mut self.conflicting,
            ParityClass::Superseded => &mut self.superseded,
            ParityClass::InvalidInput => &mut self.invalid_input,
        };
        *slot += n;
        self.total += n;
    }

    /// The count of one class.
    pub fn get(&self, class: ParityClass) -> u64 {
        match class {
            ParityClass::Consistent => self.consistent,
            ParityClass::Lagging => self.lagging,
            ParityClass::Conflicting => self.conflicting,
            ParityClass::Superseded => self.superseded,
            ParityClass::InvalidInput => self.invalid_input,
        }
    }
}

/// Control totals of a run (số liệu kiểm soát).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ParitySummary {
    /// Rows read (valid or not; blank lines and the CSV header are not rows).
    pub rows_in: u64,
    /// Σ rows over the output entries.
    pub rows_accounted: u64,
    /// `rows_in == rows_accounted`.
    pub balanced: bool,
    /// Dossiers with at least one valid row (= consistent + lagging + conflicting entries).
    pub dossiers: u64,
    /// Output entries per class.
    pub entries: ClassCounts,
    /// Input rows per class.
    pub rows: ClassCounts,
    /// Sync actions (one per behind system).
    pub sync_actions: u64,
    /// Sync actions with a transition that needs a reason.
    pub needs_reason: u64,
    /// Sync actions with a transition that needs an administrative action.
    pub needs_admin: u64,
    /// Manual reviews (one per conflicting dossier).
    pub manual_reviews: u64,
}

impl ParitySummary {
    fn count(&mut self, e: &ParityEntry) {
        let rows = e.rows();
        self.entries.add(e.class(), 1);
        self.rows.add(e.class(), rows);
        self.rows_accounted += rows;
        if let ParityEntry::Dossier(r) = e {
            self.dossiers += 1;
            for a in &r.actions {
                match a {
                    SyncAction::Sync(p) => {
                        self.sync_actions += 1;
                        self.needs_reason += u64::from(p.needs_reason);
                        self.needs_admin += u64::from(p.needs_admin);
                    }
                    SyncAction::ManualReview(_) => self.manual_reviews += 1,
                }
            }
        }
        self.balanced = self.rows_in == self.rows_accounted;
    }
}

/// Every output entry and the control totals: `{"entries": [...], "summary": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParityReport {
    /// Invalid and superseded rows in input order, then one verdict per dossier in the order of
    /// each dossier's first valid row.
    pub entries: Vec<ParityEntry>,
    /// Control totals.
    pub summary: ParitySummary,
}

// ---------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------

struct Group {
    /// Order of the dossier's first valid row.
    first: u64,
    /// Kept row per system.
    kept: [Option<StatusRow>; 3],
}

/// Status parity check over a stream of rows (đối chiếu trạng thái). Memory: one kept row per
/// (dossier, system); invalid and superseded rows are handed back as soon as they are seen.
pub struct Parity {
    paths: Paths,
    groups: HashMap<String, Group>,
    summary: ParitySummary,
}

impl Default for Parity {
    fn default() -> Self {
        Self::new()
    }
}

impl Parity {
    /// An empty check.
    pub fn new() -> Self {
        Self {
            paths: Paths::new(),
            groups: HashMap::new(),
            summary: ParitySummary {
                balanced: true,
                ..ParitySummary::default()
            },
        }
    }

    /// Adds one row. Returns the entry it produces at once: the row itself when invalid, or the row
    /// it supersedes (or that supersedes it). Dossier verdicts come from [`Parity::finish`].
    pub fn push(&mut self, row: Result<StatusRow, RowError>) -> Option<ParityEntry> {
        self.summary.rows_in += 1;
        let entry = match row {
            Err(e) => Some(ParityEntry::Invalid(e)),
            Ok(r) => {
                let order = self.summary.rows_in;
                let group = match self.groups.get_mut(&r.dossier_code) {
                    Some(g) => g,
                    None => self.groups.entry(r.dossier_code.clone()).or_insert(Group {
                        first: order,
                        kept: Default::default(),
                    }),
                };
                let slot = &mut group.kept[r.system.index()];
                match slot {
                    None => {
                        *slot = Some(r);
                        None
                    }
                    Some(old) if r.updated_at >= old.updated_at => {
                        let same_time = r.updated_at == old.updated_at;
                        let by = r.line;
                        let old = std::mem::replace(old, r);
                        Some(ParityEntry::Superseded(SupersededRow {
                            row: old,
                            superseded_by: by,
                            same_time,
                        }))
                    }
                    Some(old) => Some(ParityEntry::Superseded(SupersededRow {
                        superseded_by: old.line,
                        row: r,
                        same_time: false,
                    })),
                }
            }
        };
        if let Some(e) = &entry {
            self.summary.count(e);
        } else {
            self.summary.balanced = self.summary.rows_in == self.summary.rows_accounted;
        }
        entry
    }

    /// Judges every dossier: one verdict each, in the order of the dossiers' first valid rows, and
    /// the control totals of the whole run.
    pub fn finish(mut self) -> (Vec<ParityEntry>, ParitySummary) {
        let mut groups: Vec<(String, Group)> = std::mem::take(&mut self.groups).into_iter().collect();
        groups.sort_unstable_by_key(|(_, g)| g.first);
        let mut out = Vec::with_capacity(groups.len());
        for (code, g) in groups {
            let rows: Vec<StatusRow> = g.kept.into_iter().flatten().collect();
            let e = ParityEntry::Dossier(self.judge(code, &rows));
            self.summary.count(&e);
            out.push(e);
        }
        (out, self.summary)
    }

    /// Checks a whole input: every entry and the control totals.
    pub fn check(rows: impl IntoIterator<Item = Result<StatusRow, RowError>>) -> ParityReport {
        let mut p = Parity::new();
        let mut entries: Vec<ParityEntry> = rows.into_iter().filter_map(|r| p.push(r)).collect();
        let (verdicts, summary) = p.finish();
        entries.extend(verdicts);
        ParityReport { entries, summary }
    }

    /// The verdict on one dossier from its kept rows (one per system, in system order).
    fn judge(&self, dossier_code: String, rows: &[StatusRow]) -> ParityResult {
        let systems: Vec<SystemReport> = rows.iter().map(SystemReport::of).collect();
        let mut result = ParityResult {
            class: ParityClass::Consistent,
            dossier_code,
            systems,
            status: None,
            leader: None,
            behind: Vec::new(),
            conflicts: Vec::new(),
            reason: None,
            actions: Vec::new(),
        };
        let reports = &result.systems;
        let first = reports[0].status;
        if reports.iter().all(|r| r.status == first) {
            result.status = Some(first);
            return result;
        }
        let reaches = |a: DossierStatus, b: DossierStatus| self.paths.reaches(a, b);
        // Candidates: statuses every other reported status can reach.
        let candidates: Vec<&SystemReport> = reports
            .iter()
            .filter(|c| reports.iter().all(|t| reaches(t.status, c.status)))
            .collect();
        if candidates.is_empty() {
            return self.conflicting(result);
        }
        // Strictly ahead: reaches none of the other statuses (at most one status qualifies).
        let ahead: Vec<&SystemReport> = candidates
            .iter()
            .copied()
            .filter(|c| {
                reports
                    .iter()
                    .filter(|t| t.status != c.status)
                    .all(|t| !reaches(c.status, t.status))
            })
            .collect();
        let pool = if ahead.is_empty() { &candidates } else { &ahead };
        // Latest updated_at, then portal < coordination < sectoral (the first wins).
        let leader = *pool
            .iter()
            .min_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.system.cmp(&b.system)))
            .expect("non-empty pool");
        let rule = if !ahead.is_empty() {
            LeaderRule::Ahead
        } else if pool
            .iter()
            .any(|c| c.status != leader.status && c.updated_at == leader.updated_at)
        {
            LeaderRule::SystemOrder
        } else {
            LeaderRule::LatestUpdatedAt
        };
        let leader = leader.clone();
        let mut reasons = Vec::new();
        for r in reports.iter().filter(|r| r.status != leader.status) {
            let path = self
                .paths
                .get(r.status, leader.status)
                .expect("candidates are reachable")
                .clone();
            reasons.push(format!(
                "{} is {} step{} behind {}",
                r.label(),
                path.len(),
                if path.len() == 1 { "" } else { "s" },
                leader.label()
            ));
            result.behind.push(r.system);
            result.actions.push(SyncAction::Sync(SyncPlan {
                dossier_code: result.dossier_code.clone(),
                system: r.system,
                from: r.status,
                to: leader.status,
                needs_reason: path.iter().any(|s| s.guard == Guard::Reason),
                needs_admin: path.iter().any(|s| s.guard == Guard::Admin),
                transitions: path,
            }));
        }
        result.class = ParityClass::Lagging;
        result.status = Some(leader.status);
        result.reason = Some(reasons.join("; "));
        result.leader = Some(Leader { report: leader, rule });
        result
    }

    fn conflicting(&self, mut result: ParityResult) -> ParityResult {
        let reports = &result.systems;
        for (i, a) in reports.iter().enumerate() {
            for b in &reports[i + 1..] {
                if a.status == b.status
                    || self.paths.reaches(a.status, b.status)
                    || self.paths.reaches(b.status, a.status)
                {
                    continue;
                }
                let kind = match (a.status.is_terminal(), b.status.is_terminal()) {
                    (true, true) => ConflictKind::DivergentTerminals,
                    (true, false) | (false, true) => ConflictKind::TerminalUnreachable,
                    (false, false) => ConflictKind::Divergent,
                };
                result.conflicts.push(Conflict {
                    a: a.clone(),
                    b: b.clone(),
                    kind,
                });
            }
        }
        let reason = result
            .conflicts
            .iter()
            .map(Conflict::describe)
            .collect::<Vec<_>>()
            .join("; ");
        result.actions.push(SyncAction::ManualReview(ManualReview {
            dossier_code: result.dossier_code.clone(),
            systems: result.systems.clone(),
            reason: reason.clone(),
        }));
        result.class = ParityClass::Conflicting;
        result.reason = Some(reason);
        result
    }
}

/// The JSON face for the bindings: reads `input` as `csv` or `jsonl` and returns the
/// [`ParityReport`] as `{"entries": [...], "summary": {...}}`. An unknown format is an error (9004,
/// field `format`).
pub fn parity_json(input: &str, format: &str) -> Result<String, Error> {
    let format = InputFormat::from_name(format)?;
    let report = Parity::check(read_rows(input.as_bytes(), format));
    serde_json::to_string(&report).map_err(|e| Error::new(ErrorCode::Internal, "report", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DossierStatus::*;

    #[test]
    fn reachability_matches_the_table() {
        // The cycle {2, 4, 5, 6, 8} reaches itself; terminals reach nothing.
        for a in [Received, Processing, SupplementRequested, AwaitingPayment, Stopped] {
            for b in [
                Received,
                Processing,
                SupplementRequested,
                AwaitingPayment,
                Stopped,
                Processed,
                Returned,
            ] {
                assert!(shortest_path(a, b).is_some(), "{a:?} -> {b:?}");
            }
        }
        for t in [Refused, Withdrawn, Returned] {
            for b in DossierStatus::ALL.into_iter().filter(|&b| b != t) {
                assert!(shortest_path(t, b).is_none(), "{t:?} -> {b:?}");
            }
        }
        assert!(shortest_path(Processed, Refused).is_none());
        assert!(shortest_path(Received, Refused).is_none());
        let p = shortest_path(Stopped, Processed).unwrap();
        assert_eq!(
            p.iter().map(|s| s.guard).collect::<Vec<_>>(),
            [Guard::Admin, Guard::Plain]
        );
        assert_eq!(shortest_path(Received, Received), Some(Vec::new()));
    }

    #[test]
    fn times_and_codes() {
        assert_eq!(
            parse_updated_at("2025-07-15 08:30:00"),
            parse_updated_at("20250715083000")
        );
        assert!(parse_updated_at("2025-07-15T08:30:00").is_none());
        assert!(parse_updated_at("2025-02-30 08:30:00").is_none());
        assert!(parse_updated_at("+2025-07-15 08:30").is_none());
        assert_eq!(parse_status_code("04"), Some(Processing));
        for bad in ["0", "11", "4.0", "-4", "", "a", "0004"] {
            assert_eq!(parse_status_code(bad), None, "{bad}");
        }
    }
}
