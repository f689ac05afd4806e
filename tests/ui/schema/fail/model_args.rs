// #[tencent_model] takes `service`, `version`, and optionally `object` and `schema`; a file
// named by `schema` must be an api.json.
use tencent_action::prelude::*;

#[tencent_model(service = "cvm")]
pub struct Placement {
    pub zone: String,
}

#[tencent_model(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct Tag {
    pub key: String,
}

#[tencent_model(service = "cvm", version = "2017-03-12", schema = "Cargo.toml")]
pub struct Instance {
    pub instance_id: String,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub enum Zone {
    A,
}

fn main() {}
