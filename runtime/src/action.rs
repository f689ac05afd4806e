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

    /// Whether serde's derived visitor of this struct reads the hidden RequestId field (and
    /// refuses an `Error` member), so that decoding may take the direct pass; `false` for a
    /// struct whose serde container attributes change how its map is read. Not public API.
    #[doc(hidden)]
    const __DIRECT: bool = true;

    /// Stores the RequestId the envelope captured; called by decoding, not by users.
    #[doc(hidden)]
    fn __set_request_id(&mut self, request_id: crate::__private::RequestId);
}

/// A request struct tied to its action: `#[tencent_request(Response)]` implements it, naming
/// the [`Action`] response type that fixes the action, service, version and error codes.
///
/// A client's `call(&request)` returns `Self::Response`, so a request cannot be sent as
/// another action, and a value that is not a request (`&vec![1, 2, 3]`) is not accepted.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::ActionRequest;
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// pub struct DescribeZones {
///     pub total_count: u64,
/// }
///
/// #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
/// pub struct DescribeZonesRequest {}
///
/// fn action_of<R: ActionRequest>(_: &R) -> &'static str {
///     R::Response::ACTION
/// }
/// assert_eq!(action_of(&DescribeZonesRequest {}), "DescribeZones");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request of a Tencent Cloud action",
    label = "not a request struct",
    note = "declare the request with `#[tencent_request(Response)]`, naming the action's response type"
)]
pub trait ActionRequest: serde::Serialize {
    /// The response type of the action this request is sent to.
    type Response: Action + serde::de::DeserializeOwned;

    /// Whether the action's input has a `ClientToken` member, which the service uses to
    /// recognise a request sent twice. When it does and the request leaves it empty (absent,
    /// `null` or `""`), a client fills in a fresh unique token once per call and sends the same
    /// token with every attempt of that call, so that retrying the write after a timeout or a
    /// server error cannot apply it twice (as the official Go SDK does). `#[tencent_request]`
    /// sets it from the action's published input.
    const CLIENT_TOKEN: bool = false;

    /// The action's published input, compacted (JSON), when `#[tencent_request]` checked the
    /// request against a schema: what the test endpoint validates parameters against
    /// (`TestServer::check_requests`). Not public API.
    #[doc(hidden)]
    const __INPUT_SCHEMA: Option<&'static str> = None;

    /// Whether sending the request twice has the effect of sending it once, so that a client
    /// may retry it after a timeout or a server error. By default, true for read-only actions
    /// by name (`Describe*`, `Get*`, `List*`, `Query*`, `Inquiry*`) and for actions with a
    /// [`CLIENT_TOKEN`](ActionRequest::CLIENT_TOKEN).
    const IDEMPOTENT: bool =
        is_read_only_action(<Self::Response as Action>::ACTION) || Self::CLIENT_TOKEN;
}

/// The error-code type of a request's action: the [`Action::Code`] of its
/// [`Response`](ActionRequest::Response). A generic helper names its error type with it.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::{CodeOf, CommonCode, Error};
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// #[derive(Debug)]
/// pub struct DescribeZones {
///     pub total_count: u64,
/// }
///
/// #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
/// pub struct DescribeZonesRequest {}
///
/// // Instead of `Error<<<R as ActionRequest>::Response as Action>::Code>`:
/// fn decode<R: ActionRequest>(_: &R, body: &str) -> Result<R::Response, Error<CodeOf<R>>> {
///     tencent_action::from_str(body)
/// }
/// let body = r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r"}}"#;
/// let e = decode(&DescribeZonesRequest {}, body).unwrap_err();
/// assert_eq!(e.typed_code(), Some(&CommonCode::InternalError));
/// ```
pub type CodeOf<R> = <<R as ActionRequest>::Response as Action>::Code;

/// Read-only actions by their name: safe to send twice.
const fn is_read_only_action(action: &str) -> bool {
    const PREFIXES: [&[u8]; 5] = [b"Describe", b"Get", b"List", b"Query", b"Inquiry"];
    let name = action.as_bytes();
    let mut p = 0;
    while p < PREFIXES.len() {
        let prefix = PREFIXES[p];
        if name.len() > prefix.len() {
            let mut i = 0;
            while i < prefix.len() && name[i] == prefix[i] {
                i += 1;
            }
            if i == prefix.len() {
                return true;
            }
        }
        p += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_read_only_action;

    #[test]
    fn read_only_names() {
        assert!(is_read_only_action("DescribeZones"));
        assert!(is_read_only_action("GetTopic"));
        assert!(!is_read_only_action("Describe"));
        assert!(!is_read_only_action("SendSms"));
        assert!(!is_read_only_action("RunInstances"));
    }
}
