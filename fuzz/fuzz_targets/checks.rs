// The checks of the fuzz targets, shared with the regression tests
// (tests/tests/fuzz_regressions.rs includes this file by path): each panics on a failure.
//
// `check_from_slice`: arbitrary bytes into `from_slice` (and `from_str` when they are UTF-8)
// for an annotated struct with nested, optional, renamed and numeric fields. Beyond "no
// panic": `from_str` and `from_slice` agree on every input; a success carries the RequestId;
// every accessor and both formatters of an error work.
//
// `check_error_envelope`: the first byte picks a mode.
// - even: the rest is split at the first 0xFF into a code and a message (lossy UTF-8),
//   serialised into an error envelope in a layout the byte picks, and the decoded `code()`,
//   `message()` and `request_id()` must be exactly what went in;
// - odd: the rest is pasted raw as the value of `Response.Error` (malformed error bodies), and
//   decoding must not panic and must never succeed.

use serde_json::json;
use tencent_action::prelude::*;

// A made-up product ("demo" has no published schema): the test needs fields of every kind,
// which no real action has, so the schema check does not apply.
#[tencent_action(service = "demo", version = "2017-03-12", action = "DescribeInstances")]
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
    let _ = (
        e.kind(),
        e.code(),
        e.typed_code(),
        e.category(),
        e.common_code(),
    );
    let _ = (
        e.message(),
        e.request_id(),
        e.action(),
        e.path(),
        e.http_status(),
    );
    let _ = e.legacy_code();
    let shown = e.to_string();
    let _ = format!("{e:?}");
    shown
}

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

/// See the top of this file.
pub fn check_from_slice(data: &[u8]) {
    let by_slice = tencent_action::from_slice::<DescribeInstances>(data);
    let shown_slice = match &by_slice {
        Ok(out) => {
            // Only a JSON document decodes, and its RequestId is the one captured. (Like
            // `serde_json::from_slice`, the decoder does not validate UTF-8 inside values it
            // skips, so invalid bytes there are read as U+FFFD by the oracle.)
            let text = String::from_utf8_lossy(data);
            let value: serde_json::Value =
                serde_json::from_str(&text).expect("decoded a body that is not JSON");
            let rid = value["Response"]["RequestId"].as_str().unwrap_or("");
            assert_eq!(out.request_id(), rid);
            None
        }
        Err(e) => Some(describe(e)),
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
        let _ = format!("{e:?}");
    } else {
        let mut body = b"{\"Response\":{\"RequestId\":\"r\",\"Error\":".to_vec();
        body.extend_from_slice(rest);
        body.extend_from_slice(b"}}");
        let result = tencent_action::from_slice::<SendSms>(&body);
        let e = result.expect_err("a body with `Response.Error` never decodes as data");
        let _ = (e.kind(), e.code(), e.message(), e.request_id(), e.path());
        let _ = (e.to_string(), format!("{e:?}"));
    }
}
