// An explicit `schema = "..."` must name a file that exists (relative to the crate's directory).
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances", schema = "no/such/api.json")]
pub struct DescribeInstances {
    pub total_count: i64,
}

fn main() {}
