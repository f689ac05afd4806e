//! Nesting far beyond serde_json's recursion limit (128) is never a stack overflow: 100 000
//! nested arrays or objects in a user field of `serde_json::Value` or a recursive user type
//! are an error (the limit), at the top level, in unknown entries and inside `Response.Error`
//! they are skipped without recursion; through both `from_slice` and `from_str`, and through
//! the failure path that re-reads the body.
//!
//! Each decode runs on a thread with a 2 MiB stack (the size of a spawned thread's default
//! stack), so the test does not depend on `RUST_MIN_STACK` or the main thread's larger stack.

use tencent_action::prelude::*;
use tencent_action::ErrorKind;

const DEPTH: usize = 100_000;

// A made-up product ("demo" has no published schema): the test needs fields of every kind,
// which no real action has, so the schema check does not apply.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeInstances",
    schema = false
)]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: Option<i64>,
    pub data: Option<serde_json::Value>,
    pub tree: Option<Node>,
}

/// A recursive user type: each level is a real call of its derived `Deserialize`.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Node {
    pub children: Vec<Node>,
}

fn arrays(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

fn objects(key: &str, depth: usize) -> String {
    format!("{{\"{key}\":").repeat(depth) + "null" + &"}".repeat(depth)
}

fn tree(depth: usize) -> String {
    "{\"Children\":[".repeat(depth) + &"]}".repeat(depth)
}

/// How a decode ended: the RequestId of a success, or the error's kind and Display.
type Outcome = Result<String, (ErrorKind, String)>;

/// Decodes `body` both ways on a 2 MiB stack (they must agree).
fn decode(body: String) -> Outcome {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let a = tencent_action::from_slice::<DescribeInstances>(body.as_bytes());
            let b = tencent_action::from_str::<DescribeInstances>(&body);
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.request_id(), b.request_id());
                    Ok(a.request_id().to_owned())
                }
                (Err(a), Err(b)) => {
                    assert_eq!(a.to_string(), b.to_string());
                    let shown = a.to_string();
                    // The error excerpts the body, it does not carry it.
                    assert!(shown.len() < 1_000, "{} bytes of Display", shown.len());
                    Err((a.kind(), shown))
                }
                (a, b) => panic!("from_slice and from_str disagree: {a:?} / {b:?}"),
            }
        })
        .expect("spawn")
        .join()
        .expect("the decode thread panicked (or overflowed its stack)")
}

fn assert_recursion_limit(body: String) {
    match decode(body) {
        Err((kind, shown)) => {
            assert_eq!(kind, ErrorKind::Json, "{shown}");
            assert!(shown.contains("recursion limit exceeded"), "{shown}");
        }
        Ok(rid) => panic!("decoded (RequestId {rid:?})"),
    }
}

fn assert_kind(body: String, expected: ErrorKind) {
    match decode(body) {
        Err((kind, shown)) => assert_eq!(kind, expected, "{shown}"),
        Ok(rid) => panic!("decoded (RequestId {rid:?})"),
    }
}

// Values the decoder builds (a `serde_json::Value`, a recursive user type) recurse, and stop
// at serde_json's limit with an error.

#[test]
fn deep_arrays_and_objects_in_a_user_value_field_hit_the_limit() {
    assert_recursion_limit(format!(
        r#"{{"Response": {{"TotalCount": 1, "Data": {}, "RequestId": "r"}}}}"#,
        arrays(DEPTH)
    ));
    assert_recursion_limit(format!(
        r#"{{"Response": {{"Data": {}, "RequestId": "r"}}}}"#,
        objects("k", DEPTH)
    ));
}

#[test]
fn a_deep_recursive_user_type_hits_the_limit() {
    assert_recursion_limit(format!(
        r#"{{"Response": {{"Tree": {}, "RequestId": "r"}}}}"#,
        tree(DEPTH)
    ));
}

#[test]
fn unclosed_deep_nesting_in_a_user_field_hits_the_limit() {
    assert_recursion_limit(format!(r#"{{"Response": {{"Data": {}"#, "[".repeat(DEPTH)));
}

// Values the decoder skips (unknown entries, the inside of a malformed `Error`) are skipped
// without recursion: deep nesting there costs no stack, and the rest decodes as usual.

#[test]
fn deep_nesting_in_an_unknown_response_field_is_skipped() {
    let rid = decode(format!(
        r#"{{"Response": {{"Junk": {}, "TotalCount": 1, "RequestId": "r"}}}}"#,
        arrays(DEPTH)
    ));
    assert_eq!(rid, Ok("r".to_owned()));
    let rid = decode(format!(
        r#"{{"Response": {{"Junk": {}, "RequestId": "r2"}}}}"#,
        objects("k", DEPTH)
    ));
    assert_eq!(rid, Ok("r2".to_owned()));
}

#[test]
fn deep_nesting_beside_the_response_is_skipped() {
    let rid = decode(format!(
        r#"{{"Junk": {}, "Response": {{"RequestId": "r"}}}}"#,
        arrays(DEPTH)
    ));
    assert_eq!(rid, Ok("r".to_owned()));
    // A legacy `code` that is not a number is no error code: no `Response`, no envelope.
    assert_kind(
        format!(r#"{{"code": {}}}"#, arrays(DEPTH)),
        ErrorKind::Envelope,
    );
}

#[test]
fn deep_arrays_at_top_level_are_not_an_envelope() {
    // The top level must be an object: the decoder stops at the first `[`.
    assert_kind(arrays(DEPTH), ErrorKind::Envelope);
    assert_kind("[".repeat(DEPTH), ErrorKind::Envelope);
}

#[test]
fn deep_objects_at_top_level_are_skipped_or_rejected() {
    // `{"a": {"a": ...}}`: an unknown key, skipped; then there is no `Response`.
    assert_kind(objects("a", DEPTH), ErrorKind::Envelope);
    // `{"Response": {"Response": ...}}`: the inner levels are an unknown field of the struct.
    assert_eq!(decode(objects("Response", DEPTH)), Ok(String::new()));
}

#[test]
fn deep_nesting_inside_the_error_is_an_error_not_a_crash() {
    // A deep `Message` is no message: the code still comes through.
    match decode(format!(
        r#"{{"Response": {{"Error": {{"Code": "X", "Message": {}}}, "RequestId": "r"}}}}"#,
        arrays(DEPTH)
    )) {
        Err((ErrorKind::Api, shown)) => assert!(shown.contains("failed: X"), "{shown}"),
        other => panic!("{other:?}"),
    }
    // A deep `Code` is no code.
    assert_kind(
        format!(
            r#"{{"Response": {{"Error": {{"Code": {}}}, "RequestId": "r"}}}}"#,
            objects("c", DEPTH)
        ),
        ErrorKind::Envelope,
    );
    assert_kind(
        format!(r#"{{"Response": {{"Error": {}}}}}"#, arrays(DEPTH)),
        ErrorKind::Envelope,
    );
}

#[test]
fn unclosed_deep_nesting_in_a_skipped_field_is_a_json_error() {
    assert_kind(
        format!(r#"{{"Response": {{"Junk": {}"#, "[".repeat(DEPTH)),
        ErrorKind::Json,
    );
}

#[test]
fn nesting_within_the_limit_still_decodes() {
    // Just under serde_json's limit of 128, counting the two envelope levels.
    let body = format!(
        r#"{{"Response": {{"Data": {}, "Tree": {}, "RequestId": "r"}}}}"#,
        arrays(120),
        tree(60)
    );
    let out: DescribeInstances = tencent_action::from_str(&body).unwrap();
    assert!(out.data.is_some());
    assert_eq!(out.request_id(), "r");
}
