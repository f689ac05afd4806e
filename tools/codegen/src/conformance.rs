//! The conformance harness: a throwaway crate that decodes every published example of a
//! product with structs generated from its `api.json`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::generate::{generate, Options};
use crate::spec::{Api, SpecError};

const MAIN_TEMPLATE: &str = include_str!("../templates/conformance_main.rs");

/// One product in a conformance run: its parsed `api.json` and where its `examples.json` is.
///
/// ```
/// # let api_json = r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"}, "actions": {}}"#;
/// let api = tencent_action_codegen::Api::from_json(api_json)?;
/// let service = tencent_action_codegen::ConformanceService::new(api, "/data/cvm/examples.json", r#"{"actions": {}}"#)?;
/// assert!(service.actions().is_empty());
/// # Ok::<(), tencent_action_codegen::SpecError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ConformanceService {
    api: Api,
    examples_path: PathBuf,
    actions: Vec<String>,
}

impl ConformanceService {
    /// `api`, with the text of its `examples.json` (`{"actions": {"Name": [...]}}`) read from
    /// `examples_path`: the actions that have at least one example are the ones generated.
    ///
    /// ```
    /// # let api_json = r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"},
    /// #   "actions": {"StartInstances": {"output": "StartInstancesResponse"}, "StopInstances": {"output": "StopInstancesResponse"}},
    /// #   "objects": {"StartInstancesResponse": {"members": []}, "StopInstancesResponse": {"members": []}}}"#;
    /// let api = tencent_action_codegen::Api::from_json(api_json)?;
    /// let examples = r#"{"actions": {"StartInstances": [{"output": "{}"}], "StopInstances": []}}"#;
    /// let service = tencent_action_codegen::ConformanceService::new(api, "examples.json", examples)?;
    /// assert_eq!(service.actions(), ["StartInstances"]);
    /// # Ok::<(), tencent_action_codegen::SpecError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When `examples` is not an object with an `actions` object, or names an action that is
    /// not in `api`.
    pub fn new(
        api: Api,
        examples_path: impl Into<PathBuf>,
        examples: &str,
    ) -> Result<ConformanceService, SpecError> {
        let value: serde_json::Value = serde_json::from_str(examples)
            .map_err(|e| SpecError(format!("examples.json is not JSON: {e}")))?;
        let by_action = value
            .get("actions")
            .and_then(|a| a.as_object())
            .ok_or_else(|| SpecError("examples.json has no `actions` object".into()))?;
        let mut actions = Vec::new();
        for (action, list) in by_action {
            if list.as_array().is_some_and(|l| !l.is_empty()) {
                if api.action(action).is_none() {
                    return Err(SpecError(format!(
                        "examples.json has examples of `{action}`, which api.json does not define"
                    )));
                }
                actions.push(action.clone());
            }
        }
        Ok(ConformanceService {
            api,
            examples_path: examples_path.into(),
            actions,
        })
    }

    /// The actions that have examples, sorted.
    ///
    /// ```
    /// # let api = tencent_action_codegen::Api::from_json(r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"}, "actions": {}}"#)?;
    /// let service = tencent_action_codegen::ConformanceService::new(api, "e.json", r#"{"actions": {}}"#)?;
    /// assert_eq!(service.actions(), [] as [&str; 0]);
    /// # Ok::<(), tencent_action_codegen::SpecError>(())
    /// ```
    pub fn actions(&self) -> &[String] {
        &self.actions
    }
}

/// Writes the harness crate into `dir`: `Cargo.toml` (its own workspace, depending on the
/// runtime crate at `runtime` by path), `src/main.rs`, and one module per service holding
/// the generated structs and a dispatch function. Returns the files written.
///
/// The harness, run with `--expected FILE`, decodes every example and prints one line per
/// schema contradiction and a summary line; see `scripts/conformance.sh`.
///
/// ```
/// # let api_json = r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"},
/// #   "actions": {"StartInstances": {"output": "StartInstancesResponse"}},
/// #   "objects": {"StartInstancesResponse": {"members": []}}}"#;
/// let api = tencent_action_codegen::Api::from_json(api_json)?;
/// let examples = r#"{"actions": {"StartInstances": [{"output": "{}"}]}}"#;
/// let service = tencent_action_codegen::ConformanceService::new(api, "/tmp/examples.json", examples)?;
/// let dir = std::env::temp_dir().join(format!("codegen-doctest-{}", std::process::id()));
/// let files = tencent_action_codegen::write_conformance_crate(&dir, "/src/runtime".as_ref(), &[service])?;
/// assert_eq!(files.len(), 3);
/// let module = std::fs::read_to_string(dir.join("src/cvm_20170312.rs"))?;
/// assert!(module.contains("\"StartInstances\" => crate::check::<StartInstances>(body),"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
/// ```
///
/// # Errors
///
/// When generating fails (see [`generate`]) or a file cannot be written.
pub fn write_conformance_crate(
    dir: &Path,
    runtime: &Path,
    services: &[ConformanceService],
) -> Result<Vec<PathBuf>, Box<dyn std::error::Error + Send + Sync>> {
    std::fs::create_dir_all(dir.join("src"))?;
    let mut written = Vec::new();

    let manifest = format!(
        "[package]\n\
         name = \"tencent-action-conformance\"\n\
         version = \"0.0.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         \n\
         # Written by tencent-action-codegen; not part of the tencent-action workspace.\n\
         [workspace]\n\
         \n\
         [dependencies]\n\
         tencent-action = {{ path = {runtime:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n",
        runtime = runtime.display().to_string()
    );
    written.push(write(dir.join("Cargo.toml"), &manifest)?);

    let mut modules = String::new();
    let mut table = String::from("const SERVICES: &[Service] = &[\n");
    for service in services {
        let api = &service.api;
        let module = module_name(api.service(), api.version());
        // Every action is generated (and so compiled under the schema check, models included),
        // not only those with examples: a check that rejects what the generator writes from
        // the same schema is a false positive.
        let actions: Vec<&str> = api.action_names().collect();
        let options = Options {
            models: true,
            ..Options::default()
        };
        let generated = generate(api, &actions, &options)?;
        let compiled =
            generated.structs.len() + generated.source.matches("#[tencent_model(").count();
        let mut source = generated.source;
        source.push_str(
            "\n/// Decodes `body` as the response of `action`; `None` for an action not generated.\n\
             pub fn check(action: &str, body: &str) -> Option<crate::Outcome> {\n    \
             Some(match action {\n",
        );
        for (action, rust) in generated
            .structs
            .iter()
            .filter(|(action, _)| service.actions.contains(action))
        {
            let _ = writeln!(
                source,
                "        {action:?} => crate::check::<{rust}>(body),"
            );
        }
        source.push_str("        _ => return None,\n    })\n}\n");
        written.push(write(dir.join(format!("src/{module}.rs")), &source)?);
        let _ = writeln!(modules, "mod {module};");
        let _ = writeln!(
            table,
            "    Service {{ name: {:?}, version: {:?}, examples: {:?}, compiled: {compiled}, check: {module}::check }},",
            api.service(),
            api.version(),
            service.examples_path.display().to_string()
        );
    }
    table.push_str("];\n");
    let main = MAIN_TEMPLATE.replace("//@MODULES@\n", &format!("{modules}\n{table}"));
    written.push(write(dir.join("src/main.rs"), &main)?);
    Ok(written)
}

/// `cvm_20170312`: a module name unique per service and version.
fn module_name(service: &str, version: &str) -> String {
    let service: String = service
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let version: String = version.chars().filter(char::is_ascii_digit).collect();
    format!("{service}_{version}")
}

fn write(path: PathBuf, text: &str) -> std::io::Result<PathBuf> {
    // Leave an unchanged file alone so cargo does not rebuild it.
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(path);
    }
    std::fs::write(&path, text)?;
    Ok(path)
}
