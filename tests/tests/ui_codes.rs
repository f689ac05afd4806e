//! Compile-time checks of `error_codes!`: each mistake a user can make in a declaration has a
//! case in `tests/ui/error_codes/fail` with its reviewed `.stderr`, pointing at the token to change.

#[test]
fn ui_codes() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/error_codes/fail/*.rs");
}
