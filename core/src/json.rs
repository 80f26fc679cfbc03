//! JSON records as the inputs write them: an object's members in their order, a repeated key
//! (khóa lặp) kept, so that a reader can report it instead of silently taking one of its values
//! (`serde_json::Map` keeps only the last).
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// A JSON object's members in the order written, every repeated key kept.
/// No `Debug`: the values may be personal data.
#[derive(Default, PartialEq)]
pub(crate) struct Members(pub Vec<(String, Value)>);

impl Members {
    /// How many times `key` is written.
    pub fn count(&self, key: &str) -> usize {
        self.0.iter().filter(|(k, _)| k == key).count()
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // As `serde_json::Map` says it: error messages stay as they were.
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8));
        while let Some(kv) = map.next_entry::<String, Value>()? {
            members.push(kv);
        }
        Ok(Members(members))
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MembersVisitor)
    }
}

/// A JSON value where a record is expected: an object's members, or something else (which the
/// caller reports as not a record).
#[derive(PartialEq)]
pub(crate) enum Record {
    /// An object.
    Object(Members),
    /// Anything that is not an object.
    Other,
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Record, A::Error> {
        MembersVisitor.visit_map(map).map(Record::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Record, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Record::Other)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Record, E> {
        Ok(Record::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Record, E> {
        Ok(Record::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Record, E> {
        Ok(Record::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Record, E> {
        Ok(Record::Other)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Record, E> {
        Ok(Record::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Record, E> {
        Ok(Record::Other)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecordVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_order_and_repeated_keys() {
        let m: Members = serde_json::from_str(r#"{"b": 1, "a": "x", "b": [2], "c": null}"#).unwrap();
        let keys: Vec<&str> = m.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "b", "c"]);
        assert_eq!(m.get("b"), Some(&Value::from(1)));
        assert_eq!((m.count("b"), m.count("a"), m.count("c"), m.count("d")), (2, 1, 1, 0));
    }

    #[test]
    fn a_record_is_an_object_or_other() {
        let r: Vec<Record> =
            serde_json::from_str(r#"[{"a": 1, "a": 2}, [1, {"b": 2}], "s", 1, -1, 1.5, true, null]"#).unwrap();
        assert!(matches!(&r[0], Record::Object(m) if m.count("a") == 2));
        assert!(r[1..].iter().all(|x| *x == Record::Other));
    }

    #[test]
    fn a_non_object_is_an_error_worded_as_for_a_map() {
        let ours = serde_json::from_str::<Members>("[1]").err().map(|e| e.to_string());
        let theirs = serde_json::from_str::<serde_json::Map<String, Value>>("[1]")
            .unwrap_err()
            .to_string();
        assert_eq!(ours, Some(theirs));
    }
}
