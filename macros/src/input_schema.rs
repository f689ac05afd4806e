//! The action's published input, compacted into the request's `ActionRequest` impl (a hidden
//! constant), so that the test endpoint can refuse what the service would refuse: an unknown
//! parameter, a value of the wrong JSON type, a required parameter missing.
//!
//! The text is JSON: `{"root": "Name", "objects": {"Name": [[member, type, member type,
//! required], ...], ...}}`, the root object and every object reachable from it.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::spec::Spec;

/// The compact input tree of `root`, or `None` when the spec has no such object.
pub fn compact(spec: &Spec, root: &str) -> Option<String> {
    spec.objects.get(root)?;
    let mut objects: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut todo = vec![root];
    while let Some(name) = todo.pop() {
        if objects.contains_key(name) {
            continue;
        }
        let Some(object) = spec.objects.get(name) else {
            continue;
        };
        let members = object
            .members
            .iter()
            .map(|m| {
                if spec.objects.contains_key(&m.member) {
                    todo.push(&m.member);
                }
                format!(
                    "[{},{},{},{}]",
                    quoted(&m.name),
                    quoted(&m.ty),
                    quoted(&m.member),
                    m.required.unwrap_or(false)
                )
            })
            .collect();
        objects.insert(name, members);
    }
    let mut out = String::from("{\"objects\":{");
    for (i, (name, members)) in objects.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        let _ = write!(out, "{comma}{}:[{}]", quoted(name), members.join(","));
    }
    let _ = write!(out, "}},\"root\":{}}}", quoted(root));
    Some(out)
}

/// `s` as a JSON string: quoted, with `"`, `\\` and control characters escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_strings_read_back_as_json() {
        for s in ["plain", "a\"b", "back\\slash", "line\nbreak\u{1}", "中文"] {
            let back: String = serde_json::from_str(&quoted(s)).unwrap();
            assert_eq!(back, s);
        }
    }
}
