//! # motcua-io
//!
//! The only place (besides the CLI) where motcua opens files: the "over files" faces that the C,
//! Python and JVM bindings share, so no binding repeats the opening, format detection and writing.
//! The rules stay in `motcua-core`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use motcua_core::error::{Error, ErrorCode};
use motcua_core::parity::{read_rows, InputFormat, Parity, ParityEntry, ParitySummary};
use motcua_core::recon::{reconcile_readers, request, Format, Inputs, MatchRules, Phase, Reconciliation};
use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read};

/// Opens an input. The core's readers buffer their input, so the file is read as it is.
fn open(path: &str, field: &'static str) -> Result<(File, Format), Error> {
    let f = File::open(path).map_err(|e| Error::new(ErrorCode::InvalidArgument, field, format!("cannot open: {e}")))?;
    Ok((f, Format::from_path(path)))
}

/// About how many lines a file holds: its length over the mean line length of its first 64 KiB
/// (exact for a shorter file). It only sizes the indexes, so an unreadable file is just 0.
fn expected_rows(path: &str) -> usize {
    let Ok(f) = File::open(path) else {
        return 0;
    };
    let len = f.metadata().map_or(0, |m| m.len());
    let mut head = Vec::with_capacity(1 << 16);
    if f.take(1 << 16).read_to_end(&mut head).is_err() || head.is_empty() {
        return 0;
    }
    let lines = head.iter().filter(|&&b| b == b'\n').count().max(1);
    usize::try_from(u128::from(len) * lines as u128 / head.len() as u128).unwrap_or(usize::MAX)
}

/// Counts the bytes read, for the share of the bank file done.
struct Counting<'c, R> {
    inner: R,
    read: &'c Cell<u64>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Reconciles three files (CSV or JSON Lines by extension). `progress` gets the phase, the rows
/// done in it and, for bank lines, the percentage of the bank file read.
pub fn reconcile_paths(
    dossiers: &str,
    payments: &str,
    bank: &str,
    rules: MatchRules,
    mut progress: impl FnMut(Phase, u64, u8),
) -> Result<Reconciliation, Error> {
    let (bank_file, bank_format) = open(bank, "bank")?;
    let size = bank_file.metadata().map(|m| m.len()).unwrap_or(0).max(1);
    let read = Cell::new(0u64);
    let inputs = Inputs {
        dossiers: open(dossiers, "dossiers")?,
        payments: open(payments, "payments")?,
        bank: (
            Counting {
                inner: bank_file,
                read: &read,
            },
            bank_format,
        ),
        expected_rows: Some([expected_rows(dossiers), expected_rows(payments), expected_rows(bank)]),
    };
    reconcile_readers(inputs, rules, |phase, rows| {
        progress(phase, rows, (read.get() * 100 / size).min(100) as u8)
    })
}

/// Reconciles three files (CSV or JSON Lines by extension) and writes one JSON object per input
/// record to `out`. Returns the control totals as JSON ([`motcua_core::recon::Summary`]). `rules_json`: see
/// [`request::RulesJson`].
pub fn reconcile_files(
    dossiers: &str,
    payments: &str,
    bank: &str,
    out: &str,
    rules_json: Option<&str>,
) -> Result<String, Error> {
    let rules = request::RulesJson::parse(rules_json)?;
    let r = reconcile_paths(dossiers, payments, bank, rules, |_, _, _| {})?;
    write_results(&r, out)?;
    Ok(serde_json::to_string(&r.summary).expect("summary serialises"))
}

/// Writes results.jsonl: one JSON object per input record.
pub fn write_results(r: &Reconciliation, out: &str) -> Result<(), Error> {
    let file =
        File::create(out).map_err(|e| Error::new(ErrorCode::InvalidArgument, "out", format!("cannot create: {e}")))?;
    r.write_jsonl(file)
        .map_err(|e| Error::new(ErrorCode::InvalidArgument, "out", format!("cannot write: {e}")))
}

/// Checks status parity over a file of status rows (`.csv` or `.jsonl`) and writes one JSON
/// object per entry to `out` (invalid and superseded rows as they come, then one verdict per
/// dossier). Returns the control totals.
pub fn parity_files(statuses: &str, out: &str) -> Result<ParitySummary, Error> {
    use std::io::Write;
    let format = InputFormat::from_path(statuses)
        .ok_or_else(|| Error::new(ErrorCode::InvalidArgument, "statuses", "expected a .csv or .jsonl file"))?;
    let input = File::open(statuses)
        .map_err(|e| Error::new(ErrorCode::InvalidArgument, "statuses", format!("cannot open: {e}")))?;
    let file =
        File::create(out).map_err(|e| Error::new(ErrorCode::InvalidArgument, "out", format!("cannot create: {e}")))?;
    let mut w = BufWriter::new(file);
    let write_err = |e: std::io::Error| Error::new(ErrorCode::InvalidArgument, "out", format!("cannot write: {e}"));
    let write = |w: &mut BufWriter<File>, e: &ParityEntry| -> Result<(), Error> {
        serde_json::to_writer(&mut *w, e).map_err(|e| write_err(e.into()))?;
        w.write_all(b"\n").map_err(write_err)
    };
    let mut rows = read_rows(BufReader::new(input), format);
    let mut parity = Parity::new();
    for row in &mut rows {
        if let Some(e) = parity.push(row) {
            write(&mut w, &e)?;
        }
    }
    if let Some(e) = rows.take_io_error() {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "statuses",
            format!("cannot read: {e}"),
        ));
    }
    let (verdicts, summary) = parity.finish();
    for e in &verdicts {
        write(&mut w, e)?;
    }
    w.flush().map_err(write_err)?;
    Ok(summary)
}

/// [`parity_files`] with the control totals as JSON.
pub fn parity_files_json(statuses: &str, out: &str) -> Result<String, Error> {
    parity_files(statuses, out).map(|s| serde_json::to_string(&s).expect("summary serialises"))
}
