//! Every compile error a user can hit, one case each with its reviewed `.stderr`, by topic:
//!
//! - `ui/attribute`: `#[tencent_action]` and `#[tencent_model]` themselves;
//! - `ui/schema`: the check against Tencent's published schema;
//! - `ui/request`: `#[tencent_request]`;
//! - `ui/error_codes`: `error_codes!`;
//! - `ui/client`: the client's API (a request that does not page).
//!
//! The `pass` cases must compile and run. One `TestCases`, so trybuild builds the dependencies
//! once for all of them.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/attribute/fail/*.rs");
    t.pass("ui/attribute/pass/*.rs");
    t.compile_fail("ui/schema/fail/*.rs");
    t.pass("ui/schema/pass/*.rs");
    t.compile_fail("ui/request/fail/*.rs");
    t.pass("ui/request/pass/*.rs");
    t.compile_fail("ui/error_codes/fail/*.rs");
    t.compile_fail("ui/client/fail/*.rs");
}
