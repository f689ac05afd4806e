//! Compile-time errors of the crate-level setting, which every case of a trybuild run shares:
//! built with `TENCENT_ACTION_SPECS=ui/settings/specs`, a relative path, so it resolves against
//! each crate's own directory: this crate's (`tests/`, where the directory exists, empty: its
//! library is checked against the bundle) and the trybuild project's (where it does not: the
//! error of `tests/ui/settings/fail`). Its own test binary, so no other case sees the variable.

#[test]
fn ui_schema_settings() {
    // The only test of this binary: nothing else reads the environment meanwhile.
    std::env::set_var("TENCENT_ACTION_SPECS", "ui/settings/specs");
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/settings/fail/*.rs");
}
