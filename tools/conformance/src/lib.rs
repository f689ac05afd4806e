//! Conformance with Tencent's published responses: every example response of SMS, CVM, CLS,
//! TDSQL MySQL (`dcdb`) and Cloud Security Center (`csip`), decoded through the structs
//! `tencent-action-codegen` writes from each product's `api.json`, compiled under the schema
//! check (`docs/conformance.md`).
//!
//! Two halves, because the structs must be generated before they can be compiled:
//!
//! - the `tencent-action-conformance` binary ([`write_harness_crate`]) writes a throwaway
//!   harness crate holding the generated structs of every action and a table of
//!   [`Service`]s;
//! - the harness's `main` is [`main`]: it decodes every example ([`check`]), compares the
//!   schema contradictions found with `tools/conformance/expected.tsv` ([`expected`]) and
//!   prints a [`Report`].
//!
//! `scripts/conformance.sh` downloads the pinned `tccli` and runs both. Not published: a
//! workspace tool.

#![deny(missing_docs)]
#![warn(rust_2018_idioms)]

pub mod expected;
mod harness;
mod outcome;
mod run;

pub use expected::reason_class;
pub use harness::{write_harness_crate, BoxError, ConformanceService};
pub use outcome::{check, Outcome};
pub use run::{main, Report, Service};
