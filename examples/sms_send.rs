//! Sends an SMS with SMS 2021-01-11 `SendSms` (POST).
//!
//!     cargo run --example sms_send
//!
//! With `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY` set it calls
//! `https://sms.tencentcloudapi.com` (or `TENCENTCLOUD_ENDPOINT`) in `TENCENTCLOUD_REGION`
//! (default `ap-guangzhou`); without them it talks to a loopback endpoint started in-process.
//! `SMS_SDK_APP_ID`, `SMS_SIGN_NAME`, `SMS_TEMPLATE_ID`, `SMS_PHONE_NUMBER` and
//! `SMS_TEMPLATE_PARAM` override the documented example's values.

use std::process::ExitCode;

use serde::{Deserialize, Serialize};
use tencent_action::prelude::*;
use tencent_action::sign::Request;
use tencent_action_examples::{env_or, CallError, Client};

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
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SendSmsRequest {
    phone_number_set: Vec<String>,
    sms_sdk_app_id: String,
    sign_name: String,
    template_id: String,
    template_param_set: Vec<String>,
}

fn run() -> Result<SendSms, CallError> {
    let client = Client::from_env()?;
    if client.is_loopback() {
        println!("No TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY: using a loopback endpoint.");
    }
    let payload = SendSmsRequest {
        phone_number_set: vec![env_or("SMS_PHONE_NUMBER", "+8618501234444")],
        sms_sdk_app_id: env_or("SMS_SDK_APP_ID", "1400006666"),
        sign_name: env_or("SMS_SIGN_NAME", "腾讯云"),
        template_id: env_or("SMS_TEMPLATE_ID", "1110"),
        template_param_set: vec![env_or("SMS_TEMPLATE_PARAM", "4370")],
    };
    let request = Request::post::<SendSms>(&payload)?;
    client.call::<SendSms>(request)
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
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
