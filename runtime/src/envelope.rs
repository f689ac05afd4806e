//! One-pass decoding of the `{"Response": {...}}` envelope.
//!
//! The success path reads the body once: the `Response` object's [`MapAccess`] is wrapped in
//! [`Intercept`], which takes the `RequestId` and `Error` entries for itself, wherever they
//! stand, and hands every other entry to the user's derived `Deserialize`. No
//! `serde_json::Value`, no buffering, no second parse. The entries before the first data key
//! are read by the envelope itself (that key is then replayed to the user's struct), so an
//! error envelope never starts the user's `Deserialize` nor pays for stopping it. When
//! anything fails, the failure path in [`crate::diagnose`] re-reads the body to say exactly
//! what and where.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, Visitor,
};
use serde::Deserialize;

use crate::action::Action;
use crate::code::ErrorCode;
use crate::diagnose;
use crate::error::{EnvelopeProblem, Error};
use crate::request_id::RequestId;

/// Decodes a response body into `T`, unwrapping the envelope and capturing the RequestId.
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstancesStatus")]
/// pub struct DescribeInstancesStatus {
///     pub total_count: i64,
/// }
///
/// let body = br#"{"Response": {"TotalCount": 0, "InstanceStatusSet": [],
///     "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
/// let out: DescribeInstancesStatus = tencent_action::from_slice(body)?;
/// assert_eq!(out.total_count, 0);
/// assert_eq!(out.request_id(), "b5b41468-520d-4192-b42f-595cc34b6c1c");
/// # Ok::<(), tencent_action::Error>(())
/// ```
///
/// # Errors
///
/// An [`Error`] of kind [`Api`](crate::ErrorKind::Api) when the response is an API error, and
/// of the other kinds when the body is not what `T` describes; see [`ErrorKind`](crate::ErrorKind).
pub fn from_slice<'de, T>(body: &'de [u8]) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
{
    let mut de = serde_json::Deserializer::from_slice(body);
    finish(decode(&mut de, IdMode::Bytes), body, None)
}

/// Decodes a response body held in a `str`; see [`from_slice`].
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
/// pub struct SendSms {
///     pub send_status_set: Vec<SendStatus>,
/// }
///
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "PascalCase")]
/// pub struct SendStatus {
///     pub code: String,
/// }
///
/// let body = r#"{"Response": {"RequestId": "a0aa", "SendStatusSet": [{"Code": "Ok"}]}}"#;
/// let out: SendSms = tencent_action::from_str(body).unwrap();
/// assert_eq!(out.send_status_set[0].code, "Ok");
/// assert_eq!(out.request_id(), "a0aa");
/// ```
///
/// # Errors
///
/// As [`from_slice`].
pub fn from_str<'de, T>(body: &'de str) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
{
    let mut de = serde_json::Deserializer::from_str(body);
    finish(decode(&mut de, IdMode::Bytes), body.as_bytes(), None)
}

/// Decodes `body`, taking the RequestId from `fallback_request_id` (the `X-TC-RequestId`
/// header) when the body has none.
#[allow(dead_code)] // used by the HTTP layer
pub(crate) fn from_slice_with_fallback<'de, T>(
    body: &'de [u8],
    fallback_request_id: Option<&str>,
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
{
    let mut de = serde_json::Deserializer::from_slice(body);
    finish(decode(&mut de, IdMode::Bytes), body, fallback_request_id)
}

fn decode<'de, T, R>(
    de: &mut serde_json::Deserializer<R>,
    mode: IdMode,
) -> serde_json::Result<Outcome<'de, T>>
where
    T: Deserialize<'de>,
    R: serde_json::de::Read<'de>,
{
    let outcome = deserialize_top(&mut *de, mode)?;
    de.end()?;
    Ok(outcome)
}

/// Reads a whole envelope from any deserializer (the failure path wraps one to track paths).
pub(crate) fn deserialize_top<'de, T, D>(d: D, mode: IdMode) -> Result<Outcome<'de, T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    d.deserialize_map(TopVisitor {
        mode,
        data: PhantomData,
    })
}

#[inline]
fn finish<'de, T>(
    outcome: serde_json::Result<Outcome<'de, T>>,
    body: &'de [u8],
    fallback_request_id: Option<&str>,
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
{
    let fallback = || fallback_request_id.map(RequestId::new);
    match outcome {
        Ok(Outcome::Data {
            mut data,
            request_id,
        }) => {
            if let Some(id) = request_id.or_else(fallback) {
                data.__set_request_id(id);
            }
            Ok(data)
        }
        Ok(Outcome::Api { error, request_id }) => Err(api_error::<T::Code>(
            error,
            T::ACTION,
            request_id.or_else(fallback),
            body,
        )),
        Ok(Outcome::Legacy(legacy)) => Err(legacy
            .into_error(T::ACTION)
            .or_request_id(fallback_request_id)),
        Err(err) if is_escaped_id(&err) => {
            let mut de = serde_json::Deserializer::from_slice(body);
            finish(decode(&mut de, IdMode::Text), body, fallback_request_id)
        }
        Err(err) => Err(diagnose::failure::<T>(body, &err).or_request_id(fallback_request_id)),
    }
}

/// The fast path refused a RequestId written with escapes: retry reading it as text.
fn is_escaped_id(err: &serde_json::Error) -> bool {
    err.is_data() && err.to_string().starts_with(ESCAPED_ID)
}

pub(crate) fn api_error<C: ErrorCode>(
    error: ErrorBody<'_>,
    action: &'static str,
    request_id: Option<RequestId>,
    body: &[u8],
) -> Error<C> {
    match error.code {
        // The typed code gives the raw code back (`as_str`): only codes it does not list are
        // copied, so a known code costs no allocation at all.
        Some(code) => Error::api(
            C::from_code(&code),
            error.message.unwrap_or_default(),
            None,
            action,
            request_id,
        ),
        None => Error::envelope(EnvelopeProblem::ErrorWithoutCode, body, action, request_id),
    }
}

/// What the envelope held.
pub(crate) enum Outcome<'de, T> {
    Data {
        data: T,
        request_id: Option<RequestId>,
    },
    Api {
        error: ErrorBody<'de>,
        request_id: Option<RequestId>,
    },
    Legacy(LegacyBody),
}

/// `Response.Error`, read leniently: a missing `Code` is reported by the caller, not here. The
/// code is borrowed from the body when it can be.
#[derive(Default, Debug)]
pub(crate) struct ErrorBody<'de> {
    pub(crate) code: Option<Cow<'de, str>>,
    pub(crate) message: Option<String>,
}

impl<'de> Deserialize<'de> for ErrorBody<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ErrorBodyVisitor)
    }
}

#[derive(Deserialize)]
#[serde(field_identifier)]
enum ErrorKey {
    Code,
    Message,
    #[serde(other)]
    Other,
}

struct ErrorBodyVisitor;

impl<'de> Visitor<'de> for ErrorBodyVisitor {
    type Value = ErrorBody<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the `Error` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody<'de>, A::Error> {
        let mut body = ErrorBody::default();
        while let Some(key) = map.next_key::<ErrorKey>()? {
            match key {
                ErrorKey::Code => body.code = map.next_value_seed(TextSeed)?,
                ErrorKey::Message => body.message = map.next_value_seed(StringSeed)?,
                ErrorKey::Other => {
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
struct StringSeed;

impl<'de> DeserializeSeed<'de> for StringSeed {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        Ok(TextSeed.deserialize(d)?.map(Cow::into_owned))
    }
}

/// How the success path reads a RequestId.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdMode {
    /// As the raw bytes of the body, checked with `is_ascii` (a word at a time) and for control
    /// characters: on a small response, validating the 36-byte id through `str` costs more than
    /// everything else the envelope does. An id written with escapes is refused with
    /// [`ESCAPED_ID`], and the decode is retried in `Text` mode.
    Bytes,
    /// As a `str`, validated by serde_json.
    Text,
}

/// The message that sends a decode back for a retry in [`IdMode::Text`].
pub(crate) const ESCAPED_ID: &str = "tencent-action: RequestId written with escapes";

/// A RequestId, stored inline: a string, or `null` for none. Any other JSON value is an error
/// here; the failure path then reads it leniently and reports where the envelope is wrong.
pub(crate) struct RequestIdSeed(pub(crate) IdMode);

impl<'de> DeserializeSeed<'de> for RequestIdSeed {
    type Value = Option<RequestId>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for RequestIdSeed {
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
            IdMode::Bytes => d.deserialize_bytes(RequestIdBytes),
            IdMode::Text => d.deserialize_str(RequestIdText),
        }
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

    /// Unescaped into a buffer: the raw text can no longer be checked from here.
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Err(E::custom(ESCAPED_ID))
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

/// A legacy API 2.0 error body: `{"code": 4100, "message": "...", "codeDesc": "..."}`.
#[derive(Default, Debug)]
pub(crate) struct LegacyBody {
    pub(crate) code: Option<i64>,
    pub(crate) message: Option<String>,
    pub(crate) code_desc: Option<String>,
}

impl LegacyBody {
    /// A legacy body is an error when it has a non-zero `code` (or a `codeDesc`).
    pub(crate) fn is_error(&self) -> bool {
        self.code.is_some_and(|c| c != 0) || self.code_desc.is_some()
    }

    pub(crate) fn into_error<C: ErrorCode>(self, action: &'static str) -> Error<C> {
        let code = self
            .code_desc
            .or_else(|| self.code.map(|c| c.to_string()))
            .unwrap_or_default();
        Error::api(
            C::from_code(&code),
            self.message.unwrap_or_default(),
            self.code,
            action,
            None,
        )
    }
}

/// The keys of the top-level object that matter.
#[derive(Deserialize)]
#[serde(field_identifier)]
pub(crate) enum TopKey {
    Response,
    #[serde(rename = "code")]
    Code,
    #[serde(rename = "message")]
    Message,
    #[serde(rename = "codeDesc")]
    CodeDesc,
    #[serde(other)]
    Other,
}

/// Reads the top-level object: `Response` through [`ResponseSeed`], legacy fields leniently,
/// anything else skipped.
struct TopVisitor<T> {
    mode: IdMode,
    data: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for TopVisitor<T> {
    type Value = Outcome<'de, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Tencent Cloud response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<'de, T>, A::Error> {
        let mut legacy = LegacyBody::default();
        while let Some(key) = map.next_key::<TopKey>()? {
            match key {
                TopKey::Response => {
                    let outcome = map.next_value_seed(ResponseSeed {
                        mode: self.mode,
                        data: PhantomData,
                    })?;
                    // Returned from here, not kept in an `Option` until the loop ends: the
                    // outcome holds the whole response struct, and every move of it shows on
                    // small responses. Whatever follows `Response` is skipped.
                    while map.next_key::<IgnoredAny>()?.is_some() {
                        map.next_value::<IgnoredAny>()?;
                    }
                    return Ok(outcome);
                }
                TopKey::Code => {
                    legacy.code = match map.next_value_seed(LooseSeed)? {
                        Loose::Int(n) => Some(n),
                        Loose::Text(s) => s.trim().parse().ok(),
                        Loose::Other => None,
                    }
                }
                TopKey::Message => legacy.message = map.next_value_seed(StringSeed)?,
                TopKey::CodeDesc => legacy.code_desc = map.next_value_seed(StringSeed)?,
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if legacy.is_error() {
            Ok(Outcome::Legacy(legacy))
        } else {
            Err(de::Error::custom("the body has no `Response` object"))
        }
    }
}

/// Reads the `Response` object.
struct ResponseSeed<T> {
    mode: IdMode,
    data: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ResponseSeed<T> {
    type Value = Outcome<'de, T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Outcome<'de, T>, D::Error> {
        d.deserialize_map(ResponseVisitor {
            mode: self.mode,
            data: PhantomData,
        })
    }
}

struct ResponseVisitor<T> {
    mode: IdMode,
    data: PhantomData<T>,
}

/// The entries of `Response` that belong to the envelope, not to the user's struct.
#[derive(Default)]
struct Slots<'de> {
    request_id: Option<RequestId>,
    error: Option<ErrorBody<'de>>,
}

/// Returned through the user's `Deserialize` to stop it as soon as `Error` is seen: from then on
/// the response is an API error and the data fields, if any, do not matter.
const STOP: &str = "tencent-action: Response.Error";

impl<'de, T: Deserialize<'de>> Visitor<'de> for ResponseVisitor<T> {
    type Value = Outcome<'de, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the `Response` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<'de, T>, A::Error> {
        let mut slots = Slots::default();
        // The envelope's own entries that come before the first data field are read here, so
        // an error envelope (`Error` and `RequestId` only, in either order) never starts the
        // user's `Deserialize` and never pays for stopping it.
        let first = loop {
            match map.next_key_seed(PeekSeed)? {
                None => break Pending::End,
                Some(Peeked::RequestId) => {
                    slots.request_id = map.next_value_seed(RequestIdSeed(self.mode))?
                }
                Some(Peeked::Error) => {
                    let error = map.next_value()?;
                    return rest_of_error(map, error, slots.request_id, self.mode);
                }
                Some(Peeked::Other(key)) => break Pending::Key(key),
            }
        };
        let data = T::deserialize(MapAccessDeserializer::new(Intercept {
            map: &mut map,
            slots: &mut slots,
            pending: first,
            mode: self.mode,
        }));
        match (data, slots.error.take()) {
            // The derived visitor read the object to its end; RequestId was taken on the way.
            (Ok(data), None) => Ok(Outcome::Data {
                data,
                request_id: slots.request_id,
            }),
            // Stopped at an `Error` that came after data fields.
            (_, Some(error)) => rest_of_error(map, error, slots.request_id, self.mode),
            (Err(err), None) => Err(err),
        }
    }
}

/// After `Error`: reads the rest of the `Response` object for a RequestId after it.
fn rest_of_error<'de, A: MapAccess<'de>, T>(
    mut map: A,
    error: ErrorBody<'de>,
    mut request_id: Option<RequestId>,
    mode: IdMode,
) -> Result<Outcome<'de, T>, A::Error> {
    while let Some(key) = map.next_key::<ResponseKey>()? {
        match key {
            ResponseKey::RequestId => request_id = map.next_value_seed(RequestIdSeed(mode))?,
            ResponseKey::Other => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    Ok(Outcome::Api { error, request_id })
}

/// A key of `Response` read before the user's struct starts.
enum Peeked<'de> {
    RequestId,
    Error,
    /// The first data key, handed to the user's struct as its first key.
    Other(Cow<'de, str>),
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

struct PeekSeed;

impl<'de> DeserializeSeed<'de> for PeekSeed {
    type Value = Peeked<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for PeekSeed {
    type Value = Peeked<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(match v {
            "RequestId" => Peeked::RequestId,
            "Error" => Peeked::Error,
            _ => Peeked::Other(Cow::Borrowed(v)),
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        // A key that is not a plain slice of the body (it held an escape): rare, so copied.
        Ok(match v {
            "RequestId" => Peeked::RequestId,
            "Error" => Peeked::Error,
            _ => Peeked::Other(Cow::Owned(v.to_owned())),
        })
    }
}

#[derive(Deserialize)]
#[serde(field_identifier)]
pub(crate) enum ResponseKey {
    RequestId,
    #[serde(other)]
    Other,
}

/// The `Response` object as the user's struct sees it: every entry but `RequestId` and `Error`.
struct Intercept<'a, 'de, A> {
    map: &'a mut A,
    slots: &'a mut Slots<'de>,
    mode: IdMode,
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
        let mut seed = Some(seed);
        loop {
            let key = self.map.next_key_seed(KeySeed { user: &mut seed })?;
            match key {
                None => return Ok(None),
                Some(Key::User(value)) => return Ok(Some(value)),
                Some(Key::RequestId) => {
                    self.slots.request_id = self.map.next_value_seed(RequestIdSeed(self.mode))?
                }
                Some(Key::Error) => {
                    self.slots.error = Some(self.map.next_value()?);
                    return Err(de::Error::custom(STOP));
                }
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

enum Key<K> {
    RequestId,
    Error,
    User(K),
}

/// Reads one key: the envelope's own are recognised, any other is handed to the user's seed.
struct KeySeed<'a, K> {
    user: &'a mut Option<K>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = Key<K::Value>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> KeySeed<'_, K> {
    #[inline]
    fn user_key<E: de::Error, D: Deserializer<'de, Error = E>>(
        self,
        key: D,
    ) -> Result<Key<K::Value>, E> {
        match self.user.take() {
            Some(seed) => seed.deserialize(key).map(Key::User),
            None => Err(E::custom("tencent-action: key seed used twice")),
        }
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for KeySeed<'_, K> {
    type Value = Key<K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        match v {
            "RequestId" => Ok(Key::RequestId),
            "Error" => Ok(Key::Error),
            _ => self.user_key(BorrowedStrDeserializer::new(v)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match v {
            "RequestId" => Ok(Key::RequestId),
            "Error" => Ok(Key::Error),
            _ => self.user_key(v.into_deserializer()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Data {
        total_count: i64,
    }

    fn run(body: &str) -> serde_json::Result<Outcome<'_, Data>> {
        decode(&mut serde_json::Deserializer::from_str(body), IdMode::Bytes)
    }

    #[test]
    fn request_id_before_and_after_data() {
        for body in [
            r#"{"Response": {"RequestId": "r", "TotalCount": 3}}"#,
            r#"{"Response": {"TotalCount": 3, "RequestId": "r"}}"#,
        ] {
            match run(body).unwrap() {
                Outcome::Data { data, request_id } => {
                    assert_eq!(data, Data { total_count: 3 });
                    assert_eq!(request_id.as_deref(), Some("r"));
                }
                _ => panic!("not data: {body}"),
            }
        }
    }

    #[test]
    fn error_envelope_in_either_order_never_reaches_the_user_struct() {
        for body in [
            r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r"}}"#,
            r#"{"Response": {"RequestId": "r", "Error": {"Code": "InternalError", "Message": "m"}}}"#,
        ] {
            match run(body).unwrap() {
                Outcome::Api { error, request_id } => {
                    assert_eq!(error.code.as_deref(), Some("InternalError"));
                    assert_eq!(request_id.as_deref(), Some("r"));
                }
                _ => panic!("not an API error: {body}"),
            }
        }
    }

    #[test]
    fn first_data_key_is_handed_to_the_user_struct_even_when_escaped() {
        // `\u0043` is `C`: the key is not a plain slice of the body, so it is replayed owned.
        match run(r#"{"Response": {"Total\u0043ount": 3, "RequestId": "r"}}"#).unwrap() {
            Outcome::Data { data, request_id } => {
                assert_eq!(data, Data { total_count: 3 });
                assert_eq!(request_id.as_deref(), Some("r"));
            }
            _ => panic!("not data"),
        }
    }

    #[test]
    fn response_with_only_a_request_id_is_missing_the_data_fields() {
        let err = run(r#"{"Response": {"RequestId": "r"}}"#).err().unwrap();
        assert!(
            err.to_string().contains("missing field `TotalCount`"),
            "{err}"
        );
    }

    #[test]
    fn error_stops_the_user_struct_and_finds_request_id_after_it() {
        match run(r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "Junk": [1], "RequestId": "r"}}"#).unwrap() {
            Outcome::Api { error, request_id } => {
                assert_eq!(error.code.as_deref(), Some("InternalError"));
                assert_eq!(request_id.as_deref(), Some("r"));
            }
            _ => panic!("not an API error"),
        }
    }
}
