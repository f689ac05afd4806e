//! Compile-time errors of the client's API: `tests/ui/client/fail`, each with its reviewed
//! `.stderr`.

#[test]
fn ui_client() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/client/fail/*.rs");
}
