//! Reconciliation (đối soát): bank credits (báo có) ↔ payment attempts ↔ dossiers.
//!
//! Every system gets the same matcher and the same classes:
//! - bank lines: `matched`, `paid_not_updated`, `amount_mismatch`, `duplicate`, `unknown_dossier`,
//!   `ambiguous`, `invalid_input`;
//! - payment attempts: `matched`, `amount_mismatch`, `missing_in_bank` (successful ones),
//!   `paid_not_updated`, `not_paid` (the others), `invalid_input`;
//! - dossiers: only unreadable rows get an output row (`invalid_input`).
//!
//! Remarks are matched as they really arrive (case, diacritics, separators, stray spaces, cut
//! short, only the tail, a mistyped digit, channel noise): exact references and dossier codes
//! first, then mangled ones among the attempts on the credited account within the time window,
//! the amount breaking ties. Ambiguity is reported, never guessed.
//!
//! The core reads from caller-supplied byte sources ([`std::io::Read`]) and never opens files.
pub mod engine;
pub mod ledger;
pub mod matcher;
pub mod read;
pub mod record;
pub mod remark;
pub mod request;
pub mod scenario;
mod words;

pub use engine::{
    reconcile_readers, Class, Fields, Inputs, Phase, Reconciler, Reconciliation, ResultRow, RowIssue, Source, Summary,
    Total,
};
pub use ledger::Ledger;
pub use matcher::{Ambiguity, Evidence, Match, MatchRules, Tied};
pub use read::{Format, Rows};
pub use record::{Attempt, AttemptStatus, Credit, CreditView, Dossier, RowError};
