//! The seeds that read `Response.RequestId`.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

use super::ctx::{Ctx, IdMode};
use super::lenient::TextSeed;
use crate::request_id::{printable, RequestId};

/// A RequestId, stored inline; `None` for `null` (and in [`IdMode::Text`], for any value that
/// is not a string).
pub(crate) struct RequestIdSeed<'a>(pub(crate) Ctx<'a>);

impl<'de> DeserializeSeed<'de> for RequestIdSeed<'_> {
    type Value = Option<RequestId>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match self.0.mode {
            IdMode::Bytes => {
                let id = d.deserialize_option(BytesOption);
                if id.is_err() {
                    self.0.flags.retry_as_text.set(true);
                }
                id
            }
            IdMode::Text => LenientRequestIdSeed.deserialize(d),
        }
    }
}

/// `null`, or a string read as bytes.
struct BytesOption;

impl<'de> Visitor<'de> for BytesOption {
    type Value = Option<RequestId>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RequestId string")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_bytes(RequestIdBytes)
    }
}

struct RequestIdBytes;

impl<'de> Visitor<'de> for RequestIdBytes {
    type Value = Option<RequestId>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RequestId string")
    }

    /// The id exactly as it stands in the body (it had no escapes): JSON forbids raw control
    /// characters in strings, and the bytes must be UTF-8.
    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
        // Printable ASCII (0x20..0x80): a few vector compares.
        if printable(v) {
            return Ok(Some(RequestId::from_ascii(v)));
        }
        match std::str::from_utf8(v) {
            Ok(id) if !id.chars().any(|c| c < ' ') => Ok(Some(RequestId::new(id))),
            // Not JSON text: the retry in `Text` mode reads it again and says so.
            _ => Err(E::custom("invalid RequestId string")),
        }
    }

    /// Unescaped into a buffer: the raw text can no longer be checked from here.
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Err(E::custom("RequestId written with escapes"))
    }
}

/// A RequestId read leniently: any value that is not a string is none.
pub(crate) struct LenientRequestIdSeed;

impl<'de> DeserializeSeed<'de> for LenientRequestIdSeed {
    type Value = Option<RequestId>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Ok(TextSeed.deserialize(d)?.map(|id| RequestId::new(&id)))
    }
}
