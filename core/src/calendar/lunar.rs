//! The Vietnamese lunar calendar (âm lịch): solar ↔ lunar conversion with leap months (tháng
//! nhuận), lunar years 1900-2199.
//!
//! The algorithm is Hồ Ngọc Đức's, the one behind Vietnamese calendars, built on Jean Meeus,
//! *Astronomical Algorithms*: new moon times from Meeus' series (`new_moon`), the Sun's true
//! longitude from his low-precision series (`sun_longitude`), and the rules:
//!
//! - a lunar month starts on the local day (UTC+7 for Vietnam) of a new moon (ngày sóc);
//! - month 11 is the month that contains the winter solstice (đông chí, Sun at 270°);
//! - when 13 months separate two months 11, the first month after month 11 that contains no major
//!   solar term (trung khí, Sun longitude a multiple of 30°) is the leap month and repeats the
//!   number of the month before it;
//! - months 11 and 12 belong to the lunar year that ends at the next Tết (1/1).
//!
//! The time zone is a parameter (see [`solar_to_lunar_with_offset`]): with UTC+8 the same rules
//! give the Chinese calendar, which differs from the Vietnamese one in some years (Tết 1985 a month
//! apart, Tết 2030 a day apart). Everything is computed from Julian day numbers: no tables.
//!
//! Supported range: lunar years 1900-2199, i.e. solar dates from 1900-01-01 (1/12 of lunar year
//! 1899, included so that every day of solar year 1900 converts) to 2200-02-14 (the last day of
//! lunar year 2199). The whole range is checked in CI day by day against an independent
//! implementation of the rules on PyEphem (`tests/independent/lunar_ephem.py`).
//!
//! ```
//! use chrono::NaiveDate;
//! use motcua_core::calendar::lunar::{lunar_to_solar, solar_to_lunar, LunarDate};
//! let tet = NaiveDate::from_ymd_opt(2026, 2, 17).unwrap();
//! let l = solar_to_lunar(tet).unwrap();
//! assert_eq!(l, LunarDate { year: 2026, month: 1, day: 1, leap: false });
//! assert_eq!(lunar_to_solar(LunarDate { year: 2026, month: 3, day: 10, leap: false }).unwrap(),
//!            NaiveDate::from_ymd_opt(2026, 4, 26).unwrap()); // Giỗ Tổ Hùng Vương
//! ```
use std::f64::consts::PI;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, ErrorCode};

/// Vietnam's offset from UTC in hours (giờ Đông Dương, UTC+7), the time zone of the Vietnamese
/// lunar calendar.
pub const VIETNAM_UTC_OFFSET_HOURS: i8 = 7;

/// First supported lunar year (only its month 12, which starts on 1900-01-01, is in range).
const MIN_LUNAR_YEAR: i32 = 1899;
/// Last supported lunar year.
const MAX_LUNAR_YEAR: i32 = 2199;
/// Julian day number of 1900-01-01, the first supported solar date.
const MIN_JDN: i64 = 2_415_021;
/// Julian day number of 2200-02-14, the last day of lunar year 2199.
const MAX_JDN: i64 = 2_524_638;
/// Days between 0001-01-01 (CE day 1 in chrono) and the Julian day number origin.
const JDN_CE_OFFSET: i64 = 1_721_425;

/// A date of the Vietnamese lunar calendar (ngày âm lịch).
///
/// `year` is the lunar year (năm âm lịch), which starts at Tết (1/1) and so, for dates in January
/// or early February, is the previous solar year. `leap` marks a leap month (tháng nhuận), which
/// repeats the number of the month before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct LunarDate {
    /// Lunar year (năm âm lịch).
    pub year: i32,
    /// Month 1-12 (tháng).
    pub month: u8,
    /// Day 1-30 (ngày).
    pub day: u8,
    /// True in a leap month (tháng nhuận).
    pub leap: bool,
}

impl fmt::Display for LunarDate {
    /// `day/month/year`, with ` nhuận` after the month of a leap month: `10/3/2026`, `1/2 nhuận/2025`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let leap = if self.leap { " nhuận" } else { "" };
        write!(f, "{}/{}{}/{}", self.day, self.month, leap, self.year)
    }
}

/// One month of a lunar year (tháng âm lịch): its number, leap flag, first solar day and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LunarMonth {
    /// Lunar year the month belongs to.
    pub year: i32,
    /// Month 1-12.
    pub month: u8,
    /// True for the leap month (tháng nhuận).
    pub leap: bool,
    /// Solar date of day 1 (ngày mùng 1, the new moon day).
    pub first_day: NaiveDate,
    /// 29 (tháng thiếu) or 30 (tháng đủ).
    pub days: u8,
}

// ---------------------------------------------------------------------------------------------
// Astronomy (Meeus, as simplified by Hồ Ngọc Đức)

/// Julian date (UT) of the k-th new moon after the one of 1900-01-01 (Meeus ch. 49, truncated).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85; // Julian centuries from 1900 January 0.5
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin(); // mean new moon
    let m = (359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3) * dr; // Sun's mean anomaly
    let mpr = (306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3) * dr; // Moon's mean anomaly
    let f = (21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3) * dr; // Moon's argument of latitude
    let c1 = (0.1734 - 0.000_393 * t) * m.sin() + 0.0021 * (2.0 * m).sin() - 0.4068 * mpr.sin()
        + 0.0161 * (2.0 * mpr).sin()
        - 0.0004 * (3.0 * mpr).sin()
        + 0.0104 * (2.0 * f).sin()
        - 0.0051 * (m + mpr).sin()
        - 0.0074 * (m - mpr).sin()
        + 0.0004 * (2.0 * f + m).sin()
        - 0.0004 * (2.0 * f - m).sin()
        - 0.0006 * (2.0 * f + mpr).sin()
        + 0.0010 * (2.0 * f - mpr).sin()
        + 0.0005 * (2.0 * mpr + m).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// The Sun's true longitude in radians, in [0, 2π), at Julian date `jd` (Meeus ch. 25, low precision).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0; // Julian centuries from J2000.0
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2; // mean anomaly
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2; // mean longitude
    let dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin()
        + (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin()
        + 0.000_290 * (dr * 3.0 * m).sin();
    ((l0 + dl) * dr).rem_euclid(2.0 * PI)
}

/// The zone a calendar is computed in: the offset from UTC as a fraction of a day.
#[derive(Clone, Copy)]
struct Zone(f64);

impl Zone {
    /// Local day number (JDN) of the k-th new moon.
    fn new_moon_day(self, k: i64) -> i64 {
        (new_moon(k) + 0.5 + self.0).floor() as i64
    }

    /// Which 30° sector (0-11) the Sun is in at local midnight starting day `jdn`.
    fn sun_sector(self, jdn: i64) -> i64 {
        (sun_longitude(jdn as f64 - 0.5 - self.0) / PI * 6.0).floor() as i64
    }

    /// Index k of the new moon starting month 11 of lunar year `year` (the month containing the
    /// winter solstice of solar year `year`).
    fn month11(self, year: i32) -> i64 {
        let dec31 = jdn(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default());
        let k = ((dec31 - 2_415_021) as f64 / 29.530_588_853).floor() as i64;
        // The month starting at the new moon before 31 December contains the solstice unless the
        // Sun is already past 270° when it starts.
        if self.sun_sector(self.new_moon_day(k)) >= 9 {
            k - 1
        } else {
            k
        }
    }

    /// The lunar "cycle" from month 11 of `year` to the month before month 11 of `year + 1`, given
    /// the new moon indices of both months 11. The leap month is looked for only up to `upto`
    /// months after month 11: a leap month further on does not change the months before it, and is
    /// then reported as offset 12 (callers only look at months up to `upto`).
    fn cycle(self, year: i32, k11: i64, next_k11: i64, upto: i64) -> Cycle {
        let leap = if next_k11 - k11 == 13 {
            // First month after month 11 whose start and end see the Sun in the same sector, i.e.
            // a month without a major solar term (trung khí). Month 11 holds the solstice, so the
            // search starts at offset 1; offsets 1..=12 are 12 months for 11 terms, so one has
            // none. The fallback is never reached in 1900-2199 (every month is checked against
            // the independent calendar).
            let mut sector = self.sun_sector(self.new_moon_day(k11 + 1));
            let mut found = 12;
            for i in 1..=upto.clamp(1, 12) {
                let next_sector = self.sun_sector(self.new_moon_day(k11 + i + 1));
                if next_sector == sector {
                    found = i;
                    break;
                }
                sector = next_sector;
            }
            Some(found)
        } else {
            None
        };
        Cycle { year, k11, leap }
    }

    /// The whole cycle starting at month 11 of `year`.
    fn full_cycle(self, year: i32) -> Cycle {
        self.cycle(year, self.month11(year), self.month11(year + 1), 12)
    }
}

/// Months 11 of lunar year `year` up to (excluding) month 11 of `year + 1`.
#[derive(Clone, Copy)]
struct Cycle {
    year: i32,
    /// New moon index of month 11.
    k11: i64,
    /// Offset from month 11 of the leap month, in a 13-month cycle.
    leap: Option<i64>,
}

impl Cycle {
    /// Lunar year, month and leap flag of the month at `offset` months after month 11.
    fn month_at(self, offset: i64) -> (i32, u8, bool) {
        let (n, leap) = match self.leap {
            Some(l) if offset >= l => (offset + 10, offset == l),
            _ => (offset + 11, false),
        };
        let month = if n > 12 { n - 12 } else { n };
        // Months 11 and 12 (and a leap 11 or 12) open the cycle and belong to `year`.
        let year = if month >= 11 && offset < 4 {
            self.year
        } else {
            self.year + 1
        };
        (year, month as u8, leap)
    }

    /// Offset from month 11 of a month, or None if the cycle has no such month.
    fn offset_of(self, month: u8, leap: bool) -> Option<i64> {
        let natural = (i64::from(month) + 1) % 12; // 11 -> 0, 12 -> 1, 1 -> 2, ... 10 -> 11
        match (self.leap, leap) {
            (Some(l), true) if natural + 1 == l => Some(l),
            (_, true) => None,
            (Some(l), false) if natural >= l => Some(natural + 1),
            _ => Some(natural),
        }
    }
}

fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_CE_OFFSET
}

fn from_jdn(jdn: i64) -> Option<NaiveDate> {
    i32::try_from(jdn - JDN_CE_OFFSET)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn zone(offset_hours: i8) -> Result<Zone, Error> {
    if !(-12..=14).contains(&offset_hours) {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "utc_offset_hours",
            format!("UTC offset {offset_hours} h is outside -12..=14"),
        ));
    }
    Ok(Zone(f64::from(offset_hours) / 24.0))
}

fn range_error(field: &'static str, what: impl fmt::Display) -> Error {
    Error::new(
        ErrorCode::InvalidArgument,
        field,
        format!(
            "{what} is outside the supported range of the lunar calendar: lunar years 1900-2199, \
             solar dates 1900-01-01..=2200-02-14"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Public API

/// Converts a solar (Gregorian, dương lịch) date to the Vietnamese lunar calendar (âm lịch, UTC+7).
///
/// Fails with [`ErrorCode::InvalidArgument`] (field `date`) outside 1900-01-01..=2200-02-14.
pub fn solar_to_lunar(date: NaiveDate) -> Result<LunarDate, Error> {
    solar_to_lunar_with_offset(date, VIETNAM_UTC_OFFSET_HOURS)
}

/// Converts a Vietnamese lunar date (âm lịch, UTC+7) to the solar (Gregorian) date.
///
/// Fails with [`ErrorCode::InvalidArgument`] (field `lunar_date`) when the date does not exist:
/// month outside 1-12, day outside 1-30, day 30 of a 29-day month (tháng thiếu), the leap flag on a
/// month that is not the leap month of that year, or a date outside lunar years 1900-2199 (plus
/// month 12 of 1899, which starts on 1900-01-01).
pub fn lunar_to_solar(lunar: LunarDate) -> Result<NaiveDate, Error> {
    lunar_to_solar_with_offset(lunar, VIETNAM_UTC_OFFSET_HOURS)
}

/// [`solar_to_lunar`] with the calendar computed for another UTC offset (in hours): 8 gives the
/// Chinese calendar. The supported range is the same solar range as for UTC+7.
pub fn solar_to_lunar_with_offset(date: NaiveDate, utc_offset_hours: i8) -> Result<LunarDate, Error> {
    let z = zone(utc_offset_hours)?;
    let day = jdn(date);
    if !(MIN_JDN..=MAX_JDN).contains(&day) {
        return Err(range_error("date", format_args!("date {date}")));
    }
    // Start of the lunar month containing `day`: the estimate of k is off by at most one.
    let mut k = ((day - 2_415_021) as f64 / 29.530_588_853).floor() as i64;
    let mut start = z.new_moon_day(k);
    while start > day {
        k -= 1;
        start = z.new_moon_day(k);
    }
    loop {
        let next = z.new_moon_day(k + 1);
        if next > day {
            break;
        }
        k += 1;
        start = next;
    }
    let year = date.year();
    let k11 = z.month11(year);
    let cycle = if k < k11 {
        let prev = z.month11(year - 1);
        z.cycle(year - 1, prev, k11, k - prev)
    } else {
        z.cycle(year, k11, z.month11(year + 1), k - k11)
    };
    let (year, month, leap) = cycle.month_at(k - cycle.k11);
    Ok(LunarDate {
        year,
        month,
        day: (day - start + 1) as u8,
        leap,
    })
}

/// [`lunar_to_solar`] with the calendar computed for another UTC offset (in hours): 8 gives the
/// Chinese calendar.
pub fn lunar_to_solar_with_offset(lunar: LunarDate, utc_offset_hours: i8) -> Result<NaiveDate, Error> {
    let z = zone(utc_offset_hours)?;
    let bad = |detail: String| Err(Error::new(ErrorCode::InvalidArgument, "lunar_date", detail));
    if !(1..=12).contains(&lunar.month) {
        return bad(format!("month {} is not 1-12", lunar.month));
    }
    if !(1..=30).contains(&lunar.day) {
        return bad(format!("day {} is not 1-30", lunar.day));
    }
    if !(MIN_LUNAR_YEAR..=MAX_LUNAR_YEAR).contains(&lunar.year) {
        return Err(range_error("lunar_date", format_args!("lunar year {}", lunar.year)));
    }
    let cycle_year = if lunar.month >= 11 { lunar.year } else { lunar.year - 1 };
    // The month's natural offset from month 11, plus one for a leap month before it.
    let upto = (i64::from(lunar.month) + 1) % 12 + 1;
    let cycle = z.cycle(cycle_year, z.month11(cycle_year), z.month11(cycle_year + 1), upto);
    let Some(offset) = cycle.offset_of(lunar.month, lunar.leap) else {
        let actual = leap_month_in(z, lunar.year);
        let which = match actual {
            Some(m) => format!("the leap month of lunar year {} is month {m}", lunar.year),
            None => format!("lunar year {} has no leap month", lunar.year),
        };
        return bad(format!("month {} is not a leap month: {which}", lunar.month));
    };
    let start = z.new_moon_day(cycle.k11 + offset);
    let days = z.new_moon_day(cycle.k11 + offset + 1) - start;
    if i64::from(lunar.day) > days {
        let leap = if lunar.leap { " nhuận" } else { "" };
        return bad(format!(
            "day {} does not exist: month {}{leap} of lunar year {} has {days} days",
            lunar.day, lunar.month, lunar.year
        ));
    }
    let day = start + i64::from(lunar.day) - 1;
    if !(MIN_JDN..=MAX_JDN).contains(&day) {
        return Err(range_error("lunar_date", format_args!("lunar date {lunar}")));
    }
    from_jdn(day).ok_or_else(|| range_error("lunar_date", format_args!("lunar date {lunar}")))
}

fn leap_month_in(z: Zone, year: i32) -> Option<u8> {
    // A leap 11 or 12 opens cycle `year`; a leap 1-10 sits in cycle `year - 1`.
    let this = z.full_cycle(year);
    if let Some(l @ 1..=2) = this.leap {
        return Some(this.month_at(l).1);
    }
    let prev = z.full_cycle(year - 1);
    match prev.leap {
        Some(l) if l >= 3 => Some(prev.month_at(l).1),
        _ => None,
    }
}

/// The leap month (tháng nhuận) of a Vietnamese lunar year, if it has one (lunar years 1900-2199).
pub fn leap_month(lunar_year: i32) -> Result<Option<u8>, Error> {
    if !(1900..=MAX_LUNAR_YEAR).contains(&lunar_year) {
        return Err(range_error("lunar_year", format_args!("lunar year {lunar_year}")));
    }
    Ok(leap_month_in(zone(VIETNAM_UTC_OFFSET_HOURS)?, lunar_year))
}

/// The 12 or 13 months of a Vietnamese lunar year (1900-2199), from month 1 (Tết) to month 12.
pub fn months_of_year(lunar_year: i32) -> Result<Vec<LunarMonth>, Error> {
    if !(1900..=MAX_LUNAR_YEAR).contains(&lunar_year) {
        return Err(range_error("lunar_year", format_args!("lunar year {lunar_year}")));
    }
    let z = zone(VIETNAM_UTC_OFFSET_HOURS)?;
    let mut out = Vec::with_capacity(13);
    for cycle in [z.full_cycle(lunar_year - 1), z.full_cycle(lunar_year)] {
        let len = if cycle.leap.is_some() { 13 } else { 12 };
        let mut start = z.new_moon_day(cycle.k11);
        for offset in 0..len {
            let end = z.new_moon_day(cycle.k11 + offset + 1);
            let (year, month, leap) = cycle.month_at(offset);
            if year == lunar_year {
                let first_day = from_jdn(start).ok_or_else(|| range_error("lunar_year", lunar_year))?;
                out.push(LunarMonth {
                    year,
                    month,
                    leap,
                    first_day,
                    days: (end - start) as u8,
                });
            }
            start = end;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn jdn_matches_the_astronomical_definition() {
        assert_eq!(jdn(d(2000, 1, 1)), 2_451_545);
        assert_eq!(jdn(d(1900, 1, 1)), MIN_JDN);
        assert_eq!(jdn(d(2200, 2, 14)), MAX_JDN);
        assert_eq!(from_jdn(MAX_JDN), Some(d(2200, 2, 14)));
    }

    #[test]
    fn range_ends() {
        assert_eq!(
            solar_to_lunar(d(1900, 1, 1)).unwrap(),
            LunarDate {
                year: 1899,
                month: 12,
                day: 1,
                leap: false
            }
        );
        let last = solar_to_lunar(d(2200, 2, 14)).unwrap();
        assert_eq!((last.year, last.month, last.leap), (2199, 12, false));
        assert_eq!(
            lunar_to_solar(LunarDate { day: last.day, ..last }).unwrap(),
            d(2200, 2, 14)
        );
        assert!(solar_to_lunar(d(1899, 12, 31)).is_err());
        assert!(solar_to_lunar(d(2200, 2, 15)).is_err());
        let e = lunar_to_solar(LunarDate {
            year: 1899,
            month: 11,
            day: 1,
            leap: false,
        })
        .unwrap_err();
        assert_eq!((e.code, &*e.field), (ErrorCode::InvalidArgument, "lunar_date"));
    }

    #[test]
    fn leap_months_of_known_years() {
        assert_eq!(leap_month(2025).unwrap(), Some(6));
        assert_eq!(leap_month(2023).unwrap(), Some(2));
        assert_eq!(leap_month(2024).unwrap(), None);
        assert_eq!(leap_month(2033).unwrap(), Some(11));
        assert!(leap_month(1899).is_err());
        let months = months_of_year(2025).unwrap();
        assert_eq!(months.len(), 13);
        assert_eq!(months[0].first_day, d(2025, 1, 29));
        assert!(months[6].leap && months[6].month == 6);
        assert_eq!(months_of_year(2024).unwrap().len(), 12);
    }

    #[test]
    fn display() {
        let l = LunarDate {
            year: 2025,
            month: 6,
            day: 1,
            leap: true,
        };
        assert_eq!(l.to_string(), "1/6 nhuận/2025");
    }
}
