//! The four decoders every payload is measured with.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tencent_action::Action;

/// `{"Response": T}`: the floor's envelope, and the shape of the SDKs' last pass.
#[derive(Debug, Deserialize, Serialize)]
pub struct Envelope<T> {
    /// The `Response` object.
    #[serde(rename = "Response")]
    pub response: T,
}

/// (a) The floor: plain serde on a hand-written `{"Response": T}` envelope, `T` holding the
/// fields and the RequestId, which handles no errors at all (an error envelope fails to decode
/// unless `T` is the error's shape).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Count { #[serde(rename = "TotalCount")] total_count: u64 }
/// let out: Count = tencent_action_benches::decode::floor(br#"{"Response": {"TotalCount": 2}}"#).unwrap();
/// assert_eq!(out.total_count, 2);
/// ```
///
/// # Errors
///
/// Whatever `serde_json` says when the body is not `{"Response": T}`.
pub fn floor<'de, T: Deserialize<'de>>(body: &'de [u8]) -> serde_json::Result<T> {
    serde_json::from_slice::<Envelope<T>>(body).map(|e| e.response)
}

/// (b) This library: `tencent_action::from_slice` on a `#[tencent_action]` struct.
///
/// ```
/// use tencent_action::Action;
/// let body = tencent_action_benches::sms::payload();
/// let out: tencent_action_benches::sms::SendSms = tencent_action_benches::decode::library(&body).unwrap();
/// assert!(!out.request_id().is_empty());
/// ```
///
/// # Errors
///
/// As [`tencent_action::from_slice`].
pub fn library<'de, T: Action + Deserialize<'de>>(
    body: &'de [u8],
) -> Result<T, tencent_action::Error<T::Code>> {
    tencent_action::from_slice(body)
}

/// An API error as the official SDKs report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkError {
    /// `Response.Error.Code` (or a legacy body's `codeDesc`).
    pub code: String,
    /// `Response.Error.Message` (or a legacy body's `message`).
    pub message: String,
    /// `Response.RequestId`, when there is one.
    pub request_id: Option<String>,
}

/// Why an SDK-style decode failed.
#[derive(Debug)]
pub enum SdkFailure {
    /// The response is an API error.
    Api(SdkError),
    /// The body is not the JSON the SDK expected.
    Json(serde_json::Error),
}

impl From<serde_json::Error> for SdkFailure {
    fn from(e: serde_json::Error) -> Self {
        SdkFailure::Json(e)
    }
}

/// The Go SDK's `ErrorResponse`: `Response.Error.{Code,Message}` and `Response.RequestId`.
#[derive(Deserialize, Default)]
struct GoErrorResponse {
    #[serde(rename = "Response", default)]
    response: GoErrorResponseParams,
}

#[derive(Deserialize, Default)]
struct GoErrorResponseParams {
    #[serde(rename = "Error", default)]
    error: GoErrorParams,
    #[serde(rename = "RequestId", default)]
    request_id: String,
}

#[derive(Deserialize, Default)]
struct GoErrorParams {
    #[serde(rename = "Code", default)]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// The Go SDK's `DeprecatedAPIErrorResponse`: the legacy API 2.0 error shape.
#[derive(Deserialize, Default)]
struct GoDeprecatedApiErrorResponse {
    #[serde(default)]
    code: i64,
    #[serde(default)]
    message: String,
    #[serde(rename = "codeDesc", default)]
    code_desc: String,
}

/// (c) The Go SDK's way (`ParseFromHttpResponse`): unmarshal the whole body into the 3.0
/// error shape and stop if `Code` is set; unmarshal it again into the legacy 2.0 shape and
/// stop if `code` is non-zero; then unmarshal it a third time into the response type. `T` is
/// the SDK-style struct with its own `RequestId`.
///
/// ```
/// let body = tencent_action_benches::sms::payload();
/// let out: tencent_action_benches::sms::SendSmsSdk = tencent_action_benches::decode::go_sdk(&body).unwrap();
/// assert!(out.request_id.is_some());
/// ```
///
/// # Errors
///
/// [`SdkFailure::Api`] for an error envelope, [`SdkFailure::Json`] for a body that is not JSON
/// of the expected shape.
pub fn go_sdk<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, SdkFailure> {
    let probe: GoErrorResponse = serde_json::from_slice(body)?;
    if !probe.response.error.code.is_empty() {
        return Err(SdkFailure::Api(SdkError {
            code: probe.response.error.code,
            message: probe.response.error.message,
            request_id: Some(probe.response.request_id),
        }));
    }
    let legacy: GoDeprecatedApiErrorResponse = serde_json::from_slice(body)?;
    if legacy.code != 0 {
        return Err(SdkFailure::Api(SdkError {
            code: legacy.code_desc,
            message: legacy.message,
            request_id: None,
        }));
    }
    Ok(serde_json::from_slice::<Envelope<T>>(body)?.response)
}

/// (d) The Python SDK's way (`json.loads`, `if "Error" in response["Response"]`, then
/// `model._deserialize(response["Response"])`): a `serde_json::Value` tree, a look for `Error`,
/// then `serde_json::from_value` of the `Response` subtree into `T`.
///
/// ```
/// let body = tencent_action_benches::sms::payload();
/// let out: tencent_action_benches::sms::SendSmsSdk = tencent_action_benches::decode::python_sdk(&body).unwrap();
/// assert!(out.request_id.is_some());
/// ```
///
/// # Errors
///
/// As [`go_sdk`].
pub fn python_sdk<T: DeserializeOwned>(body: &[u8]) -> Result<T, SdkFailure> {
    let mut tree: serde_json::Value = serde_json::from_slice(body)?;
    let response = tree
        .get_mut("Response")
        .map(serde_json::Value::take)
        .unwrap_or_default();
    if let Some(error) = response.get("Error") {
        let text = |v: Option<&serde_json::Value>| {
            v.and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        return Err(SdkFailure::Api(SdkError {
            code: text(error.get("Code")),
            message: text(error.get("Message")),
            request_id: response
                .get("RequestId")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned),
        }));
    }
    Ok(serde_json::from_value(response)?)
}
