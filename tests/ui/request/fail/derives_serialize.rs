use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
#[derive(Debug, serde::Serialize)]
pub struct DescribeZonesRequest {}

fn main() {}
