use tencent_action::prelude::*;

#[tencent_action(action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

fn main() {}
