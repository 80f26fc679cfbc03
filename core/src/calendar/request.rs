//! The JSON face of the working clock, shared by the CLI (`--config`) and every binding, so that
//! each of them parses the same settings and requests the same way.
//!
//! Clock settings ([`ClockConfig`]), every key optional:
//!
//! ```json
//! {"office_hours": "07:00-11:30,13:30-17:00", "tet_rule": "customary", "include_24_11": false,
//!  "compensation": true, "saturday_working": false, "bundled_overrides": true,
//!  "overrides": [{"date": "2027-01-02", "kind": "makeup_working_day", "reason": "...", "source": "..."}],
//!  "overrides_csv": "date,weekday,type,reason,source\n..."}
//! ```
//!
//! A due-date request ([`DueRequest`]); only `received`, `amount` and `unit` are required:
//!
//! ```json
//! {"received": "2026-11-24T09:00", "amount": 3, "unit": "working-days", "cutoff": "15:00",
//!  "pauses": [{"kind": "supplement", "from": "2026-11-25T10:00", "to": "2026-11-26T10:00"}],
//!  "supplement_policy": "extend", "financial_policy": "extend",
//!  "at": "2026-11-27T08:00", "closed_at": null, "warn_hours": 8, "max_supplements": 1, "late_by_day": false}
//! ```
//!
//! The answer ([`DueReport`]) is the [`Schedule`] plus the [`Assessment`] when `at` or `closed_at`
//! is given; times are `YYYY-MM-DDTHH:MM`.
use serde::{Deserialize, Deserializer, Serialize};

use super::deadline::{
    check_amount, format_clock, parse_clock, parse_time, AssessRules, Assessment, Observation, OfficeHours, Pause,
    PauseKind, PausePolicy, Period, Schedule, Timing, Unit, WorkClock,
};
use super::holidays::{
    bundled_overrides, parse_overrides, DayOverride, HolidayRules, OverrideKind, TetRule, WorkCalendar, MAX_YEAR,
    MIN_YEAR,
};
use crate::error::{Error, ErrorCode};

fn bad(field: impl Into<String>, detail: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidArgument, field.into(), detail)
}

/// One override given inline in a [`ClockConfig`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `extra_day_off` or `makeup_working_day`.
    pub kind: String,
    /// Why (required).
    pub reason: String,
    /// The decision.
    #[serde(default)]
    pub source: String,
}

/// Deployment settings of a working clock; see the module documentation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClockConfig {
    /// `customary` (default), `two_before_three_after` or `eve_and_first_four` ([`TetRule`]).
    pub tet_rule: Option<String>,
    /// [`HolidayRules::include_24_11`].
    pub include_24_11: Option<bool>,
    /// [`HolidayRules::compensation`].
    pub compensation: Option<bool>,
    /// [`HolidayRules::saturday_working`].
    pub saturday_working: Option<bool>,
    /// Apply the bundled overrides first (default `true`).
    pub bundled_overrides: Option<bool>,
    /// Deployment overrides as CSV text in the bundled layout, applied after the bundled ones.
    pub overrides_csv: Option<String>,
    /// Deployment overrides, applied last.
    pub overrides: Vec<OverrideEntry>,
    /// Office hours, `07:00-11:30,13:30-17:00` by default.
    pub office_hours: Option<String>,
}

impl ClockConfig {
    /// Parses the JSON settings; an empty string is the default.
    pub fn from_json(s: &str) -> Result<Self, Error> {
        if s.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_json::from_str(s).map_err(|e| bad("calendar", e.to_string()))
    }

    /// The holiday rules.
    pub fn holiday_rules(&self) -> Result<HolidayRules, Error> {
        let d = HolidayRules::default();
        let tet_rule = match self.tet_rule.as_deref() {
            None | Some("customary") => TetRule::Customary,
            Some("two_before_three_after") => TetRule::TwoBeforeThreeAfter,
            Some("eve_and_first_four") => TetRule::EveAndFirstFour,
            Some(other) => {
                return Err(bad(
                    "tet_rule",
                    format!(
                        "{other} is not customary, two_before_three_after or eve_and_first_four",
                        other = crate::text::shown(other, 40)
                    ),
                ))
            }
        };
        Ok(HolidayRules {
            tet_rule,
            include_24_11: self.include_24_11.unwrap_or(d.include_24_11),
            compensation: self.compensation.unwrap_or(d.compensation),
            saturday_working: self.saturday_working.unwrap_or(d.saturday_working),
        })
    }

    /// The overrides in the order they apply: bundled, CSV, inline.
    pub fn overrides(&self) -> Result<Vec<DayOverride>, Error> {
        let mut out = if self.bundled_overrides.unwrap_or(true) {
            bundled_overrides()?
        } else {
            Vec::new()
        };
        if let Some(csv) = &self.overrides_csv {
            out.extend(parse_overrides(csv, "overrides_csv")?);
        }
        for (i, o) in self.overrides.iter().enumerate() {
            let field = |f: &str| format!("overrides[{i}].{f}");
            let date = chrono::NaiveDate::parse_from_str(&o.date, "%Y-%m-%d")
                .ok()
                .filter(|d| (MIN_YEAR..=MAX_YEAR).contains(&chrono::Datelike::year(d)))
                .ok_or_else(|| {
                    bad(
                        field("date"),
                        format!("{:?} is not a YYYY-MM-DD date in 1900-2199", o.date),
                    )
                })?;
            let kind = match o.kind.as_str() {
                "extra_day_off" => OverrideKind::ExtraDayOff,
                "makeup_working_day" => OverrideKind::MakeupWorkingDay,
                k => {
                    return Err(bad(
                        field("kind"),
                        format!(
                            "{k} is not extra_day_off or makeup_working_day",
                            k = crate::text::shown(k, 40)
                        ),
                    ))
                }
            };
            if o.reason.trim().is_empty() {
                return Err(bad(field("reason"), "empty"));
            }
            out.push(DayOverride {
                date,
                kind,
                reason: o.reason.trim().to_string(),
                source: o.source.trim().to_string(),
                set: "config".to_string(),
            });
        }
        Ok(out)
    }

    /// The working calendar, precomputed over 1900-2199 (a few milliseconds, once).
    pub fn calendar(&self) -> Result<WorkCalendar, Error> {
        WorkCalendar::new(self.holiday_rules()?, self.overrides()?, MIN_YEAR..=MAX_YEAR)
    }

    /// The office hours.
    pub fn office_hours(&self) -> Result<OfficeHours, Error> {
        self.office_hours
            .as_deref()
            .map_or_else(|| Ok(OfficeHours::default()), OfficeHours::parse)
    }

    /// The working clock.
    pub fn clock(&self) -> Result<WorkClock, Error> {
        Ok(WorkClock::new(self.calendar()?, self.office_hours()?))
    }
}

/// One clock stop in a [`DueRequest`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseEntry {
    /// `supplement` (status 5) or `financial` (status 6).
    pub kind: String,
    /// Start.
    pub from: String,
    /// End; absent or null while it lasts.
    #[serde(default)]
    pub to: Option<String>,
}

fn one() -> Option<u32> {
    Some(1)
}

/// `null` → `None` (the field absent takes its default instead).
fn nullable<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Option::<u32>::deserialize(d)
}

/// A due-date request; see the module documentation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueRequest {
    /// Reception time.
    pub received: String,
    /// Processing time amount (≥ 0).
    pub amount: i64,
    /// `working-days`, `working-hours` or `calendar-days`.
    pub unit: String,
    /// Same-day cut-off `HH:MM`.
    #[serde(default)]
    pub cutoff: Option<String>,
    /// Clock stops in time order.
    #[serde(default)]
    pub pauses: Vec<PauseEntry>,
    /// `extend` (default) or `restart`.
    #[serde(default)]
    pub supplement_policy: Option<String>,
    /// `extend` (default) or `restart`.
    #[serde(default)]
    pub financial_policy: Option<String>,
    /// Assess the dossier as open at this instant.
    #[serde(default)]
    pub at: Option<String>,
    /// Assess the dossier as closed at this instant.
    #[serde(default)]
    pub closed_at: Option<String>,
    /// "Due soon" threshold in working hours (default 8).
    #[serde(default)]
    pub warn_hours: Option<u32>,
    /// Supplement requests allowed before the dossier counts as late (default 1; null: no limit).
    #[serde(default = "one", deserialize_with = "nullable")]
    pub max_supplements: Option<u32>,
    /// Compare days, not instants, for lateness (default false).
    #[serde(default)]
    pub late_by_day: bool,
}

fn policy(field: &str, s: Option<&str>) -> Result<PausePolicy, Error> {
    match s {
        None | Some("extend") => Ok(PausePolicy::Extend),
        Some("restart") => Ok(PausePolicy::Restart),
        Some(other) => Err(bad(
            field,
            format!(
                "{other} is not extend or restart",
                other = crate::text::shown(other, 40)
            ),
        )),
    }
}

impl DueRequest {
    /// Parses a JSON request.
    pub fn from_json(s: &str) -> Result<Self, Error> {
        serde_json::from_str(s).map_err(|e| bad("request", e.to_string()))
    }

    /// A request with no clock stop and no assessment.
    pub fn simple(received: &str, amount: i64, unit: &str, cutoff: Option<&str>) -> Self {
        Self {
            received: received.to_string(),
            amount,
            unit: unit.to_string(),
            cutoff: cutoff.map(str::to_string),
            pauses: Vec::new(),
            supplement_policy: None,
            financial_policy: None,
            at: None,
            closed_at: None,
            warn_hours: None,
            max_supplements: one(),
            late_by_day: false,
        }
    }

    /// The typed timing, observation and assessment rules.
    pub fn parse(&self) -> Result<(Timing, Option<Observation>, AssessRules), Error> {
        let received = parse_time("received", &self.received)?;
        let amount = check_amount(self.amount)?;
        let unit = Unit::from_name(&self.unit)?;
        let cutoff = self.cutoff.as_deref().map(|c| parse_clock("cutoff", c)).transpose()?;
        let mut pauses = Vec::with_capacity(self.pauses.len());
        for (i, p) in self.pauses.iter().enumerate() {
            let kind = match p.kind.as_str() {
                "supplement" => PauseKind::Supplement,
                "financial" => PauseKind::Financial,
                k => {
                    return Err(Error::new(
                        ErrorCode::DeadlinePause,
                        format!("pauses[{i}].kind"),
                        format!("{k} is not supplement or financial", k = crate::text::shown(k, 40)),
                    ))
                }
            };
            let from = parse_time(&format!("pauses[{i}].from"), &p.from)?;
            let to =
                p.to.as_deref()
                    .map(|t| parse_time(&format!("pauses[{i}].to"), t))
                    .transpose()?;
            pauses.push(Pause { kind, from, to });
        }
        let timing = Timing {
            received,
            period: Period::new(amount, unit),
            cutoff,
            pauses,
            supplement_policy: policy("supplement_policy", self.supplement_policy.as_deref())?,
            financial_policy: policy("financial_policy", self.financial_policy.as_deref())?,
        };
        let obs = match (&self.at, &self.closed_at) {
            (Some(_), Some(_)) => return Err(bad("closed_at", "give `at` (open) or `closed_at`, not both")),
            (Some(a), None) => Some(Observation::OpenAt(parse_time("at", a)?)),
            (None, Some(c)) => Some(Observation::ClosedAt(parse_time("closed_at", c)?)),
            (None, None) => None,
        };
        let warn_hours = self.warn_hours.unwrap_or(8);
        let rules = AssessRules {
            warn_minutes: warn_hours
                .checked_mul(60)
                .ok_or_else(|| bad("warn_hours", format!("{warn_hours} is too large")))?,
            max_supplements: self.max_supplements,
            late_by_day: self.late_by_day,
        };
        Ok((timing, obs, rules))
    }
}

/// The answer to a [`DueRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueReport {
    /// The due date and how it was computed.
    #[serde(flatten)]
    pub schedule: Schedule,
    /// The amount.
    pub amount: u32,
    /// The unit name.
    pub unit: &'static str,
    /// The cut-off `HH:MM`, if any.
    pub cutoff: Option<String>,
    /// The office hours used, e.g. `07:00-11:30,13:30-17:00`.
    pub office_hours: String,
    /// The classification, when `at` or `closed_at` was given.
    pub assessment: Option<Assessment>,
}

impl WorkClock {
    /// Answers a [`DueRequest`].
    pub fn evaluate(&self, req: &DueRequest) -> Result<DueReport, Error> {
        let (timing, obs, rules) = req.parse()?;
        let schedule = self.schedule(&timing)?;
        let assessment = obs.map(|o| self.assess(&timing, o, &rules)).transpose()?;
        Ok(DueReport {
            schedule,
            amount: timing.period.amount,
            unit: timing.period.unit.name(),
            cutoff: timing.cutoff.map(format_clock),
            office_hours: self.hours().to_string(),
            assessment,
        })
    }

    /// Answers a JSON [`DueRequest`] with the JSON [`DueReport`].
    pub fn evaluate_json(&self, req: &str) -> Result<String, Error> {
        let report = self.evaluate(&DueRequest::from_json(req)?)?;
        serde_json::to_string(&report).map_err(|e| Error::new(ErrorCode::Internal, "report", e.to_string()))
    }
}
