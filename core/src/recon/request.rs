//! The JSON face of đối soát, shared by every binding: records in, rows and control totals out.
//!
//! Input: `{"dossiers": [..], "payments": [..], "bank": [..], "rules": {"window_hours": 96}}`, each
//! record an object with the CSV column names (values as strings or numbers). Output:
//! `{"rows": [ResultRow..], "summary": Summary}`. A record that cannot be read is a row of class
//! `invalid_input` (its "line" is its 1-based position in its array), never an error of the call.
use super::engine::{Fields, Reconciler, Reconciliation};
use super::matcher::MatchRules;
use super::read::{json_fields, TextFields};
use super::record::{Attempt, CreditView, Dossier, RowError};
use crate::error::{Error, ErrorCode};
use crate::json::Record;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    #[serde(default)]
    dossiers: Vec<Record>,
    #[serde(default)]
    payments: Vec<Record>,
    #[serde(default)]
    bank: Vec<Record>,
    #[serde(default)]
    rules: RulesJson,
}

/// Rules as JSON: `{"window_hours": 96, "window_before_hours": 1}`; for a run over files also
/// `"fields": "all"` or `"contract"`, the keys of results.jsonl ([`Fields`]).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RulesJson {
    window_hours: Option<i64>,
    window_before_hours: Option<i64>,
    fields: Option<String>,
}

impl RulesJson {
    /// The matching rules, defaults where absent; a window out of range is 9004
    /// ([`MatchRules::with_window_hours`]).
    pub fn rules(&self) -> Result<MatchRules, Error> {
        let mut r = MatchRules::default();
        if let Some(h) = self.window_hours {
            r = r.with_window_hours(h)?;
        }
        if let Some(h) = self.window_before_hours {
            r = r.with_window_before_hours(h)?;
        }
        Ok(r)
    }

    /// The keys of results.jsonl ([`Fields::All`] where absent); another value is 9004 naming
    /// `fields`.
    pub fn fields(&self) -> Result<Fields, Error> {
        self.fields.as_deref().map_or(Ok(Fields::All), str::parse)
    }

    /// Parses the rules JSON of a run over files (`None` or empty: defaults): the matching rules
    /// and the keys of results.jsonl.
    pub fn parse(json: Option<&str>) -> Result<(MatchRules, Fields), Error> {
        match json.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok((MatchRules::default(), Fields::All)),
            Some(s) => {
                let r = serde_json::from_str::<RulesJson>(s)
                    .map_err(|e| Error::new(ErrorCode::InvalidArgument, "rules", crate::text::json_error(&e)))?;
                Ok((r.rules()?, r.fields()?))
            }
        }
    }
}

fn fields(v: Record, line: u64) -> Result<TextFields, RowError> {
    let bad = |error: Error| RowError {
        line,
        error,
        id: String::new(),
        so_tien: None,
    };
    match v {
        Record::Object(o) => {
            let mut kv = Vec::new();
            let invalid = json_fields(o, &mut kv);
            Ok(TextFields(kv, invalid))
        }
        Record::Other => Err(bad(Error::new(ErrorCode::ReconRow, "record", "expected a JSON object"))),
    }
}

/// Runs a reconciliation over in-memory records given as JSON (see the module docs).
pub fn reconcile_json(input: &str) -> Result<String, Error> {
    if !input.trim_start().starts_with('{') {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "request",
            "expected a JSON object",
        ));
    }
    let req: Request = serde_json::from_str(input)
        .map_err(|e| Error::new(ErrorCode::InvalidArgument, "request", crate::text::json_error(&e)))?;
    if req.rules.fields.is_some() {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "fields",
            "applies to results files only; in-memory rows carry every key",
        ));
    }
    let mut rec = Reconciler::new(req.rules.rules()?);
    rec.reserve(req.dossiers.len(), req.payments.len(), req.bank.len());
    for (i, v) in req.dossiers.into_iter().enumerate() {
        let line = i as u64 + 1;
        rec.add_dossier(fields(v, line).and_then(|f| Dossier::from_fields(&f, line)), line);
    }
    for (i, v) in req.payments.into_iter().enumerate() {
        let line = i as u64 + 1;
        rec.add_attempt(fields(v, line).and_then(|f| Attempt::from_fields(&f, line)), line);
    }
    for (i, v) in req.bank.into_iter().enumerate() {
        let line = i as u64 + 1;
        match fields(v, line) {
            Ok(f) => rec.add_credit(CreditView::from_fields(&f, line), line),
            Err(e) => rec.add_credit(Err(e), line),
        }
    }
    let r = rec.finish()?;
    Ok(to_json(&r))
}

/// `{"rows": [...], "summary": {...}}`.
pub fn to_json(r: &Reconciliation) -> String {
    let mut out = Vec::with_capacity(256 * r.len() + 1024);
    out.extend_from_slice(b"{\"rows\":[");
    for i in 0..r.len() {
        if i > 0 {
            out.push(b',');
        }
        r.write_row_json(i, &mut out);
    }
    out.extend_from_slice(b"],\"summary\":");
    serde_json::to_writer(&mut out, &r.summary).expect("summary serialises");
    out.push(b'}');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
