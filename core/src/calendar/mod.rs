//! Calendars (lịch) used by Vietnamese administrative rules.
//!
//! - [`lunar`]: the Vietnamese lunar calendar (âm lịch, UTC+7), needed for Tết Nguyên đán and the
//!   Hùng Kings' day (10/3 âm lịch) among the public holidays.
//! - [`holidays`]: public holidays and working days (ngày nghỉ lễ, ngày làm việc) of the civil
//!   service: statutory days, Tết, compensation, yearly government overrides ([`WorkCalendar`]).
pub mod holidays;
pub mod lunar;

pub use holidays::{
    bundled_overrides, parse_overrides, DayInfo, DayOverride, Holiday, HolidayKind, HolidayRules, OverrideKind, Reason,
    TetRule, WorkCalendar, BUNDLED_OVERRIDES_NAME,
};

pub use lunar::{
    leap_month, lunar_to_solar, months_of_year, solar_to_lunar, LunarDate, LunarMonth, VIETNAM_UTC_OFFSET_HOURS,
};
