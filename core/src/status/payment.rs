//! Payment attempt status (trạng thái giao dịch thanh toán): the DVCQG platform's TrangThaiGD
//! (0 initiated, 1 success, 3 pending, 4 failed), the local `qr_shown` and `expired` states, then
//! the local receipt / reconciliation / settlement states.
//!
//! A pending attempt (3) stays open until the platform answers: it never expires and is never
//! dropped. An expired attempt (the citizen never paid within the link's lifetime) still accepts a
//! late confirmation, because the bank may have taken the money after all.
use super::machine::{tr, Guard::*, Machine, StateDef};

const fn st(
    key: &'static str,
    code: Option<u8>,
    label_vi: &'static str,
    group: &'static str,
    terminal: bool,
) -> StateDef {
    StateDef {
        key,
        code,
        label_vi,
        group,
        terminal,
        pause: false,
    }
}

/// The payment-attempt machine.
pub static PAYMENT_ATTEMPT: Machine = Machine {
    name: "payment_attempt",
    states: &[
        st("initiated", Some(0), "Khởi tạo", "open", false),
        st("success", Some(1), "Thành công", "paid", false),
        st("qr_shown", None, "Đã hiển thị mã QR", "open", false),
        st("pending", Some(3), "Đang xử lý (chưa rõ kết quả)", "open", false),
        st("failed", Some(4), "Thất bại", "failed", true),
        st("expired", None, "Hết hạn thanh toán", "failed", false),
        st("receipt_issued", None, "Đã phát hành biên lai", "paid", false),
        st("reconciled", None, "Đã đối soát", "paid", false),
        st("settled", None, "Đã quyết toán", "paid", false),
        st("settlement_failed", None, "Quyết toán lỗi", "paid", false),
        st("refunded", None, "Đã hoàn phí", "refunded", true),
    ],
    transitions: &[
        tr("initiated", "success", Plain, "platform confirms (thành công)"),
        tr("initiated", "pending", Plain, "platform result unknown (chờ xử lý)"),
        tr("initiated", "failed", Plain, "platform reports failure (thất bại)"),
        tr(
            "initiated",
            "qr_shown",
            Plain,
            "QR or payment page shown (hiển thị mã QR)",
        ),
        tr("initiated", "expired", Plain, "link expired unused (hết hạn)"),
        tr("qr_shown", "success", Plain, "platform confirms (thành công)"),
        tr("qr_shown", "pending", Plain, "platform result unknown (chờ xử lý)"),
        tr("qr_shown", "failed", Plain, "platform reports failure (thất bại)"),
        tr("qr_shown", "expired", Plain, "QR expired unpaid (hết hạn)"),
        tr("expired", "success", Plain, "late confirmation (xác nhận muộn)"),
        tr("expired", "pending", Plain, "late query, result unknown (chờ xử lý)"),
        tr("expired", "failed", Plain, "late query reports failure (thất bại)"),
        tr("pending", "pending", Plain, "re-query, still pending (truy vấn lại)"),
        tr("pending", "success", Plain, "re-query confirms (thành công)"),
        tr("pending", "failed", Plain, "re-query reports failure (thất bại)"),
        tr(
            "success",
            "receipt_issued",
            Plain,
            "issue e-receipt (phát hành biên lai)",
        ),
        tr(
            "success",
            "reconciled",
            Plain,
            "matched with the bank credit (đối soát)",
        ),
        tr(
            "receipt_issued",
            "reconciled",
            Plain,
            "matched with the bank credit (đối soát)",
        ),
        tr("reconciled", "settled", Plain, "settled (quyết toán)"),
        tr(
            "reconciled",
            "settlement_failed",
            Plain,
            "settlement failed (quyết toán lỗi)",
        ),
        tr(
            "settlement_failed",
            "settled",
            Plain,
            "settlement retried (quyết toán lại)",
        ),
        tr("success", "refunded", Reason, "refund (hoàn phí)"),
        tr("receipt_issued", "refunded", Reason, "refund (hoàn phí)"),
        tr("reconciled", "refunded", Reason, "refund (hoàn phí)"),
        tr("settled", "refunded", Reason, "refund (hoàn phí)"),
        tr("settlement_failed", "refunded", Reason, "refund (hoàn phí)"),
    ],
    restart_state: None,
};
