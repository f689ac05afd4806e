//! How one published example decodes through a generated struct.

use serde::de::DeserializeOwned;
use tencent_action::{Action, ErrorKind};

/// How one example decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Decoded, with the RequestId of the body.
    Ok,
    /// A shape error: the example contradicts its own schema at `path`; `reason` is the
    /// error's `Display`.
    Contradiction {
        /// Where the first mismatch is (`Error::path`), as `Response.InstanceSet[0].SystemDisk`.
        path: String,
        /// The error as shown.
        reason: String,
    },
    /// A published error example (`Response.Error`), decoded as that API error with its code
    /// and RequestId.
    ApiError,
    /// Not JSON at all: an event stream (CLS `ChatCompletions`), or text with escapes JSON does
    /// not have. Skipped, and counted.
    NotJson(String),
    /// Anything else: no RequestId captured, `from_str` and `from_slice` disagree, an error
    /// that is neither a shape error nor the example's API error.
    Failed(String),
}

/// Decodes `body` as `T` with both `tencent_action::from_str` and `from_slice` and classifies
/// the result, checking it against what `serde_json::Value` reads of the same body: the
/// RequestId captured must be the body's, a published error must decode as that error.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action_conformance::{check, Outcome};
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// pub struct DescribeZones {
///     pub total_count: u64,
/// }
///
/// let ok = r#"{"Response": {"TotalCount": 1, "RequestId": "r-1"}}"#;
/// assert_eq!(check::<DescribeZones>(ok), Outcome::Ok);
/// let error = r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r-2"}}"#;
/// assert_eq!(check::<DescribeZones>(error), Outcome::ApiError);
/// let wrong = r#"{"Response": {"TotalCount": "one", "RequestId": "r-3"}}"#;
/// assert!(matches!(check::<DescribeZones>(wrong), Outcome::Contradiction { path, .. } if path == "Response.TotalCount"));
/// ```
pub fn check<T: Action + DeserializeOwned>(body: &str) -> Outcome {
    let value = match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) => value,
        Err(e) => return Outcome::NotJson(e.to_string()),
    };
    let response = value.get("Response");
    let error_code = response
        .and_then(|r| r.get("Error")?.get("Code")?.as_str())
        .map(str::to_owned);
    let Some(expected) = response.and_then(|r| r.get("RequestId")?.as_str()) else {
        return Outcome::Failed("the example has no string Response.RequestId".into());
    };
    let by_str = tencent_action::from_str::<T>(body);
    let by_slice = tencent_action::from_slice::<T>(body.as_bytes());
    match (by_str, by_slice) {
        (Ok(a), Ok(b)) => {
            if a.request_id() == expected && b.request_id() == expected {
                Outcome::Ok
            } else {
                Outcome::Failed(format!(
                    "RequestId not captured: from_str gave {:?}, from_slice {:?}, the body has {:?}",
                    a.request_id(),
                    b.request_id(),
                    expected
                ))
            }
        }
        (Err(a), Err(b)) => {
            let shown = a.to_string();
            if shown != b.to_string() || a.path() != b.path() {
                return Outcome::Failed(format!("from_str and from_slice disagree: {shown} / {b}"));
            }
            if a.request_id() != Some(expected) {
                return Outcome::Failed(format!("RequestId not captured in the error: {shown}"));
            }
            match (a.kind(), a.path()) {
                (ErrorKind::Api, _)
                    if error_code.is_some() && a.code() == error_code.as_deref() =>
                {
                    Outcome::ApiError
                }
                (ErrorKind::Shape, Some(path)) => Outcome::Contradiction {
                    path: path.to_owned(),
                    reason: shown,
                },
                _ => Outcome::Failed(shown),
            }
        }
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => Outcome::Failed(format!(
            "from_str and from_slice disagree: one failed with {e}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tencent_action::prelude::*;

    #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    pub struct SendSms {
        pub send_status_set: Vec<SendStatus>,
    }

    #[tencent_model(service = "sms", version = "2021-01-11", object = "SendStatus")]
    pub struct SendStatus {
        pub serial_no: String,
        pub fee: u64,
    }

    const OK: &str = r#"{"Response": {"SendStatusSet": [{"SerialNo": "s", "Fee": 1, "Code": "Ok"}], "RequestId": "rid-1"}}"#;

    #[test]
    fn a_body_that_matches_decodes_both_ways() {
        assert_eq!(check::<SendSms>(OK), Outcome::Ok);
        let out: SendSms = tencent_action::from_str(OK).unwrap();
        assert_eq!(out.send_status_set[0].serial_no, "s");
        assert_eq!(out.send_status_set[0].fee, 1);
    }

    #[test]
    fn a_shape_error_is_a_contradiction_at_its_path() {
        let body = r#"{"Response": {"SendStatusSet": [{"SerialNo": "s"}], "RequestId": "rid-1"}}"#;
        match check::<SendSms>(body) {
            Outcome::Contradiction { path, reason } => {
                assert_eq!(path, "Response.SendStatusSet[0]");
                assert!(reason.contains("missing field `Fee`"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_published_error_decodes_as_its_api_error() {
        let body = r#"{"Response": {"Error": {"Code": "LimitExceeded.PhoneNumberDailyLimit", "Message": "m"}, "RequestId": "rid-2"}}"#;
        assert_eq!(check::<SendSms>(body), Outcome::ApiError);
    }

    #[test]
    fn text_that_is_not_json_is_skipped() {
        assert!(matches!(
            check::<SendSms>("data: {}\n\n"),
            Outcome::NotJson(_)
        ));
    }

    #[test]
    fn an_example_without_a_request_id_fails() {
        let body = r#"{"Response": {"SendStatusSet": []}}"#;
        assert!(
            matches!(check::<SendSms>(body), Outcome::Failed(why) if why.contains("no string Response.RequestId"))
        );
    }
}
