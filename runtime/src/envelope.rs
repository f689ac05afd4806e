//! Decoding of the `{"Response": {...}}` envelope, in one pass whenever the body is what it
//! should be.
//!
//! # The paths
//!
//! Every body goes down this picture from the top. Paths 1 and 2 are the floor's own work and
//! never give an error: whatever they do not read to the end goes to the general decoder (3 to
//! 5), which gives every error, so errors do not depend on which path was tried first.
//!
//! ```text
//!  body ── route (route): the start of the body, `{"Response":{` and its first key(s)
//!   │
//!   ├─ `Error` first, or after the RequestId:
//!   │    1. byte scan (fast_error, scan): Code, Message, RequestId ───────────▶ Err(Api)
//!   │
//!   ├─ another first key, the struct's derived visitor reads the map as it is (__DIRECT):
//!   │    2. serde's derived visitor alone on {"Response": T} (direct); the hidden field
//!   │       takes `RequestId`, refuses an `Error` object; counts only if the id stood
//!   │       right after the key "RequestId" ─────────────────────────────────▶ Ok(T)
//!   │
//!   │  anything else, and whatever 1 or 2 did not read to the end:
//!   ▼
//!   3. the general decoder: one pass, RequestId as bytes (top → intercept → the user's
//!   │  Deserialize) ── Data ▶ Ok(T); `Response.Error` or a legacy 2.0 error ▶ Err(Api)
//!   │  failed, Flags::retry_as_text set (a RequestId this pass cannot read as bytes):
//!   │    └─ 4. the same pass again, RequestId as text (IdMode::Text): as in 3
//!   │  failed otherwise (or 4 failed):
//!   ▼
//!   5. failure re-read (failure): a lenient probe of the whole body for the RequestId,
//!      `Error` and the envelope's shape, then the path of the failing value
//!      (serde_path_to_error) ─────────────────────────── Err(Api, Envelope, Json or Shape)
//! ```
//!
//! Path 3 reads the body once: the `Response` object's [`MapAccess`](serde::de::MapAccess) is
//! wrapped in an `Intercept` that takes the `RequestId` and `Error` entries for itself, wherever
//! they stand, and hands every other entry to the user's derived `Deserialize`. No
//! `serde_json::Value`, no buffering, no second parse. The entries before the first data key
//! are read by the envelope itself (that key is then replayed to the user's struct), so an
//! error envelope never starts the user's `Deserialize` nor pays for stopping it.
//!
//! Paths 3 and 4 stop deep inside serde's call stack, in a seed; what the caller must do next
//! travels up in [`Flags`] (`ctx.rs`), never in an error's text: `retry_as_text` for path 4,
//! `duplicate` for the envelope error path 5 reports when a second `Response` or `Error`
//! stopped the pass. `differential.rs` (tests) compares paths 1 and 2 with the general decoder
//! alone on every layout and on mutated bodies.
//!
//! The children, and the siblings each one imports (never the other way round): [`route`] →
//! `scan`; [`fast_error`] (path 1) → `scan`; [`direct`] (path 2) imports none; [`top`] (the
//! top-level object, legacy API 2.0 errors) → `intercept`, `outcome`, `lenient`, `key`, `ctx`;
//! [`intercept`] (the `Response` object and the user's struct) → `id_seed`, `outcome`,
//! `lenient`, `key`, `ctx`; [`id_seed`] (the RequestId) → `lenient`, `ctx`; [`outcome`] (what a
//! pass found) → `lenient`; [`lenient`] (the envelope's own fields, read without failing on a
//! type) → `key`; [`failure`] (path 5) → `top`, `id_seed`, `lenient`, `key`, `ctx`; [`scan`] (a
//! byte cursor), [`key`] (the envelope's keys at every level) and [`ctx`] (a pass's mode and
//! flags) import none.

use serde::Deserialize;

use crate::action::Action;
use crate::code::ErrorCode;
use crate::error::Error;
use crate::request_id::RequestId;

mod ctx;
#[cfg(test)]
mod differential;
mod direct;
mod failure;
mod fast_error;
mod id_seed;
mod intercept;
mod key;
mod lenient;
mod outcome;
mod route;
mod scan;
mod top;

use ctx::{Ctx, Flags, IdMode};
use lenient::ErrorBody;
use outcome::{LegacyBody, Outcome};
use route::Route;
use top::deserialize_top;

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
    from_slice_with_fallback(body, None)
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
    decode_body(|| serde_json::de::StrRead::new(body), body.as_bytes(), None)
}

/// Decodes `body`, taking the RequestId from `fallback_request_id` (the `X-TC-RequestId`
/// header) when the body has none.
pub(crate) fn from_slice_with_fallback<'de, T>(
    body: &'de [u8],
    fallback_request_id: Option<&str>,
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
{
    decode_body(
        || serde_json::de::SliceRead::new(body),
        body,
        fallback_request_id,
    )
}

/// The one decode behind every entry point: [`route`](route::route) picks the path to try
/// first (1 or 2), and the general decoder (paths 3 to 5) reads whatever they leave. `read` makes a reader
/// (of a `str` or a byte slice) over `body`, afresh for each pass.
#[inline]
fn decode_body<'de, T, R>(
    read: impl Fn() -> R,
    body: &'de [u8],
    fallback_request_id: Option<&str>,
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
    R: serde_json::de::Read<'de>,
{
    match route::route(body) {
        Route::Data if T::__DIRECT => {
            if let Some(data) = direct::decode::<T, R>(read(), body) {
                return Ok(data);
            }
        }
        Route::Error { at, request_id } => {
            if let Some(fast) = fast_error::parse(body, at, request_id) {
                return Err(fast.into_error(T::ACTION));
            }
        }
        Route::Data | Route::Other => {}
    }
    general(read(), body, fallback_request_id)
}

/// The general decoder: one pass with the RequestId read as bytes (path 3), then [`finish`]
/// (path 4 or 5 when it fails).
#[inline(never)]
fn general<'de, T, R>(
    read: R,
    body: &'de [u8],
    fallback_request_id: Option<&str>,
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
    R: serde_json::de::Read<'de>,
{
    let flags = Flags::default();
    let outcome = decode(
        &mut serde_json::Deserializer::new(read),
        Ctx {
            mode: IdMode::Bytes,
            flags: &flags,
        },
    );
    finish(outcome, &flags, body, fallback_request_id)
}

fn decode<'de, T, R>(
    de: &mut serde_json::Deserializer<R>,
    ctx: Ctx<'_>,
) -> serde_json::Result<Outcome<'de, T>>
where
    T: Deserialize<'de>,
    R: serde_json::de::Read<'de>,
{
    let outcome = deserialize_top(&mut *de, ctx)?;
    de.end()?;
    Ok(outcome)
}

/// Turns what the decode found into the result; `flags` say why a failed decode stopped when
/// the envelope itself stopped it (see [`Flags`]). The data case is inlined into the entry
/// point; everything else is out of line (a failure recurses, for the retry as text).
#[inline]
fn finish<'de, T>(
    outcome: serde_json::Result<Outcome<'de, T>>,
    flags: &Flags,
    body: &'de [u8],
    fallback_request_id: Option<&str>,
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
{
    match outcome {
        Ok(Outcome::Data {
            mut data,
            request_id,
        }) => {
            if let Some(id) = request_id.or_else(|| fallback_request_id.map(RequestId::new)) {
                data.__set_request_id(id);
            }
            Ok(data)
        }
        Ok(Outcome::Api { error, request_id }) => Err(api_answer(
            error,
            request_id,
            fallback_request_id,
            T::ACTION,
            body,
        )),
        Ok(Outcome::Legacy(legacy)) => Err(legacy_answer(legacy, fallback_request_id, T::ACTION)),
        Err(err) => failed::<T>(&err, flags, body, fallback_request_id),
    }
}

/// `Response.Error`, with the header's RequestId when the body had none.
#[inline(never)]
fn api_answer<C: ErrorCode>(
    error: ErrorBody<'_>,
    request_id: Option<RequestId>,
    fallback_request_id: Option<&str>,
    action: &'static str,
    body: &[u8],
) -> Error<C> {
    let request_id = request_id.or_else(|| fallback_request_id.map(RequestId::new));
    error.into_error(action, request_id, body)
}

/// A legacy API 2.0 error, with the header's RequestId (its body has none).
#[inline(never)]
fn legacy_answer<C: ErrorCode>(
    legacy: LegacyBody,
    fallback_request_id: Option<&str>,
    action: &'static str,
) -> Error<C> {
    legacy.into_error(action).or_request_id(fallback_request_id)
}

/// A pass that failed: path 4 when its flags ask for the retry as text, else path 5.
#[inline(never)]
fn failed<'de, T>(
    err: &serde_json::Error,
    flags: &Flags,
    body: &'de [u8],
    fallback_request_id: Option<&str>,
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
{
    if flags.retry_as_text.get() {
        let text = Flags::default();
        let ctx = Ctx {
            mode: IdMode::Text,
            flags: &text,
        };
        let outcome = decode(&mut serde_json::Deserializer::from_slice(body), ctx);
        return finish(outcome, &text, body, fallback_request_id);
    }
    let duplicate = flags.duplicate.get();
    let rerun: failure::Rerun<'de> = failure::shape_error::<T>;
    Err(failure::failure(body, err, duplicate, T::ACTION, rerun).or_request_id(fallback_request_id))
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
        let flags = Flags::default();
        let ctx = Ctx {
            mode: IdMode::Bytes,
            flags: &flags,
        };
        decode(&mut serde_json::Deserializer::from_str(body), ctx)
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
