//! `specs add`: compact specs from a tccli wheel into a specs directory, with its index.
//!
//! The same code writes the bundle the macros ship (`scripts/gen_specs.sh`: every product) and
//! a user's override directory (the products named): a wheel is read (see [`crate::pypi`] for
//! the download), each `tccli/services/<dir>/v<YYYYMMDD>/api.json` of a requested product is
//! compacted ([`crate::compact`]) and written to `<service>/v<YYYYMMDD>/api.json`, and the
//! directory's index is rewritten from the files it then holds, so that the macros (which make
//! cargo track the index) re-check the next build.

use std::path::{Path, PathBuf};

use tencent_action_naming::specs::{read_setting, Entry, Index, Setting, Table, INDEX};

use crate::compact::{compact, Compact};
use crate::pypi::sha256_hex;
use crate::spec::SpecError;
use crate::wheel;

/// The tccli release whose specs `tencent-action-macros` bundles (kept equal to the bundle's
/// index by a test).
pub const BUNDLED_TCCLI: &str = "3.1.189.1";

/// Which products to take from a wheel.
pub enum Products {
    /// Every product (the bundle).
    All,
    /// These services, every version the wheel has of each; a name is tccli's directory
    /// (`autoscaling`) or the service's short name (`as`).
    Named(Vec<String>),
}

/// The compact specs of `products` in a wheel's bytes, sorted by path.
pub fn extract(wheel_bytes: &[u8], products: &Products) -> Result<Vec<Compact>, SpecError> {
    let entries = wheel::entries(wheel_bytes)?;
    // (tccli's directory, the entry) of every product version.
    let specs: Vec<(&str, &wheel::Entry<'_>)> = entries
        .iter()
        .filter_map(|entry| {
            let parts: Vec<&str> = entry.name.split('/').collect();
            match parts.as_slice() {
                ["tccli", "services", dir, version, "api.json"] if version.starts_with('v') => {
                    Some((*dir, entry))
                }
                _ => None,
            }
        })
        .collect();
    let names: &[String] = match products {
        Products::All => &[],
        Products::Named(names) => names,
    };
    let mut out = Vec::new();
    let mut found: Vec<&str> = Vec::new();
    for (dir, entry) in &specs {
        let by_dir = names.iter().any(|n| n == dir);
        // A name that is no directory may be a short name (`as` lives in `autoscaling`): only
        // the file says, so the files are read for it.
        let maybe_short = names.iter().any(|n| specs.iter().all(|(d, _)| d != n));
        if !(matches!(products, Products::All) || by_dir || maybe_short) {
            continue;
        }
        let text = String::from_utf8_lossy(&entry.read()?).into_owned();
        let compact = compact(&text).map_err(|e| SpecError(format!("{}: {e}", entry.name)))?;
        if let Some(name) = names.iter().find(|n| *n == dir || **n == compact.service) {
            found.push(name);
        } else if !matches!(products, Products::All) {
            continue;
        }
        out.push(compact);
    }
    if let Some(missing) = names.iter().find(|n| !found.contains(&n.as_str())) {
        let mut dirs: Vec<&str> = specs.iter().map(|(d, _)| *d).collect();
        dirs.dedup();
        let hint = closest(missing, &dirs)
            .map(|best| format!("did you mean `{best}`? "))
            .unwrap_or_default();
        return Err(SpecError(format!(
            "the wheel has no product `{missing}`: {hint}({} products; the name is the endpoint's host prefix, as in `service = \"cvm\"`)",
            dirs.len()
        )));
    }
    out.sort_by_key(Compact::relative_path);
    Ok(out)
}

/// The name closest to `name`, within an edit distance of 2.
fn closest<'a>(name: &str, names: &[&'a str]) -> Option<&'a str> {
    let distance = |a: &str, b: &str| {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    };
    names
        .iter()
        .map(|n| (distance(name, n), *n))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Writes `specs` under `out_dir` and rewrites its index (listing every product the directory
/// then holds, `tccli` naming the release they came from). Returns the index.
pub fn write(out_dir: &Path, specs: &[Compact], tccli: &str) -> Result<Index, SpecError> {
    for spec in specs {
        let path = out_dir.join(spec.relative_path());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| SpecError(format!("creating {}: {e}", dir.display())))?;
        }
        // Unchanged files keep their modification time, so cargo re-checks only what changed.
        if std::fs::read(&path).ok().as_deref() != Some(spec.text.as_bytes()) {
            std::fs::write(&path, &spec.text)
                .map_err(|e| SpecError(format!("writing {}: {e}", path.display())))?;
        }
    }
    let mut index = scan(out_dir)?;
    index.tccli = tccli.to_owned();
    let path = out_dir.join(INDEX);
    std::fs::write(&path, index.render())
        .map_err(|e| SpecError(format!("writing {}: {e}", path.display())))?;
    Ok(index)
}

/// The index of what a directory holds: every `<service>/v<YYYYMMDD>/api.json`.
pub fn scan(dir: &Path) -> Result<Index, SpecError> {
    let read_dir = |d: &Path| -> Result<Vec<PathBuf>, SpecError> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| SpecError(format!("reading {}: {e}", d.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        paths.sort();
        Ok(paths)
    };
    let mut index = Index::default();
    for service_dir in read_dir(dir)? {
        for version_dir in read_dir(&service_dir)? {
            let file = version_dir.join("api.json");
            let (Some(service), Some(version)) = (
                service_dir.file_name().and_then(|n| n.to_str()),
                version_dir.file_name().and_then(|n| n.to_str()),
            ) else {
                continue;
            };
            let Some(version) = date(version) else {
                continue;
            };
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            index.entries.push(Entry {
                service: service.to_owned(),
                version,
                digest: sha256_hex(&bytes)[..16].to_owned(),
            });
        }
    }
    Ok(index)
}

/// `v20170312` → `2017-03-12`.
fn date(dir: &str) -> Option<String> {
    let d = dir.strip_prefix('v')?;
    (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

/// The override directory configured for the crate at `dir` (its `Cargo.toml`'s
/// `[package.metadata.tencent-action] specs`, else the workspace's), as the macros read it.
pub fn configured_dir(dir: &Path) -> Result<PathBuf, SpecError> {
    let mut at = Some(dir);
    let mut tables = vec![Table::Package, Table::Workspace];
    while let Some(d) = at {
        let manifest = d.join("Cargo.toml");
        if let Ok(text) = std::fs::read_to_string(&manifest) {
            for table in tables.clone() {
                match read_setting(&text, table).map_err(SpecError)? {
                    Some(Setting::Dir(path)) => return Ok(d.join(path)),
                    Some(Setting::Off | Setting::Bundled) => {
                        return Err(SpecError(format!(
                            "{} sets no specs directory in {}: pass --out-dir DIR",
                            manifest.display(),
                            table.name()
                        )))
                    }
                    None => {}
                }
            }
            // Past the crate's own manifest only a workspace's setting applies.
            tables = vec![Table::Workspace];
        }
        at = d.parent();
    }
    Err(SpecError(
        "no specs directory is configured here: pass --out-dir DIR, or add to the crate's Cargo.toml\n\n    [package.metadata.tencent-action]\n    specs = \"specs\"\n".to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_is_the_crates_setting_or_its_workspaces() {
        let root = std::env::temp_dir().join(format!("specs-config-{}", std::process::id()));
        let member = root.join("member");
        std::fs::create_dir_all(&member).unwrap();
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace]\n[workspace.metadata.tencent-action]\nspecs = \"shared\"\n",
        )
        .unwrap();
        std::fs::write(member.join("Cargo.toml"), "[package]\nname = \"m\"\n").unwrap();
        assert_eq!(configured_dir(&member).unwrap(), root.join("shared"));
        std::fs::write(
            member.join("Cargo.toml"),
            "[package]\n[package.metadata.tencent-action]\nspecs = \"own\"\n",
        )
        .unwrap();
        assert_eq!(configured_dir(&member).unwrap(), member.join("own"));
        std::fs::write(root.join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::write(member.join("Cargo.toml"), "[package]\n").unwrap();
        let e = configured_dir(&member).unwrap_err();
        assert!(e.to_string().contains("pass --out-dir DIR"), "{e}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_default_release_is_the_bundles() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../macros/specs/index.txt");
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(Index::parse(&text).tccli, BUNDLED_TCCLI);
    }

    fn api(service: &str, version: &str) -> String {
        format!(
            r#"{{"metadata": {{"serviceShortName": "{service}", "apiVersion": "{version}"}},
               "actions": {{"DescribeX": {{"input": "DescribeXRequest", "output": "DescribeXResponse", "document": "doc"}}}},
               "objects": {{"DescribeXResponse": {{"members": []}}}}}}"#
        )
    }

    #[test]
    fn takes_only_the_named_products_and_indexes_the_directory() {
        let (vpc, cbs, auto) = (
            api("vpc", "2017-03-12"),
            api("cbs", "2017-03-12"),
            api("as", "2018-04-19"),
        );
        let zip = wheel::write_zip(&[
            ("tccli/services/vpc/v20170312/api.json", vpc.as_bytes()),
            ("tccli/services/cbs/v20170312/api.json", cbs.as_bytes()),
            (
                "tccli/services/autoscaling/v20180419/api.json",
                auto.as_bytes(),
            ),
            ("tccli/services/vpc/v20170312/examples.json", b"{}"),
        ]);
        let named = extract(&zip, &Products::Named(vec!["vpc".into(), "as".into()])).unwrap();
        let paths: Vec<String> = named.iter().map(Compact::relative_path).collect();
        assert_eq!(paths, ["as/v20180419/api.json", "vpc/v20170312/api.json"]);
        assert_eq!(extract(&zip, &Products::All).unwrap().len(), 3);
        let e = extract(&zip, &Products::Named(vec!["vcp".into()]))
            .err()
            .unwrap();
        assert!(e.to_string().contains("did you mean `vpc`?"), "{e}");

        let dir = std::env::temp_dir().join(format!("specs-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let index = write(&dir, &named, "9.9.9").unwrap();
        assert_eq!(index.tccli, "9.9.9");
        assert_eq!(index.services(), ["as", "vpc"]);
        let text = std::fs::read_to_string(dir.join(INDEX)).unwrap();
        assert_eq!(Index::parse(&text), index);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
