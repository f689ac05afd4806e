// A #[tencent_model] of an object that responses carry and requests send is declared by the
// response rules; sent in a request, it must have the members the request requires.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "RunInstances")]
pub struct RunInstances {
    pub instance_id_set: Option<Vec<String>>,
}

#[tencent_request(RunInstances, service = "cvm", version = "2017-03-12")]
pub struct RunInstancesRequest {
    pub placement: Option<Placement>,
}

// Enough to read `DescribeInstances`' placements; `RunInstances` requires `Zone`.
#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Placement {
    pub project_id: i64,
}

fn main() {}
