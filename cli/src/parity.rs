//! `motcua parity`: status parity across systems (đối chiếu trạng thái hồ sơ giữa Cổng DVCQG, hệ
//! thống điều phối và hệ thống chuyên ngành). `motcua_io::parity_files` streams the rows
//! through `motcua_core::parity` and writes the entries; this prints the control totals.
use crate::Usage;
use clap::Args;
use motcua_core::parity::{ParityClass, ParitySummary};
use std::io::Write;

#[derive(Args)]
pub struct ParityArgs {
    /// Status rows (ma_ho_so, system, trang_thai, updated_at): .csv with a header, or .jsonl.
    #[arg(long)]
    statuses: String,
    /// Where to write the entries: one JSON object per line, one per dossier and one per invalid or
    /// superseded row.
    #[arg(long)]
    out: String,
    /// Print the summary (control totals) as JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn table(out: &mut impl Write, s: &ParitySummary) -> std::io::Result<()> {
    writeln!(out, "{:<14} {:>10} {:>10}", "class", "entries", "rows")?;
    for c in ParityClass::ALL {
        writeln!(out, "{:<14} {:>10} {:>10}", c.name(), s.entries.get(c), s.rows.get(c))?;
    }
    writeln!(out, "{:<14} {:>10} {:>10}", "total", s.entries.total, s.rows.total)?;
    writeln!(
        out,
        "rows in {}, rows accounted for {}: {}",
        s.rows_in,
        s.rows_accounted,
        if s.balanced { "balanced" } else { "NOT BALANCED" }
    )?;
    writeln!(
        out,
        "dossiers {}, sync actions {} ({} need a reason, {} an administrative action), manual reviews {}",
        s.dossiers, s.sync_actions, s.needs_reason, s.needs_admin, s.manual_reviews
    )
}

/// Runs the check. Exit 0 when the run completes (lagging and conflicting dossiers included); usage
/// and I/O problems are a [`Usage`] (exit 2).
pub fn run(args: ParityArgs, out: &mut impl Write) -> Result<bool, Usage> {
    let ParityArgs {
        statuses,
        out: out_path,
        json,
    } = args;
    let summary = motcua_io::parity_files(&statuses, &out_path).map_err(crate::core_err)?;
    let io = |e: std::io::Error| Usage(format!("output: {e}"));
    if json {
        writeln!(out, "{}", serde_json::to_string(&summary).expect("serialisable")).map_err(io)?;
    } else {
        table(out, &summary).map_err(io)?;
    }
    Ok(true)
}
