//! A real HTTP client (ureq) against the loopback endpoint: signatures verified the way the
//! service does, refusals decoded into typed errors with their RequestId.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use tencent_action::prelude::*;
use tencent_action::sign::{Credential, Method, Request, Verifier};
use tencent_action::{CommonCode, ErrorKind};
use tencent_action_examples::loopback::Loopback;
use tencent_action_examples::{CallError, Client};

const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<SendStatus>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendStatus {
    pub phone_number: String,
    pub code: String,
    pub session_context: String,
    pub iso_code: String,
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: u64,
    pub instance_set: Vec<Instance>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub public_ip_addresses: Option<Vec<String>>,
}

fn server() -> Loopback {
    Loopback::start(Verifier::new().with_key(ID, KEY)).expect("loopback starts")
}

fn client(server: &Loopback, credential: Credential) -> Client {
    Client::new(credential, Some(server.endpoint()), "ap-guangzhou")
}

fn sms_request() -> Request {
    Request::post::<SendSms>(&serde_json::json!({
        "PhoneNumberSet": ["+8618501234444", "+8618501234445"],
        "SmsSdkAppId": "1400006666",
        "SignName": "腾讯云",
        "TemplateId": "1110",
        "TemplateParamSet": ["4370"],
        "SessionContext": "outsid_1729495320_1011",
    }))
    .unwrap()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The decoded response error of a failed call.
fn response_error<C: std::fmt::Debug>(
    result: Result<impl std::fmt::Debug, CallError<C>>,
) -> tencent_action::Error<C> {
    match result {
        Err(CallError::Response(e)) => e,
        other => panic!("expected a response error, got {other:?}"),
    }
}

fn assert_uuid(id: Option<&str>) {
    let id = id.expect("a RequestId");
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(id.matches('-').count(), 4, "{id}");
}

#[test]
fn a_correct_signature_gets_the_documented_send_sms_response() {
    let server = server();
    let out: SendSms = client(&server, Credential::new(ID, KEY))
        .call(sms_request())
        .unwrap();
    assert_eq!(out.send_status_set.len(), 2);
    assert_eq!(out.send_status_set[0].phone_number, "+8618501234444");
    assert_eq!(out.send_status_set[1].phone_number, "+8618501234445");
    assert!(out
        .send_status_set
        .iter()
        .all(|s| s.code == "Ok" && s.iso_code == "CN"));
    assert_eq!(
        out.send_status_set[0].session_context,
        "outsid_1729495320_1011"
    );
    assert_uuid(Some(out.request_id()));
}

#[test]
fn get_with_query_is_signed_and_answered() {
    let server = server();
    let client = client(&server, Credential::new(ID, KEY));
    let all: DescribeInstances = client
        .call(
            Request::get::<DescribeInstances>(&serde_json::json!({"Limit": 10, "Offset": 0}))
                .unwrap(),
        )
        .unwrap();
    assert_eq!(all.total_count, 2);
    assert_eq!(all.instance_set.len(), 2);
    assert_eq!(all.instance_set[0].instance_id, "ins-xlsyru2j");
    assert_eq!(
        all.instance_set[1].public_ip_addresses, None,
        "null comes back as null"
    );
    let second: DescribeInstances = client
        .call(
            Request::get::<DescribeInstances>(&serde_json::json!({"Limit": 1, "Offset": 1}))
                .unwrap(),
        )
        .unwrap();
    assert_eq!(second.total_count, 2);
    assert_eq!(second.instance_set.len(), 1);
    assert_eq!(second.instance_set[0].instance_id, "ins-r8hr2upy");
    assert_uuid(Some(second.request_id()));
}

#[test]
fn post_describe_instances_works_too() {
    let server = server();
    let out: DescribeInstances = client(&server, Credential::new(ID, KEY))
        .call(Request::post::<DescribeInstances>(&serde_json::json!({"Limit": 1})).unwrap())
        .unwrap();
    assert_eq!(out.instance_set.len(), 1);
}

#[test]
fn a_wrong_secret_gets_signature_failure() {
    let server = server();
    let e = response_error(
        client(&server, Credential::new(ID, "not-the-secret-key")).call::<SendSms>(sms_request()),
    );
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureFailure)
    );
    assert_eq!(e.code(), Some("AuthFailure.SignatureFailure"));
    assert!(!e.message().unwrap_or("").is_empty());
    assert_eq!(e.action(), "SendSms");
    assert_eq!(e.http_status(), Some(200));
    assert_uuid(e.request_id());
}

#[test]
fn an_unknown_secret_id_gets_secret_id_not_found() {
    let server = server();
    let e = response_error(
        client(&server, Credential::new("AKIDnobodyknowsthisone", KEY))
            .call::<SendSms>(sms_request()),
    );
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSecretIdNotFound)
    );
    assert_uuid(e.request_id());
}

#[test]
fn a_stale_timestamp_gets_signature_expire() {
    let server = server();
    let client = client(&server, Credential::new(ID, KEY));
    for timestamp in [now() - 301 - 5, now() + 301 + 5] {
        let e = response_error(client.call::<SendSms>(sms_request().timestamp(timestamp)));
        assert_eq!(
            e.typed_code(),
            Some(&CommonCode::AuthFailureSignatureExpire),
            "{timestamp}"
        );
        assert_uuid(e.request_id());
    }
    // Four minutes off is still within the five the service allows.
    let out: SendSms = client.call(sms_request().timestamp(now() - 240)).unwrap();
    assert_eq!(out.send_status_set.len(), 2);
}

#[test]
fn a_session_token_is_checked_when_the_key_has_one() {
    let server = Loopback::start(
        Verifier::new().with_credential(&Credential::new(ID, KEY).with_token("tok-1")),
    )
    .unwrap();
    let good: SendSms = client(&server, Credential::new(ID, KEY).with_token("tok-1"))
        .call(sms_request())
        .unwrap();
    assert_eq!(good.send_status_set.len(), 2);
    let e = response_error(
        client(&server, Credential::new(ID, KEY).with_token("tok-2"))
            .call::<SendSms>(sms_request()),
    );
    assert_eq!(e.typed_code(), Some(&CommonCode::AuthFailureTokenFailure));
}

#[test]
fn a_tampered_body_fails_the_signature() {
    let server = server();
    let client = client(&server, Credential::new(ID, KEY));
    let signed = client.sign(sms_request()).unwrap();
    // Re-send the signed headers with another body, as a man in the middle would.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut builder = agent.post(signed.url());
    for (name, value) in signed.headers() {
        builder = builder.header(*name, value);
    }
    let mut response = builder
        .send(&br#"{"PhoneNumberSet":["+8610000000000"]}"#[..])
        .unwrap();
    let status = response.status().as_u16();
    let headers: Vec<(String, Vec<u8>)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
        .collect();
    let body = response.body_mut().read_to_vec().unwrap();
    let e = tencent_action::http::from_response::<SendSms, _>(status, &headers, &body).unwrap_err();
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureFailure)
    );
    // The body's RequestId and the X-TC-RequestId header agree.
    assert_eq!(
        tencent_action::http::request_id(&headers).as_deref(),
        e.request_id()
    );
}

#[test]
fn missing_parameters_and_unknown_actions_get_their_codes() {
    let server = server();
    let client = client(&server, Credential::new(ID, KEY));
    let e = response_error(
        client.call::<SendSms>(Request::post::<SendSms>(&serde_json::json!({})).unwrap()),
    );
    assert_eq!(e.typed_code(), Some(&CommonCode::MissingParameter));

    #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    #[derive(Debug)]
    #[allow(dead_code)] // never decoded: the action is refused
    pub struct DescribeZones {
        pub total_count: u64,
    }
    let e =
        response_error(client.call::<DescribeZones>(Request::post::<DescribeZones>(&()).unwrap()));
    assert_eq!(e.typed_code(), Some(&CommonCode::InvalidAction));
}

#[test]
fn a_wrong_path_gets_a_non_json_page_decoded_as_an_http_error() {
    let server = server();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(format!("{}/nope", server.endpoint()))
        .call()
        .unwrap();
    let status = response.status().as_u16();
    let headers: Vec<(String, Vec<u8>)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
        .collect();
    let body = response.body_mut().read_to_vec().unwrap();
    let e = tencent_action::http::from_response::<SendSms, _>(status, &headers, &body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(404));
}

#[test]
fn nothing_listening_is_a_transport_error() {
    let endpoint = {
        let server = server();
        server.endpoint()
    }; // dropped: the port is closed
    let client = Client::new(Credential::new(ID, KEY), Some(endpoint), "ap-guangzhou");
    match client.call::<SendSms>(sms_request()) {
        Err(CallError::Transport(_)) => {}
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[test]
fn the_built_in_loopback_client_round_trips() {
    let client = Client::loopback("ap-guangzhou").unwrap();
    assert!(client.is_loopback());
    let out: SendSms = client.call(sms_request()).unwrap();
    assert_eq!(out.send_status_set.len(), 2);
    let signed = client
        .sign(Request::new(Method::Post, "sms", "2021-01-11", "SendSms"))
        .unwrap();
    assert!(signed.url().starts_with("http://127.0.0.1:"));
}

/// The README's signing snippet, verbatim but for the credential and the endpoint.
#[test]
fn the_readme_snippet_works() -> Result<(), Box<dyn std::error::Error>> {
    #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    pub struct SendSms {
        pub send_status_set: Vec<serde_json::Value>,
    }
    let server = server();
    let credential = Credential::new(ID, KEY);

    let signed = Request::post::<SendSms>(&serde_json::json!({
        "PhoneNumberSet": ["+8618501234444"], "SmsSdkAppId": "1400006666",
        "SignName": "腾讯云", "TemplateId": "1110", "TemplateParamSet": ["4370"],
    }))?
    .region("ap-guangzhou")
    .endpoint(server.endpoint())
    .sign(&credential)?;

    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false) // non-2xx answers are decoded too
        .build()
        .into();
    let mut request = agent.post(signed.url());
    for (name, value) in signed.headers() {
        request = request.header(*name, value);
    }
    let mut response = request.send(signed.body())?;
    let body = response.body_mut().read_to_vec()?;
    let status = response.status().as_u16();
    let out: SendSms = tencent_action::http::from_response(status, response.headers(), &body)?;
    assert_eq!(out.send_status_set.len(), 1);
    assert_eq!(out.request_id().len(), 36);
    Ok(())
}
