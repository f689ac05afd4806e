//! Compact specs: a tccli `api.json` trimmed to what `#[tencent_action]`'s schema check (and a
//! later request check) reads, small and deterministic enough to commit.
//!
//! Kept: `metadata.serviceShortName` and `apiVersion`; each action's `input` and `output`
//! object names; each object's `type` (`in`/`out`/`both`) and its members' `name`, `type`,
//! `member`, `required`, `output_required` and `value_allowed_null`. Dropped: every
//! `document`, `example` and display name, `status`, `disabled` and the service's
//! descriptions. Actions and objects are sorted by name; members keep the spec's order; one
//! member per line, so a new Tencent release shows as a readable diff.

use serde_json::{Map, Value};

use crate::spec::SpecError;

/// The member keys a compact spec keeps, in the order they are written.
const MEMBER_KEYS: [&str; 6] = [
    "name",
    "type",
    "member",
    "required",
    "output_required",
    "value_allowed_null",
];

/// A compact spec written from the text of a tccli `api.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compact {
    /// `metadata.serviceShortName`: `cvm`.
    pub service: String,
    /// `metadata.apiVersion`: `2017-03-12`.
    pub version: String,
    /// The compact file's text (JSON, ending in a newline).
    pub text: String,
}

impl Compact {
    /// Where tccli keeps this product's file, relative to a specs directory:
    /// `cvm/v20170312/api.json`.
    ///
    /// ```
    /// let api = r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"}, "actions": {}}"#;
    /// let compact = tencent_action_codegen::compact(api)?;
    /// assert_eq!(compact.relative_path(), "cvm/v20170312/api.json");
    /// # Ok::<(), tencent_action_codegen::SpecError>(())
    /// ```
    pub fn relative_path(&self) -> String {
        format!(
            "{}/v{}/api.json",
            self.service,
            self.version.replace('-', "")
        )
    }
}

/// Trims the text of a tccli `api.json` to a compact spec.
///
/// ```
/// let api = r#"{
///   "metadata": {"serviceShortName": "sms", "apiVersion": "2021-01-11", "api_brief": "SMS"},
///   "actions": {"SendSms": {"input": "SendSmsRequest", "output": "SendSmsResponse",
///                           "document": "Sends an SMS.", "name": "发送短信", "status": "online"}},
///   "objects": {"SendSmsResponse": {"type": "object", "document": "", "members": [
///     {"name": "SerialNo", "type": "string", "member": "string", "output_required": true,
///      "value_allowed_null": false, "document": "流水号", "example": "2019:123", "disabled": false}]}}
/// }"#;
/// let compact = tencent_action_codegen::compact(api)?;
/// assert_eq!(compact.text, r#"{
///   "metadata": {"apiVersion": "2021-01-11", "serviceShortName": "sms"},
///   "actions": {
///     "SendSms": {"input": "SendSmsRequest", "output": "SendSmsResponse"}
///   },
///   "objects": {
///     "SendSmsResponse": {"type": "object", "members": [
///       {"name": "SerialNo", "type": "string", "member": "string", "output_required": true}
///     ]}
///   }
/// }
/// "#);
/// # Ok::<(), tencent_action_codegen::SpecError>(())
/// ```
///
/// # Errors
///
/// When the text is not JSON, or lacks `metadata.serviceShortName`, `metadata.apiVersion` or
/// `actions`.
pub fn compact(api_json: &str) -> Result<Compact, SpecError> {
    let root: Value =
        serde_json::from_str(api_json).map_err(|e| SpecError(format!("not JSON: {e}")))?;
    let text_at = |path: &[&str]| -> Result<String, SpecError> {
        let mut v = &root;
        for key in path {
            v = v.get(key).ok_or_else(|| missing(path))?;
        }
        v.as_str().map(str::to_owned).ok_or_else(|| missing(path))
    };
    let service = text_at(&["metadata", "serviceShortName"])?;
    let version = text_at(&["metadata", "apiVersion"])?;
    let actions = root
        .get("actions")
        .and_then(Value::as_object)
        .ok_or_else(|| missing(&["actions"]))?;
    let empty = Map::new();
    let objects = root
        .get("objects")
        .and_then(Value::as_object)
        .unwrap_or(&empty);

    let mut out = String::from("{\n");
    out += &format!(
        "  \"metadata\": {{\"apiVersion\": {}, \"serviceShortName\": {}}},\n",
        json(&version),
        json(&service)
    );
    out += "  \"actions\": {";
    // serde_json's `Map` is a BTreeMap here (no `preserve_order`): keys come sorted.
    for (i, (name, action)) in actions.iter().enumerate() {
        out += if i == 0 { "\n" } else { ",\n" };
        let fields: Vec<String> = ["input", "output"]
            .iter()
            .filter_map(|k| Some(format!("{}: {}", json(k), json(action.get(*k)?.as_str()?))))
            .collect();
        out += &format!("    {}: {{{}}}", json(name), fields.join(", "));
    }
    out += "\n  },\n  \"objects\": {";
    for (i, (name, object)) in objects.iter().enumerate() {
        out += if i == 0 { "\n" } else { ",\n" };
        out += &format!("    {}: {{", json(name));
        if let Some(usage) = object.get("type").and_then(Value::as_str) {
            out += &format!("\"type\": {}, ", json(usage));
        }
        out += "\"members\": [";
        let members = object
            .get("members")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (j, member) in members.iter().enumerate() {
            out += if j == 0 { "\n" } else { ",\n" };
            let fields: Vec<String> = MEMBER_KEYS
                .iter()
                .filter_map(|k| {
                    let v = member.get(*k)?;
                    // `value_allowed_null: false` is what an absent flag means: left out.
                    let keep = v.is_string()
                        || (v.is_boolean() && !(*k == "value_allowed_null" && v == false));
                    keep.then(|| format!("{}: {}", json(k), v))
                })
                .collect();
            out += &format!("      {{{}}}", fields.join(", "));
        }
        out += if members.is_empty() { "]}" } else { "\n    ]}" };
    }
    out += "\n  }\n}\n";
    Ok(Compact {
        service,
        version,
        text: out,
    })
}

fn json(s: &str) -> String {
    Value::from(s).to_string()
}

fn missing(path: &[&str]) -> SpecError {
    SpecError(format!("`{}` is missing or not a string", path.join(".")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_valid_json_and_stable() {
        let api = r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"},
          "actions": {"B": {"output": "BResponse"}, "A": {"input": "AReq", "output": "AResponse"}},
          "objects": {"AResponse": {"members": []}, "BResponse": {"members": [
            {"name": "X", "type": "list", "member": "Y", "required": true, "document": "d"}]}}}"#;
        let first = compact(api).unwrap();
        let parsed: Value = serde_json::from_str(&first.text).unwrap();
        assert_eq!(parsed["actions"]["A"]["input"], "AReq");
        assert_eq!(
            parsed["objects"]["BResponse"]["members"][0]["required"],
            true
        );
        assert!(parsed["objects"]["BResponse"]["members"][0]
            .get("document")
            .is_none());
        let keys: Vec<&String> = parsed["actions"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["A", "B"]);
        // The result is its own fixed point: compacting a compact file changes nothing.
        assert_eq!(compact(&first.text).unwrap(), first);
    }

    #[test]
    fn rejects_files_without_metadata() {
        let e = compact(r#"{"actions": {}}"#).unwrap_err();
        assert!(e.to_string().contains("metadata.serviceShortName"), "{e}");
    }
}
