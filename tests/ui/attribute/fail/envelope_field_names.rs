use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
    pub request_id: String,
    #[serde(rename = "Error")]
    pub failure: Option<String>,
    #[serde(alias = "RequestId")]
    pub trace: Option<String>,
}

fn main() {}
