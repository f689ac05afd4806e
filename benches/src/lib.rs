//! Benchmarks of `tencent-action` against plain serde and against what the official SDKs do.
//!
//! Four payloads shaped like real responses, generated deterministically in code:
//! [`sms`] (`SendSms`, one status: small), [`cvm`] (`DescribeInstances`, 100 instances with every
//! documented field: medium), [`cls`] (`SearchLog`, 2,000 results, about 3 MB: large) and
//! [`fail`] (an API error envelope). Each is decoded four ways by the functions in [`decode`]:
//! the floor (plain serde on `{"Response": T}`, no error handling at all), this library, the Go
//! SDK's way (two error probes, then the whole body) and the Python SDK's way (a tree, a look
//! for `Error`, then a conversion).
//!
//! Run them with `cargo bench -p tencent-action-benches`, then
//! `python3 scripts/bench_table.py` for the ratio table.

#![warn(rust_2018_idioms)]

pub mod alloc_count;
pub mod call_floor;
pub mod cls;
pub mod cvm;
pub mod decode;
pub mod fail;
pub mod rng;
pub mod shapes;
pub mod sms;

/// Declares one response three times over the same fields: the library's struct (with
/// `#[tencent_action]`), the floor's plain struct (`#[derive(Deserialize)]` with a `RequestId`
/// string) and
/// the SDKs' struct (plain serde with a `RequestId` field, as the official SDKs' response types
/// have; it also serializes, which is how the payloads are generated).
macro_rules! response {
    (
        $(#[$($attr:tt)*])*
        service = $service:tt, version = $version:tt, action = $action:tt;
        library $lib:ident, floor $plain:ident, sdk $sdk:ident;
        { $( $(#[$($fattr:tt)*])* $field:ident : $ty:ty ),* $(,)? }
    ) => {
        $(#[$($attr)*])*
        ///
        /// This library's struct: `#[tencent_action]`.
        #[::tencent_action::tencent_action(service = $service, version = $version, action = $action)]
        #[derive(Debug)]
        pub struct $lib {
            $( $(#[$($fattr)*])* pub $field: $ty, )*
        }

        $(#[$($attr)*])*
        ///
        /// The floor's struct: the same fields and the RequestId, plain `#[derive(Deserialize)]`.
        #[derive(Debug, ::serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        pub struct $plain {
            $( $(#[$($fattr)*])* pub $field: $ty, )*
            /// The request's id, as plain serde reads it.
            pub request_id: String,
        }

        $(#[$($attr)*])*
        ///
        /// The official SDKs' struct: the same fields and a `RequestId`, plain serde.
        #[derive(Debug, ::serde::Deserialize, ::serde::Serialize)]
        #[serde(rename_all = "PascalCase")]
        pub struct $sdk {
            $( $(#[$($fattr)*])* pub $field: $ty, )*
            /// The request's id.
            pub request_id: Option<String>,
        }
    };
}
pub(crate) use response;

/// Serializes `response` inside `{"Response": ...}`: how every payload is made.
///
/// ```
/// let body = tencent_action_benches::envelope_bytes(&serde_json::json!({"RequestId": "r"}));
/// assert_eq!(body, br#"{"Response":{"RequestId":"r"}}"#);
/// ```
pub fn envelope_bytes<T: serde::Serialize>(response: &T) -> Vec<u8> {
    serde_json::to_vec(&decode::Envelope { response }).expect("in-memory values serialize")
}
