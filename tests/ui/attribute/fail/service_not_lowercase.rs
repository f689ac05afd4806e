use tencent_action::prelude::*;

#[tencent_action(service = "CVM-api", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

fn main() {}
