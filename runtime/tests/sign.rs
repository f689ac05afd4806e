//! Signing requests and verifying them: GET queries, credentials, secrets kept out of output.
#![cfg(feature = "verify")] // signs requests and verifies them

use tencent_action::prelude::*;
use tencent_action::sign::{
    Credential, Incoming, Method, Rejection, Request, SignError, SignedRequest, Verifier,
};
use tencent_action::CommonCode;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}

const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TOKEN: &str = "session-token-3f1e8c2a";
const NOW: u64 = 1_700_000_000;

/// Hands `signed` to `verifier` as a server would receive it (headers plus Host; query from
/// the URL), at time `now`.
fn receive(signed: &SignedRequest, verifier: &Verifier, now: u64) -> Result<String, Rejection> {
    let mut headers: Vec<(&str, &str)> = signed
        .headers()
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    headers.push(("Host", signed.host()));
    let query = signed.url().split_once('?').map_or("", |(_, q)| q);
    let incoming = Incoming {
        method: signed.method().as_str(),
        query,
        headers: &headers,
        body: signed.body(),
    };
    verifier
        .verify_at(&incoming, now)
        .map(|v| v.action().to_owned())
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeInstancesRequest {
    filters: Vec<Filter>,
    limit: u32,
    offset: u32,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Filter {
    name: String,
    values: Vec<String>,
}

#[test]
fn get_flattens_a_struct_into_the_signed_query() {
    let params = DescribeInstancesRequest {
        filters: vec![Filter {
            name: "instance-name".into(),
            values: vec!["web 服务器".into(), "a&b=c".into()],
        }],
        limit: 20,
        offset: 0,
    };
    let signed = Request::get::<DescribeInstances>(&params)
        .unwrap()
        .region("ap-guangzhou")
        .timestamp(NOW)
        .sign(&Credential::new(ID, KEY))
        .unwrap();
    assert_eq!(signed.method(), Method::Get);
    assert_eq!(
        signed.url(),
        "https://cvm.tencentcloudapi.com/?Filters.0.Name=instance-name\
         &Filters.0.Values.0=web+%E6%9C%8D%E5%8A%A1%E5%99%A8&Filters.0.Values.1=a%26b%3Dc\
         &Limit=20&Offset=0"
    );
    assert!(signed.body().is_empty());
    assert_eq!(
        signed.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    let verifier = Verifier::new().with_key(ID, KEY);
    assert_eq!(
        receive(&signed, &verifier, NOW).unwrap(),
        "DescribeInstances"
    );
}

#[test]
fn the_query_is_covered_by_the_signature() {
    let signed = Request::get::<DescribeInstances>(&serde_json::json!({"Limit": 1}))
        .unwrap()
        .timestamp(NOW)
        .sign(&Credential::new(ID, KEY))
        .unwrap();
    let mut headers: Vec<(&str, &str)> = signed
        .headers()
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    headers.push(("Host", signed.host()));
    let incoming = Incoming {
        method: "GET",
        query: "Limit=100",
        headers: &headers,
        body: b"",
    };
    let rejected = Verifier::new()
        .with_key(ID, KEY)
        .verify_at(&incoming, NOW)
        .unwrap_err();
    assert_eq!(rejected.code(), &CommonCode::AuthFailureSignatureFailure);
}

#[test]
fn a_get_payload_must_be_an_object() {
    let e = Request::get::<DescribeInstances>(&vec![1, 2]).unwrap_err();
    assert!(matches!(e, SignError::QueryNotObject));
    assert!(Request::get::<DescribeInstances>(&()).is_ok());
}

#[test]
fn post_serializes_any_payload_and_takes_metadata_from_the_type() {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct SendSmsRequest<'a> {
        phone_number_set: &'a [&'a str],
        sign_name: &'a str,
    }
    let signed = Request::post::<SendSms>(&SendSmsRequest {
        phone_number_set: &["+8618501234444"],
        sign_name: "腾讯云",
    })
    .unwrap()
    .region("ap-guangzhou")
    .language("en-US")
    .endpoint("http://127.0.0.1:9000/")
    .timestamp(NOW)
    .sign(&Credential::new(ID, KEY).with_token(TOKEN))
    .unwrap();
    assert_eq!(signed.url(), "http://127.0.0.1:9000/");
    assert_eq!(
        signed.body(),
        r#"{"PhoneNumberSet":["+8618501234444"],"SignName":"腾讯云"}"#.as_bytes()
    );
    for (name, value) in [
        ("X-TC-Action", "SendSms"),
        ("X-TC-Version", "2021-01-11"),
        ("X-TC-Timestamp", "1700000000"),
        ("X-TC-Region", "ap-guangzhou"),
        ("X-TC-Language", "en-US"),
        ("X-TC-Token", TOKEN),
        ("Content-Type", "application/json"),
    ] {
        assert_eq!(signed.header(name), Some(value), "{name}");
    }
    assert!(signed
        .authorization()
        .starts_with(&format!("TC3-HMAC-SHA256 Credential={ID}/2023-11-14/sms/tc3_request, SignedHeaders=content-type;host, Signature=")));
    let verifier = Verifier::new().with_credential(&Credential::new(ID, KEY).with_token(TOKEN));
    assert_eq!(receive(&signed, &verifier, NOW).unwrap(), "SendSms");
}

#[test]
fn a_payload_that_cannot_serialize_is_an_error_with_a_source() {
    struct Fails;
    impl serde::Serialize for Fails {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("nope"))
        }
    }
    let e = Request::post::<SendSms>(&Fails).unwrap_err();
    assert!(matches!(e, SignError::Payload(_)));
    assert!(std::error::Error::source(&e).is_some());
    assert!(e.to_string().contains("nope"));
}

#[test]
fn bad_endpoints_and_header_values_are_refused() {
    let credential = Credential::new(ID, KEY);
    for endpoint in [
        "ftp://cvm.tencentcloudapi.com",
        "https://h/v2",
        "http://",
        "https://a b",
    ] {
        let e = Request::post::<SendSms>(&())
            .unwrap()
            .endpoint(endpoint)
            .sign(&credential)
            .unwrap_err();
        assert!(matches!(e, SignError::Endpoint { .. }), "{endpoint}: {e}");
    }
    let e = Request::post::<SendSms>(&())
        .unwrap()
        .region("ap-guangzhou\r\nX-Evil: 1")
        .sign(&credential)
        .unwrap_err();
    assert!(matches!(
        e,
        SignError::HeaderValue {
            header: "X-TC-Region"
        }
    ));
}

#[test]
fn secrets_never_appear_in_debug_or_display() {
    let credential = Credential::new(ID, KEY).with_token(TOKEN);
    let signed = Request::post::<SendSms>(&())
        .unwrap()
        .timestamp(NOW)
        .sign(&credential)
        .unwrap();
    let verifier = Verifier::new().with_credential(&credential);
    let rejection = Verifier::new()
        .verify_at(
            &Incoming {
                method: "POST",
                query: "",
                headers: &[],
                body: b"",
            },
            NOW,
        )
        .unwrap_err();
    let missing = Credential::from_lookup(|_| None).unwrap_err();
    // What a server received: the request's own headers, signature and token included.
    let received: Vec<(&str, &str)> = signed
        .headers()
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    let incoming = Incoming {
        method: "POST",
        query: "",
        headers: &received,
        body: signed.body(),
    };
    // A secret in the endpoint's user info, where a copied URL may carry one.
    let endpoint = Request::post::<SendSms>(&())
        .unwrap()
        .endpoint(format!("https://{ID}:{KEY}@sms.tencentcloudapi.com"))
        .sign(&credential)
        .unwrap_err();
    assert!(
        matches!(endpoint, SignError::Endpoint { .. }),
        "{endpoint:?}"
    );
    let outputs = [
        format!("{credential:?}"),
        format!("{credential:#?}"),
        format!("{signed:?}"),
        format!("{signed:#?}"),
        format!("{verifier:?}"),
        format!("{rejection:?}"),
        format!("{rejection}"),
        format!("{missing:?}"),
        format!("{missing}"),
        format!("{endpoint:?}"),
        format!("{endpoint}"),
        format!("{incoming:?}"),
        format!("{incoming:#?}"),
    ];
    for shown in &outputs {
        assert!(!shown.contains(KEY), "secret key in {shown}");
        assert!(!shown.contains(TOKEN), "token in {shown}");
        // The signature replays the request for 5 minutes: never in a log either.
        assert!(!shown.contains(signed.signature()), "signature in {shown}");
    }
    assert!(outputs[0].contains(ID), "the SecretId is shown");
    assert!(
        outputs[2].contains("X-TC-Token\": \"<redacted>\""),
        "{}",
        outputs[2]
    );
    assert!(
        outputs[2].contains("Signature=<redacted>"),
        "{}",
        outputs[2]
    );
    assert!(
        outputs[10].contains("https://<redacted>@sms.tencentcloudapi.com"),
        "{}",
        outputs[10]
    );
    // The token is still sent: only its display is hidden.
    assert_eq!(signed.header("X-TC-Token"), Some(TOKEN));
}

#[test]
fn credentials_come_from_the_sdk_environment_variables() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let full = Credential::from_lookup(env(&[
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", KEY),
        ("TENCENTCLOUD_SESSION_TOKEN", TOKEN),
    ]))
    .unwrap();
    assert_eq!(full.secret_id(), ID);
    assert!(full.has_token());

    let no_key = Credential::from_lookup(env(&[
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", "  "),
    ]))
    .unwrap_err();
    assert!(matches!(
        no_key,
        SignError::MissingCredential {
            var: "TENCENTCLOUD_SECRET_KEY"
        }
    ));
    assert_eq!(
        no_key.to_string(),
        "environment variable TENCENTCLOUD_SECRET_KEY is not set"
    );

    let no_token = Credential::from_lookup(env(&[
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", KEY),
        ("TENCENTCLOUD_SESSION_TOKEN", ""),
    ]))
    .unwrap();
    assert!(!no_token.has_token());
}

fn signed_at(timestamp: u64, credential: &Credential) -> SignedRequest {
    Request::post::<DescribeInstances>(&serde_json::json!({"Limit": 1}))
        .unwrap()
        .endpoint("http://127.0.0.1:8080")
        .timestamp(timestamp)
        .sign(credential)
        .unwrap()
}

#[test]
fn the_verifier_answers_the_service_codes() {
    let verifier = Verifier::new().with_key(ID, KEY);
    let good = signed_at(NOW, &Credential::new(ID, KEY));
    assert!(receive(&good, &verifier, NOW + 300).is_ok());
    assert!(receive(&good, &verifier, NOW - 300).is_ok());

    let code = |r: Result<String, Rejection>| r.unwrap_err().code().clone();
    assert_eq!(
        code(receive(&good, &verifier, NOW + 301)),
        CommonCode::AuthFailureSignatureExpire
    );
    assert_eq!(
        code(receive(&good, &verifier, NOW - 301)),
        CommonCode::AuthFailureSignatureExpire
    );
    let unknown = signed_at(NOW, &Credential::new("AKIDunknown", KEY));
    assert_eq!(
        code(receive(&unknown, &verifier, NOW)),
        CommonCode::AuthFailureSecretIdNotFound
    );
    let wrong_key = signed_at(NOW, &Credential::new(ID, "not-the-key"));
    assert_eq!(
        code(receive(&wrong_key, &verifier, NOW)),
        CommonCode::AuthFailureSignatureFailure
    );
    let with_token = Verifier::new().with_credential(&Credential::new(ID, KEY).with_token(TOKEN));
    assert_eq!(
        code(receive(&good, &with_token, NOW)),
        CommonCode::AuthFailureTokenFailure
    );
    let custom_skew = Verifier::new()
        .with_key(ID, KEY)
        .max_clock_skew(std::time::Duration::from_secs(10));
    assert_eq!(
        code(receive(&good, &custom_skew, NOW + 11)),
        CommonCode::AuthFailureSignatureExpire
    );
}

#[test]
fn the_verifier_refuses_malformed_authorization_headers() {
    let good = signed_at(NOW, &Credential::new(ID, KEY));
    let verifier = Verifier::new().with_key(ID, KEY);
    let auth = good.authorization().to_owned();
    let date = "2023-11-14";
    for bad in [
        String::new(),
        auth.replace("TC3-HMAC-SHA256", "HMAC-SHA256"),
        auth.replace("SignedHeaders=content-type;host", "SignedHeaders=host"),
        auth.replace("/tc3_request", "/tc2_request"),
        auth.replace(date, "2023-11-15"),
        auth.replace(", Signature=", ", Sig="),
        auth.replace("/cvm/", "/sms/"),
    ] {
        let mut headers: Vec<(&str, &str)> = good
            .headers()
            .iter()
            .filter(|(n, _)| *n != "Authorization")
            .map(|(n, v)| (*n, v.as_str()))
            .collect();
        headers.push(("Host", good.host()));
        if !bad.is_empty() {
            headers.push(("Authorization", &bad));
        }
        let incoming = post(&good, &headers);
        let rejected = verifier.verify_at(&incoming, NOW).unwrap_err();
        assert_eq!(
            rejected.code(),
            &CommonCode::AuthFailureSignatureFailure,
            "{bad}"
        );
    }
}

#[test]
fn the_verifier_needs_action_version_and_timestamp() {
    let good = signed_at(NOW, &Credential::new(ID, KEY));
    let verifier = Verifier::new().with_key(ID, KEY);
    for drop in ["X-TC-Action", "X-TC-Version", "X-TC-Timestamp"] {
        let headers = received_without(&good, drop);
        let incoming = post(&good, &headers);
        let rejected = verifier.verify_at(&incoming, NOW).unwrap_err();
        assert_eq!(rejected.code(), &CommonCode::MissingParameter, "{drop}");
        assert!(rejected.message().contains(drop));
    }
}

#[test]
fn rejections_escape_and_bound_what_the_request_sent() {
    let long = "9".repeat(100_000);
    for (timestamp, raw) in [
        ("1\u{1b}[2J\r\nINFO forged", "\u{1b}"),
        ("1\u{202E}gnp.exe", "\u{202E}"),
        ("1\u{2028}forged", "\u{2028}"),
        (long.as_str(), long.as_str()),
    ] {
        let headers = [
            ("X-TC-Action", "SendSms"),
            ("X-TC-Version", "2021-01-11"),
            ("X-TC-Timestamp", timestamp),
        ];
        let incoming = Incoming {
            method: "POST",
            query: "",
            headers: &headers,
            body: b"",
        };
        let rejection = Verifier::new().verify_at(&incoming, NOW).unwrap_err();
        assert_eq!(rejection.code(), &CommonCode::InvalidParameter);
        // The message, sent back to the client in the envelope, is exact...
        assert!(rejection.message().contains(timestamp));
        // ...but what a log shows is one bounded line.
        for shown in [format!("{rejection}"), format!("{rejection:?}")] {
            assert!(!shown.contains(raw), "raw {raw:?} in {shown:?}");
            assert!(!shown.contains(['\r', '\n']), "{shown:?}");
            assert!(shown.len() < 2_000, "{} bytes", shown.len());
        }
    }
}

/// The headers a server receives for `signed` (its headers plus Host), without `drop`.
fn received_without<'a>(signed: &'a SignedRequest, drop: &str) -> Vec<(&'a str, &'a str)> {
    let mut headers: Vec<(&str, &str)> = signed
        .headers()
        .iter()
        .filter(|(n, _)| *n != drop)
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    headers.push(("Host", signed.host()));
    headers
}

/// The headers a server receives for `signed`, with one more appended.
fn received_with<'a>(
    signed: &'a SignedRequest,
    extra: (&'a str, &'a str),
) -> Vec<(&'a str, &'a str)> {
    let mut headers = received_without(signed, "");
    headers.push(extra);
    headers
}

/// `signed`'s body arriving as a `POST` with `headers`.
fn post<'a>(signed: &'a SignedRequest, headers: &'a [(&'a str, &'a str)]) -> Incoming<'a> {
    Incoming {
        method: "POST",
        query: "",
        headers,
        body: signed.body(),
    }
}

#[test]
fn the_verifier_refuses_duplicated_tc_headers() {
    let credential = Credential::new(ID, KEY);
    let signed = signed_at(NOW, &credential);
    let verifier = Verifier::new().with_credential(&credential);
    for extra in [
        ("x-tc-action", "TerminateInstances"),
        ("X-TC-Region", "ap-beijing"),
        ("X-TC-Version", "2017-03-12"),
        ("authorization", signed.authorization()),
        ("HOST", "evil.example"),
    ] {
        let mut headers = received_with(&signed, extra);
        if extra.0 == "X-TC-Region" {
            // Twice, whatever the first was.
            headers.push(extra);
        }
        let incoming = post(&signed, &headers);
        let rejection = verifier.verify_at(&incoming, NOW).unwrap_err();
        assert_eq!(rejection.code(), &CommonCode::InvalidParameter, "{extra:?}");
        assert!(
            rejection.message().contains("more than once"),
            "{rejection}"
        );
    }
    // Other headers may repeat.
    let headers = received_with(&signed, ("Accept", "*/*"));
    let mut headers = headers;
    headers.push(("Accept", "application/json"));
    let incoming = post(&signed, &headers);
    assert!(verifier.verify_at(&incoming, NOW).is_ok());
}

#[test]
fn the_verifier_says_which_headers_were_signed_and_the_signer_can_sign_the_action() {
    let credential = Credential::new(ID, KEY);
    let verifier = Verifier::new().with_credential(&credential);
    let plain = signed_at(NOW, &credential);
    let with_action = Request::post::<DescribeInstances>(&serde_json::json!({"Limit": 1}))
        .unwrap()
        .endpoint("http://127.0.0.1:8080")
        .timestamp(NOW)
        .sign_action(true)
        .sign(&credential)
        .unwrap();
    assert!(with_action
        .authorization()
        .contains("SignedHeaders=content-type;host;x-tc-action, "));
    let verify = |signed: &SignedRequest, action: &str| {
        let mut headers = received_without(signed, "X-TC-Action");
        headers.push(("X-TC-Action", action));
        let incoming = post(signed, &headers);
        verifier.verify_at(&incoming, NOW)
    };
    // Unsigned action: a relay can swap it, and `Verified` says it is not signed.
    let swapped = verify(&plain, "TerminateInstances").unwrap();
    assert_eq!(swapped.signed_headers(), ["content-type", "host"]);
    assert!(!swapped.is_signed("X-TC-Action"));
    // Signed action: the same swap breaks the signature.
    let ok = verify(&with_action, "DescribeInstances").unwrap();
    assert!(ok.is_signed("x-tc-action"));
    assert_eq!(ok.action(), "DescribeInstances");
    assert_eq!(
        verify(&with_action, "TerminateInstances")
            .unwrap_err()
            .code(),
        &CommonCode::AuthFailureSignatureFailure
    );
}

#[test]
fn the_verifier_refuses_a_signature_in_upper_case_or_cut_short() {
    let credential = Credential::new(ID, KEY);
    let verifier = Verifier::new().with_credential(&credential);
    let signed = signed_at(NOW, &credential);
    let auth = signed.authorization();
    let sig = signed.signature();
    for forged in [
        auth.replace(sig, &sig.to_uppercase()),
        auth.replace(sig, &sig[..63]),
        auth.replace(sig, &format!("{sig}00")),
    ] {
        let mut headers = received_without(&signed, "Authorization");
        headers.push(("Authorization", &forged));
        let incoming = post(&signed, &headers);
        assert_eq!(
            verifier.verify_at(&incoming, NOW).unwrap_err().code(),
            &CommonCode::AuthFailureSignatureFailure
        );
    }
}

#[test]
fn verified_debug_escapes_and_bounds_the_unsigned_headers() {
    let credential = Credential::new(ID, KEY);
    let signed = signed_at(NOW, &credential);
    let region = format!("ap\u{202E}x\u{1b}[2J{}", "r".repeat(10_000));
    let headers = received_with(&signed, ("X-TC-Region", &region));
    let incoming = post(&signed, &headers);
    let verified = Verifier::new()
        .with_credential(&credential)
        .verify_at(&incoming, NOW)
        .unwrap();
    assert_eq!(verified.region(), Some(region.as_str()));
    let shown = format!("{verified:?}");
    assert!(!shown.contains(['\u{202E}', '\u{1b}']), "{shown:?}");
    assert!(shown.len() < 2_000, "{} bytes", shown.len());
}
