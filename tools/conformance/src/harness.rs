//! The harness crate: the generated structs of every action of each product, and a table
//! of decode functions handed to [`main`](crate::main). Generated, because the structs
//! are; everything else lives in this library, compiled and tested with the workspace.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tencent_action_codegen::{generate, Api, Options};

/// What writing the harness can fail with: a spec the generator refuses, an examples file
/// that does not fit its spec, a file that cannot be written.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One product in a conformance run: its parsed `api.json` and where its `examples.json` is.
///
/// ```
/// # let api_json = r#"{"metadata": {"serviceShortName": "cvm", "apiVersion": "2017-03-12"}, "actions": {}}"#;
/// let api = tencent_action_codegen::Api::from_json(api_json)?;
/// let service = tencent_action_conformance::ConformanceService::new(api, "/data/cvm/examples.json", r#"{"actions": {}}"#)?;
/// assert!(service.actions().is_empty());
/// # Ok::<(), tencent_action_conformance::BoxError>(())
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
    /// let service = tencent_action_conformance::ConformanceService::new(api, "examples.json", examples)?;
    /// assert_eq!(service.actions(), ["StartInstances"]);
    /// # Ok::<(), tencent_action_conformance::BoxError>(())
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
    ) -> Result<ConformanceService, BoxError> {
        let value: serde_json::Value = serde_json::from_str(examples)
            .map_err(|e| format!("examples.json is not JSON: {e}"))?;
        let by_action = value
            .get("actions")
            .and_then(|a| a.as_object())
            .ok_or("examples.json has no `actions` object")?;
        let mut actions = Vec::new();
        for (action, list) in by_action {
            if list.as_array().is_some_and(|l| !l.is_empty()) {
                if !api.action_names().any(|a| a == action) {
                    return Err(format!(
                        "examples.json has examples of `{action}`, which api.json does not define"
                    )
                    .into());
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
    /// let service = tencent_action_conformance::ConformanceService::new(api, "e.json", r#"{"actions": {}}"#)?;
    /// assert_eq!(service.actions(), [] as [&str; 0]);
    /// # Ok::<(), tencent_action_conformance::BoxError>(())
    /// ```
    pub fn actions(&self) -> &[String] {
        &self.actions
    }
}

/// Writes the harness crate into `dir`: `Cargo.toml` (its own workspace, depending by path on
/// the runtime crate at `runtime` and on this library at `tool`), `src/main.rs` (the table of
/// services, and [`main`](crate::main)), and one module per service holding the generated
/// structs and a dispatch function. Returns the files written.
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
/// let service = tencent_action_conformance::ConformanceService::new(api, "/tmp/examples.json", examples)?;
/// let dir = std::env::temp_dir().join(format!("codegen-doctest-{}", std::process::id()));
/// let files = tencent_action_conformance::write_harness_crate(&dir, "/src/runtime".as_ref(), "/src/tools/conformance".as_ref(), &[service])?;
/// assert_eq!(files.len(), 3);
/// let module = std::fs::read_to_string(dir.join("src/cvm_20170312.rs"))?;
/// assert!(module.contains("\"StartInstances\" => ::tencent_action_conformance::check::<StartInstances>(body),"));
/// let main = std::fs::read_to_string(dir.join("src/main.rs"))?;
/// assert!(main.contains("compiled: 1, check: cvm_20170312::check }"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), tencent_action_conformance::BoxError>(())
/// ```
///
/// # Errors
///
/// When generating fails (see [`generate`]) or a file cannot be written.
pub fn write_harness_crate(
    dir: &Path,
    runtime: &Path,
    tool: &Path,
    services: &[ConformanceService],
) -> Result<Vec<PathBuf>, BoxError> {
    std::fs::create_dir_all(dir.join("src"))?;
    let mut written = Vec::new();

    let manifest = format!(
        "[package]\n\
         name = \"tencent-action-conformance-harness\"\n\
         version = \"0.0.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         \n\
         # Written by tencent-action-conformance; not part of the tencent-action workspace.\n\
         [workspace]\n\
         \n\
         [dependencies]\n\
         tencent-action = {{ path = {runtime:?} }}\n\
         tencent-action-conformance = {{ path = {tool:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n",
        runtime = runtime.display().to_string(),
        tool = tool.display().to_string()
    );
    written.push(write(dir.join("Cargo.toml"), &manifest)?);

    let mut modules = String::new();
    let mut table = String::from("const SERVICES: &[::tencent_action_conformance::Service] = &[\n");
    for service in services {
        let api = &service.api;
        let module = module_name(api.service(), api.version());
        // Every action is generated (and so compiled under the schema check, models included),
        // not only those with examples: a check that rejects what the generator writes from
        // the same schema is a false positive.
        let actions: Vec<&str> = api.action_names().collect();
        let mut options = Options::default();
        options.models = true;
        let generated = generate(api, &actions, &options)?;
        let compiled =
            generated.structs.len() + generated.source.matches("#[tencent_model(").count();
        let mut source = generated.source;
        source.push_str(
            "\n/// Decodes `body` as the response of `action`; `None` for an action not generated.\n\
             pub fn check(action: &str, body: &str) -> Option<::tencent_action_conformance::Outcome> {\n    \
             Some(match action {\n",
        );
        for (action, rust) in generated
            .structs
            .iter()
            .filter(|(action, _)| service.actions.contains(action))
        {
            let _ = writeln!(
                source,
                "        {action:?} => ::tencent_action_conformance::check::<{rust}>(body),"
            );
        }
        source.push_str("        _ => return None,\n    })\n}\n");
        written.push(write(dir.join(format!("src/{module}.rs")), &source)?);
        let _ = writeln!(modules, "mod {module};");
        let _ = writeln!(
            table,
            "    ::tencent_action_conformance::Service {{ name: {:?}, version: {:?}, examples: {:?}, compiled: {compiled}, check: {module}::check }},",
            api.service(),
            api.version(),
            service.examples_path.display().to_string()
        );
    }
    table.push_str("];\n");
    let main = format!(
        "//! The conformance harness, written by `tencent-action-conformance write`: the generated\n\
         //! structs of every action (one module per service) and the table the run goes through.\n\
         //! Usage: tencent-action-conformance-harness --expected FILE [--update]\n\
         \n\
         #![allow(dead_code, unused_imports, non_snake_case, clippy::all)]\n\
         \n\
         {modules}\n\
         {table}\n\
         fn main() -> ::std::process::ExitCode {{\n    \
         ::tencent_action_conformance::main(SERVICES)\n\
         }}\n"
    );
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
