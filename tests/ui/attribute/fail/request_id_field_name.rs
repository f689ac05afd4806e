use tencent_action::prelude::*;

// The hidden field that holds the RequestId is named `request_id` (what a derived `Debug`
// shows): a field of the struct cannot take that name, whatever its wire name.
#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
    #[serde(rename = "TraceId")]
    #[tencent(unchecked)]
    pub request_id: String,
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    #[serde(skip)]
    pub r#request_id: String,
}

fn main() {}
