//! Safe retries of writes: an action whose input has a `ClientToken` gets one per call when
//! the request leaves it empty, the same on every attempt, so the client may retry it after a
//! server error or a timeout (both clients).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tencent_action::client::{AsyncClient, Client, RetryPolicy};
use tencent_action::prelude::*;
use tencent_action::testkit::{Reply, TestServer};
use tencent_action::ActionRequest;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "RunInstances")]
#[derive(Debug)]
pub struct RunInstances {
    pub instance_id_set: Vec<String>,
}

/// CVM `RunInstances` has a `ClientToken` member; this request leaves it out.
#[tencent_request(RunInstances, service = "cvm", version = "2017-03-12")]
pub struct RunInstancesRequest {
    pub image_id: Option<String>,
}

/// The same action, with the token chosen by the caller.
#[tencent_request(RunInstances, service = "cvm", version = "2017-03-12")]
pub struct RunInstancesWithToken {
    pub client_token: Option<String>,
}

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

#[tencent_request(SendSms, service = "sms", version = "2021-01-11", schema = false)]
pub struct SendSmsRequest {}

/// A server that fails the first attempt of each call with an internal error and records the
/// tokens it saw.
fn flaky(server: &TestServer) -> Arc<Mutex<Vec<Option<String>>>> {
    let tokens = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&tokens);
    server.handle("cvm", "RunInstances", move |call| {
        let token = call.params()["ClientToken"].as_str().map(str::to_owned);
        let mut seen = seen.lock().unwrap();
        seen.push(token);
        if seen.len() % 2 == 1 {
            Reply::error("InternalError", "try again")
        } else {
            Reply::Ok(json!({"InstanceIdSet": ["ins-1"]}))
        }
    });
    tokens
}

// The schema tells which requests carry a client token; a write with one is safe to retry.
const _: () = {
    assert!(RunInstancesRequest::CLIENT_TOKEN);
    assert!(RunInstancesRequest::IDEMPOTENT);
    assert!(!SendSmsRequest::CLIENT_TOKEN);
    assert!(!SendSmsRequest::IDEMPOTENT);
};

#[test]
fn a_write_with_a_client_token_is_retried_with_the_same_token() {
    let server = TestServer::start().unwrap();
    let tokens = flaky(&server);
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let out = client
        .call(&RunInstancesRequest {
            image_id: Some("img-1".into()),
        })
        .unwrap();
    assert_eq!(out.instance_id_set, ["ins-1"]);
    let nonblocking = AsyncClient::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(nonblocking.call(&RunInstancesRequest { image_id: None }))
        .unwrap();
    let tokens = tokens.lock().unwrap().clone();
    assert_eq!(tokens.len(), 4, "each call tried twice");
    assert!(tokens
        .iter()
        .all(|t| t.as_ref().is_some_and(|t| t.len() == 36)));
    assert_eq!(
        tokens[0], tokens[1],
        "one token for both attempts of a call"
    );
    assert_eq!(tokens[2], tokens[3]);
    assert_ne!(tokens[0], tokens[2], "a new token for a new call");
}

#[test]
fn a_token_the_caller_chose_is_sent_as_is() {
    let server = TestServer::start().unwrap();
    let tokens = flaky(&server);
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    client
        .call(&RunInstancesWithToken {
            client_token: Some("mine-7".into()),
        })
        .unwrap();
    assert_eq!(
        *tokens.lock().unwrap(),
        vec![Some("mine-7".to_owned()), Some("mine-7".to_owned())]
    );
}
