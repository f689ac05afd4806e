//! Where the crate being compiled says its specs are: `TENCENT_ACTION_SPECS`, else
//! `[package.metadata.tencent-action] specs` in its own `Cargo.toml` (`CARGO_MANIFEST_DIR`),
//! else `[workspace.metadata.tencent-action] specs` in its workspace's root manifest. Each
//! path is relative to where it is written (the variable's to the crate's directory), so the
//! setting means the same from any current directory. Nothing set: the bundled specs alone.
//!
//! Read once per compiler process (one crate), like the spec files.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tencent_action_naming::specs::{read_setting, Setting, Table, INDEX};

/// The environment variable naming an override directory (or `false`).
pub const SPECS_VAR: &str = "TENCENT_ACTION_SPECS";

/// The crate's setting, resolved.
pub struct Settings {
    /// `Ok(None)`: the bundle alone; `Ok(Some)`: an override directory that exists;
    /// `Err`: the setting is malformed or names a directory that does not exist.
    pub dir: Result<Option<Override>, String>,
    /// Where `specs = false` was said, when it was: the check is off for the crate.
    pub off: Option<String>,
    /// The manifests read, and the override directory's index: files cargo must track so that
    /// a changed setting or an added product re-runs the check.
    pub tracked: Vec<PathBuf>,
}

/// An override directory: checked before the bundle, product by product.
pub struct Override {
    pub path: PathBuf,
    /// Where it was set, for messages: `TENCENT_ACTION_SPECS` or `[package.metadata...]`.
    pub origin: String,
    /// As written, for messages (the resolved path names the build machine's directories).
    pub written: String,
}

/// The settings of the crate being compiled.
pub fn get() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
        let var = std::env::var(SPECS_VAR).ok().filter(|v| !v.is_empty());
        read(manifest_dir.as_deref(), var.as_deref())
    })
}

fn read(manifest_dir: Option<&Path>, var: Option<&str>) -> Settings {
    let mut settings = Settings {
        dir: Ok(None),
        off: None,
        tracked: Vec::new(),
    };
    let base = manifest_dir.unwrap_or(Path::new("."));
    // Manifests are read (and tracked) even when the variable wins: unsetting it must fall
    // back to them.
    let mut found: Option<(Setting, PathBuf, Table)> = None;
    if let Some(dir) = manifest_dir {
        for (manifest, tables) in manifests(dir) {
            let Ok(text) = std::fs::read_to_string(&manifest) else {
                continue;
            };
            settings.tracked.push(manifest.clone());
            for table in tables {
                if found.is_some() {
                    break;
                }
                match read_setting(&text, table) {
                    Ok(Some(setting)) => found = Some((setting, manifest.clone(), table)),
                    Ok(None) => {}
                    Err(e) => {
                        settings.dir = Err(format!("{e} ({})", manifest.display()));
                        return settings;
                    }
                }
            }
        }
    }
    let (setting, origin, relative_to) = match (var, found) {
        (Some("false"), _) => (Setting::Off, SPECS_VAR.to_owned(), base.to_owned()),
        (Some(value), _) => (
            Setting::Dir(value.to_owned()),
            SPECS_VAR.to_owned(),
            base.to_owned(),
        ),
        (None, Some((setting, manifest, table))) => {
            let origin = format!("{} in {}", table.name(), manifest.display());
            let dir = manifest.parent().unwrap_or(base).to_owned();
            (setting, origin, dir)
        }
        (None, None) => return settings,
    };
    match setting {
        Setting::Off => settings.off = Some(origin),
        Setting::Bundled => {}
        Setting::Dir(written) => {
            let path = relative_to.join(&written);
            if path.is_dir() {
                let index = path.join(INDEX);
                if index.is_file() {
                    settings.tracked.push(index);
                }
                settings.dir = Ok(Some(Override {
                    path,
                    origin,
                    written,
                }));
            } else {
                let relative = if origin == SPECS_VAR {
                    "the crate's directory, CARGO_MANIFEST_DIR"
                } else {
                    "that Cargo.toml's directory"
                };
                settings.dir = Err(format!(
                    "the specs directory \"{}\" set by {origin} does not exist (a relative path starts at {relative}): create it with `tencent-action-codegen specs add SERVICE`, or remove the setting to use the bundled specs",
                    written.escape_default(),
                ));
            }
        }
    }
    settings
}

/// The manifests that may hold the setting, with the tables each may hold it in: the crate's
/// own (its package table, or its workspace table when it is the workspace root), then the
/// nearest ancestor manifest with a `[workspace]` table.
fn manifests(dir: &Path) -> Vec<(PathBuf, Vec<Table>)> {
    let own = dir.join("Cargo.toml");
    let own_is_root = is_workspace_root(&own);
    let mut out = vec![(
        own,
        if own_is_root {
            vec![Table::Package, Table::Workspace]
        } else {
            vec![Table::Package]
        },
    )];
    if !own_is_root {
        if let Some(root) = dir
            .ancestors()
            .skip(1)
            .map(|d| d.join("Cargo.toml"))
            .find(|m| is_workspace_root(m))
        {
            out.push((root, vec![Table::Workspace]));
        }
    }
    out
}

fn is_workspace_root(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest).is_ok_and(|text| {
        text.lines().any(|l| {
            l.trim_start().starts_with("[workspace]") || l.trim_start().starts_with("[workspace.")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ta-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("member/specs")).unwrap();
        std::fs::create_dir_all(dir.join("shared")).unwrap();
        dir
    }

    #[test]
    fn the_variable_then_the_package_then_the_workspace() {
        let root = scratch("order");
        let member = root.join("member");
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"member\"]\n[workspace.metadata.tencent-action]\nspecs = \"shared\"\n",
        )
        .unwrap();
        std::fs::write(member.join("Cargo.toml"), "[package]\nname = \"m\"\n").unwrap();
        let s = read(Some(&member), None);
        let dir = s.dir.unwrap().unwrap();
        assert_eq!(dir.path, root.join("shared"));
        assert!(dir
            .origin
            .starts_with("[workspace.metadata.tencent-action] in "));
        assert_eq!(s.tracked.len(), 2);

        std::fs::write(
            member.join("Cargo.toml"),
            "[package]\nname = \"m\"\n[package.metadata.tencent-action]\nspecs = \"specs\"\n",
        )
        .unwrap();
        let s = read(Some(&member), None);
        assert_eq!(s.dir.unwrap().unwrap().path, member.join("specs"));

        let s = read(Some(&member), Some("../shared"));
        assert_eq!(s.dir.unwrap().unwrap().origin, SPECS_VAR);
        assert!(read(Some(&member), Some("false")).off.is_some());

        let s = read(Some(&member), Some("nowhere"));
        assert!(s.dir.err().unwrap().contains("does not exist"));

        std::fs::write(
            member.join("Cargo.toml"),
            "[package]\nname = \"m\"\n[package.metadata.tencent-action]\nspecs = false\n",
        )
        .unwrap();
        let s = read(Some(&member), None);
        assert!(s
            .off
            .unwrap()
            .starts_with("[package.metadata.tencent-action]"));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
