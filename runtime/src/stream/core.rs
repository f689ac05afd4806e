//! The event-stream state machine without I/O, shared by the blocking [`Events`] iterator and
//! the async client's stream: bytes go in ([`Core::feed`], [`Core::end_of_input`],
//! [`Core::read_failed`]), decoded events come out ([`Core::step`]). The two readers only move
//! bytes, so they cannot drift apart in what they accept.
//!
//! [`Events`]: super::Events

use std::collections::VecDeque;
use std::fmt;

use serde::de::DeserializeOwned;

use super::decode::Decoder;
use super::parse::{LimitExceeded, Limits, Parser, RawEvent};
use super::Event;
use crate::action::Action;
use crate::error::{Error, TimeLimit};

/// What the reader gets next.
pub(crate) enum Step<T: Action> {
    /// An event.
    Event(Event<T>),
    /// The first error; the stream ends with it.
    Failed(Error<T::Code>),
    /// The stream ended.
    End,
    /// Nothing before more input: feed bytes, or say the input ended.
    NeedInput,
}

pub(crate) struct Core<T> {
    parser: Parser,
    decoder: Decoder<T>,
    /// Events parsed but not yet decoded, oldest first.
    queue: VecDeque<RawEvent>,
    scratch: Vec<RawEvent>,
    /// A limit broken by the input read so far: reported once the events before it are.
    broken: Option<LimitExceeded>,
    /// No more input will come (its end, or a broken limit).
    input_ended: bool,
    ended: bool,
    /// The idle limit of the reader, named when a read times out.
    idle_limit: Option<TimeLimit>,
}

impl<T> fmt::Debug for Core<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("decoder", &self.decoder)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl<T: Action + DeserializeOwned> Core<T> {
    pub(crate) fn new() -> Core<T> {
        Core {
            parser: Parser::new(Limits::default()),
            decoder: Decoder::new(),
            queue: VecDeque::new(),
            scratch: Vec::new(),
            broken: None,
            input_ended: false,
            ended: false,
            idle_limit: None,
        }
    }

    pub(crate) fn set_limits(&mut self, limits: Limits) {
        self.parser = Parser::new(limits);
    }

    pub(crate) fn set_fallback_request_id(&mut self, request_id: Option<&str>) {
        let decoder = std::mem::take(&mut self.decoder);
        self.decoder = decoder.with_fallback_request_id(request_id);
    }

    pub(crate) fn set_idle_limit(&mut self, limit: TimeLimit) {
        self.idle_limit = Some(limit);
    }

    /// The next event, error or end, or [`Step::NeedInput`].
    pub(crate) fn step(&mut self) -> Step<T> {
        if self.ended {
            return Step::End;
        }
        loop {
            if let Some(raw) = self.queue.pop_front() {
                match self.decoder.decode_event(raw) {
                    Ok(Some(event)) => return Step::Event(event),
                    Ok(None) if self.decoder.is_done() => return self.end(),
                    Ok(None) => continue,
                    Err(e) => return self.fail(e),
                }
            }
            if let Some(broken) = self.broken.take() {
                let error = self.decoder.limit_error(broken);
                return self.fail(error);
            }
            if self.input_ended {
                return self.end();
            }
            return Step::NeedInput;
        }
    }

    /// The next bytes of the body, a chunk of any size.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        if self.input_ended {
            return;
        }
        let fed = self.parser.feed(bytes, &mut self.scratch);
        self.queue.extend(self.scratch.drain(..));
        if let Err(broken) = fed {
            // Nothing after the broken limit is read; the events before it still count.
            self.broken = Some(broken);
            self.input_ended = true;
        }
    }

    /// The body ended: a last event without its blank line is decoded (or refused as cut
    /// off).
    pub(crate) fn end_of_input(&mut self) {
        if self.input_ended {
            return;
        }
        self.input_ended = true;
        match self.parser.finish() {
            Ok(last) => self.queue.extend(last),
            Err(broken) => self.broken = Some(broken),
        }
    }

    /// Reading the body failed with `source`: the stream ends with this error (naming the idle
    /// limit when the read timed out).
    pub(crate) fn read_failed<E>(&mut self, source: E, timed_out: bool) -> Error<T::Code>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        self.ended = true;
        let error = match (timed_out, self.idle_limit) {
            (true, Some(limit)) => self
                .decoder
                .stream_error(format!("{limit} passed with no data"))
                .with_time_limit(limit),
            _ => self
                .decoder
                .stream_error(format!("reading the stream failed: {source}")),
        };
        error.with_source(source)
    }

    fn fail(&mut self, error: Error<T::Code>) -> Step<T> {
        self.ended = true;
        Step::Failed(error)
    }

    fn end(&mut self) -> Step<T> {
        self.ended = true;
        Step::End
    }
}
