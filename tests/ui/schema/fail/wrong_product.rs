// Models are per product: a CVM `Placement` inside a CBS `Disk` is an error although the
// object names agree.
use tencent_action::prelude::*;

#[tencent_model(service = "cbs", version = "2017-03-12")]
pub struct Disk {
    pub disk_id: String,
    pub placement: Placement,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Placement {
    pub zone: String,
}

fn main() {}
