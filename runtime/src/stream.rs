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
//! for event in tencent_action::stream::Events::<_, ChatCompletionsChunk>::new(body.as_bytes()) {
//!     let event = event?;
//!     assert_eq!(event.data().request_id(), "r1");
//!     if let Some(choices) = &event.data().choices {
//!         text.push_str(choices[0].delta.content.as_deref().unwrap_or(""));
//!     }
//! }
//! assert_eq!(text, "Hello, world");
//! # Ok::<(), tencent_action::Error>(())
//! ```

use std::fmt;
use std::io::BufRead;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer;

use crate::action::Action;
use crate::envelope;
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
/// let event = tencent_action::stream::Events::<_, Chunk>::new(&body[..]).next().unwrap()?;
/// assert_eq!(event.id(), Some("7"));
/// assert_eq!(event.event(), Some("message"));
/// assert_eq!(event.data().created, Some(1775103178));
/// assert_eq!(event.into_data().request_id(), "r");
/// # Ok::<(), tencent_action::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Event<T> {
    id: Option<String>,
    event: Option<String>,
    data: T,
}

impl<T> Event<T> {
    /// The event's `id:` field, when it had one.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// let body = b"id: 1\ndata: {\"RequestId\": \"r\", \"Created\": 1}\n\n";
    /// let event = tencent_action::stream::Events::<_, Chunk>::new(&body[..]).next().unwrap()?;
    /// assert_eq!(event.id(), Some("1"));
    /// # Ok::<(), tencent_action::Error>(())
    /// ```
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The event's `event:` field (its type), when it had one.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// let body = b"data: {\"RequestId\": \"r\", \"Created\": 1}\n\n";
    /// let event = tencent_action::stream::Events::<_, Chunk>::new(&body[..]).next().unwrap()?;
    /// assert_eq!(event.event(), None);
    /// # Ok::<(), tencent_action::Error>(())
    /// ```
    pub fn event(&self) -> Option<&str> {
        self.event.as_deref()
    }

    /// The decoded data.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// let body = b"data: {\"RequestId\": \"r\", \"Created\": 5}\n\n";
    /// let event = tencent_action::stream::Events::<_, Chunk>::new(&body[..]).next().unwrap()?;
    /// assert_eq!(event.data().created, Some(5));
    /// # Ok::<(), tencent_action::Error>(())
    /// ```
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The decoded data, by value.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// let body = b"data: {\"RequestId\": \"r\", \"Created\": 5}\n\n";
    /// let chunk: Chunk = tencent_action::stream::Events::<_, Chunk>::new(&body[..]).next().unwrap()?.into_data();
    /// assert_eq!(chunk.request_id(), "r");
    /// # Ok::<(), tencent_action::Error>(())
    /// ```
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
) -> Result<Events<R, T>, Error<T::Code>>
where
    T: Action + DeserializeOwned,
    R: BufRead,
    I: IntoIterator,
    I::Item: HeaderPair,
{
    let meta = Meta::read(headers);
    if meta.event_stream && is_success(status) {
        return Ok(Events::new(body).with_request_id(meta.request_id.as_deref()));
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

/// An iterator of decoded events read from a `text/event-stream` body.
///
/// Yields `Ok(`[`Event`]`)` per event with data, and ends after the stream ends or after the
/// first `Err`. Lines may end in `\n` or `\r\n`; comments (`:` lines) and `retry:` are skipped;
/// several `data:` lines of one event are joined with `\n`; a final `data: [DONE]` ends the
/// stream. At the end of the input, an event that lacks its closing blank line is still
/// decoded when its data is complete JSON, and is a [`Stream`](crate::ErrorKind::Stream) error
/// when it was cut off.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::ErrorKind;
/// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
/// # #[derive(Debug)]
/// # pub struct Chunk { pub created: Option<u64> }
/// let cut = b"id: 1\ndata: {\"RequestId\": \"r\", \"Created\": 1}\n\nid: 2\ndata: {\"RequestId\": \"r\", \"Cre";
/// let mut events = tencent_action::stream::Events::<_, Chunk>::new(&cut[..]);
/// assert!(events.next().unwrap().is_ok());
/// let e = events.next().unwrap().unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Stream);
/// assert_eq!(e.request_id(), Some("r"));
/// assert!(events.next().is_none());
/// ```
pub struct Events<R, T> {
    reader: R,
    fallback_request_id: Option<String>,
    last_request_id: Option<String>,
    line: Vec<u8>,
    count: usize,
    done: bool,
    _type: PhantomData<fn() -> T>,
}

impl<R, T> fmt::Debug for Events<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events")
            .field("events_read", &self.count)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// The fields of the event being read.
#[derive(Default)]
struct Pending {
    id: Option<String>,
    event: Option<String>,
    data: Option<String>,
}

impl<R: BufRead, T: Action + DeserializeOwned> Events<R, T> {
    /// Reads events from `reader`.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
    /// # #[derive(Debug)]
    /// # pub struct Chunk { pub created: Option<u64> }
    /// let events = tencent_action::stream::Events::<_, Chunk>::new(&b""[..]);
    /// assert_eq!(events.count(), 0);
    /// ```
    pub fn new(reader: R) -> Events<R, T> {
        Events {
            reader,
            fallback_request_id: None,
            last_request_id: None,
            line: Vec::new(),
            count: 0,
            done: false,
            _type: PhantomData,
        }
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
    /// let mut events = tencent_action::stream::Events::<_, Chunk>::new(&body[..]).with_request_id(Some("hdr"));
    /// assert_eq!(events.next().unwrap()?.data().request_id(), "hdr");
    /// # Ok::<(), tencent_action::Error>(())
    /// ```
    pub fn with_request_id(mut self, request_id: Option<&str>) -> Events<R, T> {
        self.fallback_request_id = request_id.map(str::to_owned);
        self
    }

    fn known_request_id(&self) -> Option<&str> {
        self.last_request_id
            .as_deref()
            .or(self.fallback_request_id.as_deref())
    }

    fn stream_error(&self, reason: String) -> Error<T::Code> {
        Error::stream(reason, T::ACTION).or_request_id(self.known_request_id())
    }

    /// Reads lines up to the end of the next event that has data.
    fn next_event(&mut self) -> Result<Option<Event<T>>, Error<T::Code>> {
        let mut pending = Pending::default();
        loop {
            self.line.clear();
            let read = match self.reader.read_until(b'\n', &mut self.line) {
                Ok(n) => n,
                Err(e) => {
                    return Err(self
                        .stream_error(format!("reading the stream failed: {e}"))
                        .with_source(e))
                }
            };
            if read == 0 {
                // End of input: an event without its closing blank line.
                return match pending.data.take() {
                    None => Ok(None),
                    Some(data) => self.decode(pending, data, true),
                };
            }
            let mut line = self.line.as_slice();
            if let Some(rest) = line.strip_suffix(b"\n") {
                line = rest;
            }
            if let Some(rest) = line.strip_suffix(b"\r") {
                line = rest;
            }
            if line.is_empty() {
                match pending.data.take() {
                    Some(data) => return self.decode(pending, data, false),
                    None => {
                        pending = Pending::default();
                        continue;
                    }
                }
            }
            let Ok(line) = std::str::from_utf8(line) else {
                return Err(self.stream_error(format!(
                    "line after event {} is not valid UTF-8",
                    self.count
                )));
            };
            if line.starts_with(':') {
                continue; // a comment
            }
            let (field, value) = match line.split_once(':') {
                Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
                None => (line, ""),
            };
            match field {
                "data" => match &mut pending.data {
                    Some(data) => {
                        data.push('\n');
                        data.push_str(value);
                    }
                    None => pending.data = Some(value.to_owned()),
                },
                "id" => pending.id = Some(value.to_owned()),
                "event" => pending.event = Some(value.to_owned()),
                _ => {} // `retry` and unknown fields are ignored, as the SSE spec says.
            }
        }
    }

    fn decode(
        &mut self,
        pending: Pending,
        data: String,
        at_eof: bool,
    ) -> Result<Option<Event<T>>, Error<T::Code>> {
        if data.trim() == "[DONE]" {
            return Ok(None);
        }
        self.count += 1;
        let n = self.count;
        let label = match &pending.id {
            Some(id) => format!("event {n} (id {id})"),
            None => format!("event {n}"),
        };
        let wrapped = match probe(&data) {
            Ok(Shape::Wrapped) => false,
            Ok(Shape::Bare) => true,
            Err(e) if e.is_eof() => {
                let reason = if at_eof {
                    format!("the stream ended in the middle of {label}: its data is cut off")
                } else {
                    format!("the data of {label} is truncated JSON: {e}")
                };
                return Err(self.stream_error(reason).with_source(e));
            }
            Err(e) => {
                return Err(self
                    .stream_error(format!("the data of {label} is not a JSON object: {e}"))
                    .with_source(e))
            }
        };
        let fallback = self.known_request_id().map(str::to_owned);
        let decoded = if wrapped {
            let mut body = Vec::with_capacity(data.len() + 14);
            body.extend_from_slice(b"{\"Response\":");
            body.extend_from_slice(data.as_bytes());
            body.push(b'}');
            envelope::from_slice_with_fallback::<T>(&body, fallback.as_deref())
        } else {
            envelope::from_slice_with_fallback::<T>(data.as_bytes(), fallback.as_deref())
        };
        let data = decoded?;
        if !data.request_id().is_empty() {
            self.last_request_id = Some(data.request_id().to_owned());
        }
        Ok(Some(Event {
            id: pending.id,
            event: pending.event,
            data,
        }))
    }
}

impl<R: BufRead, T: Action + DeserializeOwned> Iterator for Events<R, T> {
    type Item = Result<Event<T>, Error<T::Code>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_event() {
            Ok(Some(event)) => Some(Ok(event)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// How an event's data is laid out.
enum Shape {
    /// `{"Response": {...}}`, as a non-streamed response.
    Wrapped,
    /// The fields and `RequestId` directly: the streamed layout.
    Bare,
}

/// Checks that `data` is one JSON object and tells whether it is wrapped in `Response`.
fn probe(data: &str) -> Result<Shape, serde_json::Error> {
    struct ProbeVisitor;
    impl<'de> Visitor<'de> for ProbeVisitor {
        type Value = Shape;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
            let mut keys = 0usize;
            let mut response = false;
            while let Some(key) = map.next_key::<String>()? {
                keys += 1;
                response |= key == "Response";
                map.next_value::<IgnoredAny>()?;
            }
            Ok(if response && keys == 1 {
                Shape::Wrapped
            } else {
                Shape::Bare
            })
        }
    }
    let mut de = serde_json::Deserializer::from_str(data);
    let shape = (&mut de).deserialize_map(ProbeVisitor)?;
    de.end()?;
    Ok(shape)
}
