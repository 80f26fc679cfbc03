//! Dossier status (trạng thái hồ sơ, DVCQG TrangThaiHoSo 1-10) and its transition table.
//!
//! There is no official transition table (UNCONFIRMED as law); this one follows the brief's
//! recommended rule set: terminal {3, 7, 10}; 9 → 10 only; 5 and 6 are pauses that remember where
//! they came from; refusal (3) and stop (8) need a reason; 8 reopens only by an administrative action.
use super::machine::{tr, Guard::*, Machine, Position, StateDef, TransitionInput};
use crate::error::{ErrorCode, TransitionError};

const fn st(
    key: &'static str,
    code: u8,
    label_vi: &'static str,
    group: &'static str,
    terminal: bool,
    pause: bool,
) -> StateDef {
    StateDef {
        key,
        code: Some(code),
        label_vi,
        group,
        terminal,
        pause,
    }
}

/// The dossier machine. Groups follow the provincial statistics buckets.
pub static DOSSIER: Machine = Machine {
    name: "dossier",
    states: &[
        st("submitted", 1, "Mới đăng ký", "not_received", false, false),
        st("received", 2, "Được tiếp nhận", "in_progress", false, false),
        st("refused", 3, "Không được tiếp nhận", "not_received", true, false),
        st("processing", 4, "Đang xử lý", "in_progress", false, false),
        st(
            "supplement_requested",
            5,
            "Yêu cầu bổ sung giấy tờ",
            "supplement",
            false,
            true,
        ),
        st(
            "awaiting_payment",
            6,
            "Yêu cầu thực hiện nghĩa vụ tài chính",
            "paused",
            false,
            true,
        ),
        st("withdrawn", 7, "Công dân yêu cầu rút hồ sơ", "withdrawn", true, false),
        st("stopped", 8, "Dừng xử lý", "paused", false, false),
        st("processed", 9, "Đã xử lý xong", "finished", false, false),
        st("returned", 10, "Đã trả kết quả", "finished", true, false),
    ],
    transitions: &[
        tr("submitted", "received", Plain, "accept (tiếp nhận)"),
        tr("submitted", "refused", Reason, "refuse (từ chối tiếp nhận)"),
        tr("submitted", "withdrawn", Plain, "withdraw (rút hồ sơ)"),
        tr("received", "processing", Plain, "forward (chuyển xử lý)"),
        tr(
            "received",
            "supplement_requested",
            Plain,
            "request supplement (yêu cầu bổ sung)",
        ),
        tr(
            "received",
            "awaiting_payment",
            Plain,
            "request fees (yêu cầu nghĩa vụ tài chính)",
        ),
        tr("received", "processed", Plain, "finish at the desk (xử lý xong)"),
        tr("received", "withdrawn", Plain, "withdraw (rút hồ sơ)"),
        tr("received", "stopped", Reason, "stop (dừng xử lý)"),
        tr("processing", "processing", Plain, "next step (chuyển bước)"),
        tr(
            "processing",
            "received",
            Plain,
            "return to the desk (trả lại / thu hồi)",
        ),
        tr(
            "processing",
            "supplement_requested",
            Plain,
            "request supplement (yêu cầu bổ sung)",
        ),
        tr(
            "processing",
            "awaiting_payment",
            Plain,
            "request fees (yêu cầu nghĩa vụ tài chính)",
        ),
        tr("processing", "processed", Plain, "finish (chuyển trả kết quả)"),
        tr("processing", "withdrawn", Plain, "withdraw (rút hồ sơ)"),
        tr("processing", "stopped", Reason, "stop (dừng xử lý)"),
        tr(
            "supplement_requested",
            "received",
            Resume,
            "supplement received (hoàn thành bổ sung)",
        ),
        tr(
            "supplement_requested",
            "processing",
            Resume,
            "supplement received (hoàn thành bổ sung)",
        ),
        tr("supplement_requested", "withdrawn", Plain, "withdraw (rút hồ sơ)"),
        tr("supplement_requested", "stopped", Reason, "stop (dừng xử lý)"),
        tr(
            "awaiting_payment",
            "received",
            Resume,
            "payment confirmed (đã thực hiện nghĩa vụ tài chính)",
        ),
        tr(
            "awaiting_payment",
            "processing",
            Resume,
            "payment confirmed (đã thực hiện nghĩa vụ tài chính)",
        ),
        tr("awaiting_payment", "withdrawn", Plain, "withdraw (rút hồ sơ)"),
        tr("awaiting_payment", "stopped", Reason, "stop (dừng xử lý)"),
        tr("stopped", "processing", Admin, "reopen (mở lại xử lý)"),
        tr("processed", "returned", Plain, "hand over the result (trả kết quả)"),
    ],
    restart_state: Some("received"),
};

/// DVCQG dossier status 1-10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum DossierStatus {
    /// 1 Mới đăng ký.
    Submitted = 1,
    /// 2 Được tiếp nhận.
    Received = 2,
    /// 3 Không được tiếp nhận.
    Refused = 3,
    /// 4 Đang xử lý.
    Processing = 4,
    /// 5 Yêu cầu bổ sung giấy tờ.
    SupplementRequested = 5,
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính.
    AwaitingPayment = 6,
    /// 7 Công dân yêu cầu rút hồ sơ.
    Withdrawn = 7,
    /// 8 Dừng xử lý.
    Stopped = 8,
    /// 9 Đã xử lý xong.
    Processed = 9,
    /// 10 Đã trả kết quả.
    Returned = 10,
}

/// DVCQG string statuses (for dossiers submitted on the national portal) and their codes, as mapped
/// by the Thanh Hóa system; `interoperating` and `posting` have no mapping.
pub const DVCQG_STRING_STATUSES: [(&str, DossierStatus); 10] = [
    ("receiving", DossierStatus::Submitted),
    ("new", DossierStatus::Received),
    ("denied", DossierStatus::Refused),
    ("processing", DossierStatus::Processing),
    ("waiting", DossierStatus::SupplementRequested),
    ("paying", DossierStatus::AwaitingPayment),
    ("cancelled", DossierStatus::Withdrawn),
    ("unresolved", DossierStatus::Stopped),
    ("releasing", DossierStatus::Processed),
    ("done", DossierStatus::Returned),
];

impl DossierStatus {
    /// All statuses in code order.
    pub const ALL: [DossierStatus; 10] = [
        Self::Submitted,
        Self::Received,
        Self::Refused,
        Self::Processing,
        Self::SupplementRequested,
        Self::AwaitingPayment,
        Self::Withdrawn,
        Self::Stopped,
        Self::Processed,
        Self::Returned,
    ];

    /// From the DVCQG integer.
    pub fn from_code(code: u8) -> Result<Self, TransitionError> {
        Self::ALL
            .get(usize::from(code).wrapping_sub(1))
            .copied()
            .ok_or_else(|| {
                TransitionError::new(
                    ErrorCode::StatusUnknown,
                    "TrangThaiHoSo",
                    format!("{code} is not a status 1-10"),
                )
            })
    }

    /// From a decimal code (`"4"`), a key (`processing`) or a DVCQG string status (`releasing`).
    /// Keys and codes win over DVCQG strings (`processing` is 4 in both).
    pub fn parse(s: &str) -> Result<Self, TransitionError> {
        if let Ok(i) = DOSSIER.lookup("TrangThaiHoSo", s) {
            return Ok(Self::ALL[i]);
        }
        Self::from_dvcqg_str(s).ok_or_else(|| {
            let shown = crate::text::shown(s, 40);
            TransitionError::new(
                ErrorCode::StatusUnknown,
                "TrangThaiHoSo",
                format!("{shown} is not a dossier status (1-10, key or DVCQG string)"),
            )
        })
    }

    /// From a DVCQG string status (`releasing` → 9).
    pub fn from_dvcqg_str(s: &str) -> Option<Self> {
        DVCQG_STRING_STATUSES.iter().find(|(k, _)| *k == s).map(|(_, v)| *v)
    }

    /// The DVCQG string status.
    pub fn dvcqg_str(self) -> &'static str {
        DVCQG_STRING_STATUSES[self.index()].0
    }

    /// The DVCQG integer.
    pub fn code(self) -> u8 {
        self as u8
    }

    fn index(self) -> usize {
        usize::from(self.code()) - 1
    }

    /// The table row (label, group, terminal, pause).
    pub fn def(self) -> &'static StateDef {
        &DOSSIER.states[self.index()]
    }

    /// Vietnamese label, e.g. `Đang xử lý`.
    pub fn label_vi(self) -> &'static str {
        self.def().label_vi
    }

    /// Stable key, e.g. `processing`.
    pub fn key(self) -> &'static str {
        self.def().key
    }

    /// No transition leaves it: 3, 7, 10.
    pub fn is_terminal(self) -> bool {
        self.def().terminal
    }
}

/// A dossier's status plus, when paused (5, 6), the status it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DossierState {
    /// Current status.
    pub status: DossierStatus,
    /// For 5 and 6: the status the pause came from, when known.
    pub paused_from: Option<DossierStatus>,
}

impl DossierState {
    /// A state with no pause history.
    pub fn new(status: DossierStatus) -> Self {
        Self {
            status,
            paused_from: None,
        }
    }

    /// A pause state whose origin is known.
    pub fn paused(status: DossierStatus, from: DossierStatus) -> Self {
        Self {
            status,
            paused_from: Some(from),
        }
    }

    /// Applies a transition: the new state, or an error naming the broken rule.
    pub fn transition(&self, to: DossierStatus, input: &TransitionInput<'_>) -> Result<DossierState, TransitionError> {
        let pos = Position {
            state: self.status.index(),
            paused_from: self.paused_from.map(DossierStatus::index),
        };
        let next = DOSSIER.transition(pos, to.index(), input)?;
        Ok(DossierState {
            status: DossierStatus::ALL[next.state],
            paused_from: next.paused_from.map(|i| DossierStatus::ALL[i]),
        })
    }
}
