//! NAPAS bank identification number (BIN, 6 digits), looked up in the bundled VietQR bank table.
use crate::error::{ErrorCode, IdError};
use crate::tables;
use std::fmt;

/// A known bank BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BankBin(pub &'static tables::Bank);

impl BankBin {
    /// Parses 6 digits and finds the bank.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        super::digits("bank_bin", s, 6)?;
        tables::bank(s).map(Self).ok_or_else(|| {
            IdError::new(
                ErrorCode::IdUnknownCode,
                "bank_bin",
                format!("{s} is not in the NAPAS bank table"),
            )
        })
    }
}

impl fmt::Display for BankBin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.bin)
    }
}
