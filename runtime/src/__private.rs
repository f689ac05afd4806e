//! Paths the generated code uses; not public API (hidden from the docs, no semver).
//!
//! Every path an expansion names goes through here (`::tencent_action::__private::...`), so the
//! code compiles in a module that shadows `serde`, `String` or `Option`. The schema check runs
//! in the macros, while expanding (`tencent-action-macros`' `schema` module says which rule is
//! checked where); the one rule left to the compiler, whether a field's type is the
//! `#[tencent_model]` of the right product and object, is decided with `Model` and
//! `model_agrees` below.

pub use crate::request_id::RequestId;
pub use serde;
pub use std::string::String;

/// Seals [`Action`](crate::Action): `#[tencent_action]` implements it beside `Action`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` implements `Action` by hand, but `Action` is sealed",
    label = "not declared with #[tencent_action]",
    note = "put `#[tencent_action(service = \"...\", version = \"...\", action = \"...\")]` on the struct instead of implementing `Action` yourself"
)]
pub trait Sealed {}

/// Implemented by `#[tencent_model]` types: the product and schema object each one models, so
/// a field can be checked to hold the right one.
pub trait Model {
    /// The product's service (`cvm`).
    const SERVICE: &'static str;
    /// The product's version (`2017-03-12`).
    const VERSION: &'static str;
    /// The object's name in the schema (`Instance`).
    const OBJECT: &'static str;
    /// Why the type cannot be sent in a request (required members missing or optional), for an
    /// object both read and written; empty when it can.
    const INPUT_PROBLEM: &'static str = "";
}

/// Whether a field's type models `object` of `service` `version` (or a request's response
/// was declared with them): `found` is `None` for types without `#[tencent_model]` (or that
/// are no `Action`), which are not judged.
pub const fn model_agrees(
    found: Option<(&str, &str, &str)>,
    service: &str,
    version: &str,
    object: &str,
) -> bool {
    match found {
        Some((s, v, o)) => str_eq(s, service) && str_eq(v, version) && str_eq(o, object),
        None => true,
    }
}

/// `a == b`, in a `const fn`.
const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::model_agrees;

    #[test]
    fn agreement_needs_product_and_object() {
        let cvm = Some(("cvm", "2017-03-12", "Placement"));
        assert!(model_agrees(cvm, "cvm", "2017-03-12", "Placement"));
        assert!(!model_agrees(cvm, "cbs", "2017-03-12", "Placement"));
        assert!(!model_agrees(cvm, "cvm", "2017-03-13", "Placement"));
        assert!(!model_agrees(cvm, "cvm", "2017-03-12", "Placemen"));
        assert!(model_agrees(None, "cbs", "2017-03-12", "Placement"));
    }
}
