//! DVCQG sync payloads (đồng bộ hồ sơ): models, wire times and validation.
pub mod model;
pub mod time;
pub mod validate;
pub mod wire;

pub use model::*;
pub use time::{format_dvcqg_time, format_instant, parse_dvcqg_time};
pub use validate::{
    validate_document, validate_ho_so, validate_input, validate_input_threads, validate_jsonl, validate_tien_do,
    Limits, RecordReport, SyncIssue, SyncRules,
};
pub use wire::{List, Text};
