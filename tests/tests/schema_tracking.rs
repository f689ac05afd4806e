//! The schema check's configuration travels with the crate and cargo re-runs the check when it
//! changes: a scratch crate under the target directory is built (with `--manifest-path`, from
//! another current directory) while its `[package.metadata.tencent-action]` setting, its specs
//! directory and `TENCENT_ACTION_SPECS` change, and each real rebuild must see the change. It
//! shares trybuild's target directory, whose dependencies the UI tests have built, so each
//! build compiles only the scratch crate.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tencent_action_codegen::compact;
use tencent_action_codegen::specs::write;

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

// Not in the override directory: the bundled spec applies.
#[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
pub struct SendSms {
    pub send_status_set: Vec<serde_json::Value>,
}
"#;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn write_file(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn manifest(runtime: &Path, setting: &str) -> String {
    format!(
        "[package]\nname = \"schema-tracking\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ntencent-action = {{ path = {:?} }}\nserde_json = \"1\"\n\n{setting}\n[workspace]\n",
        runtime.display().to_string()
    )
}

/// Builds the scratch crate from the filesystem root (`--manifest-path`); returns
/// (success, stderr).
fn build(dir: &Path, target: &Path, var: Option<&str>) -> (bool, String) {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["build", "--quiet", "--offline", "--lib", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .current_dir("/")
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("TENCENT_ACTION_SPECS");
    if let Some(value) = var {
        command.env("TENCENT_ACTION_SPECS", value);
    }
    let out = command.output().unwrap();
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
fn the_setting_its_directory_and_the_variable_are_tracked() {
    let root = workspace();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-tracking");
    let _ = std::fs::remove_dir_all(&dir);
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../tests/trybuild");
    let runtime = root.join("runtime");
    let setting = |dir: &str| format!("[package.metadata.tencent-action]\nspecs = \"{dir}\"\n");
    write_file(
        &dir.join("Cargo.toml"),
        &manifest(&runtime, &setting("specs")),
    );
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    write_file(&dir.join("src/lib.rs"), LIB);
    // The override directory, written as `specs add` writes it (files and index).
    let specs = dir.join("specs");
    let spec = compact(SPEC_OK).unwrap();
    write(&specs, std::slice::from_ref(&spec), "test").unwrap();
    // Another directory, where the member is a string: `u64` contradicts it.
    let other = compact(&SPEC_OK.replace(
        r#""type": "int", "member": "uint64""#,
        r#""type": "string", "member": "string""#,
    ))
    .unwrap();
    write(&dir.join("other"), std::slice::from_ref(&other), "test").unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();

    let (ok, err) = build(&dir, &target, None);
    assert!(ok, "the first build must pass: {err}");

    // The dep-info names the manifest, the spec file, the index and the variable.
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
    for needle in [
        "schema-tracking/Cargo.toml",
        "specs/cvm/v20170312/api.json",
        "specs/index.txt",
        "# env-dep:TENCENT_ACTION_SPECS",
    ] {
        assert!(info.contains(needle), "{needle} in {info}");
    }

    // Editing the spec re-runs the check.
    tick();
    write_file(
        &specs.join("cvm/v20170312/api.json"),
        &spec.text.replace("TotalCount", "ZoneCount"),
    );
    let (ok, err) = build(&dir, &target, None);
    assert!(!ok, "an edited spec must be re-checked");
    assert!(
        err.contains("which is not a member of `DescribeZonesResponse`"),
        "{err}"
    );
    tick();
    write_file(&specs.join("cvm/v20170312/api.json"), &spec.text);
    let (ok, err) = build(&dir, &target, None);
    assert!(ok, "the restored spec passes again: {err}");

    // Changing the setting in Cargo.toml re-runs it.
    tick();
    write_file(
        &dir.join("Cargo.toml"),
        &manifest(&runtime, &setting("other")),
    );
    let (ok, err) = build(&dir, &target, None);
    assert!(!ok, "a changed setting must be re-checked");
    assert!(err.contains("is a string in the schema"), "{err}");

    // The variable wins over the setting; a directory without the product falls back to the
    // bundle, which has the real cvm DescribeZones (`TotalCount` is an int there).
    let (ok, err) = build(&dir, &target, Some("empty"));
    assert!(
        ok,
        "the bundle applies where the directory has no file: {err}"
    );
    let (ok, err) = build(&dir, &target, Some("nowhere"));
    assert!(
        !ok,
        "a configured directory that does not exist is an error"
    );
    assert!(
        err.contains("the specs directory \"nowhere\" set by TENCENT_ACTION_SPECS does not exist"),
        "{err}"
    );

    // A product added to the directory by the generator's code (`specs add`) is picked up by
    // the next build, without touching a source: the index it rewrites is tracked.
    write(&dir.join("empty"), &[], "test").unwrap(); // the index of an empty directory
    tick();
    write_file(
        &dir.join("Cargo.toml"),
        &manifest(&runtime, &setting("empty")),
    );
    let (ok, err) = build(&dir, &target, None);
    assert!(ok, "no product in the directory: the bundle: {err}");
    tick();
    write(&dir.join("empty"), std::slice::from_ref(&other), "test").unwrap();
    let (ok, err) = build(&dir, &target, None);
    assert!(!ok, "an added product must be checked at the next build");
    assert!(err.contains("is a string in the schema"), "{err}");

    // `specs = false` turns the check off for the crate.
    tick();
    write_file(
        &dir.join("Cargo.toml"),
        &manifest(
            &runtime,
            "[package.metadata.tencent-action]\nspecs = false\n",
        ),
    );
    let (ok, err) = build(&dir, &target, None);
    assert!(ok, "specs = false: no check: {err}");

    // `schema = "..."` names a file, relative to the crate, whatever the setting says.
    write_file(
        &dir.join("src/lib.rs"),
        &LIB.replace(
            "action = \"DescribeZones\"",
            "action = \"DescribeZones\", schema = \"other/cvm/v20170312/api.json\"",
        ),
    );
    tick();
    write_file(&dir.join("Cargo.toml"), &manifest(&runtime, ""));
    let (ok, err) = build(&dir, &target, None);
    assert!(!ok, "the explicit schema is checked");
    assert!(err.contains("is a string in the schema"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
