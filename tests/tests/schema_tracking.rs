//! Cargo re-runs the schema check when a spec file is edited or `TENCENT_ACTION_SPECS` changes:
//! a scratch crate under `target/` is built, its spec edited, the variable pointed elsewhere,
//! and each real rebuild must see the change; `schema = "..."` is read relative to the crate. (It shares trybuild's target directory, whose
//! dependencies the UI tests have built, so each build compiles only the scratch crate.)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const SPEC_OK: &str = r#"{"metadata": {"apiVersion": "2017-03-12", "serviceShortName": "cvm"},
  "actions": {"DescribeZones": {"output": "DescribeZonesResponse"}},
  "objects": {"DescribeZonesResponse": {"members": [
    {"name": "TotalCount", "type": "int", "member": "uint64", "output_required": true}]}}}"#;

const LIB: &str = r#"
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}
"#;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Builds the scratch crate with `TENCENT_ACTION_SPECS=specs`; returns (success, stderr).
fn build(dir: &Path, target: &Path, specs: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--offline", "--lib"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("TENCENT_ACTION_SPECS", specs)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Cargo compares modification times: make sure the next write is later than the last build.
fn tick() {
    std::thread::sleep(Duration::from_millis(1100));
}

#[test]
fn editing_a_spec_or_changing_the_variable_rebuilds() {
    let root = workspace();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-tracking");
    let target = root.join("target/tests/trybuild");
    let runtime = root.join("runtime");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"schema-tracking\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ntencent-action = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    );
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    write(&dir.join("src/lib.rs"), LIB);
    let spec = dir.join("specs/cvm/v20170312/api.json");
    write(&spec, SPEC_OK);
    // Another directory, where the member is a string: `u64` contradicts it.
    write(
        &dir.join("other/cvm/v20170312/api.json"),
        &SPEC_OK.replace(
            r#""type": "int", "member": "uint64""#,
            r#""type": "string", "member": "string""#,
        ),
    );
    std::fs::create_dir_all(dir.join("empty")).unwrap();

    let (ok, err) = build(&dir, &target, "specs");
    assert!(ok, "the first build must pass: {err}");

    // The dep-info names the spec file and the variable.
    let deps = std::fs::read_dir(target.join("debug/deps"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("schema_tracking-") && name.ends_with(".d")
        })
        .max_by_key(|p| p.metadata().unwrap().modified().unwrap())
        .expect("a dep-info file for the scratch crate");
    let info = std::fs::read_to_string(deps).unwrap();
    assert!(info.contains("specs/cvm/v20170312/api.json"), "{info}");
    assert!(
        info.contains("# env-dep:TENCENT_ACTION_SPECS=specs"),
        "{info}"
    );

    // Editing the spec re-runs the check.
    tick();
    write(&spec, &SPEC_OK.replace("TotalCount", "ZoneCount"));
    let (ok, err) = build(&dir, &target, "specs");
    assert!(!ok, "an edited spec must be re-checked");
    assert!(
        err.contains("which is not a member of `DescribeZonesResponse`"),
        "{err}"
    );

    tick();
    write(&spec, SPEC_OK);
    let (ok, err) = build(&dir, &target, "specs");
    assert!(ok, "the restored spec passes again: {err}");

    // Pointing the variable elsewhere re-runs it too.
    let (ok, err) = build(&dir, &target, "other");
    assert!(!ok, "a changed TENCENT_ACTION_SPECS must be re-checked");
    assert!(
        err.contains("is an int (uint64)") || err.contains("is a string in the schema"),
        "{err}"
    );

    // And a directory without the product's file turns the check off.
    let (ok, err) = build(&dir, &target, "empty");
    assert!(ok, "no spec, no check: {err}");

    // `schema = "..."` names a file, relative to the crate, whatever the variable says.
    write(
        &dir.join("src/lib.rs"),
        &LIB.replace(
            "action = \"DescribeZones\"",
            "action = \"DescribeZones\", schema = \"other/cvm/v20170312/api.json\"",
        ),
    );
    let (ok, err) = build(&dir, &target, "empty");
    assert!(
        !ok,
        "the explicit schema is checked even without a specs directory"
    );
    assert!(err.contains("is a string in the schema"), "{err}");
    write(
        &dir.join("src/lib.rs"),
        &LIB.replace(
            "action = \"DescribeZones\"",
            "action = \"DescribeZones\", schema = \"specs/cvm/v20170312/api.json\"",
        ),
    );
    let (ok, err) = build(&dir, &target, "other");
    assert!(
        ok,
        "the explicit schema wins over TENCENT_ACTION_SPECS: {err}"
    );
    write(&dir.join("src/lib.rs"), LIB);
}
