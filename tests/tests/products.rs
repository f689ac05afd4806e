//! Real shapes: responses of the five products in scope, written by hand from the documented
//! shapes (tests/fixtures), decoded in several key orders, plus each product's error envelope.

use serde::Deserialize;
use tencent_action::prelude::*;
use tencent_action::{Category, CommonCode, ErrorKind};
use tencent_action_tests::{fixture, key_orders};

// ---- CVM 2017-03-12 DescribeInstances ----

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug, PartialEq)]
pub struct DescribeInstances {
    pub total_count: i64,
    pub instance_set: Option<Vec<Instance>>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug, PartialEq)]
pub struct Instance {
    pub instance_id: String,
    pub instance_type: String,
    pub instance_state: String,
    pub placement: Placement,
    #[serde(rename = "CPU")]
    pub cpu: i64,
    pub memory: i64,
    pub instance_name: String,
    pub system_disk: Disk,
    pub data_disks: Option<Vec<Disk>>,
    pub private_ip_addresses: Option<Vec<String>>,
    pub public_ip_addresses: Option<Vec<String>>,
    #[serde(rename = "IPv6Addresses")]
    pub ipv6_addresses: Option<Vec<String>>,
    pub login_settings: LoginSettings,
    pub tags: Vec<Tag>,
    pub created_time: String,
    pub expired_time: Option<String>,
    #[serde(rename = "GPUInfo")]
    pub gpu_info: Option<GpuInfo>,
    pub default_login_port: Option<i64>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug, PartialEq)]
pub struct Placement {
    pub zone: String,
    pub project_id: i64,
    pub host_id: Option<String>,
}

// Both `SystemDisk` and each of `DataDisks`: two schema objects, so a plain serde type (with
// `Serialize` too, since the `#[tencent_model]` holding it derives both).
#[derive(Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Disk {
    pub disk_id: String,
    pub disk_type: String,
    pub disk_size: i64,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug, PartialEq)]
pub struct LoginSettings {
    pub key_ids: Option<Vec<String>>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug, PartialEq)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[tencent_model(service = "cvm", version = "2017-03-12", object = "GPUInfo")]
#[derive(Debug, PartialEq)]
pub struct GpuInfo {
    #[serde(rename = "GPUCount")]
    pub gpu_count: f64,
    #[serde(rename = "GPUType")]
    pub gpu_type: String,
}

#[test]
fn cvm_describe_instances_decodes_in_every_key_order() {
    let body = fixture("cvm_describe_instances.json");
    let reference: DescribeInstances = tencent_action::from_str(&body).unwrap();
    let set = reference.instance_set.as_ref().unwrap();
    assert_eq!(reference.total_count, 2);
    assert_eq!(set[0].cpu, 1);
    assert_eq!(set[0].placement.zone, "ap-guangzhou-3");
    assert_eq!(set[0].ipv6_addresses, None);
    assert_eq!(set[1].instance_name, "批处理-2");
    assert_eq!(set[1].gpu_info.as_ref().unwrap().gpu_type, "NVIDIA T4");
    assert_eq!(
        reference.request_id(),
        "6ef60bec-0242-43af-bb20-270359fb54a7"
    );
    for order in key_orders(&body, 8) {
        let out: DescribeInstances = tencent_action::from_slice(order.as_bytes()).unwrap();
        assert_eq!(out, reference, "{order}");
        assert_eq!(out.request_id(), reference.request_id());
    }
}

#[test]
fn cvm_error_with_product_code_keeps_code_and_category() {
    let body = r#"{"Response": {"Error": {"Code": "InvalidInstanceId.NotFound", "Message": "The instance `ins-xxxxxxxx` is not found."}, "RequestId": "3c140219-cfe9-470e-b241-907877d6fb03"}}"#;
    for order in key_orders(body, 4) {
        let e = tencent_action::from_str::<DescribeInstances>(&order).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Api);
        assert_eq!(e.code(), Some("InvalidInstanceId.NotFound"));
        assert_eq!(e.category(), None);
        assert_eq!(
            e.typed_code(),
            Some(&CommonCode::Other("InvalidInstanceId.NotFound".into()))
        );
        assert_eq!(e.request_id(), Some("3c140219-cfe9-470e-b241-907877d6fb03"));
    }
}

// ---- SMS 2021-01-11 SendSms ----

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug, PartialEq)]
pub struct SendSms {
    pub send_status_set: Vec<SendStatus>,
}

#[tencent_model(service = "sms", version = "2021-01-11")]
#[derive(Debug, PartialEq)]
pub struct SendStatus {
    pub serial_no: String,
    pub phone_number: String,
    pub fee: u64,
    pub session_context: String,
    pub code: String,
    pub message: String,
    pub iso_code: String,
}

#[test]
fn sms_send_sms_decodes_in_every_key_order() {
    let body = fixture("sms_send_sms.json");
    let reference: SendSms = tencent_action::from_str(&body).unwrap();
    assert_eq!(reference.send_status_set.len(), 2);
    assert_eq!(reference.send_status_set[0].code, "Ok");
    // A per-number failure is data, not an API error: the call itself succeeded.
    assert_eq!(
        reference.send_status_set[1].code,
        "LimitExceeded.PhoneNumberDailyLimit"
    );
    for order in key_orders(&body, 8) {
        let out: SendSms = tencent_action::from_str(&order).unwrap();
        assert_eq!(out, reference);
        assert_eq!(out.request_id(), "a0aabda6-cf91-4f3e-a81f-9198114a2279");
    }
}

#[test]
fn sms_error_envelope_classifies_category() {
    let body = r#"{"Response": {"RequestId": "0e1f4a2c-9a3b-4c5d-8e7f-1a2b3c4d5e6f", "Error": {"Code": "FailedOperation.PhoneNumberInBlacklist", "Message": "The phone number is in the blocklist."}}}"#;
    let e = tencent_action::from_str::<SendSms>(body).unwrap_err();
    assert_eq!(e.code(), Some("FailedOperation.PhoneNumberInBlacklist"));
    assert_eq!(e.category(), Some(Category::FailedOperation));
    assert_eq!(e.request_id(), Some("0e1f4a2c-9a3b-4c5d-8e7f-1a2b3c4d5e6f"));
    assert_eq!(e.action(), "SendSms");
}

// ---- CLS 2020-10-16 SearchLog (borrowed strings) ----

#[tencent_action(service = "cls", version = "2020-10-16", action = "SearchLog")]
#[derive(Debug, PartialEq)]
pub struct SearchLog<'a> {
    #[serde(borrow)]
    pub context: std::borrow::Cow<'a, str>,
    pub list_over: bool,
    pub analysis: bool,
    pub col_names: Option<Vec<String>>,
    #[serde(borrow)]
    pub results: Option<Vec<LogInfo<'a>>>,
    pub sampling_rate: Option<f64>,
}

#[tencent_model(service = "cls", version = "2020-10-16")]
#[derive(Debug, PartialEq)]
pub struct LogInfo<'a> {
    pub time: i64,
    pub topic_id: &'a str,
    pub topic_name: &'a str,
    pub source: &'a str,
    pub file_name: &'a str,
    pub pkg_id: &'a str,
    pub pkg_log_id: &'a str,
    pub high_lights: Option<Vec<HighLight>>,
    /// Escaped in JSON, so it cannot borrow: `Cow` borrows when it can and owns when it must.
    #[serde(borrow)]
    pub log_json: std::borrow::Cow<'a, str>,
    pub host_name: Option<&'a str>,
    pub raw_log: Option<&'a str>,
}

#[tencent_model(service = "cls", version = "2020-10-16", object = "HighLightItem")]
#[derive(Debug, PartialEq)]
pub struct HighLight {
    pub key: String,
    pub values: Vec<String>,
}

#[test]
fn cls_search_log_borrows_from_the_body() {
    let body = fixture("cls_search_log.json");
    let out: SearchLog<'_> = tencent_action::from_slice(body.as_bytes()).unwrap();
    let results = out.results.as_ref().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].topic_name, "nginx-access");
    assert!(results[0].log_json.contains(r"upstream timed out\n"));
    assert!(matches!(results[1].log_json, std::borrow::Cow::Owned(_)));
    // Borrowed straight from the input buffer: the pointer lies inside `body`.
    let range = body.as_bytes().as_ptr_range();
    assert!(range.contains(&results[0].topic_id.as_ptr()));
    assert_eq!(out.request_id(), "d1b2a7f6-5c3e-4e5a-8b9c-0a1b2c3d4e5f");
    for order in key_orders(&body, 4) {
        let again: SearchLog<'_> = tencent_action::from_str(&order).unwrap();
        assert_eq!(again, out);
    }
}

// ---- TDSQL MySQL (DCDB) 2018-04-11 DescribeDCDBInstances ----

#[tencent_action(
    service = "dcdb",
    version = "2018-04-11",
    action = "DescribeDCDBInstances"
)]
#[derive(Debug, PartialEq)]
pub struct DescribeDcdbInstances {
    pub total_count: i64,
    pub instances: Vec<DcdbInstance>,
}

#[tencent_model(service = "dcdb", version = "2018-04-11", object = "DCDBInstanceInfo")]
#[derive(Debug, PartialEq)]
pub struct DcdbInstance {
    pub instance_id: String,
    pub instance_name: String,
    pub app_id: i64,
    pub status: i64,
    pub vip: String,
    pub vport: i64,
    pub shard_count: i64,
    pub shard_detail: Vec<ShardInfo>,
    pub db_engine: String,
    pub db_version: String,
    pub resource_tags: Option<Vec<ResourceTag>>,
    pub isolated_timestamp: String,
}

#[tencent_model(service = "dcdb", version = "2018-04-11")]
#[derive(Debug, PartialEq)]
pub struct ShardInfo {
    pub shard_instance_id: String,
    /// The service spells it `Createtime`.
    #[serde(rename = "Createtime")]
    pub create_time: String,
    pub node_count: i64,
}

#[tencent_model(service = "dcdb", version = "2018-04-11")]
#[derive(Debug, PartialEq)]
pub struct ResourceTag {
    pub tag_key: String,
    pub tag_value: String,
}

#[test]
fn dcdb_describe_instances_decodes_in_every_key_order() {
    let body = fixture("dcdb_describe_dcdb_instances.json");
    let reference: DescribeDcdbInstances = tencent_action::from_str(&body).unwrap();
    assert_eq!(reference.instances[0].shard_detail.len(), 2);
    assert_eq!(
        reference.instances[0].shard_detail[1].create_time,
        "2023-06-01 10:00:00"
    );
    for order in key_orders(&body, 6) {
        let out: DescribeDcdbInstances = tencent_action::from_str(&order).unwrap();
        assert_eq!(out, reference);
        assert_eq!(out.request_id(), "08a9b6d3-2c1b-4b7e-9a4f-6c3d2e1f0a9b");
    }
}

#[test]
fn dcdb_shape_error_names_the_nested_path() {
    let body = fixture("dcdb_describe_dcdb_instances.json").replace(
        "\"NodeCount\": 2, \"Pid\": 10, \"Cpu\": 2}\n",
        "\"NodeCount\": \"two\", \"Pid\": 10, \"Cpu\": 2}\n",
    );
    let e = tencent_action::from_str::<DescribeDcdbInstances>(&body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Shape);
    assert_eq!(
        e.path(),
        Some("Response.Instances[0].ShardDetail[1].NodeCount")
    );
    assert_eq!(e.request_id(), Some("08a9b6d3-2c1b-4b7e-9a4f-6c3d2e1f0a9b"));
}

// ---- Cloud Security Center (CSIP) 2022-11-21 DescribeCVMAssets ----

#[tencent_action(service = "csip", version = "2022-11-21", action = "DescribeCVMAssets")]
#[derive(Debug, PartialEq)]
pub struct DescribeCvmAssets {
    pub total: Option<i64>,
    pub data: Option<Vec<CvmAsset>>,
    pub region_list: Option<Vec<FilterDataObject>>,
    pub system_type_list: Option<Vec<FilterDataObject>>,
    pub zone_list: Option<Vec<FilterDataObject>>,
}

#[tencent_model(service = "csip", version = "2022-11-21", object = "CVMAssetVO")]
#[derive(Debug, PartialEq)]
pub struct CvmAsset {
    pub asset_id: String,
    pub asset_name: String,
    #[serde(rename = "CWPStatus")]
    pub cwp_status: i64,
    #[serde(rename = "CPUSize")]
    pub cpu_size: i64,
    #[serde(rename = "BASAgentStatus")]
    pub bas_agent_status: i64,
    // Not promised by the schema (`output_required: false`).
    pub cpu_trend: Option<Vec<Element>>,
    pub agent_cpu_per: Option<f64>,
    pub security_group_ids: Option<Vec<String>>,
}

#[tencent_model(service = "csip", version = "2022-11-21")]
#[derive(Debug, PartialEq)]
pub struct Element {
    pub key: String,
    pub value: String,
}

#[tencent_model(service = "csip", version = "2022-11-21")]
#[derive(Debug, PartialEq)]
pub struct FilterDataObject {
    pub value: Option<String>,
    pub text: Option<String>,
}

#[test]
fn csip_describe_cvm_assets_decodes_in_every_key_order() {
    let body = fixture("csip_describe_cvm_assets.json");
    let reference: DescribeCvmAssets = tencent_action::from_str(&body).unwrap();
    let asset = &reference.data.as_ref().unwrap()[0];
    assert_eq!(asset.cwp_status, 1);
    assert_eq!(asset.cpu_trend.as_ref().unwrap()[0].value, "12.5");
    assert_eq!(reference.system_type_list, None);
    assert_eq!(reference.total, Some(1));
    for order in key_orders(&body, 6) {
        let out: DescribeCvmAssets = tencent_action::from_str(&order).unwrap();
        assert_eq!(out, reference);
        assert_eq!(out.request_id(), "f0a9b8c7-d6e5-4f3a-2b1c-0d9e8f7a6b5c");
    }
}

#[test]
fn csip_unauthorized_operation_is_an_api_error() {
    let body = r#"{"Response": {"Error": {"Code": "AuthFailure.UnauthorizedOperation", "Message": "you are not authorized to perform operation (csip:DescribeCVMAssets)"}, "RequestId": "11aa22bb-33cc-44dd-55ee-66ff77889900"}}"#;
    let e = tencent_action::from_str::<DescribeCvmAssets>(body).unwrap_err();
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureUnauthorizedOperation)
    );
    assert_eq!(e.category(), Some(Category::AuthFailure));
}
