use tencent_action::prelude::*;

#[tencent_action(service = cvm, version = 20170312, action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

fn main() {}
