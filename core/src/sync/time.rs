//! DVCQG wire times: `yyyyMMddHHmmss`, 24-hour, Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

/// Offset of Asia/Ho_Chi_Minh (UTC+07:00 since 1975, no DST).
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// Earliest year accepted in a wire time (nothing in DVCQG predates it; year 0000 is a placeholder, not a date).
pub const MIN_YEAR: i32 = 1900;

/// Parses exactly 14 ASCII digits as a real local date (year ≥ [`MIN_YEAR`]) and 24-hour time.
pub fn parse_dvcqg_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 14 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize, w: usize| b[i..i + w].iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    let year = n(0, 4) as i32;
    if year < MIN_YEAR {
        return None;
    }
    NaiveDate::from_ymd_opt(year, n(4, 2), n(6, 2))?.and_hms_opt(n(8, 2), n(10, 2), n(12, 2))
}

/// Formats a Vietnam-local time as `yyyyMMddHHmmss` (24-hour).
pub fn format_dvcqg_time(t: &NaiveDateTime) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

/// Formats an instant as Vietnam-local `yyyyMMddHHmmss`.
pub fn format_instant(t: &DateTime<Utc>) -> String {
    format_dvcqg_time(&t.with_timezone(&vietnam_offset()).naive_local())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_rejects() {
        let t = parse_dvcqg_time("20250715143000").unwrap();
        assert_eq!(format_dvcqg_time(&t), "20250715143000");
        for bad in [
            "00000101000000",
            "18991231235959",
            "20250230080000",
            "20251301080000",
            "20250715240000",
            "2025071508300",
            "2025-07-15 08:30:00",
            "2025071508300a",
        ] {
            assert!(parse_dvcqg_time(bad).is_none(), "{bad}");
        }
        let utc = DateTime::parse_from_rfc3339("2025-07-15T07:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            format_instant(&utc),
            "20250715143000",
            "afternoon stays afternoon: 24-hour clock"
        );
    }

    proptest! {
        #[test]
        fn round_trips(secs in -2_208_988_800i64..8_000_000_000) {
            let t = DateTime::from_timestamp(secs, 0).unwrap().naive_utc();
            prop_assert_eq!(parse_dvcqg_time(&format_dvcqg_time(&t)), Some(t));
        }
    }
}
