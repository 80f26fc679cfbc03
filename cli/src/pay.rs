//! `motcua qr`, `motcua pay` and `motcua receipt`: VietQR codes, payment-platform messages and
//! e-receipts. Reads files, prints; every rule is in `motcua_core::payment`.
use crate::{core_err, Usage};
use clap::Subcommand;
use motcua_core::payment::receipt::{self, ReceiptRules};
use motcua_core::payment::request::{self as pay, qr_request};
use motcua_core::payment::vietqr::{self, Mode};
use motcua_core::payment::{qr_image, vietqr::QrReport};
use serde_json::{json, Value};
use std::io::{Read, Write};

#[derive(Subcommand)]
pub enum QrCommand {
    /// Parse a VietQR payload. Exit 0 if valid, 1 if not.
    Parse {
        payload: String,
        /// Every declared length must match (the NAPAS 6.1.1 vector fails); default lenient.
        #[arg(long)]
        strict: bool,
        /// {"valid", "crc_ok", "bin", "bank", "account", "service", "amount", "purpose",
        /// "point_of_initiation", "warnings", "error"}.
        #[arg(long)]
        json: bool,
    },
    /// Build a VietQR payload (printed); optionally draw it as SVG and/or PNG.
    Build {
        /// Bank BIN (6 digits, NAPAS table).
        #[arg(long)]
        bin: String,
        /// Account or card number.
        #[arg(long)]
        account: String,
        /// Amount in đồng (makes a dynamic code).
        #[arg(long)]
        amount: Option<i64>,
        /// Purpose (62.08): put the dossier code or MaThamChieu here. Diacritics are removed.
        #[arg(long)]
        purpose: Option<String>,
        /// Bill number (62.01).
        #[arg(long)]
        bill_number: Option<String>,
        /// Reference label (62.05).
        #[arg(long)]
        reference_label: Option<String>,
        /// QRIBFTTA (to account, default), QRIBFTTC (to card), QRPUSH, QRCASH.
        #[arg(long)]
        service: Option<String>,
        /// Keep Vietnamese diacritics in the purpose.
        #[arg(long)]
        keep_diacritics: bool,
        /// Write an SVG image here.
        #[arg(long)]
        svg: Option<String>,
        /// Write a PNG image here.
        #[arg(long)]
        png: Option<String>,
        /// Pixels (PNG) or units (SVG) per module.
        #[arg(long, default_value_t = 8)]
        module: u32,
    },
}

#[derive(Subcommand)]
pub enum PayCommand {
    /// Sign a platform message: prints FILE.json with MaXacThuc set.
    Sign {
        /// INIT, CALLBACK, QUERY or GET_BILL.
        #[arg(long)]
        message: String,
        /// File holding the partner secret (one trailing newline is ignored).
        #[arg(long)]
        secret_file: String,
        /// The message as a JSON object (`-` = stdin).
        file: String,
    },
    /// Verify a message's MaXacThuc: exit 0 if it matches, 1 if not.
    Verify {
        /// INIT, CALLBACK, QUERY or GET_BILL.
        #[arg(long)]
        message: String,
        /// File holding the partner secret.
        #[arg(long)]
        secret_file: String,
        /// The message as a JSON object (`-` = stdin).
        file: String,
        #[arg(long)]
        json: bool,
    },
    /// Build a signed INIT, QUERY or GET_BILL from {"ma_doi_tac", "ma_tham_chieu", "thoi_gian",
    /// "so_tien", "thong_tin_giao_dich", "ip", "thong_tin_bien_lai"}; ThoiGianGD is always 24-hour.
    Build {
        #[arg(long)]
        message: String,
        #[arg(long)]
        secret_file: String,
        file: String,
    },
    /// Check a confirmation callback: signature, replay/conflict, reference, currency, amount.
    /// Prints {"outcome": "paid"|"failed"|"replay"|"rejected", ...}; exit 1 if rejected.
    Confirm {
        #[arg(long)]
        secret_file: String,
        /// The amount requested for the attempt the callback names (omit: unknown attempt).
        #[arg(long)]
        requested_amount: Option<i64>,
        /// The callback already processed with the same MaGiaoDich, if any.
        #[arg(long)]
        previous: Option<String>,
        file: String,
    },
    /// When to QUERY an open attempt next, and whether to escalate to manual review.
    Poll {
        /// INIT time (YYYY-MM-DDTHH:MM:SS or yyyyMMddHHmmss).
        #[arg(long)]
        initiated_at: String,
        /// QUERYs sent so far.
        #[arg(long, default_value_t = 0)]
        queries: u32,
        /// Time of the last QUERY.
        #[arg(long)]
        last_query_at: Option<String>,
        /// The current time.
        #[arg(long)]
        now: String,
    },
}

#[derive(Subcommand)]
pub enum ReceiptCommand {
    /// Check an e-receipt (biên lai) JSON file: prints the report, exit 1 if invalid.
    Check {
        file: String,
        /// Allow phí and lệ phí lines on one receipt.
        #[arg(long)]
        allow_mixed_kinds: bool,
        /// Highest receipt number (default 99999999).
        #[arg(long)]
        max_number: Option<i64>,
    },
}

fn read(path: &str) -> Result<String, Usage> {
    let mut s = String::new();
    let r = if path == "-" {
        std::io::stdin().read_to_string(&mut s).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| s = t)
    };
    r.map_err(|e| Usage(format!("{path}: {e}")))?;
    Ok(s)
}

fn secret(path: &str) -> Result<String, Usage> {
    let s = read(path)?;
    let s = s
        .strip_suffix('\n')
        .map_or(s.as_str(), |t| t.strip_suffix('\r').unwrap_or(t));
    if s.is_empty() {
        return Err(Usage(format!("--secret-file {path}: empty")));
    }
    Ok(s.to_string())
}

fn io(e: std::io::Error) -> Usage {
    Usage(format!("output: {e}"))
}

/// The exact `qr parse --json` shape.
fn qr_json(r: &QrReport) -> Value {
    json!({
        "valid": r.valid, "crc_ok": r.crc_ok, "bin": r.bin, "bank": r.bank, "account": r.account,
        "service": r.service, "amount": r.amount, "purpose": r.purpose,
        "point_of_initiation": r.point_of_initiation, "warnings": r.warnings, "error": r.error,
    })
}

pub fn qr(cmd: QrCommand, out: &mut impl Write) -> Result<bool, Usage> {
    match cmd {
        QrCommand::Parse { payload, strict, json } => {
            let r = vietqr::parse(&payload, if strict { Mode::Strict } else { Mode::Lenient });
            if json {
                writeln!(out, "{}", qr_json(&r)).map_err(io)?;
            } else {
                let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                let head = match &r.error {
                    None => "valid".to_string(),
                    Some(e) => format!("invalid: [{} {}] {e}", e.code.code(), e.code.name()),
                };
                writeln!(out, "{head}").map_err(io)?;
                writeln!(
                    out,
                    "bin {} ({})  account {}  service {}  amount {}  purpose {}",
                    opt(&r.bin),
                    opt(&r.bank),
                    opt(&r.account),
                    r.service.map_or("-", |s| s.code()),
                    r.amount.map_or("-".into(), |a| a.to_string()),
                    opt(&r.purpose)
                )
                .map_err(io)?;
                for w in &r.warnings {
                    writeln!(out, "warning {} at {}: {}", w.code, w.field, w.message).map_err(io)?;
                }
            }
            Ok(r.valid)
        }
        QrCommand::Build {
            bin,
            account,
            amount,
            purpose,
            bill_number,
            reference_label,
            service,
            keep_diacritics,
            svg,
            png,
            module,
        } => {
            let req = json!({"bin": bin, "account": account, "amount": amount, "purpose": purpose,
                "bill_number": bill_number, "reference_label": reference_label, "service": service, "keep_diacritics": keep_diacritics});
            let payload = vietqr::build(&qr_request(&req.to_string()).map_err(core_err)?).map_err(core_err)?;
            if let Some(path) = svg {
                let image = qr_image::svg(&payload, module).map_err(core_err)?;
                std::fs::write(&path, image).map_err(|e| Usage(format!("--svg {path}: {e}")))?;
            }
            if let Some(path) = png {
                let image = qr_image::png(&payload, module).map_err(core_err)?;
                std::fs::write(&path, image).map_err(|e| Usage(format!("--png {path}: {e}")))?;
            }
            writeln!(out, "{payload}").map_err(io)?;
            Ok(true)
        }
    }
}

pub fn pay(cmd: PayCommand, out: &mut impl Write) -> Result<bool, Usage> {
    match cmd {
        PayCommand::Sign {
            message,
            secret_file,
            file,
        } => {
            let signed = pay::sign_json(&message, &read(&file)?, &secret(&secret_file)?).map_err(core_err)?;
            writeln!(out, "{signed}").map_err(io)?;
            Ok(true)
        }
        PayCommand::Verify {
            message,
            secret_file,
            file,
            json,
        } => {
            let ok = pay::verify_json(&message, &read(&file)?, &secret(&secret_file)?).map_err(core_err)?;
            if json {
                writeln!(out, "{}", json!({"valid": ok})).map_err(io)?;
            } else {
                writeln!(out, "{}", if ok { "valid" } else { "bad signature" }).map_err(io)?;
            }
            Ok(ok)
        }
        PayCommand::Build {
            message,
            secret_file,
            file,
        } => {
            let m = pay::build_json(&message, &read(&file)?, &secret(&secret_file)?).map_err(core_err)?;
            writeln!(out, "{m}").map_err(io)?;
            Ok(true)
        }
        PayCommand::Confirm {
            secret_file,
            requested_amount,
            previous,
            file,
        } => {
            let previous = previous.as_deref().map(read).transpose()?;
            let c = pay::check_callback_json(
                &read(&file)?,
                &secret(&secret_file)?,
                requested_amount,
                previous.as_deref(),
            )
            .map_err(core_err)?;
            writeln!(out, "{c}").map_err(io)?;
            let outcome: Value = serde_json::from_str(&c).expect("core writes JSON");
            Ok(outcome["outcome"] != "rejected")
        }
        PayCommand::Poll {
            initiated_at,
            queries,
            last_query_at,
            now,
        } => {
            let req = json!({"initiated_at": initiated_at, "queries_done": queries,
                "last_query_at": last_query_at, "now": now});
            writeln!(out, "{}", pay::poll_json(&req.to_string()).map_err(core_err)?).map_err(io)?;
            Ok(true)
        }
    }
}

pub fn receipt(cmd: ReceiptCommand, out: &mut impl Write) -> Result<bool, Usage> {
    match cmd {
        ReceiptCommand::Check {
            file,
            allow_mixed_kinds,
            max_number,
        } => {
            let rules = ReceiptRules::new(!allow_mixed_kinds, max_number);
            let r = receipt::check_json(&read(&file)?, &rules);
            writeln!(out, "{}", serde_json::to_string(&r).expect("serialisable")).map_err(io)?;
            Ok(r.valid)
        }
    }
}
