//! Compile-time errors of the crate-level setting, which every case of a trybuild run shares:
//! built with `TENCENT_ACTION_SPECS` naming a directory that does not exist
//! (`tests/ui/settings/fail`). Its own test binary, so no other case sees the variable.

#[test]
fn ui_schema_settings() {
    // The only test of this binary: nothing else reads the environment meanwhile.
    std::env::set_var("TENCENT_ACTION_SPECS", "no/such/specs");
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/settings/fail/*.rs");
}
