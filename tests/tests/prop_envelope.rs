//! Property: random values of an annotated struct, serialised into an envelope with the keys of
//! every object in random order (RequestId first, in the middle or last), random whitespace
//! and random (but equivalent) string escapes, decode back equal, with their RequestId.

use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tencent_action::prelude::*;

/// The annotated struct under test.
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
    pub total_count: i64,
    pub instance_set: Vec<Instance>,
    #[serde(rename = "CPU")]
    pub cpu: Option<u64>,
    pub name: String,
    pub ratio: f64,
    pub flag: Option<bool>,
    pub tags: Option<Vec<String>>,
}

/// The same fields as a plain serde type: what the test serialises and compares with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Plain {
    pub total_count: i64,
    pub instance_set: Vec<Instance>,
    #[serde(rename = "CPU", skip_serializing_if = "Option::is_none")]
    pub cpu: Option<u64>,
    pub name: String,
    pub ratio: f64,
    /// Serialised as `null` when `None`.
    pub flag: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub size: u32,
    pub labels: Option<Vec<String>>,
}

impl Plain {
    fn matches(&self, out: &DescribeInstances) -> bool {
        self.total_count == out.total_count
            && self.instance_set == out.instance_set
            && self.cpu == out.cpu
            && self.name == out.name
            && self.ratio.to_bits() == out.ratio.to_bits()
            && self.flag == out.flag
            && self.tags == out.tags
    }
}

/// Any string: every Unicode scalar value is possible, with JSON's special characters
/// (quotes, backslashes, control characters, U+2028) and astral characters made likely.
fn text(max: usize) -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"',
        '\\',
        '/',
        '\n',
        '\r',
        '\t',
        '\u{0}',
        '\u{1f}',
        '\u{7f}',
        '\u{2028}',
        'é',
        '中',
        '😀',
        '\u{10FFFF}',
        '\u{FEFF}',
    ]);
    let c = prop_oneof![3 => any::<char>(), 2 => special, 3 => prop::char::range('a', 'z')];
    prop::collection::vec(c, 0..max).prop_map(String::from_iter)
}

fn instance() -> impl Strategy<Value = Instance> {
    (
        text(12),
        any::<u32>(),
        prop::option::of(prop::collection::vec(text(6), 0..3)),
    )
        .prop_map(|(instance_id, size, labels)| Instance {
            instance_id,
            size,
            labels,
        })
}

fn plain() -> impl Strategy<Value = Plain> {
    (
        any::<i64>(),
        prop::collection::vec(instance(), 0..4),
        prop::option::of(any::<u64>()),
        text(24),
        // Binary fractions of at most 15 significant digits: serde_json (without its
        // `float_roundtrip` feature) parses those back exactly.
        any::<i32>().prop_map(|n| f64::from(n) / 256.0),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::collection::vec(text(8), 0..4)),
    )
        .prop_map(
            |(total_count, instance_set, cpu, name, ratio, flag, tags)| Plain {
                total_count,
                instance_set,
                cpu,
                name,
                ratio,
                flag,
                tags,
            },
        )
}

/// Where the RequestId goes among the entries of `Response`.
#[derive(Debug, Clone, Copy)]
enum RidAt {
    First,
    Middle,
    Last,
}

/// How to write JSON: the random choices, drawn from a seed.
struct Style {
    seed: u64,
    /// Whitespace around tokens.
    spaced: bool,
}

impl Style {
    fn next(&mut self, bound: usize) -> usize {
        self.seed = self
            .seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.seed >> 33) % bound.max(1) as u64) as usize
    }

    fn ws<'a>(&mut self) -> &'a str {
        if !self.spaced {
            return "";
        }
        ["", " ", "\n  ", "\t", "\r\n"][self.next(5)]
    }

    /// A JSON string literal for `s`, each character written as itself or escaped (`\uXXXX`,
    /// surrogate pairs for astral characters, or the short escapes), at random; characters
    /// JSON requires escaped always are.
    fn string(&mut self, s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            let must = c == '"' || c == '\\' || (c as u32) < 0x20;
            let choice = if must { 1 + self.next(2) } else { self.next(4) };
            match (choice, c) {
                (0 | 3, c) => out.push(c),
                (2, '"') => out.push_str("\\\""),
                (2, '\\') => out.push_str("\\\\"),
                (2, '/') => out.push_str("\\/"),
                (2, '\n') => out.push_str("\\n"),
                (2, '\r') => out.push_str("\\r"),
                (2, '\t') => out.push_str("\\t"),
                (2, '\u{8}') => out.push_str("\\b"),
                (2, '\u{c}') => out.push_str("\\f"),
                (_, c) => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
            }
        }
        out.push('"');
    }

    fn value(&mut self, v: &Value, out: &mut String) {
        match v {
            Value::Object(map) => {
                let entries: Vec<(&String, &Value)> = map.iter().collect();
                let order = self.permutation(entries.len());
                self.object(order.iter().map(|&i| entries[i]), out);
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(self.ws());
                    self.value(item, out);
                    out.push_str(self.ws());
                }
                out.push(']');
            }
            Value::String(s) => self.string(s, out),
            other => out.push_str(&other.to_string()),
        }
    }

    fn object<'v>(
        &mut self,
        entries: impl Iterator<Item = (&'v String, &'v Value)>,
        out: &mut String,
    ) {
        out.push('{');
        for (i, (k, v)) in entries.enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(self.ws());
            self.string(k, out);
            out.push_str(self.ws());
            out.push(':');
            out.push_str(self.ws());
            self.value(v, out);
            out.push_str(self.ws());
        }
        out.push('}');
    }

    fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.next(i + 1);
            order.swap(i, j);
        }
        order
    }
}

/// `{"Response": {...fields in random order, RequestId at `at`...}}`.
fn envelope(plain: &Plain, request_id: &str, at: RidAt, style: &mut Style) -> String {
    let Value::Object(fields) = serde_json::to_value(plain).unwrap() else {
        unreachable!("a struct serialises to an object")
    };
    let entries: Vec<(&String, &Value)> = fields.iter().collect();
    let mut order: Vec<(&String, &Value)> = style
        .permutation(entries.len())
        .into_iter()
        .map(|i| entries[i])
        .collect();
    let rid_key = "RequestId".to_owned();
    let rid_value = Value::String(request_id.to_owned());
    let pos = match at {
        RidAt::First => 0,
        RidAt::Middle => order.len() / 2,
        RidAt::Last => order.len(),
    };
    order.insert(pos, (&rid_key, &rid_value));
    let mut response = String::new();
    style.object(order.into_iter(), &mut response);
    let ws = style.ws();
    format!("{ws}{{{ws}\"Response\"{ws}:{ws}{response}{ws}}}{ws}")
}

/// The keys of `Response`, in the order the body has them.
fn response_keys(body: &str) -> Vec<String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(key);
            }
            Ok(keys)
        }
    }
    let start = body.find(':').unwrap() + 1;
    let mut de = serde_json::Deserializer::from_str(&body[start..]);
    de.deserialize_map(Keys).unwrap()
}

fn rid_at() -> impl Strategy<Value = RidAt> {
    prop_oneof![Just(RidAt::First), Just(RidAt::Middle), Just(RidAt::Last)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_values_in_random_key_order_decode_back_equal(
        plain in plain(),
        request_id in text(40),
        at in rid_at(),
        seed in any::<u64>(),
        spaced in any::<bool>(),
    ) {
        let body = envelope(&plain, &request_id, at, &mut Style { seed, spaced });
        // The body means what was serialised.
        let mut expected = serde_json::to_value(&plain).unwrap();
        expected.as_object_mut().unwrap().insert("RequestId".into(), Value::String(request_id.clone()));
        let reread: Value = serde_json::from_str(&body).unwrap();
        prop_assert_eq!(&reread["Response"], &expected);
        let keys = response_keys(&body);
        let rid_pos = keys.iter().position(|k| k == "RequestId").unwrap();
        match at {
            RidAt::First => prop_assert_eq!(rid_pos, 0),
            RidAt::Middle => prop_assert_eq!(rid_pos, (keys.len() - 1) / 2),
            RidAt::Last => prop_assert_eq!(rid_pos, keys.len() - 1),
        }

        let by_str: DescribeInstances = tencent_action::from_str(&body)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert!(plain.matches(&by_str), "{:?} != {:?}\n{}", plain, by_str, body);
        prop_assert_eq!(by_str.request_id(), request_id.as_str());

        let by_slice: DescribeInstances = tencent_action::from_slice(body.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert!(plain.matches(&by_slice), "{:?} != {:?}", plain, by_slice);
        prop_assert_eq!(by_slice.request_id(), request_id.as_str());
    }

    #[test]
    fn unknown_entries_anywhere_do_not_disturb_the_decode(
        plain in plain(),
        request_id in text(12),
        junk_key in "[A-Z][a-zA-Z]{0,12}",
        junk in prop::collection::vec(text(5), 0..4),
        seed in any::<u64>(),
    ) {
        prop_assume!(!["TotalCount", "InstanceSet", "CPU", "Name", "Ratio", "Flag", "Tags", "RequestId", "Error"]
            .contains(&junk_key.as_str()));
        let body = envelope(&plain, &request_id, RidAt::Last, &mut Style { seed, spaced: false });
        // Add the junk as the first entry of Response and as a sibling of Response.
        let junk_json = serde_json::to_string(&junk).unwrap();
        let body = body.replacen("{\"Response\":{", &format!("{{\"{junk_key}\":{junk_json},\"Response\":{{\"{junk_key}\":{junk_json},"), 1);
        prop_assert!(body.contains(&junk_json));
        let out: DescribeInstances = tencent_action::from_str(&body)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert!(plain.matches(&out));
        prop_assert_eq!(out.request_id(), request_id.as_str());
    }
}

#[test]
fn the_style_writer_escapes_and_orders_as_it_should() {
    // A fixed case, so a broken test helper fails loudly rather than weakening the property.
    let mut style = Style {
        seed: 7,
        spaced: true,
    };
    let mut out = String::new();
    style.string("a\"\\\u{1}😀", &mut out);
    assert_eq!(
        serde_json::from_str::<String>(&out).unwrap(),
        "a\"\\\u{1}😀"
    );
    let plain = Plain {
        total_count: 1,
        instance_set: vec![],
        cpu: None,
        name: "n".into(),
        ratio: 0.5,
        flag: None,
        tags: None,
    };
    for (at, first) in [(RidAt::First, true), (RidAt::Last, false)] {
        let body = envelope(
            &plain,
            "rid",
            at,
            &mut Style {
                seed: 1,
                spaced: false,
            },
        );
        let keys = response_keys(&body);
        assert_eq!(keys[0] == "RequestId", first, "{body}");
        assert_eq!(keys.last().unwrap() == "RequestId", !first, "{body}");
    }
}
