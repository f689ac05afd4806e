// The field option is `#[tencent(unchecked)]`; anything else is an error.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    #[tencent(uncheked)]
    pub undocumented: Option<String>,
}

fn main() {}
