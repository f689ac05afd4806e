//! Bad input of every kind: a clear error with a short escaped excerpt, never a panic.

use tencent_action::prelude::*;
use tencent_action::ErrorKind;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: u64,
    pub instance_set: Vec<serde_json::Value>,
}

fn decode(body: &[u8]) -> tencent_action::Error {
    tencent_action::from_slice::<DescribeInstances>(body).unwrap_err()
}

/// Every error message carries at most a short excerpt of the body.
fn assert_short(e: &tencent_action::Error) {
    let shown = e.to_string();
    assert!(
        shown.len() < 600,
        "message too long ({}): {shown}",
        shown.len()
    );
    assert!(!shown.contains('\n'), "{shown:?}");
}

#[test]
fn empty_body() {
    for body in [&b""[..], b"   \r\n\t"] {
        let e = decode(body);
        assert_eq!(e.kind(), ErrorKind::Json);
        assert!(e.to_string().contains("the body is empty"), "{e}");
        assert_short(&e);
    }
}

#[test]
fn html_from_a_gateway() {
    let page = format!(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>{}</body></html>",
        "x".repeat(10_000)
    );
    let e = decode(page.as_bytes());
    assert_eq!(e.kind(), ErrorKind::Json);
    let shown = e.to_string();
    assert!(shown.contains("looks like HTML"), "{shown}");
    assert!(
        shown.contains(r#"body: "<html>\r\n<head><title>502 Bad Gateway</title>"#),
        "{shown}"
    );
    assert!(shown.contains('…'), "the excerpt is cut: {shown}");
    assert_short(&e);
}

#[test]
fn truncated_json_at_every_byte_never_panics() {
    let body = br#"{"Response": {"TotalCount": 1, "InstanceSet": [{"InstanceId": "ins-1", "Tags": [{"Key": "k"}]}], "RequestId": "rid-1"}}"#;
    for cut in 0..body.len() {
        let e = decode(&body[..cut]);
        assert!(
            matches!(e.kind(), ErrorKind::Json),
            "cut at {cut}: {:?} {e}",
            e.kind()
        );
        assert_short(&e);
    }
    assert!(tencent_action::from_slice::<DescribeInstances>(body).is_ok());
}

#[test]
fn trailing_garbage_is_an_error() {
    let e = decode(br#"{"Response": {"TotalCount": 0, "InstanceSet": [], "RequestId": "r"}} xyz"#);
    assert_eq!(e.kind(), ErrorKind::Json);
    assert!(e.to_string().contains("trailing characters"), "{e}");
    assert_eq!(e.request_id(), Some("r"));
}

#[test]
fn body_that_is_not_an_object() {
    for body in [&b"[1, 2]"[..], b"42", b"\"Response\"", b"null", b"true"] {
        let e = decode(body);
        assert_eq!(
            e.kind(),
            ErrorKind::Envelope,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert!(e.to_string().contains("not a JSON object"), "{e}");
    }
}

#[test]
fn no_response() {
    let e = decode(br#"{"response": {"TotalCount": 0}, "RequestId": "r"}"#);
    assert_eq!(e.kind(), ErrorKind::Envelope);
    assert_eq!(
        e.to_string(),
        r#"DescribeInstances response is not a Tencent Cloud envelope: the body has no `Response` object; body: "{\"response\": {\"TotalCount\": 0}, \"RequestId\": \"r\"}""#
    );
}

#[test]
fn response_not_an_object() {
    for body in [
        &br#"{"Response": null}"#[..],
        br#"{"Response": [1]}"#,
        br#"{"Response": "ok"}"#,
    ] {
        let e = decode(body);
        assert_eq!(e.kind(), ErrorKind::Envelope);
        assert!(
            e.to_string().contains("`Response` is not a JSON object"),
            "{e}"
        );
    }
}

#[test]
fn error_without_code() {
    for body in [
        &br#"{"Response": {"Error": {"Message": "m"}, "RequestId": "r"}}"#[..],
        br#"{"Response": {"RequestId": "r", "Error": {"Code": null}}}"#,
        br#"{"Response": {"Error": "boom", "RequestId": "r"}}"#,
        br#"{"Response": {"Error": null, "RequestId": "r"}}"#,
        br#"{"Response": {"Error": [], "RequestId": "r"}}"#,
    ] {
        let e = decode(body);
        assert_eq!(
            e.kind(),
            ErrorKind::Envelope,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert!(e.to_string().contains("has no string `Code`"), "{e}");
        assert_eq!(
            e.request_id(),
            Some("r"),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn invalid_utf8_in_a_value_and_in_a_key() {
    for body in [
        &b"{\"Response\": {\"TotalCount\": 1, \"InstanceSet\": [\"\xff\xfe\"], \"RequestId\": \"r\"}}"[..],
        b"{\"Response\": {\"Total\xc3Count\": 1}}",
    ] {
        let e = decode(body);
        assert_eq!(e.kind(), ErrorKind::Json);
        let shown = e.to_string();
        assert!(shown.contains("invalid unicode") || shown.contains("UTF-8"), "{shown}");
        assert!(shown.contains("\\x"), "invalid bytes are escaped: {shown}");
        assert_short(&e);
    }
}

#[test]
fn control_characters_in_excerpts_are_escaped() {
    let e = decode(b"\x1b[31mnot json\x07");
    let shown = e.to_string();
    assert!(
        !shown.contains('\x1b') && !shown.contains('\x07'),
        "{shown:?}"
    );
    assert!(shown.contains("\\u{1b}[31mnot json\\u{7}"), "{shown}");
}

#[test]
fn nesting_deeper_than_serde_json_allows_is_an_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        // In a field the struct reads.
        let body = format!(
            r#"{{"Response": {{"TotalCount": 1, "InstanceSet": {deep}, "RequestId": "r"}}}}"#
        );
        let e = decode(body.as_bytes());
        assert_eq!(e.kind(), ErrorKind::Json);
        assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
        assert_eq!(
            e.request_id(),
            Some("r"),
            "the probe skips the deep value iteratively"
        );
        assert_short(&e);
        let e = tencent_action::from_str::<DescribeInstances>(&body).unwrap_err();
        assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
        // As the whole body: refused at the first bracket, before any recursion.
        let e = decode(deep.as_bytes());
        assert_eq!(e.kind(), ErrorKind::Envelope);
        assert_short(&e);
        // serde_json skips an unknown value without recursing: deep but harmless.
        let body = format!(
            r#"{{"Other": {deep}, "Response": {{"Unknown": {deep}, "TotalCount": 1, "InstanceSet": [], "RequestId": "r"}}}}"#
        );
        let out = tencent_action::from_str::<DescribeInstances>(&body).unwrap();
        assert_eq!(out.request_id(), "r");
        // And the failure path (which re-reads the body) copes with it too.
        let body = body.replace(r#""TotalCount": 1"#, r#""TotalCount": -1"#);
        let e = tencent_action::from_str::<DescribeInstances>(&body).unwrap_err();
        assert_eq!(e.path(), Some("Response.TotalCount"));
        assert_eq!(e.request_id(), Some("r"));
    }
}

#[test]
fn a_huge_body_gives_a_short_message() {
    let mut body = String::from(r#"{"Response": {"TotalCount": 1, "InstanceSet": ["#);
    body.push_str(&"\"0123456789\",".repeat(100_000));
    body.push_str("oops]}}");
    let e = decode(body.as_bytes());
    assert_eq!(e.kind(), ErrorKind::Json);
    assert_short(&e);
    assert!(e.to_string().contains("…"), "{e}");
}

#[test]
fn a_key_quoted_in_a_reason_cannot_break_the_line() {
    #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    #[derive(Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only its refusal matters
    pub struct Strict {
        pub total_count: u64,
    }
    // serde quotes the unknown key in its reason; the key holds an escaped newline.
    let body =
        r#"{"Response": {"TotalCount": 1, "x\n2026-11-22 ERROR forged": 0, "RequestId": "r"}}"#;
    let e = tencent_action::from_str::<Strict>(body).unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.contains(r"unknown field `x\n2026-11-22 ERROR forged`"),
        "{shown}"
    );
    assert!(!shown.contains('\n'), "{shown:?}");
}
