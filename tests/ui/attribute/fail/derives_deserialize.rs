use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug, serde::Deserialize)]
pub struct DescribeInstances {
    pub total_count: u64,
}

fn main() {}
