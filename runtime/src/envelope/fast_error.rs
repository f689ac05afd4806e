//! The fast path for the one shape nearly every API error has:
//! `{"Response": {"Error": {"Code": "...", "Message": "..."}, "RequestId": "..."}}`.
//!
//! The general decoder cannot know in advance that a body is an error: it reads `Response`
//! through the user's struct machinery, reads `Error` leniently (a `Message` that is not a
//! string must not hide the code), then looks for the `RequestId`. For the exact shape above,
//! with strings written without escapes, a byte scan gives the same three strings for a third
//! of the work. The body must start exactly `{"Response":{"Error":` (Tencent writes compact
//! JSON), so a success body costs one fixed-length comparison. Anything else (another key, another order of `Error` and `RequestId`, an escape,
//! a duplicate, trailing data, invalid UTF-8) makes [`parse`] answer `None` and the body goes
//! through the general decoder, so the result is the same whichever path reads it
//! (`tests/tests/fast_error.rs` compares both on every variation).
//!
//! On a success body the scan stops at the first byte of the first data key, a handful of
//! compares: the success path does not pay for it measurably.

use crate::code::ErrorCode;
use crate::error::Error;
use crate::request_id::RequestId;

/// The three strings of an error envelope of the exact shape, borrowed from the body.
pub(crate) struct FastError<'a> {
    pub(crate) code: &'a str,
    pub(crate) message: &'a str,
    /// Printable ASCII, checked: ready for `RequestId::from_ascii`.
    pub(crate) request_id: &'a [u8],
}

/// The error's strings when `body` is exactly an error envelope of the common shape, written
/// compactly up to `"Error":` as Tencent writes it (any JSON whitespace after that; `Code` and
/// `Message` in either order); `None` otherwise.
#[inline]
pub(crate) fn parse(body: &[u8]) -> Option<FastError<'_>> {
    // A byte and one fixed-length comparison are all the success path pays (a few instructions;
    // a whitespace-tolerant scan here cost 113 per small response, measured with callgrind).
    const PREFIX: &[u8; 21] = br#"{"Response":{"Error":"#;
    // The first letter of the first key inside `Response` decides it for nearly every body.
    if body.get(14) != Some(&b'E') || body.get(..PREFIX.len()) != Some(&PREFIX[..]) {
        return None;
    }
    error_and_request_id(Scan {
        body,
        at: PREFIX.len(),
    })
}

/// The rest, out of line: only error bodies get here.
#[inline(never)]
fn error_and_request_id(mut s: Scan<'_>) -> Option<FastError<'_>> {
    let body = s.body;
    s.token(b'{')?;
    let (first, first_value) = s.code_or_message()?;
    s.token(b',')?;
    let (second, second_value) = s.code_or_message()?;
    let (code, message) = match (first, second) {
        (Member::Code, Member::Message) => (first_value, second_value),
        (Member::Message, Member::Code) => (second_value, first_value),
        _ => return None,
    };
    s.token(b'}')?;
    s.token(b',')?;
    s.key(b"RequestId")?;
    let request_id = s.string()?;
    if !request_id.iter().all(|&b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    s.token(b'}')?;
    s.token(b'}')?;
    s.skip_whitespace();
    if s.at != body.len() {
        return None;
    }
    Some(FastError {
        code: std::str::from_utf8(code).ok()?,
        message: std::str::from_utf8(message).ok()?,
        request_id,
    })
}

impl FastError<'_> {
    /// The same error the general decoder builds from these three strings.
    #[inline(never)]
    pub(crate) fn into_error<C: ErrorCode>(self, action: &'static str) -> Error<C> {
        Error::api(
            C::from_code(self.code),
            self.message.to_owned(),
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

struct Scan<'a> {
    body: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.body.get(self.at) {
            self.at += 1;
        }
    }

    /// One structural byte, after optional whitespace.
    #[inline]
    fn token(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.body.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// `"name"` and its colon, the name written exactly (an escaped key is left to serde_json).
    #[inline]
    fn key(&mut self, name: &[u8]) -> Option<()> {
        self.skip_whitespace();
        let rest = self.body.get(self.at..)?;
        let quoted = rest.strip_prefix(b"\"")?.strip_prefix(name)?;
        if quoted.first() != Some(&b'"') {
            return None;
        }
        self.at += name.len() + 2;
        self.token(b':')
    }

    /// `"Code": "..."` or `"Message": "..."`.
    fn code_or_message(&mut self) -> Option<(Member, &'a [u8])> {
        self.skip_whitespace();
        let member = match self.body.get(self.at + 1) {
            Some(b'C') => {
                self.key(b"Code")?;
                Member::Code
            }
            _ => {
                self.key(b"Message")?;
                Member::Message
            }
        };
        Some((member, self.string()?))
    }

    /// A string without escapes or control characters (both make the body the general
    /// decoder's), as its raw bytes.
    fn string(&mut self) -> Option<&'a [u8]> {
        self.token(b'"')?;
        let start = self.at;
        let len = self.body[start..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if self.body[start + len] != b'"' {
            return None;
        }
        self.at = start + len + 1;
        Some(&self.body[start..start + len])
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_common_shape_is_read() {
        let body = br#"{"Response":{"Error":{"Code":"InternalError","Message":"try later"},"RequestId":"r-1"}}"#;
        let e = parse(body).unwrap();
        assert_eq!(
            (e.code, e.message, e.request_id),
            ("InternalError", "try later", &b"r-1"[..])
        );
        let spaced = b"{\"Response\":{\"Error\": {\"Message\": \"m\", \"Code\": \"C\"} ,\r\n \"RequestId\":\"id\" } }\n";
        let e = parse(spaced).unwrap();
        assert_eq!((e.code, e.message, e.request_id), ("C", "m", &b"id"[..]));
        // Before `"Error":`, only the compact form takes the fast path.
        assert!(parse(
            b" {\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"m\"},\"RequestId\":\"r\"}}"
        )
        .is_none());
    }

    #[test]
    fn anything_else_is_left_to_the_general_decoder() {
        for body in [
            &br#"{"Response":{"TotalCount":1,"RequestId":"r"}}"#[..],
            br#"{"Response":{"RequestId":"r","Error":{"Code":"C","Message":"m"}}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m","X":1},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Code":"D"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}} x"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"},"Response":{}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"a\"b"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r\u0041"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":null}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":3},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}"#,
            br#"{"Respons\u0065":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"}}}"#,
            b"{\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"\xff\"},\"RequestId\":\"r\"}}",
            b"{\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"m\"},\"RequestId\":\"\xc3\xa9\"}}",
            b"{\"Response\":{\"Error\":{\"Code\":\"C\",\"Message\":\"a\nb\"},\"RequestId\":\"r\"}}",
            b"",
            b"{",
            br#"{"Response":{"Error":{"Code":"C","Message":"m"},"RequestId":"r"#,
        ] {
            assert!(parse(body).is_none(), "{}", String::from_utf8_lossy(body));
        }
    }
}
