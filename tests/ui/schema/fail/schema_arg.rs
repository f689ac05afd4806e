// `schema` takes a file or `false`; an unknown `#[tencent(...)]` option on the struct is an
// error like one on a field.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones", schema = true)]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[tencent(skip)]
pub struct Placement {
    pub zone: String,
}

fn main() {}
