//! A state machine declared as data: states, transitions and guards in `static` tables.
//! Checks, JSON/Mermaid/DOT exports and binding enums are all derived from the tables.
use crate::error::{ErrorCode, TransitionError};
use serde::Serialize;
use std::fmt::Write as _;

/// A state of a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StateDef {
    /// Stable snake_case key.
    pub key: &'static str,
    /// Wire code where one exists (DVCQG TrangThaiHoSo, platform TrangThaiGD).
    pub code: Option<u8>,
    /// Vietnamese label.
    pub label_vi: &'static str,
    /// Reporting group.
    pub group: &'static str,
    /// No transition leaves a terminal state.
    pub terminal: bool,
    /// A pause state remembers where it came from and returns there.
    pub pause: bool,
}

/// What a transition requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Guard {
    /// Nothing required.
    #[serde(rename = "none")]
    Plain,
    /// A non-blank reason (lý do), e.g. refusal or stop.
    Reason,
    /// Leaving a pause: must return to the state the pause came from (or the restart state under
    /// [`ResumePolicy::Restart`]).
    Resume,
    /// Only by an explicit administrative action.
    Admin,
}

/// A transition of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TransitionDef {
    /// From state key.
    pub from: &'static str,
    /// To state key.
    pub to: &'static str,
    /// Guard.
    pub guard: Guard,
    /// What the action is called (Vietnamese term in parentheses).
    pub action: &'static str,
}

/// Shorthand for table declarations.
pub(crate) const fn tr(from: &'static str, to: &'static str, guard: Guard, action: &'static str) -> TransitionDef {
    TransitionDef {
        from,
        to,
        guard,
        action,
    }
}

/// How a pause ends (UNCONFIRMED in ND 118/2025, so configurable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResumePolicy {
    /// Return to the state the pause came from (default; pause-and-extend of the deadline).
    #[default]
    Resume,
    /// Restart processing from the machine's restart state (dossiers: 2, "per decree" option).
    Restart,
}

impl ResumePolicy {
    /// Parses `resume` / `restart`.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "resume" => Some(Self::Resume),
            "restart" => Some(Self::Restart),
            _ => None,
        }
    }
}

/// A complete machine.
#[derive(Debug, Serialize)]
pub struct Machine {
    /// Machine name (`dossier`, `payment_attempt`, `complaint`).
    pub name: &'static str,
    /// States in display order.
    pub states: &'static [StateDef],
    /// Transitions.
    pub transitions: &'static [TransitionDef],
    /// Where [`ResumePolicy::Restart`] sends a pause.
    pub restart_state: Option<&'static str>,
}

/// The current position in a machine: state index and, for a pause, the state it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Index into [`Machine::states`].
    pub state: usize,
    /// For a pause state: index of the state it came from, when known.
    pub paused_from: Option<usize>,
}

/// What the caller supplies with a transition.
#[derive(Debug, Clone, Copy, Default)]
pub struct TransitionInput<'a> {
    /// Reason (lý do) for refusals and stops.
    pub reason: Option<&'a str>,
    /// True when an administrator explicitly performs the action.
    pub admin: bool,
    /// How pauses end.
    pub policy: ResumePolicy,
}

impl Machine {
    /// Index of a state key.
    pub fn index(&self, key: &str) -> Option<usize> {
        self.states.iter().position(|s| s.key == key)
    }

    /// Index of a wire code.
    pub fn index_of_code(&self, code: u8) -> Option<usize> {
        self.states.iter().position(|s| s.code == Some(code))
    }

    /// Finds a state by key or by wire code written in decimal.
    pub fn lookup(&self, field: &'static str, s: &str) -> Result<usize, TransitionError> {
        self.index(s)
            .or_else(|| s.parse::<u8>().ok().and_then(|c| self.index_of_code(c)))
            .ok_or_else(|| {
                let shown = crate::text::shown(s, 40);
                TransitionError::new(
                    ErrorCode::StatusUnknown,
                    field,
                    format!("{shown} is not a {} status", self.name),
                )
            })
    }

    fn label(&self, i: usize) -> String {
        let s = &self.states[i];
        match s.code {
            Some(c) => format!("{c} ({})", s.key),
            None => s.key.to_string(),
        }
    }

    /// Applies a transition or names the broken rule.
    pub fn transition(
        &self,
        from: Position,
        to: usize,
        input: &TransitionInput<'_>,
    ) -> Result<Position, TransitionError> {
        let (f, t) = (&self.states[from.state], &self.states[to]);
        let field = self.name;
        if f.terminal {
            return Err(TransitionError::new(
                ErrorCode::TransitionFromTerminal,
                field,
                format!(
                    "{} is terminal: no transition leaves it (asked for {})",
                    self.label(from.state),
                    self.label(to)
                ),
            ));
        }
        let Some(def) = self.transitions.iter().find(|d| d.from == f.key && d.to == t.key) else {
            let allowed: Vec<String> = self
                .transitions
                .iter()
                .filter(|d| d.from == f.key)
                .map(|d| self.label(self.index(d.to).unwrap()))
                .collect();
            return Err(TransitionError::new(
                ErrorCode::TransitionNotAllowed,
                field,
                format!(
                    "{} -> {} is not in the table; allowed from {}: {}",
                    self.label(from.state),
                    self.label(to),
                    self.label(from.state),
                    allowed.join(", ")
                ),
            ));
        };
        match def.guard {
            Guard::Plain => {}
            Guard::Reason => {
                if input.reason.map_or(true, |r| r.trim().is_empty()) {
                    return Err(TransitionError::new(
                        ErrorCode::TransitionReasonRequired,
                        "reason",
                        format!(
                            "{} -> {} ({}) needs a reason",
                            self.label(from.state),
                            self.label(to),
                            def.action
                        ),
                    ));
                }
            }
            Guard::Admin => {
                if !input.admin {
                    return Err(TransitionError::new(
                        ErrorCode::TransitionAdminOnly,
                        field,
                        format!(
                            "{} -> {} ({}) needs an explicit administrative action",
                            self.label(from.state),
                            self.label(to),
                            def.action
                        ),
                    ));
                }
            }
            Guard::Resume => match input.policy {
                ResumePolicy::Restart => {
                    let restart = self.restart_state.and_then(|k| self.index(k));
                    if restart != Some(to) {
                        return Err(TransitionError::new(
                            ErrorCode::TransitionRestartRequired,
                            field,
                            format!(
                                "under the restart policy {} ends at {}",
                                self.label(from.state),
                                restart.map_or("?".into(), |r| self.label(r))
                            ),
                        ));
                    }
                }
                ResumePolicy::Resume => {
                    if let Some(origin) = from.paused_from.filter(|&o| o != to) {
                        return Err(TransitionError::new(
                            ErrorCode::TransitionResumeMismatch,
                            field,
                            format!(
                                "{} came from {} and must return there, not to {}",
                                self.label(from.state),
                                self.label(origin),
                                self.label(to)
                            ),
                        ));
                    }
                }
            },
        }
        let paused_from = if t.pause { Some(from.state) } else { None };
        Ok(Position { state: to, paused_from })
    }

    /// Applies a transition given state keys or wire codes (`"4"`, `"processing"`, `"releasing"` for
    /// dossiers): the entry point of the CLI and the bindings.
    pub fn transition_by_name(
        &self,
        from: &str,
        paused_from: Option<&str>,
        to: &str,
        input: &TransitionInput<'_>,
    ) -> Result<Position, TransitionError> {
        let lookup = |field: &'static str, s: &str| -> Result<usize, TransitionError> {
            if self.name == super::DOSSIER.name {
                super::DossierStatus::parse(s)
                    .map(|st| usize::from(st.code()) - 1)
                    .map_err(|e| TransitionError::new(e.code(), field, e.0.detail))
            } else {
                self.lookup(field, s)
            }
        };
        let pos = Position {
            state: lookup("from", from)?,
            paused_from: paused_from.map(|p| lookup("paused_from", p)).transpose()?,
        };
        self.transition(pos, lookup("to", to)?, input)
    }

    /// Transitions that leave a state (for UIs: "what can I do next").
    pub fn next(&self, from: usize) -> impl Iterator<Item = &TransitionDef> + '_ {
        let key = self.states[from].key;
        self.transitions.iter().filter(move |d| d.from == key)
    }

    /// JSON export: `{"name", "states": [...], "transitions": [...], "restart_state"}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("static tables serialise")
    }

    fn node(&self, key: &str) -> String {
        let s = &self.states[self.index(key).unwrap()];
        s.code.map_or_else(|| key.to_string(), |c| format!("s{c}"))
    }

    fn edge_label(d: &TransitionDef) -> String {
        match d.guard {
            Guard::Plain => d.action.to_string(),
            g => format!("{} [{}]", d.action, serde_json::to_value(g).unwrap().as_str().unwrap()),
        }
    }

    /// Mermaid `stateDiagram-v2` export.
    pub fn to_mermaid(&self) -> String {
        let mut o = String::from("stateDiagram-v2\n");
        for s in self.states {
            let name = s
                .code
                .map_or_else(|| s.label_vi.to_string(), |c| format!("{c} {}", s.label_vi));
            writeln!(o, "    {} : {}", self.node(s.key), name).unwrap();
        }
        for s in self.states.iter().filter(|s| s.terminal) {
            writeln!(o, "    {} --> [*]", self.node(s.key)).unwrap();
        }
        for d in self.transitions {
            writeln!(
                o,
                "    {} --> {} : {}",
                self.node(d.from),
                self.node(d.to),
                Self::edge_label(d).replace(':', " ")
            )
            .unwrap();
        }
        o
    }

    /// Graphviz DOT export.
    pub fn to_dot(&self) -> String {
        let mut o = format!("digraph {} {{\n    rankdir=LR;\n", self.name);
        for s in self.states {
            let name = s
                .code
                .map_or_else(|| s.label_vi.to_string(), |c| format!("{c} {}", s.label_vi));
            let shape = if s.terminal {
                "doublecircle"
            } else if s.pause {
                "octagon"
            } else {
                "box"
            };
            writeln!(o, "    {} [label={:?}, shape={shape}];", self.node(s.key), name).unwrap();
        }
        for d in self.transitions {
            writeln!(
                o,
                "    {} -> {} [label={:?}];",
                self.node(d.from),
                self.node(d.to),
                Self::edge_label(d)
            )
            .unwrap();
        }
        o.push_str("}\n");
        o
    }

    /// Checks the table itself: keys unique, transitions name existing states, nothing leaves a
    /// terminal state, only pause states use the resume guard. Used by tests.
    pub fn check_table(&self) -> Result<(), String> {
        for (i, s) in self.states.iter().enumerate() {
            if self.index(s.key) != Some(i) {
                return Err(format!("duplicate key {}", s.key));
            }
        }
        for d in self.transitions {
            let (Some(f), Some(_)) = (self.index(d.from), self.index(d.to)) else {
                return Err(format!("unknown state in {} -> {}", d.from, d.to));
            };
            if self.states[f].terminal {
                return Err(format!("transition leaves terminal {}", d.from));
            }
            if d.guard == Guard::Resume && !self.states[f].pause {
                return Err(format!("resume guard on {} -> {} needs a pause state", d.from, d.to));
            }
        }
        Ok(())
    }
}
