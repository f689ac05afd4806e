// `tencent_action::lenient` reads numbers and bools sent as strings: it is refused on other
// members, and the field's type is still checked.
use tencent_action::prelude::*;

#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Instance {
    #[serde(with = "tencent_action::lenient")]
    pub instance_id: String, // a string member
    #[serde(with = "tencent_action::lenient")]
    pub memory: u8, // int64: too narrow, lenient or not
}

fn main() {}
