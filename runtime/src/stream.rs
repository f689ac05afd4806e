//! Decoding `text/event-stream` responses: streamed actions such as CLS `ChatCompletions`.
//!
//! A streamed response is a series of events, each a few `id:`/`data:` lines ended by a blank
//! line. Each `data` is one JSON object carrying the action's fields and a `RequestId`, not
//! wrapped in `Response`:
//!
//! ```text
//! id: 1
//! data: {"RequestId":"6d1b...","Id":"...","Choices":[{"Delta":{"Content":"根据"},"Index":0}]}
//!
//! ```
//!
//! [`Events`] reads them from any [`BufRead`] and decodes each into the response type, with
//! the same envelope rules as [`from_slice`](crate::from_slice): an event holding `Error` (bare,
//! or as `Response.Error`) is an [`ErrorKind::Api`](crate::ErrorKind::Api) error with its code
//! and RequestId; a broken stream (an event cut off, data that is not JSON, a read error) is an
//! [`ErrorKind::Stream`](crate::ErrorKind::Stream) error. The iterator ends after the first
//! error. A [`Shape`](crate::ErrorKind::Shape) error's path starts at `Response`, as if the
//! event were wrapped like a non-streamed response: `Response.Choices[0].Delta`.
//!
//! ```
//! use tencent_action::prelude::*;
//!
//! #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
//! pub struct ChatCompletionsChunk {
//!     pub choices: Option<Vec<Choice>>, // the schema does not promise it
//! }
//!
//! #[derive(serde::Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! pub struct Choice {
//!     pub delta: Delta,
//! }
//!
//! #[derive(serde::Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! pub struct Delta {
//!     pub content: Option<String>,
//! }
//!
//! let body = "id: 1\ndata: {\"RequestId\":\"r1\",\"Choices\":[{\"Delta\":{\"Content\":\"Hello\"}}]}\n\n\
//!             id: 2\ndata: {\"RequestId\":\"r1\",\"Choices\":[{\"Delta\":{\"Content\":\", world\"}}]}\n\n";
//! let mut text = String::new();
//! for event in tencent_action::stream::Events::<ChatCompletionsChunk, _>::new(body.as_bytes()) {
//!     let event = event?;
//!     assert_eq!(event.data().request_id(), "r1");
//!     if let Some(choices) = &event.data().choices {
//!         text.push_str(choices[0].delta.content.as_deref().unwrap_or(""));
//!     }
//! }
//! assert_eq!(text, "Hello, world");
//! # Ok::<(), tencent_action::Error>(())
//! ```
//!
//! The layers, one file each, usable on their own (an async body reader feeds the same two):
//! [`Parser`] turns bytes, in chunks of any size, into [`RawEvent`]s under [`Limits`];
//! [`Decoder::decode_event`] turns one [`RawEvent`] into a typed [`Event`]. How each
//! irregular input is read:
//!
//! - a byte order mark at the start is skipped; lines may end in `\r\n`, `\n` or a lone `\r`;
//! - comments (`:` lines) are ignored whatever their bytes; other bytes that are not UTF-8
//!   become U+FFFD (the WHATWG rule), and then fail to decode only if they sit in the JSON;
//! - an event with empty data (`data:` alone, a heartbeat) is skipped; one without `data:` is
//!   dropped; `data: [DONE]` ends the stream;
//! - an `event: error` event is always an error: an [`Api`](crate::ErrorKind::Api) error when
//!   its data is an error envelope, a [`Stream`](crate::ErrorKind::Stream) error otherwise;
//! - at the end of the input, an event that lacks its blank line is decoded when its data is
//!   complete JSON, and is a `Stream` error when it was cut off (a browser would drop it
//!   silently);
//! - a line or an event beyond [`Limits`] is a `Stream` error naming the limit, with the
//!   RequestId, before memory grows further.

mod core;
mod decode;
mod parse;

pub(crate) use self::core::{Core, Step};
pub use decode::Decoder;
pub use parse::{LimitExceeded, Limits, Parser, RawEvent};

use std::fmt;
use std::io::BufRead;

use serde::de::DeserializeOwned;

use crate::action::Action;
use crate::error::Error;
use crate::http::{is_success, HeaderPair, Meta};

/// One decoded event: its `id:` and `event:` fields, and its data as the response type.
///
/// ```
/// use tencent_action::prelude::*;
/// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
/// # #[derive(Debug)]
/// # pub struct Chunk { pub created: Option<u64> }
/// let body = b"id: 7\nevent: message\ndata: {\"RequestId\": \"r\", \"Created\": 1775103178}\n\n";
/// let event = tencent_action::stream::Events::<Chunk, _>::new(&body[..]).next().unwrap()?;
/// assert_eq!(event.id(), Some("7"));
/// assert_eq!(event.event_type(), Some("message"));
/// assert_eq!(event.data().created, Some(1775103178));
/// assert_eq!(event.into_data().request_id(), "r");
/// # Ok::<(), tencent_action::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Event<T> {
    id: Option<String>,
    event_type: Option<String>,
    data: T,
}

impl<T> Event<T> {
    /// The event's `id:` field, when it had one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The event's `event:` field (its type), when it had one.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// The decoded data.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The decoded data, by value.
    pub fn into_data(self) -> T {
        self.data
    }
}

/// Opens a streamed response from its HTTP status, headers and body reader.
///
/// A 2xx `text/event-stream` response gives the [`Events`] iterator, with the
/// `X-TC-RequestId` header as the RequestId of errors that carry none. Any other response is
/// read whole and decoded with [`http::from_response`](crate::http::from_response), so that an
/// API error answered as plain JSON (a signature failure, say) comes back as that API error; a
/// response that decodes without error but is not a stream is an
/// [`ErrorKind::Http`](crate::ErrorKind::Http) error.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::CommonCode;
/// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
/// # #[derive(Debug)]
/// # pub struct Chunk { pub created: Option<u64> }
/// let headers = [("Content-Type", "text/event-stream"), ("X-TC-RequestId", "r9")];
/// let body = b"id: 1\ndata: {\"Created\": 1}\n\n";
/// let mut events = tencent_action::stream::from_response::<Chunk, _, _>(200, headers, &body[..])?;
/// assert_eq!(events.next().unwrap()?.data().request_id(), "r9");
///
/// let refused = br#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "m"}, "RequestId": "r0"}}"#;
/// let e = tencent_action::stream::from_response::<Chunk, _, _>(
///     200, [("Content-Type", "application/json")], &refused[..]).unwrap_err();
/// assert_eq!(e.typed_code(), Some(&CommonCode::AuthFailureSignatureFailure));
/// # Ok::<(), tencent_action::Error>(())
/// ```
///
/// # Errors
///
/// As described above.
pub fn from_response<T, R, I>(
    status: u16,
    headers: I,
    mut body: R,
) -> Result<Events<T, R>, Error<T::Code>>
where
    T: Action + DeserializeOwned,
    R: BufRead,
    I: IntoIterator,
    I::Item: HeaderPair,
{
    let meta = Meta::read(headers);
    if meta.event_stream && is_success(status) {
        return Ok(Events::new(body).with_fallback_request_id(meta.request_id.as_deref()));
    }
    let mut bytes = Vec::new();
    if let Err(e) = body.read_to_end(&mut bytes) {
        return Err(Error::http(
            format!("reading the response body failed: {e}"),
            &bytes,
            T::ACTION,
        )
        .with_status(status)
        .or_request_id(meta.request_id.as_deref())
        .with_source(e));
    }
    let fallback = meta.request_id.as_deref();
    let header_pairs = [
        ("content-type", meta.content_type.as_deref().unwrap_or("")),
        ("x-tc-requestid", fallback.unwrap_or("")),
    ];
    match crate::http::from_response::<T, _>(status, header_pairs, &bytes) {
        Err(e) => Err(e),
        Ok(_) => Err(Error::http(
            format!(
                "expected an event stream (text/event-stream), got Content-Type `{}`",
                meta.content_type.as_deref().unwrap_or("")
            ),
            &bytes,
            T::ACTION,
        )
        .with_status(status)
        .or_request_id(fallback)),
    }
}

/// An iterator of decoded events read from a `text/event-stream` body: [`RawEvent`]s parsed
/// under [`Limits`], each decoded by [`Decoder::decode_event`] (see the module docs for how
/// irregular input is read).
///
/// Yields `Ok(`[`Event`]`)` per event with data, and ends when the stream ends, after
/// `data: [DONE]`, or after the first `Err`.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::ErrorKind;
/// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
/// # #[derive(Debug)]
/// # pub struct Chunk { pub created: Option<u64> }
/// let cut = b"id: 1\ndata: {\"RequestId\": \"r\", \"Created\": 1}\n\nid: 2\ndata: {\"RequestId\": \"r\", \"Cre";
/// let mut events = tencent_action::stream::Events::<Chunk, _>::new(&cut[..]);
/// assert!(events.next().unwrap().is_ok());
/// let e = events.next().unwrap().unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Stream);
/// assert_eq!(e.request_id(), Some("r"));
/// assert!(events.next().is_none());
/// ```
pub struct Events<T, R> {
    reader: R,
    core: Core<T>,
}

impl<T, R> fmt::Debug for Events<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events")
            .field("core", &self.core)
            .finish_non_exhaustive()
    }
}

impl<T: Action + DeserializeOwned, R: BufRead> Events<T, R> {
    /// Reads events from `reader`, with the default [`Limits`].
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// let events = tencent_action::stream::Events::<Chunk, _>::new(&b""[..]);
    /// assert_eq!(events.count(), 0);
    /// ```
    pub fn new(reader: R) -> Events<T, R> {
        Events {
            reader,
            core: Core::new(),
        }
    }

    /// The same iterator with other [`Limits`] (set before the first `next`).
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// use tencent_action::stream::{Events, Limits};
    /// let long = format!("data: {}\n\n", "x".repeat(100));
    /// let mut events = Events::<Chunk, _>::new(long.as_bytes()).with_limits(Limits::default().max_line(64));
    /// let e = events.next().unwrap().unwrap_err();
    /// assert!(e.to_string().contains("max_line"), "{e}");
    /// ```
    pub fn with_limits(mut self, limits: Limits) -> Events<T, R> {
        self.core.set_limits(limits);
        self
    }

    /// Uses `request_id` (the `X-TC-RequestId` response header) for events and errors that
    /// carry no RequestId of their own.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// let body = b"data: {\"Created\": 1}\n\n";
    /// let mut events = tencent_action::stream::Events::<Chunk, _>::new(&body[..])
    ///     .with_fallback_request_id(Some("hdr"));
    /// assert_eq!(events.next().unwrap()?.data().request_id(), "hdr");
    /// # Ok::<(), tencent_action::Error>(())
    /// ```
    pub fn with_fallback_request_id(mut self, request_id: Option<&str>) -> Events<T, R> {
        self.core.set_fallback_request_id(request_id);
        self
    }

    /// Names `limit` in the error of a read that times out (the reader's own idle timeout).
    #[cfg_attr(not(feature = "ureq"), allow(dead_code))] // the blocking client's
    pub(crate) fn with_idle_limit(mut self, limit: crate::error::TimeLimit) -> Events<T, R> {
        self.core.set_idle_limit(limit);
        self
    }

    /// Reads the next chunk of input into the core.
    fn fill(&mut self) -> Result<(), Error<T::Code>> {
        let chunk = match self.reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return Ok(()),
            Err(e) => {
                let timed_out = e.kind() == std::io::ErrorKind::TimedOut;
                return Err(self.core.read_failed(e, timed_out));
            }
        };
        if chunk.is_empty() {
            self.core.end_of_input();
            return Ok(());
        }
        let len = chunk.len();
        self.core.feed(chunk);
        self.reader.consume(len);
        Ok(())
    }
}

impl<T: Action + DeserializeOwned, R: BufRead> Iterator for Events<T, R> {
    type Item = Result<Event<T>, Error<T::Code>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.core.step() {
                Step::Event(event) => return Some(Ok(event)),
                Step::Failed(error) => return Some(Err(error)),
                Step::End => return None,
                Step::NeedInput => {
                    if let Err(error) = self.fill() {
                        return Some(Err(error));
                    }
                }
            }
        }
    }
}
