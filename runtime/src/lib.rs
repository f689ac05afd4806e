//! Typed Tencent Cloud API 3.0 calls for bespoke clients.
//!
//! Responses are decoded in one serde pass with their RequestId and typed error codes, and
//! checked at compile time against Tencent's published schema; requests are tied to their
//! action; signing, a small client for every product and a test endpoint come with it.
//!
//! Every Tencent Cloud API 3.0 product answers in one envelope:
//! `{"Response": {...fields..., "RequestId": "..."}}` on success and
//! `{"Response": {"Error": {"Code": "...", "Message": "..."}, "RequestId": "..."}}` on failure.
//! Declare only the fields of your action; [`#[tencent_action]`](macro@tencent_action) does the
//! rest: envelope unwrapping in one serde pass, RequestId capture, and error-code mapping.
//!
//! ```
//! use tencent_action::prelude::*;
//!
//! #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
//! #[derive(Debug)]
//! pub struct DescribeInstances {
//!     pub total_count: i64,                 // wire name "TotalCount": PascalCase by default
//!     pub instance_set: Vec<Instance>,
//! }
//!
//! #[tencent_model(service = "cvm", version = "2017-03-12")]   // the schema's object `Instance`
//! #[derive(Debug)]
//! pub struct Instance {
//!     pub instance_id: String,
//!     #[serde(rename = "CPU")]
//!     pub cpu: u64,                         // every serde field attribute is honoured
//!     pub latest_operation: Option<String>, // the schema allows `null` here
//! }
//!
//! let body = br#"{"Response": {"TotalCount": 1, "InstanceSet": [{"InstanceId": "ins-1",
//!                 "CPU": 2, "LatestOperation": null}],
//!                 "RequestId": "6d1bd3c4-0f21-4d6a-9b43-0a3c6b7e8f90"}}"#;
//! let out: DescribeInstances = tencent_action::from_slice(body)?;
//! assert_eq!(out.instance_set[0].instance_id, "ins-1");
//! assert_eq!(out.instance_set[0].cpu, 2);
//! assert_eq!(out.request_id(), "6d1bd3c4-0f21-4d6a-9b43-0a3c6b7e8f90");
//! assert_eq!(DescribeInstances::ACTION, "DescribeInstances");
//!
//! let failed = br#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
//!                   "Message": "The provided credentials could not be validated."},
//!                   "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
//! let e = tencent_action::from_slice::<DescribeInstances>(failed).unwrap_err();
//! assert_eq!(e.code(), Some("AuthFailure.SignatureFailure"));
//! assert_eq!(e.request_id(), Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"));
//! # Ok::<(), tencent_action::Error>(())
//! ```
//!
//! # What is where
//!
//! - **Declaring actions**: [`#[tencent_action]`](macro@tencent_action) on a response struct,
//!   [`#[tencent_model]`](macro@tencent_model) on its nested structs,
//!   [`#[tencent_request]`](macro@tencent_request) on a request struct, [`error_codes!`] for a
//!   product's codes. Each is checked against Tencent's published schema at compile time,
//!   with the bundled specs of every product ([the schema check](macro@tencent_action#the-schema-check)).
//! - **Servers that deviate**: [`lenient`] reads numbers and bools sent as strings.
//! - **Decoding**: [`from_slice`] and [`from_str`] for a body, [`http::from_response`] for a
//!   status, headers and body, [`stream`] for `text/event-stream` responses (CLS
//!   `ChatCompletions`), from any reader or chunk by chunk.
//! - **Errors**: one [`Error`] type with the raw code, the typed code ([`CommonCode`] or a
//!   product's enum), the message, the RequestId, the path of a shape error and the
//!   [`ErrorKind`]; [`ErrorMetadata`] reads any `Error<C>`; [`Error::is_throttled`],
//!   [`Error::is_retryable`] and their kin say what is throttled, retryable, an authentication
//!   failure ([`SMS_RATE_LIMIT_CODES`] beside the codes); [`CodeOf`] names a request's error
//!   code type.
//! - **Signing** (feature `sign`, default): [`sign`] builds TC3-HMAC-SHA256-signed requests for
//!   any HTTP client; `sign::verify` (feature `verify`, default) checks them as the service does.
//! - **The client** (features `ureq` and `reqwest`): `client::Client` and `client::AsyncClient`
//!   sign, send, decode and retry a typed request, with the official SDKs' credential chain.
//! - **Testing** (feature `testkit`): `testkit::TestServer`, a local endpoint that verifies
//!   signatures and answers with canned responses or handlers, so client tests run offline.

#![deny(missing_docs)]
#![warn(rust_2018_idioms)]
// docs.rs labels feature-gated items with the feature they need.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The unit tests declare responses with the attributes, whose expansion names this crate.
#[cfg(test)]
extern crate self as tencent_action;

mod action;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "ureq", feature = "reqwest"))))]
pub mod client;
mod code;
mod envelope;
mod error;
mod excerpt;
pub mod http;
pub mod lenient;
pub mod paging;
#[cfg(any(feature = "client", feature = "testkit"))]
mod random;
mod request_id;
#[cfg(feature = "sign")]
#[cfg_attr(docsrs, doc(cfg(feature = "sign")))]
pub mod sign;
pub mod stream;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;

pub use action::{Action, ActionRequest, CodeOf};
pub use code::{Category, CommonCode, ErrorCode, SMS_RATE_LIMIT_CODES};
pub use envelope::{from_slice, from_str};
pub use error::{Error, ErrorKind, ErrorMetadata, TimeLimit};

/// The old home of [`SMS_RATE_LIMIT_CODES`]; the `is_*` predicates are methods of [`Error`].
#[doc(hidden)]
pub mod predicates {
    /// Moved to the crate root.
    #[deprecated(since = "0.2.0", note = "use `tencent_action::SMS_RATE_LIMIT_CODES`")]
    pub const SMS_RATE_LIMIT_CODES: &[&str] = crate::SMS_RATE_LIMIT_CODES;
}

/// Declares a product's (or an action's) error codes once, as an enum that response structs
/// name with `#[tencent_action(..., codes = SmsCode)]`.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::{Category, CommonCode, ErrorCode};
///
/// tencent_action::error_codes! {
///     /// SMS 2021-01-11 error codes (an excerpt).
///     pub enum SmsCode {
///         /// The number is on the do-not-disturb list.
///         "FailedOperation.PhoneNumberInBlacklist",
///         "LimitExceeded.PhoneNumberThirtySecondLimit"
///         "InvalidParameter"                      // a common code, listed: its own variant
///         "UnsupportedOperation." as UnsupportedOperationBare,
///     }
/// }
///
/// #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms", codes = SmsCode)]
/// #[derive(Debug)]
/// pub struct SendSms {
///     pub send_status_set: Vec<serde_json::Value>,
/// }
///
/// // 1. A listed code: its variant.
/// assert_eq!(SmsCode::from_code("FailedOperation.PhoneNumberInBlacklist"),
///            SmsCode::FailedOperationPhoneNumberInBlacklist);
/// assert_eq!(SmsCode::from_code("UnsupportedOperation."), SmsCode::UnsupportedOperationBare);
/// // 2. A common code the list does not name.
/// assert_eq!(SmsCode::from_code("InternalError"), SmsCode::Common(CommonCode::InternalError));
/// // 3. An unlisted code of a known category, verbatim.
/// assert_eq!(SmsCode::from_code("LimitExceeded.New"),
///            SmsCode::Category(Category::LimitExceeded, "LimitExceeded.New".into()));
/// // 4. Anything else, verbatim.
/// assert_eq!(SmsCode::from_code("Sms.Weird"), SmsCode::Other("Sms.Weird".into()));
///
/// let body = r#"{"Response": {"Error": {"Code": "LimitExceeded.PhoneNumberThirtySecondLimit",
///     "Message": "slow down"}, "RequestId": "r1"}}"#;
/// let e = tencent_action::from_str::<SendSms>(body).unwrap_err();
/// assert_eq!(e.typed_code(), Some(&SmsCode::LimitExceededPhoneNumberThirtySecondLimit));
/// assert_eq!(e.code(), Some("LimitExceeded.PhoneNumberThirtySecondLimit"));
/// ```
///
/// Syntax: the enum's attributes and doc comments, its visibility, `enum Name`, then the codes
/// in braces, each a string literal exactly as Tencent publishes it, optionally preceded by doc
/// comments and followed by `as VariantName`; commas between codes are optional. Several enums
/// can share one invocation.
///
/// Variant names: the parts of the code between dots and underscores, each with its first
/// letter upper-cased, joined (`LimitExceeded.IPv6AddressNum` → `LimitExceededIPv6AddressNum`);
/// a trailing dot becomes `Dot` (`UnsupportedOperation.` → `UnsupportedOperationDot`). When
/// several codes would get one name, each of them keeps `_` where its first dot was: CVM
/// 2017-03-12 lists `InvalidParameter.ValueTooLarge` and `InvalidParameterValue.TooLarge`, which
/// become `InvalidParameter_ValueTooLarge` and `InvalidParameterValue_TooLarge`. `as Name`
/// overrides any of this.
///
/// After the listed codes the enum has `Common(CommonCode)` (a common code the list does not
/// name), `Category(Category, String)` (an unlisted code whose part before the first dot is a
/// known [`Category`]) and `Other(String)` (anything else); decoding tries the steps in that
/// order, after the exact code. The exact step is a switch on the code's length and on single
/// bytes, then one string comparison: no allocation, no scan of the list. The enum derives
/// `Clone`, `Debug`, `PartialEq`, `Eq` and `Hash`, and implements [`ErrorCode`], `Display` and
/// `FromStr`, with inherent `ALL`, `lookup`, `as_str` and `category`.
///
/// Compile-time checks, each reported at the token to change, all in one build: a code that is
/// not well-formed (ASCII letters, digits, `_` and `.`, starting with an upper-case letter, no
/// empty part except a trailing one), the same code twice (both places shown), two codes with
/// one variant name even with the `_` rule, or an `as` name already taken (both places shown),
/// a variant named `Common`, `Category`, `Other` or `Self`, and any attribute other than a doc
/// comment on a code.
pub use tencent_action_macros::error_codes;

/// Declares a Tencent Cloud API 3.0 response struct.
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_action(service = "cls", version = "2020-10-16", action = "DescribeTopics")]
/// pub struct DescribeTopics {
///     pub total_count: u64,
/// }
/// assert_eq!(DescribeTopics::SERVICE, "cls");
/// ```
///
/// Arguments: `service` (a string literal, lower-case alphanumeric: the endpoint's host prefix),
/// `version` (a string literal, a real `YYYY-MM-DD` date), `action` (a string literal, a
/// PascalCase identifier), and optionally `codes = Path`, the type that classifies the action's
/// error codes (declared with [`error_codes!`]; [`CommonCode`] when omitted), and `schema` (a
/// file to check against, or `false`: see [the schema check](#the-schema-check)).
///
/// The struct gains one hidden public field, `request_id`, that holds the RequestId. So:
/// - values built by hand (in tests, say) need `..Default::default()` (derive `Default`), which
///   works from any module and any crate; their [`Action::request_id`] is empty;
/// - a derived `PartialEq`, `Eq`, `PartialOrd`, `Ord` or `Hash` ignores the RequestId: two
///   responses with the same data are equal whatever requests fetched them (compare
///   `a.request_id() == b.request_id()` when the id matters);
/// - a derived `Debug` shows it under its public name, as `request_id: "..."` (after your
///   fields), because a debug dump of a response is where one looks for the id to quote to
///   Tencent support; so no field of yours can be named `request_id`, whatever its wire name.
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// #[derive(Debug, Default, PartialEq)]
/// pub struct DescribeZones {
///     pub total_count: u64,
/// }
///
/// let a: DescribeZones = tencent_action::from_str(r#"{"Response": {"TotalCount": 3, "RequestId": "r-1"}}"#)?;
/// let b: DescribeZones = tencent_action::from_str(r#"{"Response": {"TotalCount": 3, "RequestId": "r-2"}}"#)?;
/// assert_eq!(a, b);                                                  // the data is the same
/// assert_eq!(a, DescribeZones { total_count: 3, ..Default::default() });
/// assert_ne!(a.request_id(), b.request_id());
/// assert_eq!(format!("{a:?}"), r#"DescribeZones { total_count: 3, request_id: "r-1" }"#);
/// # Ok::<(), tencent_action::Error>(())
/// ```
///
/// The attribute derives `serde::Deserialize` for the struct with `rename_all = "PascalCase"`
/// (unless the struct sets its own `rename_all`), adds a hidden field holding the RequestId,
/// and implements [`Action`]. serde reads the hidden field as `RequestId` (and refuses an
/// `Error` object there), so that [`from_slice`] can decode a response with the derived
/// visitor alone; a struct whose container `serde` attributes go beyond `rename`,
/// `rename_all`, `default`, `bound` and `expecting` (`deny_unknown_fields`, `transparent`,
/// `from`...) keeps the field out of serde, and is decoded the slower way, with the same
/// results. Every serde field attribute works as usual. It checks at compile
/// time that the struct has named fields, that no field's wire name is `RequestId` or `Error`
/// (the envelope owns them) and none is named `request_id` (the hidden field is), that no two
/// fields share a wire name, and that the struct does not derive `Deserialize` itself.
///
#[doc = include_str!("doc/schema_check.md")]
pub use tencent_action_macros::tencent_action;

/// Declares a nested type: derives `serde::Deserialize` and `serde::Serialize` (with
/// `rename_all = "PascalCase"` unless the struct sets its own, like [`tencent_action`]) and
/// checks its fields against an object of Tencent's published schema ([the schema
/// check](macro@tencent_action#the-schema-check)). One type serves responses and requests:
/// its `Option` fields are left out when `None` on the way out.
///
/// Arguments: `service` and `version` (as for [`tencent_action`]), optionally
/// `object = "Name"` (the schema object; the struct's name by default) and `schema` (a file,
/// or `false`). An object some response carries is checked by the response rules (absent or
/// `null` members in `Option`s); one only requests send, by the request rules (optional
/// members in `Option`s, every required member present). Nested types it holds need both
/// `Deserialize` and `Serialize` (a `#[tencent_model]` has both).
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_model(service = "cvm", version = "2017-03-12", object = "Placement")]
/// #[derive(Debug)]
/// pub struct Where {
///     pub zone: String,
///     pub project_id: i64,
///     pub host_id: Option<String>,
/// }
///
/// let w: Where = serde_json::from_str(r#"{"Zone": "ap-guangzhou-3", "ProjectId": 0}"#)?;
/// assert_eq!(w.zone, "ap-guangzhou-3");
/// assert_eq!(serde_json::to_string(&w)?, r#"{"Zone":"ap-guangzhou-3","ProjectId":0}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub use tencent_action_macros::tencent_model;

/// Declares a request struct: its parameters, and the response type of its action.
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
/// pub struct DescribeInstances {
///     pub total_count: i64,
/// }
///
/// #[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
/// pub struct DescribeInstancesRequest {
///     pub limit: Option<i64>, // optional: left out of the request when `None`
///     pub offset: Option<i64>,
/// }
///
/// let json = serde_json::to_string(&DescribeInstancesRequest { limit: Some(10), offset: None })?;
/// assert_eq!(json, r#"{"Limit":10}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// The first argument is the response type, a [`#[tencent_action]`](macro@tencent_action)
/// struct: the action, service, version and error-code type come from it, through
/// [`ActionRequest::Response`]. Then `service` and `version`, the response's, which the
/// [schema check](macro@tencent_action#the-schema-check) needs while expanding (an attribute
/// sees tokens, not the response's declaration; the expansion asserts they agree with it),
/// `action` when it is not the response type's name (a `Response` suffix is dropped), `schema`
/// (a file, or `false`: then `service` and `version` may be left out), `idempotent = true`
/// or `idempotent = false` to override [`ActionRequest::IDEMPOTENT`] (true by default for
/// `Describe*`, `Get*`, `List*`, `Query*`, `Inquiry*` actions and for actions with a
/// `ClientToken`), and `paging` (below).
///
/// **From the schema**, besides the check:
///
/// - when the action's input shows one of Tencent's paging shapes (`Offset`/`Limit`, as
///   numbers or strings; `PageNumber`/`PageSize`; a `NextToken`, `Context`, `Cursor`,
///   `ScrollToken`, `SearchAfter`, `ScrollId` or `Marker` that the output hands back), the
///   request implements [`paging::Paginate`], with the output's `TotalCount`/`Total` and its
///   list member, so a client's `paginate(&request)` follows it from page to page. Where there
///   is no schema or the names differ, `paging(offset = "Offset", limit = "Limit")`,
///   `paging(page = "PageNumber", size = "PageSize")` or `paging(token = "NextToken", next =
///   "NextToken")` (each with optional `total = "..."`, `items = "..."`, and `strings = true`
///   for string offsets) declares it; `paging = false` says the request does not page;
/// - when the action's input has a `ClientToken`, [`ActionRequest::CLIENT_TOKEN`] is true: a
///   client fills an empty token once per call and sends it with every attempt, and retries
///   the write after a timeout or a server error.
///
/// The attribute derives `serde::Serialize` with `rename_all = "PascalCase"` (unless the
/// struct sets its own `rename_all`), leaves `Option` fields out when `None` (unless a field
/// has its own `skip_serializing_if`), and checks the fields against the action's input object:
/// names, types, optional parameters in `Option`s, required ones present. It also checks that
/// it names one type and no unknown argument, that it is on a struct with named fields, that
/// the struct does not derive `Serialize` itself, and (through the trait bound) that the type
/// is an action's response.
pub use tencent_action_macros::tencent_request;

/// The names every user needs: the attributes and the [`Action`] trait.
///
/// ```
/// use tencent_action::prelude::*;
/// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// # pub struct DescribeZones { pub total_count: u64 }
/// assert_eq!(DescribeZones::VERSION, "2017-03-12");
/// ```
pub mod prelude {
    pub use crate::action::{Action, ActionRequest};
    pub use tencent_action_macros::{tencent_action, tencent_model, tencent_request};
}

// The crate README's snippets compile (the client one needs the `ureq` feature, which
// `cargo test --workspace` enables through the test crates).
#[cfg(all(doctest, feature = "ureq"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Paths the generated code uses; not public API.
#[doc(hidden)]
pub mod __private;
