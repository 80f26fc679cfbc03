//! `motcua search` and `motcua catalog check`: the procedure catalogue (danh mục thủ tục). Reads
//! the files; the rules and the index are `motcua_core::catalog`.
use crate::{core_err, Usage};
use clap::{Args, Subcommand};
use motcua_core::catalog::{Catalog, CheckReport, CheckRules, Hit, SearchOptions};
use serde_json::json;
use std::io::{BufRead, Write};

#[derive(Args)]
pub struct SearchArgs {
    /// Catalogue: CSV (ma_thu_tuc, ten_thu_tuc, cap_thuc_hien, linh_vuc, co_quan, ...) or a JSON array.
    #[arg(long)]
    catalog: String,
    /// Batch mode: one query per line of FILE ("-" = stdin; lines end with \n, \r\n or \r); prints one
    /// JSON object per line.
    #[arg(long, conflicts_with = "query")]
    queries: Option<String>,
    /// At most N results per query.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Only procedures at this level: bo, tinh, xa, khac.
    #[arg(long)]
    level: Option<String>,
    /// Only this field (lĩnh vực), compared without diacritics.
    #[arg(long)]
    field: Option<String>,
    /// Only agencies whose name contains these words.
    #[arg(long)]
    agency: Option<String>,
    /// More abbreviations: CSV `tu_go,thay_bang` added to the bundled table.
    #[arg(long)]
    synonyms: Option<String>,
    /// JSON output.
    #[arg(long)]
    json: bool,
    /// The query (a name in any spelling, or a code).
    #[arg(required_unless_present = "queries")]
    query: Option<String>,
}

#[derive(Subcommand)]
pub enum CatalogCommand {
    /// Configuration checks: every problem with the procedure code; exit 1 if any.
    Check {
        /// Catalogue file (CSV or JSON).
        file: String,
        /// The report as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn read(path: &str, what: &str) -> Result<String, Usage> {
    std::fs::read_to_string(path).map_err(|e| Usage(format!("{what} {path}: {e}")))
}

fn load(path: &str, synonyms: Option<&str>) -> Result<Catalog, Usage> {
    let extra = synonyms.map(|s| read(s, "--synonyms")).transpose()?;
    Catalog::load(&read(path, "--catalog")?, None, extra.as_deref())
        .map_err(|e| Usage(format!("{path}: {}", core_err(e).0)))
}

fn io(e: std::io::Error) -> Usage {
    Usage(format!("output: {e}"))
}

/// The name with matched parts in brackets: `Cấp lại [thẻ căn cước]`.
fn marked(h: &Hit) -> String {
    let mut s = String::new();
    let mut spans = h.spans.iter().peekable();
    for (i, c) in h.name.chars().enumerate() {
        let i = i as u32;
        if spans.peek().is_some_and(|sp| sp[0] == i) {
            s.push('[');
        }
        s.push(c);
        if spans.peek().is_some_and(|sp| sp[1] == i + 1) {
            s.push(']');
            spans.next();
        }
    }
    s
}

/// Runs `motcua search`. Exit 0 (1 when a single query finds nothing).
pub fn search(a: SearchArgs, out: &mut impl Write) -> Result<bool, Usage> {
    let opts =
        SearchOptions::new(a.limit, a.level.as_deref(), a.field.as_deref(), a.agency.as_deref()).map_err(core_err)?;
    let catalog = load(&a.catalog, a.synonyms.as_deref())?;
    if let Some(path) = &a.queries {
        let input: Box<dyn BufRead> = if path == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            let f = std::fs::File::open(path).map_err(|e| Usage(format!("--queries {path}: {e}")))?;
            Box::new(std::io::BufReader::new(f))
        };
        query_lines(input, path, |q| {
            let hits = catalog.search(q, &opts);
            if a.json {
                let results: Vec<_> = hits.iter().map(|h| json!({"code": h.code, "score": h.score})).collect();
                writeln!(out, "{}", json!({"query": q, "results": results})).map_err(io)
            } else {
                let codes: Vec<String> = hits.iter().map(|h| format!("{} {:.3}", h.code, h.score)).collect();
                writeln!(out, "{q}\t{}", codes.join("\t")).map_err(io)
            }
        })?;
        return Ok(true);
    }
    let query = a.query.unwrap_or_default();
    let hits = catalog.search(&query, &opts);
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&hits).expect("serialisable")).map_err(io)?;
    } else {
        for h in &hits {
            writeln!(out, "{:.3}  {:<10} {}", h.score, h.code, marked(h)).map_err(io)?;
        }
        if hits.is_empty() {
            writeln!(out, "no procedure found").map_err(io)?;
        }
    }
    Ok(!hits.is_empty())
}

/// Calls `each` with every line of a queries file as it arrives (stdin may be typed), split as
/// [`motcua_core::text::lines`] splits (`\n`, `\r\n` or a bare `\r`); blank lines are queries
/// too, so every input line has its output line. Input is read up to each `\n`: a `\r\n` is never
/// cut in two.
fn query_lines(
    mut input: impl BufRead,
    path: &str,
    mut each: impl FnMut(&str) -> Result<(), Usage>,
) -> Result<(), Usage> {
    let (mut chunk, mut line) = (Vec::new(), 0u64);
    loop {
        chunk.clear();
        let n = input
            .read_until(b'\n', &mut chunk)
            .map_err(|e| Usage(format!("--queries {path}: {e}")))?;
        if n == 0 {
            return Ok(());
        }
        let text = std::str::from_utf8(&chunk).map_err(|e| {
            let bad = line + 1 + motcua_core::text::line_ends(&chunk[..e.valid_up_to()], None);
            Usage(format!("--queries {path}: line {bad} is not UTF-8"))
        })?;
        for q in motcua_core::text::lines(text) {
            line += 1;
            each(q)?;
        }
    }
}

fn print_report(out: &mut impl Write, r: &CheckReport) -> std::io::Result<()> {
    for p in &r.problems {
        writeln!(
            out,
            "line {:<6} {:<24} [{} {}] {}",
            p.line,
            p.procedure,
            p.error.code.code(),
            p.error.code.name(),
            p.error
        )?;
    }
    writeln!(
        out,
        "{} procedures, {} with problems, {} problems",
        r.procedures,
        r.procedures_with_problems,
        r.problems.len()
    )?;
    for (name, n) in &r.counts {
        writeln!(out, "  {name:<26} {n:>6}")?;
    }
    if !r.not_checked.is_empty() {
        let cols: Vec<String> = r.not_checked.iter().map(|(c, n)| format!("{c} ({n})")).collect();
        writeln!(out, "not checked (column not declared): {}", cols.join(", "))?;
    }
    Ok(())
}

/// Runs `motcua catalog ...`. Exit 0 when the catalogue has no problem, 1 otherwise.
pub fn catalog(cmd: CatalogCommand, out: &mut impl Write) -> Result<bool, Usage> {
    match cmd {
        CatalogCommand::Check { file, json } => {
            let catalog = load(&file, None)?;
            let report = catalog.check(&CheckRules::default());
            if json {
                writeln!(out, "{}", serde_json::to_string(&report).expect("serialisable")).map_err(io)?;
            } else {
                print_report(out, &report).map_err(io)?;
            }
            Ok(report.problems.is_empty())
        }
    }
}
