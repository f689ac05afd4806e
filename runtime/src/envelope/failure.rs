//! The failure path: when the one-pass decode fails, re-read the body to say what went wrong,
//! where, and with which RequestId.
//!
//! None of this runs on the success path. A failed decode stops wherever serde stopped, usually
//! before the `RequestId` (which comes last), so the body is read again leniently by a probe
//! that records what it sees as it goes; partial knowledge survives a body that breaks off.
//! A shape error is then re-run under `serde_path_to_error` for the path of the failing value.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::ctx::{Ctx, Flags, IdMode};
use super::id_seed::LenientRequestIdSeed;
use super::key::{self, Key, Level};
use super::lenient::ErrorBody;
use super::top::deserialize_top;
use crate::code::ErrorCode;
use crate::error::{EnvelopeProblem, Error};
use crate::excerpt;
use crate::request_id::RequestId;

/// The re-run of a failed decode under path tracking, for one response type:
/// [`shape_error::<T>`](shape_error) as a plain function pointer, so that everything around it
/// (the probe, the error's assembly, the helper thread) is compiled once for every response
/// type rather than once per type: a tool with fifty actions pays for it once.
pub(crate) type Rerun<'de> = fn(&'de [u8]) -> Option<(String, String)>;

/// Builds the error for a body whose fast decode failed with `err`; `duplicate` when the
/// envelope stopped it at a second `Response` or `Error`. `rerun` is the response type's own
/// decode under path tracking ([`shape_error`]), for the path of a shape error.
pub(crate) fn failure<'de, C: ErrorCode>(
    body: &'de [u8],
    err: &serde_json::Error,
    duplicate: Option<EnvelopeProblem>,
    action: &'static str,
    rerun: Rerun<'de>,
) -> Error<C> {
    let mut facts = Facts::default();
    let probe_err = probe(body, &mut facts);
    let request_id = facts.request_id.take();

    if let Some(problem) = duplicate {
        // Which of the two is meant is anyone's guess: neither is decoded.
        return Error::envelope(problem, body, action, request_id);
    }
    if let Some(error) = facts.error.take() {
        // `Response.Error` is there: the response is an API error, whatever else is wrong.
        return error.into_error(action, request_id, body);
    }
    if !err.is_data() {
        return json_error(body, err, action, request_id);
    }
    // The fast path reads the RequestId as bytes and may stop with its own message; the probe
    // reads it as serde_json text, so a body that is not JSON text says so here.
    if let Some(probe_err) = probe_err.filter(|e| !e.is_data()) {
        return json_error(body, &probe_err, action, request_id);
    }
    let problem = if facts.error_malformed {
        Some(EnvelopeProblem::ErrorWithoutCode)
    } else if !facts.top_object {
        Some(EnvelopeProblem::NotObject)
    } else {
        match facts.response {
            ResponseSeen::Absent => Some(EnvelopeProblem::NoResponse),
            ResponseSeen::NotObject => Some(EnvelopeProblem::ResponseNotObject),
            ResponseSeen::Object => None,
        }
    };
    if let Some(problem) = problem {
        return Error::envelope(problem, body, action, request_id);
    }
    let (path, reason) = tracked_shape_error(body, err, rerun)
        .unwrap_or_else(|| ("Response".into(), err.to_string()));
    Error::shape(path, reason, action, request_id)
}

fn json_error<C>(
    body: &[u8],
    err: &serde_json::Error,
    action: &'static str,
    request_id: Option<RequestId>,
) -> Error<C> {
    let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
    let reason = match first {
        None => "the body is empty".to_owned(),
        Some(b'<') => format!("the body looks like HTML or XML ({err})"),
        Some(_) => err.to_string(),
    };
    let offset = byte_offset(body, err.line(), err.column());
    let excerpt = if offset <= excerpt::EXCERPT_CHARS / 2 {
        excerpt::head(body)
    } else {
        excerpt::around(body, offset)
    };
    Error::json(reason, excerpt, action, request_id)
}

/// serde_json reports 1-based lines and columns; turn them back into a byte offset.
fn byte_offset(body: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match body[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start += i + 1,
            None => return body.len(),
        }
    }
    (start + column.saturating_sub(1)).min(body.len())
}

/// Nesting deeper than this where the decode failed sends the path-tracking re-run to a
/// helper thread.
const INLINE_DEPTH: usize = 32;

/// The helper thread's stack: path tracking at serde_json's limit (127 levels) needs about
/// 1 MiB in a debug build.
const TRACKING_STACK: usize = 8 << 20;

/// [`shape_error`], keeping the caller's stack use within a small factor of serde_json's.
///
/// `serde_path_to_error` wraps every level of the value in its own deserializer, visitor and
/// map access: about twice serde_json's stack per level. At the nesting limit that overflows a
/// stack the fast path itself fitted in (a 256 KiB thread, where serde_json alone needs
/// 192 KiB). So when the failure is deep, the re-run goes to a scoped thread with a stack of
/// its own; shallow failures, nearly all of them, run inline. If no thread can be started,
/// the error goes without a path rather than risking the caller's stack.
fn tracked_shape_error<'de>(
    body: &'de [u8],
    err: &serde_json::Error,
    rerun: Rerun<'de>,
) -> Option<(String, String)> {
    let depth = nesting_at(body, byte_offset(body, err.line(), err.column()));
    if depth <= INLINE_DEPTH {
        return rerun(body);
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("tencent-action-path".into())
            .stack_size(TRACKING_STACK)
            .spawn_scoped(scope, || rerun(body))
            .ok()?
            .join()
            .ok()
            .flatten()
    })
}

/// How many objects and arrays are open at byte `offset`: a scan without recursion.
fn nesting_at(body: &[u8], offset: usize) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in &body[..offset.min(body.len())] {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    depth
}

/// Re-runs the decode with path tracking; `(path, reason)` of the first failing value.
pub(crate) fn shape_error<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Option<(String, String)> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let mut track = serde_path_to_error::Track::new();
    let flags = Flags::default();
    let ctx = Ctx {
        mode: IdMode::Text,
        flags: &flags,
    };
    let result = deserialize_top::<T, _>(
        serde_path_to_error::Deserializer::new(&mut de, &mut track),
        ctx,
    );
    match result {
        Ok(_) => None,
        Err(err) => Some((format_path(&track.path()), err.to_string())),
    }
}

/// `Response.InstanceSet[3].CPU`: map keys joined by dots, sequence indices in brackets.
fn format_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&excerpt::escape_bytes(
                    key.as_bytes(),
                    excerpt::EXCERPT_CHARS,
                ));
            }
            Segment::Unknown => out.push_str(".?"),
        }
    }
    if out.is_empty() {
        out.push_str("Response");
    }
    out
}

#[derive(Default)]
struct Facts<'de> {
    top_object: bool,
    response: ResponseSeen,
    request_id: Option<RequestId>,
    error: Option<ErrorBody<'de>>,
    /// `Error` was there but was not an object that could be read.
    error_malformed: bool,
    /// The probe stopped on purpose: it had learnt all it could.
    stopped: bool,
}

/// Returned through serde to stop the probe; [`Facts::stopped`] says it was this.
const STOP: &str = "tencent-action: probe done";

#[derive(Default)]
enum ResponseSeen {
    #[default]
    Absent,
    NotObject,
    Object,
}

/// Reads the body leniently, writing into `facts` as it goes; the error, if any, says where the
/// body stops being JSON. It stops as soon as it has the RequestId and `Error`, or has passed
/// them (the end of `Response`): a failure early in a 50 MB body does not read the rest.
fn probe<'de>(body: &'de [u8], facts: &mut Facts<'de>) -> Option<serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let err = de.deserialize_any(ProbeTop { facts }).err();
    err.filter(|_| !facts.stopped)
}

struct ProbeTop<'a, 'de> {
    facts: &'a mut Facts<'de>,
}

impl<'de> Visitor<'de> for ProbeTop<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.facts.top_object = true;
        while let Some(key) = map.next_key_seed(key::skip(Level::Top))? {
            match key {
                Key::Response => {
                    // Assume the worst until the object opens.
                    self.facts.response = ResponseSeen::NotObject;
                    map.next_value_seed(ProbeResponse {
                        facts: &mut *self.facts,
                    })?;
                    // Past `Response`: nothing after it changes the error.
                    self.facts.stopped = true;
                    return Err(de::Error::custom(STOP));
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ProbeResponse<'a, 'de> {
    facts: &'a mut Facts<'de>,
}

impl<'de> DeserializeSeed<'de> for ProbeResponse<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ProbeResponse<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.facts.response = ResponseSeen::Object;
        while let Some(key) = map.next_key_seed(key::skip(Level::Response))? {
            match key {
                Key::RequestId => {
                    // The first string id wins, as on the success path.
                    let id = map.next_value_seed(LenientRequestIdSeed)?;
                    self.facts.request_id = self.facts.request_id.take().or(id);
                }
                Key::Error => {
                    self.facts.error_malformed = true;
                    let error = map.next_value_seed(ProbeError)?;
                    self.facts.error_malformed = error.code.is_none();
                    if error.code.is_some() {
                        self.facts.error = Some(error);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            }
            let has_error = self.facts.error.is_some() || self.facts.error_malformed;
            if self.facts.request_id.is_some() && has_error {
                // All the error needs: the rest of `Response` is not read.
                self.facts.stopped = true;
                return Err(de::Error::custom(STOP));
            }
        }
        Ok(())
    }
}

/// Reads `Error` when it is an object; anything else is an `Error` without a code.
struct ProbeError;

impl<'de> DeserializeSeed<'de> for ProbeError {
    type Value = ErrorBody<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ErrorBody<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ProbeError {
    type Value = ErrorBody<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ErrorBody<'de>, A::Error> {
        ErrorBody::deserialize(MapAccessDeserializer::new(map))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<ErrorBody<'de>, E> {
        Ok(ErrorBody::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<ErrorBody<'de>, E> {
        Ok(ErrorBody::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<ErrorBody<'de>, E> {
        Ok(ErrorBody::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<ErrorBody<'de>, E> {
        Ok(ErrorBody::default())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<ErrorBody<'de>, E> {
        Ok(ErrorBody::default())
    }
    fn visit_unit<E: de::Error>(self) -> Result<ErrorBody<'de>, E> {
        Ok(ErrorBody::default())
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<ErrorBody<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(ErrorBody::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_skips_brackets_in_strings() {
        let body = br#"{"a": ["[{\"", {"b": 1}], "c": ["#;
        assert_eq!(nesting_at(body, body.len()), 2);
        assert_eq!(nesting_at(body, 7), 2);
        assert_eq!(nesting_at(body, 0), 0);
        assert_eq!(nesting_at(body, 999), 2);
    }

    #[test]
    fn byte_offset_counts_lines() {
        let body = b"ab\ncd\nef";
        assert_eq!(byte_offset(body, 1, 1), 0);
        assert_eq!(byte_offset(body, 2, 2), 4);
        assert_eq!(byte_offset(body, 3, 9), body.len());
        assert_eq!(byte_offset(body, 9, 1), body.len());
    }
}
