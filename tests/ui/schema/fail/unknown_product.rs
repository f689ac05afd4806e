// A service or version found nowhere (neither in a specs directory nor in the bundled specs)
// is an error at its token: the check is never silently off.
use tencent_action::prelude::*;

#[tencent_action(service = "vcp", version = "2017-03-12", action = "DescribeVpcs")]
pub struct DescribeVpcs {
    pub total_count: u64,
}

#[tencent_model(service = "cvm", version = "2017-03-21")]
pub struct Placement {
    pub zone: String,
}

fn main() {}
