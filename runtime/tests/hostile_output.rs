//! What a hostile response can make an error print: bounded, one line, no bidi or format
//! characters, while the accessors stay exact.

use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
#[derive(Debug)]
pub struct DescribeZones {
    pub total_count: u64,
}

/// Characters that must never reach a log raw: controls, separators, bidi and format.
const RAW: [char; 9] = [
    '\n', '\r', '\u{1b}', '\u{85}', '\u{2028}', '\u{2029}', '\u{202E}', '\u{200B}', '\u{2066}',
];

fn assert_safe(shown: &str, limit: usize) {
    assert!(
        shown.len() <= limit,
        "{} bytes: {}",
        shown.len(),
        &shown[..200]
    );
    for c in RAW {
        assert!(!shown.contains(c), "raw {c:?} in {shown:?}");
    }
}

fn err(body: &str) -> tencent_action::Error {
    tencent_action::from_str::<DescribeZones>(body).unwrap_err()
}

#[test]
fn a_megabyte_code_message_or_request_id_gives_a_bounded_display_and_debug() {
    let big = "A".repeat(1 << 20);
    let body = format!(
        r#"{{"Response": {{"Error": {{"Code": "{big}", "Message": "{big}"}}, "RequestId": "{big}"}}}}"#
    );
    let e = err(&body);
    assert_eq!(e.code(), Some(big.as_str()));
    assert_eq!(e.message(), Some(big.as_str()));
    assert_eq!(e.request_id(), Some(big.as_str()));
    let display = e.to_string();
    assert_safe(&display, 2_000);
    assert!(
        display.contains(&format!("…[{} bytes]", big.len())),
        "{display}"
    );
    assert_safe(&format!("{e:?}"), 4_000);
    // Pretty `Debug` is several lines by design: bounded all the same.
    assert!(format!("{e:#?}").len() <= 4_000);
}

#[test]
fn a_megabyte_string_where_a_number_belongs_gives_a_bounded_display() {
    let big = "7".repeat(1 << 20);
    let e = err(&format!(
        r#"{{"Response": {{"TotalCount": "{big}", "RequestId": "r"}}}}"#
    ));
    assert_eq!(e.kind(), tencent_action::ErrorKind::Shape);
    assert_safe(&e.to_string(), 2_000);
    assert_safe(&format!("{e:?}"), 4_000);
}

#[test]
fn separators_bidi_and_format_characters_are_escaped_everywhere() {
    let hostile = r"x\u2028INFO ok\u2029\u202Egnp.exe\u200B\u2066\u0085\u001b[2J";
    for body in [
        format!(
            r#"{{"Response": {{"Error": {{"Code": "{hostile}", "Message": "{hostile}"}}, "RequestId": "{hostile}"}}}}"#
        ),
        format!(r#"{{"Response": {{"TotalCount": "{hostile}", "RequestId": "{hostile}"}}}}"#),
        format!(r#"{{"Response": {{"Total{hostile}": 1, "TotalCount": true, "RequestId": "r"}}}}"#),
        format!(r#"{{"Response": [], "{hostile}": 1}}"#),
        "{\"Response\": {\"TotalCount\": 1, \"RequestId\": \"r\"}} \u{202E}\u{2028}".to_owned(),
    ] {
        let e = err(&body);
        assert_safe(&e.to_string(), 2_000);
        assert_safe(&format!("{e:?}"), 4_000);
    }
}
