//! The action's published input, compacted into the request's `ActionRequest` impl (a hidden
//! constant), so that the test endpoint can refuse what the service would refuse: an unknown
//! parameter, a value of the wrong JSON type, a required parameter missing.
//!
//! The text is JSON: `{"root": "Name", "objects": {"Name": [[member, type, member type,
//! required], ...], ...}}`, the root object and every object reachable from it.

use std::collections::BTreeMap;

use crate::spec::Spec;

/// The compact input tree of `root`, or `None` when the spec has no such object.
pub fn compact(spec: &Spec, root: &str) -> Option<String> {
    spec.objects.get(root)?;
    let mut objects: BTreeMap<&str, Vec<serde_json::Value>> = BTreeMap::new();
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
                serde_json::json!([m.name, m.ty, m.member, m.required.unwrap_or(false)])
            })
            .collect();
        objects.insert(name, members);
    }
    Some(serde_json::json!({"root": root, "objects": objects}).to_string())
}
