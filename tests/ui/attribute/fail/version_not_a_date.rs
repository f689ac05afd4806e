use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-02-30", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

#[tencent_action(service = "cvm", version = "v20170312", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

fn main() {}
