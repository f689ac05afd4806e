//! The test endpoint's check of request parameters against an action's published input (the
//! tree `#[tencent_request]` compacts into `ActionRequest::__INPUT_SCHEMA`), answering as the
//! service does: `UnknownParameter`, `MissingParameter`, `InvalidParameter`.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

/// An action's input objects.
#[derive(Debug, Deserialize)]
pub(crate) struct InputTree {
    root: String,
    objects: HashMap<String, Vec<(String, String, String, bool)>>,
}

/// Why parameters are refused: the code and the message the service would send.
pub(crate) type Refusal = (&'static str, String);

impl InputTree {
    pub(crate) fn parse(text: &str) -> Option<InputTree> {
        serde_json::from_str(text).ok()
    }

    /// The parameters checked from the root object down.
    pub(crate) fn check(&self, params: &Value) -> Result<(), Refusal> {
        self.object(&self.root, params, "")
    }

    fn object(&self, name: &str, value: &Value, path: &str) -> Result<(), Refusal> {
        let Some(members) = self.objects.get(name) else {
            return Ok(()); // not published: nothing to say
        };
        let Value::Object(given) = value else {
            return Err(invalid(path, "an object"));
        };
        for (key, value) in given {
            let at = join(path, key);
            let Some((_, ty, member, _)) = members.iter().find(|(n, ..)| n == key) else {
                return Err((
                    "UnknownParameter",
                    format!("The parameter `{at}` is not recognized."),
                ));
            };
            if value.is_null() {
                continue; // left out
            }
            if ty == "list" {
                let Value::Array(items) = value else {
                    return Err(invalid(&at, "an array"));
                };
                for (i, item) in items.iter().enumerate() {
                    self.value(member, member, item, &format!("{at}.{i}"))?;
                }
            } else {
                self.value(ty, member, value, &at)?;
            }
        }
        for (name, ..) in members.iter().filter(|(_, _, _, required)| *required) {
            if !given.get(name).is_some_and(|v| !v.is_null()) {
                return Err((
                    "MissingParameter",
                    format!("The parameter `{}` is missing.", join(path, name)),
                ));
            }
        }
        Ok(())
    }

    /// A value of type `ty` (`string`, `int`, ..., `object`, or a scalar member type for list
    /// elements) whose member type is `member`.
    fn value(&self, ty: &str, member: &str, value: &Value, at: &str) -> Result<(), Refusal> {
        let ok = match ty {
            "object" => return self.object(member, value, at),
            _ if self.objects.contains_key(ty) => return self.object(ty, value, at),
            "string" | "datetime" | "datetime_iso" | "binary" => value.is_string(),
            "int" | "int64" | "int32" => value.is_i64() || value.is_u64(),
            "uint64" | "uint32" => value.is_u64(),
            "float" | "double" => value.is_number(),
            "bool" => value.is_boolean(),
            _ => true,
        };
        let ok = ok && !(ty == "int" && member.starts_with("uint") && !value.is_u64());
        if ok {
            Ok(())
        } else {
            Err(invalid(at, expected(ty, member)))
        }
    }
}

fn expected(ty: &str, member: &str) -> &'static str {
    match (ty, member) {
        ("int", m) | (m, _) if m.starts_with("uint") => "a non-negative integer",
        ("int", _) | ("int64" | "int32", _) => "an integer",
        ("float" | "double", _) => "a number",
        ("bool", _) => "a boolean",
        _ => "a string",
    }
}

fn invalid(at: &str, what: &str) -> Refusal {
    (
        "InvalidParameter",
        format!("The parameter `{at}` must be {what}."),
    )
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree() -> InputTree {
        InputTree::parse(
            &json!({"root": "Req", "objects": {
                "Req": [["Limit", "int", "uint64", false], ["Filters", "list", "Filter", false],
                        ["Name", "string", "string", true], ["Ids", "list", "string", false]],
                "Filter": [["Name", "string", "string", true], ["Values", "list", "string", false]],
            }})
            .to_string(),
        )
        .unwrap()
    }

    #[test]
    fn what_the_service_accepts_passes() {
        let ok = json!({"Name": "x", "Limit": 10, "Ids": ["a"],
                        "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3"]}]});
        assert_eq!(tree().check(&ok), Ok(()));
    }

    #[test]
    fn what_the_service_refuses_is_refused_with_its_code() {
        let refused = |params: Value| tree().check(&params).unwrap_err();
        assert_eq!(
            refused(json!({"Name": "x", "Limt": 1})),
            (
                "UnknownParameter",
                "The parameter `Limt` is not recognized.".into()
            )
        );
        assert_eq!(
            refused(json!({"Name": "x", "Filters": [{"Name": "zone", "value": []}]})),
            (
                "UnknownParameter",
                "The parameter `Filters.0.value` is not recognized.".into()
            )
        );
        assert_eq!(
            refused(json!({"Limit": 1})),
            (
                "MissingParameter",
                "The parameter `Name` is missing.".into()
            )
        );
        assert_eq!(
            refused(json!({"Name": "x", "Limit": "10"})),
            (
                "InvalidParameter",
                "The parameter `Limit` must be a non-negative integer.".into()
            )
        );
        assert_eq!(
            refused(json!({"Name": "x", "Ids": [1]})),
            (
                "InvalidParameter",
                "The parameter `Ids.0` must be a string.".into()
            )
        );
        assert_eq!(
            refused(json!({"Name": "x", "Filters": [{"Values": []}]})),
            (
                "MissingParameter",
                "The parameter `Filters.0.Name` is missing.".into()
            )
        );
    }
}
