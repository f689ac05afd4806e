//! Shared fixtures of the integration tests (see `tests/tests/`).
//!
//! Tencent does not guarantee key order, so tests decode each body in several orders:
//! [`key_orders`] re-serialises a JSON text with every object's keys permuted.

pub mod rogue;

use std::fmt::Write as _;

use serde_json::Value;

/// Reads a fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// `json` as written, then re-serialised `n` times with object keys in different
/// deterministic pseudo-random orders (the first: sorted keys reversed).
pub fn key_orders(json: &str, n: u64) -> Vec<String> {
    let value: Value = serde_json::from_str(json).expect("fixture is JSON");
    let mut out = vec![json.to_owned()];
    for seed in 0..n {
        let mut s = String::new();
        write_shuffled(
            &value,
            &mut Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
            seed == 0,
            &mut s,
        );
        out.push(s);
    }
    out
}

/// A tiny deterministic generator: enough to permute keys, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

fn write_shuffled(value: &Value, rng: &mut Lcg, reverse: bool, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            if reverse {
                entries.reverse();
            } else {
                for i in (1..entries.len()).rev() {
                    let j = rng.next(i + 1);
                    entries.swap(i, j);
                }
            }
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}:", Value::String(k.clone()));
                write_shuffled(v, rng, reverse, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_shuffled(v, rng, reverse, out);
            }
            out.push(']');
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_differ_but_mean_the_same() {
        let json = r#"{"Response": {"A": 1, "B": [{"C": 2, "D": 3}], "RequestId": "r"}}"#;
        let orders = key_orders(json, 4);
        let first: Value = serde_json::from_str(json).unwrap();
        for o in &orders {
            assert_eq!(serde_json::from_str::<Value>(o).unwrap(), first);
        }
        assert!(orders[1].find("RequestId").unwrap() < orders[1].find("\"A\"").unwrap());
    }
}

/// Response types declared in this crate and used by the integration tests, which are other
/// crates: what works here works for a user whose responses live in another crate.
pub mod models {
    use tencent_action::prelude::*;

    /// CVM `DescribeZones`, with the derives users add for tests.
    #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    #[derive(Debug, Default, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub struct DescribeZones {
        /// The number of zones.
        pub total_count: u64,
    }

    /// CVM `DescribeZones`'s request, without parameters.
    #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
    pub struct DescribeZonesRequest {}
}
