// With the bundled specs (no configuration), request fields are
// checked against the action's published input object; every mistake is reported in one build.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: i64,
}

#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    // A near miss of `Limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limt: Option<i64>,
    // `Offset` is an int.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    // `InstanceIds` is optional: sent even when empty.
    pub instance_ids: Vec<String>,
    // Nothing like it.
    pub region_name: String,
}

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

// `PhoneNumberSet` is required (like `SmsSdkAppId` and `TemplateId`, which are here).
#[tencent_request(SendSms, service = "sms", version = "2021-01-11")]
pub struct SendSmsRequest {
    pub sms_sdk_app_id: String,
    pub template_id: String,
}

fn main() {}
