//! The four decoders agree on every payload, so the benchmarks compare equal work.

use tencent_action::Action;
use tencent_action_benches::decode::{self, SdkError, SdkFailure};
use tencent_action_benches::{cls, cvm, fail, sms};

#[test]
fn payloads_have_the_documented_sizes() {
    assert!(sms::payload().len() < 400);
    let medium = cvm::payload().len();
    assert!(
        (150_000..400_000).contains(&medium),
        "medium is {medium} bytes"
    );
    let large = cls::payload().len();
    assert!(
        (2_500_000..3_500_000).contains(&large),
        "large is {large} bytes"
    );
}

#[test]
fn payloads_are_deterministic() {
    assert_eq!(cvm::payload(), cvm::payload());
    assert_eq!(cls::payload(), cls::payload());
}

#[test]
fn medium_payload_carries_nulls_and_every_instance_field() {
    let body = cvm::payload();
    let text = std::str::from_utf8(&body).unwrap();
    assert!(text.contains(r#""GPUInfo":null"#));
    assert!(text.contains(r#""GPUInfo":{"GPUCount""#));
    assert!(text.contains(r#""LatestOperationErrorMsg":"""#));
    assert!(text.ends_with(r#""}}"#), "RequestId comes last");
}

#[test]
fn four_decoders_agree_on_small() {
    let body = sms::payload();
    let floor: sms::SendSmsPlain = decode::floor(&body).unwrap();
    let lib: sms::SendSms = decode::library(&body).unwrap();
    let go: sms::SendSmsSdk = decode::go_sdk(&body).unwrap();
    let py: sms::SendSmsSdk = decode::python_sdk(&body).unwrap();
    let expected = format!("{:?}", floor.send_status_set);
    assert_eq!(format!("{:?}", lib.send_status_set), expected);
    assert_eq!(format!("{:?}", go.send_status_set), expected);
    assert_eq!(format!("{:?}", py.send_status_set), expected);
    assert_eq!(go.request_id.as_deref(), Some(lib.request_id()));
    assert_eq!(py.request_id.as_deref(), Some(lib.request_id()));
}

#[test]
fn four_decoders_agree_on_medium() {
    let body = cvm::payload();
    let floor: cvm::DescribeInstancesPlain = decode::floor(&body).unwrap();
    let lib: cvm::DescribeInstances = decode::library(&body).unwrap();
    let go: cvm::DescribeInstancesSdk = decode::go_sdk(&body).unwrap();
    let py: cvm::DescribeInstancesSdk = decode::python_sdk(&body).unwrap();
    assert_eq!(floor.instance_set.len(), cvm::INSTANCES);
    let expected = format!("{:?}", floor.instance_set);
    assert_eq!(format!("{:?}", lib.instance_set), expected);
    assert_eq!(format!("{:?}", go.instance_set), expected);
    assert_eq!(format!("{:?}", py.instance_set), expected);
    assert_eq!(go.request_id.as_deref(), Some(lib.request_id()));
}

#[test]
fn four_decoders_agree_on_large() {
    let body = cls::payload();
    let floor: cls::SearchLogPlain = decode::floor(&body).unwrap();
    let lib: cls::SearchLog = decode::library(&body).unwrap();
    let go: cls::SearchLogSdk = decode::go_sdk(&body).unwrap();
    let py: cls::SearchLogSdk = decode::python_sdk(&body).unwrap();
    assert_eq!(floor.results.as_ref().map(Vec::len), Some(cls::RESULTS));
    let expected = format!("{:?}", floor.results);
    assert_eq!(format!("{:?}", lib.results), expected);
    assert_eq!(format!("{:?}", go.results), expected);
    assert_eq!(format!("{:?}", py.results), expected);
    assert_eq!(py.request_id.as_deref(), Some(lib.request_id()));
}

#[test]
fn four_decoders_agree_on_the_error_envelope() {
    let body = fail::payload();
    let floor: fail::ErrorPlain = decode::floor(&body).unwrap();
    let lib = decode::library::<sms::SendSms>(&body).unwrap_err();
    let expected = SdkError {
        code: floor.error.code.clone(),
        message: floor.error.message.clone(),
        request_id: Some(floor.request_id.clone()),
    };
    assert_eq!(lib.code(), Some(expected.code.as_str()));
    assert_eq!(lib.message(), Some(expected.message.as_str()));
    assert_eq!(lib.request_id(), expected.request_id.as_deref());
    for got in [
        decode::go_sdk::<sms::SendSmsSdk>(&body),
        decode::python_sdk::<sms::SendSmsSdk>(&body),
    ] {
        match got {
            Err(SdkFailure::Api(e)) => assert_eq!(e, expected),
            other => panic!("not an API error: {other:?}"),
        }
    }
}

#[test]
fn go_way_reports_a_legacy_error_body() {
    let body = br#"{"code": 4100, "message": "authentication failed", "codeDesc": "AuthFailure"}"#;
    match decode::go_sdk::<sms::SendSmsSdk>(body) {
        Err(SdkFailure::Api(e)) => assert_eq!(e.code, "AuthFailure"),
        other => panic!("not an API error: {other:?}"),
    }
}
