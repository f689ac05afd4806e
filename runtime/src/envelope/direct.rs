//! Path 2 for data: `{"Response": T}` decoded by `T`'s derived visitor alone, on serde_json's
//! own map access, with nothing wrapped: the floor's work, plus the RequestId.
//!
//! `#[tencent_action]` makes the hidden field readable by serde as `RequestId`, with `Error` as
//! an alias (see the macros' `hidden.rs`); its type is [`RequestId`], whose `Deserialize` here
//! accepts only a string of printable ASCII borrowed from the body, so an `Error` object there
//! fails the pass. A string under `Error` would be taken for the id: so the place each id was
//! read from is kept ([`ORIGIN`]), and the pass counts only when the kept id stood in the body
//! right after the key `"RequestId"`. Any other failure (a missing or unusual RequestId, a
//! duplicate, a body that is not `{"Response": {...}}`, a shape error) makes the caller decode
//! again with the general decoder, which says what went wrong: an error never comes from
//! here, so the errors are the general decoder's by construction.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use crate::action::Action;
use crate::request_id::{printable, RequestId};

thread_local! {
    /// The address of the first byte of the last id [`RequestId::deserialize`] kept, 0 for
    /// none. Thread-local because the derived visitor calls the field's `Deserialize` with
    /// nothing but the deserializer; [`decode`] saves and restores it, so a decode nested in a
    /// user's `Deserialize` leaves the outer one's intact.
    static ORIGIN: Cell<usize> = const { Cell::new(0) };
}

/// `{"Response": T}` with serde's derived visitor, the floor's own envelope. Only ever given
/// a body whose top level and `Response` are objects ([`Route::Data`](super::route::Route)):
/// a derived visitor would also read a struct from an array, which the general decoder refuses.
#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(rename = "Response")]
    response: T,
}

/// `T` from `{"Response": T, ...}` read by serde's derived visitors; `None` whenever the general
/// decoder must say what the body holds.
#[inline]
pub(crate) fn decode<'de, T, R>(read: R, body: &'de [u8]) -> Option<T>
where
    T: Action + Deserialize<'de>,
    R: serde_json::de::Read<'de>,
{
    let saved = ORIGIN.replace(0);
    let mut de = serde_json::Deserializer::new(read);
    let data = Envelope::<T>::deserialize(&mut de).and_then(|e| de.end().map(|()| e.response));
    let origin = ORIGIN.replace(saved);
    let data = data.ok()?;
    read_under_request_id(body, origin, data.request_id()).then_some(data)
}

/// Whether `id` is the string that starts at address `origin` in `body`, the value of a
/// `"RequestId"` key. The pass that kept it parsed the body as JSON, so a `"RequestId"` before
/// the `:` is the whole key unless its opening quote is escaped (then the key is longer).
#[inline]
fn read_under_request_id(body: &[u8], origin: usize, id: &str) -> bool {
    const KEY: &[u8] = br#""RequestId""#;
    const COMPACT: &[u8; 13] = br#""RequestId":""#;
    const PRETTY: &[u8; 14] = br#""RequestId": ""#;
    let Some(at) = origin.checked_sub(body.as_ptr() as usize) else {
        return false;
    };
    if body.get(at..at + id.len()) != Some(id.as_bytes()) {
        return false;
    }
    // As Tencent writes it, or as pretty printers do: one compare each, of known length.
    if let Some(key) = ends_with(&body[..at], COMPACT).or_else(|| ends_with(&body[..at], PRETTY)) {
        return key == 0 || body[key - 1] != b'\\';
    }
    let before = match at.checked_sub(1).map(|quote| (quote, body[quote])) {
        Some((quote, b'"')) => trim_end(&body[..quote]),
        _ => return false,
    };
    let Some(before) = before.strip_suffix(b":").map(trim_end) else {
        return false;
    };
    match before.strip_suffix(KEY) {
        Some(rest) => rest.last() != Some(&b'\\'),
        None => false,
    }
}

/// Where `suffix` starts when `s` ends with it.
#[inline]
fn ends_with<const N: usize>(s: &[u8], suffix: &[u8; N]) -> Option<usize> {
    let start = s.len().checked_sub(N)?;
    let tail = <[u8; N]>::try_from(&s[start..]).ok()?;
    (tail == *suffix).then_some(start)
}

fn trim_end(s: &[u8]) -> &[u8] {
    let end = s
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        .map_or(0, |i| i + 1);
    &s[..end]
}

/// The hidden field's `Deserialize` (and the error envelope's RequestId): a string of printable
/// ASCII, its place in the body kept in [`ORIGIN`] when it is borrowed from the body (written
/// without escapes). Read as bytes: validating 36 bytes through `str` costs serde_json about
/// 270 instructions more, a tenth of a small response's envelope. Anything else, the `Error`
/// object included, is refused: what the general decoder reads otherwise (`null`, other text,
/// a number), it reads itself.
impl<'de> Deserialize<'de> for RequestId {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RequestId, D::Error> {
        d.deserialize_bytes(IdVisitor)
    }
}

struct IdVisitor;

impl<'de> Visitor<'de> for IdVisitor {
    type Value = RequestId;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RequestId string (a response with `Error` is decoded by tencent_action::from_slice, not by the struct's own Deserialize)")
    }

    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<RequestId, E> {
        if !printable(v) {
            return Err(E::invalid_value(de::Unexpected::Bytes(v), &self));
        }
        ORIGIN.set(v.as_ptr() as usize);
        Ok(RequestId::from_ascii(v))
    }

    /// Unescaped into a buffer, or from a reader: no place to keep.
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RequestId, E> {
        if !printable(v) {
            return Err(E::invalid_value(de::Unexpected::Bytes(v), &self));
        }
        Ok(RequestId::from_ascii(v))
    }

    /// From deserializers other than serde_json's (a `serde_json::Value`, say).
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RequestId, E> {
        Ok(RequestId::new(v))
    }
}

#[cfg(test)]
mod tests {
    use super::read_under_request_id;

    fn check(body: &str, id: &str) -> bool {
        let at = body.rfind(id).unwrap();
        read_under_request_id(body.as_bytes(), body.as_ptr() as usize + at, id)
    }

    #[test]
    fn an_id_counts_only_under_the_request_id_key() {
        assert!(check(r#"{"Response":{"RequestId":"r-1"}}"#, "r-1"));
        assert!(check("{\"Response\": {\"RequestId\" :\n \"r-1\"}}", "r-1"));
        assert!(!check(r#"{"Response":{"Error":"r-1"}}"#, "r-1"));
        assert!(!check(r#"{"Response":{"X\"RequestId":"r-1"}}"#, "r-1"));
        assert!(!check(r#"{"Response":{"RequestId":["r-1"]}}"#, "r-1"));
    }

    #[test]
    fn an_id_from_elsewhere_does_not_count() {
        let body = br#"{"Response":{"RequestId":"r-1"}}"#;
        let other = String::from("r-1");
        assert!(!read_under_request_id(body, other.as_ptr() as usize, "r-1"));
        assert!(!read_under_request_id(body, 0, "r-1"));
        assert!(!read_under_request_id(
            body,
            body.as_ptr() as usize + 27,
            "r-1"
        ));
    }
}
