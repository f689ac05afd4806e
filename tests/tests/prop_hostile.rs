//! Property: a valid body with random bytes before or after it, cut short anywhere, or with
//! one byte changed never panics; wherever the result is not valid JSON the decode is an
//! error, and wherever it still means the same JSON the decode is the same.

use proptest::prelude::*;
use serde_json::Value;
use tencent_action::prelude::*;
use tencent_action::ErrorKind;

// A made-up product ("demo" has no published schema): the test needs fields of every kind,
// which no real action has, so the schema check does not apply.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeInstances",
    schema = false
)]
#[derive(Debug, PartialEq)]
pub struct DescribeInstances {
    pub total_count: i64,
    pub instance_set: Vec<Instance>,
    #[serde(rename = "CPU")]
    pub cpu: Option<u64>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub tags: Option<Vec<String>>,
}

/// Valid bodies of every kind: data (RequestId first or last, escapes, Unicode), an API
/// error, a legacy error.
const BODIES: &[&str] = &[
    r#"{"Response": {"TotalCount": 2, "InstanceSet": [{"InstanceId": "ins-1", "Tags": ["a", "\u00e9\n"]}, {"InstanceId": "ins-\"2\"", "Tags": null}], "CPU": 4, "RequestId": "6d1bd3c4-0f21-4d6a-9b43-0a3c6b7e8f90"}}"#,
    r#"{"Response":{"RequestId":"r-中文😀","TotalCount":0,"InstanceSet":[]}}"#,
    r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "The provided credentials could not be validated."}, "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#,
    r#"{"Response": {"RequestId": "r2", "Error": {"Message": "m\u0000", "Code": "UnsupportedOperation."}}}"#,
    r#"{"code": 4100, "message": "auth failed", "codeDesc": "AuthFailure"}"#,
];

/// What a decode produced, comparable across inputs.
#[derive(Debug, PartialEq)]
enum Seen {
    Data(DescribeInstances, String),
    Failed {
        kind: ErrorKind,
        code: Option<String>,
        message: Option<String>,
    },
}

/// Decodes with both entry points (they must agree), exercising every accessor of an error.
fn decode(bytes: &[u8]) -> Result<Seen, TestCaseError> {
    let seen = match tencent_action::from_slice::<DescribeInstances>(bytes) {
        Ok(out) => {
            let rid = out.request_id().to_owned();
            Seen::Data(out, rid)
        }
        Err(e) => {
            let _ = (e.path(), e.request_id(), e.category(), e.legacy_code());
            let _ = (e.to_string(), format!("{e:?}"));
            Seen::Failed {
                kind: e.kind(),
                code: e.code().map(str::to_owned),
                message: e.message().map(str::to_owned),
            }
        }
    };
    if let Ok(text) = std::str::from_utf8(bytes) {
        let by_str = match tencent_action::from_str::<DescribeInstances>(text) {
            Ok(out) => {
                let rid = out.request_id().to_owned();
                Seen::Data(out, rid)
            }
            Err(e) => Seen::Failed {
                kind: e.kind(),
                code: e.code().map(str::to_owned),
                message: e.message().map(str::to_owned),
            },
        };
        prop_assert_eq!(&seen, &by_str, "from_slice and from_str disagree");
    }
    Ok(seen)
}

/// The oracle: does `bytes` hold one JSON value, and which.
fn json(bytes: &[u8]) -> Option<Value> {
    serde_json::from_slice(bytes).ok()
}

/// Checks one mutated body against the original.
fn check(original: &[u8], mutated: &[u8]) -> Result<(), TestCaseError> {
    let seen = decode(mutated)?;
    match json(mutated) {
        None => {
            // Not JSON: never data. (An API error already seen before the damage may still
            // be reported as such.)
            prop_assert!(
                !matches!(seen, Seen::Data(..)),
                "decoded invalid JSON: {:?}",
                String::from_utf8_lossy(mutated)
            );
        }
        Some(value) if Some(&value) == json(original).as_ref() => {
            prop_assert_eq!(&seen, &decode(original)?, "same JSON, different result");
        }
        Some(_) => {}
    }
    Ok(())
}

fn body() -> impl Strategy<Value = &'static str> {
    prop::sample::select(BODIES)
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let structural = prop::sample::select(b"{}[]\":,\\ \n0123456789-.eEtrufalsn".to_vec());
    let b = prop_oneof![2 => any::<u8>(), 3 => structural];
    prop::collection::vec(b, 1..max)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_prefix_never_panics(body in body(), prefix in bytes(24)) {
        let mut mutated = prefix.clone();
        mutated.extend_from_slice(body.as_bytes());
        check(body.as_bytes(), &mutated)?;
        if prefix.iter().any(|b| !b" \t\r\n".contains(b)) {
            prop_assert!(json(&mutated).is_none(), "a prefix cannot make a second valid document");
            prop_assert!(!matches!(decode(&mutated)?, Seen::Data(..)));
        }
    }

    #[test]
    fn random_suffix_never_panics(body in body(), suffix in bytes(24)) {
        let mut mutated = body.as_bytes().to_vec();
        mutated.extend_from_slice(&suffix);
        check(body.as_bytes(), &mutated)?;
        if suffix.iter().any(|b| !b" \t\r\n".contains(b)) {
            // Trailing characters after the value: an error, whatever they are.
            prop_assert!(!matches!(decode(&mutated)?, Seen::Data(..)));
        }
    }

    #[test]
    fn truncation_anywhere_is_an_error(body in body(), cut in any::<prop::sample::Index>()) {
        let bytes = body.as_bytes();
        let at = cut.index(bytes.len());
        let mutated = &bytes[..at];
        check(bytes, mutated)?;
        prop_assert!(json(mutated).is_none());
        match decode(mutated)? {
            Seen::Data(..) => prop_assert!(false, "a truncated body decoded"),
            Seen::Failed { kind, .. } => prop_assert!(
                matches!(kind, ErrorKind::Json | ErrorKind::Api),
                "truncated at {at}: {kind:?}"
            ),
        }
    }

    #[test]
    fn one_byte_changed_never_panics(body in body(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut mutated = body.as_bytes().to_vec();
        let i = at.index(mutated.len());
        mutated[i] = byte;
        check(body.as_bytes(), &mutated)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(junk in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = decode(&junk)?;
    }
}

/// What each of [`BODIES`] decodes to whole: its RequestId, and its code when it is an API
/// error.
const EXPECTED: [(Option<&str>, Option<&str>); 5] = [
    (Some("6d1bd3c4-0f21-4d6a-9b43-0a3c6b7e8f90"), None),
    (Some("r-中文😀"), None),
    (
        Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"),
        Some("AuthFailure.SignatureFailure"),
    ),
    (Some("r2"), Some("UnsupportedOperation.")),
    (None, Some("AuthFailure")),
];

#[test]
fn every_prefix_of_every_body_is_an_error() {
    // The exhaustive version of the truncation property, on the fixed bodies.
    for (body, (rid, code)) in BODIES.iter().zip(EXPECTED) {
        let whole = tencent_action::from_slice::<DescribeInstances>(body.as_bytes());
        match (code, whole) {
            (None, Ok(out)) => assert_eq!(Some(out.request_id()), rid, "{body}"),
            (Some(code), Err(e)) => {
                assert_eq!(e.kind(), ErrorKind::Api, "{body}: {e}");
                assert_eq!(e.code(), Some(code), "{body}");
                assert_eq!(e.request_id(), rid, "{body}");
            }
            (code, whole) => panic!("{body}: expected code {code:?}, got {whole:?}"),
        }
        // Where the RequestId's closing quote is: any prefix that holds it keeps it.
        let id_end = rid.map(|id| body.find(&format!("\"{id}\"")).unwrap() + id.len() + 2);
        for at in 0..body.len() {
            let cut = &body.as_bytes()[..at];
            let shown = String::from_utf8_lossy(cut);
            let e = tencent_action::from_slice::<DescribeInstances>(cut).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::Json | ErrorKind::Api),
                "{shown:?}: {e}"
            );
            if id_end.is_some_and(|end| at >= end) {
                assert_eq!(e.request_id(), rid, "{shown:?}: {e}");
            }
        }
    }
}
