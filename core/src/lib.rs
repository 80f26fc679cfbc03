//! # motcua-core
//!
//! The shared rules of Vietnamese e-government systems (one-stop "một cửa" systems, the National
//! Public Service Portal DVCQG, sectoral systems): identifiers, money, status tables and DVCQG sync
//! payloads. Sans-IO: no network, no files, no clock ("today" is always a parameter), no global
//! mutable state. Reference tables are bundled at build time.
//!
//! ```
//! use motcua_core::{ids::{Cccd, IdRules}, status::{DossierState, DossierStatus, TransitionInput}};
//! let rules = IdRules::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
//! let id = Cccd::parse("038090000001", &rules).unwrap();
//! assert_eq!(id.birth_year(), 1990);
//! let s = DossierState::new(DossierStatus::Received)
//!     .transition(DossierStatus::Processing, &TransitionInput::default()).unwrap();
//! assert_eq!(s.status.code(), 4);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod calendar;
pub mod catalog;
pub mod check;
pub mod config;
pub mod error;
pub mod ids;
mod json;
pub mod money;
pub mod parity;
pub mod payment;
pub mod recon;
pub mod status;
pub mod sync;
pub mod tables;
#[cfg(test)]
mod testing;
pub mod text;

pub use error::{Error, ErrorCode, IdError, MoneyError, TransitionError};
pub use money::Vnd;

/// Library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
