// #[tencent_model] derives `Deserialize` and `Serialize` itself: deriving either again is an
// error at the path to remove.
use tencent_action::prelude::*;

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Placement {
    pub zone: String,
}

fn main() {}
