//! The seeds that read `Response.RequestId`.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

use super::lenient::TextSeed;
use crate::request_id::RequestId;

/// How the success path reads a RequestId.
#[derive(Clone, Copy, Debug)]
pub(crate) enum IdMode<'a> {
    /// As the raw bytes of the body, checked with `is_ascii` (a word at a time) and for control
    /// characters: on a small response, validating the 36-byte id through `str` costs more than
    /// everything else the envelope does. An id written with escapes stops the decode and sets
    /// the flag, and the decode is retried in `Text` mode.
    Bytes {
        /// Set when an id written with escapes stopped the decode.
        escaped: &'a Cell<bool>,
    },
    /// As a `str`, validated by serde_json.
    Text,
}

/// A RequestId, stored inline: a string, or `null` for none. Any other JSON value is an error
/// here; the failure path then reads it leniently and reports where the envelope is wrong.
pub(crate) struct RequestIdSeed<'a>(pub(crate) IdMode<'a>);

impl<'de> DeserializeSeed<'de> for RequestIdSeed<'_> {
    type Value = Option<RequestId>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for RequestIdSeed<'_> {
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
        match self.0 {
            IdMode::Bytes { escaped } => d.deserialize_bytes(RequestIdBytes { escaped }),
            IdMode::Text => d.deserialize_str(RequestIdText),
        }
    }
}

struct RequestIdBytes<'a> {
    escaped: &'a Cell<bool>,
}

impl<'de> Visitor<'de> for RequestIdBytes<'_> {
    type Value = Option<RequestId>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RequestId string")
    }

    /// The id exactly as it stands in the body (it had no escapes): JSON forbids raw control
    /// characters in strings, and the bytes must be UTF-8.
    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
        // One compare a byte (0x20..0x80 is printable ASCII), which the compiler vectorises.
        if v.iter().all(|&b| b.wrapping_sub(0x20) < 0x60) {
            return Ok(Some(RequestId::from_ascii(v)));
        }
        match std::str::from_utf8(v) {
            Ok(id) if !id.chars().any(|c| c < ' ') => Ok(Some(RequestId::new(id))),
            // Not JSON text: the failure path's probe reads it again and says so.
            _ => Err(E::custom("invalid RequestId string")),
        }
    }

    /// Unescaped into a buffer: the raw text can no longer be checked from here. The flag, not
    /// this message, sends the decode back for a retry in [`IdMode::Text`].
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        self.escaped.set(true);
        Err(E::custom("RequestId written with escapes"))
    }
}

struct RequestIdText;

impl<'de> Visitor<'de> for RequestIdText {
    type Value = Option<RequestId>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RequestId string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(RequestId::new(v)))
    }
}

/// A RequestId read leniently (for the failure path): any value that is not a string is none.
pub(crate) struct LenientRequestIdSeed;

impl<'de> DeserializeSeed<'de> for LenientRequestIdSeed {
    type Value = Option<RequestId>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Ok(TextSeed.deserialize(d)?.map(|id| RequestId::new(&id)))
    }
}
