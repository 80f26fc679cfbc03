//! Payments (thanh toán): the DVCQG payment platform's messages ([`messages`]) and signatures
//! ([`platform`]), the re-query schedule of open attempts ([`polling`]), VietQR codes
//! ([`vietqr`]) and their images ([`qr_image`]), e-receipts ([`receipt`]), and the JSON face the
//! CLI and the bindings share ([`request`]).
pub mod messages;
pub mod platform;
pub mod polling;
pub mod qr_image;
pub mod receipt;
pub mod request;
pub mod vietqr;
