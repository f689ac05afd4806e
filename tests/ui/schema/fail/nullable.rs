// A member the schema allows to be null, or does not promise, needs `Option<...>`; the error
// says exactly what to write. `#[serde(default)]` covers a missing member, not a null one.
use tencent_action::prelude::*;

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Instance {
    pub latest_operation: String,
    #[serde(default)]
    pub public_ip_addresses: Vec<String>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct SystemDisk {
    pub disk_id: String,
    #[serde(default)]
    pub disk_name: String,
}

fn main() {}
