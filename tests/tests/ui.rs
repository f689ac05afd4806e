//! Compile-time checks of `#[tencent_action]`: every error a user can hit has a case in
//! `tests/ui/attribute/fail` with its reviewed `.stderr`; `tests/ui/attribute/pass` must compile and run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/attribute/fail/*.rs");
    t.pass("ui/attribute/pass/*.rs");
}
