//! Which way a body goes, from its start: an error envelope has `Error` as the first key of
//! `Response`, or the second after the RequestId, in any layout; data starts with
//! `{"Response":{` and another key; anything else is the general decoder's.
//!
//! Whether the body is what the answer says is for the path to find out: a data body sent down
//! the error path, or an error body sent down the data path, fails that path and goes to the
//! general decoder. The one promise the data path relies on is that `Route::Data` was given only
//! to a body whose top level and `Response` are JSON objects (their first bytes were seen).

use super::scan::{plain, Scan};

/// The way to try first.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    /// `{ "Response" : {` and a first key other than `Error` (after the RequestId, if that is
    /// the first).
    Data,
    /// `Response` starts with `Error` (`at` is where its value starts), after the RequestId's
    /// text when that came first.
    Error {
        at: usize,
        request_id: Option<&'a [u8]>,
    },
    /// Anything else: not an object, `Response` not first or not an object, a key written with
    /// escapes, an empty `Response`, a legacy API 2.0 body...
    Other,
}

/// Looks at `{ "Response" : {` and the first key in it, or the second after a RequestId, JSON
/// whitespace allowed between the tokens.
#[inline]
pub(crate) fn route(body: &[u8]) -> Route<'_> {
    match body.get(1) {
        // As Tencent writes it.
        Some(b'"') => known_layout(
            body,
            br#"{"Response":{""#,
            br#"RequestId":""#,
            br#"",""#,
            br#"Error":"#,
        ),
        // As serde_json's, Go's and Python's pretty printers write it with a two-space indent.
        Some(b'\n') => known_layout(
            body,
            b"{\n  \"Response\": {\n    \"",
            br#"RequestId": ""#,
            b"\",\n    \"",
            br#"Error":"#,
        ),
        _ => None,
    }
    .unwrap_or_else(|| route_any_layout(body))
}

/// The route of a body written exactly in one layout, given by its bytes: up to the first
/// key's opening quote (`open`), the rest of `"RequestId": "` (`id`), from a RequestId's closing
/// quote to the next key's opening quote (`next`), the rest of `"Error":` (`error`). The letter
/// after `open` decides it for nearly every body, in two compares (of known lengths, so without
/// `memcmp`); a RequestId first (a 36-character UUID, checked with a few vector compares) in a
/// few more. `None` for a body in another layout.
#[inline]
fn known_layout<'a, const O: usize, const I: usize, const N: usize, const E: usize>(
    body: &'a [u8],
    open: &[u8; O],
    id: &[u8; I],
    next: &[u8; N],
    error: &[u8; E],
) -> Option<Route<'a>> {
    const UUID: usize = 36;
    let key = body.strip_prefix(open)?;
    let route = match key.first() {
        Some(b'E') if key.starts_with(error) => Route::Error {
            at: O + E,
            request_id: None,
        },
        Some(b'R') if key.starts_with(id) => {
            let text = &key[I..];
            let after = text.get(UUID..)?.strip_prefix(next)?;
            if !plain(&text[..UUID]) {
                return None;
            }
            match after.starts_with(error) {
                true => Route::Error {
                    at: body.len() - after.len() + E,
                    request_id: Some(&text[..UUID]),
                },
                false => Route::Data,
            }
        }
        Some(b'E' | b'R') => return None,
        _ => Route::Data,
    };
    Some(route)
}

#[inline(never)]
fn route_any_layout(body: &[u8]) -> Route<'_> {
    let mut s = Scan::new(body, 0);
    if !(s.token(b'{') && s.key(br#""Response""#) && s.token(b'{')) {
        return Route::Other;
    }
    // The first letter of the first key says which key it can be.
    let request_id = match s.first_letter() {
        Some(b'E') => None,
        Some(b'R') if s.key(br#""RequestId""#) => match s.id_string() {
            Some(id) if s.token(b',') && s.first_letter() == Some(b'E') => Some(id),
            _ => return Route::Data,
        },
        Some(_) => return Route::Data,
        None => return Route::Other,
    };
    if s.key(br#""Error""#) {
        Route::Error {
            at: s.at,
            request_id,
        }
    } else {
        Route::Data
    }
}

#[cfg(test)]
mod tests {
    use super::{route, Route};

    #[test]
    fn error_first_or_after_the_request_id_in_any_layout() {
        const ID: &str = "6ef60bec-0242-43af-bb20-270359fb54a7";
        let compact_after_id = format!(r#"{{"Response":{{"RequestId":"{ID}","Error":{{}}}}}}"#);
        let cases: [(&str, usize, Option<&[u8]>); 4] = [
            (
                r#"{"Response":{"Error":{"Code":"X"},"RequestId":"r"}}"#,
                21,
                None,
            ),
            ("{\n  \"Response\": {\n    \"Error\": {}\n  }\n}", 30, None),
            (&compact_after_id, 72, Some(ID.as_bytes())),
            (
                r#" { "Response" : { "RequestId" : "r" , "Error" : 1 } } "#,
                47,
                Some(b"r"),
            ),
        ];
        for (body, at, request_id) in cases {
            assert_eq!(
                route(body.as_bytes()),
                Route::Error { at, request_id },
                "{body}"
            );
        }
    }

    #[test]
    fn data_is_an_object_in_an_object() {
        for body in [
            r#"{"Response":{"TotalCount":1,"Error":{}}}"#,
            r#"{"Response":{"RequestId":"r","TotalCount":1}}"#,
            r#"{"Response":{"ErrorX":{}}}"#,
            r#"{"Response":{"Error"}}"#,
            r#"{"Response":{"RequestId":"r"}}"#,
            "{\n \"Response\": {\n \"X\": 1}}",
            "{\n \"Response\": {\n \"RequestId\": \"r\"}}",
        ] {
            assert_eq!(route(body.as_bytes()), Route::Data, "{body}");
        }
    }

    #[test]
    fn everything_else_is_the_general_decoders() {
        for body in [
            "",
            "{",
            "[]",
            r#"{"X":1,"Response":{"Error":{}}}"#,
            r#"{"Response":[{"RequestId":"r"}]}"#,
            r#"{"Response":{}}"#,
            r#"{"Respons\u0065":{"A":1}}"#,
            r#"{"code":4100,"message":"m"}"#,
        ] {
            assert_eq!(route(body.as_bytes()), Route::Other, "{body}");
        }
    }
}
