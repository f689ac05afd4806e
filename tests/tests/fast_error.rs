//! Error envelopes of the common shape take a fast path, a byte scan, in any layout
//! (`runtime/src/envelope/fast_error.rs`); every other body goes through the general decoder.
//! Both must give the same error: here each variation is decoded as sent (fast path) and with a
//! key before `Response` (general path: the fast path needs `Response` first), and every
//! observable part of the two errors is compared. `runtime/src/envelope/differential.rs`
//! compares the two decoders on mutated bodies too.

use tencent_action::prelude::*;
use tencent_action::Error;

tencent_action::error_codes! {
    pub enum SmsCode {
        "FailedOperation.PhoneNumberInBlacklist"
        "LimitExceeded.PhoneNumberThirtySecondLimit"
    }
}

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms", codes = SmsCode)]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
#[derive(Debug)]
pub struct DescribeZones {
    pub total_count: u64,
}

fn same<C: tencent_action::ErrorCode>(fast: &Error<C>, general: &Error<C>, body: &str) {
    assert_eq!(fast.kind(), general.kind(), "{body}");
    assert_eq!(fast.code(), general.code(), "{body}");
    assert_eq!(fast.typed_code(), general.typed_code(), "{body}");
    assert_eq!(fast.message(), general.message(), "{body}");
    assert_eq!(fast.request_id(), general.request_id(), "{body}");
    assert_eq!(fast.action(), general.action(), "{body}");
    assert_eq!(fast.to_string(), general.to_string(), "{body}");
    assert_eq!(format!("{fast:?}"), format!("{general:?}"), "{body}");
}

/// `body` with a key before `Response`, which sends it to the general decoder (the envelope
/// skips unknown top-level keys).
fn general(body: &str) -> String {
    format!("{{\"_\":0,{}", &body[1..])
}

fn bodies() -> Vec<String> {
    let codes = [
        "FailedOperation.PhoneNumberInBlacklist", // listed
        "InternalError",                          // common
        "InvalidParameterValue.New",              // a category
        "Sms.Weird",                              // other
        "",
    ];
    let long = "x".repeat(10_000);
    let messages = ["try later", "号码在黑名单中", "", "a'b<c>&d", long.as_str()];
    let ids = ["6ef60bec-0242-43af-bb20-270359fb54a7", "", "r 1~"];
    let mut out = Vec::new();
    for code in codes {
        for message in messages {
            for id in ids {
                out.push(format!(
                    r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"{message}"}},"RequestId":"{id}"}}}}"#
                ));
                out.push(format!(
                    "{{\"Response\":{{\"Error\":\n  {{ \"Message\" : \"{message}\",\t\"Code\":\"{code}\" }} ,\r\n\"RequestId\" : \"{id}\"}} }}\n"
                ));
                out.push(format!(
                    "{{\n  \"Response\": {{\n    \"RequestId\": \"{id}\",\n    \"Error\": {{\n      \"Code\": \"{code}\",\n      \"Message\": \"{message}\"\n    }}\n  }}\n}}"
                ));
                out.push(format!(
                    r#"{{"Response":{{"RequestId":"{id}","Error":{{"Code":"{code}","Message":"{message} \"quoted\" \u4e2d"}}}}}}"#
                ));
            }
        }
    }
    out
}

#[test]
fn fast_and_general_paths_give_the_same_error_for_product_codes() {
    for body in bodies() {
        let fast = tencent_action::from_str::<SendSms>(&body).unwrap_err();
        let general = tencent_action::from_str::<SendSms>(&general(&body)).unwrap_err();
        same(&fast, &general, &body);
        let fast = tencent_action::from_slice::<SendSms>(body.as_bytes()).unwrap_err();
        same(&fast, &general, &body);
    }
}

#[test]
fn fast_and_general_paths_give_the_same_error_for_common_codes() {
    for body in bodies() {
        let fast = tencent_action::from_slice::<DescribeZones>(body.as_bytes()).unwrap_err();
        let general =
            tencent_action::from_slice::<DescribeZones>(general(&body).as_bytes()).unwrap_err();
        same(&fast, &general, &body);
    }
}

#[test]
fn the_fast_path_reads_what_the_body_says() {
    let body = r#"{"Response":{"Error":{"Code":"LimitExceeded.PhoneNumberThirtySecondLimit","Message":"slow down"},"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
    let e = tencent_action::from_str::<SendSms>(body).unwrap_err();
    assert_eq!(
        e.typed_code(),
        Some(&SmsCode::LimitExceededPhoneNumberThirtySecondLimit)
    );
    assert_eq!(e.message(), Some("slow down"));
    assert_eq!(e.request_id(), Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"));
    assert_eq!(e.action(), "SendSms");
    assert!(e.is_throttled());
}

#[test]
fn bodies_near_the_shape_still_decode_as_before() {
    // Each is read by the fast path or leaves it at a different point; the answer is the one
    // the general decoder has always given.
    let cases: [(&str, Option<&str>); 5] = [
        // RequestId before Error.
        (
            r#"{"Response":{"RequestId":"r","Error":{"Code":"InternalError","Message":"m"}}}"#,
            Some("InternalError"),
        ),
        // An escape in the message.
        (
            r#"{"Response":{"Error":{"Code":"InternalError","Message":"a\"b"},"RequestId":"r"}}"#,
            Some("InternalError"),
        ),
        // A third member in Error.
        (
            r#"{"Response":{"Error":{"Code":"InternalError","Message":"m","Extra":1},"RequestId":"r"}}"#,
            Some("InternalError"),
        ),
        // No RequestId.
        (
            r#"{"Response":{"Error":{"Code":"InternalError","Message":"m"}}}"#,
            Some("InternalError"),
        ),
        // Error without Code: an envelope error, not an API error.
        (
            r#"{"Response":{"Error":{"Message":"m","Message":"n"},"RequestId":"r"}}"#,
            None,
        ),
    ];
    for (body, code) in cases {
        let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
        assert_eq!(e.code(), code, "{body}");
    }
    let e = tencent_action::from_str::<DescribeZones>(
        r#"{"Response":{"Error":{"Code":"InternalError","Message":"a\"b"},"RequestId":"r"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.message(), Some("a\"b"));
}
