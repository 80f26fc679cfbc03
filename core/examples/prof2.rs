use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::time::Instant;
struct Floor;
impl<'de> de::Deserialize<'de> for Floor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Floor;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Floor, A::Error> {
                while let Some(k) = m.next_key::<&'de str>()? {
                    if k.starts_with("Danh")
                        || k.starts_with("TaiLieu")
                        || k.starts_with("DinhDanh")
                        || k.starts_with("DSKet")
                    {
                        let _: IgnoredAny = m.next_value()?;
                    } else {
                        let v: std::borrow::Cow<'de, str> = m.next_value().unwrap_or(std::borrow::Cow::Borrowed(""));
                        std::hint::black_box(v);
                    }
                }
                Ok(Floor)
            }
        }
        d.deserialize_map(V)
    }
}
fn main() {
    let data = std::fs::read_to_string("/tmp/mid.jsonl").unwrap();
    let lines: Vec<&str> = data.lines().filter(|l| !l.is_empty()).collect();
    let n = lines.len() as f64;
    let mut best = f64::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        for l in &lines {
            let _: Result<Floor, _> = serde_json::from_str(l);
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / n);
    }
    println!("flat borrowed strings floor {best:.2} us/rec");
}
