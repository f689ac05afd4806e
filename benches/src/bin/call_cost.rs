//! What a client adds per call: sign, send and decode a small response over a kept-alive
//! connection to the test endpoint in another process (`call_server`), as client CPU time per
//! call (`getrusage`: user + system, this process only).
//!
//! Usage: `call_cost MODE CALLS ENDPOINT SECRET_ID SECRET_KEY`, MODE one of
//! `floor` (ureq, serde_json, hmac, sha2, hex by hand: the least a client can do),
//! `floor-async` (the same over reqwest, one call at a time),
//! `blocking` (`tencent_action::client::Client`), `async` (`AsyncClient`, one call at a time)
//! and `async64` (`AsyncClient`, 64 calls in flight). Prints `MODE CALLS CPU_US_PER_CALL
//! WALL_US_PER_CALL`.

use std::time::Instant;

use tencent_action::client::{AsyncClient, Client, RetryPolicy};
use tencent_action::prelude::*;
use tencent_action::sign::Credential;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
pub struct DescribeZonesRequest {}

/// User and system CPU time of this process so far, in microseconds.
fn cpu_us() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a `rusage` into the pointer it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let us = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    us(usage.ru_utime) + us(usage.ru_stime)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, mode, calls, endpoint, id, key] = &args[..] else {
        eprintln!("usage: call_cost MODE CALLS ENDPOINT SECRET_ID SECRET_KEY");
        std::process::exit(2);
    };
    let calls: u64 = calls.parse().expect("CALLS is a number");
    let credential = Credential::new(id.as_str(), key.as_str());
    // One call before measuring: connection, TLS-free handshake, first allocations.
    let run: Box<dyn Fn(u64)> = match mode.as_str() {
        "floor" => {
            let floor = tencent_action_benches::call_floor::Floor::new(endpoint, id, key);
            Box::new(move |n| {
                for _ in 0..n {
                    assert_eq!(floor.describe_zones(), 1);
                }
            })
        }
        "floor-async" => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            let floor = tencent_action_benches::call_floor::AsyncFloor::new(endpoint, id, key);
            Box::new(move |n| {
                runtime.block_on(async {
                    for _ in 0..n {
                        assert_eq!(floor.describe_zones().await, 1);
                    }
                })
            })
        }
        "blocking" => {
            let client = Client::builder()
                .credential(credential)
                .endpoint(endpoint)
                .retry(RetryPolicy::disabled())
                .build()
                .expect("client");
            Box::new(move |n| {
                for _ in 0..n {
                    assert_eq!(
                        client
                            .call(&DescribeZonesRequest {})
                            .expect("call")
                            .total_count,
                        1
                    );
                }
            })
        }
        "async" | "async64" => {
            let in_flight = if mode == "async64" { 64 } else { 1 };
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            let client = std::rc::Rc::new(
                AsyncClient::builder()
                    .credential(credential)
                    .endpoint(endpoint)
                    .retry(RetryPolicy::disabled())
                    .build()
                    .expect("client"),
            );
            Box::new(move |n| {
                runtime.block_on(async {
                    let mut done = 0;
                    while done < n {
                        let batch = in_flight.min(n - done);
                        let calls = (0..batch).map(|_| client.call(&DescribeZonesRequest {}));
                        for out in join_all(calls).await {
                            assert_eq!(out.expect("call").total_count, 1);
                        }
                        done += batch;
                    }
                })
            })
        }
        other => panic!("unknown mode {other}"),
    };
    run(1);
    let (cpu, wall) = (cpu_us(), Instant::now());
    run(calls);
    let cpu = cpu_us() - cpu;
    let wall = wall.elapsed().as_micros() as u64;
    println!(
        "{mode} {calls} {:.1} {:.1}",
        cpu as f64 / calls as f64,
        wall as f64 / calls as f64
    );
}

/// Polls every future until all are done (no executor of its own: the current task's).
async fn join_all<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut futures: Vec<std::pin::Pin<Box<F>>> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(|o| o.expect("ready")).collect()
}
