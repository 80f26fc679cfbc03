//! Stable error codes (mã lỗi) and the error types of each area.
//!
//! Every failure a caller can act on has a numeric code that never changes meaning:
//!
//! | range     | area                                                   | type               |
//! |-----------|--------------------------------------------------------|--------------------|
//! | 1000-1999 | identifiers (CCCD, MST, agency id, dossier code, ...)  | [`IdError`]        |
//! | 2000-2099 | money (đồng)                                           | [`MoneyError`]     |
//! | 3000-3099 | status transitions (dossier, payment, complaint)       | [`TransitionError`]|
//! | 4000-4999 | DVCQG sync payload validation                          | [`SyncIssue`](crate::sync::SyncIssue) |
//! | 5000-5099 | deadlines: office hours, due dates, clock stops        | [`Error`]          |
//! | 6000-6099 | VietQR payloads                                        | [`Error`]          |
//! | 6100-6199 | payment-platform messages and confirmations            | [`Error`]          |
//! | 6200-6299 | e-receipts (biên lai điện tử)                          | [`Error`]          |
//! | 7000-7099 | reconciliation input (đối soát: dossiers, payments, bank lines) | [`Error`] |
//! | 7100-7199 | status parity across systems (đối chiếu trạng thái)     | [`Error`]          |
//! | 7200-7299 | procedure catalogue checks and search (danh mục TTHC)   | [`Error`]          |
//! | 9000-9999 | binding boundary (panic, NULL, bad UTF-8, bad argument)| [`Error`]          |
//!
//! Messages name the field and the offending part, never personal data: identifier errors quote
//! only a short, non-identifying segment (a prefix, a position), never the whole number.
use std::borrow::Cow;
use std::fmt;

/// Every stable error code. Codes are never renumbered or reused.
///
/// The C header, the Python stubs and the docs are generated from this enum and [`ErrorCode::ALL`].
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// The value is empty.
    IdEmpty = 1001,
    /// The value has the wrong length.
    IdLength = 1002,
    /// The value contains a character that is not allowed at that position.
    IdCharacter = 1003,
    /// The value does not have the expected structure (groups, separators).
    IdFormat = 1004,
    /// The code is well formed but not in the reference table.
    IdUnknownCode = 1005,
    /// The embedded date is not a real calendar date.
    IdDate = 1006,
    /// The check digit does not match.
    IdChecksum = 1007,
    /// A component has a value that is never issued (e.g. tax-code branch 000).
    IdComponent = 1008,
    /// The birth year encoded in a personal ID is after the reference date.
    IdFutureBirthYear = 1009,
    /// The code belongs to the pre-2025 administrative structure and is no longer current.
    IdRetiredCode = 1010,
    /// The identifier kind is not one this library knows.
    IdUnknownKind = 1011,

    /// The amount is empty.
    MoneyEmpty = 2001,
    /// The amount is not a whole number of đồng written in ASCII digits.
    MoneyNotInteger = 2002,
    /// The amount or the arithmetic result does not fit in i64 đồng.
    MoneyOverflow = 2003,
    /// The amount is negative where only non-negative amounts are allowed.
    MoneyNegative = 2004,

    /// The status code or name is not part of the state table.
    StatusUnknown = 3001,
    /// The transition is not in the state table.
    TransitionNotAllowed = 3002,
    /// The current state is terminal: no transition leaves it.
    TransitionFromTerminal = 3003,
    /// The transition needs a reason (refusal, stop) and none was given.
    TransitionReasonRequired = 3004,
    /// A pause state must return to the state it came from.
    TransitionResumeMismatch = 3005,
    /// Under the restart policy, leaving a pause state goes back to "received" (2).
    TransitionRestartRequired = 3006,
    /// The transition is reserved to an explicit administrative action.
    TransitionAdminOnly = 3007,

    /// A required field is missing or empty.
    SyncMissingField = 4001,
    /// A field's value is not a JSON string (DVCQG sends every value as a string).
    SyncNotString = 4002,
    /// A date is not a real `yyyyMMddHHmmss` time.
    SyncDate = 4003,
    /// Two dates are in the wrong order.
    SyncDateOrder = 4004,
    /// A text field is longer than the limit.
    SyncTooLong = 4005,
    /// The value is not one of the allowed enumeration values.
    SyncEnum = 4006,
    /// A fee amount is not a non-negative whole number of đồng.
    SyncAmount = 4007,
    /// The status is inconsistent with the dates or fields present.
    SyncStatusInconsistent = 4008,
    /// A code inside the payload (MaHoSo, MaTTHC, personal ID ...) is invalid.
    SyncInvalidCode = 4009,
    /// The input is not valid JSON.
    SyncJson = 4010,
    /// A value has the wrong JSON shape (object or array expected).
    SyncShape = 4011,
    /// The envelope names a service other than DongBoHoSoMC / CapNhatTienDoHoSoMC.
    SyncUnknownService = 4012,

    /// A time is not a valid local time (`YYYY-MM-DDTHH:MM`, `yyyyMMddHHmmss` or `HH:MM`).
    DeadlineTime = 5001,
    /// Office hours are empty, overlapping, out of order or outside the day.
    DeadlineOfficeHours = 5002,
    /// Clock stops (pauses) are out of order, overlapping, inverted or before the reception.
    DeadlinePause = 5003,
    /// The processing time (amount, unit) is not one the library can count.
    DeadlinePeriod = 5004,
    /// The computation leaves the years the working calendar covers.
    DeadlineRange = 5005,
    /// A VietQR element is malformed: id or length not digits, or a length past the end.
    QrTlv = 6001,
    /// The VietQR CRC (tag 63) is missing or does not match.
    QrCrc = 6002,
    /// A VietQR value is not allowed (format, currency, country, GUID, BIN, account, amount, service).
    QrField = 6003,
    /// A required VietQR element is missing.
    QrMissing = 6004,
    /// A VietQR element appears twice in the same template.
    QrDuplicate = 6005,
    /// A VietQR value is too long.
    QrTooLong = 6006,
    /// A field the platform message needs (and signs) is missing.
    PayMissingField = 6101,
    /// MaXacThuc does not match the message and the partner secret.
    PayBadSignature = 6102,
    /// A platform message field has a wrong value or type.
    PayField = 6103,
    /// The callback's MaThamChieu is not a known payment attempt.
    PayUnknownReference = 6104,
    /// The confirmed amount differs from the requested amount.
    PayAmountMismatch = 6105,
    /// The currency is not VND.
    PayCurrency = 6106,
    /// A callback with an already processed MaGiaoDich carries a different payload.
    PayConflict = 6107,
    /// A required e-receipt field is empty or missing.
    ReceiptMissing = 6201,
    /// An e-receipt field has a wrong format (template, series, number, time, identifier).
    ReceiptField = 6202,
    /// A fee line is wrong (no code or name, amount not positive).
    ReceiptLine = 6203,
    /// The total is not the sum of the fee lines.
    ReceiptTotal = 6204,
    /// Phí and lệ phí lines on the same receipt where they must be issued separately.
    ReceiptMixedKinds = 6205,
    /// A reconciliation file lacks a required column.
    ReconHeader = 7001,
    /// A reconciliation record lacks a required field, or it is empty (a code: no letter or digit).
    ReconField = 7002,
    /// A reconciliation amount is not a whole, non-negative number of đồng.
    ReconAmount = 7003,
    /// A reconciliation time is not a valid local time.
    ReconTime = 7004,
    /// A reconciliation row is malformed (CSV or JSON syntax, field count, a JSON value that is not text).
    ReconRow = 7005,
    /// A record id (bank reference, MaThamChieu, dossier code) appears twice.
    ReconRepeatedId = 7006,
    /// A payment attempt status (TrangThaiGD) is not 0, 1, 3 or 4.
    ReconStatus = 7007,
    /// A parity row names an unknown system (expected portal, coordination, sectoral).
    ParitySystem = 7101,
    /// A parity row has an unknown dossier status code.
    ParityStatus = 7102,
    /// A parity row's updated_at is not a valid time.
    ParityTime = 7103,
    /// A parity row lacks a field or is malformed.
    ParityRow = 7104,
    /// The procedure catalogue cannot be read: CSV or JSON syntax, a required column missing, a value of the wrong type.
    CatalogInput = 7201,
    /// A procedure code (mã TTHC) is empty or not `d.dddddd` with an optional agency suffix.
    CatalogCode = 7202,
    /// A procedure code appears more than once in the catalogue.
    CatalogDuplicateCode = 7203,
    /// A local variant (`1.000494.H29`) whose national base code is not in the catalogue.
    CatalogBaseMissing = 7204,
    /// A procedure name (tên thủ tục) is empty.
    CatalogName = 7205,
    /// A level (cấp thực hiện) is empty, unknown, or the district level abolished on 1 July 2025.
    CatalogLevel = 7206,
    /// No level of the procedure is one the competent agency works at (a ministry at Cấp xã only).
    CatalogLevelAgency = 7207,
    /// The receiving unit (cơ quan tiếp nhận) or the processing unit (cơ quan thực hiện) is missing.
    CatalogUnit = 7208,
    /// The locality (địa bàn) is not a current province or commune code.
    CatalogLocality = 7209,
    /// A fee (phí, lệ phí) lacks its fee code or beneficiary account, or has a bad kind or amount.
    CatalogFee = 7210,
    /// An online procedure (toàn trình, một phần) has no e-form (biểu mẫu điện tử).
    CatalogEform = 7211,
    /// The processing time (thời hạn giải quyết) is missing or not a number with a unit.
    CatalogProcessingTime = 7212,
    /// The online-service level (mức độ DVC) is not toàn trình or một phần.
    CatalogServiceLevel = 7213,
    /// A search filter (level) or limit is not valid.
    SearchArgument = 7221,
    /// A row of the search synonym table (từ viết tắt) is malformed.
    SearchSynonyms = 7222,
    /// A panic was caught at the binding boundary (a bug in motcua: please report it).
    Panic = 9001,
    /// A required pointer argument was NULL.
    NullPointer = 9002,
    /// A string argument was not valid UTF-8.
    InvalidUtf8 = 9003,
    /// An argument was out of range or malformed.
    InvalidArgument = 9004,
    /// An unexpected internal failure (e.g. serialisation).
    Internal = 9005,
}

impl ErrorCode {
    /// All codes, in numeric order (drives the C header, Python stubs and docs).
    pub const ALL: &'static [ErrorCode] = &[
        Self::IdEmpty,
        Self::IdLength,
        Self::IdCharacter,
        Self::IdFormat,
        Self::IdUnknownCode,
        Self::IdDate,
        Self::IdChecksum,
        Self::IdComponent,
        Self::IdFutureBirthYear,
        Self::IdRetiredCode,
        Self::IdUnknownKind,
        Self::MoneyEmpty,
        Self::MoneyNotInteger,
        Self::MoneyOverflow,
        Self::MoneyNegative,
        Self::StatusUnknown,
        Self::TransitionNotAllowed,
        Self::TransitionFromTerminal,
        Self::TransitionReasonRequired,
        Self::TransitionResumeMismatch,
        Self::TransitionRestartRequired,
        Self::TransitionAdminOnly,
        Self::SyncMissingField,
        Self::SyncNotString,
        Self::SyncDate,
        Self::SyncDateOrder,
        Self::SyncTooLong,
        Self::SyncEnum,
        Self::SyncAmount,
        Self::SyncStatusInconsistent,
        Self::SyncInvalidCode,
        Self::SyncJson,
        Self::SyncShape,
        Self::SyncUnknownService,
        Self::DeadlineTime,
        Self::DeadlineOfficeHours,
        Self::DeadlinePause,
        Self::DeadlinePeriod,
        Self::DeadlineRange,
        Self::QrTlv,
        Self::QrCrc,
        Self::QrField,
        Self::QrMissing,
        Self::QrDuplicate,
        Self::QrTooLong,
        Self::PayMissingField,
        Self::PayBadSignature,
        Self::PayField,
        Self::PayUnknownReference,
        Self::PayAmountMismatch,
        Self::PayCurrency,
        Self::PayConflict,
        Self::ReceiptMissing,
        Self::ReceiptField,
        Self::ReceiptLine,
        Self::ReceiptTotal,
        Self::ReceiptMixedKinds,
        Self::ReconHeader,
        Self::ReconField,
        Self::ReconAmount,
        Self::ReconTime,
        Self::ReconRow,
        Self::ReconRepeatedId,
        Self::ReconStatus,
        Self::ParitySystem,
        Self::ParityStatus,
        Self::ParityTime,
        Self::ParityRow,
        Self::CatalogInput,
        Self::CatalogCode,
        Self::CatalogDuplicateCode,
        Self::CatalogBaseMissing,
        Self::CatalogName,
        Self::CatalogLevel,
        Self::CatalogLevelAgency,
        Self::CatalogUnit,
        Self::CatalogLocality,
        Self::CatalogFee,
        Self::CatalogEform,
        Self::CatalogProcessingTime,
        Self::CatalogServiceLevel,
        Self::SearchArgument,
        Self::SearchSynonyms,
        Self::Panic,
        Self::NullPointer,
        Self::InvalidUtf8,
        Self::InvalidArgument,
        Self::Internal,
    ];

    /// The stable number.
    pub const fn code(self) -> u32 {
        self as u32
    }

    /// Looks a number up.
    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }

    /// Stable snake_case name, e.g. `id_checksum`.
    pub fn name(self) -> &'static str {
        use ErrorCode::*;
        match self {
            IdEmpty => "id_empty",
            IdLength => "id_length",
            IdCharacter => "id_character",
            IdFormat => "id_format",
            IdUnknownCode => "id_unknown_code",
            IdDate => "id_date",
            IdChecksum => "id_checksum",
            IdComponent => "id_component",
            IdFutureBirthYear => "id_future_birth_year",
            IdRetiredCode => "id_retired_code",
            IdUnknownKind => "id_unknown_kind",
            MoneyEmpty => "money_empty",
            MoneyNotInteger => "money_not_integer",
            MoneyOverflow => "money_overflow",
            MoneyNegative => "money_negative",
            StatusUnknown => "status_unknown",
            TransitionNotAllowed => "transition_not_allowed",
            TransitionFromTerminal => "transition_from_terminal",
            TransitionReasonRequired => "transition_reason_required",
            TransitionResumeMismatch => "transition_resume_mismatch",
            TransitionRestartRequired => "transition_restart_required",
            TransitionAdminOnly => "transition_admin_only",
            SyncMissingField => "sync_missing_field",
            SyncNotString => "sync_not_string",
            SyncDate => "sync_date",
            SyncDateOrder => "sync_date_order",
            SyncTooLong => "sync_too_long",
            SyncEnum => "sync_enum",
            SyncAmount => "sync_amount",
            SyncStatusInconsistent => "sync_status_inconsistent",
            SyncInvalidCode => "sync_invalid_code",
            SyncJson => "sync_json",
            SyncShape => "sync_shape",
            SyncUnknownService => "sync_unknown_service",
            DeadlineTime => "deadline_time",
            DeadlineOfficeHours => "deadline_office_hours",
            DeadlinePause => "deadline_pause",
            DeadlinePeriod => "deadline_period",
            DeadlineRange => "deadline_range",
            QrTlv => "qr_tlv",
            QrCrc => "qr_crc",
            QrField => "qr_field",
            QrMissing => "qr_missing",
            QrDuplicate => "qr_duplicate",
            QrTooLong => "qr_too_long",
            PayMissingField => "pay_missing_field",
            PayBadSignature => "pay_bad_signature",
            PayField => "pay_field",
            PayUnknownReference => "pay_unknown_reference",
            PayAmountMismatch => "pay_amount_mismatch",
            PayCurrency => "pay_currency",
            PayConflict => "pay_conflict",
            ReceiptMissing => "receipt_missing",
            ReceiptField => "receipt_field",
            ReceiptLine => "receipt_line",
            ReceiptTotal => "receipt_total",
            ReceiptMixedKinds => "receipt_mixed_kinds",
            ReconHeader => "recon_header",
            ReconField => "recon_field",
            ReconAmount => "recon_amount",
            ReconTime => "recon_time",
            ReconRow => "recon_row",
            ReconRepeatedId => "recon_repeated_id",
            ReconStatus => "recon_status",
            ParitySystem => "parity_system",
            ParityStatus => "parity_status",
            ParityTime => "parity_time",
            ParityRow => "parity_row",
            CatalogInput => "catalog_input",
            CatalogCode => "catalog_code",
            CatalogDuplicateCode => "catalog_duplicate_code",
            CatalogBaseMissing => "catalog_base_missing",
            CatalogName => "catalog_name",
            CatalogLevel => "catalog_level",
            CatalogLevelAgency => "catalog_level_agency",
            CatalogUnit => "catalog_unit",
            CatalogLocality => "catalog_locality",
            CatalogFee => "catalog_fee",
            CatalogEform => "catalog_eform",
            CatalogProcessingTime => "catalog_processing_time",
            CatalogServiceLevel => "catalog_service_level",
            SearchArgument => "search_argument",
            SearchSynonyms => "search_synonyms",
            Panic => "panic",
            NullPointer => "null_pointer",
            InvalidUtf8 => "invalid_utf8",
            InvalidArgument => "invalid_argument",
            Internal => "internal",
        }
    }

    /// One-line English description (the doc comment above).
    pub fn description(self) -> &'static str {
        use ErrorCode::*;
        match self {
            IdEmpty => "the value is empty",
            IdLength => "the value has the wrong length",
            IdCharacter => "a character is not allowed at that position",
            IdFormat => "the value does not have the expected structure",
            IdUnknownCode => "the code is not in the reference table",
            IdDate => "the embedded date is not a real calendar date",
            IdChecksum => "the check digit does not match",
            IdComponent => "a component has a value that is never issued",
            IdFutureBirthYear => "the birth year is after the reference date",
            IdRetiredCode => "the code is from the pre-2025 structure and no longer current",
            IdUnknownKind => "unknown identifier kind",
            MoneyEmpty => "the amount is empty",
            MoneyNotInteger => "the amount is not a whole number of dong",
            MoneyOverflow => "the amount does not fit in i64 dong",
            MoneyNegative => "the amount is negative",
            StatusUnknown => "unknown status",
            TransitionNotAllowed => "transition not in the state table",
            TransitionFromTerminal => "the current state is terminal",
            TransitionReasonRequired => "this transition needs a reason",
            TransitionResumeMismatch => "a pause state must return to the state it came from",
            TransitionRestartRequired => "under the restart policy a pause ends at status 2",
            TransitionAdminOnly => "this transition needs an explicit administrative action",
            SyncMissingField => "required field missing or empty",
            SyncNotString => "value must be a JSON string",
            SyncDate => "not a valid yyyyMMddHHmmss time",
            SyncDateOrder => "dates in the wrong order",
            SyncTooLong => "text longer than the limit",
            SyncEnum => "value not in the allowed set",
            SyncAmount => "amount must be a non-negative whole number of dong",
            SyncStatusInconsistent => "status inconsistent with the dates or fields",
            SyncInvalidCode => "invalid code",
            SyncJson => "invalid JSON",
            SyncShape => "wrong JSON shape",
            SyncUnknownService => "unknown service",
            DeadlineTime => "not a valid local time",
            DeadlineOfficeHours => "invalid office hours",
            DeadlinePause => "clock stops out of order, overlapping or before reception",
            DeadlinePeriod => "processing time that cannot be counted",
            DeadlineRange => "outside the years of the working calendar",
            QrTlv => "malformed VietQR element",
            QrCrc => "VietQR CRC missing or wrong",
            QrField => "VietQR value not allowed",
            QrMissing => "required VietQR element missing",
            QrDuplicate => "VietQR element repeated",
            QrTooLong => "VietQR value too long",
            PayMissingField => "platform message field missing",
            PayBadSignature => "MaXacThuc does not match",
            PayField => "platform message field has a wrong value",
            PayUnknownReference => "unknown payment attempt (MaThamChieu)",
            PayAmountMismatch => "confirmed amount differs from the requested amount",
            PayCurrency => "currency is not VND",
            PayConflict => "MaGiaoDich already processed with a different payload",
            ReceiptMissing => "e-receipt field missing",
            ReceiptField => "e-receipt field has a wrong format",
            ReceiptLine => "e-receipt fee line is wrong",
            ReceiptTotal => "e-receipt total differs from the sum of its lines",
            ReceiptMixedKinds => "phí and lệ phí on one e-receipt",
            ReconHeader => "reconciliation file lacks a required column",
            ReconField => "reconciliation record lacks a required field",
            ReconAmount => "reconciliation amount is not whole non-negative đồng",
            ReconTime => "reconciliation time is not a valid local time",
            ReconRow => "reconciliation row is malformed",
            ReconRepeatedId => "reconciliation record id appears twice",
            ReconStatus => "payment attempt status is not 0, 1, 3 or 4",
            ParitySystem => "unknown system (portal, coordination, sectoral)",
            ParityStatus => "unknown dossier status code",
            ParityTime => "updated_at is not a valid time",
            ParityRow => "parity row lacks a field or is malformed",
            CatalogInput => "the catalogue cannot be read (syntax, required column, value type)",
            CatalogCode => "procedure code empty or not d.dddddd with an optional agency suffix",
            CatalogDuplicateCode => "the procedure code appears more than once",
            CatalogBaseMissing => "local variant whose national base code is not in the catalogue",
            CatalogName => "procedure name empty",
            CatalogLevel => "level empty, unknown or district (abolished 1 July 2025)",
            CatalogLevelAgency => "no level of the procedure is one the agency works at",
            CatalogUnit => "receiving or processing unit missing",
            CatalogLocality => "locality is not a current province or commune",
            CatalogFee => "fee without fee code, kind, beneficiary account or valid amount",
            CatalogEform => "online procedure without an e-form",
            CatalogProcessingTime => "processing time missing or not parseable",
            CatalogServiceLevel => "online-service level is not toàn trình or một phần",
            SearchArgument => "search filter or limit not valid",
            SearchSynonyms => "synonym table row malformed",
            Panic => "internal panic caught at the boundary",
            NullPointer => "NULL pointer argument",
            InvalidUtf8 => "string argument is not valid UTF-8",
            InvalidArgument => "invalid argument",
            Internal => "internal error",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A failure with its stable code, the field it concerns and a detail naming the offending part.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Error {
    /// Stable code.
    pub code: ErrorCode,
    /// Field or argument concerned (`cccd`, `MaHoSo`, `to` ...).
    pub field: Cow<'static, str>,
    /// What is wrong, quoting only the offending part (never personal data).
    pub detail: String,
}

impl Error {
    /// Builds an error.
    pub fn new(code: ErrorCode, field: impl Into<Cow<'static, str>>, detail: impl Into<String>) -> Self {
        Self {
            code,
            field: field.into(),
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.detail.is_empty() {
            write!(f, "{}: {}", self.field, self.code.description())
        } else {
            write!(f, "{}: {}", self.field, self.detail)
        }
    }
}

impl std::error::Error for Error {}

/// JSON form shared by every report: `{"code", "name", "field", "message"}`.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("code", &self.code.code())?;
        m.serialize_entry("name", self.code.name())?;
        m.serialize_entry("field", &self.field)?;
        m.serialize_entry("message", &self.to_string())?;
        m.end()
    }
}

macro_rules! area_error {
    ($(#[$doc:meta])* $name:ident, $range:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Debug)]
        pub struct $name(pub Error);

        impl $name {
            /// Builds an error of this area.
            pub fn new(code: ErrorCode, field: impl Into<Cow<'static, str>>, detail: impl Into<String>) -> Self {
                debug_assert!($range.contains(&code.code()), "{code:?} outside {}", stringify!($name));
                Self(Error::new(code, field, detail))
            }
            /// Stable code.
            pub fn code(&self) -> ErrorCode { self.0.code }
            /// Field concerned.
            pub fn field(&self) -> &str { &self.0.field }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.fmt(f) }
        }
        impl std::error::Error for $name {}
        impl From<$name> for Error {
            fn from(e: $name) -> Error { e.0 }
        }
    };
}

area_error!(
    /// An identifier failed to parse (codes 1000-1999).
    IdError, 1000..=1999u32
);
area_error!(
    /// A money amount failed to parse or an operation overflowed (codes 2000-2099).
    MoneyError, 2000..=2099u32
);
area_error!(
    /// A status transition broke a rule of the state table (codes 3000-3099).
    TransitionError, 3000..=3099u32
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_named() {
        let mut seen = std::collections::HashSet::new();
        for w in ErrorCode::ALL.windows(2) {
            assert!(w[0].code() < w[1].code(), "ALL must be sorted: {:?} {:?}", w[0], w[1]);
        }
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.name()), "duplicate name {}", c.name());
            assert_eq!(ErrorCode::from_code(c.code()), Some(*c));
        }
        assert_eq!(ErrorCode::ALL.len(), 88);
    }
}
