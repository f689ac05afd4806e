//! The hidden RequestId field does not get in the way of ordinary habits: building a value with
//! `..Default::default()` in another crate, comparing, hashing and printing responses.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use tencent_action::prelude::*;
use tencent_action_tests::models::DescribeZones;

fn decode(total: u64, request_id: &str) -> DescribeZones {
    let body = format!(r#"{{"Response": {{"TotalCount": {total}, "RequestId": "{request_id}"}}}}"#);
    tencent_action::from_str(&body).unwrap()
}

fn hash(value: &DescribeZones) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[test]
fn a_value_is_built_with_default_from_another_crate() {
    // `DescribeZones` is declared in the `tencent_action_tests` library: this is another crate.
    let built = DescribeZones {
        total_count: 4,
        ..Default::default()
    };
    assert_eq!(built.total_count, 4);
    assert_eq!(built.request_id(), "");
}

#[test]
fn equality_ordering_and_hash_ignore_the_request_id() {
    let a = decode(3, "6ef60bec-0242-43af-bb20-270359fb54a7");
    let b = decode(3, "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
    assert_ne!(a.request_id(), b.request_id());
    assert_eq!(a, b);
    assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
    assert_eq!(hash(&a), hash(&b));
    // A value built by hand equals a decoded one with the same data.
    let built = DescribeZones {
        total_count: 3,
        ..Default::default()
    };
    assert_eq!(a, built);
    // The data still counts.
    assert_ne!(a, decode(4, a.request_id()));
    assert!(decode(2, "x") < decode(3, "x"));
}

#[test]
fn debug_shows_the_request_id_under_its_public_name() {
    let a = decode(3, "6ef60bec-0242-43af-bb20-270359fb54a7");
    let shown = format!("{a:?}");
    assert!(!shown.contains("__"), "no internal name: {shown}");
    assert!(shown.contains("total_count: 3"), "{shown}");
    assert!(
        shown.contains(r#"request_id: "6ef60bec-0242-43af-bb20-270359fb54a7""#),
        "{shown}"
    );
    // A clone keeps the id.
    assert_eq!(a.clone().request_id(), a.request_id());
}
