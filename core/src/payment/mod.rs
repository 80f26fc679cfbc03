//! Payments (thanh toán): the DVCQG payment platform's messages and signatures ([`platform`]), the
//! re-query schedule of open attempts ([`polling`]), QR images ([`qr_image`]), e-receipts ([`receipt`]) and VietQR codes
//! ([`vietqr`]).
pub mod platform;
pub mod polling;
pub mod qr_image;
pub mod receipt;
pub mod request;
pub mod vietqr;
