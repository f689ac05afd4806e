//! The error envelope: `SendSms` answering `Response.Error` and a RequestId.

use serde::Deserialize;

/// The floor for an error envelope: plain serde into
/// `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`, nothing else checked.
#[derive(Debug, Deserialize)]
pub struct ErrorPlain {
    /// `Response.Error`.
    #[serde(rename = "Error")]
    pub error: ErrorFields,
    /// `Response.RequestId`.
    #[serde(rename = "RequestId")]
    pub request_id: String,
}

/// `Response.Error`'s two fields.
#[derive(Debug, Deserialize)]
pub struct ErrorFields {
    /// The error code.
    #[serde(rename = "Code")]
    pub code: String,
    /// The error message.
    #[serde(rename = "Message")]
    pub message: String,
}

/// The error payload, about 250 bytes: `FailedOperation.PhoneNumberInBlacklist` from `SendSms`.
///
/// ```
/// let body = tencent_action_benches::fail::payload();
/// let e = tencent_action::from_slice::<tencent_action_benches::sms::SendSms>(&body).unwrap_err();
/// assert_eq!(e.code(), Some("FailedOperation.PhoneNumberInBlacklist"));
/// ```
pub fn payload() -> Vec<u8> {
    let mut rng = crate::rng::Rng::new(0xe770);
    format!(
        r#"{{"Response":{{"Error":{{"Code":"FailedOperation.PhoneNumberInBlacklist","Message":"The phone number is in the blocklist. Remove it from the blocklist in the console or contact support."}},"RequestId":"{}"}}}}"#,
        rng.uuid()
    )
    .into_bytes()
}
