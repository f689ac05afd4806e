//! The test endpoint as a server: it must not be what falls over in a user's CI. Connections
//! are capped, kept alive, and what it and the clients print holds no secret.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::json;
use tencent_action::client::{AsyncClient, Client};
use tencent_action::prelude::*;
use tencent_action::sign::Credential;
use tencent_action::testkit::{Reply, TestServer};
use tencent_action_tests::models::{DescribeZones, DescribeZonesRequest};

#[test]
fn connections_beyond_the_cap_get_503_and_the_server_recovers() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 1}));
    let addr = server.endpoint().trim_start_matches("http://").to_owned();
    // 80 idle connections: 64 are served (waiting for a request), the rest refused at once.
    let mut idle: Vec<TcpStream> = (0..80)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    let mut refused = 0;
    for stream in &mut idle[64..] {
        stream
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        if answer.starts_with("HTTP/1.1 503") {
            refused += 1;
        }
    }
    assert_eq!(refused, 16);
    drop(idle);
    // Their slots free again as the served ones close.
    std::thread::sleep(Duration::from_millis(200));
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    assert_eq!(
        client.call(&DescribeZonesRequest {}).unwrap().total_count,
        1
    );
}

#[test]
fn sequential_calls_share_one_kept_alive_connection() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 2}));
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    for _ in 0..20 {
        client.call(&DescribeZonesRequest {}).unwrap();
    }
    assert_eq!(server.attempts("DescribeZones"), 20);
    assert_eq!(server.connections(), 1);

    let client = AsyncClient::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            for _ in 0..20 {
                client.call(&DescribeZonesRequest {}).await.unwrap();
            }
        });
    assert_eq!(server.connections(), 2);
}

#[test]
fn a_request_with_a_duplicate_or_signed_length_is_refused() {
    let server = TestServer::start().unwrap();
    let addr = server.endpoint().trim_start_matches("http://").to_owned();
    for head in [
        "POST / HTTP/1.1\r\nContent-Length: +2\r\n\r\n{}",
        "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
    ] {
        let mut stream = TcpStream::connect(&addr).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 400"), "{head:?}: {answer}");
    }
}

const KEY: &str = "key-never-shown-5f2a";
const TOKEN: &str = "token-never-shown-9c1d";

#[test]
fn what_a_handler_and_the_clients_print_holds_no_secret() {
    let server = TestServer::start().unwrap();
    let credential = Credential::new("AKIDSHOWN", KEY).with_token(TOKEN);
    server.accept_credential(&credential);
    let printed = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = std::sync::Arc::clone(&printed);
    server.handle("cvm", "DescribeZones", move |call| {
        *sink.lock().unwrap() = format!("{call:?} {call:#?}");
        Reply::Ok(json!({"TotalCount": 1}))
    });
    let builder = Client::builder()
        .credential(credential.clone())
        .endpoint(server.endpoint())
        .proxy("http://user:proxy-password@127.0.0.1:9");
    let builder_shown = format!("{builder:?}");
    let client = builder.build().unwrap();
    client.call(&DescribeZonesRequest {}).unwrap();
    let async_client = AsyncClient::builder()
        .credential(credential)
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let call_shown = printed.lock().unwrap().clone();
    assert!(call_shown.contains("AKIDSHOWN"), "{call_shown}");
    for shown in [
        call_shown,
        builder_shown,
        format!("{client:?}"),
        format!("{async_client:?}"),
    ] {
        assert!(!shown.contains(KEY), "key in {shown}");
        assert!(!shown.contains(TOKEN), "token in {shown}");
        assert!(
            !shown.contains("proxy-password"),
            "proxy password in {shown}"
        );
        assert!(
            !shown.contains("Signature=") || shown.contains("Signature=<redacted>"),
            "{shown}"
        );
    }
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: i64,
}

#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    pub limit: Option<i64>,
    pub filters: Option<Vec<Filter>>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Filter {
    pub name: String,
    pub values: Vec<String>,
}

#[test]
fn parameters_the_service_would_refuse_are_refused_offline() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeInstances>(json!({"TotalCount": 0}));
    assert!(server.check_requests::<DescribeInstancesRequest>());
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    // A typed request checked at compile time passes.
    let out = client.call(&DescribeInstancesRequest {
        limit: Some(10),
        filters: Some(vec![Filter {
            name: "zone".into(),
            values: vec!["ap-guangzhou-3".into()],
        }]),
    });
    assert_eq!(out.unwrap().total_count, 0);
    // What a raw call or a hand-built map gets wrong is answered as the service would.
    let refused = |params: serde_json::Value| {
        client
            .call_json("cvm", "2017-03-12", "DescribeInstances", &params)
            .unwrap_err()
    };
    let e = refused(json!({"Limt": 10}));
    assert_eq!(e.code(), Some("UnknownParameter"));
    assert_eq!(e.message(), Some("The parameter `Limt` is not recognized."));
    let e = refused(json!({"Limit": "10"}));
    assert_eq!(e.code(), Some("InvalidParameter"));
    let e = refused(json!({"Filters": [{"Name": "zone", "value": ["x"]}]}));
    assert_eq!(
        e.message(),
        Some("The parameter `Filters.0.value` is not recognized.")
    );
    let e = refused(json!({"Filters": [{"Values": ["x"]}]}));
    assert_eq!(e.code(), Some("MissingParameter"));
}
