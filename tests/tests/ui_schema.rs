//! Compile-time checks against Tencent's published schema (the specs the macros bundle, which
//! trybuild's builds see as any crate does): every
//! error has a case in `tests/ui/schema/fail` with its reviewed `.stderr`;
//! `tests/ui/schema/pass` must compile and run.

#[test]
fn ui_schema() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/schema/fail/*.rs");
    t.pass("ui/schema/pass/*.rs");
}
