//! Feedback and petition status (phản ánh, kiến nghị — PAKN) on DVCQG, grouped as the QĐ 766
//! formula description groups them: waiting for reception, in progress, handled.
//!
//! The state names are DVCQG's; the transitions between them are not published (UNCONFIRMED) and
//! are derived here from the reception and handling workflow of NĐ 20/2008 (Art. 9, 14-15, 19).
//! A refusal (Từ chối tiếp nhận) needs a reason.
use super::machine::{tr, Guard::*, Machine, StateDef};

const fn st(key: &'static str, label_vi: &'static str, group: &'static str, terminal: bool, pause: bool) -> StateDef {
    StateDef {
        key,
        code: None,
        label_vi,
        group,
        terminal,
        pause,
    }
}

/// The PAKN machine.
pub static COMPLAINT: Machine = Machine {
    name: "complaint",
    states: &[
        st("new_at_vpcp", "Mới tiếp nhận VPCP", "waiting", false, false),
        st("received_locally", "Tiếp nhận ở địa phương", "waiting", false, false),
        st("supplement_received", "Phản ánh đã bổ sung", "waiting", false, false),
        st("supplemented", "PAKN đã bổ sung", "in_progress", false, false),
        st(
            "direct_handling",
            "Phản ánh trực tiếp xử lý",
            "in_progress",
            false,
            false,
        ),
        st("local_handling", "Xử lý ở địa phương", "in_progress", false, false),
        st("email_sent", "Đã gửi email", "in_progress", false, false),
        st(
            "returned_to_local_reception",
            "Trả lại tiếp nhận địa phương",
            "in_progress",
            false,
            false,
        ),
        st(
            "forwarded_to_other_unit",
            "BNĐP gửi trả BNĐP khác",
            "handled",
            true,
            false,
        ),
        st("returned_by_unit_to_vpcp", "BNĐP gửi trả VPCP", "handled", true, false),
        st("awaiting_publication", "PAKN chờ công khai", "handled", false, false),
        st("published", "PAKN đã công khai", "handled", true, false),
        st("returned_to_vpcp", "Trả lại VPCP", "handled", true, false),
        st("refused", "Từ chối tiếp nhận", "handled", true, false),
        st(
            "sent_to_other_system",
            "Gửi đơn vị khác bằng phần mềm riêng",
            "handled",
            true,
            false,
        ),
        st("awaiting_supplement", "PA chờ bổ sung", "handled", false, false),
    ],
    transitions: &[
        tr("new_at_vpcp", "received_locally", Plain, "receive locally (tiếp nhận)"),
        tr(
            "new_at_vpcp",
            "direct_handling",
            Plain,
            "handle directly (trực tiếp xử lý)",
        ),
        tr("new_at_vpcp", "refused", Reason, "refuse (từ chối tiếp nhận)"),
        tr(
            "new_at_vpcp",
            "returned_to_vpcp",
            Plain,
            "return to VPCP (trả lại VPCP)",
        ),
        tr(
            "new_at_vpcp",
            "forwarded_to_other_unit",
            Plain,
            "forward to the competent unit (chuyển BNĐP khác)",
        ),
        tr(
            "received_locally",
            "local_handling",
            Plain,
            "handle (xử lý ở địa phương)",
        ),
        tr(
            "received_locally",
            "direct_handling",
            Plain,
            "handle directly (trực tiếp xử lý)",
        ),
        tr("received_locally", "refused", Reason, "refuse (từ chối tiếp nhận)"),
        tr(
            "received_locally",
            "awaiting_supplement",
            Plain,
            "ask for supplement (yêu cầu bổ sung)",
        ),
        tr(
            "received_locally",
            "forwarded_to_other_unit",
            Plain,
            "forward to the competent unit (chuyển BNĐP khác)",
        ),
        tr(
            "received_locally",
            "returned_by_unit_to_vpcp",
            Plain,
            "send back to VPCP (gửi trả VPCP)",
        ),
        tr(
            "received_locally",
            "sent_to_other_system",
            Plain,
            "send to a unit on its own software",
        ),
        tr(
            "awaiting_supplement",
            "supplement_received",
            Plain,
            "supplement received (đã bổ sung)",
        ),
        tr("awaiting_supplement", "refused", Reason, "refuse (từ chối tiếp nhận)"),
        tr(
            "supplement_received",
            "supplemented",
            Plain,
            "resume handling (tiếp tục xử lý)",
        ),
        tr("supplement_received", "refused", Reason, "refuse (từ chối tiếp nhận)"),
        tr("supplemented", "local_handling", Plain, "handle (xử lý)"),
        tr("supplemented", "awaiting_publication", Plain, "answer (trả lời)"),
        tr("direct_handling", "awaiting_publication", Plain, "answer (trả lời)"),
        tr("direct_handling", "email_sent", Plain, "answer by email (gửi email)"),
        tr(
            "direct_handling",
            "awaiting_supplement",
            Plain,
            "ask for supplement (yêu cầu bổ sung)",
        ),
        tr(
            "direct_handling",
            "returned_to_local_reception",
            Plain,
            "return to local reception",
        ),
        tr("local_handling", "awaiting_publication", Plain, "answer (trả lời)"),
        tr("local_handling", "email_sent", Plain, "answer by email (gửi email)"),
        tr(
            "local_handling",
            "awaiting_supplement",
            Plain,
            "ask for supplement (yêu cầu bổ sung)",
        ),
        tr(
            "local_handling",
            "returned_to_local_reception",
            Plain,
            "return to local reception",
        ),
        tr(
            "local_handling",
            "forwarded_to_other_unit",
            Plain,
            "forward to the competent unit (chuyển BNĐP khác)",
        ),
        tr(
            "local_handling",
            "returned_by_unit_to_vpcp",
            Plain,
            "send back to VPCP (gửi trả VPCP)",
        ),
        tr(
            "email_sent",
            "awaiting_publication",
            Plain,
            "queue for publication (chờ công khai)",
        ),
        tr(
            "returned_to_local_reception",
            "received_locally",
            Plain,
            "receive again (tiếp nhận lại)",
        ),
        tr("returned_to_local_reception", "local_handling", Plain, "handle (xử lý)"),
        tr("awaiting_publication", "published", Plain, "publish (công khai)"),
    ],
    restart_state: None,
};
