//! One raw event to a typed [`Event`], with the same envelope rules as
//! [`from_slice`](crate::from_slice). Shared by the blocking iterator and any async reader.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer;

use super::parse::{LimitExceeded, RawEvent};
use super::Event;
use crate::action::Action;
use crate::envelope;
use crate::error::Error;
use crate::excerpt;

/// Decodes the events of one stream in order, remembering the last RequestId seen (for errors
/// that carry none) and whether `data: [DONE]` ended the stream.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::stream::{Decoder, RawEvent};
/// # #[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
/// # #[derive(Debug)]
/// # pub struct Chunk { pub created: Option<u64> }
/// let mut decoder = Decoder::<Chunk>::new().with_fallback_request_id(Some("hdr"));
/// let raw = RawEvent { data: r#"{"Created": 7}"#.into(), complete: true, ..RawEvent::default() };
/// let event = decoder.decode_event(raw)?.unwrap();
/// assert_eq!(event.data().created, Some(7));
/// assert_eq!(event.data().request_id(), "hdr");
/// let done = RawEvent { data: "[DONE]".into(), complete: true, ..RawEvent::default() };
/// assert!(decoder.decode_event(done)?.is_none());
/// assert!(decoder.is_done());
/// # Ok::<(), tencent_action::Error>(())
/// ```
pub struct Decoder<T> {
    fallback_request_id: Option<String>,
    last_request_id: Option<String>,
    count: usize,
    done: bool,
    _type: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Decoder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decoder")
            .field("events_decoded", &self.count)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T> Default for Decoder<T> {
    fn default() -> Self {
        Decoder {
            fallback_request_id: None,
            last_request_id: None,
            count: 0,
            done: false,
            _type: PhantomData,
        }
    }
}

impl<T: Action + DeserializeOwned> Decoder<T> {
    /// A decoder for a new stream.
    pub fn new() -> Decoder<T> {
        Decoder::default()
    }

    /// Uses `request_id` (the `X-TC-RequestId` response header) for events and errors that
    /// carry no RequestId of their own.
    pub fn with_fallback_request_id(mut self, request_id: Option<&str>) -> Decoder<T> {
        self.fallback_request_id = request_id.map(str::to_owned);
        self
    }

    /// Whether `data: [DONE]` ended the stream.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Decodes one event: `Ok(Some)` for an event with data, `Ok(None)` for an event that
    /// carries nothing (a heartbeat: empty data) and for `data: [DONE]` (then
    /// [`is_done`](Decoder::is_done)). An `error` event is always an `Err`: an
    /// [`Api`](crate::ErrorKind::Api) error when its data is an error envelope, a
    /// [`Stream`](crate::ErrorKind::Stream) error otherwise.
    ///
    /// # Errors
    ///
    /// As described; data that is not one JSON object, or cut off, is a `Stream` error.
    pub fn decode_event(&mut self, raw: RawEvent) -> Result<Option<Event<T>>, Error<T::Code>> {
        if raw.data.trim().is_empty() {
            return Ok(None); // a heartbeat
        }
        if raw.data.trim() == "[DONE]" {
            self.done = true;
            return Ok(None);
        }
        self.count += 1;
        let n = self.count;
        let label = match &raw.id {
            Some(id) => format!("event {n} (id {id})"),
            None => format!("event {n}"),
        };
        let wrapped = match probe(&raw.data) {
            Ok(Shape::Wrapped) => true,
            Ok(Shape::Bare) => false,
            Err(e) if e.is_eof() => {
                let reason = if raw.complete {
                    format!("the data of {label} is truncated JSON: {e}")
                } else {
                    format!("the stream ended in the middle of {label}: its data is cut off")
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
            envelope::from_slice_with_fallback::<T>(raw.data.as_bytes(), fallback.as_deref())
        } else {
            let mut body = Vec::with_capacity(raw.data.len() + 14);
            body.extend_from_slice(b"{\"Response\":");
            body.extend_from_slice(raw.data.as_bytes());
            body.push(b'}');
            envelope::from_slice_with_fallback::<T>(&body, fallback.as_deref())
        };
        let data = match decoded {
            Ok(data) => data,
            Err(e) => {
                if let Some(id) = e.request_id() {
                    self.last_request_id = Some(id.to_owned());
                }
                return Err(e);
            }
        };
        if !data.request_id().is_empty() {
            self.last_request_id = Some(data.request_id().to_owned());
        }
        if raw.event_type.as_deref() == Some("error") {
            let reason = format!(
                "{label} is an `error` event whose data is not an error envelope: \"{}\"",
                excerpt::head(raw.data.as_bytes())
            );
            return Err(self.stream_error(reason));
        }
        Ok(Some(Event {
            id: raw.id,
            event_type: raw.event_type,
            data,
        }))
    }

    fn known_request_id(&self) -> Option<&str> {
        self.last_request_id
            .as_deref()
            .or(self.fallback_request_id.as_deref())
    }

    pub(crate) fn stream_error(&self, reason: String) -> Error<T::Code> {
        Error::stream(reason, T::ACTION).or_request_id(self.known_request_id())
    }

    pub(crate) fn limit_error(&self, exceeded: LimitExceeded) -> Error<T::Code> {
        self.stream_error(exceeded.to_string())
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
