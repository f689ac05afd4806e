//! [`SignedRequest`]: what a signed request sends.

use std::fmt;

use super::Method;

/// A signed request, ready for any HTTP client: send [`method`](SignedRequest::method) to
/// [`url`](SignedRequest::url) with every one of [`headers`](SignedRequest::headers) and the
/// [`body`](SignedRequest::body).
///
/// The `Host` header is signed but not listed in `headers`: every HTTP client derives it from
/// the URL (it is [`host`](SignedRequest::host)). `Debug` hides the `X-TC-Token` value and the
/// signature (either lets anyone who reads a log replay the request for 5 minutes).
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
    pub(super) method: Method,
    pub(super) url: String,
    pub(super) host: String,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Vec<u8>,
    pub(super) signature: String,
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
                f.debug_map()
                    .entries(self.0.iter().map(|(n, v)| (n, redact_header(n, v))))
                    .finish()
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

/// A header's value as `Debug` may show it: `X-TC-Token` hidden, and `Authorization` without
/// its signature, which is a bearer credential until the timestamp expires.
pub(crate) fn redact_header<'a>(name: &str, value: &'a str) -> std::borrow::Cow<'a, str> {
    if name.trim().eq_ignore_ascii_case("X-TC-Token") {
        "<redacted>".into()
    } else if name.trim().eq_ignore_ascii_case("Authorization") {
        match value.rfind("Signature=") {
            Some(i) => format!("{}Signature=<redacted>", &value[..i]).into(),
            None => "<redacted>".into(),
        }
    } else {
        value.into()
    }
}
