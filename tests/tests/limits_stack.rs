//! The failure path's stack use stays within a small factor of serde_json's: at serde_json's
//! nesting limit (128) with a bad leaf, a decode on a small-stack thread (256 KiB) reports the
//! error instead of overflowing, through both `from_slice` and `from_str`.

use tencent_action::prelude::*;
use tencent_action::ErrorKind;

// A made-up product ("demo" has no published schema): the test needs fields no real action has.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeInstances",
    schema = false
)]
#[derive(Debug)]
pub struct DescribeInstances {
    pub data: Option<serde_json::Value>,
    pub tree: Option<Node>,
    pub grid: Option<Grid>,
}

/// Eight levels of sequences of bytes.
pub type Grid = Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<u8>>>>>>>>;

/// A recursive user type: each level is a real call of its derived `Deserialize`.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Node {
    pub children: Vec<Node>,
}

const STACK: usize = 256 << 10;

/// The deepest nesting serde_json accepts inside `{"Response": {"Field": ...}}`: it takes 127
/// levels, and the two envelope objects count towards them.
const DEPTH: usize = 125;

/// Decodes `body` both ways on a thread with a 256 KiB stack; the error's kind and path.
fn kind_on_small_stack(body: String) -> (ErrorKind, Option<String>) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let a = tencent_action::from_slice::<DescribeInstances>(body.as_bytes()).unwrap_err();
            let b = tencent_action::from_str::<DescribeInstances>(&body).unwrap_err();
            assert_eq!(a.to_string(), b.to_string());
            assert_eq!(a.request_id(), Some("r"), "{a}");
            // The leaf is what is wrong, not the depth: the body is within the limit.
            assert!(!a.to_string().contains("recursion limit"), "{a}");
            (a.kind(), a.path().map(str::to_owned))
        })
        .expect("spawn")
        .join()
        .expect("the decode thread panicked (or overflowed its 256 KiB stack)")
}

#[test]
fn plain_serde_json_fits_the_same_stack() {
    // The yardstick: serde_json alone, at its limit, on the same stack.
    let body = "[".repeat(DEPTH + 2) + "x" + &"]".repeat(DEPTH + 2);
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let e = serde_json::from_str::<serde_json::Value>(&body).unwrap_err();
            assert!(e.to_string().contains("expected value"), "{e}");
        })
        .expect("spawn")
        .join()
        .expect("serde_json overflowed");
}

#[test]
fn a_bad_leaf_at_the_nesting_limit_in_a_value_is_a_json_error() {
    let body = format!(
        r#"{{"Response": {{"RequestId": "r", "Data": {}x{}}}}}"#,
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    assert_eq!(kind_on_small_stack(body).0, ErrorKind::Json);
}

#[test]
fn a_bad_leaf_at_the_nesting_limit_in_a_recursive_type_is_a_shape_error() {
    // Each `Node` level is two JSON levels (object, array): the leaf is a string where a
    // `Node` object belongs.
    let levels = DEPTH / 2;
    let body = format!(
        r#"{{"Response": {{"RequestId": "r", "Tree": {}"bad"{}}}}}"#,
        "{\"Children\":[".repeat(levels),
        "]}".repeat(levels)
    );
    let (kind, path) = kind_on_small_stack(body);
    assert_eq!(kind, ErrorKind::Shape);
    // The path is still tracked, all the way down.
    let expected = format!("Response.Tree{}", ".Children[0]".repeat(levels));
    assert_eq!(path.as_deref(), Some(expected.as_str()));
}

#[test]
fn a_bad_leaf_after_the_request_id_in_nested_sequences_is_a_shape_error() {
    let body = format!(
        r#"{{"Response": {{"RequestId": "r", "Grid": {}"bad"{}}}}}"#,
        "[".repeat(8),
        "]".repeat(8)
    );
    assert_eq!(kind_on_small_stack(body).0, ErrorKind::Shape);
}

#[test]
fn a_bad_leaf_at_the_nesting_limit_in_a_skipped_field_is_a_json_error() {
    let body = format!(
        r#"{{"Response": {{"RequestId": "r", "Unknown": {}x{}}}}}"#,
        "{\"k\":".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    assert_eq!(kind_on_small_stack(body).0, ErrorKind::Json);
}
