//! The blocking client against the in-process test endpoint: success, every signature
//! failure, retries (counted on the server), transport and signing failures.

use std::time::Duration;

use serde_json::json;
use tencent_action::client::{Client, RetryPolicy};
use tencent_action::prelude::*;
use tencent_action::sign::Credential;
use tencent_action::testkit::{Reply, TestServer};
use tencent_action::{CommonCode, ErrorKind};

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
#[derive(Debug)]
pub struct DescribeZones {
    pub total_count: u64,
}

// CVM's DescribeZones takes no parameter; this made-up one shows parameters arriving at the
// test endpoint, so the struct is not checked against the schema.
#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
#[tencent(unchecked)]
pub struct DescribeZonesRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

// A write without a `ClientToken` (one with a token, such as CVM `RunInstances`, is safe to
// retry: tests/tests/client_writes.rs).
#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

#[tencent_request(SendSms, service = "sms", version = "2021-01-11")]
#[tencent(unchecked)] // its required parameters do not matter to the test endpoint
pub struct SendSmsRequest {}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .base_delay(Duration::from_millis(1))
}

fn client_for(server: &TestServer, credential: Credential) -> Client {
    Client::builder()
        .credential(credential)
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .retry(fast_retries())
        .build()
        .unwrap()
}

#[test]
fn a_call_is_signed_sent_and_decoded_with_its_request_id() {
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |call| {
        assert_eq!(call.verified().region(), Some("ap-guangzhou"));
        let zone = call.params()["Zone"].as_str().unwrap_or("none").to_owned();
        Reply::Ok(json!({"TotalCount": zone.len()}))
    });
    let client = client_for(&server, server.credential());
    let out = client
        .call(&DescribeZonesRequest {
            zone: Some("ap-guangzhou-3".into()),
        })
        .unwrap();
    assert_eq!(out.total_count, "ap-guangzhou-3".len() as u64);
    assert_eq!(out.request_id().len(), 36);
    assert_eq!(server.attempts("DescribeZones"), 1);
}

fn refused(server: &TestServer, credential: Credential) -> tencent_action::Error {
    let client = client_for(server, credential);
    client
        .call(&DescribeZonesRequest { zone: None })
        .unwrap_err()
}

#[test]
fn a_wrong_key_is_a_signature_failure_and_not_retried() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 1}));
    let id = server.credential().secret_id().to_owned();
    let e = refused(&server, Credential::new(id, "not-the-key"));
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureFailure)
    );
    assert!(e.request_id().is_some());
    assert_eq!(
        e.earlier_request_ids().count(),
        0,
        "auth failures are not retried"
    );
}

#[test]
fn an_unknown_secret_id_is_refused() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 1}));
    let e = refused(&server, Credential::new("AKIDUNKNOWN", "key"));
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSecretIdNotFound)
    );
}

#[test]
fn a_clock_more_than_five_minutes_off_is_refused() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 1}));
    server.set_clock_offset(-600);
    let e = refused(&server, server.credential());
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureExpire)
    );
    server.set_clock_offset(-200); // within the allowed skew
    let client = client_for(&server, server.credential());
    assert!(client.call(&DescribeZonesRequest { zone: None }).is_ok());
}

#[test]
fn an_unregistered_action_is_invalid() {
    let server = TestServer::start().unwrap();
    let e = refused(&server, server.credential());
    assert_eq!(e.typed_code(), Some(&CommonCode::InvalidAction));
}

#[test]
fn a_rate_limit_is_retried_until_success() {
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |call| match call.attempt() {
        1 | 2 => Reply::error("RequestLimitExceeded", "slow down"),
        _ => Reply::Ok(json!({"TotalCount": 4})),
    });
    let client = client_for(&server, server.credential());
    let out = client.call(&DescribeZonesRequest { zone: None }).unwrap();
    assert_eq!(out.total_count, 4);
    assert_eq!(server.attempts("DescribeZones"), 3);
}

#[test]
fn a_rate_limit_is_retried_even_for_a_non_idempotent_action() {
    // The service refused the request before processing it: sending it again is safe.
    let server = TestServer::start().unwrap();
    server.handle("sms", "SendSms", |call| match call.attempt() {
        1 => Reply::error("RequestLimitExceeded", "slow down"),
        _ => Reply::Ok(json!({"SendStatusSet": [{"Code": "Ok"}]})),
    });
    let client = client_for(&server, server.credential());
    let out = client.call(&SendSmsRequest {}).unwrap();
    assert_eq!(out.send_status_set, [json!({"Code": "Ok"})]);
    assert_eq!(server.attempts("SendSms"), 2);
}

#[test]
fn retries_stop_at_the_limit_and_keep_every_request_id() {
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |_| {
        Reply::error("RequestLimitExceeded", "slow down")
    });
    let e = refused(&server, server.credential());
    assert_eq!(server.attempts("DescribeZones"), 3);
    assert_eq!(e.typed_code(), Some(&CommonCode::RequestLimitExceeded));
    let earlier: Vec<&str> = e.earlier_request_ids().collect();
    assert_eq!(earlier.len(), 2);
    assert!(!earlier.contains(&e.request_id().unwrap()));
}

#[test]
fn an_invalid_parameter_is_not_retried() {
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |_| {
        Reply::error("InvalidParameter", "bad zone")
    });
    let e = refused(&server, server.credential());
    assert_eq!(e.typed_code(), Some(&CommonCode::InvalidParameter));
    assert_eq!(server.attempts("DescribeZones"), 1);
}

#[test]
fn an_internal_error_is_retried_only_when_the_action_is_idempotent() {
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |call| match call.attempt() {
        1 => Reply::error("InternalError", "oops"),
        _ => Reply::Ok(json!({"TotalCount": 1})),
    });
    server.handle("sms", "SendSms", |_| Reply::error("InternalError", "oops"));
    let client = client_for(&server, server.credential());
    assert!(client.call(&DescribeZonesRequest { zone: None }).is_ok());
    assert_eq!(server.attempts("DescribeZones"), 2);
    let e = client.call(&SendSmsRequest {}).unwrap_err();
    assert_eq!(e.code(), Some("InternalError"));
    assert_eq!(
        server.attempts("SendSms"),
        1,
        "may have run: never sent twice"
    );
}

#[test]
fn retries_can_be_disabled() {
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |_| {
        Reply::error("RequestLimitExceeded", "slow down")
    });
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    assert!(client.call(&DescribeZonesRequest { zone: None }).is_err());
    assert_eq!(server.attempts("DescribeZones"), 1);
}

#[test]
fn no_response_is_a_transport_error_with_the_url_and_no_secret() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }; // closed again: connections are refused
    let endpoint = format!("http://127.0.0.1:{port}");
    let client = Client::builder()
        .credential(Credential::new("AKIDVISIBLE", "very-secret-key"))
        .endpoint(&endpoint)
        .retry(fast_retries())
        .build()
        .unwrap();
    let e = client
        .call(&DescribeZonesRequest { zone: None })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(e.url(), Some(format!("{endpoint}/").as_str()));
    assert_eq!(e.request_sent(), Some(false));
    let shown = format!("{e} {e:?}");
    assert!(shown.contains("DescribeZones"), "{shown}");
    assert!(!shown.contains("very-secret-key"), "{shown}");
}

#[test]
fn an_error_of_any_product_converts_to_one_type() {
    fn handle(e: &dyn tencent_action::ErrorMetadata) -> String {
        format!("{}:{}", e.action(), e.code().unwrap_or("-"))
    }
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |_| {
        Reply::error("InvalidParameter", "x")
    });
    let e = refused(&server, server.credential());
    assert_eq!(handle(&e), "DescribeZones:InvalidParameter");
    let any: anyhow::Error = e.into_common().into();
    assert!(any.downcast_ref::<tencent_action::Error>().is_some());
}

#[test]
fn a_timeout_after_sending_is_retried_only_when_the_action_is_idempotent() {
    let server = TestServer::start().unwrap();
    let slow = |_: &tencent_action::testkit::Call<'_>| {
        std::thread::sleep(Duration::from_millis(400));
        Reply::Ok(json!({"TotalCount": 1, "SendStatusSet": []}))
    };
    server.handle("cvm", "DescribeZones", slow);
    server.handle("sms", "SendSms", slow);
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .timeout(Duration::from_millis(100))
        .retry(fast_retries())
        .build()
        .unwrap();
    let e = client.call(&SendSmsRequest {}).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert!(e.is_timeout(), "{e}");
    assert_eq!(e.request_sent(), Some(true));
    let e = client
        .call(&DescribeZonesRequest { zone: None })
        .unwrap_err();
    assert!(e.is_timeout(), "{e}");
    // Let the slow handlers finish counting before reading the counters.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        server.attempts("SendSms"),
        1,
        "may have run: never sent twice"
    );
    assert_eq!(server.attempts("DescribeZones"), 3);
}

#[test]
fn a_published_example_body_is_served_as_is() {
    let server = TestServer::start().unwrap();
    server.respond_body::<DescribeZones>(
        r#"{"Response": {"TotalCount": 8, "RequestId": "b7b0a8f4-documented"}}"#,
    );
    let out = client_for(&server, server.credential())
        .call(&DescribeZonesRequest { zone: None })
        .unwrap();
    assert_eq!(out.total_count, 8);
    assert_eq!(out.request_id(), "b7b0a8f4-documented");
}
