// The coordinates a request is checked with must be its response's.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12", action = "DescribeRegions")]
pub struct DescribeRegionsRequest {}

// Without `service` and `version` the request cannot be checked.
#[tencent_request(DescribeZones)]
pub struct DescribeZonesRequest {}

fn main() {}
