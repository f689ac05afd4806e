//! Writes `#[tencent_action]` response structs from a Tencent Cloud `api.json`, the way you
//! would write them by hand.
//!
//! Tencent publishes a machine-readable description of every product (the `tccli` package on
//! PyPI carries `tccli/services/<service>/<version>/api.json`). Given one and a list of
//! actions, [`generate`] writes one annotated struct per action, one plain
//! `#[derive(Debug, Deserialize)]` struct per model type they reach, and doc comments from the
//! spec. The `tencent-action-codegen` binary does the same from the command line:
//!
//! ```text
//! cargo run -p tencent-action-codegen -- --api path/to/api.json SendSms PullSmsSendStatus
//! cargo run -p tencent-action-codegen -- --api path/to/api.json --all --out src/sms.rs
//! ```
//!
//! [`compact`] trims an `api.json` to the compact spec `#[tencent_action]` checks against
//! (`tencent-action-codegen compact`, see `macros/specs/README.md`); [`specs`] writes them straight
//! from tccli's wheel on PyPI (`tencent-action-codegen specs add`).
//!
//! ```
//! let api = tencent_action_codegen::Api::from_json(r#"{
//!   "metadata": {"serviceShortName": "sms", "apiVersion": "2021-01-11"},
//!   "actions": {"SendSms": {"output": "SendSmsResponse", "document": "Sends an SMS."}},
//!   "objects": {"SendSmsResponse": {"members": [
//!     {"name": "SendStatusSet", "type": "list", "member": "SendStatus", "output_required": true,
//!      "value_allowed_null": false, "document": "Per-number status."},
//!     {"name": "RequestId", "type": "string", "member": "string"}]},
//!   "SendStatus": {"members": [
//!     {"name": "SerialNo", "type": "string", "member": "string", "output_required": true,
//!      "value_allowed_null": false},
//!     {"name": "Fee", "type": "int", "member": "uint64", "output_required": true,
//!      "value_allowed_null": true}]}}
//! }"#)?;
//! let out = tencent_action_codegen::generate(&api, &["SendSms"], &Default::default())?;
//! assert!(out.source.contains(r#"
//! /// Sends an SMS.
//! ///
//! /// The response of `sms` 2021-01-11 `SendSms` (spec object `SendSmsResponse`).
//! #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
//! #[derive(Debug)]
//! pub struct SendSms {
//!     /// Per-number status.
//!     pub send_status_set: Vec<SendStatus>,
//! }
//!
//! #[derive(Debug, Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! pub struct SendStatus {
//!     pub serial_no: String,
//!     pub fee: Option<u64>,
//! }
//! "#));
//! # Ok::<(), tencent_action_codegen::SpecError>(())
//! ```

#![deny(missing_docs)]
#![warn(rust_2018_idioms)]

mod compact;
mod doc;
mod generate;
mod ident;
pub mod pypi;
mod spec;
pub mod specs;
#[doc(hidden)]
pub mod wheel;

pub use compact::{compact, Compact};
pub use generate::{generate, Generated, Options};
pub use spec::{Api, SpecError};
