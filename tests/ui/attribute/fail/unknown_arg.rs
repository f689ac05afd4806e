use tencent_action::prelude::*;

#[tencent_action(servce = "cvm", version = "2017-03-12", action = "DescribeInstances", region = "ap-guangzhou")]
pub struct DescribeInstances {
    pub total_count: u64,
}

fn main() {}
