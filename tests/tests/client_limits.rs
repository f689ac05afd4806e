//! What the clients do when a server misbehaves (loopback servers written to): redirects are
//! refused, bodies are bounded, every time limit fires and says which it was, streams are
//! bounded by their idle time only, plain http goes to loopback only. Both transports.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tencent_action::client::{AsyncClient, Client, RetryPolicy};
use tencent_action::prelude::*;
use tencent_action::sign::Credential;
use tencent_action::{ErrorKind, TimeLimit};
use tencent_action_tests::models::DescribeZonesRequest;
use tencent_action_tests::rogue::{respond, success_body, Rogue};

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

#[tencent_request(SendSms, service = "sms", version = "2021-01-11")]
#[tencent(unchecked)]
pub struct SendSmsRequest {}

#[tencent_action(service = "cls", version = "2020-10-16", action = "ChatCompletions")]
#[derive(Debug)]
pub struct ChatCompletions {
    pub created: Option<u64>,
}

#[tencent_request(ChatCompletions, service = "cls", version = "2020-10-16")]
#[tencent(unchecked)]
pub struct ChatCompletionsRequest {}

fn credential() -> Credential {
    Credential::new("AKIDTEST", "key").with_token("session-token")
}

fn blocking(server: &Rogue) -> tencent_action::client::Builder<Client> {
    Client::builder()
        .credential(credential())
        .endpoint(server.url())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
}

fn nonblocking(server: &Rogue) -> tencent_action::client::Builder<AsyncClient> {
    AsyncClient::builder()
        .credential(credential())
        .endpoint(server.url())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A server that would forge a `SendSms` success, and counts what reaches it.
fn forger() -> (Rogue, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&hits);
    let forger = Rogue::start(move |_, _, stream| {
        counted.fetch_add(1, Ordering::SeqCst);
        respond(
            stream,
            200,
            &[],
            &success_body(r#""SendStatusSet": []"#, "forged"),
        );
    });
    (forger, hits)
}

#[test]
fn a_redirect_is_refused_with_its_status_and_location_and_nothing_follows_it() {
    for status in [301, 302, 303, 307, 308] {
        let (forger, hits) = forger();
        let target = format!("{}/", forger.url());
        let redirector = Rogue::start(move |_, _, stream| {
            respond(stream, status, &[("Location", &target)], b"");
        });
        let check = |e: tencent_action::Error| {
            assert_eq!(e.kind(), ErrorKind::Http, "{e}");
            assert_eq!(e.http_status(), Some(status));
            assert!(e.to_string().contains(&forger.url()), "{e}");
            assert!(e.to_string().contains("not followed"), "{e}");
        };
        check(
            blocking(&redirector)
                .build()
                .unwrap()
                .call(&SendSmsRequest {})
                .unwrap_err(),
        );
        let client = nonblocking(&redirector).build().unwrap();
        check(
            runtime()
                .block_on(client.call(&SendSmsRequest {}))
                .unwrap_err(),
        );
        assert_eq!(hits.load(Ordering::SeqCst), 0, "HTTP {status} was followed");
    }
}

#[test]
fn a_body_over_the_limit_is_an_error_naming_it_and_is_not_read_further() {
    // 4 MiB announced and sent, against a 1 MiB limit.
    let server = Rogue::start(|_, _, stream| {
        let body = vec![b' '; 4 << 20];
        respond(stream, 200, &[("Content-Type", "application/json")], &body);
    });
    let check = |e: tencent_action::Error| {
        assert_eq!(e.kind(), ErrorKind::Http, "{e}");
        assert!(
            e.to_string()
                .contains("max_body_size limit of 1048576 bytes"),
            "{e}"
        );
    };
    check(
        blocking(&server)
            .max_body_size(1 << 20)
            .build()
            .unwrap()
            .call(&DescribeZonesRequest {})
            .unwrap_err(),
    );
    let client = nonblocking(&server).max_body_size(1 << 20).build().unwrap();
    check(
        runtime()
            .block_on(client.call(&DescribeZonesRequest {}))
            .unwrap_err(),
    );
    // The non-stream answer of a streaming call too.
    check(
        blocking(&server)
            .max_body_size(1 << 20)
            .build()
            .unwrap()
            .call_stream(&ChatCompletionsRequest {})
            .unwrap_err(),
    );
    check(
        runtime()
            .block_on(client.call_stream(&ChatCompletionsRequest {}))
            .unwrap_err(),
    );
}

#[test]
fn a_chunked_body_without_length_is_bounded_too() {
    let server = Rogue::start(|_, _, stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        );
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..64 {
            let _ = write!(stream, "{:x}\r\n", chunk.len());
            let _ = stream.write_all(&chunk);
            let _ = stream.write_all(b"\r\n");
        }
        let _ = stream.write_all(b"0\r\n\r\n");
    });
    let e = blocking(&server)
        .max_body_size(1 << 20)
        .build()
        .unwrap()
        .call(&DescribeZonesRequest {})
        .unwrap_err();
    assert!(e.to_string().contains("max_body_size"), "{e}");
    let client = nonblocking(&server).max_body_size(1 << 20).build().unwrap();
    let e = runtime()
        .block_on(client.call(&DescribeZonesRequest {}))
        .unwrap_err();
    assert!(e.to_string().contains("max_body_size"), "{e}");
}

#[test]
fn nothing_asks_for_compression_and_a_compressed_answer_is_not_inflated() {
    // A gzip "bomb" is only a bomb for a client that inflates it: the clients ask for no
    // encoding and read the bytes as they come.
    let server = Rogue::start(|_, _, stream| {
        let gzip_magic = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage";
        respond(
            stream,
            200,
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
            ],
            gzip_magic,
        );
    });
    let e = blocking(&server)
        .build()
        .unwrap()
        .call(&DescribeZonesRequest {})
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Json, "{e}");
    let client = nonblocking(&server).build().unwrap();
    let e = runtime()
        .block_on(client.call(&DescribeZonesRequest {}))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Json, "{e}");
    for seen in server.seen() {
        assert_eq!(seen.header("accept-encoding"), None, "{seen:?}");
    }
}

/// A server that accepts and never answers.
fn blackhole() -> Rogue {
    Rogue::start_with(false, |_, _, _| std::thread::sleep(Duration::from_secs(5)))
}

#[test]
fn a_server_that_never_answers_fails_the_call_at_the_operation_deadline() {
    let server = blackhole();
    let limits = |b: tencent_action::client::Builder<Client>| {
        b.timeout(Duration::from_millis(300))
            .operation_timeout(Duration::from_millis(700))
    };
    let started = Instant::now();
    let e = limits(blocking(&server))
        .build()
        .unwrap()
        .call(&DescribeZonesRequest {})
        .unwrap_err();
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1500), "{took:?}");
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(e.is_timeout());
    // Two attempts of 300 ms, then the 100 ms left of the operation's 700.
    assert_eq!(e.attempts(), Some(3), "{e}");
    assert_eq!(
        e.time_limit(),
        Some(TimeLimit::Operation(Duration::from_millis(700)))
    );
    assert!(e.to_string().contains("operation_timeout of 0.7 s"), "{e}");
    assert!(e.to_string().contains("after 3 attempts"), "{e}");
    assert_eq!(e.earlier_request_ids().count(), 0);

    let client = nonblocking(&server)
        .timeout(Duration::from_millis(300))
        .operation_timeout(Duration::from_millis(700))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = runtime()
        .block_on(client.call(&DescribeZonesRequest {}))
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_eq!(e.attempts(), Some(3), "{e}");
    assert_eq!(
        e.time_limit(),
        Some(TimeLimit::Operation(Duration::from_millis(700)))
    );
}

#[test]
fn a_write_that_timed_out_after_sending_is_tried_once_and_says_which_limit() {
    let server = blackhole();
    let e = blocking(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap()
        .call(&SendSmsRequest {})
        .unwrap_err();
    assert_eq!(e.attempts(), Some(1));
    assert_eq!(e.request_sent(), Some(true));
    assert_eq!(
        e.time_limit(),
        Some(TimeLimit::Attempt(Duration::from_millis(200)))
    );
    assert!(e.to_string().contains("the timeout of 0.2 s passed"), "{e}");
}

#[test]
fn a_server_that_stalls_after_the_headers_hits_the_attempt_timeout() {
    let server = Rogue::start(|_, _, stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Resp");
        std::thread::sleep(Duration::from_secs(3));
    });
    let e = blocking(&server)
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
        .call(&DescribeZonesRequest {})
        .unwrap_err();
    assert_eq!(
        e.time_limit(),
        Some(TimeLimit::Attempt(Duration::from_millis(300))),
        "{e}"
    );
    let client = nonblocking(&server)
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let started = Instant::now();
    let e = runtime()
        .block_on(client.call(&DescribeZonesRequest {}))
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        e.time_limit(),
        Some(TimeLimit::Attempt(Duration::from_millis(300))),
        "{e}"
    );
}

/// An event stream of `events` events, one every `every`, then `then_stall` of silence.
fn streamer(events: usize, every: Duration, then_stall: Duration) -> Rogue {
    Rogue::start(move |_, _, stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-TC-RequestId: s1\r\n\r\n",
        );
        for i in 0..events {
            let _ = write!(stream, "id: {i}\ndata: {{\"Created\": {i}}}\n\n");
            let _ = stream.flush();
            std::thread::sleep(every);
        }
        std::thread::sleep(then_stall);
    })
}

#[test]
fn a_stream_longer_than_the_attempt_timeout_is_read_to_its_end() {
    // 8 events over 800 ms, with a 250 ms attempt timeout: only idleness bounds a stream.
    let server = streamer(8, Duration::from_millis(100), Duration::ZERO);
    let events = blocking(&server)
        .timeout(Duration::from_millis(250))
        .stream_idle_timeout(Duration::from_secs(2))
        .build()
        .unwrap()
        .call_stream(&ChatCompletionsRequest {})
        .unwrap();
    let created: Vec<u64> = events.map(|e| e.unwrap().data().created.unwrap()).collect();
    assert_eq!(created, (0..8).collect::<Vec<_>>());

    let client = nonblocking(&server)
        .timeout(Duration::from_millis(250))
        .stream_idle_timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let count = runtime().block_on(async {
        let mut stream = client
            .call_stream(&ChatCompletionsRequest {})
            .await
            .unwrap();
        let mut count = 0;
        while let Some(event) = next(&mut stream).await {
            event.unwrap();
            count += 1;
        }
        count
    });
    assert_eq!(count, 8);
}

#[test]
fn a_stream_idle_past_its_limit_ends_with_an_error_that_says_so() {
    let server = streamer(1, Duration::ZERO, Duration::from_secs(3));
    let idle = Duration::from_millis(300);
    let check = |e: tencent_action::Error| {
        assert_eq!(e.kind(), ErrorKind::Stream, "{e}");
        assert!(e.is_timeout());
        assert_eq!(e.time_limit(), Some(TimeLimit::StreamIdle(idle)));
        assert!(
            e.to_string().contains("stream_idle_timeout of 0.3 s"),
            "{e}"
        );
        assert_eq!(e.request_id(), Some("s1"));
    };
    let mut events = blocking(&server)
        .stream_idle_timeout(idle)
        .build()
        .unwrap()
        .call_stream(&ChatCompletionsRequest {})
        .unwrap();
    assert!(events.next().unwrap().is_ok());
    let started = Instant::now();
    check(events.next().unwrap().unwrap_err());
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(events.next().is_none());

    let client = nonblocking(&server)
        .stream_idle_timeout(idle)
        .build()
        .unwrap();
    runtime().block_on(async {
        let mut stream = client
            .call_stream(&ChatCompletionsRequest {})
            .await
            .unwrap();
        assert!(next(&mut stream).await.unwrap().is_ok());
        check(next(&mut stream).await.unwrap().unwrap_err());
        assert!(next(&mut stream).await.is_none());
    });
}

async fn next<S: futures_core::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| std::pin::Pin::new(&mut *stream).poll_next(cx)).await
}

#[test]
fn plain_http_goes_to_loopback_only_unless_allowed() {
    for builder in [
        Client::builder().endpoint("http://gateway.example:8080"),
        Client::builder().endpoint_for("cvm", "http://10.0.0.1"),
    ] {
        let e = builder.credential(credential()).build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
        assert!(e.to_string().contains("allow_http(true)"), "{e}");
    }
    let e = AsyncClient::builder()
        .credential(credential())
        .endpoint("http://gateway.example")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    assert!(Client::builder()
        .credential(credential())
        .endpoint("http://gateway.example:8080")
        .allow_http(true)
        .build()
        .is_ok());
    assert!(Client::builder()
        .credential(credential())
        .endpoint("http://localhost:8080")
        .build()
        .is_ok());
}

#[test]
fn a_connection_never_made_is_retried_and_said_not_sent() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .credential(credential())
        .endpoint(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let e = client.call(&SendSmsRequest {}).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(e.request_sent(), Some(false));
    assert_eq!(
        e.attempts(),
        Some(3),
        "refused before sending: safe to retry"
    );
    assert_eq!(e.time_limit(), None);
}
