//! TC3-HMAC-SHA256 request signing, and its verification on the server side.
//!
//! Build a [`Request`] from the response type's [`Action`](crate::Action) consts and any `Serialize` payload,
//! [`sign`](Request::sign) it with a [`Credential`], and hand the resulting [`SignedRequest`]
//! (method, URL, headers, body) to any HTTP client. No HTTP client is a dependency of this crate.
//!
//! ```
//! use tencent_action::prelude::*;
//! use tencent_action::sign::{Credential, Request};
//!
//! #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
//! pub struct DescribeInstances {
//!     pub total_count: u64,
//! }
//!
//! let credential = Credential::new("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE");
//! let signed = Request::post::<DescribeInstances>(&serde_json::json!({"Limit": 1}))?
//!     .region("ap-guangzhou")
//!     .timestamp(1_551_113_065)
//!     .sign(&credential)?;
//!
//! assert_eq!(signed.method().as_str(), "POST");
//! assert_eq!(signed.url(), "https://cvm.tencentcloudapi.com/");
//! assert_eq!(signed.header("X-TC-Action"), Some("DescribeInstances"));
//! assert_eq!(signed.body(), br#"{"Limit":1}"#);
//! assert!(signed.authorization().starts_with(
//!     "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
//!      SignedHeaders=content-type;host, Signature="));
//! # Ok::<(), tencent_action::sign::SignError>(())
//! ```
//!
//! The algorithm (Tencent's "Signature v3"): the canonical request
//! `METHOD\n/\nQUERY\ncontent-type:...\nhost:...\n\ncontent-type;host\nhex(sha256(body))`, the
//! string to sign `TC3-HMAC-SHA256\nTIMESTAMP\nDATE/SERVICE/tc3_request\nhex(sha256(canonical))`,
//! and the key derived from `"TC3" + SecretKey` by HMAC-SHA256 over the UTC date, the service and
//! `tc3_request`. The signatures are checked against the official Python SDK's in this crate's
//! tests.
//!
//! The children: [`Request`] (the builder, `request`), [`SignedRequest`] (`signed`),
//! [`SignError`] (`error`), [`Credential`] (`credential`), the TC3 core shared by signer and
//! verifier (`tc3`: canonical request, key derivation, date, comparison), the `GET` query
//! encoding (`query`), and the server side in [`verify`] (feature `verify`).

pub(crate) mod credential;
mod error;
mod method;
mod query;
pub(crate) mod request;
mod signed;
mod tc3;
#[cfg(feature = "verify")]
#[cfg_attr(docsrs, doc(cfg(feature = "verify")))]
pub mod verify;

pub use credential::{Credential, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN};
pub use error::SignError;
pub use method::Method;
pub use request::Request;
pub use signed::SignedRequest;
#[cfg(feature = "verify")]
#[cfg_attr(docsrs, doc(cfg(feature = "verify")))]
pub use verify::{Incoming, Rejection, Verified, Verifier};

/// The signing algorithm's name, the first word of the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The headers covered by the signature, as named in `SignedHeaders`.
pub const SIGNED_HEADERS: &str = "content-type;host";

/// How far a request's `X-TC-Timestamp` may be from the server's clock before the service
/// answers `AuthFailure.SignatureExpire`: 5 minutes.
pub const MAX_CLOCK_SKEW: std::time::Duration = std::time::Duration::from_secs(300);
