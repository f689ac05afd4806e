//! Tencent's published API schemas: finding a product's file, parsing it once per compiler
//! process, and looking up actions and objects. Nothing here knows about attributes.
//!
//! The file for `service = "cvm", version = "2017-03-12"` is `cvm/v20170312/api.json` (tccli's
//! own layout) in the crate's override directory (`settings`), else in the bundle this crate
//! ships (`specs/`, every product of one tccli release). An explicit `schema = "..."` path
//! resolves against `CARGO_MANIFEST_DIR` and must exist.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use proc_macro2::TokenStream;
use quote::quote;
use tencent_action_naming::specs::{self, Index};

use crate::json::{self, Value};
use crate::settings::{self, Override};

/// One product's schema: what the checks read of it (unknown keys, such as tccli's
/// documentation text, are ignored). Read by [`Spec::from_json`].
pub struct Spec {
    pub actions: HashMap<String, ActionSpec>,
    pub objects: HashMap<String, Object>,
    /// Which way each object travels, computed on first use.
    usage: OnceLock<HashMap<String, Usage>>,
}

/// Whether an object is reachable from some action's input (a request sends it), from some
/// output (a response carries it), or both.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub input: bool,
    pub output: bool,
}

pub struct ActionSpec {
    /// The request object's name (for request checking).
    pub input: Option<String>,
    /// The response object's name.
    pub output: String,
}

pub struct Object {
    pub members: Vec<Member>,
}

pub struct Member {
    pub name: String,
    /// `string`, `int`, `float`, `bool`, `list` or `object` (the key `type`).
    pub ty: String,
    /// The scalar type (`int64`, `uint64`, `string`, `datetime`...) or the object's name.
    pub member: String,
    pub required: Option<bool>,
    pub output_required: Option<bool>,
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
    /// The schema in a parsed `api.json`: `actions` and `objects` (each may be absent), every
    /// other key ignored. The messages say what is wrong where, as serde's would.
    pub fn from_json(value: &Value) -> Result<Spec, String> {
        let Value::Object(_) = value else {
            return Err(format!(
                "invalid type: {}, expected an object",
                value.kind()
            ));
        };
        let actions = map_of(value, "actions", |name, v| {
            Ok(ActionSpec {
                input: optional(v, "input", STRING).map_err(|e| format!("action `{name}`: {e}"))?,
                output: required(v, "output", STRING)
                    .map_err(|e| format!("action `{name}`: {e}"))?,
            })
        })?;
        let objects = map_of(value, "objects", |name, v| {
            let members = match v.get("members") {
                None => Vec::new(),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(Member::from_json)
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("object `{name}`: {e}"))?,
                Some(other) => {
                    return Err(format!(
                        "object `{name}`: invalid type: {}, expected an array of members",
                        other.kind()
                    ))
                }
            };
            Ok(Object { members })
        })?;
        Ok(Spec {
            actions,
            objects,
            usage: OnceLock::new(),
        })
    }
}

impl Member {
    fn from_json(v: &Value) -> Result<Member, String> {
        let name = required(v, "name", STRING)?;
        let within = |e: String| format!("member `{name}`: {e}");
        Ok(Member {
            ty: required(v, "type", STRING).map_err(within)?,
            member: optional(v, "member", STRING)
                .map_err(within)?
                .unwrap_or_default(),
            required: optional(v, "required", BOOLEAN).map_err(within)?,
            output_required: optional(v, "output_required", BOOLEAN).map_err(within)?,
            value_allowed_null: optional(v, "value_allowed_null", BOOLEAN).map_err(within)?,
            name,
        })
    }
}

/// The object under `key` of `value` as a map, each entry read by `read`; an empty map when
/// the key is absent.
fn map_of<T>(
    value: &Value,
    key: &str,
    read: impl Fn(&str, &Value) -> Result<T, String>,
) -> Result<HashMap<String, T>, String> {
    match value.get(key) {
        None => Ok(HashMap::new()),
        Some(Value::Object(entries)) => entries
            .iter()
            .map(|(name, v)| match v {
                Value::Object(_) => Ok((name.clone(), read(name, v)?)),
                other => Err(format!(
                    "`{key}.{name}`: invalid type: {}, expected an object",
                    other.kind()
                )),
            })
            .collect(),
        Some(other) => Err(format!(
            "`{key}`: invalid type: {}, expected an object",
            other.kind()
        )),
    }
}

/// How a field's value is read, and what it is expected to be (for the error message).
struct Kind<T> {
    read: fn(&Value) -> Option<T>,
    expected: &'static str,
}

const STRING: Kind<String> = Kind {
    read: |v| match v {
        Value::String(s) => Some(s.clone()),
        _ => None,
    },
    expected: "a string",
};

const BOOLEAN: Kind<bool> = Kind {
    read: |v| match v {
        Value::Bool(b) => Some(*b),
        _ => None,
    },
    expected: "a boolean",
};

/// The field `key` of `v`, read as `kind`; an error when it is absent.
fn required<T>(v: &Value, key: &str, kind: Kind<T>) -> Result<T, String> {
    optional(v, key, kind)?.ok_or_else(|| format!("missing field `{key}`"))
}

/// The field `key` of `v`, read as `kind`; `None` when it is absent or `null`.
fn optional<T>(v: &Value, key: &str, kind: Kind<T>) -> Result<Option<T>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(found) => (kind.read)(found).map(Some).ok_or_else(|| {
            format!(
                "field `{key}`: invalid type: {}, expected {}",
                found.kind(),
                kind.expected
            )
        }),
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

    /// Which way `object` travels (an object no action reaches counts as an output).
    pub fn usage(&self, object: &str) -> Usage {
        let usage = self.usage.get_or_init(|| {
            let mut usage: HashMap<String, Usage> = HashMap::new();
            for action in self.actions.values() {
                let roots = [
                    (action.input.as_deref(), true),
                    (Some(action.output.as_str()), false),
                ];
                for (root, input) in roots {
                    let mut stack: Vec<&str> = root.into_iter().collect();
                    while let Some(name) = stack.pop() {
                        let entry = usage.entry(name.to_owned()).or_default();
                        let seen = if input {
                            &mut entry.input
                        } else {
                            &mut entry.output
                        };
                        if std::mem::replace(seen, true) {
                            continue;
                        }
                        if let Some(object) = self.objects.get(name) {
                            stack.extend(
                                object
                                    .members
                                    .iter()
                                    .filter(|m| self.objects.contains_key(&m.member))
                                    .map(|m| m.member.as_str()),
                            );
                        }
                    }
                }
            }
            usage
        });
        match usage.get(object) {
            Some(u) if u.input || u.output => *u,
            _ => Usage {
                input: false,
                output: true,
            },
        }
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
    /// `cvm 2017-03-12`: for messages.
    pub label: String,
    /// Where the file came from, for messages: `the bundled specs (tccli 3.1.189.1)`.
    pub origin: String,
    /// Whether cargo must track the file: not for the bundle, which only changes with the
    /// macros crate (whose embedded index changes with every file).
    pub track: bool,
}

/// Why no spec was found for a product: each is a compile error at its own token.
pub enum Miss {
    /// At the `service` literal.
    Service(String),
    /// At the `version` literal.
    Version(String),
    /// The setting is wrong: at the `service` literal, since every product is affected.
    Config(String),
}

/// The directory of the bundled specs: the macros crate's own `specs/`, found where cargo
/// unpacked (or checked out) the crate that was compiled.
const BUNDLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/specs");

/// The bundle's index, compiled in: the services and versions present for messages, and a
/// digest of every file, so that a regenerated bundle rebuilds the macros and re-checks
/// everything that uses them.
pub fn bundle() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::parse(include_str!("../specs/index.txt")))
}

/// The spec for `service`/`version` from the crate's settings: the override directory's file,
/// else the bundle's. `Ok(None)` when the crate turned the check off (`specs = false`).
pub fn find(service: &str, version: &str) -> Result<Option<Loaded>, Miss> {
    let settings = settings::get();
    if settings.off.is_some() {
        return Ok(None);
    }
    let over = settings.dir.as_ref().map_err(|e| Miss::Config(e.clone()))?;
    let label = format!("{service} {version}");
    let relative = specs::relative_path(service, version);
    if let Some(dir) = over {
        let path = dir.path.join(&relative);
        if path.is_file() {
            let origin = format!(
                "specs directory \"{}\" ({})",
                dir.written.escape_default(),
                dir.origin
            );
            return parse_cached(&path).map_err(Miss::Config).map(|spec| {
                Some(Loaded {
                    path,
                    spec,
                    label,
                    origin,
                    track: true,
                })
            });
        }
    }
    let index = bundle();
    if index.has(service, version) {
        let path = Path::new(BUNDLE).join(&relative);
        let origin = format!("the bundled specs of tccli {}", index.tccli);
        return match parse_cached(&path) {
            Ok(spec) => Ok(Some(Loaded { path, spec, label, origin, track: false })),
            Err(e) => Err(Miss::Config(format!(
                "{e}; the bundled specs of tencent-action-macros are incomplete here: reinstall the crate, or set a specs directory ({})",
                settings::SPECS_VAR
            ))),
        };
    }
    Err(not_found(service, version, over.as_ref()))
}

/// The error for a product found nowhere: a service with "did you mean" over every service
/// present, or a version with the versions present.
fn not_found(service: &str, version: &str, over: Option<&Override>) -> Miss {
    let index = bundle();
    let mut services: Vec<String> = index.services().into_iter().map(str::to_owned).collect();
    let mut versions: Vec<String> = index.versions(service).map(str::to_owned).collect();
    if let Some(dir) = over {
        for entry in std::fs::read_dir(&dir.path).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                services.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        for entry in std::fs::read_dir(dir.path.join(service))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(d) = name.strip_prefix('v').filter(|d| d.len() == 8) {
                versions.push(format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]));
            }
        }
    }
    services.sort();
    services.dedup();
    versions.sort();
    versions.dedup();
    let searched = match over {
        Some(dir) => format!(
            "the specs directory \"{}\" ({}) and the bundled specs of tccli {}",
            dir.written.escape_default(),
            dir.origin,
            index.tccli
        ),
        None => format!("the bundled specs of tccli {}", index.tccli),
    };
    let newer = format!(
        "for an API newer than tccli {}, `tencent-action-codegen specs add {service}` writes its spec into your specs directory ([package.metadata.tencent-action] specs = \"...\"); for a made-up product, `schema = false`",
        index.tccli
    );
    if versions.is_empty() {
        let known: Vec<&str> = services.iter().map(String::as_str).collect();
        let hint = match crate::attr::did_you_mean(service, &known) {
            Some(best) => format!("did you mean \"{best}\"? "),
            None => String::new(),
        };
        Miss::Service(format!(
            "no schema for service \"{}\": {hint}({} services in {searched}; {newer})",
            service.escape_default(),
            services.len()
        ))
    } else {
        Miss::Version(format!(
            "no schema for {service} version \"{}\": {searched} have {service} {} ({newer})",
            version.escape_default(),
            versions.join(", ")
        ))
    }
}

/// An explicit `schema = "path"`: relative to the crate's directory, and it must exist.
pub fn load_file(service: &str, version: &str, written: &str) -> Result<Loaded, String> {
    let path = resolve(Path::new(written));
    let shown = format!("\"{}\"", written.escape_default());
    if !path.is_file() {
        // The path as written: the resolved one names the build machine's directories.
        return Err(format!(
            "no schema file at {shown} (a relative path starts at the crate's directory, CARGO_MANIFEST_DIR)"
        ));
    }
    let spec = parse_cached(&path).map_err(|e| e.replace(&path.display().to_string(), &shown))?;
    Ok(Loaded {
        path,
        spec,
        label: format!("{service} {version}"),
        origin: format!("schema file {shown}"),
        track: true,
    })
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
            json::parse(&bytes)
                .map_err(|e| e.to_string())
                .and_then(|value| Spec::from_json(&value))
                .map_err(|e| format!("{} is not an api.json schema: {e}", path.display()))
        })
        .map(Arc::new);
    cache.insert(path.to_owned(), (stamp.0, stamp.1, parsed.clone()));
    parsed
}

/// Tokens that make rustc record what the check read, so cargo re-runs it when one changes:
/// `option_env!` adds `TENCENT_ACTION_SPECS` to the dep-info (`# env-dep:`), `include_bytes!`
/// each file: the manifests holding the setting, the override directory's index (rewritten by
/// `specs add`, so an added product is picked up) and the spec file read, unless it is the
/// bundle's (see [`Loaded::track`]). Each is emitted once per compiler process (one crate), by
/// the first expansion that needs it: rustc records the dependency for the whole crate either
/// way, and 600 structs need not include the same file 600 times.
pub fn track(loaded: Option<&Loaded>) -> TokenStream {
    static EMITTED: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    let mut emitted = EMITTED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut out = TokenStream::new();
    let mut files: Vec<&Path> = Vec::new();
    if emitted.is_empty() {
        out.extend(quote! {
            const _: ::core::option::Option<&'static ::core::primitive::str> =
                ::core::option_env!("TENCENT_ACTION_SPECS");
        });
        // An empty path marks the variable and the settings as emitted.
        emitted.push(PathBuf::new());
        files.extend(settings::get().tracked.iter().map(PathBuf::as_path));
    }
    if let Some(loaded) = loaded.filter(|l| l.track) {
        files.push(&loaded.path);
    }
    for path in files {
        if emitted.iter().any(|p| p == path) {
            continue;
        }
        if let Some(text) = path.to_str() {
            emitted.push(path.to_owned());
            out.extend(quote! {
                const _: &[::core::primitive::u8] = ::core::include_bytes!(#text);
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{json, Spec, BUNDLE};

    fn read(text: &str) -> Result<Spec, String> {
        Spec::from_json(&json::parse(text.as_bytes()).unwrap())
    }

    /// A file that is JSON but not a schema says what is wrong, and where in the schema.
    #[test]
    fn shape_errors_name_the_entry() {
        let err = |text| read(text).err().unwrap();
        assert_eq!(err("[]"), "invalid type: an array, expected an object");
        assert_eq!(
            err(r#"{"actions": "x"}"#),
            "`actions`: invalid type: a string, expected an object"
        );
        assert_eq!(
            err(r#"{"actions": {"A": {"input": "AReq"}}}"#),
            "action `A`: missing field `output`"
        );
        assert_eq!(
            err(r#"{"objects": {"O": {"members": [{"name": "N", "type": 1}]}}}"#),
            "object `O`: member `N`: field `type`: invalid type: a number, expected a string"
        );
        assert_eq!(
            err(
                r#"{"objects": {"O": {"members": [{"name": "N", "type": "int", "required": "yes"}]}}}"#
            ),
            "object `O`: member `N`: field `required`: invalid type: a string, expected a boolean"
        );
        // Absent sections and fields, and `null`, are empty or unset, as serde's defaults were.
        let spec = read(
            r#"{"objects": {"O": {"members": [{"name": "N", "type": "string", "required": null}]}}, "doc": 1}"#,
        )
        .unwrap();
        assert!(spec.actions.is_empty());
        let member = &spec.objects["O"].members[0];
        assert_eq!((member.member.as_str(), member.required), ("", None));
    }

    /// Every product of the bundle, read by the schema reader, holds what serde_json reads in
    /// it: the same actions with the same input and output, the same objects with the same
    /// members, flags and types.
    #[test]
    fn the_bundle_reads_as_serde_json_reads_it() {
        let mut files = 0;
        for service in std::fs::read_dir(BUNDLE).unwrap() {
            let service = service.unwrap().path();
            let Ok(versions) = std::fs::read_dir(&service) else {
                continue; // README.md
            };
            for version in versions {
                let path = version.unwrap().path().join("api.json");
                let bytes = std::fs::read(&path).unwrap();
                let ours = Spec::from_json(&json::parse(&bytes).unwrap()).unwrap();
                let theirs: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                let actions = theirs["actions"].as_object().unwrap();
                assert_eq!(ours.actions.len(), actions.len(), "{}", path.display());
                for (name, action) in actions {
                    let mine = &ours.actions[name];
                    assert_eq!(mine.input.as_deref(), action["input"].as_str(), "{name}");
                    assert_eq!(
                        Some(mine.output.as_str()),
                        action["output"].as_str(),
                        "{name}"
                    );
                }
                let objects = theirs["objects"].as_object().unwrap();
                assert_eq!(ours.objects.len(), objects.len(), "{}", path.display());
                for (name, object) in objects {
                    let members = object["members"].as_array().unwrap();
                    let mine = &ours.objects[name].members;
                    assert_eq!(mine.len(), members.len(), "{name}");
                    for (m, member) in mine.iter().zip(members) {
                        assert_eq!(Some(m.name.as_str()), member["name"].as_str());
                        assert_eq!(Some(m.ty.as_str()), member["type"].as_str());
                        assert_eq!(m.member, member["member"].as_str().unwrap_or(""));
                        assert_eq!(m.required, member["required"].as_bool());
                        assert_eq!(m.output_required, member["output_required"].as_bool());
                        assert_eq!(m.value_allowed_null, member["value_allowed_null"].as_bool());
                    }
                }
                files += 1;
            }
        }
        assert!(files >= 262, "{files} products");
    }
}
