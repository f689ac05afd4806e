//! The request builder: an unsigned [`Request`], and its checks before signing.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::signed::SignedRequest;
use super::tc3::{signature, utc_date, Canonical};
use super::{query, Credential, Method, SignError, ALGORITHM, SIGNED_HEADERS};
use crate::action::Action;

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
    sign_action: bool,
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
            sign_action: false,
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

    /// Signs `X-TC-Action` too (`SignedHeaders=content-type;host;x-tc-action`), which Tencent's
    /// signature guide allows: a relay can then not swap the action under the signature. Off by
    /// default, as the official SDKs sign `content-type` and `host` only.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Method, Request};
    /// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
    ///     .sign_action(true)
    ///     .sign(&Credential::new("id", "key"))?;
    /// assert!(signed.authorization().contains("SignedHeaders=content-type;host;x-tc-action,"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn sign_action(mut self, yes: bool) -> Request {
        self.sign_action = yes;
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
        // In `SignedHeaders` order, which is the names' ascending order, as Tencent requires.
        let mut signed_headers = vec![("content-type", content_type), ("host", host.as_str())];
        if self.sign_action {
            signed_headers.push(("x-tc-action", &self.action));
        }
        let signed_names = if self.sign_action {
            "content-type;host;x-tc-action"
        } else {
            SIGNED_HEADERS
        };
        let signature = signature(
            credential.secret_key(),
            &Canonical {
                method: self.method.as_str(),
                query: &self.query,
                headers: &signed_headers,
                body: &self.body,
            },
            timestamp,
            &date,
            &self.service,
        );
        let authorization = format!(
            "{ALGORITHM} Credential={}/{date}/{}/tc3_request, SignedHeaders={signed_names}, Signature={signature}",
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

/// Splits an endpoint into scheme and host (`host[:port]`, the port left out when default).
pub(crate) fn parse_endpoint(endpoint: &str) -> Result<(&'static str, String), SignError> {
    let bad = |reason| SignError::Endpoint {
        endpoint: redact_user_info(endpoint),
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

/// The endpoint with any user info (`user:password@`, which may hold a secret) replaced by
/// `<redacted>@`, for error messages.
pub(crate) fn redact_user_info(endpoint: &str) -> String {
    let authority_start = endpoint.find("://").map_or(0, |i| i + 3);
    let rest = &endpoint[authority_start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_len].rfind('@') {
        Some(at) => format!("{}<redacted>{}", &endpoint[..authority_start], &rest[at..]),
        None => endpoint.to_owned(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn user_info_is_redacted() {
        assert_eq!(
            redact_user_info("https://AKID:SECRET@h/x@y"),
            "https://<redacted>@h/x@y"
        );
        assert_eq!(redact_user_info("AKID:SECRET@h"), "<redacted>@h");
        assert_eq!(redact_user_info("http://h/p"), "http://h/p");
    }
}
