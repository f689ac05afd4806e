//! The committed golden output (`tests/fixtures/expected.rs`, kept equal to the generator's
//! output by `tests/golden.rs`) compiles against the runtime and decodes real envelopes.

#[allow(dead_code)]
mod generated {
    include!("fixtures/expected.rs");
}

use generated::*;
use tencent_action::prelude::*;

#[test]
fn nested_models_renames_keywords_and_options_decode() {
    let body = r#"{"Response": {"TotalCount": 1, "Tags": null, "MachineSet": [{
        "MachineId": "m-1", "CPU": 4, "InstanceID": "ins-9", "Ipv6Address": "::1",
        "Type": "S5", "Price": 1.5, "Running": true, "CreatedTime": "2020-01-01T00:00:00Z",
        "ExpiredTime": null, "SystemDisk": {"DiskId": "d-1"},
        "DataDisks": [{"DiskId": "d-2", "DiskSize": 50}], "Ports": [22, 80],
        "Extra": {"anything": [1, 2]}}], "RequestId": "rid-demo"}}"#;
    let out: DescribeMachines = tencent_action::from_str(body).unwrap();
    assert_eq!(out.request_id(), "rid-demo");
    assert_eq!(out.total_count, 1);
    assert_eq!(out.tags, None);
    assert_eq!(out.next_token, None);
    let m = &out.machine_set[0];
    assert_eq!(
        (m.cpu, m.instance_id.as_str(), m.r#type.as_str()),
        (4, "ins-9", "S5")
    );
    assert_eq!(m.gpu2_count, None);
    assert_eq!(m.expired_time, None);
    assert_eq!(m.system_disk.disk_size, None);
    assert_eq!(m.data_disks[0].disk_size, Some(50));
    assert_eq!(m.ports, [22, 80]);
    assert!(m.extra.is_some());
}

#[test]
fn a_required_field_missing_is_a_shape_error_at_its_path() {
    let body = r#"{"Response": {"TotalCount": 1, "Tags": [], "MachineSet": [{"MachineId": "m-1"}],
        "RequestId": "rid-x"}}"#;
    let e = tencent_action::from_str::<DescribeMachines>(body).unwrap_err();
    assert_eq!(e.kind(), tencent_action::ErrorKind::Shape);
    assert_eq!(e.path(), Some("Response.MachineSet[0]"));
    assert!(e.to_string().contains("missing field `CPU`"), "{e}");
    assert_eq!(e.request_id(), Some("rid-x"));
}

#[test]
fn an_empty_response_struct_still_captures_the_request_id() {
    let out: StartMachines =
        tencent_action::from_str(r#"{"Response": {"RequestId": "rid-empty"}}"#).unwrap();
    assert_eq!(out.request_id(), "rid-empty");
    assert_eq!(StartMachines::ACTION, "StartMachines");
}

#[test]
fn an_action_named_like_a_model_gets_the_response_suffix() {
    assert_eq!(DiskResponse::ACTION, "Disk");
    assert_eq!(DiskResponse::SERVICE, "demo");
    assert_eq!(DiskResponse::VERSION, "2020-02-02");
    let out: DiskResponse = tencent_action::from_str(
        r#"{"Response": {"Disk": {"DiskId": "d-1", "DiskSize": 10}, "RequestId": "r"}}"#,
    )
    .unwrap();
    assert_eq!(out.disk.disk_id, "d-1");
}

#[test]
fn recursive_objects_are_boxed() {
    let out: DescribeTree = tencent_action::from_str(
        r#"{"Response": {"Root": {"Name": "a", "Parent": {"Name": "p", "Children": []},
            "Children": [{"Name": "b", "Parent": null, "Children": []}]}, "RequestId": "r"}}"#,
    )
    .unwrap();
    assert_eq!(out.root.parent.as_ref().map(|p| p.name.as_str()), Some("p"));
    assert_eq!(out.root.children[0].name, "b");
}
