//! Shared code of the example clients (`cargo run --example sms_send`,
//! `cargo run --example cvm_describe_instances`): a [`Client`] that signs with
//! `tencent_action::sign`, sends with `ureq` and decodes with `tencent_action::http`, and a
//! [`loopback`] endpoint that answers like the service when no credentials are set.

pub mod client;
pub mod loopback;

pub use client::{env_or, CallError, Client};
