// A configured specs directory that does not exist is an error (this case is built with
// TENCENT_ACTION_SPECS=ui/settings/specs, which does not exist
// relative to the case's crate, by tests/tests/ui_schema_settings.rs).
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

fn main() {}
