//! The 26 common codes, categories, verbatim codes and the legacy API 2.0 error body.

use std::str::FromStr;

use tencent_action::prelude::*;
use tencent_action::{Category, CommonCode, ErrorCode, ErrorKind};

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
#[derive(Debug)]
pub struct DescribeZones {
    pub total_count: u64,
}

fn api_error(code: &str) -> tencent_action::Error {
    let body = format!(
        r#"{{"Response": {{"Error": {{"Code": {}, "Message": "m"}}, "RequestId": "rid"}}}}"#,
        serde_json::to_string(code).unwrap()
    );
    tencent_action::from_str::<DescribeZones>(&body).unwrap_err()
}

/// The reference table, copied by hand: the enum must match it exactly.
const TABLE: [&str; 26] = [
    "AuthFailure.InvalidSecretId",
    "AuthFailure.MFAFailure",
    "AuthFailure.SecretIdNotFound",
    "AuthFailure.SignatureExpire",
    "AuthFailure.SignatureFailure",
    "AuthFailure.TokenFailure",
    "AuthFailure.UnauthorizedOperation",
    "DryRunOperation",
    "FailedOperation",
    "InternalError",
    "InvalidAction",
    "InvalidParameter",
    "InvalidParameterValue",
    "LimitExceeded",
    "MissingParameter",
    "NoSuchVersion",
    "RequestLimitExceeded",
    "ResourceInUse",
    "ResourceInsufficient",
    "ResourceNotFound",
    "ResourceUnavailable",
    "UnauthorizedOperation",
    "UnknownParameter",
    "UnsupportedOperation",
    "UnsupportedProtocol",
    "UnsupportedRegion",
];

/// `CommonCode`'s variants follow the rule `error_codes!` applies to every product code
/// (`tencent_action_naming::code::variant_name`), so a common code has one name whichever enum
/// it appears in: `SmsCode::AuthFailureMFAFailure` and `CommonCode::AuthFailureMFAFailure`.
#[test]
fn common_variants_are_named_by_the_error_codes_rule() {
    for code in CommonCode::ALL {
        let variant = format!("{code:?}");
        assert_eq!(
            variant,
            tencent_action_naming::code::variant_name(code.as_str()),
            "{}",
            code.as_str()
        );
    }
    assert_eq!(CommonCode::ALL.len(), TABLE.len());
}

#[test]
fn every_common_code_round_trips_exactly() {
    assert_eq!(CommonCode::ALL.len(), TABLE.len());
    for (code, spelled) in CommonCode::ALL.iter().zip(TABLE) {
        assert_eq!(code.as_str(), spelled);
        assert_eq!(CommonCode::lookup(spelled).as_ref(), Some(code));
        assert_eq!(&CommonCode::from_code(spelled), code);
        assert_eq!(&CommonCode::from_str(spelled).unwrap(), code);
        assert_eq!(code.to_string(), spelled);
        let e = api_error(spelled);
        assert_eq!(e.typed_code(), Some(code));
        assert_eq!(e.code(), Some(spelled));
        assert!(e.category().is_some(), "{spelled} has a category");
    }
}

#[test]
fn near_misses_are_not_common_codes() {
    for near in [
        "internalerror",
        "InternalError ",
        "AuthFailure",
        "AuthFailure.",
        "Internal_Error",
    ] {
        assert_eq!(CommonCode::lookup(near), None, "{near:?}");
        assert_eq!(
            CommonCode::from_code(near),
            CommonCode::Other(near.to_owned())
        );
    }
}

#[test]
fn every_code_is_classified_by_its_category() {
    for (code, category) in [
        ("AuthFailure.SignatureFailure", Some(Category::AuthFailure)),
        ("AuthFailure.SomethingNew", Some(Category::AuthFailure)),
        ("AuthFailure", Some(Category::AuthFailure)),
        (
            "InvalidParameterValue.InstanceIdMalformed",
            Some(Category::InvalidParameterValue),
        ),
        (
            "FailedOperation.PhoneNumberInBlacklist",
            Some(Category::FailedOperation),
        ),
        (
            "LimitExceeded.PhoneNumberDailyLimit",
            Some(Category::LimitExceeded),
        ),
        (
            "UnsupportedOperation.",
            Some(Category::UnsupportedOperation),
        ),
        (
            "ResourceUnavailable.InstanceNotRunning.Extra",
            Some(Category::ResourceUnavailable),
        ),
        ("InvalidInstanceId.NotFound", None),
        ("Sms.Weird", None),
        ("", None),
        (".InternalError", None),
    ] {
        let e = api_error(code);
        assert_eq!(e.category(), category, "{code:?}");
        assert_eq!(Category::of(code), category, "{code:?}");
        // Whatever the classification, the code is kept verbatim.
        assert_eq!(e.code(), Some(code));
        if CommonCode::lookup(code).is_none() {
            assert_eq!(e.typed_code(), Some(&CommonCode::Other(code.to_owned())));
        }
    }
}

#[test]
fn categories_name_their_prefix() {
    assert_eq!(Category::ALL.len(), 20);
    for category in Category::ALL {
        assert_eq!(Category::of(category.as_str()), Some(*category));
        assert_eq!(Category::of(&format!("{category}.X")), Some(*category));
    }
}

#[test]
fn legacy_api_2_error_body_maps_code_desc_to_the_code() {
    let e = tencent_action::from_str::<DescribeZones>(
        r#"{"code": 4100, "message": "鉴权失败", "codeDesc": "AuthFailure.SignatureFailure"}"#,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some("AuthFailure.SignatureFailure"));
    assert_eq!(
        e.typed_code(),
        Some(&CommonCode::AuthFailureSignatureFailure)
    );
    assert_eq!(e.legacy_code(), Some(4100));
    assert_eq!(e.message(), Some("鉴权失败"));
    assert_eq!(e.request_id(), None);
    assert_eq!(
        e.to_string(),
        "DescribeZones failed: AuthFailure.SignatureFailure (legacy code 4100): 鉴权失败"
    );
}

#[test]
fn legacy_body_without_code_desc_uses_the_number() {
    let e = tencent_action::from_str::<DescribeZones>(r#"{"code": "5100", "message": "busy"}"#)
        .unwrap_err();
    assert_eq!(e.code(), Some("5100"));
    assert_eq!(e.legacy_code(), Some(5100));
}

#[test]
fn legacy_code_zero_is_not_an_error_but_not_an_envelope_either() {
    let e = tencent_action::from_str::<DescribeZones>(r#"{"code": 0, "message": ""}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Envelope);
}

#[test]
fn api_error_display_is_one_line() {
    let body = r#"{"Response": {"Error": {"Code": "InvalidParameter", "Message": "line one\nline two"}, "RequestId": "r-9"}}"#;
    let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    let shown = e.to_string();
    assert_eq!(
        shown,
        "DescribeZones failed: InvalidParameter: line one\\nline two (RequestId r-9)"
    );
    assert!(!shown.contains('\n'));
}

#[test]
fn error_is_send_sync_static_and_a_std_error() {
    fn assert_traits<E: std::error::Error + Send + Sync + 'static>() {}
    assert_traits::<tencent_action::Error>();
    fn via_question_mark() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        tencent_action::from_str::<DescribeZones>("")?;
        Ok(())
    }
    assert!(via_question_mark().is_err());
}

#[test]
fn display_escapes_a_request_id_that_would_break_the_line() {
    let body = r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r\n2026-11-22 ERROR forged"}}"#;
    let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    assert_eq!(e.request_id(), Some("r\n2026-11-22 ERROR forged"));
    assert_eq!(
        e.to_string(),
        "DescribeZones failed: InternalError: m (RequestId r\\n2026-11-22 ERROR forged)"
    );
}
