//! TC3-HMAC-SHA256 request signing, and its verification on the server side.
//!
//! Build a [`Request`] from the response type's [`Action`] consts and any `Serialize` payload,
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

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::action::Action;

mod credential;
mod query;
mod verify;

pub use credential::{Credential, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN};
pub use verify::{Incoming, Rejection, Verified, Verifier};

/// The signing algorithm's name, the first word of the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The headers covered by the signature, as named in `SignedHeaders`.
pub const SIGNED_HEADERS: &str = "content-type;host";

/// How far a request's `X-TC-Timestamp` may be from the server's clock, in seconds, before the
/// service answers `AuthFailure.SignatureExpire`.
pub const MAX_CLOCK_SKEW: u64 = 300;

const CONTENT_TYPE_JSON: &str = "application/json";
const CONTENT_TYPE_FORM: &str = "application/x-www-form-urlencoded";

/// The HTTP method of a Tencent Cloud API 3.0 request: the service accepts `GET` and `POST`.
///
/// ```
/// use tencent_action::sign::Method;
/// assert_eq!(Method::Get.as_str(), "GET");
/// assert_eq!(Method::Post.to_string(), "POST");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: the parameters travel in the query string, the body is empty.
    Get,
    /// `POST`: the parameters travel as a JSON body.
    Post,
}

impl Method {
    /// The method's name as sent on the wire.
    ///
    /// ```
    /// assert_eq!(tencent_action::sign::Method::Post.as_str(), "POST");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    /// The `Content-Type` the official SDKs send (and sign) for this method:
    /// `application/x-www-form-urlencoded` for `GET`, `application/json` for `POST`.
    ///
    /// ```
    /// use tencent_action::sign::Method;
    /// assert_eq!(Method::Post.content_type(), "application/json");
    /// assert_eq!(Method::Get.content_type(), "application/x-www-form-urlencoded");
    /// ```
    pub fn content_type(self) -> &'static str {
        match self {
            Method::Get => CONTENT_TYPE_FORM,
            Method::Post => CONTENT_TYPE_JSON,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a request could not be built or signed, or credentials could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum SignError {
    /// A credential environment variable is unset, empty or not valid Unicode.
    MissingCredential {
        /// The variable's name, e.g. `TENCENTCLOUD_SECRET_ID`.
        var: &'static str,
    },
    /// The payload could not be serialized to JSON.
    Payload(serde_json::Error),
    /// A `GET` payload must serialize to a JSON object (or to nothing), whose members become the
    /// query parameters.
    QueryNotObject,
    /// The endpoint is not `http(s)://host[:port][/]` or a bare `host[:port]`.
    Endpoint {
        /// The endpoint as given.
        endpoint: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A header value (region, language, token, action, version or service) holds a character
    /// an HTTP header cannot carry, or is empty.
    HeaderValue {
        /// The header's name, e.g. `X-TC-Region`.
        header: &'static str,
    },
    /// The system clock is before 1970.
    Clock,
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::MissingCredential { var } => {
                write!(f, "environment variable {var} is not set")
            }
            SignError::Payload(e) => write!(f, "cannot serialize the request payload: {e}"),
            SignError::QueryNotObject => f.write_str(
                "a GET payload must serialize to a JSON object whose members become the query",
            ),
            SignError::Endpoint { endpoint, reason } => {
                write!(f, "invalid endpoint `{endpoint}`: {reason}")
            }
            SignError::HeaderValue { header } => {
                write!(
                    f,
                    "the value of {header} is empty or holds a character a header cannot carry"
                )
            }
            SignError::Clock => f.write_str("the system clock is before 1970"),
        }
    }
}

impl std::error::Error for SignError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SignError::Payload(e) => Some(e),
            _ => None,
        }
    }
}

/// An unsigned Tencent Cloud API 3.0 request: the action, its parameters, and the optional
/// region, language, endpoint and timestamp. [`sign`](Request::sign) turns it into a
/// [`SignedRequest`].
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::sign::{Credential, Method, Request};
///
/// #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
/// pub struct SendSms {
///     pub send_status_set: Vec<serde_json::Value>,
/// }
///
/// #[derive(serde::Serialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct SendSmsRequest<'a> {
///     phone_number_set: Vec<&'a str>,
///     sms_sdk_app_id: &'a str,
///     template_id: &'a str,
/// }
///
/// let payload = SendSmsRequest {
///     phone_number_set: vec!["+8618501234444"],
///     sms_sdk_app_id: "1400006666",
///     template_id: "1110",
/// };
/// let request = Request::post::<SendSms>(&payload)?
///     .region("ap-guangzhou")
///     .endpoint("http://127.0.0.1:8080");
/// let signed = request.sign(&Credential::new("AKIDEXAMPLE", "secret"))?;
/// assert_eq!(signed.url(), "http://127.0.0.1:8080/");
/// assert_eq!(signed.host(), "127.0.0.1:8080");
/// assert_eq!(signed.method(), Method::Post);
/// # Ok::<(), tencent_action::sign::SignError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Request {
    method: Method,
    service: String,
    version: String,
    action: String,
    region: Option<String>,
    language: Option<String>,
    endpoint: Option<String>,
    timestamp: Option<u64>,
    query: String,
    body: Vec<u8>,
}

impl Request {
    /// A request with no parameters for any action, named by strings. Prefer
    /// [`post`](Request::post) and [`get`](Request::get), which take the names from the
    /// response type.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeRegions")
    ///     .raw_body("{}")
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.header("x-tc-version"), Some("2017-03-12"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn new(
        method: Method,
        service: impl Into<String>,
        version: impl Into<String>,
        action: impl Into<String>,
    ) -> Request {
        Request {
            method,
            service: service.into(),
            version: version.into(),
            action: action.into(),
            region: None,
            language: None,
            endpoint: None,
            timestamp: None,
            query: String::new(),
            body: Vec::new(),
        }
    }

    /// A `POST` request for the action `T` answers, with `payload` as its JSON body (`{}` when
    /// it serializes to `null`, e.g. `&()` for an action without parameters).
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// use tencent_action::sign::Request;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let request = Request::post::<DescribeZones>(&())?;
    /// assert_eq!(request.action(), "DescribeZones");
    /// let signed = request.sign(&tencent_action::sign::Credential::new("id", "key"))?;
    /// assert_eq!(signed.body(), b"{}");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SignError::Payload`] when `payload` cannot be serialized.
    pub fn post<T: Action>(payload: &impl Serialize) -> Result<Request, SignError> {
        Request::new(Method::Post, T::SERVICE, T::VERSION, T::ACTION).payload(payload)
    }

    /// A `GET` request for the action `T` answers, with `params` flattened into the query
    /// string the way the official SDKs do it: `Filters.0.Name=zone&Filters.0.Values.0=...`.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// use tencent_action::sign::{Credential, Request};
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
    /// # pub struct DescribeInstances { pub total_count: u64 }
    /// let params = serde_json::json!({
    ///     "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3"]}],
    ///     "Limit": 10,
    /// });
    /// let signed = Request::get::<DescribeInstances>(&params)?.sign(&Credential::new("id", "key"))?;
    /// assert_eq!(
    ///     signed.url(),
    ///     "https://cvm.tencentcloudapi.com/?Filters.0.Name=zone&Filters.0.Values.0=ap-guangzhou-3&Limit=10",
    /// );
    /// assert!(signed.body().is_empty());
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    ///
    /// Arrays are numbered from 0, nested objects joined with `.`, strings sent as they are,
    /// numbers and booleans as JSON writes them, `null` members left out; the whole is
    /// form-urlencoded (space as `+`). Members come in the order `serde_json` keeps them.
    ///
    /// # Errors
    ///
    /// [`SignError::Payload`] when `params` cannot be serialized, [`SignError::QueryNotObject`]
    /// when it is not an object.
    pub fn get<T: Action>(params: &impl Serialize) -> Result<Request, SignError> {
        Request::new(Method::Get, T::SERVICE, T::VERSION, T::ACTION).payload(params)
    }

    /// Sets the parameters from any `Serialize` value: the JSON body of a `POST`, the query
    /// string of a `GET` (see [`get`](Request::get)).
    ///
    /// ```
    /// use tencent_action::sign::{Method, Request};
    /// let r = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .payload(&serde_json::json!({"Offset": 0}))?;
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`post`](Request::post) and [`get`](Request::get).
    pub fn payload(mut self, payload: &impl Serialize) -> Result<Request, SignError> {
        match self.method {
            Method::Post => {
                self.body = serde_json::to_vec(payload).map_err(SignError::Payload)?;
                if self.body == b"null" {
                    // No parameters (`()`, `None`): the empty object, as the SDKs send it.
                    self.body = b"{}".to_vec();
                }
            }
            Method::Get => {
                let value = serde_json::to_value(payload).map_err(SignError::Payload)?;
                self.query = query::encode(&value)?;
            }
        }
        Ok(self)
    }

    /// Sets the exact body bytes to send and sign (a `POST`'s JSON, already serialized).
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .raw_body(r#"{"Offset": 0}"#)
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.body(), br#"{"Offset": 0}"#);
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn raw_body(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = body.into();
        self
    }

    /// Sets the exact query string to send and sign (a `GET`'s parameters, already encoded,
    /// without the `?`).
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Get, "cvm", "2017-03-12", "DescribeZones")
    ///     .raw_query("Offset=0")
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.url(), "https://cvm.tencentcloudapi.com/?Offset=0");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn raw_query(mut self, query: impl Into<String>) -> Request {
        self.query = query.into();
        self
    }

    /// Sets `X-TC-Region` (e.g. `ap-guangzhou`); left out when not set, as some actions have
    /// no region.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "sms", "2021-01-11", "SendSms")
    ///     .region("ap-guangzhou")
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.header("X-TC-Region"), Some("ap-guangzhou"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn region(mut self, region: impl Into<String>) -> Request {
        self.region = Some(region.into());
        self
    }

    /// Sets `X-TC-Language`, the language of error messages: `zh-CN` or `en-US`.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .language("en-US")
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.header("X-TC-Language"), Some("en-US"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn language(mut self, language: impl Into<String>) -> Request {
        self.language = Some(language.into());
        self
    }

    /// Sets the endpoint: `https://cvm.ap-shanghai.tencentcloudapi.com`,
    /// `http://127.0.0.1:8080`, or a bare host (https). The default is
    /// `https://<service>.tencentcloudapi.com`. Checked by [`sign`](Request::sign).
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .endpoint("cvm.ap-shanghai.tencentcloudapi.com")
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.url(), "https://cvm.ap-shanghai.tencentcloudapi.com/");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Request {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Sets `X-TC-Timestamp` (unix seconds) instead of the system clock's now: for tests and
    /// for clients that keep their own clock in step with the service.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .timestamp(1_551_113_065)
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.header("X-TC-Timestamp"), Some("1551113065"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn timestamp(mut self, unix_seconds: u64) -> Request {
        self.timestamp = Some(unix_seconds);
        self
    }

    /// The action's name, sent as `X-TC-Action`.
    ///
    /// ```
    /// use tencent_action::sign::{Method, Request};
    /// assert_eq!(Request::new(Method::Get, "cvm", "2017-03-12", "DescribeZones").action(), "DescribeZones");
    /// ```
    pub fn action(&self) -> &str {
        &self.action
    }

    /// Signs the request with `credential`: the result holds everything to send.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .timestamp(1_700_000_000)
    ///     .sign(&Credential::new("AKIDEXAMPLE", "key"))?;
    /// assert_eq!(signed.signature().len(), 64);
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SignError::Endpoint`] for an endpoint that is not a plain `http(s)://host[:port]`,
    /// [`SignError::HeaderValue`] when a header value is empty or cannot be carried,
    /// [`SignError::Clock`] when no timestamp was set and the clock is before 1970.
    pub fn sign(&self, credential: &Credential) -> Result<SignedRequest, SignError> {
        let timestamp = match self.timestamp {
            Some(t) => t,
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_err(|_| SignError::Clock)?
                .as_secs(),
        };
        let (scheme, host) = match &self.endpoint {
            Some(endpoint) => parse_endpoint(endpoint)?,
            None => ("https", format!("{}.tencentcloudapi.com", self.service)),
        };
        check_header("X-TC-Action", &self.action)?;
        check_header("X-TC-Version", &self.version)?;
        check_header("Host", &host)?;
        // The service is part of the default host and of the credential scope.
        if self.service.is_empty() || !self.service.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SignError::HeaderValue {
                header: "Authorization",
            });
        }
        if let Some(region) = &self.region {
            check_header("X-TC-Region", region)?;
        }
        if let Some(language) = &self.language {
            check_header("X-TC-Language", language)?;
        }
        if let Some(token) = credential.token() {
            check_header("X-TC-Token", token)?;
        }
        check_header("Authorization", credential.secret_id())?;

        let content_type = self.method.content_type();
        let date = utc_date(timestamp);
        let signature = signature(
            credential.secret_key(),
            &Canonical {
                method: self.method.as_str(),
                query: &self.query,
                headers: &[("content-type", content_type), ("host", &host)],
                body: &self.body,
            },
            timestamp,
            &date,
            &self.service,
        );
        let authorization = format!(
            "{ALGORITHM} Credential={}/{date}/{}/tc3_request, SignedHeaders={SIGNED_HEADERS}, Signature={signature}",
            credential.secret_id(),
            self.service
        );

        let mut headers = vec![
            ("Authorization", authorization),
            ("Content-Type", content_type.to_owned()),
            ("X-TC-Action", self.action.clone()),
            ("X-TC-Version", self.version.clone()),
            ("X-TC-Timestamp", timestamp.to_string()),
        ];
        if let Some(region) = &self.region {
            headers.push(("X-TC-Region", region.clone()));
        }
        if let Some(token) = credential.token() {
            headers.push(("X-TC-Token", token.to_owned()));
        }
        if let Some(language) = &self.language {
            headers.push(("X-TC-Language", language.clone()));
        }
        let mut url = format!("{scheme}://{host}/");
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        Ok(SignedRequest {
            method: self.method,
            url,
            host,
            headers,
            body: self.body.clone(),
            signature,
        })
    }
}

/// A signed request, ready for any HTTP client: send [`method`](SignedRequest::method) to
/// [`url`](SignedRequest::url) with every one of [`headers`](SignedRequest::headers) and the
/// [`body`](SignedRequest::body).
///
/// The `Host` header is signed but not listed in `headers`: every HTTP client derives it from
/// the URL (it is [`host`](SignedRequest::host)). `Debug` hides the `X-TC-Token` value.
///
/// ```
/// use tencent_action::sign::{Credential, Method, Request};
/// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
///     .raw_body("{}")
///     .sign(&Credential::new("id", "key").with_token("session-token"))?;
/// for (name, value) in signed.headers() {
///     // e.g. client.header(name, value)
///     assert!(!name.is_empty() && !value.is_empty());
/// }
/// assert_eq!(signed.header("X-TC-Token"), Some("session-token"));
/// assert!(!format!("{signed:?}").contains("session-token"));
/// # Ok::<(), tencent_action::sign::SignError>(())
/// ```
#[derive(Clone)]
pub struct SignedRequest {
    method: Method,
    url: String,
    host: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    signature: String,
}

impl SignedRequest {
    /// The HTTP method.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Get, "cvm", "2017-03-12", "DescribeZones").sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.method(), Method::Get);
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn method(&self) -> Method {
        self.method
    }

    /// The full URL: `https://cvm.tencentcloudapi.com/`, with `?query` for a `GET`.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.url(), "https://cvm.tencentcloudapi.com/");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The host (with its port, when not the scheme's default) the signature covers.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.host(), "cvm.tencentcloudapi.com");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The headers to send, `Authorization` first.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").sign(&Credential::new("id", "key"))?;
    /// let names: Vec<&str> = signed.headers().iter().map(|(n, _)| *n).collect();
    /// assert_eq!(names, ["Authorization", "Content-Type", "X-TC-Action", "X-TC-Version", "X-TC-Timestamp"]);
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    /// The value of a header, found by case-insensitive name.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.header("content-type"), Some("application/json"));
    /// assert_eq!(signed.header("X-TC-Region"), None);
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body to send (empty for a `GET`).
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").raw_body("{}").sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.body(), b"{}");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The `Authorization` header's value.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .timestamp(0)
    ///     .sign(&Credential::new("AKID", "key"))?;
    /// assert!(signed.authorization().starts_with("TC3-HMAC-SHA256 Credential=AKID/1970-01-01/cvm/tc3_request"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn authorization(&self) -> &str {
        // Always the first header, set by `Request::sign`.
        self.headers.first().map_or("", |(_, v)| v.as_str())
    }

    /// The signature: 64 lower-case hex digits.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").sign(&Credential::new("id", "key"))?;
    /// assert!(signed.authorization().ends_with(signed.signature()));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// Takes the body out, for clients that want to own it.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").raw_body("{}").sign(&Credential::new("id", "key"))?;
    /// assert_eq!(signed.into_body(), b"{}".to_vec());
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Headers<'a>(&'a [(&'static str, String)]);
        impl fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut m = f.debug_map();
                for (name, value) in self.0 {
                    if name.eq_ignore_ascii_case("X-TC-Token") {
                        m.entry(name, &"<redacted>");
                    } else {
                        m.entry(name, value);
                    }
                }
                m.finish()
            }
        }
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("host", &self.host)
            .field("headers", &Headers(&self.headers))
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// What the signature covers (besides the credential scope and timestamp).
pub(crate) struct Canonical<'a> {
    pub(crate) method: &'a str,
    pub(crate) query: &'a str,
    /// Signed headers in `SignedHeaders` order: lower-case names, raw values.
    pub(crate) headers: &'a [(&'a str, &'a str)],
    pub(crate) body: &'a [u8],
}

impl Canonical<'_> {
    /// The canonical request text: header names and values lower-cased and trimmed, as the
    /// service recomputes it.
    fn text(&self) -> String {
        let mut out = String::with_capacity(256);
        out.push_str(self.method);
        out.push_str("\n/\n");
        out.push_str(self.query);
        out.push('\n');
        for (name, value) in self.headers {
            out.push_str(&name.trim().to_ascii_lowercase());
            out.push(':');
            out.push_str(&value.trim().to_ascii_lowercase());
            out.push('\n');
        }
        out.push('\n');
        let names: Vec<String> = self
            .headers
            .iter()
            .map(|(n, _)| n.trim().to_ascii_lowercase())
            .collect();
        out.push_str(&names.join(";"));
        out.push('\n');
        out.push_str(&hex::encode(Sha256::digest(self.body)));
        out
    }
}

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    };
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// The hex signature of `canonical` for `secret_key`, as Tencent computes it.
pub(crate) fn signature(
    secret_key: &str,
    canonical: &Canonical<'_>,
    timestamp: u64,
    date: &str,
    service: &str,
) -> String {
    let hashed = hex::encode(Sha256::digest(canonical.text().as_bytes()));
    let string_to_sign =
        format!("{ALGORITHM}\n{timestamp}\n{date}/{service}/tc3_request\n{hashed}");
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac(&k_date, service.as_bytes());
    let k_signing = hmac(&k_service, b"tc3_request");
    hex::encode(hmac(&k_signing, string_to_sign.as_bytes()))
}

/// The UTC date of a unix timestamp, `YYYY-MM-DD` (the proleptic Gregorian calendar).
pub(crate) fn utc_date(unix_seconds: u64) -> String {
    // Howard Hinnant's `civil_from_days`, for days since 1970-01-01.
    let days = (unix_seconds / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Splits an endpoint into scheme and host (`host[:port]`, the port left out when default).
fn parse_endpoint(endpoint: &str) -> Result<(&'static str, String), SignError> {
    let bad = |reason| SignError::Endpoint {
        endpoint: endpoint.to_owned(),
        reason,
    };
    let trimmed = endpoint.trim();
    let (scheme, rest) = if let Some(rest) = strip_prefix_ignore_case(trimmed, "https://") {
        ("https", rest)
    } else if let Some(rest) = strip_prefix_ignore_case(trimmed, "http://") {
        ("http", rest)
    } else if trimmed.contains("://") {
        return Err(bad("the scheme must be http or https"));
    } else {
        ("https", trimmed)
    };
    let host = rest.strip_suffix('/').unwrap_or(rest);
    if host.is_empty() {
        return Err(bad("the host is empty"));
    }
    if host.contains(['/', '?', '#']) {
        return Err(bad("the endpoint must have no path, query or fragment"));
    }
    if host.contains('@') {
        return Err(bad("the endpoint must have no user info"));
    }
    if !host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b))
    {
        return Err(bad("the host holds a character a host name cannot"));
    }
    let host = host.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let host = match host.strip_suffix(default_port) {
        Some(h) if !h.is_empty() => h.to_owned(),
        _ => host,
    };
    Ok((scheme, host))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A header value must be non-empty visible ASCII or spaces (no CR/LF, no control characters).
fn check_header(header: &'static str, value: &str) -> Result<(), SignError> {
    let ok = !value.trim().is_empty() && value.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(SignError::HeaderValue { header })
    }
}

/// Compares two strings in time independent of where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_across_leap_years_and_month_ends() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(86_399), "1970-01-01");
        assert_eq!(utc_date(86_400), "1970-01-02");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(1_709_164_800), "2024-02-29");
        assert_eq!(utc_date(4_107_542_399), "2100-02-28");
        assert_eq!(utc_date(4_107_542_400), "2100-03-01");
    }

    #[test]
    fn endpoints() {
        let ok = |e: &str| parse_endpoint(e).unwrap();
        assert_eq!(
            ok("http://127.0.0.1:8080"),
            ("http", "127.0.0.1:8080".into())
        );
        assert_eq!(
            ok("https://CVM.tencentcloudapi.com/"),
            ("https", "cvm.tencentcloudapi.com".into())
        );
        assert_eq!(
            ok("cvm.tencentcloudapi.com:443"),
            ("https", "cvm.tencentcloudapi.com".into())
        );
        assert_eq!(ok("http://[::1]:9000"), ("http", "[::1]:9000".into()));
        for bad in [
            "ftp://x",
            "http://",
            "http://h/path",
            "http://h?q",
            "http://u@h",
            "h o st",
        ] {
            assert!(parse_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn canonical_request_lower_cases_and_trims_header_values() {
        let c = Canonical {
            method: "POST",
            query: "",
            headers: &[
                ("Content-Type", " Application/JSON "),
                ("host", "CVM.tencentcloudapi.com"),
            ],
            body: b"",
        };
        assert_eq!(
            c.text(),
            "POST\n/\n\ncontent-type:application/json\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn constant_time_eq_compares() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
