// The attribute honours serde attributes, a user's rename_all, generics, and shadowed names.
// The responses are of a made-up product with no schema: the parameters here are not real ones
// (request/fail/schema_*.rs has the schema check's cases).
#![allow(dead_code)]

use tencent_action::prelude::*;
use tencent_action::ActionRequest;

#[tencent_action(service = "demo", version = "2017-03-12", action = "DescribeZones", schema = false)]
pub struct DescribeZones {
    pub total_count: u64,
}

mod shadowing {
    // Names the expansion must not depend on.
    pub struct Serialize;
    pub type Result = ();
    pub mod serde {}

    #[tencent_action::tencent_request(super::DescribeZones, schema = false)]
    pub struct Plain {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub zone: Option<String>,
        #[serde(rename = "CPU")]
        pub cpu: u64,
    }
}

#[tencent_request(DescribeZones, schema = false)]
#[serde(rename_all = "camelCase")]
pub struct OwnCase {
    pub zone_name: String,
}

#[tencent_request(DescribeZones, schema = false)]
pub struct Generic<T: serde::Serialize> {
    pub filters: Vec<T>,
}

#[tencent_request(DescribeZones, schema = false)]
pub struct Empty {}

#[tencent_action(service = "demo", version = "2017-03-12", action = "RunInstances", schema = false)]
pub struct RunInstances {
    pub instance_id_set: Vec<String>,
}

#[tencent_request(RunInstances, schema = false)]
pub struct RunInstancesRequest {}

#[tencent_request(RunInstances, schema = false, idempotent = true)]
pub struct RunInstancesWithClientToken {
    pub client_token: String,
}

#[tencent_request(DescribeZones, schema = false, idempotent = false)]
pub struct NotIdempotent {}

fn action<R: ActionRequest>(_: &R) -> &'static str {
    R::Response::ACTION
}

fn main() {
    let plain = shadowing::Plain { zone: None, cpu: 2 };
    assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"CPU":2}"#);
    let own = OwnCase { zone_name: "z".into() };
    assert_eq!(serde_json::to_string(&own).unwrap(), r#"{"zoneName":"z"}"#);
    let generic = Generic { filters: vec![1, 2] };
    assert_eq!(serde_json::to_string(&generic).unwrap(), r#"{"Filters":[1,2]}"#);
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    assert_eq!(action(&Empty {}), "DescribeZones");
    // Idempotence: by the action's name, unless the attribute says.
    assert!(<Empty as ActionRequest>::IDEMPOTENT);
    assert!(!<RunInstancesRequest as ActionRequest>::IDEMPOTENT);
    assert!(<RunInstancesWithClientToken as ActionRequest>::IDEMPOTENT);
    assert!(!<NotIdempotent as ActionRequest>::IDEMPOTENT);
}
