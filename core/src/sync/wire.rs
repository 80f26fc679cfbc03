//! Wire building blocks: [`Text`] (a scalar that DVCQG sends as a string), [`List`] and the
//! `wire_record!` macro that declares a record with its exact wire names, keeps unknown fields
//! for lossless round trips and masks personal fields in `Debug`.
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// A scalar field. DVCQG sends every value as a JSON string; anything else is kept as it came so
/// validation can report it (`sync_not_string`) and serialisation stays lossless. Strings borrow
/// from the input when they contain no escape, so validation does not copy them.
#[derive(Clone, PartialEq)]
pub enum Text<'a> {
    /// A JSON string (the normal case).
    Str(Cow<'a, str>),
    /// Any other JSON value (boxed: rare, and keeps `Text` small).
    Other(Box<Value>),
}

impl Text<'_> {
    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Text::Str(s) => Some(s),
            Text::Other(_) => None,
        }
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Self {
        Text::Str(Cow::Borrowed(s))
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Str(s) => fmt::Debug::fmt(s, f),
            Text::Other(v) => write!(f, "{v}"),
        }
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Str(v) => s.serialize_str(v),
            Text::Other(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text::Str(Cow::Owned(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text<'de>, E> {
                Ok(Text::Other(Box::new(Value::Bool(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text<'de>, E> {
                Ok(Text::Other(Box::new(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text<'de>, E> {
                Ok(Text::Other(Box::new(v.into())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text<'de>, E> {
                Ok(Text::Other(Box::new(
                    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
                )))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
                Ok(Text::Other(Box::new(Value::Null)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, a: A) -> Result<Text<'de>, A::Error> {
                Value::deserialize(de::value::SeqAccessDeserializer::new(a)).map(|v| Text::Other(Box::new(v)))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<Text<'de>, A::Error> {
                Value::deserialize(de::value::MapAccessDeserializer::new(a)).map(|v| Text::Other(Box::new(v)))
            }
        }
        d.deserialize_any(V)
    }
}

/// Detaches a borrowed wire value from its input buffer.
pub trait IntoOwned {
    /// The same value with `'static` lifetime.
    type Owned;
    /// Copies every borrowed string.
    fn into_owned(self) -> Self::Owned;
}

impl IntoOwned for Text<'_> {
    type Owned = Text<'static>;
    fn into_owned(self) -> Text<'static> {
        match self {
            Text::Str(s) => Text::Str(Cow::Owned(s.into_owned())),
            Text::Other(v) => Text::Other(v),
        }
    }
}

impl<T: IntoOwned> IntoOwned for List<T> {
    type Owned = List<T::Owned>;
    fn into_owned(self) -> List<T::Owned> {
        match self {
            List::Items(v) => List::Items(v.into_iter().map(IntoOwned::into_owned).collect()),
            List::Other(v) => List::Other(v),
        }
    }
}

impl IntoOwned for Value {
    type Owned = Value;
    fn into_owned(self) -> Value {
        self
    }
}

/// A list field: the items when it is an array of objects, otherwise the raw value (reported by
/// validation as `sync_shape`, kept for round trips).
#[derive(Clone, PartialEq, Debug)]
pub enum List<T> {
    /// An array of records.
    Items(Vec<T>),
    /// Anything else (boxed: rare).
    Other(Box<Value>),
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

impl<'de, T: Deserialize<'de> + Serialize> Deserialize<'de> for List<T> {
    /// Items are deserialized straight into `T` (one pass); any other shape is kept as raw JSON.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Serialize> de::Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::with_capacity(a.size_hint().unwrap_or(0));
                let mut raw: Option<Vec<Value>> = None;
                while let Some(item) = a.next_element::<Item<T>>()? {
                    match (item, &mut raw) {
                        (Item::Record(t), None) => items.push(t),
                        (Item::Raw(v), None) => {
                            let mut all: Vec<Value> = items
                                .drain(..)
                                .map(|t| serde_json::to_value(t).unwrap_or(Value::Null))
                                .collect();
                            all.push(v);
                            raw = Some(all);
                        }
                        (Item::Record(t), Some(all)) => all.push(serde_json::to_value(t).unwrap_or(Value::Null)),
                        (Item::Raw(v), Some(all)) => all.push(v),
                    }
                }
                Ok(match raw {
                    None => List::Items(items),
                    Some(all) => List::Other(Box::new(Value::Array(all))),
                })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<List<T>, A::Error> {
                Value::deserialize(de::value::MapAccessDeserializer::new(a)).map(|v| List::Other(Box::new(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<List<T>, E> {
                Ok(List::Other(Box::new(Value::String(v.to_string()))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<List<T>, E> {
                Ok(List::Other(Box::new(Value::Bool(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<List<T>, E> {
                Ok(List::Other(Box::new(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<List<T>, E> {
                Ok(List::Other(Box::new(v.into())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<List<T>, E> {
                Ok(List::Other(Box::new(
                    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
                )))
            }
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List::Other(Box::new(Value::Null)))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// One array element: a record when it is an object, otherwise the raw value.
enum Item<T> {
    Record(T),
    Raw(Value),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> de::Visitor<'de> for V<T> {
            type Value = Item<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<Item<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(a)).map(Item::Record)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, a: A) -> Result<Item<T>, A::Error> {
                Value::deserialize(de::value::SeqAccessDeserializer::new(a)).map(Item::Raw)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Item<T>, E> {
                Ok(Item::Raw(Value::String(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Item<T>, E> {
                Ok(Item::Raw(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Item<T>, E> {
                Ok(Item::Raw(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Item<T>, E> {
                Ok(Item::Raw(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Item<T>, E> {
                Ok(Item::Raw(
                    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
                ))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Item<T>, E> {
                Ok(Item::Raw(Value::Null))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A JSON object key, borrowed from the input when it has no escapes (no allocation per key).
pub struct WireKey<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for WireKey<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = WireKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<WireKey<'de>, E> {
                Ok(WireKey(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WireKey<'de>, E> {
                Ok(WireKey(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<WireKey<'de>, E> {
                Ok(WireKey(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Declares a wire record: every field `Option<T>` under its exact DVCQG name, unknown fields kept
/// in `extra` in arrival order, `FIELDS` listing the wire names, and a `Debug` that masks `personal`
/// fields. Records borrow their strings from the input (`'a`); `into_owned` detaches them.
macro_rules! wire_record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident<$lt:lifetime> {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $wire:literal $(, personal = $personal:literal)? ;)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Default, PartialEq)]
        pub struct $name<$lt> {
            $( $(#[$fmeta])* pub $field: Option<$ty>, )*
            /// Fields outside the model, kept so serialisation is lossless.
            pub extra: Vec<(std::borrow::Cow<$lt, str>, serde_json::Value)>,
        }

        impl<$lt> $name<$lt> {
            /// Wire names of the modelled fields, in declaration order.
            pub const FIELDS: &'static [&'static str] = &[$($wire),*];

            /// Parses JSON text, borrowing strings from it where possible.
            pub fn from_json(text: &$lt str) -> Result<Self, serde_json::Error> {
                serde_json::from_str(text)
            }

            /// Calls `f(wire_name, code, expected)` for each field whose JSON shape is wrong.
            pub fn each_shape_problem(&self, mut f: impl FnMut(&'static str, $crate::error::ErrorCode, &'static str)) {
                use $crate::sync::wire::Shape;
                $( if let Some((code, expected)) = self.$field.as_ref().and_then(|v| v.shape_problem()) { f($wire, code, expected); } )*
            }
        }

        impl<$lt> $crate::sync::wire::IntoOwned for $name<$lt> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                $name {
                    $( $field: self.$field.map($crate::sync::wire::IntoOwned::into_owned), )*
                    extra: self.extra.into_iter().map(|(k, v)| (std::borrow::Cow::Owned(k.into_owned()), v)).collect(),
                }
            }
        }

        impl serde::Serialize for $name<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                $( if let Some(v) = &self.$field { m.serialize_entry($wire, v)?; } )*
                for (k, v) in &self.extra { m.serialize_entry(k, v)?; }
                m.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name<'de> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $name<'de>;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name<'de>, A::Error> {
                        let mut out = $name::default();
                        while let Some($crate::sync::wire::WireKey(key)) = map.next_key()? {
                            match key.as_ref() {
                                $( $wire => out.$field = Some(map.next_value()?), )*
                                _ => out.extra.push((key, map.next_value()?)),
                            }
                        }
                        Ok(out)
                    }
                }
                d.deserialize_map(V)
            }
        }

        impl std::fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut d = f.debug_struct(stringify!($name));
                $(
                    if let Some(v) = &self.$field {
                        if false $(|| $personal)? { d.field($wire, &"<redacted>"); } else { d.field($wire, v); }
                    }
                )*
                if !self.extra.is_empty() { d.field("extra_fields", &self.extra.iter().map(|(k, _)| k.as_ref()).collect::<Vec<_>>()); }
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

impl Shape for Text<'_> {
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
