use tencent_action::prelude::*;

#[derive(serde::Deserialize)]
pub struct Zones {
    pub total_count: u64,
}

// `Zones` is not declared with #[tencent_action]: no action to send the request to.
#[tencent_request(Zones, schema = false)]
pub struct DescribeZonesRequest {}

fn main() {}
