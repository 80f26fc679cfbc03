//! Payments (thanh toán): the DVCQG payment platform's messages and signatures ([`platform`]), the
//! re-query schedule of open attempts ([`polling`]) and VietQR codes ([`vietqr`]).
pub mod platform;
pub mod polling;
pub mod vietqr;
