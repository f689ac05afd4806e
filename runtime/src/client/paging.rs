//! Following a [`Paging`] from page to page, without I/O: the blocking iterator and the async
//! stream only send the bodies this gives and hand back what each answer said.
//!
//! The request is serialized once; each next page is that JSON object with its cursor members
//! moved. What an answer says of the paging (its total, how many items the page held, the next
//! token) is read from the body's bytes by a small probe, so that it does not depend on which
//! fields the response struct declares.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::paging::{Cursor, Paging};

/// Where a paginator stands.
#[derive(Debug)]
pub(crate) struct PageState {
    paging: Paging,
    params: Map<String, Value>,
    tokens_seen: HashSet<String>,
    done: bool,
}

/// What an answer says of the paging.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Probe {
    total: Option<u64>,
    items: Option<u64>,
    token: Option<Value>,
}

impl PageState {
    /// The paginator of a request serialized as `params` (a JSON object).
    pub(crate) fn new(paging: Paging, params: Value) -> Result<PageState, String> {
        let Value::Object(params) = params else {
            return Err("a paging request must serialize to a JSON object".into());
        };
        Ok(PageState {
            paging,
            params,
            tokens_seen: HashSet::new(),
            done: false,
        })
    }

    /// The body of the next page's request, or `None` when the last page was fetched.
    pub(crate) fn next_body(&self) -> Option<Vec<u8>> {
        if self.done {
            return None;
        }
        Some(serde_json::to_vec(&self.params).unwrap_or_else(|_| b"{}".to_vec()))
    }

    /// The paginator has stopped (after the last page, or an error).
    pub(crate) fn finish(&mut self) {
        self.done = true;
    }

    /// What this paginator reads of a page's body.
    pub(crate) fn probe(&self, body: &[u8]) -> Probe {
        probe(body, self.paging)
    }

    /// Moves the cursor to the next page (or stops), after a page that said `probe`.
    pub(crate) fn advance(&mut self, probe: Probe) {
        match self.paging.cursor() {
            Cursor::Offset {
                offset,
                limit,
                strings,
            } => {
                let start = read_u64(self.params.get(offset)).unwrap_or(0);
                let size = read_u64(self.params.get(limit));
                let Some(step) = probe.items.or(size) else {
                    return self.finish(); // no way to know where the next page starts
                };
                let next = start.saturating_add(step);
                let short = matches!((probe.items, size), (Some(n), Some(size)) if n < size);
                let reached = probe.total.is_some_and(|total| next >= total);
                if probe.items == Some(0) || short || reached {
                    return self.finish();
                }
                let value = if strings || self.params.get(offset).is_some_and(Value::is_string) {
                    Value::String(next.to_string())
                } else {
                    Value::from(next)
                };
                self.params.insert(offset.to_owned(), value);
            }
            Cursor::PageNumber { number, size } => {
                let page = read_u64(self.params.get(number)).unwrap_or(1).max(1);
                let size = read_u64(self.params.get(size));
                let short = matches!((probe.items, size), (Some(n), Some(size)) if n < size);
                let reached = match (probe.total, size) {
                    (Some(total), Some(size)) => page.saturating_mul(size) >= total,
                    _ => false,
                };
                if probe.items == Some(0)
                    || short
                    || reached
                    || (probe.items.is_none() && size.is_none())
                {
                    return self.finish();
                }
                let next = Value::from(page.saturating_add(1));
                self.params.insert(number.to_owned(), next);
            }
            Cursor::Token { request, .. } => {
                let token = probe.token.filter(|t| !is_empty_token(t));
                let Some(token) = token else {
                    return self.finish();
                };
                // A server that hands back a token it handed back before would page forever.
                if !self.tokens_seen.insert(token.to_string()) || probe.items == Some(0) {
                    return self.finish();
                }
                self.params.insert(request.to_owned(), token);
            }
        }
    }
}

fn is_empty_token(token: &Value) -> bool {
    match token {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A count as the request or the answer has it: a number, or a number in a string.
fn read_u64(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// What `body` (`{"Response": {...}}`) says of the paging; a body it cannot read says nothing.
fn probe(body: &[u8], paging: Paging) -> Probe {
    let mut de = serde_json::Deserializer::from_slice(body);
    let seed = Envelope { paging };
    de::DeserializeSeed::deserialize(seed, &mut de).unwrap_or_default()
}

struct Envelope {
    paging: Paging,
}

impl<'de> de::DeserializeSeed<'de> for Envelope {
    type Value = Probe;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Probe, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Envelope {
    type Value = Probe;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Tencent Cloud envelope")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut probe = Probe::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "Response" {
                probe = map.next_value_seed(Members {
                    paging: self.paging,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(probe)
    }
}

struct Members {
    paging: Paging,
}

impl<'de> de::DeserializeSeed<'de> for Members {
    type Value = Probe;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Probe, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Members {
    type Value = Probe;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the members of `Response`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let paging = self.paging;
        let token_member = match paging.cursor() {
            Cursor::Token { response, .. } => Some(response),
            _ => None,
        };
        let mut probe = Probe::default();
        // Without a named list member: the only array among the members.
        let mut lists = 0usize;
        let mut only_list = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let key: &str = &key;
            let is_total = match paging.total_member() {
                Some(total) => key == total,
                None => key == "TotalCount" || key == "Total",
            };
            if is_total {
                probe.total = read_u64(Some(&map.next_value::<Value>()?));
            } else if Some(key) == token_member {
                probe.token = Some(map.next_value::<Value>()?);
            } else if Some(key) == paging.items_member() {
                probe.items = map.next_value::<Length>()?.0.or(Some(0));
            } else if paging.items_member().is_none() {
                if let Some(n) = map.next_value::<Length>()?.0 {
                    lists += 1;
                    only_list = Some(n);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if paging.items_member().is_none() && lists == 1 {
            probe.items = only_list;
        }
        Ok(probe)
    }
}

/// The length of an array value; `None` for any other value (`null` included).
struct Length(Option<u64>);

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Length, D::Error> {
        struct Count;
        impl<'de> Visitor<'de> for Count {
            type Value = Length;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Length, A::Error> {
                let mut n = 0u64;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Length(Some(n)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Length, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Length(None))
            }
            fn visit_unit<E>(self) -> Result<Length, E> {
                Ok(Length(None))
            }
            fn visit_none<E>(self) -> Result<Length, E> {
                Ok(Length(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Length, E> {
                Ok(Length(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Length, E> {
                Ok(Length(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Length, E> {
                Ok(Length(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Length, E> {
                Ok(Length(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Length, E> {
                Ok(Length(None))
            }
        }
        d.deserialize_any(Count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn state(paging: Paging, params: Value) -> PageState {
        PageState::new(paging, params).unwrap()
    }

    fn body(members: Value) -> Vec<u8> {
        serde_json::to_vec(&json!({"Response": members})).unwrap()
    }

    fn step(state: &mut PageState, body: &[u8]) {
        let probe = state.probe(body);
        state.advance(probe);
    }

    fn params(state: &PageState) -> Value {
        serde_json::from_slice(&state.next_body().unwrap()).unwrap()
    }

    #[test]
    fn offsets_move_by_the_items_received_until_the_total() {
        let paging = Paging::offset("Offset", "Limit")
            .total("TotalCount")
            .items("Set");
        let mut s = state(paging, json!({"Limit": 2, "Filters": []}));
        step(&mut s, &body(json!({"TotalCount": 5, "Set": [1, 2]})));
        assert_eq!(params(&s), json!({"Limit": 2, "Filters": [], "Offset": 2}));
        step(&mut s, &body(json!({"TotalCount": 5, "Set": [3, 4]})));
        assert_eq!(params(&s)["Offset"], 4);
        step(&mut s, &body(json!({"TotalCount": 5, "Set": [5]})));
        assert!(s.next_body().is_none(), "short page");
    }

    #[test]
    fn string_offsets_stay_strings_and_the_total_may_be_a_string() {
        let paging = Paging::string_offset("Offset", "Limit");
        let mut s = state(paging, json!({"Offset": "10", "Limit": "2"}));
        step(
            &mut s,
            &body(json!({"TotalCount": "14", "VpcSet": [{}, {}]})),
        );
        assert_eq!(params(&s)["Offset"], "12");
        step(
            &mut s,
            &body(json!({"TotalCount": "14", "VpcSet": [{}, {}]})),
        );
        assert!(s.next_body().is_none(), "total reached");
    }

    #[test]
    fn an_empty_page_stops_and_without_a_limit_or_list_nothing_moves() {
        let mut s = state(Paging::offset("Offset", "Limit"), json!({}));
        step(&mut s, &body(json!({"Set": []})));
        assert!(s.next_body().is_none());
        let mut s = state(Paging::offset("Offset", "Limit"), json!({}));
        step(&mut s, &body(json!({"A": [1], "B": [2]}))); // two lists: which one pages?
        assert!(s.next_body().is_none());
    }

    #[test]
    fn page_numbers_start_at_one_and_stop_short() {
        let paging = Paging::page_number("PageNumber", "PageSize");
        let mut s = state(paging, json!({"PageSize": 3}));
        step(&mut s, &body(json!({"Total": 7, "List": [1, 2, 3]})));
        assert_eq!(params(&s)["PageNumber"], 2);
        step(&mut s, &body(json!({"Total": 7, "List": [4, 5, 6]})));
        assert_eq!(params(&s)["PageNumber"], 3);
        step(&mut s, &body(json!({"Total": 7, "List": [7]})));
        assert!(s.next_body().is_none());
    }

    #[test]
    fn tokens_are_followed_until_empty_or_repeated() {
        let paging = Paging::token("NextToken", "NextToken");
        let mut s = state(paging, json!({"MaxResults": 2}));
        step(&mut s, &body(json!({"NextToken": "a", "Items": [1, 2]})));
        assert_eq!(params(&s)["NextToken"], "a");
        step(&mut s, &body(json!({"NextToken": "b", "Items": [3, 4]})));
        assert_eq!(params(&s)["NextToken"], "b");
        step(&mut s, &body(json!({"NextToken": "a", "Items": [1, 2]})));
        assert!(s.next_body().is_none(), "a repeated token stops");

        let mut s = state(paging, json!({}));
        step(&mut s, &body(json!({"NextToken": "", "Items": [1]})));
        assert!(s.next_body().is_none(), "an empty token stops");
        let mut s = state(paging, json!({}));
        step(&mut s, &body(json!({"NextToken": null})));
        assert!(s.next_body().is_none());
    }

    #[test]
    fn the_probe_reads_only_what_pages() {
        let paging = Paging::token("Context", "Context").total("Total");
        let probe = probe(
            br#"{"Response": {"Context": "c1", "Total": 3, "Results": [{"a": [1,2,3]}], "RequestId": "r"}}"#,
            paging,
        );
        assert_eq!(
            probe,
            Probe {
                total: Some(3),
                items: Some(1),
                token: Some(json!("c1")),
            }
        );
        assert_eq!(super::probe(b"not json", paging), Probe::default());
    }
}
