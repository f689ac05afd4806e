//! Decoding a body fetched by hand (`from_slice`, the README's no-client path), as a test.

use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: i64,
    pub instance_set: Vec<Instance>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug)]
pub struct Instance {
    pub instance_id: String,
    #[serde(rename = "CPU")]
    pub cpu: u64,
    pub latest_operation: Option<String>, // the schema allows null here: Option is required
}

#[test]
fn quick_start_success() {
    let body = br#"{"Response": {"TotalCount": 1, "InstanceSet": [{"InstanceId": "ins-1", "CPU": 2}], "RequestId": "rid-1"}}"#;
    let out: DescribeInstances = tencent_action::from_slice(body).unwrap();
    assert_eq!(out.total_count, 1);
    assert_eq!(out.instance_set[0].instance_id, "ins-1");
    assert_eq!(out.instance_set[0].cpu, 2);
    assert_eq!(out.instance_set[0].latest_operation, None);
    assert_eq!(out.request_id(), "rid-1");
    assert_eq!(DescribeInstances::ACTION, "DescribeInstances");
    assert_eq!(DescribeInstances::SERVICE, "cvm");
    assert_eq!(DescribeInstances::VERSION, "2017-03-12");
}

#[test]
fn quick_start_shape_error_path() {
    let body = br#"{"Response": {"TotalCount": 5, "InstanceSet": [{"InstanceId": "a", "CPU": 1},{"InstanceId": "b", "CPU": 1},{"InstanceId": "c", "CPU": 1},{"InstanceId": "d", "CPU": "x"}], "RequestId": "rid-2"}}"#;
    let e = tencent_action::from_slice::<DescribeInstances>(body).unwrap_err();
    assert_eq!(e.path(), Some("Response.InstanceSet[3].CPU"));
    assert_eq!(e.request_id(), Some("rid-2"));
    let shown = e.to_string();
    assert!(shown.contains("DescribeInstances"), "{shown}");
    assert!(shown.contains("Response.InstanceSet[3].CPU"), "{shown}");
    assert!(
        shown.contains("invalid type: string \"x\", expected u64"),
        "{shown}"
    );
    assert!(shown.contains("rid-2"), "{shown}");
    println!("{shown}");
}
