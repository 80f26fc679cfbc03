//! JSON records as the inputs write them: an object's members in their order, a repeated key
//! (khóa lặp) kept, so that a reader can report it instead of silently taking one of its values
//! (`serde_json::Map` keeps only the last); and, for nested documents, where the first repeated key
//! is ([`repeated_key`]).
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// A JSON object's members in the order written, every repeated key kept.
/// No `Debug`: the values may be personal data.
#[derive(PartialEq)]
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

/// A step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// The n-th element of an array (from 0).
    Index(usize),
    /// A member of an object.
    Key(String),
}

/// Where the first key that `known` accepts (given the path to its object) is written twice in one
/// object of the JSON `text`: the path to it, the repeated key last. Only the values of known keys
/// (and array elements) are looked into, so an unknown key, which may hold anything, is never
/// named. `Err` when `text` is not JSON.
pub(crate) fn repeated_key(
    text: &str,
    known: &dyn Fn(&[Step], &str) -> bool,
) -> Result<Option<Vec<Step>>, serde_json::Error> {
    let (mut path, mut found) = (Vec::new(), false);
    let mut de = serde_json::Deserializer::from_str(text);
    Walk {
        known,
        path: &mut path,
        found: &mut found,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(found.then_some(path))
}

/// [`repeated_key`]'s walk: `path` is where it is, and stays where the repeat was once `found`.
struct Walk<'a> {
    known: &'a dyn Fn(&[Step], &str) -> bool,
    path: &'a mut Vec<Step>,
    found: &'a mut bool,
}

impl Walk<'_> {
    fn inner(&mut self) -> Walk<'_> {
        Walk {
            known: self.known,
            path: self.path,
            found: self.found,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<String> = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            if *self.found || !(self.known)(self.path, &k) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let again = seen.contains(&k);
            self.path.push(Step::Key(k.clone()));
            if again {
                *self.found = true;
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            map.next_value_seed(self.inner())?;
            if !*self.found {
                self.path.pop();
            }
            seen.push(k);
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            if *self.found {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Ok(());
            }
            self.path.push(Step::Index(i));
            if seq.next_element_seed(self.inner())?.is_none() {
                self.path.pop();
                return Ok(());
            }
            if !*self.found {
                self.path.pop();
            }
            i += 1;
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
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

    #[test]
    fn the_first_repeated_known_key_is_found_at_any_depth() {
        let known = |_: &[Step], k: &str| k != "other";
        let key = |t: &str| repeated_key(t, &known).unwrap();
        let k = |s: &str| Step::Key(s.to_string());
        assert_eq!(
            key(r#"[{"a": 1}, {"a": 1, "b": [{"c": 1}, {"c": 2, "c": 3}], "a": 2}]"#),
            Some(vec![Step::Index(1), k("b"), Step::Index(1), k("c")])
        );
        assert_eq!(key(r#"{"a": {"b": 1, "b": 2}}"#), Some(vec![k("a"), k("b")]));
        assert_eq!(key(r#"[{"a": 1}, {"a": 2}, [], {}, 1, "x", null, true]"#), None);
        // An unknown key may repeat, and what it holds is not looked into.
        assert_eq!(key(r#"{"other": 1, "other": {"a": 1, "a": 2}}"#), None);
        assert!(repeated_key("[1,", &known).is_err());
        assert!(repeated_key("[1] x", &known).is_err());
    }

    /// What is known may depend on where: here `a` only in the top object, `b` only inside `a`.
    #[test]
    fn known_keys_are_known_where_they_are() {
        let known = |path: &[Step], k: &str| match path {
            [] => k == "a",
            [Step::Key(a)] => a == "a" && k == "b",
            _ => false,
        };
        let key = |t: &str| repeated_key(t, &known).unwrap();
        assert_eq!(
            key(r#"{"a": {"b": 1, "b": 2}}"#),
            Some(vec![Step::Key("a".into()), Step::Key("b".into())])
        );
        assert_eq!(
            key(r#"{"b": 1, "b": 2, "a": {"a": 1, "a": 2, "c": {"b": 1, "b": 2}}}"#),
            None
        );
    }
}
