//! Payments (thanh toán): VietQR codes ([`vietqr`]).
pub mod vietqr;
