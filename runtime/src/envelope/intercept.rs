//! The `Response` object, intercepted: the envelope takes `RequestId` and `Error` for itself,
//! wherever they stand, and hands every other entry to the user's derived `Deserialize`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, Visitor,
};
use serde::Deserialize;

use super::ctx::Ctx;
use super::id_seed::RequestIdSeed;
use super::key::{self, Key, KeySeed, KeyText, Level};
use super::lenient::ErrorBody;
use super::outcome::Outcome;
use crate::error::EnvelopeProblem;
use crate::request_id::RequestId;

/// Reads the `Response` object.
pub(crate) struct ResponseSeed<'a, T> {
    ctx: Ctx<'a>,
    data: PhantomData<T>,
}

impl<'a, T> ResponseSeed<'a, T> {
    pub(crate) fn new(ctx: Ctx<'a>) -> Self {
        ResponseSeed {
            ctx,
            data: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ResponseSeed<'_, T> {
    type Value = Outcome<'de, T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Outcome<'de, T>, D::Error> {
        d.deserialize_map(self)
    }
}

/// The entries of `Response` that belong to the envelope, not to the user's struct.
#[derive(Default)]
struct Slots<'de> {
    request_id: Option<RequestId>,
    error: Option<ErrorBody<'de>>,
}

/// Returned through the user's `Deserialize` to stop it as soon as `Error` is seen: from then on
/// the response is an API error and the data fields, if any, do not matter. The caller knows
/// by `Slots::error`, never by this text.
const STOP: &str = "tencent-action: Response.Error";

impl<'de, T: Deserialize<'de>> Visitor<'de> for ResponseSeed<'_, T> {
    type Value = Outcome<'de, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the `Response` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<'de, T>, A::Error> {
        // What is not the type's own (the envelope's entries before the first data key, and
        // everything after an `Error`) is read by functions generic over the map alone,
        // compiled once for every response type.
        let (first, mut slots) = match head(&mut map, self.ctx)? {
            Head::Data { first, request_id } => (
                first,
                Slots {
                    request_id,
                    error: None,
                },
            ),
            Head::Api { error, request_id } => return Ok(Outcome::Api { error, request_id }),
        };
        let data = T::deserialize(MapAccessDeserializer::new(Intercept {
            map: &mut map,
            slots: &mut slots,
            pending: first,
            ctx: self.ctx,
        }));
        match (data, slots.error.take()) {
            // The derived visitor read the object to its end; RequestId was taken on the way.
            (Ok(data), None) => Ok(Outcome::Data {
                data,
                request_id: slots.request_id,
            }),
            // Stopped at an `Error` that came after data fields.
            (_, Some(error)) => {
                let request_id = rest_of_error(&mut map, slots.request_id, self.ctx)?;
                Ok(Outcome::Api { error, request_id })
            }
            (Err(err), None) => Err(err),
        }
    }
}

/// What the start of `Response` says: data from `first` on, or an API error.
enum Head<'de> {
    Data {
        first: Pending<'de>,
        request_id: Option<RequestId>,
    },
    Api {
        error: ErrorBody<'de>,
        request_id: Option<RequestId>,
    },
}

/// Reads the envelope's own entries that come before the first data key, so that an error
/// envelope (`Error` and `RequestId` only, in either order) never starts the user's
/// `Deserialize` and never pays for stopping it.
#[inline(never)]
fn head<'de, A: MapAccess<'de>>(map: &mut A, ctx: Ctx<'_>) -> Result<Head<'de>, A::Error> {
    let mut request_id = None;
    let first = loop {
        match map.next_key_seed(KeySeed::new(Level::Response, KeyText))? {
            None => break Pending::End,
            Some(Key::RequestId) => {
                let id = map.next_value_seed(RequestIdSeed(ctx))?;
                request_id = request_id.or(id);
            }
            Some(Key::Error) => {
                let error = map.next_value()?;
                let request_id = rest_of_error(map, request_id, ctx)?;
                return Ok(Head::Api { error, request_id });
            }
            Some(Key::Other(key)) => break Pending::Key(key),
            // Unreachable: in `Response` the envelope owns only `RequestId` and `Error`.
            Some(_) => break Pending::End,
        }
    };
    Ok(Head::Data { first, request_id })
}

/// After `Error`: reads the rest of the `Response` object for a RequestId after it (`request_id`
/// is the one before it, which wins).
#[inline(never)]
fn rest_of_error<'de, A: MapAccess<'de>>(
    map: &mut A,
    mut request_id: Option<RequestId>,
    ctx: Ctx<'_>,
) -> Result<Option<RequestId>, A::Error> {
    while let Some(key) = map.next_key_seed(key::skip(Level::Response))? {
        match key {
            Key::RequestId => {
                let id = map.next_value_seed(RequestIdSeed(ctx))?;
                request_id = request_id.or(id);
            }
            Key::Error => {
                // Two errors, or an error after one: which one is meant is anyone's guess.
                ctx.flags
                    .duplicate
                    .set(Some(EnvelopeProblem::DuplicateError));
                return Err(de::Error::custom("`Response` has more than one `Error`"));
            }
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    Ok(request_id)
}

/// What [`Intercept`] hands out before reading on.
enum Pending<'de> {
    /// The first data key, already read.
    Key(Cow<'de, str>),
    /// The object ended before any data key.
    End,
    /// Nothing: read the next key.
    None,
}

/// The `Response` object as the user's struct sees it: every entry but `RequestId` and `Error`.
struct Intercept<'a, 'de, A> {
    map: &'a mut A,
    slots: &'a mut Slots<'de>,
    ctx: Ctx<'a>,
    pending: Pending<'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Intercept<'_, 'de, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::End => return Ok(None),
            Pending::Key(Cow::Borrowed(key)) => {
                return seed
                    .deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            Pending::Key(Cow::Owned(key)) => {
                return seed.deserialize(key.into_deserializer()).map(Some)
            }
        }
        // The user's seed is used once, for the first key that is not the envelope's: the
        // envelope's own keys before it do not consume it.
        let mut seed = Some(seed);
        loop {
            let key = self
                .map
                .next_key_seed(KeySeed::new(Level::Response, Once(&mut seed)))?;
            match key {
                None => return Ok(None),
                Some(Key::Other(value)) => return Ok(Some(value)),
                Some(Key::RequestId) => {
                    // The first string id wins: a later `null` or number does not erase it.
                    let id = self.map.next_value_seed(RequestIdSeed(self.ctx))?;
                    self.slots.request_id = self.slots.request_id.take().or(id);
                }
                Some(Key::Error) => {
                    self.slots.error = Some(self.map.next_value()?);
                    return Err(de::Error::custom(STOP));
                }
                // Unreachable: in `Response` the envelope owns only `RequestId` and `Error`.
                Some(_) => return Ok(None),
            }
        }
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Lends a seed that may be needed again when the key turns out to be the envelope's.
struct Once<'a, K>(&'a mut Option<K>);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for Once<'_, K> {
    type Value = K::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        match self.0.take() {
            Some(seed) => seed.deserialize(d),
            None => Err(de::Error::custom("tencent-action: key seed used twice")),
        }
    }
}
