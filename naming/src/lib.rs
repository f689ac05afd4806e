//! The naming rules of `tencent-action`, in one place: the macros (`#[tencent_action]`,
//! `error_codes!`), the code generator and the runtime's tests all call these functions, so a
//! wire name or a variant name is computed by one rule wherever it is computed.
//!
//! Internal to `tencent-action`: the API follows that crate's needs, not semver on its own.
//!
//! - [`rename`]: serde's `rename_all` rules for field names (`instance_set` → `InstanceSet`).
//! - [`code`]: what a well-formed Tencent Cloud error code is, and the enum variant name each
//!   code gets (`AuthFailure.MFAFailure` → `AuthFailureMFAFailure`).
//! - [`specs`]: where compact specs live: a specs directory's layout and index, and the
//!   `[package.metadata.tencent-action] specs = ...` setting.

#![deny(missing_docs)]

pub mod code;
pub mod rename;
pub mod specs;

pub use rename::RenameRule;
