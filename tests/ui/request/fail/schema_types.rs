// Request fields at parity with responses: a required parameter in an `Option`, an integer too
// wide for the parameter, a nested model checked against the input object, and a misspelt
// `#[tencent(...)]` option.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: i64,
}

#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    pub limit: Option<i128>,
    pub filters: Option<Vec<Filter>>,
    #[tencent(uncheked)]
    pub offset: Option<i64>,
}

// `Values`, not `Value`; `Name` is required.
#[tencent_model(service = "cvm", version = "2017-03-12")]
pub struct Filter {
    pub name: Option<String>,
    pub value: Vec<String>,
}

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

#[tencent_request(SendSms, service = "sms", version = "2021-01-11")]
pub struct SendSmsRequest {
    pub phone_number_set: Vec<String>,
    pub sms_sdk_app_id: Option<String>, // required
    pub template_id: String,
}

fn main() {}
