//! Property: random codes and messages (JSON escapes, any Unicode, control characters, very
//! long) round-trip exactly through an error envelope, whatever the key order, the escape
//! form and the entries around `Error`; the code and message stay on one line in Display.

use proptest::prelude::*;
use tencent_action::prelude::*;
use tencent_action::ErrorKind;

#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
#[derive(Debug)]
pub struct SendSms {
    pub send_status_set: Vec<SendStatus>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendStatus {
    pub code: String,
}

fn short_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"',
        '\\',
        '/',
        '\n',
        '\r',
        '\t',
        '\u{0}',
        '\u{8}',
        '\u{c}',
        '\u{1b}',
        '\u{7f}',
        '\u{85}',
        '\u{2028}',
        '\u{2029}',
        '.',
        'é',
        '中',
        '😀',
        '\u{10FFFF}',
        '\u{FEFF}',
        '\u{200B}',
    ]);
    let c = prop_oneof![3 => any::<char>(), 3 => special, 2 => prop::char::range('A', 'z')];
    prop::collection::vec(c, 0..48).prop_map(String::from_iter)
}

/// Mostly short strings, sometimes very long ones (up to 256 KiB) built from a random unit.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => short_text(),
        1 => (short_text(), 1usize..8192).prop_map(|(unit, n)| {
            let unit = if unit.is_empty() { "x".to_owned() } else { unit };
            unit.repeat(n).chars().take(262_144).collect()
        }),
    ]
}

/// A JSON string literal for `s`: every character escaped as `\uXXXX` when `escape_all`,
/// else the minimal escapes serde_json writes.
fn literal(s: &str, escape_all: bool) -> String {
    if !escape_all {
        return serde_json::to_string(s).unwrap();
    }
    let mut out = String::from("\"");
    let mut units = [0u16; 2];
    for c in s.chars() {
        for unit in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
    out.push('"');
    out
}

/// The arrangements of the `Response` object an error can come in.
#[derive(Debug, Clone, Copy)]
enum Layout {
    RequestIdFirst,
    RequestIdLast,
    /// Data entries before `Error` (the user's struct is partly read when `Error` arrives).
    DataBeforeError,
    /// Junk entries after `Error` and before `RequestId`.
    JunkAfterError,
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::RequestIdFirst),
        Just(Layout::RequestIdLast),
        Just(Layout::DataBeforeError),
        Just(Layout::JunkAfterError),
    ]
}

fn body(
    code: &str,
    message: &str,
    rid: &str,
    layout: Layout,
    message_first: bool,
    escape_all: bool,
) -> String {
    let (c, m, r) = (
        literal(code, escape_all),
        literal(message, escape_all),
        literal(rid, escape_all),
    );
    let error = if message_first {
        format!(r#"{{"Message": {m}, "Code": {c}}}"#)
    } else {
        format!(r#"{{"Code": {c}, "Message": {m}}}"#)
    };
    let response = match layout {
        Layout::RequestIdFirst => format!(r#"{{"RequestId": {r}, "Error": {error}}}"#),
        Layout::RequestIdLast => format!(r#"{{"Error": {error}, "RequestId": {r}}}"#),
        Layout::DataBeforeError => format!(
            r#"{{"SendStatusSet": [{{"Code": "Ok"}}], "Error": {error}, "RequestId": {r}}}"#
        ),
        Layout::JunkAfterError => format!(
            r#"{{"Error": {error}, "SendStatusSet": "not a list", "Junk": [[{{}}]], "RequestId": {r}}}"#
        ),
    };
    format!(r#"{{"Response": {response}}}"#)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn codes_and_messages_round_trip_exactly(
        code in text(),
        message in text(),
        rid in short_text(),
        layout in layout(),
        message_first in any::<bool>(),
        escape_all in any::<bool>(),
    ) {
        let body = body(&code, &message, &rid, layout, message_first, escape_all);
        for e in [
            tencent_action::from_str::<SendSms>(&body).unwrap_err(),
            tencent_action::from_slice::<SendSms>(body.as_bytes()).unwrap_err(),
        ] {
            prop_assert_eq!(e.kind(), ErrorKind::Api);
            prop_assert_eq!(e.code(), Some(code.as_str()));
            prop_assert_eq!(e.message(), Some(message.as_str()));
            prop_assert_eq!(e.request_id(), Some(rid.as_str()));
            prop_assert_eq!(e.action(), "SendSms");
            // Code, message and RequestId are escaped onto one line.
            let shown = e.to_string();
            prop_assert!(!shown.chars().any(char::is_control), "{}", shown);
            let _ = format!("{e:?}");
        }
    }

    #[test]
    fn legacy_codes_and_messages_round_trip(
        code in any::<i64>().prop_filter("zero is success", |c| *c != 0),
        message in text(),
        code_desc in prop::option::of(short_text()),
    ) {
        let desc = code_desc.as_deref().map(|d| format!(r#", "codeDesc": {}"#, literal(d, false))).unwrap_or_default();
        let body = format!(r#"{{"code": {code}, "message": {}{desc}}}"#, literal(&message, false));
        let e = tencent_action::from_str::<SendSms>(&body).unwrap_err();
        prop_assert_eq!(e.kind(), ErrorKind::Api);
        prop_assert_eq!(e.legacy_code(), Some(code));
        let expected_code = code_desc.clone().unwrap_or_else(|| code.to_string());
        prop_assert_eq!(e.code(), Some(expected_code.as_str()));
        prop_assert_eq!(e.message(), Some(message.as_str()));
    }
}

#[test]
fn a_long_message_with_every_escape_round_trips() {
    // One deterministic case of the property, so its failure names the input plainly.
    let message: String = (0u32..0x800)
        .filter_map(char::from_u32)
        .chain(['😀', '\u{10FFFF}'])
        .collect::<String>()
        .repeat(64);
    let b = body(
        "FailedOperation.X",
        &message,
        "rid",
        Layout::JunkAfterError,
        true,
        true,
    );
    let e = tencent_action::from_str::<SendSms>(&b).unwrap_err();
    assert_eq!(e.message(), Some(message.as_str()));
    assert_eq!(e.code(), Some("FailedOperation.X"));
    assert_eq!(e.request_id(), Some("rid"));
}
