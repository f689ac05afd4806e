//! The questions retry loops and alerting ask of an [`Error`]: throttled? authentication?
//! server-side? the caller's fault? safe to send again? The groups are tabled in [`Error`]'s
//! documentation, for users; this file is their one definition.

use super::Error;
use crate::code::is_rate_limit_code;

/// The part of a code before its first dot.
fn head(code: &str) -> &str {
    code.split_once('.').map_or(code, |(head, _)| head)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Group {
    Throttled,
    Server,
    Client,
    /// `DryRunOperation`, or an error that is not an API error and has no HTTP status.
    Neither,
}

fn group_of_code(code: &str) -> Group {
    match head(code) {
        "RequestLimitExceeded" => Group::Throttled,
        "InternalError" | "ResourceUnavailable" | "InternalServerError" => Group::Server,
        "DryRunOperation" => Group::Neither,
        _ if is_rate_limit_code(code) => Group::Throttled,
        _ => Group::Client,
    }
}

fn group_of_status(status: Option<u16>) -> Group {
    match status {
        Some(429) => Group::Throttled,
        Some(500..=599) => Group::Server,
        Some(400..=499) => Group::Client,
        _ => Group::Neither,
    }
}

impl<C> Error<C> {
    fn group(&self) -> Group {
        match self.code() {
            Some(code) => group_of_code(code),
            None => group_of_status(self.http_status()),
        }
    }

    /// The service refused the request because of a frequency limit: `RequestLimitExceeded`
    /// and `RequestLimitExceeded.*` (API call frequency), the SMS sending-frequency codes in
    /// [`SMS_RATE_LIMIT_CODES`](crate::SMS_RATE_LIMIT_CODES), or, for an error without an API code, HTTP status 429.
    ///
    /// Quotas (`LimitExceeded`, `LimitExceeded.CvmInstanceQuota`, SMS daily volume caps) are
    /// not throttling: they are [client errors](Error::is_client_error). Throttled is not the
    /// same as [retryable](Error::is_retryable): most SMS frequency limits last from 30 seconds
    /// to a day.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    /// # #[derive(Debug)]
    /// # pub struct SendSms { pub send_status_set: Vec<serde_json::Value> }
    /// let e = |code: &str| {
    ///     let body = format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "r"}}}}"#);
    ///     tencent_action::from_str::<SendSms>(&body).unwrap_err()
    /// };
    /// assert!(e("RequestLimitExceeded").is_throttled());
    /// assert!(e("RequestLimitExceeded.UinLimitExceeded").is_throttled());
    /// assert!(e("LimitExceeded.PhoneNumberThirtySecondLimit").is_throttled());
    /// assert!(!e("LimitExceeded.AppGlobalDailyLimit").is_throttled());
    /// assert!(!e("LimitExceeded").is_throttled());
    /// ```
    pub fn is_throttled(&self) -> bool {
        self.group() == Group::Throttled
    }

    /// Authentication or authorization failed: `AuthFailure`, `AuthFailure.*` (key, signature,
    /// token, MFA), `UnauthorizedOperation` and `UnauthorizedOperation.*` (CAM permission,
    /// IP allow-list, suspended account). Every auth failure is also a
    /// [client error](Error::is_client_error).
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    /// # #[derive(Debug)]
    /// # pub struct SendSms { pub send_status_set: Vec<serde_json::Value> }
    /// let e = |code: &str| {
    ///     let body = format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "r"}}}}"#);
    ///     tencent_action::from_str::<SendSms>(&body).unwrap_err()
    /// };
    /// assert!(e("AuthFailure.SignatureExpire").is_auth_failure());
    /// assert!(e("UnauthorizedOperation.RequestIpNotInWhitelist").is_auth_failure());
    /// assert!(e("UnauthorizedOperation").is_client_error());
    /// assert!(!e("InvalidParameter").is_auth_failure());
    /// ```
    pub fn is_auth_failure(&self) -> bool {
        self.code()
            .is_some_and(|code| matches!(head(code), "AuthFailure" | "UnauthorizedOperation"))
    }

    /// The service failed on its side: `InternalError`, `InternalError.*`,
    /// `ResourceUnavailable`, `ResourceUnavailable.*`, CVM's `InternalServerError`, or, for an
    /// error without an API code (a gateway's HTML page), HTTP status 500 to 599.
    ///
    /// Not [retryable](Error::is_retryable) as such: the request may have taken effect (SMS
    /// `InternalError.Timeout` may mean the message went out). For an idempotent action
    /// (`Describe*`), `e.is_retryable() || e.is_server_error()` is a reasonable retry rule.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    /// # #[derive(Debug)]
    /// # pub struct SendSms { pub send_status_set: Vec<serde_json::Value> }
    /// let e = |code: &str| {
    ///     let body = format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "r"}}}}"#);
    ///     tencent_action::from_str::<SendSms>(&body).unwrap_err()
    /// };
    /// assert!(e("InternalError.Timeout").is_server_error());
    /// assert!(e("ResourceUnavailable").is_server_error());
    /// assert!(!e("ResourceNotFound").is_server_error());
    /// ```
    pub fn is_server_error(&self) -> bool {
        self.group() == Group::Server
    }

    /// The request, the account or the resource's state is at fault: every API error that is
    /// neither [throttled](Error::is_throttled) nor a [server error](Error::is_server_error),
    /// except `DryRunOperation` (which reports a successful dry run). That includes
    /// [auth failures](Error::is_auth_failure), quotas (`LimitExceeded.*` other than the
    /// [`SMS_RATE_LIMIT_CODES`](crate::SMS_RATE_LIMIT_CODES)), unknown codes, and state conflicts that clear when another
    /// operation finishes (CVM `OperationDenied.InstanceOperationInProgress`). For an error
    /// without an API code: HTTP status 400 to 499 except 429.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    /// # #[derive(Debug)]
    /// # pub struct SendSms { pub send_status_set: Vec<serde_json::Value> }
    /// let e = |code: &str| {
    ///     let body = format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "r"}}}}"#);
    ///     tencent_action::from_str::<SendSms>(&body).unwrap_err()
    /// };
    /// assert!(e("InvalidParameterValue.IncorrectPhoneNumber").is_client_error());
    /// assert!(e("LimitExceeded.AppDailyLimit").is_throttled());
    /// assert!(e("LimitExceeded.DailyLimit").is_client_error());
    /// assert!(!e("DryRunOperation").is_client_error());
    /// // Not an API error: the body is not JSON and no HTTP status is known.
    /// assert!(!tencent_action::from_str::<SendSms>("<html>").unwrap_err().is_client_error());
    /// ```
    pub fn is_client_error(&self) -> bool {
        self.group() == Group::Client
    }

    /// Sending the same request again after a backoff of seconds is safe and can succeed:
    /// the service rejected it before acting on it, for a reason that clears by itself.
    ///
    /// Exactly: `RequestLimitExceeded` and `RequestLimitExceeded.*` (API call frequency),
    /// `LimitExceeded.GlobalSmsSendingRateLimit` (SMS sending rate), and, for an error without
    /// an API code, HTTP status 429.
    ///
    /// The official Go SDK retries only the exact code `RequestLimitExceeded` (its
    /// `sendWithRateLimitRetry`). This differs in three ways, each for the same reason (the
    /// request was refused by a rate limit, so it did nothing): the `RequestLimitExceeded.*`
    /// refinements (per UIN, per IP) that other products return, the SMS sending-rate code,
    /// and a bare HTTP 429 from a gateway.
    ///
    /// Deliberately not covered: [server errors](Error::is_server_error) (the request may have
    /// taken effect: retry them only for idempotent actions); the other SMS frequency limits in
    /// [`SMS_RATE_LIMIT_CODES`](crate::SMS_RATE_LIMIT_CODES) (windows of 30 seconds to a day that the account owner sets to
    /// protect recipients: a retry loop fails again or defeats them); state conflicts ("try
    /// again later" codes like CVM `OperationDenied.InstanceOperationInProgress`: poll the
    /// resource instead); and transport failures without a status (whether the request arrived
    /// is unknown; the Go SDK retries those only for requests that carry a `ClientToken`).
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    /// # #[derive(Debug)]
    /// # pub struct SendSms { pub send_status_set: Vec<serde_json::Value> }
    /// let e = |code: &str| {
    ///     let body = format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "r"}}}}"#);
    ///     tencent_action::from_str::<SendSms>(&body).unwrap_err()
    /// };
    /// assert!(e("RequestLimitExceeded").is_retryable());
    /// assert!(e("RequestLimitExceeded.IPLimitExceeded").is_retryable());
    /// assert!(e("LimitExceeded.GlobalSmsSendingRateLimit").is_retryable());
    /// assert!(!e("LimitExceeded.PhoneNumberThirtySecondLimit").is_retryable());
    /// assert!(!e("InternalError").is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self.code() {
            Some(code) => {
                head(code) == "RequestLimitExceeded"
                    || code == "LimitExceeded.GlobalSmsSendingRateLimit"
            }
            None => self.http_status() == Some(429),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{group_of_code, group_of_status, Group};

    #[test]
    fn groups_by_code() {
        assert_eq!(group_of_code("RequestLimitExceeded"), Group::Throttled);
        assert_eq!(
            group_of_code("RequestLimitExceeded.UinLimitExceeded"),
            Group::Throttled
        );
        // A longer first part is another category.
        assert_eq!(group_of_code("RequestLimitExceededX"), Group::Client);
        assert_eq!(group_of_code("InternalServerError"), Group::Server);
        assert_eq!(group_of_code("InternalError."), Group::Server);
        assert_eq!(
            group_of_code("ResourceUnavailable.InstanceType"),
            Group::Server
        );
        assert_eq!(group_of_code("DryRunOperation"), Group::Neither);
        assert_eq!(group_of_code("Sms.Weird"), Group::Client);
        assert_eq!(group_of_code(""), Group::Client);
    }

    #[test]
    fn groups_by_status() {
        assert_eq!(group_of_status(Some(429)), Group::Throttled);
        assert_eq!(group_of_status(Some(502)), Group::Server);
        assert_eq!(group_of_status(Some(404)), Group::Client);
        assert_eq!(group_of_status(Some(200)), Group::Neither);
        assert_eq!(group_of_status(Some(302)), Group::Neither);
        assert_eq!(group_of_status(None), Group::Neither);
    }
}
