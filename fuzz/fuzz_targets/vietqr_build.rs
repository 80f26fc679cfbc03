//! A `QrRequest` made with `arbitrary` → `vietqr::build`.
//!
//! Invariants checked:
//! - `build` never panics;
//! - it succeeds exactly when the request is buildable: known BIN, 1-19 ASCII letters or digits,
//!   amount 1..=10^13-1 if any, each text (diacritics folded unless kept) 1..=max_text characters
//!   and at most 99, and the whole tag 62 at most 99 characters;
//! - a built payload has an upper-case CRC, parses valid in strict mode with every field of the
//!   request (texts as folded), no repair / inference / unknown-tag warning, and reads the same in
//!   lenient mode.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use motcua_core::payment::vietqr::{build, parse, Initiation, Mode, QrRequest, Service, PURPOSE_MAX};
use motcua_core::{tables, text};

const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

#[derive(Debug, Arbitrary)]
enum Bin {
    /// An entry of the bundled bank table (by index).
    Known(u16),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Account {
    /// Letters and digits only (each byte picks one).
    Alnum(Vec<u8>),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Amount {
    Small(u32),
    Raw(i64),
}

#[derive(Debug, Arbitrary)]
struct Input {
    bin: Bin,
    account: Account,
    service: u8,
    amount: Option<Amount>,
    purpose: Option<String>,
    bill_number: Option<String>,
    reference_label: Option<String>,
    keep_diacritics: bool,
    max_text: Option<u8>,
}

impl Input {
    fn request(self) -> QrRequest {
        let bin = match self.bin {
            Bin::Known(i) => {
                let banks = tables::BANKS;
                banks[usize::from(i) % banks.len()].bin.to_string()
            }
            Bin::Raw(s) => s,
        };
        let account = match self.account {
            Account::Alnum(v) => v.iter().map(|b| char::from(ALNUM[usize::from(*b) % ALNUM.len()])).collect(),
            Account::Raw(s) => s,
        };
        QrRequest {
            bin,
            account,
            service: Service::ALL[usize::from(self.service) % Service::ALL.len()],
            amount: self.amount.map(|a| match a {
                Amount::Small(n) => i64::from(n),
                Amount::Raw(n) => n,
            }),
            purpose: self.purpose,
            bill_number: self.bill_number,
            reference_label: self.reference_label,
            keep_diacritics: self.keep_diacritics,
            max_text: self.max_text.map_or(PURPOSE_MAX, usize::from),
        }
    }
}

fn folded(req: &QrRequest, t: &Option<String>) -> Option<String> {
    t.as_ref().map(|t| {
        if req.keep_diacritics {
            t.clone()
        } else {
            text::fold(t)
        }
    })
}

/// Independent statement of when `build` must succeed.
fn buildable(req: &QrRequest) -> bool {
    let acc = &req.account;
    let mut ok = tables::bank(&req.bin).is_some()
        && (1..=19).contains(&acc.len())
        && acc.bytes().all(|b| b.is_ascii_alphanumeric())
        && req.amount.is_none_or(|a| (1..=9_999_999_999_999).contains(&a));
    let mut tag62 = 0;
    for t in [&req.bill_number, &req.reference_label, &req.purpose] {
        if let Some(t) = folded(req, t) {
            let n = t.chars().count();
            ok &= n >= 1 && n <= req.max_text && n <= 99;
            tag62 += 4 + n;
        }
    }
    ok && tag62 <= 99
}

fuzz_target!(|input: Input| {
    let req = input.request();
    let result = build(&req);
    assert_eq!(result.is_ok(), buildable(&req), "build disagrees with the rules: {result:?} for {req:?}");
    let Ok(payload) = result else { return };

    let crc = &payload[payload.len() - 4..];
    assert!(payload[..payload.len() - 4].ends_with("6304"));
    assert!(crc.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()), "CRC {crc:?}");

    let r = parse(&payload, Mode::Strict);
    assert!(r.valid, "built payload {payload:?} is invalid in strict mode: {:?}", r.error);
    assert!(r.crc_ok);
    assert_eq!(r.bin.as_deref(), Some(req.bin.as_str()));
    assert!(r.bank.is_some());
    assert_eq!(r.account.as_deref(), Some(req.account.as_str()));
    assert_eq!(r.service, Some(req.service));
    assert_eq!(r.amount, req.amount);
    let poi = if req.amount.is_some() {
        Initiation::Dynamic
    } else {
        Initiation::Static
    };
    assert_eq!(r.point_of_initiation, Some(poi));
    assert_eq!(r.bill_number, folded(&req, &req.bill_number));
    assert_eq!(r.reference_label, folded(&req, &req.reference_label));
    assert_eq!(r.purpose, folded(&req, &req.purpose));
    for w in &r.warnings {
        assert!(
            !matches!(
                w.code,
                "nested_length" | "service_inferred" | "unknown_tag" | "unknown_bank" | "crc_lowercase"
                    | "dynamic_without_amount" | "static_with_amount"
            ),
            "unexpected warning {w:?} for {payload:?}"
        );
    }
    assert_eq!(parse(&payload, Mode::Lenient), r, "lenient reads a built payload differently");
});
