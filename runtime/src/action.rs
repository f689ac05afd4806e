//! The [`Action`] trait that `#[tencent_action]` implements on response structs.

use crate::code::ErrorCode;

/// A Tencent Cloud API 3.0 action's response type, with the metadata of its request.
///
/// Implemented by `#[tencent_action(service = "...", version = "...", action = "...")]` only:
/// the trait is sealed (its supertrait is a hidden item of this crate's `__private` module,
/// which is not public API), so its hidden method can change without breaking anyone.
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
/// #[derive(Debug)]
/// pub struct SendSms {
///     pub send_status_set: Vec<serde_json::Value>,
/// }
///
/// assert_eq!(SendSms::SERVICE, "sms");
/// assert_eq!(SendSms::VERSION, "2021-01-11");
/// assert_eq!(SendSms::ACTION, "SendSms");
/// let out: SendSms = tencent_action::from_str(
///     r#"{"Response": {"SendStatusSet": [], "RequestId": "a0b1"}}"#,
/// ).unwrap();
/// assert_eq!(out.request_id(), "a0b1");
/// ```
pub trait Action: crate::__private::Sealed {
    /// The service's short name, the host prefix of its endpoint: `cvm`, `sms`, `cls`.
    const SERVICE: &'static str;
    /// The API version, `YYYY-MM-DD`, sent as `X-TC-Version`.
    const VERSION: &'static str;
    /// The action's name, sent as `X-TC-Action`.
    const ACTION: &'static str;
    /// The type that classifies this action's error codes: [`CommonCode`](crate::CommonCode)
    /// unless the attribute names a product's code list.
    type Code: ErrorCode;

    /// The `RequestId` of the response this value was decoded from (empty when the response had
    /// none, which Tencent's services never do). Quote it to Tencent support.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    ///
    /// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// #[derive(Default)]
    /// pub struct DescribeZones {
    ///     pub total_count: u64,
    /// }
    ///
    /// let out: DescribeZones = tencent_action::from_str(
    ///     r#"{"Response": {"RequestId": "6ef60bec-0242-43af-bb20-270359fb54a7", "TotalCount": 3}}"#,
    /// ).unwrap();
    /// assert_eq!(out.request_id(), "6ef60bec-0242-43af-bb20-270359fb54a7");
    ///
    /// // Values built by hand (in tests, say) have an empty RequestId.
    /// let built = DescribeZones { total_count: 1, ..Default::default() };
    /// assert_eq!(built.request_id(), "");
    /// ```
    fn request_id(&self) -> &str;

    /// Stores the RequestId the envelope captured; called by decoding, not by users.
    #[doc(hidden)]
    fn __set_request_id(&mut self, request_id: crate::__private::RequestId);
}
