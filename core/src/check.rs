//! One entry point that checks any identifier kind and returns a uniform, serialisable result.
//! The CLI (`motcua check`), the C `motcua_check` and Python `motcua.check` all print this shape.
use crate::error::{Error, ErrorCode, IdError};
use crate::ids::*;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Identifier kinds that `check` knows, with their stable CLI names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// `cccd`: 12-digit personal ID.
    Cccd,
    /// `cmnd`: 9-digit old ID card.
    Cmnd,
    /// `passport`.
    Passport,
    /// `mst`: tax code.
    Mst,
    /// `agency`: agency electronic id.
    Agency,
    /// `dossier-code`.
    DossierCode,
    /// `procedure`: procedure code.
    Procedure,
    /// `province`: 2025 province code.
    Province,
    /// `commune`: 2025 commune code.
    Commune,
    /// `bank-bin`: NAPAS BIN.
    BankBin,
}

impl IdKind {
    /// All kinds in CLI order.
    pub const ALL: [IdKind; 10] = [
        IdKind::Cccd,
        IdKind::Cmnd,
        IdKind::Passport,
        IdKind::Mst,
        IdKind::Agency,
        IdKind::DossierCode,
        IdKind::Procedure,
        IdKind::Province,
        IdKind::Commune,
        IdKind::BankBin,
    ];

    /// Stable CLI name.
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Cccd => "cccd",
            IdKind::Cmnd => "cmnd",
            IdKind::Passport => "passport",
            IdKind::Mst => "mst",
            IdKind::Agency => "agency",
            IdKind::DossierCode => "dossier-code",
            IdKind::Procedure => "procedure",
            IdKind::Province => "province",
            IdKind::Commune => "commune",
            IdKind::BankBin => "bank-bin",
        }
    }

    /// Parses a CLI name.
    pub fn from_name(s: &str) -> Result<Self, Error> {
        Self::ALL.into_iter().find(|k| k.name() == s).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|k| k.name()).collect();
            Error::new(
                ErrorCode::IdUnknownKind,
                "kind",
                format!("{s} is not one of {}", names.join(", "), s = crate::text::shown(s, 40)),
            )
        })
    }
}

/// The error of a [`CheckResult`] as its JSON gives it: `{"code", "message"}` (the message names the
/// field and the offending part).
fn code_and_message<S: serde::Serializer>(e: &Option<Error>, s: S) -> Result<S::Ok, S::Error> {
    e.as_ref()
        .map(|e| json!({"code": e.code.code(), "message": e.to_string()}))
        .serialize(s)
}

/// Result of checking one value: `{"kind", "value", "valid", "canonical", "error", "parsed"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    /// Kind name.
    pub kind: &'static str,
    /// The value as given.
    pub value: String,
    /// True when valid.
    pub valid: bool,
    /// Canonical form when valid.
    pub canonical: Option<String>,
    /// Error when invalid.
    #[serde(serialize_with = "code_and_message")]
    pub error: Option<Error>,
    /// Parsed components (empty object when invalid).
    pub parsed: Map<String, Value>,
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn parse(kind: IdKind, value: &str, rules: &IdRules) -> Result<(String, Value), IdError> {
    Ok(match kind {
        IdKind::Cccd => {
            let c = Cccd::parse(value, rules)?;
            let place = match c.birth_place() {
                Some(BirthPlace::Province(p)) => {
                    json!({"birth_place_kind": "province", "birth_place_code": p.cccd_prefix,
                    "birth_place_name": p.name, "current_province_code": p.successor})
                }
                Some(BirthPlace::Country(k)) => json!({"birth_place_kind": "country", "birth_place_code": k.numeric,
                    "birth_place_name": k.name, "country_alpha2": k.alpha2}),
                None => json!({}),
            };
            let mut m = obj(place);
            m.insert("sex".into(), c.sex().name().into());
            m.insert("birth_year".into(), c.birth_year().into());
            (c.to_string(), Value::Object(m))
        }
        IdKind::Cmnd => (Cmnd::parse(value)?.to_string(), json!({})),
        IdKind::Passport => (Passport::parse(value, rules)?.to_string(), json!({})),
        IdKind::Mst => {
            let t = TaxCode::parse(value, rules)?;
            (
                t.to_string(),
                json!({"kind": t.kind.name(), "base": t.base(), "branch": t.branch()}),
            )
        }
        IdKind::Agency => {
            let a = AgencyId::parse(value, rules)?;
            (
                a.to_string(),
                json!({"level1": a.level1, "level1_name": a.level1_name(), "kind": a.kind().name(),
                "depth": a.depth(), "lower": a.lower, "short_form": a.short_form}),
            )
        }
        IdKind::DossierCode => {
            let d = DossierCode::parse(value, rules)?;
            (
                d.to_string(),
                json!({"agency": d.agency.as_str(), "date": d.date.format("%Y-%m-%d").to_string(),
                "date_width": d.date_width, "sequence": d.sequence}),
            )
        }
        IdKind::Procedure => {
            let p = ProcedureCode::parse(value, rules)?;
            (p.to_string(), json!({"base": p.base, "agency": p.agency}))
        }
        IdKind::Province => {
            let p = ProvinceCode::parse(value)?;
            (p.to_string(), json!({"code": p.0.code, "name": p.0.name}))
        }
        IdKind::Commune => {
            let c = CommuneCode::parse(value, rules)?;
            (
                c.to_string(),
                json!({"code": c.commune.code, "name": c.commune.name, "province_code": c.commune.province,
                "province_name": c.province().map(|p| p.name), "table": c.table.name()}),
            )
        }
        IdKind::BankBin => {
            let b = BankBin::parse(value)?;
            (
                b.to_string(),
                json!({"bin": b.0.bin, "code": b.0.code, "short_name": b.0.short_name, "name": b.0.name,
                "swift": (!b.0.swift.is_empty()).then_some(b.0.swift)}),
            )
        }
    })
}

/// Checks one value of the given kind.
pub fn check(kind: IdKind, value: &str, rules: &IdRules) -> CheckResult {
    match parse(kind, value, rules) {
        Ok((canonical, parsed)) => CheckResult {
            kind: kind.name(),
            value: value.to_string(),
            valid: true,
            canonical: Some(canonical),
            error: None,
            parsed: obj(parsed),
        },
        Err(e) => CheckResult {
            kind: kind.name(),
            value: value.to_string(),
            valid: false,
            canonical: None,
            error: Some(e.into()),
            parsed: Map::new(),
        },
    }
}

/// Checks many values of one kind (batch entry point for bindings).
pub fn check_many<'a, I: IntoIterator<Item = &'a str>>(kind: IdKind, values: I, rules: &IdRules) -> Vec<CheckResult> {
    values.into_iter().map(|v| check(kind, v, rules)).collect()
}
