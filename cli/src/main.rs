//! `motcua`: the command-line face of motcua-core. Reads files and the clock, prints results;
//! every rule is in the core.
use clap::{Args, Parser, Subcommand, ValueEnum};
use motcua_core::calendar::deadline::{OfficeHours, WorkClock};
use motcua_core::calendar::holidays::{
    bundled_overrides, parse_overrides, DayOverride, HolidayRules, TetRule, WorkCalendar, MAX_YEAR, MIN_YEAR,
};
use motcua_core::calendar::request::PauseEntry;
use motcua_core::calendar::solar_to_lunar;
use motcua_core::calendar::DueRequest;
use motcua_core::check::{check, IdKind};
use motcua_core::config::{parse_date, Config};
use motcua_core::status::{self, ExportFormat, ResumePolicy, TransitionInput};
use motcua_core::sync::validate_input_threads;
use serde_json::json;
use std::io::{Read, Write};
use std::process::ExitCode;

mod catalog;
mod parity;
mod pay;
mod recon;
mod report;

#[derive(Parser)]
#[command(
    name = "motcua",
    version,
    about = "Vietnamese e-government rules: codes, statuses, DVCQG sync payloads"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Rules {
    /// Reference date YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh).
    #[arg(long, global = true)]
    today: Option<String>,
    /// JSON config file with rule overrides (see README, "Configuration").
    #[arg(long, global = true)]
    config: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Check identifiers: exit 0 when all are valid, 1 when any is invalid, 2 on usage errors.
    Check {
        /// Kind of identifier.
        #[arg(value_parser = IdKind::ALL.map(IdKind::name))]
        kind: String,
        /// Values to check.
        #[arg(required = true)]
        values: Vec<String>,
        /// One JSON object per line per value.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        rules: Rules,
    },
    /// Dossier status and DVCQG sync payloads.
    Dossier {
        #[command(subcommand)]
        command: DossierCommand,
    },
    /// Calendars (lịch): the Vietnamese lunar calendar, public holidays and working days.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
    /// VietQR codes (mã QR chuyển khoản, NAPAS): parse, build, draw.
    Qr {
        #[command(subcommand)]
        command: pay::QrCommand,
    },
    /// DVCQG payment-platform messages (thanh toán): sign, verify, build, confirm, poll.
    Pay {
        #[command(subcommand)]
        command: pay::PayCommand,
    },
    /// E-receipts (biên lai điện tử).
    Receipt {
        #[command(subcommand)]
        command: pay::ReceiptCommand,
    },
    /// Reconcile bank credits with payment attempts and dossiers (đối soát): one JSON object per
    /// input record in --out, control totals on stdout. Exit 0 when the totals balance.
    Reconcile(recon::ReconcileArgs),
    /// Generated test data (scenarios with their truth).
    Scenario {
        #[command(subcommand)]
        command: recon::ScenarioCommand,
    },
    /// Status parity across systems (đối chiếu trạng thái): portal (Cổng DVCQG), coordination (hệ
    /// thống điều phối), sectoral. Writes one JSON object per dossier / invalid / superseded row to
    /// --out, prints the control totals; exit 0 when the run completes, 2 on usage or I/O errors.
    Parity(parity::ParityArgs),
    /// Search the procedure catalogue (tra cứu thủ tục) by name in any spelling, abbreviation or
    /// code: results best first. Exit 1 when a single query finds nothing.
    Search(catalog::SearchArgs),
    /// The procedure catalogue (danh mục thủ tục): configuration checks.
    Catalog {
        #[command(subcommand)]
        command: catalog::CatalogCommand,
    },
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// Solar date YYYY-MM-DD → Vietnamese lunar date (âm lịch, UTC+7), 1900-01-01..2200-02-14.
    Lunar {
        date: String,
        /// {"year", "month", "day", "leap": bool}.
        #[arg(long)]
        json: bool,
    },
    /// Days off of a year (ngày nghỉ lễ): statutory days, Tết, compensatory days, overrides, and
    /// make-up working days.
    Holidays {
        /// Year, 1900-2199.
        #[arg(long)]
        year: i32,
        /// JSON array of {"date", "name", "kind"}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        rules: CalendarRules,
    },
    /// Is DATE (YYYY-MM-DD) a working day? Exit 0 if yes, 1 if not; prints why.
    IsWorkingDay {
        date: String,
        /// {"date", "working", "reasons": [...]}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        rules: CalendarRules,
    },
    /// Due date (ngày hẹn trả) from the reception time and the processing time; with --at or
    /// --closed-at, the QĐ 766 classification (early / on time / late, on track / due soon).
    Due {
        /// Reception of the complete dossier, YYYY-MM-DDTHH:MM (Asia/Ho_Chi_Minh) or yyyyMMddHHmmss.
        #[arg(long)]
        received: String,
        /// Processing time (0 working days = the same day).
        #[arg(long, allow_negative_numbers = true)]
        amount: i64,
        /// Unit of the processing time.
        #[arg(long, value_parser = ["working-days", "working-hours", "calendar-days"])]
        unit: String,
        /// Same-day cut-off HH:MM of the procedure (received at or after it: counted from the next working day).
        #[arg(long)]
        cutoff: Option<String>,
        /// Clock stop KIND:FROM/TO (KIND supplement or financial; TO empty while it lasts), repeatable, in order.
        #[arg(long = "pause", value_name = "KIND:FROM/TO")]
        pauses: Vec<String>,
        /// What a supplement request (status 5) does to the due date.
        #[arg(long, value_enum, default_value_t = PausePolicyChoice::Extend)]
        supplement_policy: PausePolicyChoice,
        /// What a pending financial obligation (status 6) does to the due date.
        #[arg(long, value_enum, default_value_t = PausePolicyChoice::Extend)]
        financial_policy: PausePolicyChoice,
        /// Classify the dossier as open at this instant.
        #[arg(long, conflicts_with = "closed_at")]
        at: Option<String>,
        /// Classify the dossier as closed at this instant.
        #[arg(long)]
        closed_at: Option<String>,
        /// "Due soon" within this many working hours (default 8).
        #[arg(long)]
        warn_hours: Option<u32>,
        /// Office hours (default 07:00-11:30,13:30-17:00).
        #[arg(long)]
        office_hours: Option<String>,
        /// {"due": "YYYY-MM-DDTHH:MM" or null, "start", "received", "paused", ..., "assessment"}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        rules: CalendarRules,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum PausePolicyChoice {
    Extend,
    Restart,
}

impl PausePolicyChoice {
    fn name(self) -> &'static str {
        match self {
            Self::Extend => "extend",
            Self::Restart => "restart",
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum TetChoice {
    Customary,
    TwoBeforeThreeAfter,
    EveAndFirstFour,
}

#[derive(Args)]
struct CalendarRules {
    /// Overrides CSV (date,weekday,type,reason,source), applied after the bundled set.
    #[arg(long)]
    overrides: Option<String>,
    /// Do not apply the bundled overrides (civil_service_day_overrides_2025_2026).
    #[arg(long)]
    no_bundled_overrides: bool,
    /// Treat 24/11 (Ngày Văn hóa Việt Nam) as a holiday from 2026.
    #[arg(long = "include-24-11")]
    include_24_11: bool,
    /// No compensatory days (nghỉ bù) for holidays on a weekend.
    #[arg(long)]
    no_compensation: bool,
    /// Saturday is a working day.
    #[arg(long)]
    saturday_working: bool,
    /// Which 5 days are Tết.
    #[arg(long, value_enum, default_value_t = TetChoice::Customary)]
    tet_rule: TetChoice,
}

fn work_calendar(r: &CalendarRules) -> Result<WorkCalendar, Usage> {
    let (rules, overrides) = calendar_rules(r)?;
    // Nothing precomputed: one year or one day per run.
    Ok(WorkCalendar::uncached(rules, overrides))
}

fn calendar_rules(r: &CalendarRules) -> Result<(HolidayRules, Vec<DayOverride>), Usage> {
    let rules = HolidayRules {
        tet_rule: match r.tet_rule {
            TetChoice::Customary => TetRule::Customary,
            TetChoice::TwoBeforeThreeAfter => TetRule::TwoBeforeThreeAfter,
            TetChoice::EveAndFirstFour => TetRule::EveAndFirstFour,
        },
        include_24_11: r.include_24_11,
        compensation: !r.no_compensation,
        saturday_working: r.saturday_working,
    };
    let mut overrides = if r.no_bundled_overrides {
        Vec::new()
    } else {
        bundled_overrides().map_err(core_err)?
    };
    if let Some(path) = &r.overrides {
        let text = std::fs::read_to_string(path).map_err(|e| Usage(format!("--overrides {path}: {e}")))?;
        overrides.extend(parse_overrides(&text, path).map_err(|e| Usage(format!("--overrides {path}: {e}")))?);
    }
    Ok((rules, overrides))
}

/// `supplement:2026-11-25T09:00/2026-11-26T09:00` (TO empty while the pause lasts).
fn pause_entry(s: &str) -> Result<PauseEntry, Usage> {
    let bad = || {
        Usage(format!(
            "--pause {s:?}: expected KIND:FROM/TO, e.g. supplement:2026-11-25T09:00/2026-11-26T09:00"
        ))
    };
    let (kind, span) = s.split_once(':').ok_or_else(bad)?;
    let (from, to) = span.split_once('/').ok_or_else(bad)?;
    Ok(PauseEntry {
        kind: kind.to_string(),
        from: from.to_string(),
        to: (!to.trim().is_empty()).then(|| to.to_string()),
    })
}

#[derive(Clone, Copy, ValueEnum)]
enum Policy {
    Resume,
    Restart,
}

#[derive(Subcommand)]
enum DossierCommand {
    /// Is FROM -> TO allowed? Exit 0 if allowed, 1 if not. Statuses: 1-10, keys or DVCQG strings.
    Transition {
        from: String,
        to: String,
        /// Reason (lý do), required for refusal (3) and stop (8).
        #[arg(long)]
        reason: Option<String>,
        /// For a pause (5, 6): the status it came from.
        #[arg(long)]
        paused_from: Option<String>,
        /// How a pause ends.
        #[arg(long, value_enum, default_value_t = Policy::Resume)]
        policy: Policy,
        /// Performed as an explicit administrative action (reopening a stopped dossier).
        #[arg(long)]
        admin: bool,
        /// Machine: dossier, payment_attempt or complaint.
        #[arg(long, default_value = "dossier", value_parser = status::MACHINES.map(|m| m.name))]
        machine: String,
        #[arg(long)]
        json: bool,
    },
    /// Validate DongBoHoSoMC / CapNhatTienDoHoSoMC payloads (one document or JSON Lines; `-` = stdin).
    /// Prints every problem with its JSON path; exit 1 if any.
    Validate {
        file: String,
        /// One JSON object per record: {"line", "valid", "issues": [...]}.
        #[arg(long)]
        json: bool,
        /// Threads for large inputs (default: all CPUs); the output is the same for any number.
        #[arg(long)]
        threads: Option<usize>,
        #[command(flatten)]
        rules: Rules,
    },
    /// Print the transition table.
    States {
        #[arg(long, default_value = "json", value_parser = ExportFormat::ALL.map(ExportFormat::name))]
        format: String,
        /// Machine: dossier, payment_attempt or complaint.
        #[arg(long, default_value = "dossier", value_parser = status::MACHINES.map(|m| m.name))]
        machine: String,
    },
}

/// A usage or I/O problem: printed to stderr, exit 2.
pub(crate) struct Usage(pub(crate) String);

/// A core error as a usage problem, with its stable code: `[5004 deadline_period] amount: ...`.
pub(crate) fn core_err(e: motcua_core::Error) -> Usage {
    Usage(format!("[{} {}] {e}", e.code.code(), e.code.name()))
}

fn config(rules: &Rules) -> Result<Config, Usage> {
    let mut c = match &rules.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Usage(format!("--config {path}: {e}")))?;
            Config::from_json(&text).map_err(|e| Usage(format!("--config {path}: {e}")))?
        }
        None => Config::default(),
    };
    if let Some(t) = &rules.today {
        parse_date("today", t).map_err(|e| Usage(format!("--today: {e}")))?;
        c.today = Some(t.clone());
    }
    if c.today.is_none() {
        let vn = chrono::Utc::now().with_timezone(&motcua_core::sync::time::vietnam_offset());
        c.today = Some(vn.format("%Y-%m-%d").to_string());
    }
    Ok(c)
}

fn run(cli: Cli, out: &mut impl Write) -> Result<bool, Usage> {
    let io = |e: std::io::Error| Usage(format!("output: {e}"));
    match cli.command {
        Command::Check {
            kind,
            values,
            json,
            rules,
        } => {
            let kind = IdKind::from_name(&kind).map_err(core_err)?;
            let id_rules = config(&rules)?.id_rules().map_err(core_err)?;
            let mut all_valid = true;
            for v in &values {
                let r = check(kind, v, &id_rules);
                all_valid &= r.valid;
                if json {
                    writeln!(out, "{}", serde_json::to_string(&r).expect("serialisable")).map_err(io)?;
                } else if let Some(e) = &r.error {
                    writeln!(out, "invalid\t{}\t{v}\t[{}] {e}", r.kind, e.code.code()).map_err(io)?;
                } else {
                    writeln!(out, "valid\t{}\t{v}\t{}", r.kind, r.canonical.as_deref().unwrap_or("")).map_err(io)?;
                }
            }
            Ok(all_valid)
        }
        Command::Dossier { command } => dossier(command, out),
        Command::Calendar { command } => calendar(command, out),
        Command::Qr { command } => pay::qr(command, out),
        Command::Pay { command } => pay::pay(command, out),
        Command::Receipt { command } => pay::receipt(command, out),
        Command::Reconcile(args) => recon::reconcile(args, out),
        Command::Scenario { command } => recon::scenario(command, out),
        Command::Parity(args) => parity::run(args, out),
        Command::Search(args) => catalog::search(args, out),
        Command::Catalog { command } => catalog::catalog(command, out),
    }
}

fn calendar(cmd: CalendarCommand, out: &mut impl Write) -> Result<bool, Usage> {
    let io = |e: std::io::Error| Usage(format!("output: {e}"));
    match cmd {
        CalendarCommand::Holidays { year, json, rules } => {
            let cal = work_calendar(&rules)?;
            let days = cal.holidays(year).map_err(core_err)?;
            if json {
                writeln!(out, "{}", serde_json::to_string(&days).expect("serialisable")).map_err(io)?;
            } else {
                for h in &days {
                    writeln!(out, "{}\t{}\t{}", h.date.format("%Y-%m-%d"), h.kind.name(), h.name).map_err(io)?;
                }
            }
            Ok(true)
        }
        CalendarCommand::IsWorkingDay { date, json, rules } => {
            let day = parse_date("date", &date).map_err(core_err)?;
            let cal = work_calendar(&rules)?;
            let info = cal.day(day).map_err(core_err)?;
            if json {
                writeln!(out, "{}", serde_json::to_string(&info).expect("serialisable")).map_err(io)?;
            } else {
                let verdict = if info.working {
                    "working day"
                } else {
                    "not a working day"
                };
                let why: Vec<String> = info.reasons.iter().map(ToString::to_string).collect();
                writeln!(out, "{date}\t{verdict}\t{}", why.join("; ")).map_err(io)?;
            }
            Ok(info.working)
        }
        CalendarCommand::Due {
            received,
            amount,
            unit,
            cutoff,
            pauses,
            supplement_policy,
            financial_policy,
            at,
            closed_at,
            warn_hours,
            office_hours,
            json,
            rules,
        } => {
            let (holiday_rules, overrides) = calendar_rules(&rules)?;
            let hours = office_hours
                .as_deref()
                .map_or_else(|| Ok(OfficeHours::default()), OfficeHours::parse)
                .map_err(core_err)?;
            let cal = WorkCalendar::new(holiday_rules, overrides, MIN_YEAR..=MAX_YEAR).map_err(core_err)?;
            let mut req = DueRequest::simple(&received, amount, &unit, cutoff.as_deref());
            req.pauses = pauses.iter().map(|p| pause_entry(p)).collect::<Result<_, _>>()?;
            req.supplement_policy = Some(supplement_policy.name().to_string());
            req.financial_policy = Some(financial_policy.name().to_string());
            req.at = at;
            req.closed_at = closed_at;
            req.warn_hours = warn_hours;
            let report = WorkClock::new(cal, hours).evaluate(&req).map_err(core_err)?;
            if json {
                writeln!(out, "{}", serde_json::to_string(&report).expect("serialisable")).map_err(io)?;
            } else {
                let s = &report.schedule;
                let due = s.due.map_or_else(
                    || "none (the clock is stopped)".to_string(),
                    |d| d.format("%Y-%m-%dT%H:%M").to_string(),
                );
                writeln!(out, "due\t{due}").map_err(io)?;
                writeln!(out, "start\t{}", s.start.format("%Y-%m-%dT%H:%M")).map_err(io)?;
                if let Some(a) = &report.assessment {
                    writeln!(
                        out,
                        "standing\t{}\t(elapsed {} min, remaining {} working min)",
                        a.standing.name(),
                        a.elapsed_working_minutes,
                        a.remaining_working_minutes
                    )
                    .map_err(io)?;
                }
            }
            Ok(true)
        }
        CalendarCommand::Lunar { date, json } => {
            let day = parse_date("date", &date).map_err(core_err)?;
            let lunar = solar_to_lunar(day).map_err(core_err)?;
            if json {
                writeln!(out, "{}", serde_json::to_string(&lunar).expect("serialisable")).map_err(io)?;
            } else {
                writeln!(out, "{lunar}").map_err(io)?;
            }
            Ok(true)
        }
    }
}

fn dossier(cmd: DossierCommand, out: &mut impl Write) -> Result<bool, Usage> {
    let io = |e: std::io::Error| Usage(format!("output: {e}"));
    match cmd {
        DossierCommand::Transition {
            from,
            to,
            reason,
            paused_from,
            policy,
            admin,
            machine,
            json,
        } => {
            let m = status::machine(&machine).expect("clap checked the name");
            let policy = match policy {
                Policy::Resume => ResumePolicy::Resume,
                Policy::Restart => ResumePolicy::Restart,
            };
            let input = TransitionInput {
                reason: reason.as_deref(),
                admin,
                policy,
            };
            let r = m.transition_by_name(&from, paused_from.as_deref(), &to, &input);
            if json {
                let v = match &r {
                    Ok(p) => json!({"allowed": true, "from": from, "to": to, "state": m.states[p.state].key,
                        "code": m.states[p.state].code, "paused_from": p.paused_from.map(|i| m.states[i].key), "error": null}),
                    Err(e) => {
                        json!({"allowed": false, "from": from, "to": to, "state": null, "code": null, "paused_from": null,
                        "error": {"code": e.code().code(), "message": e.to_string()}})
                    }
                };
                writeln!(out, "{v}").map_err(io)?;
            } else {
                match &r {
                    Ok(p) => {
                        let s = &m.states[p.state];
                        let code = s.code.map_or(String::new(), |c| format!("{c} "));
                        writeln!(out, "allowed: {from} -> {to}: now {code}{} ({})", s.key, s.label_vi).map_err(io)?;
                    }
                    Err(e) => writeln!(out, "not allowed: [{}] {e}", e.code().code()).map_err(io)?,
                }
            }
            Ok(r.is_ok())
        }
        DossierCommand::Validate {
            file,
            json,
            threads,
            rules,
        } => {
            let rules = config(&rules)?.sync_rules().map_err(core_err)?;
            let mut data = Vec::new();
            let read = if file == "-" {
                std::io::stdin().read_to_end(&mut data).map(|_| ())
            } else {
                std::fs::read(&file).map(|d| data = d)
            };
            read.map_err(|e| Usage(format!("{file}: {e}")))?;
            let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let reports = validate_input_threads(&data, &rules, threads.max(1));
            let (mut invalid, mut issues) = (0usize, 0usize);
            for r in &reports {
                invalid += usize::from(!r.is_valid());
                issues += r.issues.len();
                if json {
                    writeln!(
                        out,
                        "{}",
                        json!({"line": r.line, "valid": r.is_valid(), "issues": r.issues})
                    )
                    .map_err(io)?;
                } else {
                    for i in &r.issues {
                        writeln!(out, "{file}:{}: {i}", r.line).map_err(io)?;
                    }
                }
            }
            if !json {
                writeln!(
                    out,
                    "{} records: {} valid, {invalid} invalid, {issues} issues",
                    reports.len(),
                    reports.len() - invalid
                )
                .map_err(io)?;
            }
            Ok(invalid == 0)
        }
        DossierCommand::States { format, machine } => {
            let m = status::machine(&machine).expect("clap checked the name");
            let text = m.export(ExportFormat::from_name(&format).expect("clap checked the name"));
            write!(out, "{}", text.trim_end())
                .and_then(|_| writeln!(out))
                .map_err(io)?;
            Ok(true)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse(); // clap exits with 2 on usage errors
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out);
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(true), Ok(())) => ExitCode::SUCCESS,
        (Ok(false), Ok(())) => ExitCode::from(1),
        (Err(Usage(msg)), _) => {
            eprintln!("motcua: {msg}");
            ExitCode::from(2)
        }
        (_, Err(e)) => {
            eprintln!("motcua: output: {e}");
            ExitCode::from(2)
        }
    }
}
