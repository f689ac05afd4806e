use tencent_action::prelude::*;

pub struct Instance {
    pub id: String,
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
    pub instance_set: Vec<Instance>,
}

fn main() {}
