//! The test endpoint in a process of its own, for `call_cost`: the client's CPU time is then
//! the client's alone. Prints `ENDPOINT SECRET_ID SECRET_KEY` on one line, answers CVM
//! `DescribeZones` with a small response, and on each line read from stdin prints the number of
//! TCP connections served so far; exits when stdin closes.

use std::io::BufRead;

use tencent_action::prelude::*;
use tencent_action::testkit::TestServer;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

fn main() -> std::io::Result<()> {
    let server = TestServer::start()?;
    server.respond::<DescribeZones>(serde_json::json!({
        "TotalCount": 1,
        "ZoneSet": [{"Zone": "ap-guangzhou-3", "ZoneName": "Guangzhou Zone 3", "ZoneId": "100003", "ZoneState": "AVAILABLE"}],
    }));
    // A key of the benchmark's own, so that the clients (and the Python SDK) can sign.
    let (id, key) = ("AKIDBENCHCALLCOST", "bench-call-cost-key");
    server.accept_key(id, key);
    println!("{} {id} {key}", server.endpoint());
    for _ in std::io::stdin().lock().lines() {
        println!("{}", server.connections());
    }
    Ok(())
}
