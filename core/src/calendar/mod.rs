//! Calendars (lịch) used by Vietnamese administrative rules.
//!
//! - [`lunar`]: the Vietnamese lunar calendar (âm lịch, UTC+7), needed for Tết Nguyên đán and the
//!   Hùng Kings' day (10/3 âm lịch) among the public holidays.
//! - [`holidays`]: public holidays and working days (ngày nghỉ lễ, ngày làm việc) of the civil
//!   service: statutory days, Tết, compensation, yearly government overrides ([`WorkCalendar`]).
//! - [`deadline`]: office hours, due dates (ngày hẹn trả), clock stops and the QĐ 766 on-time
//!   classification ([`WorkClock`]).
//! - [`request`]: the JSON face of the above shared by the CLI and the bindings ([`ClockConfig`],
//!   [`DueRequest`]).
pub mod deadline;
pub mod holidays;
pub mod lunar;
pub mod request;

pub use holidays::{
    bundled_overrides, parse_overrides, DayInfo, DayOverride, Holiday, HolidayKind, HolidayRules, OverrideKind, Reason,
    TetRule, WorkCalendar, BUNDLED_OVERRIDES_NAME,
};

pub use lunar::{
    leap_month, lunar_to_solar, months_of_year, solar_to_lunar, LunarDate, LunarMonth, VIETNAM_UTC_OFFSET_HOURS,
};

pub use deadline::{
    AssessRules, Assessment, Observation, OfficeHours, Pause, PauseKind, PausePolicy, Period, Schedule, Standing,
    Timing, Unit, WorkClock,
};
pub use request::{ClockConfig, DueReport, DueRequest};
