//! Public holidays and working days (ngày nghỉ lễ, ngày làm việc) of the civil service.
//!
//! A [`WorkCalendar`] (lịch làm việc) is a value built from [`HolidayRules`] and a list of
//! [`DayOverride`]s; it answers, for every day, whether it is a working day and why
//! ([`WorkCalendar::day`]), and lists the days off of a year ([`WorkCalendar::holidays`]).
//!
//! # Rules
//!
//! - **Weekly rest** (nghỉ hằng tuần): Saturday and Sunday (civil service, Nghị định 45/2013 as amended).
//! - **Statutory holidays** (Bộ luật Lao động 2019, Art. 112(1)): 1/1 (Tết Dương lịch); Tết Nguyên
//!   đán, 5 days ([`TetRule`]); Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5; Quốc khánh 2/9 plus one
//!   adjacent day ([`national_day_adjacent`]). Lunar dates use the Vietnamese calendar (UTC+7,
//!   [`crate::calendar::lunar`]).
//! - **24/11, Ngày Văn hóa Việt Nam**: a switchable rule ([`HolidayRules::include_24_11`]), never
//!   applied before 2026, **off by default** (see the field for why).
//! - **Compensation** (nghỉ bù, Art. 111(3)): a statutory day on a Saturday or Sunday gives a
//!   compensatory day off on the next day that is neither a weekend day, a statutory day nor an
//!   earlier compensatory day. Holidays are compensated in date order, so the weekend days of the Tết
//!   block are compensated right after the block. Kind [`HolidayKind::Compensatory`].
//! - **Overrides** (yearly government decisions for the public sector: extra day off, make-up working
//!   Saturday): data, not code. The bundled set is `core/data/civil_service_day_overrides_2025_2026.csv`
//!   ([`bundled_overrides`], name [`BUNDLED_OVERRIDES_NAME`]); a deployment adds its own in the same
//!   CSV layout ([`parse_overrides`]). Overrides are applied in list order: for a date, the last
//!   override wins over the earlier ones and over every rule above.
//!
//! Years are limited to those of the lunar calendar (1900-2199). The rules are those of the 2019
//! Labour Code for every year: days before 2021 (when 2/9's adjacent day was added) are not
//! historically exact.
//!
//! ```
//! use chrono::NaiveDate;
//! use motcua_core::calendar::holidays::{HolidayKind, WorkCalendar};
//! let cal = WorkCalendar::new(Default::default(), motcua_core::calendar::holidays::bundled_overrides().unwrap(), 2020..=2030).unwrap();
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert!(!cal.is_working_day(d(2026, 2, 16)).unwrap()); // Tết Bính Ngọ
//! assert!(cal.is_working_day(d(2026, 1, 10)).unwrap()); // make-up Saturday
//! let h = cal.holidays(2026).unwrap();
//! assert_eq!(h[0].kind, HolidayKind::Statutory);
//! ```
use std::fmt;
use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::lunar::{lunar_to_solar, LunarDate};
use crate::error::{Error, ErrorCode};

/// First year a [`WorkCalendar`] can answer for (the lunar calendar's range).
pub const MIN_YEAR: i32 = 1900;
/// Last year a [`WorkCalendar`] can answer for.
pub const MAX_YEAR: i32 = 2199;
/// Name (version) of the bundled override set.
pub const BUNDLED_OVERRIDES_NAME: &str = "civil_service_day_overrides_2025_2026";
/// First year the 24/11 rule can apply.
pub const CULTURE_DAY_FIRST_YEAR: i32 = 2026;

/// Which 5 days of Tết Nguyên đán are statutory holidays when no override says otherwise.
///
/// The Prime Minister picks the 5 days each year. The default, [`TetRule::Customary`], follows the
/// decisions of 2020-2026: the last two days of the lunar year and days 1-3 of the new year, except
/// when Tết (1/1 âm lịch) is a Tuesday, then the last day and days 1-4, so that the five days are
/// Monday-Friday. Checked: 2026 (Tết Tuesday 17/2): Monday 16/2 (29 Chạp) - Friday 20/2 (mùng 4),
/// the official schedule (brief §4.3); 2025 (Tết Wednesday 29/1): Monday 27/1 (28 Chạp) - Friday
/// 31/1 (mùng 3). The brief's simpler rule, [`TetRule::EveAndFirstFour`], gives the same 2026 but
/// for 2025 Tuesday 28/1 - Saturday 1/2 with 1/2 compensated on Monday 3/2 (27/1 a working day),
/// which is not what was decided. Weekend days inside the block are compensated after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TetRule {
    /// [`TetRule::TwoBeforeThreeAfter`], or [`TetRule::EveAndFirstFour`] when Tết is a Tuesday. Default.
    #[default]
    Customary,
    /// The last two days of the lunar year (28/29 or 29/30 Chạp) and days 1-3 (mùng 1-3).
    TwoBeforeThreeAfter,
    /// The last day of the lunar year (29 or 30 Chạp, giao thừa) and days 1-4 (mùng 1-4).
    EveAndFirstFour,
}

impl TetRule {
    /// Days before Tết (1/1 âm lịch, `tet`) that belong to the block.
    fn days_before(self, tet: NaiveDate) -> i64 {
        match self {
            Self::Customary if tet.weekday() == Weekday::Tue => 1,
            Self::Customary | Self::TwoBeforeThreeAfter => 2,
            Self::EveAndFirstFour => 1,
        }
    }
}

/// The rules of a [`WorkCalendar`] (quy tắc ngày nghỉ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct HolidayRules {
    /// Which 5 days are Tết.
    pub tet_rule: TetRule,
    /// 24/11 (Ngày Văn hóa Việt Nam) as a statutory holiday, from 2026 only. Default `false`: the
    /// Politburo decided it (NQ 80-NQ/TW) and the government ordered the Labour Code amendment in
    /// February 2026, but the legal effect is UNCONFIRMED (brief §4.3); a deadline library follows the
    /// holidays in force (Art. 112 lists 11 days), and a deployment where the amendment applies turns
    /// this on (or supplies an override row).
    pub include_24_11: bool,
    /// Compensation (nghỉ bù) for statutory days on a weekend. Default `true`.
    pub compensation: bool,
    /// Saturday is a working day (for offices that work a six-day week); a Saturday holiday is then
    /// not compensated. Default `false`.
    pub saturday_working: bool,
}

impl Default for HolidayRules {
    fn default() -> Self {
        Self {
            tet_rule: TetRule::default(),
            include_24_11: false,
            compensation: true,
            saturday_working: false,
        }
    }
}

/// What an override does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideKind {
    /// `extra_day_off`: the day is off (ngày nghỉ thêm, e.g. a bridge day).
    ExtraDayOff,
    /// `makeup_working_day`: the day is worked (ngày làm bù, usually a Saturday).
    MakeupWorkingDay,
}

impl OverrideKind {
    /// The CSV name.
    pub fn name(self) -> &'static str {
        match self {
            Self::ExtraDayOff => "extra_day_off",
            Self::MakeupWorkingDay => "makeup_working_day",
        }
    }
}

/// A government change to the civil-service calendar for one day (điều chỉnh ngày làm việc).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DayOverride {
    /// The day.
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    /// Day off or worked.
    pub kind: OverrideKind,
    /// Why (the CSV `reason`).
    pub reason: String,
    /// The decision or document (the CSV `source`).
    pub source: String,
    /// Which set it comes from: [`BUNDLED_OVERRIDES_NAME`] or the name the caller gave.
    pub set: String,
}

/// The bundled overrides ([`BUNDLED_OVERRIDES_NAME`]), in file order, read by the same parser as a
/// deployment's own file (the file is bundled at build time; a test proves it parses).
pub fn bundled_overrides() -> Result<Vec<DayOverride>, Error> {
    parse_overrides(
        include_str!("../../data/civil_service_day_overrides_2025_2026.csv"),
        BUNDLED_OVERRIDES_NAME,
    )
}

/// Serialises a date as `YYYY-MM-DD` (chrono's serde feature is not enabled).
fn iso_date<S: serde::Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&date.format("%Y-%m-%d"))
}

const COLUMNS: [&str; 5] = ["date", "weekday", "type", "reason", "source"];

fn override_error(line: usize, column: &str, detail: String) -> Error {
    Error::new(
        ErrorCode::InvalidArgument,
        format!("overrides line {line}, {column}"),
        detail,
    )
}

/// Splits one CSV line (RFC 4180 quoting, `""` inside quotes; no line breaks inside fields).
fn split_csv(line: &str, n: usize) -> Result<Vec<String>, Error> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    quoted = false;
                    if !matches!(chars.peek(), None | Some(',')) {
                        return Err(override_error(
                            n,
                            "csv",
                            "text after a closing quote (write \"\" for a quote inside a quoted field)".into(),
                        ));
                    }
                }
            } else {
                cur.push(c);
            }
        } else if c == ',' {
            fields.push(std::mem::take(&mut cur));
            at_start = true;
            continue;
        } else if c == '"' && at_start && cur.trim().is_empty() {
            cur.clear();
            quoted = true;
        } else {
            cur.push(c);
        }
        at_start = false;
    }
    if quoted {
        return Err(override_error(n, "csv", "unterminated quoted field".into()));
    }
    fields.push(cur);
    Ok(fields)
}

/// Parses overrides in the layout of the bundled file: lines starting with `#` are comments, blank
/// lines are skipped, the first line is the header `date,weekday,type,reason,source`, then one row
/// per day: `date` YYYY-MM-DD, `weekday` empty or the English 3-letter day of `date` (checked),
/// `type` `extra_day_off` or `makeup_working_day`, `reason` (required) and `source` (may be empty).
/// `set` names the set (a file name, a decision number) and is kept on each override.
///
/// Fails with [`ErrorCode::InvalidArgument`], the field naming the line (1-based, counting every
/// line of `text`, whatever ends it: `\n`, `\r\n` or a bare `\r`) and the column:
/// `overrides line 5, date`.
pub fn parse_overrides(text: &str, set: &str) -> Result<Vec<DayOverride>, Error> {
    let mut out = Vec::new();
    let mut header = false;
    for (i, line) in crate::text::lines(text).enumerate() {
        let n = i + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let f = split_csv(line, n)?;
        if !header {
            let names: Vec<&str> = f.iter().map(|s| s.trim()).collect();
            if names != COLUMNS {
                return Err(override_error(
                    n,
                    "header",
                    format!("expected the header `{}`", COLUMNS.join(",")),
                ));
            }
            header = true;
            continue;
        }
        if f.len() != COLUMNS.len() {
            return Err(override_error(
                n,
                "csv",
                format!("{} fields, expected {}", f.len(), COLUMNS.len()),
            ));
        }
        let date_text = f[0].trim();
        let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
            .ok()
            .filter(|_| date_text.len() == 10)
            .ok_or_else(|| override_error(n, "date", format!("`{date_text}` is not a real YYYY-MM-DD date")))?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
            return Err(override_error(
                n,
                "date",
                format!("{date} is outside {MIN_YEAR}-{MAX_YEAR}"),
            ));
        }
        let wd = f[1].trim();
        if !wd.is_empty() && !wd.eq_ignore_ascii_case(&date.weekday().to_string()) {
            return Err(override_error(
                n,
                "weekday",
                format!("`{wd}` but {date} is a {}", date.weekday()),
            ));
        }
        let kind = match f[2].trim() {
            "extra_day_off" => OverrideKind::ExtraDayOff,
            "makeup_working_day" => OverrideKind::MakeupWorkingDay,
            t => {
                return Err(override_error(
                    n,
                    "type",
                    format!("`{t}` is not extra_day_off or makeup_working_day"),
                ))
            }
        };
        let reason = f[3].trim();
        if reason.is_empty() {
            return Err(override_error(n, "reason", "empty".into()));
        }
        out.push(DayOverride {
            date,
            kind,
            reason: reason.to_string(),
            source: f[4].trim().to_string(),
            set: set.to_string(),
        });
    }
    if !header {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "overrides",
            format!("no header line `{}`", COLUMNS.join(",")),
        ));
    }
    Ok(out)
}

/// Kind of a day off in [`WorkCalendar::holidays`] (and of a [`Reason`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A statutory holiday other than Tết (ngày lễ).
    Statutory,
    /// One of the 5 days of Tết Nguyên đán.
    Tet,
    /// A compensatory day off (nghỉ bù) for a statutory day on a weekend.
    Compensatory,
    /// An override: extra day off.
    OverrideOff,
    /// An override: a make-up working day (usually a Saturday).
    OverrideWorking,
}

impl HolidayKind {
    /// The JSON name: `statutory`, `tet`, `compensatory`, `override_off`, `override_working`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Statutory => "statutory",
            Self::Tet => "tet",
            Self::Compensatory => "compensatory",
            Self::OverrideOff => "override_off",
            Self::OverrideWorking => "override_working",
        }
    }
}

/// A day off (or a make-up working day) of a year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Holiday {
    /// The day.
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    /// Vietnamese name, e.g. `Quốc khánh (2/9)`.
    pub name: String,
    /// Kind.
    pub kind: HolidayKind,
}

/// Why a day is or is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Reason {
    /// Monday-Friday (or Saturday with [`HolidayRules::saturday_working`]) with no holiday.
    Weekday,
    /// Weekly rest day (nghỉ hằng tuần).
    Weekend {
        /// `Sat` or `Sun`.
        weekday: String,
    },
    /// Statutory holiday (not Tết).
    Statutory {
        /// Its name.
        name: String,
    },
    /// One of the days of Tết.
    Tet {
        /// Its name.
        name: String,
    },
    /// Compensatory day for a statutory day on a weekend.
    Compensatory {
        /// The holiday compensated.
        name: String,
        /// Its date.
        #[serde(serialize_with = "iso_date")]
        for_date: NaiveDate,
    },
    /// An override.
    Override {
        /// `extra_day_off` or `makeup_working_day`.
        kind: OverrideKind,
        /// The override's reason.
        reason: String,
        /// The override's source.
        source: String,
        /// Its set.
        set: String,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Weekday => f.write_str("ordinary working day"),
            Self::Weekend { weekday } => write!(f, "weekly rest day ({weekday})"),
            Self::Statutory { name } => write!(f, "statutory holiday: {name}"),
            Self::Tet { name } => write!(f, "Tết: {name}"),
            Self::Compensatory { name, for_date } => write!(f, "compensatory day for {name} on {for_date}"),
            Self::Override {
                kind,
                reason,
                source,
                set,
            } => write!(f, "override {}: {reason} (source: {source}; set: {set})", kind.name()),
        }
    }
}

/// The answer for one day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DayInfo {
    /// The day.
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    /// Working day (ngày làm việc)?
    pub working: bool,
    /// Every rule that applies, the deciding one last (an override, else the holiday, else the
    /// weekend, else [`Reason::Weekday`]).
    pub reasons: Vec<Reason>,
}

/// The adjacent day of Quốc khánh (2/9) chosen by weekday, following the decisions since 2021:
/// the day that joins the holidays to a weekend, and 1/9 when neither or both do.
///
/// | 2/9 | adjacent | practice |
/// |-----|----------|----------|
/// | Mon | 3/9 Tue  | 2024 |
/// | Tue | 1/9 Mon  | 2025 |
/// | Wed | 1/9 Tue  | 2026 (with a 31/8 bridge override) |
/// | Thu | 3/9 Fri  | 2021 |
/// | Fri | 1/9 Thu  | 2022 |
/// | Sat | 1/9 Fri  | 2023 (2/9 compensated on Monday 4/9) |
/// | Sun | 3/9 Mon  | (2/9 compensated on Tuesday 4/9) |
pub fn national_day_adjacent(year: i32) -> Option<NaiveDate> {
    let national = NaiveDate::from_ymd_opt(year, 9, 2)?;
    let day = match national.weekday() {
        Weekday::Mon | Weekday::Thu | Weekday::Sun => 3,
        _ => 1,
    };
    NaiveDate::from_ymd_opt(year, 9, day)
}

/// One rule's day in a year, before deciding.
#[derive(Debug, Clone)]
struct Entry {
    date: NaiveDate,
    reason: Reason,
}

/// A civil-service working calendar (lịch làm việc): rules plus overrides, with a precomputed bitset
/// of working days for a range of years chosen at construction. Dates outside that range (but
/// within [`MIN_YEAR`]..=[`MAX_YEAR`]) are computed on each call.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    rules: HolidayRules,
    overrides: Vec<DayOverride>,
    /// Days since 1970-01-01 of the first precomputed day (1 January of the first year).
    first_day: i64,
    /// Precomputed days.
    days: i64,
    /// Working-day bits, one per day from `first_day`.
    bits: Vec<u64>,
    /// `rank[i]`: working days before day `first_day + i` (one extra entry: the total).
    rank: Vec<u32>,
    /// `nth[k]`: the day (offset from `first_day`) of the working day of rank `k`.
    nth: Vec<u32>,
}

/// Days from 0001-01-01 (CE day 1) to 1970-01-01.
const UNIX_EPOCH_CE_DAYS: i64 = 719_163;

/// Days since 1970-01-01.
pub(crate) fn epoch_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_CE_DAYS
}

/// The date `days` after 1970-01-01 (`None` outside chrono's range).
pub(crate) fn from_epoch_day(days: i64) -> Option<NaiveDate> {
    i32::try_from(days + UNIX_EPOCH_CE_DAYS)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn year_error(year: i32) -> Error {
    Error::new(
        ErrorCode::InvalidArgument,
        "year",
        format!("{year} is outside {MIN_YEAR}-{MAX_YEAR}"),
    )
}

fn lunar(year: i32, month: u8, day: u8) -> Result<NaiveDate, Error> {
    lunar_to_solar(LunarDate {
        year,
        month,
        day,
        leap: false,
    })
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("fixed holiday dates exist in every year")
}

impl WorkCalendar {
    /// Builds a calendar and precomputes the years `years` (e.g. `2020..=2035`; an empty range
    /// precomputes nothing). `overrides` apply in order, the last one for a date winning: pass
    /// [`bundled_overrides`] first and the deployment's after them.
    ///
    /// Fails with [`ErrorCode::InvalidArgument`] (field `years`) when the range leaves
    /// [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn new(rules: HolidayRules, overrides: Vec<DayOverride>, years: RangeInclusive<i32>) -> Result<Self, Error> {
        let mut cal = Self::uncached(rules, overrides);
        if years.is_empty() {
            return Ok(cal);
        }
        if *years.start() < MIN_YEAR || *years.end() > MAX_YEAR {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "years",
                format!("{}..={} leaves {MIN_YEAR}..={MAX_YEAR}", years.start(), years.end()),
            ));
        }
        cal.first_day = epoch_day(ymd(*years.start(), 1, 1));
        let days = epoch_day(ymd(*years.end() + 1, 1, 1)) - cal.first_day;
        let mut bits = vec![0u64; (days as usize).div_ceil(64)];
        let mut i = 0usize;
        for year in years {
            for info in cal.year_days(year)? {
                if info.working {
                    bits[i / 64] |= 1 << (i % 64);
                }
                i += 1;
            }
        }
        // Rank and select tables: O(1) working-day arithmetic for deadlines (~750 KB for 300 years).
        let mut rank = Vec::with_capacity(days as usize + 1);
        let mut nth = Vec::new();
        for d in 0..days as usize {
            rank.push(nth.len() as u32);
            if bits[d / 64] & (1 << (d % 64)) != 0 {
                nth.push(d as u32);
            }
        }
        rank.push(nth.len() as u32);
        cal.days = days;
        cal.bits = bits;
        cal.rank = rank;
        cal.nth = nth;
        Ok(cal)
    }

    /// Builds a calendar that precomputes nothing: every answer is computed on the call (for one-off
    /// questions, e.g. one day or one year).
    pub fn uncached(rules: HolidayRules, overrides: Vec<DayOverride>) -> Self {
        Self {
            rules,
            overrides,
            first_day: 0,
            days: 0,
            bits: Vec::new(),
            rank: vec![0],
            nth: Vec::new(),
        }
    }

    /// The rules.
    pub fn rules(&self) -> &HolidayRules {
        &self.rules
    }

    /// The overrides, in the order they apply.
    pub fn overrides(&self) -> &[DayOverride] {
        &self.overrides
    }

    /// Is `date` a working day? A bit lookup for the precomputed years.
    ///
    /// Fails with [`ErrorCode::InvalidArgument`] (field `year`) outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, Error> {
        match self.cached(epoch_day(date)) {
            Some(working) => Ok(working),
            None => Ok(self.day(date)?.working),
        }
    }

    /// Whether day `day` (days since 1970-01-01) is a working day, for a precomputed day.
    #[inline]
    pub(crate) fn cached(&self, day: i64) -> Option<bool> {
        let i = day - self.first_day;
        if !(0..self.days).contains(&i) {
            return None;
        }
        let i = i as usize;
        Some(self.bits[i / 64] & (1 << (i % 64)) != 0)
    }

    /// The precomputed days as days since 1970-01-01: `first..end`.
    pub(crate) fn cached_days(&self) -> std::ops::Range<i64> {
        self.first_day..self.first_day + self.days
    }

    /// Working days before day `day` (days since 1970-01-01), counted from the first precomputed
    /// day; `None` outside the precomputed days (the day after the last one is inside).
    #[inline]
    pub(crate) fn rank(&self, day: i64) -> Option<u32> {
        let i = usize::try_from(day - self.first_day).ok()?;
        self.rank.get(i).copied()
    }

    /// The day (days since 1970-01-01) of the working day of rank `k` (0 = the first precomputed
    /// working day); `None` past the precomputed days.
    #[inline]
    pub(crate) fn select(&self, k: u32) -> Option<i64> {
        self.nth.get(k as usize).map(|&d| self.first_day + i64::from(d))
    }

    /// Whether `date` is a working day and every rule that says so.
    ///
    /// Fails with [`ErrorCode::InvalidArgument`] (field `year`) outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo, Error> {
        let entries = self.entries(date.year())?;
        Ok(self.decide(date, entries.into_iter().filter(|e| e.date == date).map(|e| e.reason)))
    }

    /// Every day of `year`, in order.
    fn year_days(&self, year: i32) -> Result<Vec<DayInfo>, Error> {
        let entries = self.entries(year)?;
        let mut per_day: Vec<Vec<Reason>> = vec![Vec::new(); 366];
        for e in entries {
            per_day[e.date.ordinal0() as usize].push(e.reason);
        }
        let mut out = Vec::with_capacity(366);
        let mut date = ymd(year, 1, 1);
        while date.year() == year {
            let reasons = std::mem::take(&mut per_day[date.ordinal0() as usize]);
            out.push(self.decide(date, reasons.into_iter()));
            date += Duration::days(1);
        }
        Ok(out)
    }

    /// Orders the reasons (weekend, holidays, overrides) and decides.
    fn decide(&self, date: NaiveDate, rule_reasons: impl Iterator<Item = Reason>) -> DayInfo {
        let mut reasons = Vec::new();
        let weekday = date.weekday();
        let weekend = weekday == Weekday::Sun || (weekday == Weekday::Sat && !self.rules.saturday_working);
        if weekend {
            reasons.push(Reason::Weekend {
                weekday: weekday.to_string(),
            });
        }
        let mut working = !weekend;
        let mut overrides = Vec::new();
        for r in rule_reasons {
            match &r {
                Reason::Override { kind, .. } => {
                    working = *kind == OverrideKind::MakeupWorkingDay;
                    overrides.push(r);
                }
                _ => {
                    if overrides.is_empty() {
                        working = false;
                    }
                    reasons.push(r);
                }
            }
        }
        reasons.extend(overrides);
        if reasons.is_empty() {
            reasons.push(Reason::Weekday);
        }
        DayInfo { date, working, reasons }
    }

    /// The statutory days, compensatory days and overrides of `year`, in date order (overrides
    /// last, in their list order).
    fn entries(&self, year: i32) -> Result<Vec<Entry>, Error> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(year_error(year));
        }
        let mut statutory: Vec<Entry> = Vec::new();
        let mut add = |date: NaiveDate, name: String, tet: bool| {
            let reason = if tet {
                Reason::Tet { name }
            } else {
                Reason::Statutory { name }
            };
            statutory.push(Entry { date, reason });
        };
        add(ymd(year, 1, 1), "Tết Dương lịch (1/1)".into(), false);
        let tet = lunar(year, 1, 1)?;
        let before = self.rules.tet_rule.days_before(tet);
        for k in -before..(5 - before) {
            let date = tet + Duration::days(k);
            let name = if k < 0 {
                let l = super::lunar::solar_to_lunar(date)?;
                format!("Tết Nguyên đán ({} tháng Chạp)", l.day)
            } else {
                format!("Tết Nguyên đán (mùng {})", k + 1)
            };
            add(date, name, true);
        }
        add(lunar(year, 3, 10)?, "Giỗ Tổ Hùng Vương (10/3 âm lịch)".into(), false);
        add(
            ymd(year, 4, 30),
            "Ngày Giải phóng miền Nam, thống nhất đất nước (30/4)".into(),
            false,
        );
        add(ymd(year, 5, 1), "Ngày Quốc tế Lao động (1/5)".into(), false);
        add(ymd(year, 9, 2), "Quốc khánh (2/9)".into(), false);
        let adjacent = national_day_adjacent(year).expect("1/9 and 3/9 exist");
        add(
            adjacent,
            format!("Quốc khánh (ngày liền kề, {}/9)", adjacent.day()),
            false,
        );
        if self.rules.include_24_11 && year >= CULTURE_DAY_FIRST_YEAR {
            add(ymd(year, 11, 24), "Ngày Văn hóa Việt Nam (24/11)".into(), false);
        }
        statutory.sort_by_key(|e| e.date);

        let mut entries = statutory.clone();
        if self.rules.compensation {
            let is_rest = |d: NaiveDate| {
                d.weekday() == Weekday::Sun || (d.weekday() == Weekday::Sat && !self.rules.saturday_working)
            };
            let mut taken: Vec<NaiveDate> = Vec::new();
            for e in statutory.iter().filter(|e| is_rest(e.date)) {
                let mut d = e.date + Duration::days(1);
                while is_rest(d) || statutory.iter().any(|s| s.date == d) || taken.contains(&d) {
                    d += Duration::days(1);
                }
                taken.push(d);
                let name = match &e.reason {
                    Reason::Tet { name } | Reason::Statutory { name } => name.clone(),
                    _ => unreachable!("only statutory entries"),
                };
                entries.push(Entry {
                    date: d,
                    reason: Reason::Compensatory { name, for_date: e.date },
                });
            }
            entries.sort_by_key(|e| e.date);
        }
        for o in self.overrides.iter().filter(|o| o.date.year() == year) {
            entries.push(Entry {
                date: o.date,
                reason: Reason::Override {
                    kind: o.kind,
                    reason: o.reason.clone(),
                    source: o.source.clone(),
                    set: o.set.clone(),
                },
            });
        }
        Ok(entries)
    }

    /// The holidays of `year` in date order, one per date: every statutory and Tết day (also those
    /// on a weekend, whose compensatory day follows), compensatory days, extra days off on weekdays
    /// and days made working by an override (make-up Saturdays). A date's kind is the deciding rule:
    /// an override that changes the day, else the statutory day or Tết, else the compensatory day.
    /// An override that changes nothing (an extra day off on a day already off) is not listed; its
    /// reason is in [`WorkCalendar::day`].
    ///
    /// Fails with [`ErrorCode::InvalidArgument`] (field `year`) outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, Error> {
        let mut out = Vec::new();
        for info in self.year_days(year)? {
            let rest = info.reasons.iter().any(|r| matches!(r, Reason::Weekend { .. }));
            let rule = info.reasons.iter().find_map(|r| match r {
                Reason::Statutory { name } => Some((HolidayKind::Statutory, name.clone())),
                Reason::Tet { name } => Some((HolidayKind::Tet, name.clone())),
                Reason::Compensatory { name, for_date } => Some((
                    HolidayKind::Compensatory,
                    format!("Nghỉ bù {name}, {}", for_date.format("%d/%m/%Y")),
                )),
                _ => None,
            });
            let last_override = info.reasons.iter().rev().find_map(|r| match r {
                Reason::Override { reason, .. } => Some(reason.clone()),
                _ => None,
            });
            let off_by_rule = rest || rule.is_some();
            let item = match (info.working, last_override, rule) {
                (true, Some(reason), _) if off_by_rule => Some((HolidayKind::OverrideWorking, reason)),
                (false, _, Some(rule)) => Some(rule),
                (false, Some(reason), None) if !rest => Some((HolidayKind::OverrideOff, reason)),
                _ => None,
            };
            if let Some((kind, name)) = item {
                out.push(Holiday {
                    date: info.date,
                    name,
                    kind,
                });
            }
        }
        Ok(out)
    }
}
