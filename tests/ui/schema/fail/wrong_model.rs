// A #[tencent_model] type in a field must model the object the schema puts there.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub instance_set: Vec<Placement>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Instance {
    pub placement: Option<Box<Instance>>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Placement {
    pub zone: String,
}

fn main() {}
