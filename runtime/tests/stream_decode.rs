//! Decoding `text/event-stream` responses (CLS ChatCompletions).

use std::io::{self, BufReader, Read};

use tencent_action::prelude::*;
use tencent_action::stream::{self, Events};
use tencent_action::{CommonCode, ErrorKind};

#[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
#[derive(Debug)]
pub struct ChatCompletionsChunk {
    // The schema does not promise these (`output_required: false`): a chunk may lack them.
    pub id: Option<String>,
    pub choices: Option<Vec<Choice>>,
    pub created: Option<u64>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Choice {
    pub delta: Delta,
    pub finish_reason: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Delta {
    pub content: Option<String>,
    pub role: Option<String>,
}

/// Shaped like the documented ChatCompletions stream (CLS 2020-10-16).
const GOOD: &str = concat!(
    "id: 1\n",
    "data: {\"RequestId\":\"5b2c1d3e-aaaa\",\"Id\":\"c-1\",\"Choices\":[{\"Delta\":{\"Content\":\"根据\",\"Role\":\"assistant\",\"ReasoningContent\":null},\"Index\":0,\"FinishReason\":null}],\"Created\":1775103178,\"Model\":\"text2sql\",\"Object\":\"chat.completion.chunk\",\"Usage\":{}}\n",
    "\n",
    ": a comment line is ignored\n",
    "id: 2\r\n",
    "data: {\"RequestId\":\"5b2c1d3e-aaaa\",\"Id\":\"c-1\",\"Choices\":[{\"Delta\":{\"Content\":\"您的需求\",\"Role\":null,\"ReasoningContent\":null},\"Index\":0,\"FinishReason\":null}],\"Created\":1775103178,\"Model\":\"text2sql\",\"Object\":\"chat.completion.chunk\",\"Usage\":{}}\r\n",
    "\r\n",
    "id: 3\n",
    "data: {\"RequestId\":\"5b2c1d3e-aaaa\",\"Id\":\"c-1\",\"Choices\":[{\"Delta\":{\"Content\":null,\"Role\":null,\"ReasoningContent\":null},\"Index\":0,\"FinishReason\":\"stop\"}],\"Created\":1775103181,\"Model\":\"text2sql\",\"Object\":\"chat.completion.chunk\",\"Usage\":{\"PromptTokens\":12482,\"CompletionTokens\":175,\"TotalTokens\":12657}}\n",
    "\n",
);

fn events(body: &str) -> Events<ChatCompletionsChunk, &[u8]> {
    Events::new(body.as_bytes())
}

#[test]
fn a_good_stream_decodes_every_event_in_order() {
    let all: Vec<_> = events(GOOD).collect::<Result<_, _>>().unwrap();
    assert_eq!(all.len(), 3);
    let ids: Vec<_> = all.iter().map(|e| e.id()).collect();
    assert_eq!(ids, [Some("1"), Some("2"), Some("3")]);
    let text: String = all
        .iter()
        .filter_map(|e| e.data().choices.as_ref()?[0].delta.content.clone())
        .collect();
    assert_eq!(text, "根据您的需求");
    assert_eq!(
        all[0].data().choices.as_ref().unwrap()[0]
            .delta
            .role
            .as_deref(),
        Some("assistant")
    );
    assert_eq!(
        all[2].data().choices.as_ref().unwrap()[0]
            .finish_reason
            .as_deref(),
        Some("stop")
    );
    assert!(all.iter().all(|e| e.data().request_id() == "5b2c1d3e-aaaa"));
    assert_eq!(all[0].data().id.as_deref(), Some("c-1"));
}

#[test]
fn the_last_event_may_lack_its_blank_line_when_complete() {
    // The published example ends right after the last `data:` line.
    let body = GOOD.trim_end();
    let items = all_items(body.as_bytes());
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items.iter().all(Result::is_ok), "{items:?}");
}

#[test]
fn multi_line_data_is_joined_and_done_ends_the_stream() {
    let body =
        "data: {\"RequestId\": \"r\", \"Id\": \"x\",\ndata:  \"Choices\": [], \"Created\": 1}\n\n\
                data: [DONE]\n\ndata: {\"never\": \"read\"}\n\n";
    let all: Vec<_> = events(body).collect::<Result<_, _>>().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].data().created, Some(1));
}

#[test]
fn an_error_event_is_an_api_error_and_ends_the_stream() {
    let body = format!(
        "{}id: 4\ndata: {{\"Error\": {{\"Code\": \"FailedOperation\", \"Message\": \"model busy\"}}, \
         \"RequestId\": \"err-id\"}}\n\n{}",
        &GOOD[..GOOD.find("\n\n").unwrap() + 2],
        GOOD
    );
    let mut it = events(&body);
    assert!(it.next().unwrap().is_ok());
    let e = it.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("FailedOperation"));
    assert_eq!(e.message(), Some("model busy"));
    assert_eq!(e.request_id(), Some("err-id"));
    assert!(it.next().is_none(), "the iterator ends after an error");
}

#[test]
fn an_error_wrapped_in_response_is_an_api_error() {
    let body = "data: {\"Response\": {\"Error\": {\"Code\": \"AuthFailure.SignatureFailure\", \
                \"Message\": \"m\"}, \"RequestId\": \"wrapped\"}}\n\n";
    let e = events(body).next().unwrap().unwrap_err();
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureFailure)
    );
    assert_eq!(e.request_id(), Some("wrapped"));
}

#[test]
fn a_truncated_stream_is_a_stream_error_with_the_last_request_id() {
    let cut = &GOOD[..GOOD.find("id: 2").unwrap() + 60];
    let mut it = events(cut);
    assert!(it.next().unwrap().is_ok());
    let e = it.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert_eq!(e.request_id(), Some("5b2c1d3e-aaaa"));
    assert!(e.to_string().contains("cut off"), "{e}");
    assert!(it.next().is_none());
}

#[test]
fn invalid_json_data_is_a_stream_error() {
    for data in ["not json", "[1, 2]", "{\"a\": 1} trailing", "{\"a\": }"] {
        let body = format!("id: 9\ndata: {data}\n\n");
        let e = events(&body).next().unwrap().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Stream, "{data}");
        assert!(e.to_string().contains("event 1 (id 9)"), "{e}");
    }
}

#[test]
fn a_shape_error_in_an_event_says_where() {
    let body =
        "data: {\"RequestId\": \"r\", \"Id\": \"x\", \"Choices\": [], \"Created\": \"soon\"}\n\n";
    let e = events(body).next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Shape);
    assert!(e.path().unwrap().ends_with("Created"), "{:?}", e.path());
    assert_eq!(e.request_id(), Some("r"));
}

/// A reader that yields some bytes, then fails.
struct Broken<'a>(&'a [u8]);

impl Read for Broken<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "connection reset",
            ));
        }
        let n = self.0.len().min(buf.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn an_io_error_is_a_stream_error_with_its_source() {
    let first = &GOOD[..GOOD.find("\n\n").unwrap() + 2];
    let reader = BufReader::new(Broken(first.as_bytes()));
    let mut it: Events<ChatCompletionsChunk, _> = Events::new(reader);
    assert!(it.next().unwrap().is_ok());
    let e = it.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert!(e.to_string().contains("connection reset"), "{e}");
    let source = std::error::Error::source(&e).unwrap();
    assert!(source.downcast_ref::<io::Error>().is_some());
}

#[test]
fn from_response_uses_the_header_request_id_and_decodes_json_errors() {
    let headers = [
        ("Content-Type", "text/event-stream"),
        ("X-TC-RequestId", "hdr-id"),
    ];
    let body = "data: {\"Id\": \"x\", \"Choices\": [], \"Created\": 1}\n\n";
    let mut it =
        stream::from_response::<ChatCompletionsChunk, _, _>(200, headers, body.as_bytes()).unwrap();
    assert_eq!(it.next().unwrap().unwrap().data().request_id(), "hdr-id");

    // A refused request is answered as plain JSON, not as a stream.
    let refused = br#"{"Response": {"Error": {"Code": "AuthFailure.SecretIdNotFound",
        "Message": "m"}, "RequestId": "r0"}}"#;
    let e = stream::from_response::<ChatCompletionsChunk, _, _>(
        200,
        [("Content-Type", "application/json")],
        &refused[..],
    )
    .unwrap_err();
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSecretIdNotFound)
    );

    // A gateway page is an HTTP error with the status.
    let e = stream::from_response::<ChatCompletionsChunk, _, _>(
        504,
        [("Content-Type", "text/html")],
        &b"<html>504 Gateway Time-out</html>"[..],
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(504));

    // A successful non-stream answer is not what a stream reader expects.
    let plain = br#"{"Response": {"Id": "x", "Choices": [], "Created": 1, "RequestId": "r"}}"#;
    let e = stream::from_response::<ChatCompletionsChunk, _, _>(
        200,
        [("Content-Type", "application/json")],
        &plain[..],
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert!(e.to_string().contains("application/json"), "{e}");
}

#[test]
fn events_without_data_are_skipped_and_an_empty_stream_is_empty() {
    assert_eq!(events("").count(), 0);
    assert_eq!(events("id: 1\n\nretry: 10\n\n: ping\n\n").count(), 0);
}

// --- Issue 11 regressions: events lost without an error, unbounded streams ---

/// Every item, errors included: a test that counts only `Ok` items cannot see a lost event.
fn all_items(
    body: &[u8],
) -> Vec<Result<stream::Event<ChatCompletionsChunk>, tencent_action::Error>> {
    events_of(body).collect()
}

fn first_event() -> &'static str {
    &GOOD[..GOOD.find("\n\n").unwrap() + 2]
}

#[test]
fn a_leading_byte_order_mark_does_not_drop_the_first_event() {
    let body = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
    let items = all_items(&body);
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(Result::is_ok));
    assert_eq!(items[0].as_ref().unwrap().id(), Some("1"));
}

#[test]
fn lone_carriage_returns_end_lines() {
    let body = GOOD.replace("\r\n", "\n").replace('\n', "\r");
    let items = all_items(body.as_bytes());
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items.iter().all(Result::is_ok));
}

#[test]
fn an_empty_data_heartbeat_is_skipped_not_fatal() {
    let body = format!("data:\n\n{}data: \n\n{}", first_event(), GOOD);
    let items = all_items(body.as_bytes());
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(items.iter().all(Result::is_ok), "{items:?}");
}

#[test]
fn invalid_utf8_in_a_comment_is_ignored() {
    let body = [b": \xFF\xFE binary ping\n\n".as_slice(), GOOD.as_bytes()].concat();
    let items = all_items(&body);
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items.iter().all(Result::is_ok));
}

#[test]
fn an_error_event_that_is_not_an_envelope_is_an_error() {
    let body = format!(
        "{}event: error\ndata: {{\"RequestId\": \"5b2c1d3e-aaaa\", \"Id\": \"c-1\", \"Choices\": [], \"Created\": 1}}\n\n",
        first_event()
    );
    let items = all_items(body.as_bytes());
    assert_eq!(items.len(), 2, "{items:?}");
    let e = items[1].as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert_eq!(e.request_id(), Some("5b2c1d3e-aaaa"));
}

fn events_of(body: &[u8]) -> Events<ChatCompletionsChunk, &[u8]> {
    Events::new(body)
}

#[test]
fn a_line_without_end_is_refused_at_the_line_limit_with_the_request_id() {
    use tencent_action::stream::Limits;
    // Memory stays bounded: the reader stops at the limit instead of buffering the line.
    let endless = std::io::repeat(b'x').take(64 * 1024 * 1024);
    let body = std::io::Read::chain(first_event().as_bytes(), endless);
    let mut events = Events::<ChatCompletionsChunk, _>::new(BufReader::new(body))
        .with_limits(Limits::default().max_line(1024 * 1024));
    assert!(events.next().unwrap().is_ok());
    let e = events.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert!(e.to_string().contains("max_line"), "{e}");
    assert_eq!(e.request_id(), Some("5b2c1d3e-aaaa"));
    assert!(events.next().is_none());
}

#[test]
fn data_lines_without_a_blank_line_are_refused_at_the_event_limit() {
    use tencent_action::stream::Limits;
    let lines = "data: 0123456789012345678901234567890123456789\n".repeat(100_000);
    let mut events = events(&lines).with_limits(Limits::default().max_event(64 * 1024));
    let e = events.next().unwrap().unwrap_err();
    assert!(e.to_string().contains("max_event"), "{e}");
    assert!(events.next().is_none());
}

#[test]
fn the_default_limits_hold_a_large_chat_completions_event() {
    let content = "字".repeat(200_000); // 600 KB of text in one delta
    let body = format!(
        "data: {{\"RequestId\": \"r\", \"Id\": \"c\", \"Created\": 1, \"Choices\": [{{\"Delta\": {{\"Content\": \"{content}\"}}}}]}}\n\n"
    );
    let items = all_items(body.as_bytes());
    assert_eq!(items.len(), 1);
    assert!(items[0].is_ok(), "{:?}", items[0]);
}
