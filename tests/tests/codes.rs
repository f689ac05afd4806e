//! Typed product error codes: a hand-written SMS-like declaration shared by several actions,
//! every mapping step (exact, common, category, verbatim), the error predicates, `Display`, and
//! the error traits that make `?`, anyhow and eyre work.

use std::collections::HashSet;

use tencent_action::prelude::*;
use tencent_action::{Category, CommonCode, Error, ErrorCode, ErrorKind};

tencent_action::error_codes! {
    /// An excerpt of the SMS 2021-01-11 codes, with every form the naming rule handles.
    pub enum SmsCode {
        /// The number is on the do-not-disturb list.
        "FailedOperation.PhoneNumberInBlacklist",
        "FailedOperation.SignIdNotExist" as SignMissing,
        "InternalError.Timeout"
        "InternalError.db_error"
        "InvalidParameter"
        // Both would derive `InvalidParameterValueTooLarge`: each keeps `_` after its category.
        "InvalidParameter.ValueTooLarge"
        "InvalidParameterValue.TooLarge"
        "LimitExceeded.GlobalSmsSendingRateLimit",
        "LimitExceeded.IPv6AddressNum",
        "LimitExceeded.PhoneNumberThirtySecondLimit",
        "LimitExceeded.DailyLimit",
        "UnauthorizedOperation.RequestIpNotInWhitelist",
        "UnsupportedOperation",
        "UnsupportedOperation.",
    }
}

/// The codes of [`SmsCode`] as written, with the variant each must get.
fn listed() -> Vec<(&'static str, SmsCode)> {
    vec![
        (
            "FailedOperation.PhoneNumberInBlacklist",
            SmsCode::FailedOperationPhoneNumberInBlacklist,
        ),
        ("FailedOperation.SignIdNotExist", SmsCode::SignMissing),
        ("InternalError.Timeout", SmsCode::InternalErrorTimeout),
        ("InternalError.db_error", SmsCode::InternalErrorDbError),
        ("InvalidParameter", SmsCode::InvalidParameter),
        (
            "InvalidParameter.ValueTooLarge",
            SmsCode::InvalidParameter_ValueTooLarge,
        ),
        (
            "InvalidParameterValue.TooLarge",
            SmsCode::InvalidParameterValue_TooLarge,
        ),
        (
            "LimitExceeded.GlobalSmsSendingRateLimit",
            SmsCode::LimitExceededGlobalSmsSendingRateLimit,
        ),
        (
            "LimitExceeded.IPv6AddressNum",
            SmsCode::LimitExceededIPv6AddressNum,
        ),
        (
            "LimitExceeded.PhoneNumberThirtySecondLimit",
            SmsCode::LimitExceededPhoneNumberThirtySecondLimit,
        ),
        ("LimitExceeded.DailyLimit", SmsCode::LimitExceededDailyLimit),
        (
            "UnauthorizedOperation.RequestIpNotInWhitelist",
            SmsCode::UnauthorizedOperationRequestIpNotInWhitelist,
        ),
        ("UnsupportedOperation", SmsCode::UnsupportedOperation),
        ("UnsupportedOperation.", SmsCode::UnsupportedOperationDot),
    ]
}

// Three actions share the one declaration.
#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms", codes = SmsCode)]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

#[tencent_action(
    service = "sms",
    version = "2021-01-11",
    action = "PullSmsSendStatus",
    codes = SmsCode
)]
#[derive(Debug)]
pub struct PullSmsSendStatus {
    pub pull_sms_send_status_set: Vec<serde_json::Value>,
}

#[tencent_action(
    service = "sms",
    version = "2021-01-11",
    action = "DescribeSmsSignList",
    codes = SmsCode
)]
#[derive(Debug)]
pub struct DescribeSmsSignList {
    pub describe_sign_list_status_set: Vec<serde_json::Value>,
}

// No `codes`: the common codes alone.
#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
#[derive(Debug)]
pub struct DescribeZones {
    pub total_count: u64,
}

fn body(code: &str, message: &str) -> String {
    serde_json::json!({
        "Response": {"Error": {"Code": code, "Message": message}, "RequestId": "req-1"}
    })
    .to_string()
}

fn send_sms_error(code: &str) -> Error<SmsCode> {
    tencent_action::from_str::<SendSms>(&body(code, "m")).unwrap_err()
}

/// The typed code decoding gives `code`, checked against `from_code` and the raw code.
fn decoded(code: &str) -> SmsCode {
    let e = send_sms_error(code);
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some(code), "the raw code is kept in every case");
    let typed = e.typed_code().cloned().unwrap();
    assert_eq!(typed, SmsCode::from_code(code));
    assert_eq!(typed.as_str(), code, "as_str gives the code back verbatim");
    typed
}

#[test]
fn step_1_exact_code_gets_its_variant() {
    for (code, variant) in listed() {
        assert_eq!(decoded(code), variant, "{code}");
        assert_eq!(SmsCode::lookup(code), Some(variant.clone()), "{code}");
        assert_eq!(variant.to_string(), code);
        assert_eq!(code.parse::<SmsCode>(), Ok(variant));
    }
    assert_eq!(SmsCode::ALL.len(), listed().len());
    for (variant, (code, expected)) in SmsCode::ALL.iter().zip(listed()) {
        assert_eq!(variant, &expected);
        assert_eq!(variant.as_str(), code);
    }
}

#[test]
fn step_1_listed_common_code_wins_over_common_step() {
    assert_eq!(decoded("InvalidParameter"), SmsCode::InvalidParameter);
    assert_eq!(
        decoded("UnsupportedOperation"),
        SmsCode::UnsupportedOperation
    );
    assert_ne!(
        decoded("InvalidParameter"),
        SmsCode::Common(CommonCode::InvalidParameter)
    );
}

#[test]
fn step_1_exact_match_rejects_every_near_miss() {
    // Change each byte of each listed code, and cut or extend it: no exact match unless the
    // result is itself listed. This checks the generated byte switches and final comparison.
    let codes: HashSet<&str> = listed().iter().map(|(c, _)| *c).collect();
    let mut tried = 0;
    for code in &codes {
        let mut variants: Vec<String> = Vec::new();
        for i in 0..code.len() {
            for replacement in [b'A', b'z', b'.', b'_', b'0'] {
                let mut bytes = code.as_bytes().to_vec();
                if bytes[i] != replacement {
                    bytes[i] = replacement;
                    variants.push(String::from_utf8(bytes).unwrap());
                }
            }
            variants.push(code[..i].to_owned());
        }
        variants.push(format!("{code}x"));
        variants.push(format!("{code} "));
        variants.push(code.to_ascii_lowercase());
        for near in variants {
            tried += 1;
            let expected = codes.contains(near.as_str());
            assert_eq!(SmsCode::lookup(&near).is_some(), expected, "{near:?}");
        }
    }
    assert!(tried > 1000, "{tried}");
}

#[test]
fn step_2_common_code_not_listed_is_common() {
    assert_eq!(
        decoded("InternalError"),
        SmsCode::Common(CommonCode::InternalError)
    );
    assert_eq!(
        decoded("AuthFailure.SignatureExpire"),
        SmsCode::Common(CommonCode::AuthFailureSignatureExpire)
    );
    let mut common = 0;
    for c in CommonCode::ALL {
        let code = c.as_str();
        let typed = decoded(code);
        if SmsCode::lookup(code).is_some() {
            assert!(
                !matches!(typed, SmsCode::Common(_)),
                "{code} is listed: step 1 wins"
            );
        } else {
            assert_eq!(typed, SmsCode::Common(c.clone()), "{code}");
            common += 1;
        }
    }
    assert_eq!(common, 26 - 2, "all common codes but the two listed");
}

#[test]
fn step_3_unlisted_code_of_known_category_keeps_category_and_code() {
    for category in Category::ALL {
        let code = format!("{category}.NotInTheList");
        assert_eq!(
            decoded(&code),
            SmsCode::Category(*category, code.clone()),
            "{code}"
        );
        assert_eq!(decoded(&code).category(), Some(*category));
    }
    // A category name alone that is not a common code, and a trailing dot.
    assert_eq!(
        decoded("AuthFailure"),
        SmsCode::Category(Category::AuthFailure, "AuthFailure".into())
    );
    assert_eq!(
        decoded("FailedOperation."),
        SmsCode::Category(Category::FailedOperation, "FailedOperation.".into())
    );
    // A near miss of a listed code is just another code of that category.
    assert_eq!(
        decoded("FailedOperation.PhoneNumberInBlacklisT"),
        SmsCode::Category(
            Category::FailedOperation,
            "FailedOperation.PhoneNumberInBlacklisT".into()
        )
    );
}

#[test]
fn step_4_anything_else_is_kept_verbatim() {
    for code in [
        "Sms.Weird",
        "",
        "internalerror",
        "InvalidParameterValueX",
        "OperationDenied.InstanceOperationInProgress",
        "错误",
        "FailedOperation PhoneNumberInBlacklist",
    ] {
        assert_eq!(decoded(code), SmsCode::Other(code.to_owned()), "{code:?}");
        assert_eq!(decoded(code).category(), None);
    }
}

#[test]
fn several_actions_share_one_declaration() {
    let b = body("FailedOperation.SignIdNotExist", "no such sign");
    let a = tencent_action::from_str::<SendSms>(&b).unwrap_err();
    let p = tencent_action::from_str::<PullSmsSendStatus>(&b).unwrap_err();
    let d = tencent_action::from_str::<DescribeSmsSignList>(&b).unwrap_err();
    for typed in [a.typed_code(), p.typed_code(), d.typed_code()] {
        assert_eq!(typed, Some(&SmsCode::SignMissing));
    }
    assert_eq!(
        (a.action(), p.action(), d.action()),
        ("SendSms", "PullSmsSendStatus", "DescribeSmsSignList")
    );
}

#[test]
fn struct_without_codes_gets_common_codes() {
    let e = tencent_action::from_str::<DescribeZones>(&body(
        "FailedOperation.PhoneNumberInBlacklist",
        "m",
    ))
    .unwrap_err();
    let typed: Option<&CommonCode> = e.typed_code();
    assert_eq!(
        typed,
        Some(&CommonCode::Other(
            "FailedOperation.PhoneNumberInBlacklist".into()
        ))
    );
    // ... and can be reclassified by the product's codes later.
    let e: Error<SmsCode> = e.reclassify();
    assert_eq!(
        e.typed_code(),
        Some(&SmsCode::FailedOperationPhoneNumberInBlacklist)
    );
}

#[test]
fn a_match_on_typed_codes_reads_like_the_documentation() {
    fn advice(e: &Error<SmsCode>) -> &'static str {
        match e.typed_code() {
            Some(SmsCode::FailedOperationPhoneNumberInBlacklist) => "drop the number",
            Some(SmsCode::LimitExceededPhoneNumberThirtySecondLimit) => "wait 30 s",
            Some(SmsCode::Common(CommonCode::InternalError)) => "retry later",
            Some(SmsCode::Category(Category::InvalidParameterValue, _)) => "fix the request",
            Some(_) => "other API error",
            None => "not an API error",
        }
    }
    assert_eq!(
        advice(&send_sms_error("FailedOperation.PhoneNumberInBlacklist")),
        "drop the number"
    );
    assert_eq!(
        advice(&send_sms_error(
            "LimitExceeded.PhoneNumberThirtySecondLimit"
        )),
        "wait 30 s"
    );
    assert_eq!(advice(&send_sms_error("InternalError")), "retry later");
    assert_eq!(
        advice(&send_sms_error("InvalidParameterValue.New")),
        "fix the request"
    );
    assert_eq!(advice(&send_sms_error("Sms.Weird")), "other API error");
    let e = tencent_action::from_str::<SendSms>("not json").unwrap_err();
    assert_eq!(advice(&e), "not an API error");
}

#[test]
fn the_rate_limit_codes_keep_their_old_path() {
    #[allow(deprecated)]
    let old = tencent_action::predicates::SMS_RATE_LIMIT_CODES;
    assert_eq!(old, tencent_action::SMS_RATE_LIMIT_CODES);
}

#[test]
fn predicates_on_sms_codes() {
    let cases = [
        // code, throttled, auth, server, client, retryable
        ("RequestLimitExceeded", true, false, false, false, true),
        (
            "RequestLimitExceeded.UinLimitExceeded",
            true,
            false,
            false,
            false,
            true,
        ),
        (
            "LimitExceeded.GlobalSmsSendingRateLimit",
            true,
            false,
            false,
            false,
            true,
        ),
        (
            "LimitExceeded.PhoneNumberThirtySecondLimit",
            true,
            false,
            false,
            false,
            false,
        ),
        (
            "LimitExceeded.PhoneNumberDailyLimit",
            true,
            false,
            false,
            false,
            false,
        ),
        ("LimitExceeded.DailyLimit", false, false, false, true, false),
        ("LimitExceeded", false, false, false, true, false),
        (
            "AuthFailure.SignatureFailure",
            false,
            true,
            false,
            true,
            false,
        ),
        (
            "UnauthorizedOperation.RequestIpNotInWhitelist",
            false,
            true,
            false,
            true,
            false,
        ),
        ("InternalError", false, false, true, false, false),
        ("InternalError.Timeout", false, false, true, false, false),
        ("ResourceUnavailable", false, false, true, false, false),
        ("InternalServerError", false, false, true, false, false),
        (
            "FailedOperation.PhoneNumberInBlacklist",
            false,
            false,
            false,
            true,
            false,
        ),
        ("Sms.Weird", false, false, false, true, false),
        ("DryRunOperation", false, false, false, false, false),
    ];
    for (code, throttled, auth, server, client, retryable) in cases {
        let e = send_sms_error(code);
        assert_eq!(e.is_throttled(), throttled, "{code} throttled");
        assert_eq!(e.is_auth_failure(), auth, "{code} auth");
        assert_eq!(e.is_server_error(), server, "{code} server");
        assert_eq!(e.is_client_error(), client, "{code} client");
        assert_eq!(e.is_retryable(), retryable, "{code} retryable");
        // The same answers whatever type classifies the code.
        let common: Error<CommonCode> = e.reclassify();
        assert_eq!(
            (
                common.is_throttled(),
                common.is_server_error(),
                common.is_client_error()
            ),
            (throttled, server, client),
            "{code}"
        );
    }
}

#[test]
fn predicates_are_false_for_errors_that_are_not_api_errors() {
    for body in [
        "<html>502 Bad Gateway</html>",
        "{}",
        r#"{"Response": {"SendStatusSet": 3, "RequestId": "r"}}"#,
    ] {
        let e = tencent_action::from_str::<SendSms>(body).unwrap_err();
        assert_ne!(e.kind(), ErrorKind::Api, "{body}");
        assert!(
            !(e.is_throttled()
                || e.is_auth_failure()
                || e.is_server_error()
                || e.is_client_error()
                || e.is_retryable()),
            "{body}"
        );
    }
}

#[test]
fn predicates_use_the_http_status_only_without_an_api_code() {
    let html = [("Content-Type", "text/html")];
    let from = |status: u16, body: &[u8]| {
        tencent_action::http::from_response::<SendSms, _>(status, html, body).unwrap_err()
    };
    let throttled = from(429, b"<html>Too Many Requests</html>");
    assert_eq!(throttled.kind(), ErrorKind::Http);
    assert!(throttled.is_throttled() && throttled.is_retryable());
    assert!(!throttled.is_client_error() && !throttled.is_server_error());

    let gateway = from(502, b"<html>Bad Gateway</html>");
    assert!(gateway.is_server_error() && !gateway.is_retryable());

    let not_found = from(404, b"<html>Not Found</html>");
    assert!(not_found.is_client_error() && !not_found.is_auth_failure());

    // An API error decides by its code whatever the status.
    let api = from(500, body("InvalidParameter", "m").as_bytes());
    assert_eq!(api.kind(), ErrorKind::Api);
    assert_eq!(api.http_status(), Some(500));
    assert!(api.is_client_error() && !api.is_server_error());
    let api = from(400, body("RequestLimitExceeded", "m").as_bytes());
    assert!(api.is_throttled() && api.is_retryable());
}

#[test]
fn display_is_one_line_with_action_code_message_and_request_id() {
    let e = tencent_action::from_str::<SendSms>(&body(
        "FailedOperation.PhoneNumberInBlacklist",
        "blocked",
    ))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "SendSms failed: FailedOperation.PhoneNumberInBlacklist: blocked (RequestId req-1)"
    );
    let e = tencent_action::from_str::<SendSms>(&body(
        "InternalError",
        "first line\nsecond line\r\n\ttab",
    ))
    .unwrap_err();
    let shown = e.to_string();
    assert!(!shown.contains(['\n', '\r', '\t']), "{shown:?}");
    assert_eq!(
        shown,
        r"SendSms failed: InternalError: first line\nsecond line\r\n\ttab (RequestId req-1)"
    );
    // The message itself is kept as sent.
    assert_eq!(e.message(), Some("first line\nsecond line\r\n\ttab"));
}

#[test]
fn errors_are_std_errors_send_sync_static() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    assert_error::<Error<CommonCode>>();
    assert_error::<Error<SmsCode>>();
    // The other public error types of the runtime.
    assert_error::<tencent_action::sign::SignError>();
    assert_error::<tencent_action::sign::Rejection>();
    fn assert_code<C: ErrorCode + std::fmt::Display + std::str::FromStr + Send + Sync + 'static>() {
    }
    assert_code::<SmsCode>();
    assert_code::<CommonCode>();
}

#[test]
fn question_mark_into_box_dyn_error() {
    fn send() -> Result<SendSms, Box<dyn std::error::Error + Send + Sync>> {
        let out = tencent_action::from_str::<SendSms>(&body("InternalError", "m"))?;
        Ok(out)
    }
    let e = send().unwrap_err();
    let e = e.downcast_ref::<Error<SmsCode>>().unwrap();
    assert_eq!(
        e.typed_code(),
        Some(&SmsCode::Common(CommonCode::InternalError))
    );
}

#[test]
fn question_mark_into_anyhow() {
    fn send() -> anyhow::Result<SendSms> {
        Ok(tencent_action::from_str::<SendSms>(&body(
            "LimitExceeded.GlobalSmsSendingRateLimit",
            "m",
        ))?)
    }
    let e = send().unwrap_err();
    assert!(e
        .to_string()
        .contains("LimitExceeded.GlobalSmsSendingRateLimit"));
    assert!(e.downcast_ref::<Error<SmsCode>>().unwrap().is_retryable());
}

#[test]
fn question_mark_into_eyre() {
    fn send() -> eyre::Result<SendSms> {
        Ok(tencent_action::from_str::<SendSms>(&body(
            "AuthFailure.SignatureExpire",
            "m",
        ))?)
    }
    let e = send().unwrap_err();
    assert!(e
        .downcast_ref::<Error<SmsCode>>()
        .unwrap()
        .is_auth_failure());
}

/// The expansion names everything by absolute path: it compiles where the prelude's names are
/// shadowed.
mod shadowed {
    #![allow(dead_code, non_camel_case_types)]
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Box;
    pub struct Vec;
    pub struct str;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub mod core {}

    tencent_action::error_codes! {
        pub enum Codes {
            "FailedOperation.X"
            "FailedOperation.Y"
        }
    }
}

// serde's derive names `str` unqualified, so the struct lives outside the shadowing module.
#[tencent_action(
    service = "sms",
    version = "2021-01-11",
    action = "SendSms",
    codes = shadowed::Codes
)]
#[derive(Debug)]
pub struct ShadowedSendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

#[test]
fn expansion_compiles_with_shadowed_prelude_names() {
    use shadowed::Codes;
    assert_eq!(
        Codes::from_code("FailedOperation.Y"),
        Codes::FailedOperationY
    );
    let e =
        tencent_action::from_str::<ShadowedSendSms>(&body("FailedOperation.X", "m")).unwrap_err();
    assert_eq!(e.typed_code(), Some(&Codes::FailedOperationX));
}

tencent_action::error_codes! {
    /// Two enums in one invocation; an empty list still has the fallback steps.
    pub enum First { "FailedOperation.A" }
    pub enum Empty {}
}

#[test]
fn several_enums_in_one_invocation_and_an_empty_list() {
    assert_eq!(
        First::from_code("FailedOperation.A"),
        First::FailedOperationA
    );
    assert_eq!(Empty::ALL.len(), 0);
    assert_eq!(Empty::lookup("InternalError"), None);
    assert_eq!(
        Empty::from_code("InternalError"),
        Empty::Common(CommonCode::InternalError)
    );
    assert_eq!(
        Empty::from_code("FailedOperation.A"),
        Empty::Category(Category::FailedOperation, "FailedOperation.A".into())
    );
}
