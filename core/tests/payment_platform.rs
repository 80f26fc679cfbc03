//! DVCQG payment-platform messages (payment::platform): signature vectors computed independently
//! (tests/independent/payment_signatures.py), builders, and every confirmation outcome.
use chrono::NaiveDateTime;
use motcua_core::payment::platform::{
    build_init, build_lookup, check_callback, format_thoi_gian, parse_thoi_gian, sign, signature_base, verify,
    Confirmation, InitRequest, KnownAttempt, MessageKind,
};
use serde_json::{Map, Value};

fn vectors() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/payment_signatures.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    parse_thoi_gian("t", s).unwrap()
}

#[test]
fn signature_vectors() {
    for c in vectors()["cases"].as_array().unwrap() {
        let kind = MessageKind::from_name(c["message"].as_str().unwrap()).unwrap();
        let fields = c["fields"].as_object().unwrap();
        let secret = c["secret"].as_str().unwrap();
        assert_eq!(
            signature_base(kind, fields, secret).unwrap(),
            c["signature_base"].as_str().unwrap()
        );
        let mac = sign(kind, fields, secret).unwrap();
        assert_eq!(mac, c["MaXacThuc"].as_str().unwrap(), "{kind:?}");
        let mut signed = fields.clone();
        signed.insert("MaXacThuc".into(), mac.to_uppercase().into());
        assert!(verify(kind, &signed, secret).unwrap(), "upper-case hex accepted");
        assert!(!verify(kind, &signed, "other").unwrap());
        // Any signed field changed breaks the signature.
        for f in kind.signed_fields() {
            let mut tampered = signed.clone();
            tampered.insert(f.to_string(), "x".into());
            assert!(!verify(kind, &tampered, secret).unwrap(), "{kind:?} {f}");
            tampered.remove(*f);
            assert_eq!(verify(kind, &tampered, secret).unwrap_err().code.code(), 6101);
        }
    }
}

#[test]
fn thoi_gian_is_24_hour() {
    assert_eq!(format_thoi_gian(t("20261124153000")), "20261124153000");
    let init = build_init(
        &InitRequest {
            ma_doi_tac: "THANHHOA".into(),
            ma_tham_chieu: "dvcH56000123251124000120261124153000".into(),
            so_tien: 50_000,
            thong_tin_giao_dich: "Nộp lệ phí hồ sơ H56.00-251124-0001".into(),
            thoi_gian: t("20261124153000"),
            ip: "10.0.0.8".into(),
            thong_tin_bien_lai: Some(
                serde_json::from_value(serde_json::json!({"MaHoSo": "H56.00-251124-0001",
                    "PhiLePhi": [{"LoaiPhiLePhi": "2", "MaPhiLePhi": "2", "TenPhiLePhi": "Lệ phí", "SoTien": "50000"}],
                    "SoQD": "12/QĐ"}))
                .unwrap(),
            ),
        },
        "s3cr3t-TH-2026",
    )
    .unwrap();
    assert_eq!(init["ThoiGianGD"], "20261124153000", "15:30, not 03:30");
    let v = &vectors()["cases"][0];
    assert_eq!(init["MaXacThuc"], v["MaXacThuc"], "the builder signs like the vector");
    assert_eq!(init["ThongTinBienLai"]["MaHoSo"], "H56.00-251124-0001");
    assert_eq!(init["ThongTinBienLai"]["PhiLePhi"][0]["SoTien"], "50000");
    assert_eq!(init["ThongTinBienLai"]["SoQD"], "12/QĐ", "other fields kept as sent");
    // The typed model reads back what the builder wrote, under the exact wire names.
    let typed = motcua_core::payment::messages::InitMessage::from_map(&init).unwrap();
    assert_eq!(typed.thoi_gian_gd, "20261124153000");
    assert_eq!(typed.to_map(), init);
    let q = build_lookup(
        MessageKind::Query,
        "THANHHOA",
        "dvcH56000123251124000120261124153000",
        t("20261124153000"),
        "s3cr3t-TH-2026",
    )
    .unwrap();
    assert_eq!(q["MaXacThuc"], vectors()["cases"][3]["MaXacThuc"]);
    for bad in ["2026112415300", "20261124253000", "2026-11-24 15:30"] {
        assert_eq!(
            parse_thoi_gian("ThoiGianGD", bad).unwrap_err().code.code(),
            6103,
            "{bad}"
        );
    }
}

fn callback() -> (Map<String, Value>, &'static str) {
    let c = &vectors()["cases"][1];
    let mut m = c["fields"].as_object().unwrap().clone();
    m.insert("MaXacThuc".into(), c["MaXacThuc"].clone());
    (m, "s3cr3t-TH-2026")
}

fn resign(mut m: Map<String, Value>, secret: &str) -> Map<String, Value> {
    let mac = sign(MessageKind::Callback, &m, secret).unwrap();
    m.insert("MaXacThuc".into(), mac.into());
    m
}

fn code(c: &Confirmation) -> u32 {
    match c {
        Confirmation::Rejected { code, .. } => *code,
        _ => 0,
    }
}

#[test]
fn confirmation_outcomes() {
    let (cb, secret) = callback();
    let known = KnownAttempt { so_tien: 50_000 };
    let paid = check_callback(&cb, secret, Some(&known), None);
    assert!(
        matches!(&paid, Confirmation::Paid { so_tien: 50_000, ma_giao_dich, .. } if ma_giao_dich == "PG2611240000123")
    );
    // The same callback again: a replay, no second effect.
    assert!(matches!(
        check_callback(&cb, secret, Some(&known), Some(&cb)),
        Confirmation::Replay { .. }
    ));
    // Same MaGiaoDich, different payload (properly signed): conflict.
    let mut other = cb.clone();
    other.insert("SoTien".into(), "60000".into());
    let other = resign(other, secret);
    assert_eq!(code(&check_callback(&other, secret, Some(&known), Some(&cb))), 6107);
    // Forged: bad signature, even as a "replay".
    let mut forged = cb.clone();
    forged.insert("SoTien".into(), "5000000".into());
    assert_eq!(code(&check_callback(&forged, secret, Some(&known), None)), 6102);
    assert_eq!(code(&check_callback(&forged, secret, Some(&known), Some(&cb))), 6102);
    // Unknown attempt, amount, currency.
    assert_eq!(code(&check_callback(&cb, secret, None, None)), 6104);
    assert_eq!(
        code(&check_callback(
            &cb,
            secret,
            Some(&KnownAttempt { so_tien: 60_000 }),
            None
        )),
        6105
    );
    let mut usd = cb.clone();
    usd.insert("MaTienTe".into(), "USD".into());
    assert_eq!(
        code(&check_callback(&resign(usd, secret), secret, Some(&known), None)),
        6106
    );
    // A failure report.
    let mut failed = cb.clone();
    failed.insert("MaLoi".into(), "24".into());
    assert!(
        matches!(check_callback(&resign(failed, secret), secret, Some(&known), None), Confirmation::Failed { ma_loi, .. } if ma_loi == "24")
    );
    // Missing field.
    let mut missing = cb.clone();
    missing.remove("MaGiaoDich");
    assert_eq!(code(&check_callback(&missing, secret, Some(&known), None)), 6101);
    // JSON shape of the outcome.
    let v = serde_json::to_value(&paid).unwrap();
    assert_eq!(v["outcome"], "paid");
    let v = serde_json::to_value(check_callback(&cb, secret, None, None)).unwrap();
    assert_eq!(
        (v["outcome"].as_str(), v["name"].as_str()),
        (Some("rejected"), Some("pay_unknown_reference"))
    );
}
