// The checks of the fuzz targets, shared with the regression tests
// (tests/tests/fuzz_regressions.rs includes this file by path): each panics on a failure.
//
// `check_from_slice`: arbitrary bytes into `from_slice` (and `from_str` when they are UTF-8)
// for an annotated struct with nested, optional, renamed and numeric fields. Beyond "no
// panic": `from_str` and `from_slice` agree on every input; a success carries the RequestId;
// every accessor and both formatters of an error work; an error of a JSON body keeps the
// body's RequestId (the first string `RequestId` of the first `Response`, found here by an
// independent reader); `Display` and `Debug` are bounded and hold no raw control, separator
// or bidi/format character, whatever the body held.
//
// `check_error_envelope`: the first byte picks a mode.
// - even: the rest is split at the first 0xFF into a code and a message (lossy UTF-8),
//   serialised into an error envelope in a layout the byte picks, and the decoded `code()`,
//   `message()` and `request_id()` must be exactly what went in;
// - odd: the rest is pasted raw as the value of `Response.Error` (malformed error bodies), and
//   decoding must not panic and must never succeed.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::json;
use tencent_action::prelude::*;

// A made-up product ("demo" has no published schema): the test needs fields of every kind,
// which no real action has, so the schema check does not apply.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeInstances",
    schema = false
)]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: i64,
    pub instance_set: Vec<Instance>,
    #[serde(rename = "CPU")]
    pub cpu: Option<u64>,
    pub tags: Option<Vec<String>>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub price: Option<f64>,
    pub running: Option<bool>,
    pub extra: Option<serde_json::Value>,
}

fn describe<C: std::fmt::Debug>(e: &tencent_action::Error<C>) -> String {
    // Every accessor, both formatters.
    let _ = (e.kind(), e.code(), e.typed_code(), e.category());
    let _ = (
        e.message(),
        e.request_id(),
        e.action(),
        e.path(),
        e.http_status(),
    );
    let _ = e.legacy_code();
    let shown = e.to_string();
    assert_printable(&shown, 2_000);
    assert_printable(&format!("{e:?}"), 4_000);
    let _ = format!("{e:#?}");
    shown
}

/// A message for a log: at most `max` characters, and no character that could forge or hide a
/// log line (controls, line/paragraph separators, bidi and other format characters).
fn assert_printable(shown: &str, max: usize) {
    let count = shown.chars().count();
    assert!(count <= max, "{count} characters of output");
    if let Some(c) = shown.chars().find(|&c| {
        c.is_control()
            || matches!(
                c,
                '\u{AD}'
                    | '\u{61C}'
                    | '\u{180E}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{2028}'..='\u{202E}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{2066}'..='\u{206F}'
                    | '\u{FEFF}'
                    | '\u{FFF9}'..='\u{FFFB}'
                    | '\u{E0001}'
                    | '\u{E0020}'..='\u{E007F}'
            )
    }) {
        panic!("raw {c:?} in {shown:?}");
    }
}

/// The body's RequestId by the envelope's rule, read independently of the decoder: the first
/// string `RequestId` in the first `Response` object. `None` when `text` is not JSON.
fn expected_request_id(text: &str) -> Option<Option<String>> {
    struct Top;
    struct FirstId;
    impl<'de> Visitor<'de> for Top {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let (mut id, mut seen) = (None, false);
            while let Some(key) = map.next_key::<String>()? {
                if key == "Response" && !seen {
                    seen = true;
                    id = map.next_value::<Any<FirstId>>()?.0.flatten();
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(id)
        }
    }
    impl<'de> Visitor<'de> for FirstId {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut id = None;
            while let Some(key) = map.next_key::<String>()? {
                let value: serde_json::Value = map.next_value()?;
                if key == "RequestId" && id.is_none() {
                    id = value.as_str().map(str::to_owned);
                }
            }
            Ok(id)
        }
    }
    /// `V`'s answer for an object, `None` for any other JSON value.
    struct Any<V>(Option<Option<String>>, std::marker::PhantomData<V>);
    impl<'de> serde::Deserialize<'de> for Any<FirstId> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let value = d.deserialize_any(OrSkip(FirstId))?;
            Ok(Any(value, std::marker::PhantomData))
        }
    }
    struct OrSkip<V>(V);
    impl<'de, V: Visitor<'de, Value = Option<String>>> Visitor<'de> for OrSkip<V> {
        type Value = Option<Option<String>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            self.0.visit_map(map).map(Some)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let id = de.deserialize_any(OrSkip(Top)).ok()?;
    de.end().ok()?;
    Some(id.flatten())
}

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

/// See the top of this file.
pub fn check_from_slice(data: &[u8]) {
    let by_slice = tencent_action::from_slice::<DescribeInstances>(data);
    // (Like `serde_json::from_slice`, the decoder does not validate UTF-8 inside values it
    // skips, so invalid bytes there are read as U+FFFD by the oracle.)
    let expected = expected_request_id(&String::from_utf8_lossy(data));
    let shown_slice = match &by_slice {
        Ok(out) => {
            // Only a JSON document decodes, and its RequestId is the one captured.
            let expected = expected.expect("decoded a body that is not JSON");
            assert_eq!(out.request_id(), expected.as_deref().unwrap_or(""));
            None
        }
        Err(e) => {
            // A JSON body's RequestId survives every failure. (Only when the body is UTF-8:
            // invalid UTF-8 in a string the decoder reads is a JSON error where it stands, and
            // an id after it is never reached.)
            if let (Some(Some(id)), true) = (&expected, std::str::from_utf8(data).is_ok()) {
                assert_eq!(e.request_id(), Some(id.as_str()), "{e}");
            }
            Some(describe(e))
        }
    };
    if let Ok(text) = std::str::from_utf8(data) {
        let by_str = tencent_action::from_str::<DescribeInstances>(text);
        match (&by_slice, &by_str) {
            (Ok(a), Ok(b)) => assert_eq!(a.request_id(), b.request_id()),
            (Err(_), Err(b)) => assert_eq!(shown_slice.as_deref(), Some(describe(b).as_str())),
            _ => panic!("from_slice and from_str disagree on {text:?}"),
        }
    }
}

/// See the top of this file.
pub fn check_error_envelope(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        let (code, message) = match rest.iter().position(|&b| b == 0xFF) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let code = String::from_utf8_lossy(code).into_owned();
        let message = String::from_utf8_lossy(message).into_owned();
        let error = json!({"Code": code, "Message": message});
        let error_text = if mode & 4 == 0 {
            error.to_string()
        } else {
            // Message before Code.
            format!(
                "{{\"Message\":{},\"Code\":{}}}",
                serde_json::Value::String(message.clone()),
                serde_json::Value::String(code.clone())
            )
        };
        let rid = "\"fuzz-rid\"";
        let body = match (mode >> 3) % 3 {
            0 => format!("{{\"Response\":{{\"RequestId\":{rid},\"Error\":{error_text}}}}}"),
            1 => format!("{{\"Response\":{{\"Error\":{error_text},\"RequestId\":{rid}}}}}"),
            _ => format!(
                "{{\"Response\":{{\"SendStatusSet\":[1],\"Error\":{error_text},\"X\":null,\"RequestId\":{rid}}}}}"
            ),
        };
        let e = tencent_action::from_str::<SendSms>(&body).unwrap_err();
        assert_eq!(e.kind(), tencent_action::ErrorKind::Api, "{body}");
        assert_eq!(e.code(), Some(code.as_str()));
        assert_eq!(e.message(), Some(message.as_str()));
        assert_eq!(e.request_id(), Some("fuzz-rid"));
        let same = tencent_action::from_slice::<SendSms>(body.as_bytes()).unwrap_err();
        assert_eq!(same.to_string(), e.to_string());
        describe(&e);
    } else {
        let mut body = b"{\"Response\":{\"RequestId\":\"r\",\"Error\":".to_vec();
        body.extend_from_slice(rest);
        body.extend_from_slice(b"}}");
        let result = tencent_action::from_slice::<SendSms>(&body);
        let e = result.expect_err("a body with `Response.Error` never decodes as data");
        assert_eq!(e.request_id(), Some("r"), "{e}");
        describe(&e);
    }
}
