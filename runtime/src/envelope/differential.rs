//! Paths 1 and 2 against the general decoder alone, on the same bodies: every answer of the
//! entry points must be the general decoder's (data equal, RequestId equal; errors equal in
//! every accessor, `Display` and `Debug`). The bodies: every layout of a data and an error
//! envelope, then tens of thousands of mutations of them (bytes deleted, inserted, replaced,
//! repeated; envelope keys and values spliced in), for structs the direct pass reads and
//! structs it leaves alone.

use std::fmt::Debug;

use serde::Deserialize;

use super::{from_slice_with_fallback, from_str, general};
use crate::action::Action;
use crate::code::ErrorCode;
use crate::error::Error;

use tencent_action_macros::tencent_action;

/// Nested, optional, renamed and numeric fields.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeInstances",
    schema = false
)]
#[derive(Debug)]
#[allow(dead_code)] // compared through `Debug`
struct Instances {
    total_count: i64,
    instance_set: Vec<Instance>,
    #[serde(rename = "CPU")]
    cpu: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // compared through `Debug`
struct Instance {
    instance_id: String,
    price: Option<f64>,
}

/// Every field optional: an error envelope is data to its derived visitor, but for the marker.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeZones",
    schema = false
)]
#[derive(Debug)]
#[allow(dead_code)] // compared through `Debug`
struct Optional {
    total_count: Option<u64>,
    #[serde(default)]
    zone_set: Vec<String>,
}

/// Borrowed text, and everything else kept.
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeLogs",
    schema = false
)]
#[derive(Debug)]
#[allow(dead_code)] // compared through `Debug`
struct Borrowed<'a> {
    #[serde(borrow)]
    context: Option<&'a str>,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Left to the general decoder (`Action::__DIRECT` is false).
#[tencent_action(
    service = "demo",
    version = "2017-03-12",
    action = "DescribeStrict",
    schema = false
)]
#[derive(Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // compared through `Debug`
struct Strict {
    total_count: Option<u64>,
}

crate::error_codes! {
    /// A product's codes.
    enum DemoCode { "FailedOperation.PhoneNumberInBlacklist" }
}

#[tencent_action(service = "demo", version = "2021-01-11", action = "SendSms", codes = DemoCode, schema = false)]
#[derive(Debug)]
#[allow(dead_code)] // compared through `Debug`
struct SendSms {
    send_status_set: Vec<serde_json::Value>,
}

const ID: &str = "6ef60bec-0242-43af-bb20-270359fb54a7";

fn show<T: Action + Debug>(result: &Result<T, Error<T::Code>>) -> String {
    match result {
        Ok(data) => format!("Ok({data:?}, {:?})", data.request_id()),
        Err(e) => format!(
            "Err({e:?} | {e} | {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?})",
            e.kind(),
            e.code(),
            e.typed_code(),
            e.message(),
            e.request_id(),
            e.path(),
            e.legacy_code(),
            e.http_status()
        ),
    }
}

/// Every entry point on `body`, against the general decoder.
fn agree<'de, T>(body: &'de [u8])
where
    T: Action + Deserialize<'de> + Debug,
    T::Code: ErrorCode,
{
    let reference = |fallback| {
        show(&general::<T, _>(
            serde_json::de::SliceRead::new(body),
            body,
            fallback,
        ))
    };
    for fallback in [None, Some("header-id")] {
        let expected = reference(fallback);
        let got = show(&from_slice_with_fallback::<T>(body, fallback));
        assert_eq!(got, expected, "{}", String::from_utf8_lossy(body));
    }
    if let Ok(text) = std::str::from_utf8(body) {
        let expected = reference(None);
        assert_eq!(show(&from_str::<T>(text)), expected, "from_str: {text}");
    }
}

fn agree_all(body: &[u8]) {
    agree::<Instances>(body);
    agree::<Optional>(body);
    agree::<Borrowed<'_>>(body);
    agree::<Strict>(body);
    agree::<SendSms>(body);
}

/// Compact JSON re-indented as a pretty printer writes it, the keys in their order.
fn pretty(body: &str) -> String {
    let (mut out, mut depth, mut in_string, mut escaped) = (String::new(), 0usize, false, false);
    for c in body.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        let newline = |out: &mut String, depth: usize| {
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
        };
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                depth += 1;
                out.push(c);
                newline(&mut out, depth);
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

fn bases() -> Vec<String> {
    let data = [
        format!(
            r#"{{"Response":{{"TotalCount":2,"InstanceSet":[{{"InstanceId":"ins-1","Price":1.5}}],"CPU":4,"ZoneSet":["a"],"Context":"c","SendStatusSet":[],"RequestId":"{ID}"}}}}"#
        ),
        format!(
            r#"{{"Response":{{"RequestId":"{ID}","TotalCount":0,"InstanceSet":[],"SendStatusSet":[{{"Code":"Ok"}}]}}}}"#
        ),
        r#"{"Response":{"RequestId":"r","TotalCount":1,"InstanceSet":[]}}"#.to_owned(),
    ];
    let messages = [
        "The phone number is in the blocklist.",
        "手机号在免打扰名单库中，免打扰名单可在控制台查看。",
        r#"The value \"+86185\" is invalid: \u003cbr\u003e\n"#,
    ];
    let mut out = Vec::new();
    for body in data {
        out.push(pretty(&body));
        out.push(body);
    }
    for message in messages {
        for code in [
            "FailedOperation.PhoneNumberInBlacklist",
            "InternalError",
            "Weird",
        ] {
            let error = format!(r#"{{"Code":"{code}","Message":"{message}"}}"#);
            for body in [
                format!(r#"{{"Response":{{"Error":{error},"RequestId":"{ID}"}}}}"#),
                format!(r#"{{"Response":{{"RequestId":"{ID}","Error":{error}}}}}"#),
                format!(r#"{{"Response":{{"RequestId":"r-1","Error":{error}}}}}"#),
                format!(r#"{{"Response":{{"TotalCount":1,"Error":{error},"RequestId":"{ID}"}}}}"#),
            ] {
                out.push(pretty(&body));
                out.push(body);
            }
        }
    }
    out.extend(
        [
            r#"{"code":4100,"message":"auth failed","codeDesc":"AuthFailure"}"#,
            r#"{"Response":{"TotalCount":"three","InstanceSet":[],"RequestId":"r"}}"#,
            r#"{"Response":{"TotalCount":1,"InstanceSet":[],"Error":"x"}}"#,
            r#"{"Response":{"TotalCount":1,"InstanceSet":[],"RequestId":null,"RequestId":"r"}}"#,
            r#"{"Response":{"TotalCount":1,"InstanceSet":[],"RequestId":"r\u0041"}}"#,
            r#"{"Response":[1,[],"r"]}"#,
            r#"[{"TotalCount":1,"InstanceSet":[],"RequestId":"r"}]"#,
            "",
        ]
        .map(str::to_owned),
    );
    out
}

/// SplitMix64: the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    }
}

const SPLICES: &[&[u8]] = &[
    br#""Error":"#,
    br#""Error":"x","#,
    br#""Error":{"Code":"C","Message":"m"},"#,
    br#""RequestId":"#,
    br#""RequestId":"x","#,
    br#""RequestId":null,"#,
    br#""Response":"#,
    br#""Response":{},"#,
    br#""Code":"D","#,
    br#""Message":3,"#,
    b"null",
    b",",
    b":",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b"\\u0041",
    b"\\\"",
    b" ",
    b"\n",
    b"1",
    b"\xc3\xa9",
    b"\xff",
    b"\x01",
];

fn mutate(rng: &mut Rng, body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 if !out.is_empty() => {
                let end = (at + 1 + rng.below(3)).min(out.len());
                out.drain(at.min(end)..end);
            }
            1 => {
                let splice = SPLICES[rng.below(SPLICES.len())];
                out.splice(at..at, splice.iter().copied());
            }
            2 if at < out.len() => {
                out[at] = SPLICES[rng.below(SPLICES.len())][0];
            }
            _ => {
                let end = (at + rng.below(12)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
        }
    }
    out
}

#[test]
fn every_layout_agrees_with_the_general_decoder() {
    for body in bases() {
        agree_all(body.as_bytes());
        agree_all(format!(" {body}\n").as_bytes());
    }
}

#[test]
fn mutated_bodies_agree_with_the_general_decoder() {
    let bases = bases();
    let mut rng = Rng(0x7e11_ce47);
    for i in 0..30_000 {
        // Half of them from the data bodies (the first six), which are fewer.
        let base = match i % 2 {
            0 => &bases[rng.below(6)],
            _ => &bases[rng.below(bases.len())],
        };
        let body = mutate(&mut rng, base.as_bytes());
        agree_all(&body);
    }
}
