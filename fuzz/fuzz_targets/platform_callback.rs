//! Bytes → `serde_json::from_slice` to a JSON object → the payment-platform functions.
//!
//! Invariants checked:
//! - nothing panics: `signature_base`, `sign`, `verify` for every `MessageKind`, `check_callback`
//!   with and without a `KnownAttempt` and a `previous` callback, `parse_thoi_gian` on every string
//!   field;
//! - `sign` is 64 lower-case hex digits; `verify` agrees with `sign` and the given MaXacThuc
//!   (case-insensitive), and accepts the message re-signed with the right secret, not another one;
//! - `check_callback` (on the message as given and re-signed) equals an independent statement of the
//!   documented order of checks: signature 6102, idempotency 6107 / replay, unknown attempt 6104,
//!   currency 6106, amount 6103 / 6105, then MaLoi;
//! - `parse_thoi_gian` accepts only 14 digits, and what it accepts formats back to the same text.
//!
//! The secret is the one of tests/vectors/payment_signatures.json, so the seeds are correctly signed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua_core::payment::platform::{
    check_callback, format_thoi_gian, parse_thoi_gian, sign, signature_base, verify, Confirmation, KnownAttempt,
    MessageKind, MAC_FIELD,
};
use motcua_core::ErrorCode;
use serde_json::{Map, Value};

const SECRET: &str = "s3cr3t-TH-2026";

type Msg = Map<String, Value>;

fuzz_target!(|data: &[u8]| {
    let Ok(msg) = serde_json::from_slice::<Msg>(data) else {
        return;
    };
    for kind in MessageKind::ALL {
        signatures(kind, &msg);
    }
    callbacks(&msg);
    if let Ok(mac) = sign(MessageKind::Callback, &msg, SECRET) {
        let mut signed = msg.clone();
        signed.insert(MAC_FIELD.into(), Value::String(mac));
        callbacks(&signed);
    }
    for (k, v) in &msg {
        if let Value::String(s) = v {
            thoi_gian(k, s);
        }
    }
});

fn signatures(kind: MessageKind, msg: &Msg) {
    let base = signature_base(kind, msg, SECRET);
    let mac = sign(kind, msg, SECRET);
    match (&base, &mac) {
        (Ok(b), Ok(m)) => {
            assert!(b.ends_with(&format!("|{SECRET}")));
            assert!(b.matches('|').count() >= kind.signed_fields().len());
            assert!(m.len() == 64 && m.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')), "{m:?}");
        }
        (Err(e1), Err(e2)) => {
            assert_eq!(e1, e2);
            assert!(matches!(e1.code, ErrorCode::PayField | ErrorCode::PayMissingField));
        }
        _ => panic!("signature_base and sign disagree: {base:?} / {mac:?}"),
    }
    let v = verify(kind, msg, SECRET);
    match (msg.get(MAC_FIELD), &mac) {
        (Some(Value::String(given)), Ok(m)) => {
            assert_eq!(v.as_ref().ok(), Some(&(*m == given.to_ascii_lowercase())), "{v:?}")
        }
        _ => assert!(v.is_err(), "verify succeeded without a string MAC or the signed fields: {v:?}"),
    }
    if let Ok(m) = mac {
        let mut signed = msg.clone();
        signed.insert(MAC_FIELD.into(), Value::String(m.to_ascii_uppercase()));
        assert_eq!(verify(kind, &signed, SECRET).ok(), Some(true));
        assert_eq!(verify(kind, &signed, "another secret").ok(), Some(false));
    }
}

/// Signed fields are strings or numbers; a number is signed (and read) as its decimal text.
fn text(msg: &Msg, f: &str) -> String {
    match msg.get(f) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        other => unreachable!("signed field {f} is {other:?}"),
    }
}

fn code_of(c: &Confirmation) -> Option<u32> {
    match c {
        Confirmation::Rejected { code, .. } => Some(*code),
        _ => None,
    }
}

/// What check_callback must answer for a message whose signature is valid.
fn expected(msg: &Msg, attempt: Option<&KnownAttempt>, previous: Option<&Msg>) -> Result<Confirmation, ErrorCode> {
    let ma_giao_dich = text(msg, "MaGiaoDich");
    if let Some(prev) = previous {
        return if prev == msg {
            Ok(Confirmation::Replay { ma_giao_dich })
        } else {
            Err(ErrorCode::PayConflict)
        };
    }
    let Some(attempt) = attempt else {
        return Err(ErrorCode::PayUnknownReference);
    };
    if text(msg, "MaTienTe") != "VND" {
        return Err(ErrorCode::PayCurrency);
    }
    let amount = text(msg, "SoTien");
    if amount.is_empty() || !amount.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErrorCode::PayField);
    }
    let Ok(so_tien) = amount.parse::<i64>() else {
        return Err(ErrorCode::PayField);
    };
    if so_tien != attempt.so_tien {
        return Err(ErrorCode::PayAmountMismatch);
    }
    let ma_loi = text(msg, "MaLoi");
    let ma_tham_chieu = text(msg, "MaThamChieu");
    Ok(if ma_loi == "00" {
        Confirmation::Paid {
            ma_tham_chieu,
            ma_giao_dich,
            so_tien,
        }
    } else {
        Confirmation::Failed { ma_tham_chieu, ma_loi }
    })
}

fn callbacks(msg: &Msg) {
    let signature_ok = verify(MessageKind::Callback, msg, SECRET) == Ok(true);
    // The amount the message states, when it is one, so that the "paid" path is reached.
    let stated = match msg.get("SoTien") {
        Some(Value::String(s)) => s.parse::<i64>().ok(),
        Some(Value::Number(n)) => n.as_i64(),
        _ => None,
    };
    let attempts: Vec<Option<KnownAttempt>> = vec![
        None,
        Some(KnownAttempt { so_tien: 0 }),
        stated.map(|so_tien| KnownAttempt { so_tien }),
    ];
    let other = Msg::new();
    for attempt in &attempts {
        for previous in [None, Some(msg), Some(&other)] {
            let got = check_callback(msg, SECRET, attempt.as_ref(), previous);
            if !signature_ok {
                assert!(code_of(&got).is_some(), "accepted without a valid signature: {got:?}");
                continue;
            }
            match expected(msg, attempt.as_ref(), previous) {
                Ok(want) => assert_eq!(got, want),
                Err(code) => assert_eq!(code_of(&got), Some(code.code()), "{got:?}"),
            }
            if let Confirmation::Rejected { code, .. } = &got {
                assert_ne!(*code, ErrorCode::PayBadSignature.code());
            }
        }
    }
}

fn thoi_gian(field: &str, s: &str) {
    match parse_thoi_gian(field, s) {
        Ok(t) => {
            assert!(s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit()), "accepted {s:?}");
            assert_eq!(format_thoi_gian(t), s, "ThoiGianGD does not round-trip");
        }
        Err(e) => assert_eq!(e.code, ErrorCode::PayField),
    }
}
