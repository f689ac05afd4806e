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

/// The English message (`X-TC-Language: en-US`).
pub const MESSAGE_EN: &str =
    "The phone number is in the blocklist. Remove it from the blocklist in the console or contact support.";

/// The same message in Chinese: what the API answers by default (`zh-CN`), 3 bytes a character.
pub const MESSAGE_ZH: &str =
    "手机号在免打扰名单库中，免打扰名单可在控制台查看，如需移除请联系腾讯云短信小助手。";

/// A message with quotes, written escaped on the wire (`\"`).
pub const MESSAGE_ESCAPED: &str =
    "The value \"+86185111222\" of parameter \"PhoneNumberSet.0\" is in the blocklist: see \"Console > SMS\".";

/// The error payload, about 250 bytes: `FailedOperation.PhoneNumberInBlacklist` from `SendSms`.
///
/// ```
/// let body = tencent_action_benches::fail::payload();
/// let e = tencent_action::from_slice::<tencent_action_benches::sms::SendSms>(&body).unwrap_err();
/// assert_eq!(e.code(), Some("FailedOperation.PhoneNumberInBlacklist"));
/// ```
pub fn payload() -> Vec<u8> {
    payload_with(MESSAGE_EN)
}

/// The error payload with another message, written as serde_json writes strings.
///
/// ```
/// use tencent_action_benches::fail;
/// let body = fail::payload_with(fail::MESSAGE_ESCAPED);
/// assert!(String::from_utf8(body.clone()).unwrap().contains(r#"\"PhoneNumberSet.0\""#));
/// let e = tencent_action::from_slice::<tencent_action_benches::sms::SendSms>(&body).unwrap_err();
/// assert_eq!(e.message(), Some(fail::MESSAGE_ESCAPED));
/// ```
pub fn payload_with(message: &str) -> Vec<u8> {
    let mut rng = crate::rng::Rng::new(0xe770);
    let message = serde_json::to_string(message).expect("a string serializes");
    format!(
        r#"{{"Response":{{"Error":{{"Code":"FailedOperation.PhoneNumberInBlacklist","Message":{message}}},"RequestId":"{}"}}}}"#,
        rng.uuid()
    )
    .into_bytes()
}
