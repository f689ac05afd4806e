// `Action` is sealed: only `#[tencent_action]` implements it.
use tencent_action::{Action, CommonCode};

pub struct DescribeZones {
    pub total_count: u64,
}

impl Action for DescribeZones {
    const SERVICE: &'static str = "cvm";
    const VERSION: &'static str = "2017-03-12";
    const ACTION: &'static str = "DescribeZones";
    type Code = CommonCode;

    fn request_id(&self) -> &str {
        ""
    }

    fn __set_request_id(&mut self, _: tencent_action::__private::RequestId) {}
}

fn main() {}
