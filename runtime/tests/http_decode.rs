//! Decoding HTTP responses: statuses, gateway pages, the X-TC-RequestId header.

use tencent_action::http;
use tencent_action::prelude::*;
use tencent_action::{CommonCode, ErrorKind};

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: u64,
}

const JSON: (&str, &str) = ("Content-Type", "application/json");

#[test]
fn a_200_envelope_decodes_with_the_body_request_id() {
    let body = br#"{"Response": {"TotalCount": 3, "RequestId": "body-id"}}"#;
    let out: DescribeInstances =
        http::from_response(200, [JSON, ("X-TC-RequestId", "header-id")], body).unwrap();
    assert_eq!(out.total_count, 3);
    assert_eq!(out.request_id(), "body-id", "the body's RequestId wins");
}

#[test]
fn the_header_request_id_fills_in_when_the_body_has_none() {
    let body = br#"{"Response": {"TotalCount": 3}}"#;
    for name in ["X-TC-RequestId", "x-tc-requestid", "X-TC-REQUESTID"] {
        let headers = vec![
            ("content-type".to_string(), "application/json".to_string()),
            (name.to_string(), " 0d5e5c4a-header ".to_string()),
        ];
        let out: DescribeInstances = http::from_response(200, &headers, body).unwrap();
        assert_eq!(out.request_id(), "0d5e5c4a-header", "{name}");
    }
}

#[test]
fn the_header_request_id_reaches_shape_errors_too() {
    let body = br#"{"Response": {"TotalCount": "three"}}"#;
    let e = http::from_response::<DescribeInstances, _>(200, [("X-Tc-Requestid", "hdr")], body)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Shape);
    assert_eq!(e.request_id(), Some("hdr"));
    assert_eq!(e.http_status(), Some(200));
}

#[test]
fn a_502_html_gateway_page_is_an_http_error_with_the_status() {
    let body = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                 <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                 </body>\r\n</html>\r\n";
    let e = http::from_response::<DescribeInstances, _>(502, [("Content-Type", "text/html")], body)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(502));
    assert_eq!(e.code(), None);
    assert_eq!(e.action(), "DescribeInstances");
    let shown = e.to_string();
    assert!(shown.contains("502 Bad Gateway"), "{shown}");
    assert!(shown.contains("HTTP 502"), "{shown}");
    assert!(shown.contains("<title>"), "the body is quoted: {shown}");
    // The JSON failure that made it an HTTP error is kept as the source.
    assert!(std::error::Error::source(&e).is_some());
}

#[test]
fn a_non_200_with_an_api_error_is_still_that_api_error() {
    let body = br#"{"Response": {"Error": {"Code": "AuthFailure.SignatureExpire",
        "Message": "Signature expired."}, "RequestId": "ed93f3cb"}}"#;
    let e = http::from_response::<DescribeInstances, _>(401, [JSON], body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureExpire)
    );
    assert_eq!(e.http_status(), Some(401));
    assert_eq!(e.request_id(), Some("ed93f3cb"));
}

#[test]
fn a_non_200_api_error_without_request_id_takes_the_header() {
    let body = br#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}}}"#;
    let e = http::from_response::<DescribeInstances, _>(500, [("X-TC-RequestId", "h")], body)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.request_id(), Some("h"));
    assert_eq!(e.http_status(), Some(500));
}

#[test]
fn a_legacy_error_body_on_a_non_200_is_an_api_error() {
    let body = br#"{"code": 4100, "message": "auth failed", "codeDesc": "AuthFailure"}"#;
    let e = http::from_response::<DescribeInstances, _>(403, [JSON], body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.legacy_code(), Some(4100));
    assert_eq!(e.http_status(), Some(403));
}

#[test]
fn a_non_200_with_a_success_body_or_json_junk_is_an_http_error() {
    for body in [
        &br#"{"Response": {"TotalCount": 1, "RequestId": "r"}}"#[..],
        br#"{"message": "no route"}"#,
        b"",
    ] {
        let e = http::from_response::<DescribeInstances, _>(503, [JSON], body).unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::Http,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(e.http_status(), Some(503));
        assert!(e.to_string().contains("503 Service Unavailable"), "{e}");
    }
}

#[test]
fn a_200_non_json_body_is_a_json_error_with_the_status() {
    let e = http::from_response::<DescribeInstances, _>(200, [("X-TC-RequestId", "h")], b"OK")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Json);
    assert_eq!(e.http_status(), Some(200));
    assert_eq!(e.request_id(), Some("h"));
}

#[test]
fn an_event_stream_is_refused_with_a_pointer_to_the_stream_decoder() {
    let e = http::from_response::<DescribeInstances, _>(
        200,
        [("Content-Type", "text/event-stream; charset=utf-8")],
        b"data: {}\n\n",
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert!(e.to_string().contains("stream::from_response"), "{e}");
}

#[test]
fn headers_with_invalid_utf8_values_are_skipped() {
    let headers: Vec<(&str, &[u8])> =
        vec![("X-TC-RequestId", b"\xff\xfe"), ("X-TC-RequestId", b"good")];
    assert_eq!(http::header_request_id(headers).as_deref(), Some("good"));
}

#[test]
fn a_legacy_error_body_takes_the_header_request_id() {
    // Legacy API 2.0 bodies carry no RequestId of their own: the header is the only one.
    for status in [200, 400] {
        let body = br#"{"code": 4100, "message": "auth failed", "codeDesc": "AuthFailure"}"#;
        let e = http::from_response::<DescribeInstances, _>(
            status,
            [("X-TC-RequestId", "hdr-legacy")],
            body,
        )
        .unwrap_err();
        assert_eq!(e.legacy_code(), Some(4100));
        assert_eq!(e.request_id(), Some("hdr-legacy"), "status {status}");
    }
}

#[test]
fn a_non_200_keeps_the_body_request_id_over_the_header() {
    let header = ("X-TC-RequestId", "header-id");
    for body in [
        // A success body on an error status.
        &br#"{"Response": {"TotalCount": 1, "RequestId": "body-id"}}"#[..],
        // An envelope that does not fit, with its id.
        br#"{"Response": {"TotalCount": "x", "RequestId": "body-id"}}"#,
    ] {
        for headers in [vec![JSON], vec![JSON, header]] {
            let e = http::from_response::<DescribeInstances, _>(502, headers, body).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Http);
            assert_eq!(e.request_id(), Some("body-id"), "{e}");
        }
    }
    // Without one in the body, the header stands in.
    let e =
        http::from_response::<DescribeInstances, _>(502, [JSON, header], b"<html>").unwrap_err();
    assert_eq!(e.request_id(), Some("header-id"));
}
