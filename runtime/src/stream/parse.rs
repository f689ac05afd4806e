//! The event-stream format, bytes to raw events, following the WHATWG HTML "event stream
//! interpretation" rules, fed in chunks of any size (sans I/O, so that a blocking reader and
//! an async body share it).
//!
//! - A byte order mark at the very start is skipped.
//! - Lines end in `\r\n`, `\n` or a lone `\r`, even when a chunk ends between `\r` and `\n`.
//! - A blank line dispatches the event being read; an event without any `data:` line is
//!   dropped (its `event:` too), as the standard says.
//! - `:` lines are comments and are ignored whatever their bytes.
//! - `data:` appends its value and a line feed to the data; `event:` sets the type; `id:` the
//!   id (unless it holds NUL); `retry:` and unknown fields are ignored. One space after the
//!   colon is removed. Bytes that are not UTF-8 become U+FFFD, as a browser decodes them.
//! - Unlike a browser, the last event is kept when the input ends without its blank line,
//!   marked incomplete: the decoder tells an event cut off from a complete one.
//! - A line longer than [`Limits::max_line`] or an event whose data grows beyond
//!   [`Limits::max_event`] is an error: memory stays bounded whatever the peer sends.

use std::fmt;

/// Bounds on what one event may hold, so that a stream that never ends a line or an event
/// cannot grow memory without limit.
///
/// ```
/// let limits = tencent_action::stream::Limits::default().max_line(64 * 1024).max_event(256 * 1024);
/// assert_eq!(limits.line(), 64 * 1024);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    max_line: usize,
    max_event: usize,
}

impl Default for Limits {
    /// 1 MiB per line and 4 MiB of data per event: CLS `ChatCompletions` events carry one
    /// delta of a few hundred bytes, and the largest (the last, with usage) a few KiB.
    fn default() -> Self {
        Limits {
            max_line: 1024 * 1024,
            max_event: 4 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The longest line, in bytes, without its line ending.
    pub fn max_line(mut self, bytes: usize) -> Limits {
        self.max_line = bytes;
        self
    }

    /// The largest data of one event, in bytes (all its `data:` lines joined).
    pub fn max_event(mut self, bytes: usize) -> Limits {
        self.max_event = bytes;
        self
    }

    /// The line limit.
    pub fn line(&self) -> usize {
        self.max_line
    }

    /// The event limit.
    pub fn event(&self) -> usize {
        self.max_event
    }
}

/// One event as the format defines it, before its data is decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawEvent {
    /// The `id:` field of this event, when it had one.
    pub id: Option<String>,
    /// The `event:` field (the event's type), when it had one.
    pub event_type: Option<String>,
    /// The `data:` lines joined with `\n`.
    pub data: String,
    /// False when the input ended before the blank line that ends the event.
    pub complete: bool,
}

/// Which limit of [`Limits`] a stream broke, with the limit in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitExceeded {
    /// A line longer than [`Limits::max_line`].
    Line(usize),
    /// An event's data larger than [`Limits::max_event`].
    Event(usize),
}

impl std::error::Error for LimitExceeded {}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitExceeded::Line(limit) => write!(
                f,
                "a line is longer than the limit of {limit} bytes (stream::Limits::max_line)"
            ),
            LimitExceeded::Event(limit) => write!(
                f,
                "an event's data is larger than the limit of {limit} bytes (stream::Limits::max_event)"
            ),
        }
    }
}

/// Turns the bytes of an event stream, in chunks of any size, into [`RawEvent`]s: what an
/// async body reader feeds before [`Decoder::decode_event`](super::Decoder::decode_event).
///
/// ```
/// use tencent_action::stream::{Limits, Parser};
/// let mut parser = Parser::new(Limits::default());
/// let mut events = Vec::new();
/// parser.feed(b"id: 1\r\ndata: {\"A\"", &mut events)?;
/// parser.feed(b": 1}\r\n\r\ndata: {}", &mut events)?;
/// assert_eq!(events.len(), 1);
/// assert_eq!(events[0].data, "{\"A\": 1}");
/// let last = parser.finish()?.unwrap(); // the input ended without a blank line
/// assert!(!last.complete);
/// # Ok::<(), tencent_action::stream::LimitExceeded>(())
/// ```
#[derive(Debug, Default)]
pub struct Parser {
    limits: Limits,
    line: Vec<u8>,
    /// The previous chunk ended with `\r`: a `\n` starting the next one belongs to it.
    after_cr: bool,
    /// No line has been completed yet (the byte order mark may still be there).
    first_line: bool,
    id: Option<String>,
    event_type: Option<String>,
    data: String,
    has_data: bool,
}

impl Parser {
    /// A parser for a new stream.
    pub fn new(limits: Limits) -> Parser {
        Parser {
            limits,
            first_line: true,
            ..Parser::default()
        }
    }

    /// Reads `bytes`, pushing each event they complete to `out`.
    ///
    /// # Errors
    ///
    /// When a line or an event breaks the [`Limits`]; stop reading then.
    pub fn feed(&mut self, mut bytes: &[u8], out: &mut Vec<RawEvent>) -> Result<(), LimitExceeded> {
        if self.after_cr && !bytes.is_empty() {
            self.after_cr = false;
            if let Some(rest) = bytes.strip_prefix(b"\n") {
                bytes = rest;
            }
        }
        while let Some(end) = bytes.iter().position(|b| *b == b'\n' || *b == b'\r') {
            self.push_line_bytes(&bytes[..end])?;
            let cr = bytes[end] == b'\r';
            bytes = &bytes[end + 1..];
            if cr {
                match bytes.first() {
                    Some(b'\n') => bytes = &bytes[1..],
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            self.end_line(out)?;
        }
        self.push_line_bytes(bytes)
    }

    /// The input ended: the event being read, if it has data, marked incomplete.
    ///
    /// # Errors
    ///
    /// When the last line breaks the [`Limits`].
    pub fn finish(&mut self) -> Result<Option<RawEvent>, LimitExceeded> {
        if !self.line.is_empty() {
            // A field line cut off by the end of input: read it (a non-empty line never
            // dispatches, so nothing is pushed).
            self.end_line(&mut Vec::new())?;
        }
        if !self.has_data {
            return Ok(None);
        }
        let mut event = self.take_event();
        event.complete = false;
        Ok(Some(event))
    }

    fn push_line_bytes(&mut self, bytes: &[u8]) -> Result<(), LimitExceeded> {
        if self.line.len() + bytes.len() > self.limits.max_line {
            return Err(LimitExceeded::Line(self.limits.max_line));
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    fn end_line(&mut self, out: &mut Vec<RawEvent>) -> Result<(), LimitExceeded> {
        let mut line = std::mem::take(&mut self.line);
        if std::mem::take(&mut self.first_line) && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        let result = self.process(&line, out);
        line.clear();
        self.line = line; // keep the allocation
        result
    }

    fn process(&mut self, line: &[u8], out: &mut Vec<RawEvent>) -> Result<(), LimitExceeded> {
        if line.is_empty() {
            if self.has_data {
                out.push(self.take_event());
            } else {
                self.id = None;
                self.event_type = None;
            }
            return Ok(());
        }
        if line[0] == b':' {
            return Ok(()); // a comment, whatever its bytes
        }
        let (field, value) = match line.iter().position(|b| *b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &b""[..]),
        };
        match field {
            b"data" => {
                if self.data.len() + value.len() + 1 > self.limits.max_event {
                    return Err(LimitExceeded::Event(self.limits.max_event));
                }
                self.data.push_str(&String::from_utf8_lossy(value));
                self.data.push('\n');
                self.has_data = true;
            }
            b"event" => self.event_type = Some(String::from_utf8_lossy(value).into_owned()),
            b"id" if !value.contains(&0) => {
                self.id = Some(String::from_utf8_lossy(value).into_owned());
            }
            _ => {} // `retry` and unknown fields are ignored, as the standard says
        }
        Ok(())
    }

    fn take_event(&mut self) -> RawEvent {
        let mut data = std::mem::take(&mut self.data);
        if data.ends_with('\n') {
            data.pop();
        }
        self.has_data = false;
        RawEvent {
            id: self.id.take(),
            event_type: self.event_type.take(),
            data,
            complete: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in_chunks(input: &[u8], chunk: usize) -> Vec<RawEvent> {
        let mut parser = Parser::new(Limits::default());
        let mut out = Vec::new();
        for piece in input.chunks(chunk) {
            parser.feed(piece, &mut out).unwrap();
        }
        out.extend(parser.finish().unwrap());
        out
    }

    #[test]
    fn every_chunking_gives_the_same_events() {
        let input = b"\xEF\xBB\xBFid: 1\r\ndata: a\r\rdata: b\ndata:c\n\nevent: x\ndata: d";
        let whole = parse_in_chunks(input, input.len());
        assert_eq!(whole.len(), 3, "{whole:?}");
        assert_eq!(whole[0].id.as_deref(), Some("1"));
        assert_eq!(whole[0].data, "a");
        assert_eq!(whole[1].data, "b\nc");
        assert_eq!(whole[2].event_type.as_deref(), Some("x"));
        assert!(!whole[2].complete);
        for chunk in 1..input.len() {
            assert_eq!(parse_in_chunks(input, chunk), whole, "chunks of {chunk}");
        }
    }

    #[test]
    fn limits_bound_lines_and_events() {
        let mut parser = Parser::new(Limits::default().max_line(8));
        let mut out = Vec::new();
        assert_eq!(
            parser.feed(b"data: 0123456789", &mut out),
            Err(LimitExceeded::Line(8))
        );
        let mut parser = Parser::new(Limits::default().max_event(10));
        assert_eq!(
            parser.feed(b"data: 12345\ndata: 67890\n", &mut out),
            Err(LimitExceeded::Event(10))
        );
    }
}
