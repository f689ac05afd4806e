//! Path 1: the error envelope nearly every API error is,
//! `{"Response": {"Error": {"Code": "...", "Message": "..."}, "RequestId": "..."}}`, read by a
//! byte scan, in any layout.
//!
//! [`route`](super::route) found `Error` first in `Response` (or right after the RequestId);
//! this reads on from there: exactly `Code` and `Message` in either order, the RequestId after
//! `Error` unless it came before, the end of the body. The code and the RequestId must be
//! written without escapes (the RequestId in printable ASCII), the message may have escapes
//! (serde_json unescapes it, as the general decoder would). Anything else (another member, a
//! `null`, a duplicate, trailing data, invalid UTF-8) makes [`parse`] answer `None` and the body
//! goes through the general decoder, so the result is the same whichever path reads it
//! (`tests/tests/fast_error.rs` compares both on every variation).

use std::borrow::Cow;

use super::scan::{plain_id, Scan};
use crate::code::ErrorCode;
use crate::error::Error;
use crate::request_id::RequestId;

/// The three strings of an error envelope of the common shape.
pub(crate) struct FastError<'a> {
    pub(crate) code: &'a str,
    pub(crate) message: Cow<'a, str>,
    /// Printable ASCII, checked: ready for `RequestId::from_ascii`.
    pub(crate) request_id: &'a [u8],
}

/// The error's strings when `body` is an error envelope of the common shape, `Error`'s value
/// starting at `at` and `request_id` the RequestId's text if it came before `Error`; `None`
/// otherwise.
#[inline(never)]
pub(crate) fn parse<'a>(
    body: &'a [u8],
    at: usize,
    request_id: Option<&'a [u8]>,
) -> Option<FastError<'a>> {
    let mut s = Scan::new(body, at);
    if !s.token(b'{') {
        return None;
    }
    let (first, first_value) = code_or_message(&mut s)?;
    if !s.token(b',') {
        return None;
    }
    let (second, second_value) = code_or_message(&mut s)?;
    let (code, message) = match (first, second) {
        (Member::Code, Member::Message) => (first_value, second_value),
        (Member::Message, Member::Code) => (second_value, first_value),
        _ => return None,
    };
    if !s.token(b'}') {
        return None;
    }
    let request_id = match request_id {
        Some(id) => id,
        None if s.token(b',') && s.key(br#""RequestId""#) => s.id_string()?,
        None => return None,
    };
    if !(plain_id(request_id) && s.token(b'}') && s.token(b'}') && s.at_end()) {
        return None;
    }
    Some(FastError {
        code: plain_text(code)?,
        message: message_text(message)?,
        request_id,
    })
}

impl FastError<'_> {
    /// The same error the general decoder builds from these three strings.
    #[inline(never)]
    pub(crate) fn into_error<C: ErrorCode>(self, action: &'static str) -> Error<C> {
        Error::api(
            C::from_code(self.code),
            self.message.into_owned(),
            None,
            action,
            Some(RequestId::from_ascii(self.request_id)),
        )
    }
}

#[derive(PartialEq, Eq)]
enum Member {
    Code,
    Message,
}

/// A member's raw text: without escapes, between the quotes; with escapes, as written, quotes
/// included.
enum Raw<'a> {
    Plain(&'a [u8]),
    Escaped(&'a [u8]),
}

/// `"Code": "..."` or `"Message": "..."`.
fn code_or_message<'a>(s: &mut Scan<'a>) -> Option<(Member, Raw<'a>)> {
    match s.first_letter()? {
        b'C' if s.key(br#""Code""#) => Some((Member::Code, Raw::Plain(s.plain_string()?))),
        b'M' if s.key(br#""Message""#) => {
            let start = s.at;
            match s.plain_string() {
                Some(text) => Some((Member::Message, Raw::Plain(text))),
                None => {
                    s.at = start;
                    Some((Member::Message, Raw::Escaped(s.quoted_string()?)))
                }
            }
        }
        _ => None,
    }
}

/// The code: plain text only (a code written with escapes is the general decoder's).
fn plain_text(raw: Raw<'_>) -> Option<&str> {
    match raw {
        Raw::Plain(text) => std::str::from_utf8(text).ok(),
        Raw::Escaped(_) => None,
    }
}

/// The message, unescaped by serde_json exactly as the general decoder reads it.
fn message_text(raw: Raw<'_>) -> Option<Cow<'_, str>> {
    match raw {
        Raw::Plain(text) => std::str::from_utf8(text).ok().map(Cow::Borrowed),
        Raw::Escaped(text) => unescape(text).map(Cow::Owned),
    }
}

/// A string literal unescaped, or `None` when serde_json refuses it (a bad escape, a control
/// character, invalid UTF-8).
fn unescape(quoted: &[u8]) -> Option<String> {
    serde_json::from_slice(quoted).ok()
}

#[cfg(test)]
mod tests {
    use super::super::route::{route, Route};
    use super::FastError;

    /// What path 1 makes of `body`, routed as the decoder routes it.
    fn read(body: &[u8]) -> Option<FastError<'_>> {
        match route(body) {
            Route::Error { at, request_id } => super::parse(body, at, request_id),
            _ => None,
        }
    }

    #[test]
    fn the_common_shape_is_read_in_any_layout() {
        let body = br#"{"Response":{"Error":{"Code":"InternalError","Message":"try later"},"RequestId":"r-1"}}"#;
        let e = read(body).unwrap();
        assert_eq!(
            (e.code, &*e.message, e.request_id),
            ("InternalError", "try later", &b"r-1"[..])
        );
        for body in [
            &b"{\"Response\":{\"Error\": {\"Message\": \"m\", \"Code\": \"C\"} ,\r\n \"RequestId\":\"id\" } }\n"[..],
            b" {\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"m\"},\"RequestId\":\"id\"}}",
            b"{\n  \"Response\": {\n    \"RequestId\": \"id\",\n    \"Error\": {\n      \"Code\": \"C\",\n      \"Message\": \"m\"\n    }\n  }\n}",
        ] {
            let e = read(body).unwrap();
            assert_eq!((e.code, &*e.message, e.request_id), ("C", "m", &b"id"[..]));
        }
    }

    #[test]
    fn an_escaped_or_multibyte_message_is_read_as_serde_json_reads_it() {
        let body =
            r#"{"Response":{"Error":{"Code":"C","Message":"a\"b\u4e2d\n号"},"RequestId":"r"}}"#;
        let e = read(body.as_bytes()).unwrap();
        assert_eq!(&*e.message, "a\"b中\n号");
    }

    #[test]
    fn anything_else_is_left_to_the_general_decoder() {
        for body in [
            &br#"{"Response":{"TotalCount":1,"RequestId":"r"}}"#[..],
            br#"{"Response":{"Error":{"Code":"C","Message":"m","X":1},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Code":"D"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}} x"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"},"Response":{}}"#,
            br#"{"Response":{"RequestId":"r","Error":{"Code":"C","Message":"m"},"RequestId":"s"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"a\x"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C\u0041","Message":"m"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r\u0041"}}"#,
            br#"{"Response":{"RequestId":"r\"","Error":{"Code":"C","Message":"m"}}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":null}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":3},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}"#,
            br#"{"Respons\u0065":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}}}"#,
            b"{\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"\xff\"},\"RequestId\":\"r\"}}",
            b"{\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"m\"},\"RequestId\":\"\xc3\xa9\"}}",
            b"{\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"a\nb\"},\"RequestId\":\"r\"}}",
            b"{\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"a\\\nb\"},\"RequestId\":\"r\"}}",
            b"",
            b"{",
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m\"#,
        ] {
            assert!(read(body).is_none(), "{}", String::from_utf8_lossy(body));
        }
    }
}
