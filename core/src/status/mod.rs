//! Status tables (bảng trạng thái) declared as data: dossier, payment attempt, complaint (PAKN).
pub mod complaint;
pub mod dossier;
pub mod machine;
pub mod payment;

pub use complaint::COMPLAINT;
pub use dossier::{DossierState, DossierStatus, DOSSIER, DVCQG_STRING_STATUSES};
pub use machine::{Guard, Machine, Position, ResumePolicy, StateDef, TransitionDef, TransitionInput};
pub use payment::PAYMENT_ATTEMPT;

use crate::error::{Error, ErrorCode};

/// All machines, by name.
pub const MACHINES: [&Machine; 3] = [&DOSSIER, &PAYMENT_ATTEMPT, &COMPLAINT];

/// Finds a machine by name (`dossier`, `payment_attempt`, `complaint`).
pub fn machine(name: &str) -> Option<&'static Machine> {
    MACHINES.into_iter().find(|m| m.name == name)
}

/// Like [`machine()`], with an error (9004, field `machine`) listing the names.
pub fn machine_named(name: &str) -> Result<&'static Machine, Error> {
    machine(name).ok_or_else(|| {
        let names: Vec<_> = MACHINES.iter().map(|m| m.name).collect();
        Error::new(
            ErrorCode::InvalidArgument,
            "machine",
            format!("unknown machine; expected one of {}", names.join(", ")),
        )
    })
}

/// Export formats of a state table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `json`: [`Machine::to_json`].
    Json,
    /// `mermaid`: [`Machine::to_mermaid`].
    Mermaid,
    /// `dot`: [`Machine::to_dot`].
    Dot,
}

impl ExportFormat {
    /// All formats.
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Json, ExportFormat::Mermaid, ExportFormat::Dot];

    /// Stable name.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Mermaid => "mermaid",
            ExportFormat::Dot => "dot",
        }
    }

    /// Parses a name, or an error (9004, field `format`).
    pub fn from_name(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| Error::new(ErrorCode::InvalidArgument, "format", "must be json, mermaid or dot"))
    }
}

impl Machine {
    /// The table in the given format.
    pub fn export(&self, format: ExportFormat) -> String {
        match format {
            ExportFormat::Json => self.to_json(),
            ExportFormat::Mermaid => self.to_mermaid(),
            ExportFormat::Dot => self.to_dot(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use proptest::prelude::*;

    #[test]
    fn tables_are_well_formed() {
        for m in MACHINES {
            m.check_table().unwrap_or_else(|e| panic!("{}: {e}", m.name));
        }
    }

    #[test]
    fn dossier_rules() {
        use DossierStatus::*;
        let go = |s: DossierState, to, reason: Option<&str>| {
            s.transition(
                to,
                &TransitionInput {
                    reason,
                    ..Default::default()
                },
            )
        };
        assert_eq!(
            go(DossierState::new(Submitted), Received, None).unwrap().status,
            Received
        );
        assert_eq!(
            go(DossierState::new(Submitted), Refused, None).unwrap_err().code(),
            ErrorCode::TransitionReasonRequired
        );
        assert_eq!(
            go(DossierState::new(Submitted), Refused, Some("  "))
                .unwrap_err()
                .code(),
            ErrorCode::TransitionReasonRequired
        );
        assert!(go(DossierState::new(Submitted), Refused, Some("thiếu tờ khai")).is_ok());
        for t in [Refused, Withdrawn, Returned] {
            assert_eq!(
                go(DossierState::new(t), Received, None).unwrap_err().code(),
                ErrorCode::TransitionFromTerminal
            );
        }
        for to in DossierStatus::ALL.into_iter().filter(|&t| t != Returned) {
            assert!(go(DossierState::new(Processed), to, Some("x")).is_err(), "9 -> {to:?}");
        }
        // Pause remembers where it came from.
        let paused = go(DossierState::new(Processing), SupplementRequested, None).unwrap();
        assert_eq!(paused.paused_from, Some(Processing));
        assert_eq!(
            go(paused, Received, None).unwrap_err().code(),
            ErrorCode::TransitionResumeMismatch
        );
        assert_eq!(go(paused, Processing, None).unwrap(), DossierState::new(Processing));
        // Restart policy: back to 2 only.
        let restart = TransitionInput {
            policy: ResumePolicy::Restart,
            ..Default::default()
        };
        assert_eq!(
            paused.transition(Processing, &restart).unwrap_err().code(),
            ErrorCode::TransitionRestartRequired
        );
        assert_eq!(paused.transition(Received, &restart).unwrap().status, Received);
        // Stop needs a reason; reopening needs an admin.
        assert_eq!(
            go(DossierState::new(Processing), Stopped, None).unwrap_err().code(),
            ErrorCode::TransitionReasonRequired
        );
        assert_eq!(
            go(DossierState::new(Stopped), Processing, None).unwrap_err().code(),
            ErrorCode::TransitionAdminOnly
        );
    }

    #[test]
    fn dvcqg_strings_map_to_codes() {
        assert_eq!(DossierStatus::parse("releasing").unwrap(), DossierStatus::Processed);
        assert_eq!(DossierStatus::parse("10").unwrap(), DossierStatus::Returned);
        assert_eq!(DossierStatus::parse("processing").unwrap(), DossierStatus::Processing);
        assert_eq!(
            DossierStatus::parse("posting").unwrap_err().code(),
            ErrorCode::StatusUnknown
        );
        for (s, st) in DVCQG_STRING_STATUSES {
            assert_eq!(st.dvcqg_str(), s);
        }
    }

    #[test]
    fn machines_and_formats_by_name() {
        assert_eq!(machine_named("complaint").unwrap().name, "complaint");
        let e = machine_named("hồ sơ").unwrap_err();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::InvalidArgument, "machine"));
        assert!(e.detail.contains("dossier, payment_attempt, complaint"), "{e}");
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(f.name()).unwrap(), f);
        }
        assert_eq!(ExportFormat::from_name("svg").unwrap_err().field, "format");
        assert!(DOSSIER.export(ExportFormat::Dot).starts_with("digraph dossier"));
    }

    #[test]
    fn exports_cover_the_table() {
        for m in MACHINES {
            let j: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
            assert_eq!(j["transitions"].as_array().unwrap().len(), m.transitions.len());
            assert_eq!(
                m.to_mermaid().matches("-->").count(),
                m.transitions.len() + m.states.iter().filter(|s| s.terminal).count()
            );
            assert_eq!(m.to_dot().matches("->").count(), m.transitions.len());
        }
    }

    proptest! {
        /// No sequence of attempted transitions reaches a state/edge outside the table: every accepted
        /// step is a table edge, terminal states are never left, and pauses return to their origin.
        #[test]
        fn no_sequence_escapes_the_table(
            machine_ix in 0usize..3,
            steps in proptest::collection::vec((0usize..16, any::<bool>(), any::<bool>(), any::<bool>()), 0..60),
        ) {
            let m = MACHINES[machine_ix];
            let mut pos = Position { state: 0, paused_from: None };
            for (to, reason, admin, restart) in steps {
                let to = to % m.states.len();
                let input = TransitionInput {
                    reason: reason.then_some("lý do"),
                    admin,
                    policy: if restart { ResumePolicy::Restart } else { ResumePolicy::Resume },
                };
                if let Ok(next) = m.transition(pos, to, &input) {
                    let (f, t) = (m.states[pos.state].key, m.states[to].key);
                    prop_assert!(!m.states[pos.state].terminal);
                    prop_assert!(m.transitions.iter().any(|d| d.from == f && d.to == t));
                    if m.states[pos.state].pause && !m.states[to].pause {
                        if let (Some(o), ResumePolicy::Resume) = (pos.paused_from, input.policy) {
                            let resumes = m.transitions.iter().any(|d| d.from == f && d.to == t && d.guard == Guard::Resume);
                            prop_assert!(!resumes || o == to);
                        }
                    }
                    prop_assert_eq!(next.paused_from.is_some(), m.states[to].pause);
                    pos = next;
                }
            }
        }
    }
}
