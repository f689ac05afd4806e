//! Envelope unwrapping: one pass on the success path, RequestId and Error found wherever they
//! stand, RequestId recovered on every kind of failure.

use std::cell::RefCell;

use serde::{Deserialize, Deserializer};
use tencent_action::prelude::*;
use tencent_action::ErrorKind;

thread_local! {
    /// The deserializer types `Witness` was read through, in order.
    static SEEN: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// A field type that records which deserializer read it: straight from serde_json's parser
/// on a one-pass decode, something else (a `Value`, serde's buffered `Content`) otherwise.
#[derive(Debug, PartialEq)]
pub struct Witness(u64);

impl<'de> Deserialize<'de> for Witness {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        SEEN.with(|s| s.borrow_mut().push(std::any::type_name::<D>()));
        u64::deserialize(d).map(Witness)
    }
}

fn seen() -> Vec<&'static str> {
    SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

// A made-up product ("demo" has no published schema): the test needs fields of every kind,
// which no real action has, so the schema check does not apply.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeInstances",
    schema = false
)]
#[derive(Debug)]
pub struct Described {
    pub total_count: Witness,
    pub name: String,
}

#[test]
fn success_path_reads_each_field_once_straight_from_the_parser() {
    seen();
    let out: Described = tencent_action::from_slice(
        br#"{"Response": {"Name": "n", "TotalCount": 7, "RequestId": "r"}}"#,
    )
    .unwrap();
    assert_eq!(out.total_count, Witness(7));
    let seen = seen();
    assert_eq!(
        seen.len(),
        1,
        "the field was deserialized {} times",
        seen.len()
    );
    assert!(
        seen[0].contains("serde_json::de::Deserializer"),
        "read through {} instead of the parser",
        seen[0]
    );
}

#[test]
fn request_id_first_middle_or_last() {
    for body in [
        r#"{"Response": {"RequestId": "r-1", "TotalCount": 1, "Name": "n"}}"#,
        r#"{"Response": {"TotalCount": 1, "RequestId": "r-1", "Name": "n"}}"#,
        r#"{"Response": {"TotalCount": 1, "Name": "n", "RequestId": "r-1"}}"#,
    ] {
        let out: Described = tencent_action::from_str(body).unwrap();
        assert_eq!(out.request_id(), "r-1", "{body}");
        assert_eq!(out.name, "n");
    }
}

#[test]
fn unknown_fields_and_top_level_keys_are_skipped() {
    let body = r#"{"Extra": [1, {"a": null}], "Response": {"TotalCount": 1, "NewField": {"x": [1,2]}, "Name": "n", "RequestId": "r"}}"#;
    let out: Described = tencent_action::from_str(body).unwrap();
    assert_eq!(out.request_id(), "r");
}

#[test]
fn a_success_body_without_request_id_decodes_with_an_empty_one() {
    let out: Described =
        tencent_action::from_str(r#"{"Response": {"TotalCount": 1, "Name": "n"}}"#).unwrap();
    assert_eq!(out.request_id(), "");
}

#[test]
fn error_is_found_before_or_after_request_id_and_data() {
    let error = r#""Error": {"Code": "ResourceNotFound", "Message": "gone"}"#;
    let rid = r#""RequestId": "r-2""#;
    let data = r#""TotalCount": 3, "Name": "n""#;
    for parts in [
        [error, rid, data],
        [rid, error, data],
        [data, error, rid],
        [data, rid, error],
        [rid, data, error],
        [error, data, rid],
    ] {
        let body = format!(r#"{{"Response": {{{}}}}}"#, parts.join(", "));
        let e = tencent_action::from_str::<Described>(&body).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Api, "{body}");
        assert_eq!(e.code(), Some("ResourceNotFound"), "{body}");
        assert_eq!(e.message(), Some("gone"));
        assert_eq!(e.request_id(), Some("r-2"), "{body}");
    }
}

#[test]
fn an_error_response_without_the_data_fields_is_an_api_error_not_missing_fields() {
    let e = tencent_action::from_str::<Described>(
        r#"{"Response": {"Error": {"Code": "InternalError", "Message": ""}, "RequestId": "r"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(
        e.to_string(),
        "DescribeInstances failed: InternalError (RequestId r)"
    );
}

#[test]
fn request_id_is_recovered_when_a_field_before_it_fails() {
    let body = r#"{"Response": {"TotalCount": "seven", "Name": "n", "RequestId": "r-3"}}"#;
    let e = tencent_action::from_str::<Described>(body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Shape);
    assert_eq!(e.path(), Some("Response.TotalCount"));
    assert_eq!(e.request_id(), Some("r-3"));
}

#[test]
fn request_id_is_recovered_when_a_field_is_missing() {
    let body = r#"{"Response": {"TotalCount": 1, "RequestId": "r-4"}}"#;
    let e = tencent_action::from_str::<Described>(body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Shape);
    assert_eq!(e.path(), Some("Response"));
    assert!(e.to_string().contains("missing field `Name`"), "{e}");
    assert_eq!(e.request_id(), Some("r-4"));
}

#[test]
fn request_id_seen_before_the_body_breaks_off_is_kept() {
    let body = r#"{"Response": {"RequestId": "r-5", "TotalCount": 1, "Name": "trunc"#;
    let e = tencent_action::from_str::<Described>(body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Json);
    assert_eq!(e.request_id(), Some("r-5"));
}

#[test]
fn an_error_envelope_wins_over_a_data_field_that_does_not_fit() {
    let body = r#"{"Response": {"TotalCount": "not a number", "Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r-6"}}"#;
    let e = tencent_action::from_str::<Described>(body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("InternalError"));
    assert_eq!(e.request_id(), Some("r-6"));
}

#[test]
fn shape_error_display_names_path_reason_action_and_request_id() {
    #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
    #[derive(Debug)]
    #[allow(dead_code)] // read only through Debug
    pub struct Instances {
        pub instance_set: Vec<Inst>,
    }
    #[derive(Debug, Deserialize)]
    pub struct Inst {
        #[serde(rename = "CPU")]
        pub _cpu: u64,
    }
    let body = r#"{"Response": {"InstanceSet": [{"CPU": 1}, {"CPU": 2}, {"CPU": 4}, {"CPU": "8"}], "RequestId": "ab-cd"}}"#;
    let e = tencent_action::from_str::<Instances>(body).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot decode DescribeInstances response at Response.InstanceSet[3].CPU: \
         invalid type: string \"8\", expected u64 at line 1 column 77 (RequestId ab-cd)"
    );
}

#[test]
fn a_request_id_with_escapes_decodes_like_any_json_string() {
    // The fast path reads RequestIds as raw bytes; an escaped one takes the text path instead.
    let body = r#"{"Response": {"TotalCount": 1, "Name": "n", "RequestId": "r\u002d\"7\"\n"}}"#;
    let out: Described = tencent_action::from_str(body).unwrap();
    assert_eq!(out.request_id(), "r-\"7\"\n");
    let e = tencent_action::from_str::<Described>(
        r#"{"Response": {"Error": {"Code": "InternalError"}, "RequestId": "r\u002d8"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.request_id(), Some("r-8"));
}

#[test]
fn a_raw_control_character_in_the_request_id_is_not_json() {
    for body in [
        &b"{\"Response\": {\"TotalCount\": 1, \"Name\": \"n\", \"RequestId\": \"r\x01\"}}"[..],
        b"{\"Response\": {\"TotalCount\": 1, \"Name\": \"n\", \"RequestId\": \"\xc3\xa9\x1f\"}}",
        b"{\"Response\": {\"TotalCount\": 1, \"Name\": \"n\", \"RequestId\": \"\\n\x01\"}}",
    ] {
        let e = tencent_action::from_slice::<Described>(body).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Json, "{e}");
        assert!(e.to_string().contains("control character"), "{e}");
    }
}

#[test]
fn a_request_id_that_is_not_a_string_is_no_id_and_the_data_still_decodes() {
    for id in ["17", "null", "true", "{\"Id\": \"x\"}", "[\"x\"]", "1.5"] {
        let out: Described = tencent_action::from_str(&format!(
            r#"{{"Response": {{"TotalCount": 1, "Name": "n", "RequestId": {id}}}}}"#
        ))
        .unwrap_or_else(|e| panic!("RequestId {id}: {e}"));
        assert_eq!(out.total_count, Witness(1));
        assert_eq!(out.request_id(), "", "{id}");
    }
    // The header stands in for it, as for a body without any.
    let out: Described = tencent_action::http::from_response(
        200,
        [("X-TC-RequestId", "from-header")],
        br#"{"Response": {"TotalCount": 1, "Name": "n", "RequestId": 17}}"#,
    )
    .unwrap();
    assert_eq!(out.request_id(), "from-header");
}

#[test]
fn the_first_string_request_id_wins_and_a_later_null_does_not_erase_it() {
    for body in [
        r#"{"Response": {"RequestId": "r1", "TotalCount": 1, "Name": "n", "RequestId": null}}"#,
        r#"{"Response": {"TotalCount": 1, "RequestId": "r1", "Name": "n", "RequestId": "r2"}}"#,
        r#"{"Response": {"RequestId": null, "RequestId": "r1", "TotalCount": 1, "Name": "n"}}"#,
        r#"{"Response": {"RequestId": 5, "TotalCount": 1, "RequestId": "r1", "Name": "n"}}"#,
    ] {
        let out: Described = tencent_action::from_str(body).unwrap();
        assert_eq!(out.request_id(), "r1", "{body}");
    }
    for body in [
        r#"{"Response": {"RequestId": "r1", "Error": {"Code": "InternalError"}, "RequestId": null}}"#,
        r#"{"Response": {"Error": {"Code": "InternalError"}, "RequestId": "r1", "RequestId": "r2"}}"#,
        r#"{"Response": {"TotalCount": 1, "RequestId": "r1", "Error": {"Code": "InternalError"}, "RequestId": null}}"#,
        // The failure path (a field that does not fit) keeps the first id too.
        r#"{"Response": {"RequestId": "r1", "TotalCount": "x", "RequestId": null}}"#,
        r#"{"Response": {"RequestId": "r1", "TotalCount": "x", "RequestId": "r2"}}"#,
    ] {
        let e = tencent_action::from_str::<Described>(body).unwrap_err();
        assert_eq!(e.request_id(), Some("r1"), "{body}: {e}");
    }
}

#[test]
fn a_second_response_or_error_is_an_envelope_error() {
    for body in [
        // An error envelope after a data envelope must not be ignored.
        r#"{"Response": {"TotalCount": 1, "Name": "n", "RequestId": "r1"}, "Response": {"Error": {"Code": "AuthFailure"}, "RequestId": "r2"}}"#,
        r#"{"Response": {"Error": {"Code": "AuthFailure"}, "RequestId": "r1"}, "Response": {"TotalCount": 1, "Name": "n"}}"#,
        r#"{"Response": {"Error": {"Code": "A"}, "Error": {"Code": "B"}, "RequestId": "r1"}}"#,
        r#"{"Response": {"RequestId": "r1", "TotalCount": 1, "Error": {"Code": "A"}, "Name": "n", "Error": {"Code": "B"}}}"#,
    ] {
        for e in [
            tencent_action::from_str::<Described>(body).unwrap_err(),
            tencent_action::from_slice::<Described>(body.as_bytes()).unwrap_err(),
        ] {
            assert_eq!(e.kind(), ErrorKind::Envelope, "{body}: {e}");
            assert!(e.to_string().contains("more than one"), "{e}");
            assert_eq!(e.request_id(), Some("r1"), "{body}: {e}");
        }
    }
}

#[test]
fn the_failure_path_stops_reading_once_past_response() {
    // What follows `Response` cannot change the error: the probe no longer reads it (a 50 MB
    // tail costs nothing), so a shape error early in the body is reported as one, as serde
    // alone would, even when the tail is not JSON.
    let tail = "[1, 2, 3], ".repeat(100_000);
    let body = format!(
        r#"{{"Response": {{"RequestId": "r", "TotalCount": "bad", "Name": "n"}}, "Junk": [{tail}"#
    );
    let e = tencent_action::from_str::<Described>(&body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Shape, "{e}");
    assert_eq!(e.path(), Some("Response.TotalCount"));
    assert_eq!(e.request_id(), Some("r"));
}
