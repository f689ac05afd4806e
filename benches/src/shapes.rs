//! The payloads in every layout the floor is judged on: compact and pretty-printed, `RequestId`
//! last (as Tencent writes it) and first, and the error envelope with an English, a Chinese
//! (`zh-CN`, the API's default language) and an escaped message.
//!
//! Each [`Shape`] names a body and the floor and library decoders for it; `decode_once` (for
//! callgrind) and `floor_ratio` (interleaved wall time) take the shapes by [`Shape::name`].

use std::hint::black_box;

use crate::decode;
use crate::{cls, cvm, fail, sms};

/// A decoder: whether it decoded the body as expected.
pub type Decode = fn(&[u8]) -> bool;

/// A body in one layout, with the floor and the library decoding it (each returns whether it
/// decoded as expected: data for a success body, an API error for an error body).
pub struct Shape {
    /// `payload[.variant][.pretty][.first]`: `small`, `error.zh.pretty`, `large.first`...
    pub name: &'static str,
    /// The bytes.
    pub body: Vec<u8>,
    /// Plain serde into the envelope struct holding the fields and the RequestId.
    pub floor: Decode,
    /// `tencent_action::from_slice`.
    pub library: Decode,
}

/// Where the RequestId stands in `Response`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IdAt {
    /// After the data or the error, as Tencent writes it.
    Last,
    /// Before everything else.
    First,
}

/// Every shape, in a fixed order: 4 small, 7 error, 3 medium (CVM), 3 large (CLS).
///
/// ```
/// let shapes = tencent_action_benches::shapes::all();
/// assert_eq!(shapes.len(), 17);
/// for s in &shapes {
///     assert!((s.floor)(&s.body), "floor {}", s.name);
///     assert!((s.library)(&s.body), "library {}", s.name);
/// }
/// ```
pub fn all() -> Vec<Shape> {
    let small = sms::payload();
    let medium = cvm::payload();
    let large = cls::payload();
    let (en, zh, escaped) = (
        fail::payload(),
        fail::payload_with(fail::MESSAGE_ZH),
        fail::payload_with(fail::MESSAGE_ESCAPED),
    );
    let mut shapes = Vec::new();
    let mut add = |name, body: &[u8], pretty, at, floor, library| {
        shapes.push(Shape {
            name,
            body: reshape(body, pretty, at),
            floor,
            library,
        })
    };
    use IdAt::{First, Last};
    let (sf, sl): (Decode, Decode) = (
        |b| decode::floor::<sms::SendSmsPlain>(black_box(b)).is_ok(),
        |b| decode::library::<sms::SendSms>(black_box(b)).is_ok(),
    );
    add("small", &small, false, Last, sf, sl);
    add("small.first", &small, false, First, sf, sl);
    add("small.pretty", &small, true, Last, sf, sl);
    add("small.pretty.first", &small, true, First, sf, sl);
    let (ef, el): (Decode, Decode) = (
        |b| decode::floor::<fail::ErrorPlain>(black_box(b)).is_ok(),
        |b| decode::library::<sms::SendSms>(black_box(b)).is_err_and(|e| e.code().is_some()),
    );
    add("error", &en, false, Last, ef, el);
    add("error.zh", &zh, false, Last, ef, el);
    add("error.escaped", &escaped, false, Last, ef, el);
    add("error.first", &en, false, First, ef, el);
    add("error.pretty", &en, true, Last, ef, el);
    add("error.zh.pretty", &zh, true, Last, ef, el);
    add("error.zh.pretty.first", &zh, true, First, ef, el);
    let (mf, ml): (Decode, Decode) = (
        |b| decode::floor::<cvm::DescribeInstancesPlain>(black_box(b)).is_ok(),
        |b| decode::library::<cvm::DescribeInstances>(black_box(b)).is_ok(),
    );
    add("medium", &medium, false, Last, mf, ml);
    add("medium.pretty", &medium, true, Last, mf, ml);
    add("medium.first", &medium, false, First, mf, ml);
    let (lf, ll): (Decode, Decode) = (
        |b| decode::floor::<cls::SearchLogPlain>(black_box(b)).is_ok(),
        |b| decode::library::<cls::SearchLog>(black_box(b)).is_ok(),
    );
    add("large", &large, false, Last, lf, ll);
    add("large.pretty", &large, true, Last, lf, ll);
    add("large.first", &large, false, First, lf, ll);
    shapes
}

/// The shape called `name`.
///
/// ```
/// let s = tencent_action_benches::shapes::named("error.zh.pretty").unwrap();
/// assert!(String::from_utf8(s.body).unwrap().contains("\n    \"Error\": {"));
/// ```
pub fn named(name: &str) -> Option<Shape> {
    all().into_iter().find(|s| s.name == name)
}

/// `body` (a compact envelope with `RequestId` last in `Response`) with the RequestId moved to
/// `at`, then pretty-printed when `pretty`.
///
/// ```
/// use tencent_action_benches::shapes::{reshape, IdAt};
/// let body = br#"{"Response":{"A":[1,{}],"RequestId":"r"}}"#;
/// assert_eq!(reshape(body, false, IdAt::First), br#"{"Response":{"RequestId":"r","A":[1,{}]}}"#);
/// let pretty = String::from_utf8(reshape(body, true, IdAt::Last)).unwrap();
/// assert_eq!(pretty, "{\n  \"Response\": {\n    \"A\": [\n      1,\n      {}\n    ],\n    \"RequestId\": \"r\"\n  }\n}");
/// ```
pub fn reshape(body: &[u8], pretty: bool, at: IdAt) -> Vec<u8> {
    let mut body = body.to_vec();
    if at == IdAt::First {
        body = request_id_first(&body);
    }
    if pretty {
        body = pretty_print(&body);
    }
    body
}

fn request_id_first(body: &[u8]) -> Vec<u8> {
    const KEY: &[u8] = br#","RequestId":""#;
    const OPEN: &[u8] = br#"{"Response":{"#;
    let start = body
        .windows(KEY.len())
        .rposition(|w| w == KEY)
        .expect("the payload ends with its RequestId");
    let end = start
        + KEY.len()
        + body[start + KEY.len()..]
            .iter()
            .position(|&b| b == b'"')
            .expect("the RequestId string ends")
        + 1;
    assert!(body.starts_with(OPEN), "a compact envelope");
    let mut out = Vec::with_capacity(body.len());
    out.extend_from_slice(OPEN);
    out.extend_from_slice(&body[start + 1..end]);
    out.push(b',');
    out.extend_from_slice(&body[OPEN.len()..start]);
    out.extend_from_slice(&body[end..]);
    out
}

/// Re-indents compact JSON as serde_json's pretty printer writes it (two spaces, `": "`),
/// keeping the order of the keys.
fn pretty_print(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        i += 1;
        if in_string {
            out.push(b);
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'{' | b'[' if matches!(body.get(i), Some(b'}' | b']')) => {
                out.push(b);
                out.push(body[i]);
                i += 1;
            }
            b'{' | b'[' => {
                out.push(b);
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                depth -= 1;
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
    }
    out
}
