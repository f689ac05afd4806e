//! The test endpoint (`tencent_action::testkit`) seen by a real HTTP client: the runtime's
//! `Client` for ordinary calls, ureq by hand for requests no client sends (a tampered body, a
//! wrong path, a GET with a query).

use serde::Deserialize;
use tencent_action::client::{Client, RetryPolicy};
use tencent_action::prelude::*;
use tencent_action::sign::{Credential, Request, SignedRequest};
use tencent_action::testkit::TestServer;
use tencent_action::{CommonCode, ErrorKind};

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

#[tencent_request(SendSms, service = "sms", version = "2021-01-11")]
pub struct SendSmsRequest {
    pub phone_number_set: Vec<&'static str>,
    pub sms_sdk_app_id: &'static str,
    pub template_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_context: Option<&'static str>,
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
}

fn server() -> TestServer {
    let server = TestServer::start()
        .expect("the test endpoint starts")
        .with_demo_actions();
    server.accept_credential(&Credential::new(ID, KEY));
    server
}

fn client(server: &TestServer, credential: Credential) -> Client {
    Client::builder()
        .credential(credential)
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn sms_request() -> SendSmsRequest {
    SendSmsRequest {
        phone_number_set: vec!["+8618501234444", "+8618501234445"],
        sms_sdk_app_id: "1400006666",
        template_id: "1110",
        session_context: Some("outsid_1729495320_1011"),
    }
}

/// Sends `signed` with ureq, `body` instead of its own when given; decodes as `T`.
fn send_raw<T: Action + for<'de> Deserialize<'de>>(
    signed: &SignedRequest,
    url: &str,
    body: Option<&[u8]>,
) -> Result<T, tencent_action::Error<T::Code>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = if signed.method() == tencent_action::sign::Method::Get {
        let mut builder = agent.get(url);
        for (name, value) in signed.headers() {
            builder = builder.header(*name, value);
        }
        builder.call().unwrap()
    } else {
        let mut builder = agent.post(url);
        for (name, value) in signed.headers() {
            builder = builder.header(*name, value);
        }
        builder.send(body.unwrap_or(signed.body())).unwrap()
    };
    let status = response.status().as_u16();
    let headers: Vec<(String, Vec<u8>)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
        .collect();
    let body = response.body_mut().read_to_vec().unwrap();
    tencent_action::http::from_response::<T, _>(status, &headers, &body)
}

#[test]
fn a_correct_signature_gets_the_documented_send_sms_response() {
    let server = server();
    let out = client(&server, Credential::new(ID, KEY))
        .call(&sms_request())
        .unwrap();
    assert_eq!(out.send_status_set.len(), 2);
    assert_eq!(out.send_status_set[1].phone_number, "+8618501234445");
    assert_eq!(out.send_status_set[0].code, "Ok");
    assert_eq!(out.send_status_set[0].iso_code, "CN");
    assert_eq!(
        out.send_status_set[0].session_context,
        "outsid_1729495320_1011"
    );
    assert_eq!(out.request_id().len(), 36);
}

#[test]
fn get_with_query_is_signed_and_answered() {
    let server = server();
    let signed = Request::get::<DescribeInstances>(&serde_json::json!({"Limit": 1, "Offset": 1}))
        .unwrap()
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .sign(&Credential::new(ID, KEY))
        .unwrap();
    let out: DescribeInstances = send_raw(&signed, signed.url(), None).unwrap();
    assert_eq!(out.total_count, 2);
    assert_eq!(out.instance_set.len(), 1);
    assert_eq!(out.instance_set[0].instance_id, "ins-r8hr2upy");
}

#[test]
fn a_session_token_is_checked_when_the_key_has_one() {
    let server = TestServer::start().unwrap().with_demo_actions();
    server.accept_credential(&Credential::new(ID, KEY).with_token("tok-1"));
    let good = client(&server, Credential::new(ID, KEY).with_token("tok-1"))
        .call(&sms_request())
        .unwrap();
    assert_eq!(good.send_status_set.len(), 2);
    let e = client(&server, Credential::new(ID, KEY).with_token("tok-2"))
        .call(&sms_request())
        .unwrap_err();
    assert_eq!(e.typed_code(), Some(&CommonCode::AuthFailureTokenFailure));
}

#[test]
fn a_tampered_body_fails_the_signature() {
    let server = server();
    let signed =
        Request::post::<SendSms>(&serde_json::json!({"PhoneNumberSet": ["+8618501234444"]}))
            .unwrap()
            .endpoint(server.endpoint())
            .sign(&Credential::new(ID, KEY))
            .unwrap();
    // The signed headers with another body, as a man in the middle would send them.
    let e = send_raw::<SendSms>(
        &signed,
        signed.url(),
        Some(br#"{"PhoneNumberSet":["+8610000000000"]}"#),
    )
    .unwrap_err();
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureFailure)
    );
    assert_eq!(
        server.attempts("SendSms"),
        0,
        "refused requests are not counted"
    );
}

#[test]
fn missing_parameters_and_unknown_actions_get_their_codes() {
    // Deliberately without the required parameters: not checked against the schema.
    #[tencent_request(SendSms)]
    #[tencent(unchecked)]
    pub struct Empty {}
    let server = server();
    let client = client(&server, Credential::new(ID, KEY));
    let e = client.call(&Empty {}).unwrap_err();
    assert_eq!(e.typed_code(), Some(&CommonCode::MissingParameter));

    #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    #[derive(Debug)]
    #[allow(dead_code)] // never decoded: the action is refused
    pub struct DescribeZones {
        pub total_count: u64,
    }
    #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
    pub struct DescribeZonesRequest {}
    let e = client.call(&DescribeZonesRequest {}).unwrap_err();
    assert_eq!(e.typed_code(), Some(&CommonCode::InvalidAction));
}

#[test]
fn a_wrong_path_gets_a_non_json_page_decoded_as_an_http_error() {
    let server = server();
    let signed = Request::post::<SendSms>(&serde_json::json!({}))
        .unwrap()
        .endpoint(server.endpoint())
        .sign(&Credential::new(ID, KEY))
        .unwrap();
    let e = send_raw::<SendSms>(&signed, &format!("{}/nope", server.endpoint()), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(404));
}

/// The signing snippet of docs/client.md, verbatim but for the credential and the endpoint.
#[test]
fn the_readme_signing_snippet_works() -> Result<(), Box<dyn std::error::Error>> {
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
