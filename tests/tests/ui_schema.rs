//! Compile-time checks against Tencent's published schema (the repository's `specs/`, which
//! `.cargo/config.toml` names in `TENCENT_ACTION_SPECS`; trybuild's builds see it too): every
//! error has a case in `tests/ui/schema/fail` with its reviewed `.stderr`;
//! `tests/ui/schema/pass` must compile and run.

#[test]
fn ui_schema() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/schema/fail/*.rs");
    t.pass("ui/schema/pass/*.rs");
}
