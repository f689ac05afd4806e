// The action and the model's object must exist in the product's schema (the bundled one).
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstance")]
pub struct DescribeInstance {
    pub total_count: i64,
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "LaunchRocket")]
pub struct LaunchRocket {
    pub total_count: i64,
}

#[tencent_model(service = "cvm", version = "2017-03-12", object = "Placment")]
pub struct Where {
    pub zone: String,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Instances {
    pub instance_id: String,
}

fn main() {}
