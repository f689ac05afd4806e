//! The parts of a Tencent Cloud `api.json` that describe responses.
//!
//! The file (shipped in the `tccli` package as `tccli/services/<service>/<version>/api.json`)
//! has `metadata` (`serviceShortName`, `apiVersion`), `actions` (each naming its `output`
//! object) and `objects` (each a list of `members` with a `type`, a `member` type, and the
//! `value_allowed_null` / `output_required` / `required` flags). Everything else is ignored.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

/// A parsed `api.json`: one product's actions and the objects they return.
///
/// ```
/// let api = tencent_action_codegen::Api::from_json(r#"{
///     "metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"},
///     "actions": {"StartInstances": {"output": "StartInstancesResponse"}},
///     "objects": {"StartInstancesResponse": {"members": [
///         {"name": "RequestId", "type": "string", "member": "string"}]}}
/// }"#)?;
/// assert_eq!(api.service(), "cvm");
/// assert_eq!(api.version(), "2017-03-12");
/// assert_eq!(api.action_names().collect::<Vec<_>>(), ["StartInstances"]);
/// # Ok::<(), tencent_action_codegen::SpecError>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
pub struct Api {
    metadata: Metadata,
    actions: BTreeMap<String, ActionSpec>,
    #[serde(default)]
    objects: BTreeMap<String, ObjectSpec>,
}

#[derive(Debug, Clone, Deserialize)]
struct Metadata {
    #[serde(rename = "serviceShortName")]
    service: String,
    #[serde(rename = "apiVersion")]
    version: String,
}

/// One entry of `actions`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ActionSpec {
    #[serde(default)]
    pub(crate) document: String,
    pub(crate) output: String,
}

/// One entry of `objects`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ObjectSpec {
    #[serde(default)]
    pub(crate) document: String,
    #[serde(default)]
    pub(crate) members: Vec<MemberSpec>,
}

/// One member of an object.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct MemberSpec {
    pub(crate) name: String,
    #[serde(rename = "type")]
    pub(crate) ty: String,
    #[serde(default)]
    pub(crate) member: String,
    #[serde(default)]
    pub(crate) document: String,
    #[serde(default)]
    pub(crate) value_allowed_null: Option<bool>,
    #[serde(default)]
    pub(crate) output_required: Option<bool>,
    #[serde(default)]
    pub(crate) required: Option<bool>,
}

impl MemberSpec {
    /// Whether a response always carries a non-null value for this member: the spec promises
    /// the member (`output_required`, or `required` where an object has no output flag) and
    /// does not allow `null` (`value_allowed_null`).
    pub(crate) fn always_present(&self) -> bool {
        let promised = self.output_required.or(self.required).unwrap_or(false);
        promised && !self.value_allowed_null.unwrap_or(false)
    }
}

impl Api {
    /// Parses the text of an `api.json`.
    ///
    /// ```
    /// let err = tencent_action_codegen::Api::from_json("{}").unwrap_err();
    /// assert!(err.to_string().contains("metadata"), "{err}");
    /// ```
    ///
    /// # Errors
    ///
    /// When the text is not JSON or lacks `metadata.serviceShortName`, `metadata.apiVersion`,
    /// `actions` or an action's `output`.
    pub fn from_json(text: &str) -> Result<Api, SpecError> {
        serde_json::from_str(text).map_err(|e| SpecError(e.to_string()))
    }

    /// The service's short name (`metadata.serviceShortName`): `cvm`, `sms`.
    ///
    /// ```
    /// # let api = tencent_action_codegen::Api::from_json(r#"{"metadata": {"serviceShortName": "sms", "apiVersion": "2021-01-11"}, "actions": {}}"#).unwrap();
    /// assert_eq!(api.service(), "sms");
    /// ```
    pub fn service(&self) -> &str {
        &self.metadata.service
    }

    /// The API version (`metadata.apiVersion`), `YYYY-MM-DD`.
    ///
    /// ```
    /// # let api = tencent_action_codegen::Api::from_json(r#"{"metadata": {"serviceShortName": "sms", "apiVersion": "2021-01-11"}, "actions": {}}"#).unwrap();
    /// assert_eq!(api.version(), "2021-01-11");
    /// ```
    pub fn version(&self) -> &str {
        &self.metadata.version
    }

    /// Every action's name, sorted.
    ///
    /// ```
    /// # let api = tencent_action_codegen::Api::from_json(r#"{"metadata": {"serviceShortName": "sms", "apiVersion": "2021-01-11"},
    /// #   "actions": {"SendSms": {"output": "SendSmsResponse"}, "AddSmsSign": {"output": "AddSmsSignResponse"}}}"#).unwrap();
    /// assert_eq!(api.action_names().collect::<Vec<_>>(), ["AddSmsSign", "SendSms"]);
    /// ```
    pub fn action_names(&self) -> impl Iterator<Item = &str> {
        self.actions.keys().map(String::as_str)
    }

    pub(crate) fn action(&self, name: &str) -> Option<&ActionSpec> {
        self.actions.get(name)
    }

    pub(crate) fn object(&self, name: &str) -> Option<&ObjectSpec> {
        self.objects.get(name)
    }

    pub(crate) fn has_object(&self, name: &str) -> bool {
        self.objects.contains_key(name)
    }
}

/// An `api.json` that could not be read, or a request it cannot answer (an unknown action, an
/// object that is referenced but not defined).
///
/// ```
/// let err = tencent_action_codegen::Api::from_json("not json").unwrap_err();
/// assert!(!err.to_string().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError(pub(crate) String);

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpecError {}
