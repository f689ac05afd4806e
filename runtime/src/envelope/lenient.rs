//! Lenient reading of the envelope's own fields: an unexpected type is "absent", never a failure.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::key::{self, Key, Level};
use crate::code::ErrorCode;
use crate::error::{EnvelopeProblem, Error};
use crate::request_id::RequestId;

/// `Response.Error`, read leniently: a missing `Code` is reported by the caller, not here. The
/// code is borrowed from the body when it can be.
#[derive(Default, Debug)]
pub(crate) struct ErrorBody<'de> {
    pub(crate) code: Option<Cow<'de, str>>,
    pub(crate) message: Option<String>,
}

impl ErrorBody<'_> {
    /// The API error this `Response.Error` says, or an envelope error when it has no `Code`.
    pub(crate) fn into_error<C: ErrorCode>(
        self,
        action: &'static str,
        request_id: Option<RequestId>,
        body: &[u8],
    ) -> Error<C> {
        match self.code {
            // The typed code gives the raw code back (`as_str`): only codes it does not list
            // are copied, so a known code costs no allocation at all.
            Some(code) => Error::api(
                C::from_code(&code),
                self.message.unwrap_or_default(),
                None,
                action,
                request_id,
            ),
            None => Error::envelope(EnvelopeProblem::ErrorWithoutCode, body, action, request_id),
        }
    }
}

impl<'de> Deserialize<'de> for ErrorBody<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ErrorBodyVisitor)
    }
}

struct ErrorBodyVisitor;

impl<'de> Visitor<'de> for ErrorBodyVisitor {
    type Value = ErrorBody<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the `Error` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody<'de>, A::Error> {
        let mut body = ErrorBody::default();
        while let Some(key) = map.next_key_seed(key::skip(Level::Error))? {
            match key {
                Key::Code => body.code = map.next_value_seed(TextSeed)?,
                Key::Message => body.message = map.next_value_seed(StringSeed)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(body)
    }
}

/// A JSON value read leniently: the envelope's own fields must never turn an error response
/// into a decoding failure because one of them has an unexpected type (a `Message` that is a
/// number must not hide the `Code` beside it). Strings are borrowed from the body when they have
/// no escapes; whatever is neither a string nor an integer is skipped.
pub(crate) enum Loose<'de> {
    Text(Cow<'de, str>),
    Int(i64),
    Other,
}

impl<'de> Loose<'de> {
    fn text(self) -> Option<Cow<'de, str>> {
        match self {
            Loose::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// Reads a [`Loose`] value.
pub(crate) struct LooseSeed;

impl<'de> DeserializeSeed<'de> for LooseSeed {
    type Value = Loose<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Loose<'de>, D::Error> {
        d.deserialize_any(LooseSeed)
    }
}

impl<'de> Visitor<'de> for LooseSeed {
    type Value = Loose<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Owned(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose<'de>, E> {
        Ok(Loose::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose<'de>, E> {
        Ok(i64::try_from(v).map_or(Loose::Other, Loose::Int))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_none<E: de::Error>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
}

/// A string read leniently: borrowed when it can be, `None` for any other value.
pub(crate) struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Option<Cow<'de, str>>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        LooseSeed.deserialize(d).map(Loose::text)
    }
}

/// A string read leniently, owned.
pub(crate) struct StringSeed;

impl<'de> DeserializeSeed<'de> for StringSeed {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        Ok(TextSeed.deserialize(d)?.map(Cow::into_owned))
    }
}
