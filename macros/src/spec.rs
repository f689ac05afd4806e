//! Tencent's published API schemas (tccli's `api.json`, or the compact files under the
//! repository's `specs/`): where to find one, parsing it once per compiler process, and looking
//! up actions and objects. Nothing here knows about attributes, so request checking can reuse it.
//!
//! The file for `service = "cvm", version = "2017-03-12"` is
//! `$TENCENT_ACTION_SPECS/cvm/v20170312/api.json` (tccli's own layout); a relative
//! `TENCENT_ACTION_SPECS` resolves against `CARGO_MANIFEST_DIR`. An explicit `schema = "..."`
//! path resolves the same way and must exist.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;

/// The environment variable naming the specs directory.
pub const SPECS_VAR: &str = "TENCENT_ACTION_SPECS";

/// One product's schema: what the checks read of it (unknown keys, such as tccli's
/// documentation text, are ignored).
#[derive(Deserialize)]
pub struct Spec {
    #[serde(default)]
    pub actions: HashMap<String, ActionSpec>,
    #[serde(default)]
    pub objects: HashMap<String, Object>,
}

#[derive(Deserialize)]
pub struct ActionSpec {
    /// The request object's name (for request checking).
    #[serde(default)]
    #[allow(dead_code)]
    pub input: Option<String>,
    /// The response object's name.
    pub output: String,
}

#[derive(Deserialize)]
pub struct Object {
    #[serde(default)]
    pub members: Vec<Member>,
}

#[derive(Deserialize)]
pub struct Member {
    pub name: String,
    /// `string`, `int`, `float`, `bool`, `list` or `object`.
    #[serde(rename = "type")]
    pub ty: String,
    /// The scalar type (`int64`, `uint64`, `string`, `datetime`...) or the object's name.
    #[serde(default)]
    pub member: String,
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default)]
    pub output_required: Option<bool>,
    #[serde(default)]
    pub value_allowed_null: Option<bool>,
}

impl Member {
    /// Whether the spec promises the member in every response (`output_required`, or `required`
    /// where an object has no output flag), the rule `tencent-action-codegen` uses too.
    pub fn promised(&self) -> bool {
        self.output_required.or(self.required).unwrap_or(false)
    }

    pub fn nullable(&self) -> bool {
        self.value_allowed_null.unwrap_or(false)
    }
}

impl Spec {
    /// Every action's name, sorted (for suggestions).
    pub fn action_names(&self) -> Vec<&str> {
        sorted(self.actions.keys())
    }

    /// Every object's name, sorted (for suggestions).
    pub fn object_names(&self) -> Vec<&str> {
        sorted(self.objects.keys())
    }
}

fn sorted<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.map(String::as_str).collect();
    names.sort_unstable();
    names
}

/// A spec found and parsed, with the file it came from.
pub struct Loaded {
    pub path: PathBuf,
    pub spec: Arc<Spec>,
    /// `cvm 2017-03-12`, or the file name for an explicit `schema =`: for messages.
    pub label: String,
}

/// The spec for `service`/`version`: from `explicit` (a `schema = "..."` path, which must
/// exist) or from `$TENCENT_ACTION_SPECS`. `Ok(None)` when no spec applies: the variable is
/// unset, or the directory has no file for this product.
pub fn load(
    service: &str,
    version: &str,
    explicit: Option<&str>,
) -> Result<Option<Loaded>, String> {
    let label = format!("{service} {version}");
    let path = match explicit {
        Some(written) => {
            let path = resolve(Path::new(written));
            if !path.is_file() {
                // The path as written: the resolved one names the build machine's directories.
                return Err(format!(
                    "no schema file at \"{}\" (a relative path starts at the crate's directory, CARGO_MANIFEST_DIR)",
                    written.escape_default()
                ));
            }
            path
        }
        None => {
            let Some(dir) = std::env::var_os(SPECS_VAR) else {
                return Ok(None);
            };
            let path = resolve(Path::new(&dir))
                .join(service)
                .join(format!("v{}", version.replace('-', "")))
                .join("api.json");
            if !path.is_file() {
                return Ok(None);
            }
            path
        }
    };
    let spec = parse_cached(&path).map_err(|e| match explicit {
        // Name an explicit file as written, as above.
        Some(written) => e.replace(
            &path.display().to_string(),
            &format!("\"{}\"", written.escape_default()),
        ),
        None => e,
    })?;
    Ok(Some(Loaded { path, spec, label }))
}

fn resolve(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_owned();
    }
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => Path::new(&dir).join(path),
        None => path.to_owned(),
    }
}

type Cache = HashMap<PathBuf, (Option<SystemTime>, u64, Result<Arc<Spec>, String>)>;

/// Parses each file once per compiler process (a crate with 600 structs of one product reads
/// its spec once); a file whose modification time or size changed since is read again, for
/// long-lived hosts such as rust-analyzer.
fn parse_cached(path: &Path) -> Result<Arc<Spec>, String> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let stamp = (meta.modified().ok(), meta.len());
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((modified, len, parsed)) = cache.get(path) {
        if (*modified, *len) == stamp {
            return parsed.clone();
        }
    }
    let parsed = std::fs::read(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
        .and_then(|bytes| {
            serde_json::from_slice::<Spec>(&bytes)
                .map_err(|e| format!("{} is not an api.json schema: {e}", path.display()))
        })
        .map(Arc::new);
    cache.insert(path.to_owned(), (stamp.0, stamp.1, parsed.clone()));
    parsed
}

/// Tokens that make rustc record what the check read, so cargo re-runs it when a spec file is
/// edited or `TENCENT_ACTION_SPECS` changes: `option_env!` adds the variable to the dep-info
/// (`# env-dep:`), `include_bytes!` the file. Each is emitted once per compiler process (one
/// crate), by the first expansion that needs it: rustc records the dependency for the whole
/// crate either way, and 600 structs need not include the same file 600 times.
pub fn track(path: Option<&Path>) -> TokenStream {
    static EMITTED: OnceLock<Mutex<Vec<Option<PathBuf>>>> = OnceLock::new();
    let mut emitted = EMITTED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut out = TokenStream::new();
    if !emitted.contains(&None) {
        emitted.push(None);
        out.extend(quote! {
            const _: ::core::option::Option<&'static ::core::primitive::str> =
                ::core::option_env!("TENCENT_ACTION_SPECS");
        });
    }
    if let Some(path) = path {
        let key = Some(path.to_owned());
        if !emitted.contains(&key) {
            if let Some(text) = path.to_str() {
                emitted.push(key);
                out.extend(quote! {
                    const _: &[::core::primitive::u8] = ::core::include_bytes!(#text);
                });
            }
        }
    }
    out
}
