//! Numbers and bools that a server sends as strings, read without giving up the schema check.
//!
//! Tencent's servers sometimes deviate from their published schema: `"Total": "23"` for a
//! `uint64` member, `"Enabled": "true"` for a bool (the official Go SDK's issues #1, #8, #38,
//! #50 and #127). `#[serde(with = "tencent_action::lenient")]` on such a field reads the value
//! in either form and writes it in the schema's (a number or a bool). The schema check accepts
//! it only on a member whose published type is a number or a bool, and still checks the field's
//! type against it (integer width included).
//!
//! ```
//! use tencent_action::prelude::*;
//!
//! #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
//! pub struct DescribeInstances {
//!     #[serde(with = "tencent_action::lenient")]
//!     pub total_count: i64,
//! }
//!
//! let out: DescribeInstances =
//!     tencent_action::from_str(r#"{"Response": {"TotalCount": "23", "RequestId": "r"}}"#)?;
//! assert_eq!(out.total_count, 23);
//! let out: DescribeInstances =
//!     tencent_action::from_str(r#"{"Response": {"TotalCount": 24, "RequestId": "r"}}"#)?;
//! assert_eq!(out.total_count, 24);
//! # Ok::<(), tencent_action::Error>(())
//! ```
//!
//! Works on the integer types, `f32`, `f64`, `bool`, and `Option` of any of them (`null` is
//! `None`; so is a missing member when the field also has `#[serde(default)]`).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// A type `lenient` reads from its JSON form or from a string.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number or a bool: `tencent_action::lenient` reads only those (and `Option`s of them)",
    label = "`with = \"tencent_action::lenient\"` on a `{Self}` field"
)]
pub trait Lenient: Sized {
    #[doc(hidden)]
    fn from_visit<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Reads a number or bool, or a string holding one. For `#[serde(with = "...")]`.
pub fn deserialize<'de, T: Lenient, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::from_visit(deserializer)
}

/// Writes the value as the schema says: a number or a bool (`None` as `null`).
pub fn serialize<T: Serialize, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize(serializer)
}

/// What a scalar can be read from: each JSON form becomes text or a number, then the target
/// type's own conversion decides (`"23"` and `23` give 23; `"2.5"` is refused for an integer).
enum Seen<'a> {
    I64(i64),
    U64(u64),
    F64(f64),
    Bool(bool),
    Str(&'a str),
}

struct ScalarVisitor<T>(std::marker::PhantomData<T>);

macro_rules! lenient_numbers {
    ($($ty:ty),*) => {$(
        impl Convert for $ty {
            const EXPECTING: &'static str = concat!("a ", stringify!($ty), " or a string holding one");

            fn convert<E: de::Error>(seen: Seen<'_>) -> Result<Self, E> {
                let invalid = || E::custom(format_args!("expected {}", <$ty as Convert>::EXPECTING));
                match seen {
                    Seen::I64(v) => <$ty>::try_from(v).map_err(|_| invalid()),
                    Seen::U64(v) => <$ty>::try_from(v).map_err(|_| invalid()),
                    Seen::F64(_) | Seen::Bool(_) => Err(invalid()),
                    Seen::Str(s) => s.trim().parse().map_err(|_| {
                        E::custom(format_args!("invalid value: string {s:?}, expected {}", <$ty as Convert>::EXPECTING))
                    }),
                }
            }
        }
    )*};
}

lenient_numbers!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

macro_rules! lenient_floats {
    ($($ty:ty),*) => {$(
        impl Convert for $ty {
            const EXPECTING: &'static str = concat!("a ", stringify!($ty), " or a string holding one");

            fn convert<E: de::Error>(seen: Seen<'_>) -> Result<Self, E> {
                match seen {
                    Seen::I64(v) => Ok(v as $ty),
                    Seen::U64(v) => Ok(v as $ty),
                    Seen::F64(v) => Ok(v as $ty),
                    Seen::Bool(_) => Err(E::custom(format_args!("expected {}", <$ty as Convert>::EXPECTING))),
                    Seen::Str(s) => s.trim().parse().map_err(|_| {
                        E::custom(format_args!("invalid value: string {s:?}, expected {}", <$ty as Convert>::EXPECTING))
                    }),
                }
            }
        }
    )*};
}

lenient_floats!(f32, f64);

/// Every scalar is read the same way: whatever JSON form it has, then converted.
impl<T: Convert> Lenient for T {
    fn from_visit<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor::<T>(std::marker::PhantomData))
    }
}

impl Convert for bool {
    const EXPECTING: &'static str = "a bool or a string holding one (\"true\", \"false\")";

    fn convert<E: de::Error>(seen: Seen<'_>) -> Result<Self, E> {
        match seen {
            Seen::Bool(v) => Ok(v),
            Seen::Str(s) => match s.trim() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(E::custom(format_args!(
                    "invalid value: string {s:?}, expected {}",
                    Self::EXPECTING
                ))),
            },
            _ => Err(E::custom(format_args!("expected {}", Self::EXPECTING))),
        }
    }
}

impl<T: Lenient> Lenient for Option<T> {
    fn from_visit<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OptionVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for OptionVisitor<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("null, or a value or a string holding one")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                T::from_visit(d).map(Some)
            }
        }
        deserializer.deserialize_option(OptionVisitor(std::marker::PhantomData))
    }
}

/// The conversion of one scalar type from what was seen.
trait Convert: Sized {
    const EXPECTING: &'static str;
    fn convert<E: de::Error>(seen: Seen<'_>) -> Result<Self, E>;
}

impl<'de, T: Convert> Visitor<'de> for ScalarVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::convert(Seen::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::convert(Seen::U64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::convert(Seen::F64(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::convert(Seen::Bool(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::convert(Seen::Str(v))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize, Serialize, Debug, PartialEq)]
    struct Row {
        #[serde(with = "crate::lenient")]
        total: u64,
        #[serde(with = "crate::lenient", default)]
        ratio: Option<f64>,
        #[serde(with = "crate::lenient")]
        on: bool,
    }

    fn read(json: &str) -> Result<Row, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_either_form_and_writes_the_schemas() {
        let want = Row {
            total: 23,
            ratio: Some(0.5),
            on: true,
        };
        assert_eq!(
            read(r#"{"total": "23", "ratio": "0.5", "on": "true"}"#).unwrap(),
            want
        );
        assert_eq!(
            read(r#"{"total": 23, "ratio": 0.5, "on": true}"#).unwrap(),
            want
        );
        assert_eq!(
            serde_json::to_string(&want).unwrap(),
            r#"{"total":23,"ratio":0.5,"on":true}"#
        );
        let none = read(r#"{"total": 1, "ratio": null, "on": false}"#).unwrap();
        assert_eq!(none.ratio, None);
        assert_eq!(read(r#"{"total": 1, "on": false}"#).unwrap().ratio, None);
    }

    #[test]
    fn refuses_what_is_not_the_type() {
        for (json, why) in [
            (r#"{"total": "-1", "on": true}"#, "expected a u64"),
            (r#"{"total": -1, "on": true}"#, "expected a u64"),
            (r#"{"total": "2.5", "on": true}"#, "expected a u64"),
            (
                r#"{"total": "x", "on": true}"#,
                "invalid value: string \"x\"",
            ),
            (r#"{"total": 1, "on": "yes"}"#, "expected a bool"),
            (r#"{"total": [1], "on": true}"#, "expected a u64"),
        ] {
            let e = read(json).unwrap_err();
            assert!(e.contains(why), "{json}: {e}");
        }
    }
}
