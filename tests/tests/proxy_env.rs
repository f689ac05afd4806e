//! Proxies from the environment, read the same way by both transports: `HTTPS_PROXY` for
//! https endpoints, `NO_PROXY` honoured, `HTTP_PROXY` never used. One test in its own binary,
//! since it sets the process environment.

use std::time::Duration;

use tencent_action::client::{AsyncClient, Client, RetryPolicy};
use tencent_action::sign::Credential;
use tencent_action_tests::models::DescribeZonesRequest;
use tencent_action_tests::rogue::{respond, Rogue};

fn call_both(configure: impl Fn() -> (Client, AsyncClient)) {
    let (blocking, nonblocking) = configure();
    let _ = blocking.call(&DescribeZonesRequest {});
    let _ = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(nonblocking.call(&DescribeZonesRequest {}));
}

fn clients() -> (Client, AsyncClient) {
    let credential = Credential::new("AKID", "key");
    (
        Client::builder()
            .credential(credential.clone())
            .retry(RetryPolicy::disabled())
            .connect_timeout(Duration::from_millis(500))
            .build()
            .unwrap(),
        AsyncClient::builder()
            .credential(credential)
            .retry(RetryPolicy::disabled())
            .connect_timeout(Duration::from_millis(500))
            .build()
            .unwrap(),
    )
}

#[test]
fn both_transports_read_the_proxy_environment_alike() {
    let https = Rogue::start(|_, _, stream| respond(stream, 403, &[], b""));
    let http = Rogue::start(|_, _, stream| respond(stream, 403, &[], b""));
    // SAFETY (of the test): the only test of this binary, so no other thread reads the
    // environment meanwhile.
    std::env::set_var("HTTPS_PROXY", https.url());
    std::env::set_var("HTTP_PROXY", http.url());
    std::env::remove_var("NO_PROXY");
    call_both(clients);
    let lines: Vec<String> = https.seen().into_iter().map(|s| s.line).collect();
    assert_eq!(
        lines,
        vec!["CONNECT cvm.tencentcloudapi.com:443 HTTP/1.1"; 2]
    );
    assert!(http.seen().is_empty(), "HTTP_PROXY is never used");

    // NO_PROXY: the host goes direct (and, offline, fails to resolve: no proxy sees it).
    std::env::set_var("NO_PROXY", "localhost,.tencentcloudapi.com");
    call_both(clients);
    assert_eq!(https.seen().len(), 2, "nothing more went through the proxy");

    // The builder's choice wins over the environment.
    std::env::remove_var("NO_PROXY");
    call_both(|| {
        let credential = Credential::new("AKID", "key");
        (
            Client::builder()
                .credential(credential.clone())
                .no_proxy()
                .retry(RetryPolicy::disabled())
                .connect_timeout(Duration::from_millis(500))
                .build()
                .unwrap(),
            AsyncClient::builder()
                .credential(credential)
                .no_proxy()
                .retry(RetryPolicy::disabled())
                .connect_timeout(Duration::from_millis(500))
                .build()
                .unwrap(),
        )
    });
    assert_eq!(https.seen().len(), 2, "no_proxy() ignores HTTPS_PROXY");
}
