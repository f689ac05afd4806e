//! The envelope's keys, at every level of the body, as one enum.
//!
//! The envelope owns a few names at each level (`Response` and the legacy fields at the top,
//! `RequestId` and `Error` inside `Response`, `Code` and `Message` inside `Error`); every other
//! key is handed to a seed chosen by the caller: skipped, kept as text, or given to the user's
//! struct.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, Visitor};

/// Where a key stands, which decides the names the envelope owns there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// The top-level object: `Response`, and the legacy API 2.0 `code`, `message`, `codeDesc`.
    Top,
    /// The `Response` object: `RequestId` and `Error`.
    Response,
    /// The `Error` object: `Code` and `Message`.
    Error,
}

/// A key of the envelope; `Other` holds what the caller's seed made of a key the envelope does
/// not own at that level.
pub(crate) enum Key<U> {
    /// `Response` (top level).
    Response,
    /// `code` (top level, legacy) or `Code` (in `Error`).
    Code,
    /// `message` (top level, legacy) or `Message` (in `Error`).
    Message,
    /// `codeDesc` (top level, legacy).
    CodeDesc,
    /// `RequestId` (in `Response`).
    RequestId,
    /// `Error` (in `Response`).
    Error,
    /// Any other key.
    Other(U),
}

/// Reads one key at `level`; keys the envelope does not own go to `other`.
pub(crate) struct KeySeed<S> {
    level: Level,
    other: S,
}

impl<S> KeySeed<S> {
    pub(crate) fn new(level: Level, other: S) -> Self {
        KeySeed { level, other }
    }

    #[inline]
    fn own<V>(&self, key: &str) -> Option<Key<V>> {
        Some(match (self.level, key) {
            (Level::Top, "Response") => Key::Response,
            (Level::Top, "code") | (Level::Error, "Code") => Key::Code,
            (Level::Top, "message") | (Level::Error, "Message") => Key::Message,
            (Level::Top, "codeDesc") => Key::CodeDesc,
            (Level::Response, "RequestId") => Key::RequestId,
            (Level::Response, "Error") => Key::Error,
            _ => return None,
        })
    }
}

/// A key whose other keys are skipped.
pub(crate) fn skip(level: Level) -> KeySeed<PhantomData<IgnoredAny>> {
    KeySeed::new(level, PhantomData)
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<S> {
    type Value = Key<S::Value>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for KeySeed<S> {
    type Value = Key<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        match self.own(v) {
            Some(key) => Ok(key),
            None => self
                .other
                .deserialize(BorrowedStrDeserializer::new(v))
                .map(Key::Other),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match self.own(v) {
            Some(key) => Ok(key),
            None => self
                .other
                .deserialize(v.into_deserializer())
                .map(Key::Other),
        }
    }
}

/// Keeps a key as text: borrowed from the body when it had no escapes.
pub(crate) struct KeyText;

impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = Cow<'de, str>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyText {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        // A key that is not a plain slice of the body (it held an escape): rare, so copied.
        Ok(Cow::Owned(v.to_owned()))
    }
}
