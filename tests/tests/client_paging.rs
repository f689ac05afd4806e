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

// Each request below pages because its action's published input shows it: no paging code, no
// attribute. (CVM: `Offset`/`Limit` integers; VPC: strings; ANI cloud: `PageNumber`/
// `PageSize`; ALB: `NextToken`.)

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: i64,
    pub instance_set: Vec<Value>,
}

#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

#[tencent_action(service = "vpc", version = "2017-03-12", action = "DescribeVpcs")]
#[derive(Debug)]
pub struct DescribeVpcs {
    pub vpc_set: Vec<Value>,
}

#[tencent_request(DescribeVpcs, service = "vpc", version = "2017-03-12")]
pub struct DescribeVpcsRequest {
    pub limit: Option<String>,
}

#[tencent_action(service = "anicloud", version = "2022-09-23", action = "QueryResource")]
#[derive(Debug)]
pub struct QueryResource {
    pub resources: Option<Vec<Value>>,
}

#[tencent_request(QueryResource, service = "anicloud", version = "2022-09-23")]
pub struct QueryResourceRequest {
    pub r#type: i64,
    pub page_number: i64,
    pub page_size: i64,
}

#[tencent_action(
    service = "alb",
    version = "2025-10-30",
    action = "DescribeLoadBalancers"
)]
#[derive(Debug)]
pub struct DescribeLoadBalancers {
    pub load_balancers: Option<Vec<Value>>,
}

#[tencent_request(DescribeLoadBalancers, service = "alb", version = "2025-10-30")]
pub struct DescribeLoadBalancersRequest {
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
}

// Where there is no schema, or the names differ, the attribute says how the request pages.
#[tencent_action(
    service = "demo",
    version = "2020-02-02",
    action = "ListThings",
    schema = false
)]
#[derive(Debug)]
pub struct ListThings {
    pub things: Vec<Value>,
}

#[tencent_request(
    ListThings,
    schema = false,
    paging(offset = "Skip", limit = "Take", items = "Things")
)]
pub struct ListThingsRequest {
    pub take: u64,
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
        offset: Some(3),
        limit: Some(5),
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
    let request = DescribeVpcsRequest {
        limit: Some("3".into()),
    };
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
    server.serve_list::<QueryResource>("Resources", numbered(10));
    let request = QueryResourceRequest {
        r#type: 1,
        page_number: 1,
        page_size: 4,
    };
    let items = blocking(&server)
        .paginate(&request)
        .items(|page| page.resources.unwrap_or_default())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(numbers(items), (0..10).collect::<Vec<_>>());
    assert_eq!(server.attempts("QueryResource"), 3);
}

#[test]
fn tokens_are_followed_until_empty() {
    let server = TestServer::start().unwrap();
    server.serve_list::<DescribeLoadBalancers>("LoadBalancers", numbered(5));
    let request = DescribeLoadBalancersRequest {
        max_results: Some(2),
        next_token: None,
    };
    let items = blocking(&server)
        .paginate(&request)
        .items(|page| page.load_balancers.unwrap_or_default())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(numbers(items), (0..5).collect::<Vec<_>>());
    let client = nonblocking(&server);
    let items = runtime()
        .block_on(collect(
            client
                .paginate(&request)
                .items(|page| page.load_balancers.unwrap_or_default()),
        ))
        .unwrap();
    assert_eq!(numbers(items), (0..5).collect::<Vec<_>>());
}

#[test]
fn a_server_that_repeats_its_token_cannot_make_the_paginator_loop() {
    let server = TestServer::start().unwrap();
    server.handle("alb", "DescribeLoadBalancers", |_| {
        Reply::Ok(json!({"LoadBalancers": [{"N": 1}], "NextToken": "same"}))
    });
    let request = DescribeLoadBalancersRequest {
        max_results: Some(1),
        next_token: None,
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
        offset: None,
        limit: Some(2),
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

#[test]
fn the_paging_the_schema_shows_is_the_requests_own() {
    use tencent_action::paging::Cursor;
    let offset = |paging: Paging| match paging.cursor() {
        Cursor::Offset {
            offset,
            limit,
            strings,
        } => Some((offset, limit, strings)),
        _ => None,
    };
    assert_eq!(
        offset(DescribeInstancesRequest::PAGING),
        Some(("Offset", "Limit", false))
    );
    assert_eq!(
        DescribeInstancesRequest::PAGING.total_member(),
        Some("TotalCount")
    );
    assert_eq!(
        DescribeInstancesRequest::PAGING.items_member(),
        Some("InstanceSet")
    );
    assert_eq!(
        offset(DescribeVpcsRequest::PAGING),
        Some(("Offset", "Limit", true))
    );
    assert_eq!(
        QueryResourceRequest::PAGING,
        Paging::page_number("PageNumber", "PageSize")
            .total("Total")
            .items("Resources")
    );
    assert_eq!(
        DescribeLoadBalancersRequest::PAGING,
        Paging::token("NextToken", "NextToken")
            .total("TotalCount")
            .items("LoadBalancers")
    );
    assert_eq!(
        ListThingsRequest::PAGING,
        Paging::offset("Skip", "Take").items("Things")
    );
}

#[test]
fn a_request_declared_to_page_pages_by_its_own_names() {
    let server = TestServer::start().unwrap();
    let items = numbered(5);
    server.handle("demo", "ListThings", move |call| {
        let skip = call.params()["Skip"].as_u64().unwrap_or(0) as usize;
        let take = call.params()["Take"].as_u64().unwrap() as usize;
        Reply::Ok(json!({"Things": items[skip.min(5)..(skip + take).min(5)]}))
    });
    let things = blocking(&server)
        .paginate(&ListThingsRequest { take: 2 })
        .items(|page| page.things)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(numbers(things), vec![0, 1, 2, 3, 4]);
}
