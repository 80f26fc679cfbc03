use motcua_core::sync::*;
use std::time::Instant;
fn main() {
    let data = std::fs::read("/tmp/mid.jsonl").unwrap();
    let n = data.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count() as f64;
    let rules = SyncRules::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    sizes();
    let mut best = f64::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        let r = validate_jsonl(&data, &rules);
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / n);
        assert_eq!(r.len() as f64, n);
    }
    println!("jsonl best {best:.2} us/rec");
}
#[allow(dead_code)]
fn sizes() {
    println!(
        "Text {} Option<Text> {} List<LePhi> {} HoSo {} TaiLieuNop {}",
        std::mem::size_of::<Text>(),
        std::mem::size_of::<Option<Text>>(),
        std::mem::size_of::<List<LePhi>>(),
        std::mem::size_of::<HoSo>(),
        std::mem::size_of::<TaiLieuNop>()
    );
}
