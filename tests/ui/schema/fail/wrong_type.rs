// A type that contradicts the schema's is an error at the type, naming the schema's type.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: String,
    pub instance_set: u64,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Instance {
    pub instance_id: i64,
    #[serde(rename = "CPU")]
    pub cpu: f64,
    pub private_ip_addresses: Vec<u32>,
    pub placement: bool,
    pub data_disks: Vec<String>,
    pub security_group_ids: std::collections::BTreeSet<Box<str>>,
}

fn main() {}
