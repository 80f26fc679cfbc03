//! VietQR (payment::vietqr): the shared vectors in both modes, build reproducing the NAPAS vectors,
//! build → parse round trips, and no input panics.
use motcua_core::payment::vietqr::{build, crc16, parse, Mode, QrRequest, Service};
use proptest::prelude::*;
use serde_json::Value;

fn vectors() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/vietqr.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The report as JSON with `warning_codes` added.
fn report(payload: &str, mode: Mode) -> Value {
    let r = parse(payload, mode);
    let mut v = serde_json::to_value(&r).unwrap();
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code).collect();
    v["warning_codes"] = serde_json::json!(codes);
    v
}

pub fn request(v: &Value) -> QrRequest {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let mut r = QrRequest::new(&s("bin").unwrap(), &s("account").unwrap());
    r.amount = v.get("amount").and_then(Value::as_i64);
    r.purpose = s("purpose");
    r.bill_number = s("bill_number");
    r.reference_label = s("reference_label");
    if let Some(code) = s("service") {
        r.service = Service::from_code(&code).unwrap();
    }
    r
}

#[test]
fn shared_vectors() {
    for case in vectors()["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        let payload = case["payload"].as_str().unwrap();
        for (mode, key) in [(Mode::Strict, "strict"), (Mode::Lenient, "lenient")] {
            let got = report(payload, mode);
            for (k, want) in case[key].as_object().unwrap() {
                if k == "error" {
                    assert_eq!(got["error"]["code"], want["code"], "{id} {key}: {got}");
                    assert_eq!(got["error"]["field"], want["field"], "{id} {key}: {got}");
                } else {
                    assert_eq!(&got[k], want, "{id} {key}.{k}: {got}");
                }
            }
        }
        if let Some(b) = case.get("build") {
            assert_eq!(build(&request(b)).unwrap(), payload, "{id}: build");
        }
    }
}

#[test]
fn build_folds_diacritics_and_checks_limits() {
    let mut r = QrRequest::new("970436", "1017595600");
    r.amount = Some(50_000);
    r.purpose = Some("Lệ phí hộ tịch G22".into());
    let p = build(&r).unwrap();
    let back = parse(&p, Mode::Strict);
    assert_eq!(back.purpose.as_deref(), Some("Le phi ho tich G22"));
    r.keep_diacritics = true;
    let p = build(&r).unwrap();
    let back = parse(&p, Mode::Strict);
    assert!(back.valid, "lengths count characters, the CRC bytes: {back:?}");
    assert_eq!(back.purpose.as_deref(), Some("Lệ phí hộ tịch G22"));
    assert_eq!(back.warnings[0].code, "purpose_not_ascii");
    r.purpose = Some("x".repeat(26));
    assert_eq!(build(&r).unwrap_err().code.code(), 6006);
    r.purpose = None;
    r.bin = "123456".into();
    assert_eq!(build(&r).unwrap_err().field, "bin");
    r.bin = "970436".into();
    r.amount = Some(0);
    assert_eq!(build(&r).unwrap_err().field, "amount");
    r.amount = None;
    r.account = "12 34".into();
    assert_eq!(build(&r).unwrap_err().field, "account");
}

#[test]
fn structural_errors_name_the_tag() {
    let with_crc = |body: &str| {
        let s = format!("{body}6304");
        format!("{s}{:04X}", crc16(s.as_bytes()))
    };
    let cases = [
        ("000201010211", 6004, "38"),
        ("0002020102113800", 6003, "00"),
        ("000201010213", 6003, "01"),
        (
            "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53038405802VN",
            6003,
            "53",
        ),
        (
            "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA530370454031.05802VN",
            6003,
            "54",
        ),
        (
            "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802US",
            6003,
            "58",
        ),
        (
            "00020101021138570010A00000072801270006970403011300110123456780208QRIBFTTA53037045802VN",
            6003,
            "38.00",
        ),
        (
            "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTX53037045802VN",
            6003,
            "38.02",
        ),
        ("00020101021101021153037045802VN", 6005, "01"),
        ("0002010102113899", 6001, "38"),
        (
            "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA530370458",
            6001,
            "payload",
        ),
    ];
    for (body, code, field) in cases {
        for mode in [Mode::Strict, Mode::Lenient] {
            let r = parse(&with_crc(body), mode);
            let e = r.error.as_ref().unwrap_or_else(|| panic!("{body}: no error"));
            assert_eq!((e.code.code(), e.field.as_ref()), (code, field), "{body} {mode:?}: {e}");
            assert!(r.crc_ok, "{body}");
        }
    }
}

proptest! {
    #[test]
    fn build_then_parse_round_trips(
        bank in 0usize..4,
        account in "[0-9A-Z]{1,19}",
        amount in proptest::option::of(1i64..9_999_999_999_999),
        purpose in proptest::option::of("[a-zA-Z0-9 .-]{1,25}"),
        bill in proptest::option::of("[A-Z0-9]{1,25}"),
        service in 0usize..4,
    ) {
        let bins = ["970403", "970436", "970422", "970416"];
        let mut r = QrRequest::new(bins[bank], &account);
        r.amount = amount;
        r.purpose = purpose.clone();
        r.bill_number = bill.clone();
        r.service = Service::ALL[service];
        let payload = build(&r).unwrap();
        for mode in [Mode::Strict, Mode::Lenient] {
            let back = parse(&payload, mode);
            prop_assert!(back.valid && back.crc_ok, "{payload}: {back:?}");
            prop_assert_eq!(back.bin.as_deref(), Some(bins[bank]));
            prop_assert_eq!(back.account.as_deref(), Some(account.as_str()));
            prop_assert_eq!(back.amount, amount);
            prop_assert_eq!(&back.purpose, &purpose);
            prop_assert_eq!(&back.bill_number, &bill);
            prop_assert_eq!(back.service, Some(Service::ALL[service]));
            prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        }
    }

    #[test]
    fn any_text_parses_without_panic(s in "\\PC{0,200}") {
        let _ = parse(&s, Mode::Strict);
        let _ = parse(&s, Mode::Lenient);
    }

    #[test]
    fn corrupted_payloads_are_reported_not_panicking(cut in 0usize..150, flip in 0usize..150, c in "[0-9A-Zà]") {
        let p = "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E";
        let mut chars: Vec<char> = p.chars().collect();
        chars.truncate(cut.max(1).min(chars.len()));
        if flip < chars.len() { chars[flip] = c.chars().next().unwrap(); }
        let s: String = chars.into_iter().collect();
        let r = parse(&s, Mode::Lenient);
        prop_assert!(r.valid == (s == p));
    }
}
