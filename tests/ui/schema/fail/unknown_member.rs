// Every field's wire name must be a member of the output object: near misses get a
// suggestion (case-insensitive), far ones the list of members. All reported in one build.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: i64,
    pub instance_st: Vec<serde_json::Value>,
    #[serde(rename = "totalcount")]
    pub again: i64,
    pub region: Option<String>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Placement {
    pub zone: String,
    #[serde(rename = "ProjectID")]
    pub project_id: i64,
}

fn main() {}
