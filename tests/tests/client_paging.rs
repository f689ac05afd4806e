//! Paging with both clients, over every shape Tencent uses: `Offset`/`Limit` as numbers and as
//! strings, `PageNumber`/`PageSize`, a token; a repeating token stops, each page is retried like
//! a call, the items of the pages come out in order.

use std::time::Duration;

use serde_json::{json, Value};
use tencent_action::client::{AsyncClient, Client, RetryPolicy};
use tencent_action::paging::{Paginate, Paging};
use tencent_action::prelude::*;
use tencent_action::testkit::{Reply, TestServer};
use tencent_action::ErrorKind;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: u64,
    pub instance_set: Vec<Value>,
}

#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
#[tencent(unchecked)]
pub struct DescribeInstancesRequest {
    pub offset: u64,
    pub limit: u64,
}

impl Paginate for DescribeInstancesRequest {
    const PAGING: Paging = Paging::offset("Offset", "Limit")
        .total("TotalCount")
        .items("InstanceSet");
}

#[tencent_action(service = "vpc", version = "2017-03-12", action = "DescribeVpcs")]
#[derive(Debug)]
pub struct DescribeVpcs {
    pub vpc_set: Vec<Value>,
}

/// VPC types `Offset` and `Limit` as strings.
#[tencent_request(DescribeVpcs, service = "vpc", version = "2017-03-12")]
#[tencent(unchecked)]
pub struct DescribeVpcsRequest {
    pub limit: String,
}

impl Paginate for DescribeVpcsRequest {
    const PAGING: Paging = Paging::string_offset("Offset", "Limit");
}

#[tencent_action(
    service = "ssl",
    version = "2019-12-05",
    action = "DescribeCertificates"
)]
#[derive(Debug)]
pub struct DescribeCertificates {
    pub certificates: Vec<Value>,
}

#[tencent_request(DescribeCertificates)]
#[tencent(unchecked)]
pub struct DescribeCertificatesRequest {
    pub page_size: u64,
}

impl Paginate for DescribeCertificatesRequest {
    const PAGING: Paging = Paging::page_number("PageNumber", "PageSize").items("Certificates");
}

#[tencent_action(service = "tke", version = "2018-05-25", action = "DescribeClusters")]
#[derive(Debug)]
pub struct DescribeClusters {
    pub clusters: Vec<Value>,
}

#[tencent_request(DescribeClusters, service = "tke", version = "2018-05-25")]
#[tencent(unchecked)]
pub struct DescribeClustersRequest {
    pub max_results: u64,
    pub next_token: String,
}

impl Paginate for DescribeClustersRequest {
    const PAGING: Paging = Paging::token("NextToken", "NextToken").items("Clusters");
}

fn numbered(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"N": i})).collect()
}

fn numbers(items: Vec<Value>) -> Vec<u64> {
    items.iter().map(|i| i["N"].as_u64().unwrap()).collect()
}

fn blocking(server: &TestServer) -> Client {
    Client::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap()
}

fn nonblocking(server: &TestServer) -> AsyncClient {
    AsyncClient::builder()
        .credential(server.credential())
        .endpoint(server.endpoint())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn collect<S, T, E>(mut stream: S) -> Result<Vec<T>, E>
where
    S: futures_core::Stream<Item = Result<T, E>> + Unpin,
{
    let mut out = Vec::new();
    while let Some(item) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await
    {
        out.push(item?);
    }
    Ok(out)
}

#[test]
fn offset_paging_starts_at_the_request_offset_and_stops_at_the_total() {
    let server = TestServer::start().unwrap();
    server.serve_list::<DescribeInstances>("InstanceSet", numbered(23));
    let request = DescribeInstancesRequest {
        offset: 3,
        limit: 5,
    };
    let pages: Vec<DescribeInstances> = blocking(&server)
        .paginate(&request)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pages.len(), 4, "3..8, 8..13, 13..18, 18..23");
    assert!(pages.iter().all(|p| p.total_count == 23));
    assert_eq!(server.attempts("DescribeInstances"), 4);
    let items = blocking(&server)
        .paginate(&request)
        .items(|page| page.instance_set)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(numbers(items), (3..23).collect::<Vec<_>>());

    let client = nonblocking(&server);
    let items = runtime()
        .block_on(collect(
            client.paginate(&request).items(|page| page.instance_set),
        ))
        .unwrap();
    assert_eq!(numbers(items), (3..23).collect::<Vec<_>>());
}

#[test]
fn string_offsets_page_as_strings() {
    let server = TestServer::start().unwrap();
    server.serve_list::<DescribeVpcs>("VpcSet", numbered(7));
    let request = DescribeVpcsRequest { limit: "3".into() };
    let items = blocking(&server)
        .paginate(&request)
        .items(|page| page.vpc_set)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(numbers(items), (0..7).collect::<Vec<_>>());
    assert_eq!(server.attempts("DescribeVpcs"), 3);
    // The offsets went out as strings, as VPC requires.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    server.handle("vpc", "DescribeVpcs", move |call| {
        log.lock()
            .unwrap()
            .push(call.params().get("Offset").cloned());
        Reply::Ok(json!({"VpcSet": [{"N": 0}, {"N": 1}, {"N": 2}], "TotalCount": 6}))
    });
    let client = nonblocking(&server);
    let pages = runtime()
        .block_on(collect(client.paginate(&request)))
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(*seen.lock().unwrap(), vec![None, Some(json!("3"))]);
}

#[test]
fn page_numbers_move_until_a_short_page() {
    let server = TestServer::start().unwrap();
    server.serve_list::<DescribeCertificates>("Certificates", numbered(10));
    let request = DescribeCertificatesRequest { page_size: 4 };
    let items = blocking(&server)
        .paginate(&request)
        .items(|page| page.certificates)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(numbers(items), (0..10).collect::<Vec<_>>());
    assert_eq!(server.attempts("DescribeCertificates"), 3);
}

#[test]
fn tokens_are_followed_until_empty() {
    let server = TestServer::start().unwrap();
    server.serve_list::<DescribeClusters>("Clusters", numbered(5));
    let request = DescribeClustersRequest {
        max_results: 2,
        next_token: String::new(),
    };
    let items = blocking(&server)
        .paginate(&request)
        .items(|page| page.clusters)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(numbers(items), (0..5).collect::<Vec<_>>());
    let client = nonblocking(&server);
    let items = runtime()
        .block_on(collect(
            client.paginate(&request).items(|page| page.clusters),
        ))
        .unwrap();
    assert_eq!(numbers(items), (0..5).collect::<Vec<_>>());
}

#[test]
fn a_server_that_repeats_its_token_cannot_make_the_paginator_loop() {
    let server = TestServer::start().unwrap();
    server.handle("tke", "DescribeClusters", |_| {
        Reply::Ok(json!({"Clusters": [{"N": 1}], "NextToken": "same"}))
    });
    let request = DescribeClustersRequest {
        max_results: 1,
        next_token: String::new(),
    };
    let pages = blocking(&server).paginate(&request).count();
    assert_eq!(
        pages, 2,
        "the second answer repeats the first token: the end"
    );
    let client = nonblocking(&server);
    let pages = runtime()
        .block_on(collect(client.paginate(&request)))
        .unwrap();
    assert_eq!(pages.len(), 2);
}

#[test]
fn each_page_is_retried_like_a_call_and_an_error_ends_the_pages() {
    let server = TestServer::start().unwrap();
    let items = numbered(4);
    server.handle("cvm", "DescribeInstances", move |call| match call.attempt() {
        // The second page is rate-limited once: retried.
        2 => Reply::error("RequestLimitExceeded", "slow down"),
        // The fourth request (the third page) fails for good.
        n if n >= 4 => Reply::error("InvalidParameterValue", "Offset too large"),
        _ => {
            let offset = call.params()["Offset"].as_u64().unwrap_or(0) as usize;
            Reply::Ok(json!({"TotalCount": 9, "InstanceSet": items[offset.min(4)..(offset + 2).min(4)]}))
        }
    });
    let request = DescribeInstancesRequest {
        offset: 0,
        limit: 2,
    };
    let client = blocking(&server);
    let mut pages = client.paginate(&request);
    assert_eq!(
        numbers(pages.next().unwrap().unwrap().instance_set),
        vec![0, 1]
    );
    let second = pages.next().unwrap().unwrap();
    assert_eq!(numbers(second.instance_set), vec![2, 3]);
    let e = pages.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("InvalidParameterValue"));
    assert!(pages.next().is_none());
}
