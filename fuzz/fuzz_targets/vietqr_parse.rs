//! Arbitrary bytes → (if UTF-8) `vietqr::parse` in strict and lenient mode, twice: the input as
//! given, and the input with its CRC made right (a trailing `6304XXXX` dropped, then `6304` and the
//! correct CRC appended) — otherwise almost every mutation breaks the CRC and the fuzzer never gets
//! past the CRC check into the TLV parser.
//!
//! Invariants checked (each follows from the code in core/src/payment/vietqr.rs):
//! - `crc16` (table-driven) equals the bitwise CRC-16/CCITT-FALSE definition on the input;
//! - `parse` never panics, in either mode, and its report always serialises to JSON;
//! - `valid` ⇔ no error; valid ⇒ CRC ok and bin / account / service / point of initiation present,
//!   with the shapes `parse` enforces (6-digit BIN, 1-19 ASCII letters or digits, amount 1..=10^13-1);
//! - the CRC verdict does not depend on the mode;
//! - lenient mode differs from strict only through its `nested_length` repair: strict never emits
//!   that warning, and a lenient report without it is identical to the strict one (hence strict
//!   valid ⇒ lenient valid, with the same report);
//! - a valid report (either mode) with a known bank rebuilds: `build` from its fields succeeds (and
//!   fails with an unknown BIN), the rebuilt payload parses valid in strict mode with the same
//!   bin / bank / account / amount / service / bill number / reference label / purpose, and is a
//!   fixed point of parse → build.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua_core::payment::vietqr::{build, crc16, parse, Initiation, Mode, QrReport, QrRequest};
use motcua_core::{tables, ErrorCode};

fuzz_target!(|data: &[u8]| {
    assert_eq!(crc16(data), crc16_bitwise(data), "table CRC differs from the definition");
    let Ok(payload) = std::str::from_utf8(data) else {
        return;
    };
    check_payload(payload);
    let body = payload
        .len()
        .checked_sub(8)
        .filter(|&i| payload.is_char_boundary(i) && payload[i..].starts_with("6304"))
        .map_or(payload, |i| &payload[..i]);
    let mut fixed = format!("{body}6304");
    let crc = crc16(fixed.as_bytes());
    fixed.push_str(&format!("{crc:04X}"));
    let r = parse(&fixed, Mode::Lenient);
    assert!(r.crc_ok, "CRC not accepted on {fixed:?}");
    check_payload(&fixed);
});

fn check_payload(payload: &str) {
    let strict = parse(payload, Mode::Strict);
    let lenient = parse(payload, Mode::Lenient);
    check_report(&strict);
    check_report(&lenient);

    assert_eq!(strict.crc_ok, lenient.crc_ok, "CRC verdict depends on the mode");
    assert!(
        !strict.warnings.iter().any(|w| w.code == "nested_length"),
        "strict mode repaired a length"
    );
    if strict.valid {
        assert_eq!(strict, lenient, "strict-valid payload reads differently in lenient mode");
    }
    if !lenient.warnings.iter().any(|w| w.code == "nested_length") {
        assert_eq!(strict, lenient, "modes differ without a nested_length repair");
    }

    rebuild(&strict);
    rebuild(&lenient);
}

/// CRC-16/CCITT-FALSE as defined: poly 0x1021, init 0xFFFF, MSB first, no final XOR.
fn crc16_bitwise(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

fn check_report(r: &QrReport) {
    assert_eq!(r.valid, r.error.is_none());
    serde_json::to_string(r).expect("report serialises");
    if !r.crc_ok {
        assert!(!r.valid);
        assert_eq!(r.error.as_ref().map(|e| e.code), Some(ErrorCode::QrCrc));
    }
    if let Some(a) = r.amount {
        assert!((1..=9_999_999_999_999).contains(&a), "amount {a}");
    }
    if let Some(bank) = &r.bank {
        let bin = r.bin.as_deref().expect("bank without BIN");
        assert_eq!(tables::bank(bin).map(|b| b.short_name), Some(bank.as_str()));
    }
    if !r.valid {
        return;
    }
    assert!(r.crc_ok);
    let bin = r.bin.as_deref().expect("valid without BIN");
    assert!(bin.len() == 6 && bin.bytes().all(|b| b.is_ascii_digit()), "BIN {bin:?}");
    let acc = r.account.as_deref().expect("valid without account");
    assert!(
        (1..=19).contains(&acc.len()) && acc.bytes().all(|b| b.is_ascii_alphanumeric()),
        "account {acc:?}"
    );
    assert!(r.service.is_some(), "valid without service");
    assert!(r.point_of_initiation.is_some(), "valid without point of initiation");
}

/// Empty texts cannot be built (build rejects 0 characters), so they are left out.
fn text(t: &Option<String>) -> Option<String> {
    t.clone().filter(|t| !t.is_empty())
}

fn request_of(r: &QrReport) -> QrRequest {
    let mut req = QrRequest::new(r.bin.as_deref().unwrap(), r.account.as_deref().unwrap());
    req.service = r.service.unwrap();
    req.amount = r.amount;
    req.bill_number = text(&r.bill_number);
    req.reference_label = text(&r.reference_label);
    req.purpose = text(&r.purpose);
    // Keep the texts as read; every one fits (the whole tag 62 holds at most 99 characters).
    req.keep_diacritics = true;
    req.max_text = 99;
    req
}

fn rebuild(r: &QrReport) {
    if !r.valid {
        return;
    }
    let req = request_of(r);
    let built = build(&req);
    if r.bank.is_none() {
        // parse accepts an unknown BIN with a warning; build refuses it.
        let e = built.expect_err("build accepted a BIN that is not in the bank table");
        assert_eq!((e.code, &*e.field), (ErrorCode::QrField, "bin"));
        return;
    }
    let payload = built.unwrap_or_else(|e| panic!("build refused the fields of a valid report: {e} ({req:?})"));
    let again = parse(&payload, Mode::Strict);
    assert!(again.valid, "rebuilt payload {payload:?} is invalid: {:?}", again.error);
    assert_eq!(again.bin, r.bin);
    assert_eq!(again.bank, r.bank);
    assert_eq!(again.account, r.account);
    assert_eq!(again.amount, r.amount);
    assert_eq!(again.service, r.service);
    assert_eq!(again.bill_number, req.bill_number);
    assert_eq!(again.reference_label, req.reference_label);
    assert_eq!(again.purpose, req.purpose);
    let poi = if r.amount.is_some() {
        Initiation::Dynamic
    } else {
        Initiation::Static
    };
    assert_eq!(again.point_of_initiation, Some(poi));
    assert_eq!(build(&request_of(&again)).as_deref(), Ok(payload.as_str()), "parse → build is not a fixed point");
}
