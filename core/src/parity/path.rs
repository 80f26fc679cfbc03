//! Paths through the dossier status table ([`DOSSIER`]): the transitions that bring a system level.
use crate::status::{DossierStatus, Guard, DOSSIER};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// One transition of a corrective path: a row of the [`DOSSIER`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// From status.
    pub from: DossierStatus,
    /// To status.
    pub to: DossierStatus,
    /// The action's name in the table, e.g. `forward (chuyển xử lý)`.
    pub action: &'static str,
    /// What the table requires for it (ignored for reachability, reported).
    pub guard: Guard,
}

/// `{"from": 2, "to": 4, "action": "forward (chuyển xử lý)", "guard": "none"}`.
impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Step", 4)?;
        st.serialize_field("from", &self.from.code())?;
        st.serialize_field("to", &self.to.code())?;
        st.serialize_field("action", self.action)?;
        st.serialize_field("guard", &self.guard)?;
        st.end()
    }
}

fn status_of(key: &str) -> DossierStatus {
    let i = DOSSIER.index(key).expect("the dossier table names its own states");
    DossierStatus::ALL[i]
}

fn is_guarded(g: Guard) -> bool {
    g != Guard::Plain
}

/// The shortest path of [`DOSSIER`] transitions from `from` to `to`, guards ignored (empty when
/// equal, `None` when `to` cannot be reached). Among paths of equal length the one with the fewest
/// guarded transitions wins, then the table's order.
pub fn shortest_path(from: DossierStatus, to: DossierStatus) -> Option<Vec<Step>> {
    const N: usize = DossierStatus::ALL.len();
    let ix = |s: DossierStatus| usize::from(s.code()) - 1;
    // best[i] = (number of guarded steps, path) for the current layer's nodes.
    let mut best: [Option<(usize, Vec<Step>)>; N] = Default::default();
    best[ix(from)] = Some((0, Vec::new()));
    let mut layer = vec![from];
    while !layer.is_empty() {
        if let Some((_, path)) = &best[ix(to)] {
            return Some(path.clone());
        }
        let mut next: Vec<DossierStatus> = Vec::new();
        let mut found: [Option<(usize, Vec<Step>)>; N] = Default::default();
        for &s in &layer {
            let (guards, path) = best[ix(s)].clone().expect("layer nodes have a path");
            for d in DOSSIER.next(ix(s)) {
                let t = status_of(d.to);
                if best[ix(t)].is_some() {
                    continue; // reached in an earlier layer (or a self-loop)
                }
                let g = guards + usize::from(is_guarded(d.guard));
                if found[ix(t)].as_ref().is_some_and(|(fg, _)| *fg <= g) {
                    continue;
                }
                let mut p = path.clone();
                p.push(Step {
                    from: s,
                    to: t,
                    action: d.action,
                    guard: d.guard,
                });
                if found[ix(t)].is_none() {
                    next.push(t);
                }
                found[ix(t)] = Some((g, p));
            }
        }
        for (i, f) in found.into_iter().enumerate() {
            if f.is_some() {
                best[i] = f;
            }
        }
        next.sort();
        layer = next;
    }
    None
}

/// Shortest paths between every pair of statuses, computed once per [`Parity`](super::Parity).
pub(super) struct Paths([[Option<Vec<Step>>; 10]; 10]);

impl Paths {
    pub(super) fn new() -> Self {
        let mut t: [[Option<Vec<Step>>; 10]; 10] = Default::default();
        for a in DossierStatus::ALL {
            for b in DossierStatus::ALL {
                t[usize::from(a.code()) - 1][usize::from(b.code()) - 1] = shortest_path(a, b);
            }
        }
        Self(t)
    }

    pub(super) fn get(&self, a: DossierStatus, b: DossierStatus) -> Option<&Vec<Step>> {
        self.0[usize::from(a.code()) - 1][usize::from(b.code()) - 1].as_ref()
    }

    pub(super) fn reaches(&self, a: DossierStatus, b: DossierStatus) -> bool {
        self.get(a, b).is_some()
    }
}
