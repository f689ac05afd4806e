//! Decoding an HTTP response (status, headers, body) from any HTTP client.
//!
//! This crate depends on no HTTP client: hand [`from_response`] the status code, the headers
//! as `(name, value)` pairs (any types that give `&str` names and byte values, so a `Vec` of
//! `String` pairs, an array of `&str` pairs, and the `http` crate's `HeaderMap::iter()` all
//! work), and the body.
//!
//! ```
//! use tencent_action::prelude::*;
//!
//! #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
//! #[derive(Debug)]
//! pub struct DescribeInstances {
//!     pub total_count: u64,
//! }
//!
//! let headers = [("Content-Type", "application/json"), ("X-TC-RequestId", "6d1bd3c4")];
//! let out: DescribeInstances = tencent_action::http::from_response(
//!     200,
//!     headers,
//!     br#"{"Response": {"TotalCount": 0}}"#,
//! )?;
//! assert_eq!(out.request_id(), "6d1bd3c4"); // from the header: the body had none
//!
//! let e = tencent_action::http::from_response::<DescribeInstances, _>(
//!     502,
//!     [("Content-Type", "text/html")],
//!     b"<html><body>502 Bad Gateway</body></html>",
//! ).unwrap_err();
//! assert_eq!(e.kind(), tencent_action::ErrorKind::Http);
//! assert_eq!(e.http_status(), Some(502));
//! # Ok::<(), tencent_action::Error>(())
//! ```

use serde::Deserialize;

use crate::action::Action;
use crate::envelope;
use crate::error::{Error, ErrorKind};

/// The response header that carries the RequestId (matched case-insensitively).
pub const REQUEST_ID_HEADER: &str = "X-TC-RequestId";

/// The `Content-Type` (media type) of streamed responses.
pub const EVENT_STREAM_CONTENT_TYPE: &str = "text/event-stream";

/// Decodes a Tencent Cloud API 3.0 response from its HTTP status, headers and body.
///
/// - A 2xx status decodes the body as [`from_slice`](crate::from_slice) does; the RequestId
///   comes from the `X-TC-RequestId` header when the body has none.
/// - Any other status: an API error in the body (`Response.Error`, or a legacy API 2.0 error)
///   is still decoded as that API error ([`ErrorKind::Api`]); anything else (an HTML page from
///   a gateway, an empty body, JSON that is not an envelope) is an [`ErrorKind::Http`] error
///   that names the status and quotes the start of the body.
/// - A `text/event-stream` response is an [`ErrorKind::Http`] error: read it with
///   [`stream::from_response`](crate::stream::from_response).
///
/// Every error carries the status ([`Error::http_status`]) and, when known, the RequestId.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::{CommonCode, ErrorKind};
/// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// # #[derive(Debug)]
/// # pub struct DescribeZones { pub total_count: u64 }
/// let body = br#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"},
///                 "RequestId": "b5b4"}}"#;
/// let e = tencent_action::http::from_response::<DescribeZones, _>(429, [("content-type", "application/json")], body)
///     .unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Api);
/// assert_eq!(e.typed_code(), Some(&CommonCode::RequestLimitExceeded));
/// assert_eq!(e.http_status(), Some(429));
/// assert_eq!(e.request_id(), Some("b5b4"));
/// ```
///
/// # Errors
///
/// As described above; see [`ErrorKind`] for the kinds.
pub fn from_response<'de, T, I>(
    status: u16,
    headers: I,
    body: &'de [u8],
) -> Result<T, Error<T::Code>>
where
    T: Action + Deserialize<'de>,
    I: IntoIterator,
    I::Item: HeaderPair,
{
    let meta = Meta::read(headers);
    let request_id = meta.request_id.as_deref();
    if meta.event_stream && is_success(status) {
        return Err(Error::http(
            "the response is an event stream (text/event-stream): read it with \
             tencent_action::stream::from_response",
            b"",
            T::ACTION,
        )
        .with_status(status)
        .or_request_id(request_id));
    }
    let decoded = envelope::from_slice_with_fallback::<T>(body, request_id);
    if is_success(status) {
        return decoded.map_err(|e| e.with_status(status));
    }
    // The body's RequestId, when it has one, names the failed request better than the header
    // (the decode already fell back to the header when the body had none).
    match decoded {
        Err(e) if e.kind() == ErrorKind::Api => Err(e.with_status(status)),
        Err(e) => {
            let id = e.request_id().map(str::to_owned);
            Err(unexpected_status::<T>(status, body, id.as_deref().or(request_id)).with_source(e))
        }
        Ok(data) => {
            let id = Some(data.request_id()).filter(|id| !id.is_empty());
            Err(unexpected_status::<T>(status, body, id.or(request_id)))
        }
    }
}

/// The value of the `X-TC-RequestId` header, matched case-insensitively, copied out of the
/// headers (for a response whose body you will not decode, or before decoding it).
///
/// ```
/// let headers = vec![("x-tc-requestid".to_string(), "6d1bd3c4".to_string())];
/// assert_eq!(tencent_action::http::header_request_id(&headers).as_deref(), Some("6d1bd3c4"));
/// assert_eq!(tencent_action::http::header_request_id([("Date", "today")]), None);
/// ```
pub fn header_request_id<I>(headers: I) -> Option<String>
where
    I: IntoIterator,
    I::Item: HeaderPair,
{
    Meta::read(headers).request_id
}

/// Whether the `Content-Type` header says `text/event-stream` (parameters ignored).
///
/// ```
/// assert!(tencent_action::http::is_event_stream([("Content-Type", "text/event-stream; charset=utf-8")]));
/// assert!(!tencent_action::http::is_event_stream([("Content-Type", "application/json")]));
/// ```
pub fn is_event_stream<I>(headers: I) -> bool
where
    I: IntoIterator,
    I::Item: HeaderPair,
{
    Meta::read(headers).event_stream
}

/// One response header as any HTTP client gives it: a `(name, value)` pair, or a reference
/// to one, whose name gives a `&str` and whose value gives bytes.
///
/// Implemented for `(K, V)` and `&(K, V)` with `K: AsRef<str>`, `V: AsRef<[u8]>`: `(&str,
/// &str)`, `(String, String)`, the items of `&Vec<(String, String)>`, and the `http` crate's
/// `(&HeaderName, &HeaderValue)` from `HeaderMap::iter()`.
///
/// ```
/// use tencent_action::http::HeaderPair;
/// let owned = ("X-TC-RequestId".to_string(), "r1".to_string());
/// assert_eq!(owned.name(), "X-TC-RequestId");
/// assert_eq!((&owned).value(), b"r1");
/// ```
pub trait HeaderPair {
    /// The header's name, in any case.
    ///
    /// ```
    /// use tencent_action::http::HeaderPair;
    /// assert_eq!(("Content-Type", "text/html").name(), "Content-Type");
    /// ```
    fn name(&self) -> &str;

    /// The header's value, as bytes.
    ///
    /// ```
    /// use tencent_action::http::HeaderPair;
    /// assert_eq!(("Content-Type", "text/html").value(), b"text/html");
    /// ```
    fn value(&self) -> &[u8];
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderPair for (K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderPair for &(K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &[u8] {
        self.1.as_ref()
    }
}

/// What the decoder needs from the headers.
pub(crate) struct Meta {
    pub(crate) request_id: Option<String>,
    pub(crate) event_stream: bool,
    pub(crate) content_type: Option<String>,
}

impl Meta {
    pub(crate) fn read<I>(headers: I) -> Meta
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        let mut meta = Meta {
            request_id: None,
            event_stream: false,
            content_type: None,
        };
        for header in headers {
            let name = header.name().trim();
            let Ok(value) = std::str::from_utf8(header.value()) else {
                continue;
            };
            let value = value.trim();
            if meta.request_id.is_none()
                && name.eq_ignore_ascii_case(REQUEST_ID_HEADER)
                && !value.is_empty()
            {
                meta.request_id = Some(value.to_owned());
            } else if meta.content_type.is_none() && name.eq_ignore_ascii_case("content-type") {
                let mime = value.split(';').next().unwrap_or("").trim();
                meta.event_stream = mime.eq_ignore_ascii_case(EVENT_STREAM_CONTENT_TYPE);
                meta.content_type = Some(value.to_owned());
            }
        }
        meta
    }
}

pub(crate) fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn unexpected_status<T: Action>(
    status: u16,
    body: &[u8],
    request_id: Option<&str>,
) -> Error<T::Code> {
    let reason = match reason_phrase(status) {
        Some(phrase) => format!("HTTP status {status} {phrase} without an API error in the body"),
        None => format!("HTTP status {status} without an API error in the body"),
    };
    Error::http(reason, body, T::ACTION)
        .with_status(status)
        .or_request_id(request_id)
}

/// The reason phrases of the statuses a gateway or the service is likely to answer.
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}
