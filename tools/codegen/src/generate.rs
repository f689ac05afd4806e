//! Writing the Rust source: one `#[tencent_action]` struct per action and one plain
//! `Deserialize` struct per object its response reaches.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::doc;
use crate::ident::{self, FieldName};
use crate::spec::{Api, MemberSpec, SpecError};

/// What to generate besides the structs.
///
/// ```
/// let mut options = tencent_action_codegen::Options::default();
/// assert!(options.imports);
/// options.codes = Some("crate::codes::CvmCode".to_owned());
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// The error-code type for `#[tencent_action(codes = ...)]`; the attribute's default
    /// (`tencent_action::CommonCode`) when `None`.
    pub codes: Option<String>,
    /// Start the output with `use serde::Deserialize;` and `use tencent_action::prelude::*;`
    /// (default `true`); turn it off when pasting into a module that has them.
    pub imports: bool,
    /// Write the model types as `#[tencent_model(service = ..., version = ...)]` structs, which
    /// the schema check verifies like the responses (default `false`: plain
    /// `#[derive(Deserialize)]` structs, which need no specs).
    pub models: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            codes: None,
            imports: true,
            models: false,
        }
    }
}

/// The generated source and what it holds.
///
/// ```
/// # let api = tencent_action_codegen::Api::from_json(r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"},
/// #   "actions": {"StartInstances": {"output": "StartInstancesResponse"}},
/// #   "objects": {"StartInstancesResponse": {"members": []}}}"#).unwrap();
/// let out = tencent_action_codegen::generate(&api, &["StartInstances"], &Default::default())?;
/// assert_eq!(out.structs, [("StartInstances".to_owned(), "StartInstances".to_owned())]);
/// assert!(out.warnings.is_empty());
/// # Ok::<(), tencent_action_codegen::SpecError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Generated {
    /// The Rust source: the annotated structs, then the model types, ready to paste.
    pub source: String,
    /// `(action, Rust type)` for every generated response struct, in the order asked for.
    pub structs: Vec<(String, String)>,
    /// Spec entries the generator could not map exactly (an unknown member type becomes
    /// `serde_json::Value`); each names the object and member.
    pub warnings: Vec<String>,
}

/// Generates the response structs of `actions` (in that order; duplicates are ignored) and
/// every model type they reach.
///
/// A response member becomes a field named in snake_case with `#[serde(rename = "...")]`
/// where serde's `PascalCase` rule would not give the wire name back (`CPU`, `InstanceID`);
/// it is an `Option` where the spec allows `null` (`value_allowed_null`) or does not promise
/// the member (`output_required` false). `RequestId` is left out: the envelope captures it.
/// Types: string, datetime, datetime_iso → `String`; int64 and int → `i64`; uint64 → `u64`;
/// float → `f64`; bool → `bool`; list → `Vec<_>`; object → its model type (boxed where the
/// objects refer to each other in a cycle). An action whose name is also a model's is
/// generated as `<Action>Response`.
///
/// ```
/// let api = tencent_action_codegen::Api::from_json(r#"{
///   "metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"},
///   "actions": {"DescribeZones": {"output": "DescribeZonesResponse"}},
///   "objects": {
///     "DescribeZonesResponse": {"members": [
///       {"name": "TotalCount", "type": "int", "member": "uint64", "output_required": true,
///        "value_allowed_null": false, "document": "Number of zones."},
///       {"name": "ZoneSet", "type": "list", "member": "ZoneInfo", "output_required": true},
///       {"name": "RequestId", "type": "string", "member": "string"}]},
///     "ZoneInfo": {"members": [
///       {"name": "Zone", "type": "string", "member": "string", "output_required": true},
///       {"name": "ZoneID", "type": "string", "member": "string", "value_allowed_null": true,
///        "output_required": true}]}}
/// }"#)?;
/// let out = tencent_action_codegen::generate(&api, &["DescribeZones"], &Default::default())?;
/// assert!(out.source.contains(
///     r#"#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]"#));
/// assert!(out.source.contains("    /// Number of zones.\n    pub total_count: u64,\n"));
/// assert!(out.source.contains("    pub zone_set: Vec<ZoneInfo>,\n"));
/// assert!(out.source.contains("    #[serde(rename = \"ZoneID\")]\n    pub zone_id: Option<String>,\n"));
/// assert!(!out.source.contains("request_id"));
/// # Ok::<(), tencent_action_codegen::SpecError>(())
/// ```
///
/// # Errors
///
/// When an action is not in the spec, or its output object is missing.
pub fn generate(api: &Api, actions: &[&str], options: &Options) -> Result<Generated, SpecError> {
    let mut wanted: Vec<&str> = Vec::new();
    for &action in actions {
        if api.action(action).is_none() {
            return Err(SpecError(format!(
                "action `{action}` is not in the {} {} api.json",
                api.service(),
                api.version()
            )));
        }
        if !wanted.contains(&action) {
            wanted.push(action);
        }
    }
    let mut outputs = Vec::new();
    for &action in &wanted {
        let output = &api
            .action(action)
            .map(|a| a.output.clone())
            .unwrap_or_default();
        if !api.has_object(output) {
            return Err(SpecError(format!(
                "the output object `{output}` of action `{action}` is not in the api.json"
            )));
        }
        outputs.push(output.clone());
    }

    let models = reachable_models(api, &outputs);
    let mut type_names: BTreeMap<&str, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for model in &models {
        let name = unique(ident::type_name(model), &mut taken);
        type_names.insert(model, name);
    }
    let mut structs = Vec::new();
    for &action in &wanted {
        let mut name = ident::type_name(action);
        if taken.contains(&name) {
            name.push_str("Response");
        }
        structs.push((action.to_owned(), unique(name, &mut taken)));
    }

    let cx = Cx {
        api,
        type_names: &type_names,
    };
    let mut out = String::new();
    let mut warnings = Vec::new();
    let header = format!(
        "Generated by tencent-action-codegen from the `{}` {} api.json: {}.",
        api.service(),
        api.version(),
        wanted.join(", ")
    );
    for line in doc::wrap(&header, 96) {
        let _ = writeln!(out, "// {line}");
    }
    out.push_str(
        "// A field is an `Option` where the spec allows `null` or does not promise the field.\n",
    );
    if options.imports {
        // Only the imports the file uses: `#[tencent_model]` types derive for themselves, so
        // `Deserialize` is named only by the plain nested types (an unused import would be the
        // first warning of every pasted file).
        if !options.models && !models.is_empty() {
            out.push_str("\nuse serde::Deserialize;");
        } else {
            out.push('\n');
        }
        out.push_str("\nuse tencent_action::prelude::*;\n");
    }
    for ((action, rust_name), output) in structs.iter().zip(&outputs) {
        let spec = api
            .action(action)
            .map(|a| a.document.as_str())
            .unwrap_or("");
        out.push('\n');
        write_doc(&mut out, "", spec);
        if !doc::doc_lines(spec).is_empty() {
            out.push_str("///\n");
        }
        let _ = writeln!(
            out,
            "/// The response of `{}` {} `{action}` (spec object `{output}`).",
            api.service(),
            api.version()
        );
        let codes = match &options.codes {
            Some(path) => format!(", codes = {path}"),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "#[tencent_action(service = {:?}, version = {:?}, action = {action:?}{codes})]",
            api.service(),
            api.version()
        );
        out.push_str("#[derive(Debug)]\n");
        let object = api
            .object(output)
            .map(|o| o.members.as_slice())
            .unwrap_or(&[]);
        let members: Vec<&MemberSpec> = object
            .iter()
            .filter(|m| m.name != "RequestId" && m.name != "Error")
            .collect();
        cx.write_fields(&mut out, rust_name, output, &members, &mut warnings);
    }
    for model in &models {
        let spec = api.object(model);
        let rust_name = &type_names[model.as_str()];
        out.push('\n');
        write_doc(
            &mut out,
            "",
            spec.map(|s| s.document.as_str()).unwrap_or(""),
        );
        if options.models {
            let object = if rust_name == model {
                String::new()
            } else {
                format!(", object = {model:?}")
            };
            let _ = writeln!(
                out,
                "#[tencent_model(service = {:?}, version = {:?}{object})]\n#[derive(Debug)]",
                api.service(),
                api.version()
            );
        } else {
            out.push_str("#[derive(Debug, Deserialize)]\n#[serde(rename_all = \"PascalCase\")]\n");
        }
        let members: Vec<&MemberSpec> =
            spec.map(|s| s.members.iter().collect()).unwrap_or_default();
        cx.write_fields(&mut out, rust_name, model, &members, &mut warnings);
    }
    Ok(Generated {
        source: out,
        structs,
        warnings,
    })
}

struct Cx<'a> {
    api: &'a Api,
    type_names: &'a BTreeMap<&'a str, String>,
}

impl Cx<'_> {
    fn write_fields(
        &self,
        out: &mut String,
        rust_name: &str,
        object: &str,
        members: &[&MemberSpec],
        warnings: &mut Vec<String>,
    ) {
        if members.is_empty() {
            let _ = writeln!(out, "pub struct {rust_name} {{}}");
            return;
        }
        let _ = writeln!(out, "pub struct {rust_name} {{");
        let mut idents: BTreeSet<String> = BTreeSet::new();
        for member in members {
            let FieldName { ident, mut rename } = ident::field_name(&member.name);
            let ident = if idents.contains(&ident) {
                // Two wire names with the same snake_case form: number the later one.
                rename = Some(member.name.clone());
                unique(ident, &mut idents)
            } else {
                idents.insert(ident.clone());
                ident
            };
            let mut ty = self.member_type(object, member, warnings);
            if !member.always_present() {
                ty = format!("Option<{ty}>");
            }
            write_doc(out, "    ", &member.document);
            if let Some(wire) = rename {
                let _ = writeln!(out, "    #[serde(rename = {wire:?})]");
            }
            let _ = writeln!(out, "    pub {ident}: {ty},");
        }
        out.push_str("}\n");
    }

    fn member_type(&self, object: &str, m: &MemberSpec, warnings: &mut Vec<String>) -> String {
        match m.ty.as_str() {
            "list" => format!("Vec<{}>", self.named_type(object, m, &m.member, warnings)),
            "object" => {
                let ty = self.named_type(object, m, &m.member, warnings);
                if self.api.has_object(&m.member) && reaches(self.api, &m.member, object) {
                    format!("Box<{ty}>")
                } else {
                    ty
                }
            }
            other => {
                let name = if m.member.is_empty() {
                    other
                } else {
                    &m.member
                };
                match scalar(name).or_else(|| scalar(other)) {
                    Some(ty) => ty.to_owned(),
                    None => self.unknown(object, m, warnings),
                }
            }
        }
    }

    /// The type of a list element or an object member: a model, or a scalar.
    fn named_type(
        &self,
        object: &str,
        m: &MemberSpec,
        name: &str,
        warnings: &mut Vec<String>,
    ) -> String {
        if let Some(model) = self.type_names.get(name) {
            return model.clone();
        }
        match scalar(name) {
            Some(ty) => ty.to_owned(),
            None => self.unknown(object, m, warnings),
        }
    }

    fn unknown(&self, object: &str, m: &MemberSpec, warnings: &mut Vec<String>) -> String {
        warnings.push(format!(
            "{object}.{}: unknown type `{}` / member `{}`, generated as serde_json::Value",
            m.name, m.ty, m.member
        ));
        "serde_json::Value".to_owned()
    }
}

fn scalar(name: &str) -> Option<&'static str> {
    Some(match name {
        "string" | "datetime" | "datetime_iso" | "date" | "time" | "binary" => "String",
        "int" | "int64" | "int32" | "integer" => "i64",
        "uint64" | "uint32" => "u64",
        "float" | "double" => "f64",
        "bool" | "boolean" => "bool",
        _ => return None,
    })
}

fn write_doc(out: &mut String, indent: &str, text: &str) {
    for line in doc::doc_lines(text) {
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// `name`, or `name2`, `name3`... whichever is not taken yet; marks it taken.
fn unique(name: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// The objects reachable from `roots` through members (the roots themselves excluded unless
/// reached again), in depth-first order of first reference.
fn reachable_models(api: &Api, roots: &[String]) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut order = Vec::new();
    for root in roots {
        visit(api, root, &mut seen, &mut order, true);
    }
    order
}

fn visit(api: &Api, name: &str, seen: &mut BTreeSet<String>, order: &mut Vec<String>, root: bool) {
    if !root {
        if !seen.insert(name.to_owned()) {
            return;
        }
        order.push(name.to_owned());
    }
    let Some(object) = api.object(name) else {
        return;
    };
    for m in &object.members {
        if (m.ty == "list" || m.ty == "object") && api.has_object(&m.member) {
            visit(api, &m.member, seen, order, false);
        }
    }
}

/// Whether `to` is reachable from `from` through object and list members.
fn reaches(api: &Api, from: &str, to: &str) -> bool {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(name) = stack.pop() {
        if name == to {
            return true;
        }
        if !seen.insert(name) {
            continue;
        }
        if let Some(object) = api.object(name) {
            for m in &object.members {
                if api.has_object(&m.member) {
                    stack.push(&m.member);
                }
            }
        }
    }
    false
}
