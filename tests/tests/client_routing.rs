//! Where calls go: one client for every product (per-service endpoints, regional and
//! financial-region domains, the international root domain), through a proxy that only ever
//! sees a `CONNECT`, and raw calls of undeclared actions. Both transports.

use std::time::Duration;

use serde_json::json;
use tencent_action::client::endpoint::INTERNATIONAL_ROOT_DOMAIN;
use tencent_action::client::{AsyncClient, Builder, Client, RetryPolicy};
use tencent_action::prelude::*;
use tencent_action::sign::Credential;
use tencent_action::testkit::{Reply, TestServer};
use tencent_action::ErrorKind;
use tencent_action_tests::models::{DescribeZones, DescribeZonesRequest};
use tencent_action_tests::rogue::{respond, Rogue};

#[tencent_action(service = "cls", version = "2020-10-16", action = "DescribeTopics")]
#[derive(Debug)]
pub struct DescribeTopics {
    pub total_count: u64,
}

#[tencent_request(DescribeTopics, service = "cls", version = "2020-10-16")]
pub struct DescribeTopicsRequest {}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn one_client_reaches_each_service_at_its_own_endpoint() {
    let cvm = TestServer::start().unwrap();
    cvm.respond::<DescribeZones>(json!({"TotalCount": 1}));
    let cls = TestServer::start().unwrap();
    cls.accept_credential(&cvm.credential());
    cls.respond::<DescribeTopics>(json!({"TotalCount": 2}));
    let blocking = Client::builder()
        .credential(cvm.credential())
        .endpoint(cvm.endpoint())
        .endpoint_for("cls", cls.endpoint())
        .build()
        .unwrap();
    assert_eq!(
        blocking.call(&DescribeZonesRequest {}).unwrap().total_count,
        1
    );
    assert_eq!(
        blocking
            .call(&DescribeTopicsRequest {})
            .unwrap()
            .total_count,
        2
    );
    let nonblocking = AsyncClient::builder()
        .credential(cvm.credential())
        .endpoint_for("cvm", cvm.endpoint())
        .endpoint_for("cls", cls.endpoint())
        .build()
        .unwrap();
    runtime().block_on(async {
        assert_eq!(
            nonblocking
                .call(&DescribeZonesRequest {})
                .await
                .unwrap()
                .total_count,
            1
        );
        assert_eq!(
            nonblocking
                .call(&DescribeTopicsRequest {})
                .await
                .unwrap()
                .total_count,
            2
        );
    });
    assert_eq!(cvm.attempts("DescribeZones"), 2);
    assert_eq!(cls.attempts("DescribeTopics"), 2);
    assert_eq!(cvm.attempts("DescribeTopics"), 0);
}

/// A proxy that records each `CONNECT` target and refuses the tunnel.
fn refusing_proxy() -> Rogue {
    Rogue::start(|_, _, stream| respond(stream, 403, &[], b""))
}

/// The `CONNECT` targets a proxy saw, with no header of the request itself.
fn tunnels(proxy: &Rogue) -> Vec<String> {
    proxy
        .seen()
        .into_iter()
        .map(|seen| {
            assert!(seen.header("authorization").is_none(), "{seen:?}");
            assert!(seen.header("x-tc-token").is_none(), "{seen:?}");
            seen.line
        })
        .collect()
}

fn through<K>(builder: Builder<K>, proxy: &Rogue) -> Builder<K> {
    builder
        .credential(Credential::new("AKID", "key").with_token("token"))
        .proxy(proxy.url())
        .retry(RetryPolicy::disabled())
        .timeout(Duration::from_secs(5))
}

/// The tunnels a `cvm` call opens through the proxy, each transport configured by
/// `blocking` and `nonblocking` (the same settings).
fn tunnels_for(
    blocking: impl Fn(Builder<Client>) -> Builder<Client>,
    nonblocking: impl Fn(Builder<AsyncClient>) -> Builder<AsyncClient>,
) -> Vec<String> {
    let proxy = refusing_proxy();
    let e = blocking(through(Client::builder(), &proxy))
        .build()
        .unwrap()
        .call(&DescribeZonesRequest {})
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(e.request_sent(), Some(false), "{e}");
    let client = nonblocking(through(AsyncClient::builder(), &proxy))
        .build()
        .unwrap();
    let e = runtime()
        .block_on(client.call(&DescribeZonesRequest {}))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    tunnels(&proxy)
}

/// `tunnels_for` with one configuration written once for both builders.
macro_rules! tunnels {
    (|$b:ident| $configure:expr) => {
        tunnels_for(
            |$b: Builder<Client>| $configure,
            |$b: Builder<AsyncClient>| $configure,
        )
    };
}

fn connect(host: &str) -> Vec<String> {
    vec![format!("CONNECT {host}:443 HTTP/1.1"); 2]
}

#[test]
fn the_service_domain_by_default_and_the_region_domain_when_asked() {
    assert_eq!(
        tunnels!(|b| b.region("ap-guangzhou")),
        connect("cvm.tencentcloudapi.com")
    );
    assert_eq!(
        tunnels!(|b| b.region("ap-guangzhou").regional_endpoints(true)),
        connect("cvm.ap-guangzhou.tencentcloudapi.com")
    );
    assert_eq!(
        tunnels!(|b| b.root_domain(INTERNATIONAL_ROOT_DOMAIN)),
        connect("cvm.intl.tencentcloudapi.com")
    );
}

#[test]
fn the_financial_regions_always_use_their_own_domain() {
    for region in ["ap-shanghai-fsi", "ap-shenzhen-fsi"] {
        assert_eq!(
            tunnels!(|b| b.region(region)),
            connect(&format!("cvm.{region}.tencentcloudapi.com"))
        );
    }
}

#[test]
fn a_proxy_password_is_used_but_never_shown() {
    let proxy = refusing_proxy();
    let url = proxy.url().replace("http://", "http://user:hunter2@");
    let e = Client::builder()
        .credential(Credential::new("AKID", "key"))
        .proxy(&url)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
        .call(&DescribeZonesRequest {})
        .unwrap_err();
    assert!(!e.to_string().contains("hunter2"), "{e}");
    assert!(!format!("{e:?}").contains("hunter2"), "{e:?}");
    let seen = proxy.seen();
    assert_eq!(
        seen[0].header("proxy-authorization"),
        Some("Basic dXNlcjpodW50ZXIy"),
        "{seen:?}"
    );
}

#[test]
fn a_proxy_url_that_cannot_be_used_is_a_config_error() {
    let e = Client::builder()
        .credential(Credential::new("AKID", "key"))
        .proxy("socks5://127.0.0.1:1080")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    assert!(e.to_string().contains("only http:// proxies"), "{e}");
}

#[test]
fn plain_http_endpoints_bypass_the_proxy() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 7}));
    let proxy = refusing_proxy();
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .proxy(proxy.url())
        .build()
        .unwrap();
    assert_eq!(
        client.call(&DescribeZonesRequest {}).unwrap().total_count,
        7
    );
    assert!(proxy.seen().is_empty());
}

#[test]
fn a_raw_call_answers_the_response_object_and_errors_like_a_typed_one() {
    let server = TestServer::start().unwrap();
    server.handle("vpc", "DescribeVpcs", |call| {
        assert_eq!(call.verified().version(), "2017-03-12");
        match call.params()["Limit"].as_u64() {
            Some(limit) => {
                Reply::Ok(json!({"TotalCount": 9, "VpcSet": vec![json!({}); limit as usize]}))
            }
            None => Reply::error("MissingParameter", "Limit"),
        }
    });
    server.handle("vpc", "CreateVpc", |call| match call.attempt() {
        1 => Reply::error("InternalError", "try again"),
        _ => Reply::Ok(json!({"Vpc": {"VpcId": "vpc-1"}})),
    });
    let client = Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let out = client
        .call_json("vpc", "2017-03-12", "DescribeVpcs", &json!({"Limit": 2}))
        .unwrap();
    assert_eq!(out["TotalCount"], 9);
    assert_eq!(out["VpcSet"].as_array().unwrap().len(), 2);
    assert_eq!(out["RequestId"].as_str().unwrap().len(), 36);

    let e = client
        .call_json("vpc", "2017-03-12", "DescribeVpcs", &json!({}))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("MissingParameter"));
    assert_eq!(e.action(), "DescribeVpcs");
    assert!(
        e.to_string()
            .starts_with("DescribeVpcs failed: MissingParameter"),
        "{e}"
    );
    assert!(e.request_id().is_some());

    // A write is not retried unless the caller says it is safe.
    let e = client
        .call_json("vpc", "2017-03-12", "CreateVpc", &json!({}))
        .unwrap_err();
    assert_eq!(e.code(), Some("InternalError"));
    assert_eq!(e.attempts(), Some(1));
    let out = client
        .call_json_idempotent("vpc", "2017-03-12", "CreateVpc", &json!({}))
        .unwrap();
    assert_eq!(out["Vpc"]["VpcId"], "vpc-1");

    let nonblocking = AsyncClient::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let out = runtime()
        .block_on(nonblocking.call_json("vpc", "2017-03-12", "DescribeVpcs", &json!({"Limit": 1})))
        .unwrap();
    assert_eq!(out["VpcSet"].as_array().unwrap().len(), 1);
}

#[test]
fn a_raw_call_with_names_that_cannot_be_sent_is_refused_before_sending() {
    let client = Client::builder()
        .credential(Credential::new("AKID", "key"))
        .endpoint("http://127.0.0.1:9")
        .build()
        .unwrap();
    for (service, action) in [
        ("cvm", "Describe\r\nZones"),
        ("cvm", ""),
        ("", "DescribeZones"),
    ] {
        let e = client
            .call_json(service, "2017-03-12", action, &json!({}))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Sign, "{service:?} {action:?}: {e}");
    }
}
