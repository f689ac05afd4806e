use tencent_action::prelude::*;
use tencent_action::ActionRequest;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
pub struct DescribeZonesRequest {}

// The shape of `Client::call`: the response type comes from the request.
fn call<R: ActionRequest>(_request: &R) -> Option<R::Response> {
    None
}

fn main() {
    let _out: Option<DescribeInstances> = call(&DescribeZonesRequest {});
}
