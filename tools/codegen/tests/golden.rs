//! The generator's output for the hand-written fixture `tests/fixtures/api.json`, compared
//! with the committed `tests/fixtures/expected.rs` (which `tests/compiles.rs` builds and uses).
//! After an intended change: `UPDATE_GOLDEN=1 cargo test -p tencent-action-codegen --test golden`.

use std::process::Command;

use tencent_action_codegen::{generate, Api, Options};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn all_actions(api: &Api) -> Vec<&str> {
    api.action_names().collect()
}

#[test]
fn output_matches_the_committed_golden_file() {
    let api = Api::from_json(&fixture("api.json")).unwrap();
    let out = generate(&api, &all_actions(&api), &Options::default()).unwrap();
    let path = format!("{}/tests/fixtures/expected.rs", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out.source).unwrap();
    }
    let expected = fixture("expected.rs");
    assert_eq!(
        out.source, expected,
        "generator output changed; if intended, rerun with UPDATE_GOLDEN=1"
    );
    assert_eq!(
        out.warnings,
        ["Machine.Extra: unknown type `blob` / member `blob`, generated as serde_json::Value"]
    );
}

#[test]
fn golden_file_is_rustfmt_clean() {
    let path = format!("{}/tests/fixtures/expected.rs", env!("CARGO_MANIFEST_DIR"));
    let status = Command::new("rustfmt")
        .args(["--edition", "2021", "--check", &path])
        .status();
    match status {
        Ok(status) => assert!(status.success(), "rustfmt --check {path} failed"),
        // No rustfmt on this machine: nothing to compare with.
        Err(e) => eprintln!("skipped: rustfmt not runnable: {e}"),
    }
}

#[test]
fn the_binary_prints_the_same_source_and_warns_on_stderr() {
    let api = format!("{}/tests/fixtures/api.json", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_tencent-action-codegen"))
        .args(["--api", &api, "--all"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        fixture("expected.rs")
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: Machine.Extra: unknown type `blob`"),
        "{stderr}"
    );
}

#[test]
fn the_binary_takes_actions_as_arguments_or_comma_lists() {
    let api = format!("{}/tests/fixtures/api.json", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_tencent-action-codegen"))
        .args([
            "--api",
            &api,
            "StartMachines,Disk",
            "--no-imports",
            "--codes",
            "crate::DemoCode",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let source = String::from_utf8(out.stdout).unwrap();
    assert!(!source.contains("use serde"), "{source}");
    assert!(source.contains(
        r#"#[tencent_action(service = "demo", version = "2020-02-02", action = "Disk", codes = crate::DemoCode)]"#
    ), "{source}");
    assert!(source.contains("pub struct StartMachines {}"), "{source}");
    assert!(source.contains("pub struct DiskResponse {"), "{source}");
    assert!(!source.contains("pub struct Machine {"), "{source}");
}

#[test]
fn the_binary_reports_bad_input_with_exit_code_2() {
    let api = format!("{}/tests/fixtures/api.json", env!("CARGO_MANIFEST_DIR"));
    let bin = env!("CARGO_BIN_EXE_tencent-action-codegen");
    let out = Command::new(bin)
        .args(["--api", &api, "NoSuchAction"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("action `NoSuchAction` is not in the demo 2020-02-02 api.json"),
        "{stderr}"
    );

    let out = Command::new(bin)
        .args(["--api", "/nonexistent/api.json", "--all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("reading /nonexistent/api.json"));

    let out = Command::new(bin).args(["--api", &api]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("name at least one action"));
}

#[test]
fn a_file_imports_only_what_it_uses() {
    let api = Api::from_json(&fixture("api.json")).unwrap();
    // Plain nested types derive `Deserialize`: the import is used.
    let plain = generate(&api, &all_actions(&api), &Options::default()).unwrap();
    assert!(plain.source.contains("\nuse serde::Deserialize;\n"));
    // `#[tencent_model]` types derive for themselves: no `unused import` warning.
    let mut models = Options::default();
    models.models = true;
    let out = generate(&api, &all_actions(&api), &models).unwrap();
    assert!(
        !out.source.contains("use serde::Deserialize;"),
        "{}",
        out.source
    );
    assert!(out.source.contains("\nuse tencent_action::prelude::*;\n"));
}
