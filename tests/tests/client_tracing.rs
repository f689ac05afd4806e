//! The `tracing` feature: a span per call and per attempt, an event per retry, with what
//! identifies the call and never a secret, signature, token or body.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tencent_action::client::{AsyncClient, Client, RetryPolicy};
use tencent_action::sign::Credential;
use tencent_action::testkit::{Reply, TestServer};
use tencent_action_tests::models::DescribeZonesRequest;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every span, record and event as one line of text: `span call service=cvm ...`.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push_str(&format!(" {}={}", field.name(), value));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Fields(format!("span#{id} {}", span.metadata().name()));
        span.record(&mut fields);
        self.lines.lock().unwrap().push(fields.0);
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields(format!("record#{}", span.into_u64()));
        values.record(&mut fields);
        self.lines.lock().unwrap().push(fields.0);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(format!("event {}", event.metadata().level()));
        event.record(&mut fields);
        self.lines.lock().unwrap().push(fields.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

const KEY: &str = "secret-key-7d3e";
const TOKEN: &str = "session-token-41aa";

fn captured(run: impl FnOnce()) -> String {
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), run);
    let lines = capture.lines.lock().unwrap().join("\n");
    lines
}

fn serve() -> (TestServer, Credential) {
    let server = TestServer::start().unwrap();
    let credential = Credential::new("AKIDTRACED", KEY).with_token(TOKEN);
    server.accept_credential(&credential);
    server.handle("cvm", "DescribeZones", |call| match call.attempt() {
        1 => Reply::error("RequestLimitExceeded", "slow down"),
        _ => Reply::Ok(json!({"TotalCount": 3})),
    });
    (server, credential)
}

fn assert_traced(lines: &str, server: &TestServer) {
    assert!(
        lines.contains(
            " call service=cvm version=2017-03-12 action=DescribeZones region=ap-guangzhou"
        ),
        "{lines}"
    );
    assert!(lines.contains(" attempt attempt=1"), "{lines}");
    assert!(lines.contains(" attempt attempt=2"), "{lines}");
    assert!(lines.contains(" status=200"), "{lines}");
    assert!(lines.contains(" error=Api RequestLimitExceeded"), "{lines}");
    assert!(
        lines.contains(
            "event INFO message=retrying reason=Api RequestLimitExceeded HTTP 200 delay_ms="
        ),
        "{lines}"
    );
    assert!(lines.contains(" elapsed_ms="), "{lines}");
    // Every attempt's RequestId (the test endpoint's are 36-character UUIDs).
    let ids: Vec<&str> = lines
        .split(" request_id=")
        .skip(1)
        .map(|rest| rest.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{lines}");
    assert!(ids.iter().all(|id| id.len() == 36), "{ids:?}");
    for secret in [
        KEY,
        TOKEN,
        "Signature",
        "TC3-HMAC",
        "TotalCount",
        "slow down",
    ] {
        assert!(!lines.contains(secret), "{secret} in {lines}");
    }
    assert_eq!(server.attempts("DescribeZones"), 2);
}

#[test]
fn a_blocking_call_is_traced_without_secrets() {
    let (server, credential) = serve();
    let client = Client::builder()
        .credential(credential)
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let lines = captured(|| {
        assert_eq!(
            client.call(&DescribeZonesRequest {}).unwrap().total_count,
            3
        );
    });
    assert_traced(&lines, &server);
}

#[test]
fn an_async_call_is_traced_without_secrets() {
    let (server, credential) = serve();
    let client = AsyncClient::builder()
        .credential(credential)
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let lines = captured(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                assert_eq!(
                    client
                        .call(&DescribeZonesRequest {})
                        .await
                        .unwrap()
                        .total_count,
                    3
                );
            });
    });
    assert_traced(&lines, &server);
}
