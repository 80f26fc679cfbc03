//! Payments (thanh toán): the DVCQG payment platform's messages and signatures ([`platform`]) and
//! VietQR codes ([`vietqr`]).
pub mod platform;
pub mod vietqr;
