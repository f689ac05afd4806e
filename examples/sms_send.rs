//! Sends an SMS with SMS 2021-01-11 `SendSms`.
//!
//!     cargo run --example sms_send
//!
//! With credentials configured (`TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`, a profile
//! file, a CVM role) it calls `https://sms.tencentcloudapi.com` (or `TENCENTCLOUD_ENDPOINT`)
//! in `TENCENTCLOUD_REGION` (default `ap-guangzhou`); without them, a test endpoint started
//! in-process. `SMS_SDK_APP_ID`, `SMS_SIGN_NAME`, `SMS_TEMPLATE_ID`, `SMS_PHONE_NUMBER` and
//! `SMS_TEMPLATE_PARAM` override the documented example's values.

use std::process::ExitCode;

use serde::Deserialize;
use tencent_action::client::Client;
use tencent_action::prelude::*;
use tencent_action_examples::{configure, env_or};

/// The response: only the fields this program uses.
#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<SendStatus>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendStatus {
    pub serial_no: String,
    pub phone_number: String,
    pub fee: u64,
    pub code: String,
    pub message: String,
    pub iso_code: String,
}

/// The request's parameters.
#[tencent_request(SendSms, service = "sms", version = "2021-01-11")]
pub struct SendSmsRequest {
    pub phone_number_set: Vec<String>,
    pub sms_sdk_app_id: String,
    /// Optional in the schema: left out when empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sign_name: String,
    pub template_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub template_param_set: Vec<String>,
}

fn run() -> Result<SendSms, Box<dyn std::error::Error>> {
    let (builder, _test_endpoint) = configure(Client::builder())?;
    let client = builder.build()?;
    let request = SendSmsRequest {
        phone_number_set: vec![env_or("SMS_PHONE_NUMBER", "+8618501234444")],
        sms_sdk_app_id: env_or("SMS_SDK_APP_ID", "1400006666"),
        sign_name: env_or("SMS_SIGN_NAME", "腾讯云"),
        template_id: env_or("SMS_TEMPLATE_ID", "1110"),
        template_param_set: vec![env_or("SMS_TEMPLATE_PARAM", "4370")],
    };
    Ok(client.call(&request)?)
}

fn main() -> ExitCode {
    match run() {
        Ok(out) => {
            for status in &out.send_status_set {
                println!(
                    "{} [{}]: {} ({}), serial {}, fee {}",
                    status.phone_number,
                    status.iso_code,
                    status.code,
                    status.message,
                    status.serial_no,
                    status.fee
                );
            }
            println!("RequestId: {}", out.request_id());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
