//! Compile-time checks of `#[tencent_request]`: every error a user can hit has a case in
//! `tests/ui/request/fail` with its reviewed `.stderr`; `tests/ui/request/pass` must compile
//! and run.

#[test]
fn ui_request() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/request/fail/*.rs");
    t.pass("ui/request/pass/*.rs");
}
