// An integer narrower than the member's published width, a float for an int and an integer
// for a float are errors naming the type to write.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: i16, // int64
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Instance {
    #[serde(rename = "CPU")]
    pub cpu: f32, // int64
    pub memory: u8, // int64
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Price {
    pub instance_price: Option<ItemPrice>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct ItemPrice {
    pub unit_price: Option<u64>, // float
}

fn main() {}
