//! `motcua reconcile`: đối soát of bank credits, payment attempts and dossiers from files
//! (`motcua_io` opens and writes them); this shows progress, the control totals and the report.
use crate::{core_err, report, Usage};
use clap::Args;
use motcua_core::recon::{Class, Fields, MatchRules, Phase, Source, Summary};
use std::io::{IsTerminal, Write};

#[derive(Args)]
pub(crate) struct ReconcileArgs {
    /// Dossiers (hồ sơ): CSV or JSON Lines (.jsonl).
    #[arg(long)]
    dossiers: String,
    /// Payment attempts on the payment platform: CSV or JSON Lines.
    #[arg(long)]
    payments: String,
    /// Bank credits (báo có) with their remarks: CSV or JSON Lines.
    #[arg(long)]
    bank: String,
    /// Results, one JSON object per input record.
    #[arg(long)]
    out: String,
    /// Also write a self-contained HTML report (counts and amounts per class, agency and day).
    #[arg(long)]
    report: Option<String>,
    /// Print the summary as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Hours a credit may arrive after its attempt (1-8784, default 96).
    #[arg(long, default_value_t = 96)]
    window_hours: i64,
    /// Keys of each results row: `all` (the contract's seven, then amount, time, agency, platform
    /// status, related credit, line) or `contract` (the seven only; unreadable rows keep line and
    /// error).
    #[arg(long, default_value = "all")]
    fields: String,
}

pub(crate) fn reconcile(a: ReconcileArgs, out: &mut impl Write) -> Result<bool, Usage> {
    let io = |e: std::io::Error| Usage(format!("output: {e}"));
    let fields: Fields = a.fields.parse().map_err(core_err)?;
    let rules = MatchRules::default()
        .with_window_hours(a.window_hours)
        .map_err(core_err)?;
    let tty = std::io::stderr().is_terminal();
    let progress = |phase: Phase, rows: u64, pct: u8| {
        if !tty {
            return;
        }
        match phase {
            Phase::Dossiers => eprint!("\rloading dossiers: {rows} rows{:20}", ""),
            Phase::Payments => eprint!("\rloading payment attempts: {rows} rows{:20}", ""),
            Phase::Bank => {
                let bar = "#".repeat(usize::from(pct) * 40 / 100);
                eprint!("\r[{bar:<40}] {pct:>3}%  {rows} bank lines{:10}", "");
            }
            Phase::Search => eprint!("\rsearching the {rows} remarks that name no code exactly{:30}", ""),
        }
    };
    let result = motcua_io::reconcile_paths(&a.dossiers, &a.payments, &a.bank, rules, progress).map_err(core_err)?;
    if tty {
        eprintln!();
    }
    motcua_io::write_results(&result, &a.out, fields).map_err(core_err)?;
    if let Some(path) = &a.report {
        let html = report::html(&result.summary);
        std::fs::write(path, html).map_err(|e| Usage(format!("--report {path}: {e}")))?;
    }
    let s = &result.summary;
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(s).expect("serialisable")).map_err(io)?;
    } else {
        write_table(s, out).map_err(io)?;
    }
    Ok(s.balanced())
}

fn write_table(s: &Summary, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<8} {:<17} {:>10} {:>20}",
        "source", "class", "rows", "amount (dong)"
    )?;
    for source in [Source::Bank, Source::Payment, Source::Dossier] {
        let Some(classes) = s.output.get(&source) else {
            continue;
        };
        for class in Class::ALL {
            if let Some(t) = classes.get(&class) {
                writeln!(
                    out,
                    "{:<8} {:<17} {:>10} {:>20}",
                    source.key(),
                    class.key(),
                    t.rows,
                    t.amount
                )?;
            }
        }
        let t = s.output_total(source);
        writeln!(
            out,
            "{:<8} {:<17} {:>10} {:>20}",
            source.key(),
            "= total out",
            t.rows,
            t.amount
        )?;
        if let Some(i) = s.input.get(&source) {
            writeln!(
                out,
                "{:<8} {:<17} {:>10} {:>20}",
                source.key(),
                "= total in",
                i.rows,
                i.amount
            )?;
        }
    }
    writeln!(
        out,
        "dossiers: {} rows read, {} loaded, {} invalid; {} known (with those only named by attempts)",
        s.dossier_rows,
        s.dossiers_loaded,
        s.output_total(Source::Dossier).rows,
        s.dossiers_known
    )?;
    writeln!(
        out,
        "control totals: {}",
        if s.balanced() {
            "balanced (every input record is in exactly one output row)"
        } else {
            "NOT BALANCED"
        }
    )
}

#[derive(clap::Subcommand)]
pub(crate) enum ScenarioCommand {
    /// A generated reconciliation scenario: dossiers.csv, payments.csv, bank.csv and the truth
    /// expected.csv (with the mangling of each remark), in the layouts of the shared sample.
    Recon {
        /// Seed: same seed, same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of bank lines.
        #[arg(long, default_value_t = 10_000)]
        bank_lines: usize,
        /// Directory to write (created if absent).
        #[arg(long)]
        out: String,
    },
}

pub(crate) fn scenario(cmd: ScenarioCommand, out: &mut impl Write) -> Result<bool, Usage> {
    use motcua_core::recon::scenario::{Scenario, ScenarioConfig};
    let ScenarioCommand::Recon {
        seed,
        bank_lines,
        out: dir,
    } = cmd;
    let s = Scenario::generate(&ScenarioConfig::new(seed, bank_lines));
    std::fs::create_dir_all(&dir).map_err(|e| Usage(format!("--out {dir}: {e}")))?;
    type Writer = fn(&Scenario, &mut String) -> std::fmt::Result;
    let files: [(&str, Writer); 4] = [
        ("dossiers.csv", |s, w| s.write_dossiers_csv(w)),
        ("payments.csv", |s, w| s.write_payments_csv(w)),
        ("bank.csv", |s, w| s.write_bank_csv(w)),
        ("expected.csv", |s, w| s.write_expected_csv(w)),
    ];
    for (name, write) in files {
        let mut text = String::new();
        write(&s, &mut text).map_err(|_| Usage(format!("{name}: formatting failed")))?;
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, text).map_err(|e| Usage(format!("{}: {e}", path.display())))?;
    }
    writeln!(
        out,
        "{dir}: {} dossiers, {} payment attempts, {} bank lines, {} expected rows",
        s.dossiers.len(),
        s.payments.len(),
        s.bank.len(),
        s.expected.len()
    )
    .map_err(|e| Usage(format!("output: {e}")))?;
    Ok(true)
}
