//! The async client (reqwest on tokio) against the in-process test endpoint: success, every
//! signature failure, retries counted on the server, and streamed responses.

use std::future::poll_fn;
use std::pin::Pin;
use std::time::Duration;

use futures_core::Stream;
use serde_json::json;
use tencent_action::client::{AsyncClient, Client, RetryPolicy};
use tencent_action::prelude::*;
use tencent_action::sign::Credential;
use tencent_action::testkit::{Reply, TestServer};
use tencent_action::{CommonCode, ErrorKind};

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
#[derive(Debug)]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
pub struct DescribeZonesRequest {}

#[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
#[derive(Debug)]
pub struct ChatCompletionsChunk {
    pub choices: Option<Vec<Choice>>, // the schema does not promise it
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Choice {
    pub delta: Delta,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Delta {
    pub content: Option<String>,
}

#[tencent_request(ChatCompletions, service = "cls", version = "2020-10-16")]
pub struct ChatCompletionsRequest {
    pub model: String,
    pub messages: Vec<serde_json::Value>,
}

// The request names the response type; the stream's events are chunks of it.
type ChatCompletions = ChatCompletionsChunk;

fn client_for(server: &TestServer, credential: Credential) -> AsyncClient {
    AsyncClient::builder()
        .credential(credential)
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap()
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

const CHAT: &str = concat!(
    "\u{feff}id: 1\r",
    "data: {\"RequestId\":\"chat-1\",\"Choices\":[{\"Delta\":{\"Content\":\"Hello\"}}]}\r\r",
    ": keep-alive\n\n",
    "data:\n\n",
    "id: 2\n",
    "data: {\"RequestId\":\"chat-1\",\"Choices\":[{\"Delta\":{\"Content\":\", world\"}}]}\n\n",
    "data: [DONE]\n\n",
);

fn serve_chat(server: &TestServer, body: &'static str) {
    server.handle("cls", "ChatCompletions", move |_| Reply::Raw {
        status: 200,
        content_type: "text/event-stream".into(),
        body: body.as_bytes().to_vec(),
    });
}

fn chat_request() -> ChatCompletionsRequest {
    ChatCompletionsRequest {
        model: "hunyuan-lite".into(),
        messages: vec![json!({"Role": "user", "Content": "hi"})],
    }
}

#[tokio::test]
async fn a_call_is_signed_sent_and_decoded() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 6}));
    let out = client_for(&server, server.credential())
        .call(&DescribeZonesRequest {})
        .await
        .unwrap();
    assert_eq!(out.total_count, 6);
    assert_eq!(out.request_id().len(), 36);
}

#[tokio::test]
async fn every_signature_failure_is_its_api_error() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 6}));
    let id = server.credential().secret_id().to_owned();
    let code = |e: tencent_action::Error| e.typed_code().cloned();

    let wrong_key = client_for(&server, Credential::new(id, "not-the-key"));
    let e = wrong_key.call(&DescribeZonesRequest {}).await.unwrap_err();
    assert_eq!(code(e), Some(CommonCode::AuthFailureSignatureFailure));

    let unknown = client_for(&server, Credential::new("AKIDUNKNOWN", "k"));
    let e = unknown.call(&DescribeZonesRequest {}).await.unwrap_err();
    assert_eq!(code(e), Some(CommonCode::AuthFailureSecretIdNotFound));

    server.set_clock_offset(3600);
    let e = client_for(&server, server.credential())
        .call(&DescribeZonesRequest {})
        .await
        .unwrap_err();
    assert_eq!(code(e), Some(CommonCode::AuthFailureSignatureExpire));
    assert_eq!(server.attempts("DescribeZones"), 0);
}

#[tokio::test]
async fn a_rate_limit_is_retried_until_success_and_invalid_parameter_is_not() {
    let server = TestServer::start().unwrap();
    server.handle("cvm", "DescribeZones", |call| match call.attempt() {
        1 | 2 => Reply::error("RequestLimitExceeded", "slow down"),
        _ => Reply::Ok(json!({"TotalCount": 1})),
    });
    let client = client_for(&server, server.credential());
    assert_eq!(
        client
            .call(&DescribeZonesRequest {})
            .await
            .unwrap()
            .total_count,
        1
    );
    assert_eq!(server.attempts("DescribeZones"), 3);

    server.handle("cvm", "DescribeZones", |_| {
        Reply::error("InvalidParameter", "no")
    });
    let e = client.call(&DescribeZonesRequest {}).await.unwrap_err();
    assert_eq!(e.typed_code(), Some(&CommonCode::InvalidParameter));
    assert_eq!(
        server.attempts("DescribeZones"),
        4,
        "one more attempt, not retried"
    );
}

#[tokio::test]
async fn no_response_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = AsyncClient::builder()
        .credential(Credential::new("AKIDVISIBLE", "very-secret-key"))
        .endpoint(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let e = client.call(&DescribeZonesRequest {}).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(e.request_sent(), Some(false));
    assert!(!format!("{e} {e:?}").contains("very-secret-key"));
}

#[tokio::test]
async fn a_streamed_answer_is_a_stream_of_typed_events() {
    let server = TestServer::start().unwrap();
    serve_chat(&server, CHAT);
    let client = client_for(&server, server.credential());
    let mut events = client.call_stream(&chat_request()).await.unwrap();
    let mut text = String::new();
    let mut ids = Vec::new();
    while let Some(event) = next(&mut events).await {
        let event = event.unwrap();
        ids.push(event.id().map(str::to_owned));
        assert_eq!(event.data().request_id(), "chat-1");
        text.push_str(
            event.data().choices.as_ref().unwrap()[0]
                .delta
                .content
                .as_deref()
                .unwrap_or(""),
        );
    }
    assert_eq!(text, "Hello, world");
    assert_eq!(ids, [Some("1".to_owned()), Some("2".to_owned())]);
}

#[tokio::test]
async fn a_refused_stream_is_the_api_error_and_a_cut_stream_a_stream_error() {
    let server = TestServer::start().unwrap();
    serve_chat(&server, CHAT);
    let refused = client_for(&server, Credential::new("AKIDUNKNOWN", "k"));
    let e = refused.call_stream(&chat_request()).await.unwrap_err();
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSecretIdNotFound)
    );

    serve_chat(
        &server,
        "data: {\"RequestId\":\"chat-2\",\"Choices\":[]}\n\ndata: {\"RequestId\":\"chat-2\",\"Cho",
    );
    let client = client_for(&server, server.credential());
    let mut events = client.call_stream(&chat_request()).await.unwrap();
    assert!(next(&mut events).await.unwrap().is_ok());
    let e = next(&mut events).await.unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert_eq!(e.request_id(), Some("chat-2"));
    assert!(next(&mut events).await.is_none());
}

#[test]
fn the_blocking_client_reads_the_same_stream() {
    let server = TestServer::start().unwrap();
    serve_chat(&server, CHAT);
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let events = client.call_stream(&chat_request()).unwrap();
    let text: String = events
        .map(|event| {
            event.unwrap().into_data().choices.unwrap()[0]
                .delta
                .content
                .clone()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(text, "Hello, world");
}
