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
    // As Tencent writes it, compactly: the letter after `{"Response":{"` decides it for nearly
    // every body, in two compares; a RequestId first (a 36-character UUID, checked with a
    // few vector compares) in a few more.
    const OPEN: &[u8; 14] = br#"{"Response":{""#;
    const ERROR: &[u8; 7] = br#"Error":"#;
    const ID_FIRST: &[u8; 12] = br#"RequestId":""#;
    const UUID: usize = 36;
    if !body.starts_with(OPEN) {
        return route_any_layout(body);
    }
    let key = &body[OPEN.len()..];
    match key.first() {
        Some(b'E') if key.starts_with(ERROR) => Route::Error {
            at: OPEN.len() + ERROR.len(),
            request_id: None,
        },
        Some(b'R') if key.starts_with(ID_FIRST) => {
            let id = &key[ID_FIRST.len()..];
            if id.get(UUID..UUID + 3) != Some(br#"",""#) || !plain(&id[..UUID]) {
                return route_any_layout(body);
            }
            match id[UUID + 3..].starts_with(ERROR) {
                true => Route::Error {
                    at: OPEN.len() + ID_FIRST.len() + UUID + 3 + ERROR.len(),
                    request_id: Some(&id[..UUID]),
                },
                false => Route::Data,
            }
        }
        _ => Route::Data,
    }
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
