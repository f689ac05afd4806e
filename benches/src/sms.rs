//! Small: SMS `SendSms` (2021-01-11) answering one `SendStatus`.

use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// One message's sending status (`SendStatus`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendStatus {
    /// Serial number of the message.
    pub serial_no: String,
    /// The phone number, E.164.
    pub phone_number: String,
    /// Billable message count.
    pub fee: u64,
    /// The user session content sent with the request.
    pub session_context: String,
    /// `Ok`, or the reason the message was not sent.
    pub code: String,
    /// The status's description.
    pub message: String,
    /// Country or region code.
    pub iso_code: String,
}

crate::response! {
    /// `SendSms`'s response.
    service = "sms", version = "2021-01-11", action = "SendSms";
    library SendSms, floor SendSmsPlain, sdk SendSmsSdk;
    {
        /// One status per phone number.
        send_status_set: Vec<SendStatus>,
    }
}

/// The small payload: one status, about 300 bytes.
///
/// ```
/// let body = tencent_action_benches::sms::payload();
/// assert!(body.len() < 400);
/// assert!(body.starts_with(br#"{"Response":{"SendStatusSet":[{"#));
/// ```
pub fn payload() -> Vec<u8> {
    let mut rng = Rng::new(0x5e5d);
    let response = SendSmsSdk {
        send_status_set: vec![SendStatus {
            serial_no: format!("5000:{}", 10u128.pow(29) + u128::from(rng.next_u64())),
            phone_number: "+8618511122233".to_owned(),
            fee: 1,
            session_context: "order-20240512-0042".to_owned(),
            code: "Ok".to_owned(),
            message: "send success".to_owned(),
            iso_code: "CN".to_owned(),
        }],
        request_id: Some(rng.uuid()),
    };
    crate::envelope_bytes(&response)
}
