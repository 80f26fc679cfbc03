//! Wire building blocks: [`Text`] (a scalar that DVCQG sends as a string), [`List`] and the
//! `wire_record!` macro that declares a record with its exact wire names, keeps unknown fields
//! for lossless round trips and masks personal fields in `Debug`.
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// A scalar field. DVCQG sends every value as a JSON string; anything else is kept as it came so
/// validation can report it (`sync_not_string`) and serialisation stays lossless.
#[derive(Clone, PartialEq)]
pub enum Text {
    /// A JSON string (the normal case).
    Str(String),
    /// Any other JSON value.
    Other(Value),
}

impl Text {
    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Text::Str(s) => Some(s),
            Text::Other(_) => None,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Str(s.to_string())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Str(s) => fmt::Debug::fmt(s, f),
            Text::Other(v) => write!(f, "{v}"),
        }
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Str(v) => s.serialize_str(v),
            Text::Other(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Str(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::Str(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text::Other(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text::Other(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text::Other(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text::Other(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::Other(Value::Null))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, a: A) -> Result<Text, A::Error> {
                Value::deserialize(de::value::SeqAccessDeserializer::new(a)).map(Text::Other)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<Text, A::Error> {
                Value::deserialize(de::value::MapAccessDeserializer::new(a)).map(Text::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// A list field: the items when it is an array of objects, otherwise the raw value (reported by
/// validation as `sync_shape`, kept for round trips).
#[derive(Clone, PartialEq, Debug)]
pub enum List<T> {
    /// An array of records.
    Items(Vec<T>),
    /// Anything else.
    Other(Value),
}

impl<T> List<T> {
    /// The items, or an empty slice when the value had the wrong shape.
    pub fn items(&self) -> &[T] {
        match self {
            List::Items(v) => v,
            List::Other(_) => &[],
        }
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            List::Items(v) => v.serialize(s),
            List::Other(v) => v.serialize(s),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if let Value::Array(items) = &v {
            if items.iter().all(Value::is_object) {
                if let Ok(parsed) = items.iter().map(T::deserialize).collect::<Result<Vec<T>, _>>() {
                    return Ok(List::Items(parsed));
                }
            }
        }
        Ok(List::Other(v))
    }
}

/// A JSON object key, borrowed from the input when it has no escapes (no allocation per key).
pub struct WireKey<'de>(pub std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for WireKey<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = WireKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<WireKey<'de>, E> {
                Ok(WireKey(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WireKey<'de>, E> {
                Ok(WireKey(std::borrow::Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<WireKey<'de>, E> {
                Ok(WireKey(std::borrow::Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Declares a wire record: every field `Option<T>` under its exact DVCQG name, unknown fields kept
/// in `extra` in arrival order, `FIELDS` listing the wire names, and a `Debug` that masks `personal` fields.
macro_rules! wire_record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $wire:literal $(, personal = $personal:literal)? ;)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Default, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: Option<$ty>, )*
            /// Fields outside the model, kept so serialisation is lossless.
            pub extra: Vec<(String, serde_json::Value)>,
        }

        impl $name {
            /// Wire names of the modelled fields, in declaration order.
            pub const FIELDS: &'static [&'static str] = &[$($wire),*];

            /// Calls `f(wire_name, code, expected)` for each field whose JSON shape is wrong.
            pub fn each_shape_problem(&self, mut f: impl FnMut(&'static str, crate::error::ErrorCode, &'static str)) {
                use $crate::sync::wire::Shape;
                $( if let Some((code, expected)) = self.$field.as_ref().and_then(|v| v.shape_problem()) { f($wire, code, expected); } )*
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                $( if let Some(v) = &self.$field { m.serialize_entry($wire, v)?; } )*
                for (k, v) in &self.extra { m.serialize_entry(k, v)?; }
                m.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        while let Some($crate::sync::wire::WireKey(key)) = map.next_key()? {
                            match key.as_ref() {
                                $( $wire => out.$field = Some(map.next_value()?), )*
                                _ => out.extra.push((key.into_owned(), map.next_value()?)),
                            }
                        }
                        Ok(out)
                    }
                }
                d.deserialize_map(V)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut d = f.debug_struct(stringify!($name));
                $(
                    if let Some(v) = &self.$field {
                        if false $(|| $personal)? { d.field($wire, &"<redacted>"); } else { d.field($wire, v); }
                    }
                )*
                if !self.extra.is_empty() { d.field("extra_fields", &self.extra.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>()); }
                d.finish()
            }
        }
    };
}
pub(crate) use wire_record;

/// The JSON-shape problem of a field value, if any: a scalar that is not a string, a list that is
/// not an array of objects.
pub trait Shape {
    /// `Some((code, expected))` when the value has the wrong JSON shape.
    fn shape_problem(&self) -> Option<(crate::error::ErrorCode, &'static str)>;
}

impl Shape for Text {
    fn shape_problem(&self) -> Option<(crate::error::ErrorCode, &'static str)> {
        matches!(self, Text::Other(_)).then_some((crate::error::ErrorCode::SyncNotString, "a JSON string"))
    }
}

impl<T> Shape for List<T> {
    fn shape_problem(&self) -> Option<(crate::error::ErrorCode, &'static str)> {
        matches!(self, List::Other(_)).then_some((crate::error::ErrorCode::SyncShape, "an array of objects"))
    }
}

impl Shape for Value {
    fn shape_problem(&self) -> Option<(crate::error::ErrorCode, &'static str)> {
        None
    }
}
