use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub union DescribeInstances {
    count: u64,
}

fn main() {}
