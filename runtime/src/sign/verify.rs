//! The server side of TC3-HMAC-SHA256: recompute a request's signature the way the service
//! does and answer with the service's error codes when it does not hold.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::signed::redact_header;
use super::tc3::{same_secret, signature_matches, utc_date, Canonical};
use super::{Credential, ALGORITHM};
use crate::code::CommonCode;
use crate::excerpt::{quote, DebugBounded};

/// A received request, as a server sees it: method, raw query string (without `?`), headers
/// and body.
///
/// ```
/// use tencent_action::sign::Incoming;
/// let headers = [("Host", "127.0.0.1:8080"), ("Content-Type", "application/json")];
/// let incoming = Incoming { method: "POST", query: "", headers: &headers, body: b"{}" };
/// assert_eq!(incoming.header("content-type"), Some("application/json"));
/// ```
///
/// `Debug` shows the headers with `X-TC-Token` and the signature redacted.
#[derive(Clone, Copy)]
pub struct Incoming<'a> {
    /// The request method, `GET` or `POST`.
    pub method: &'a str,
    /// The query string exactly as received, without the `?`.
    pub query: &'a str,
    /// The headers as received, names in any case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body as received.
    pub body: &'a [u8],
}

impl fmt::Debug for Incoming<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Incoming")
            .field("method", &self.method)
            .field("query", &self.query)
            .field("headers", &RedactedHeaders(self.headers))
            .field("body", &String::from_utf8_lossy(self.body))
            .finish()
    }
}

/// Header pairs as `Debug` may show them (see [`redact_header`]).
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a [(&'a str, &'a str)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(n, v)| (n, redact_header(n, v))))
            .finish()
    }
}

impl<'a> Incoming<'a> {
    /// The first header named `name`, compared case-insensitively.
    ///
    /// ```
    /// use tencent_action::sign::Incoming;
    /// let headers = [("x-tc-action", "SendSms")];
    /// let incoming = Incoming { method: "POST", query: "", headers: &headers, body: b"" };
    /// assert_eq!(incoming.header("X-TC-Action"), Some("SendSms"));
    /// assert_eq!(incoming.header("X-TC-Region"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// Checks TC3-HMAC-SHA256 signatures against a set of known keys, the way the service does:
/// `AuthFailure.SignatureExpire` for a timestamp more than 5 minutes off,
/// `AuthFailure.SecretIdNotFound` for an unknown SecretId, `AuthFailure.TokenFailure` for a
/// wrong session token, `AuthFailure.SignatureFailure` for anything else that does not match.
///
/// `Debug` shows the SecretIds only.
///
/// ```
/// use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
/// use tencent_action::CommonCode;
///
/// let credential = Credential::new("AKIDEXAMPLE", "key");
/// let signed = Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones")
///     .raw_body("{}")
///     .endpoint("http://127.0.0.1:8080")
///     .timestamp(1_700_000_000)
///     .sign(&credential)?;
///
/// // What the server receives: the client's headers plus the Host it derived from the URL.
/// let mut headers: Vec<(&str, &str)> =
///     signed.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
/// headers.push(("Host", signed.host()));
/// let incoming = Incoming { method: "POST", query: "", headers: &headers, body: signed.body() };
///
/// let verifier = Verifier::new().with_credential(&credential);
/// let verified = verifier.verify_at(&incoming, 1_700_000_100).unwrap();
/// assert_eq!(verified.action(), "DescribeZones");
///
/// let stale = verifier.verify_at(&incoming, 1_700_000_301).unwrap_err();
/// assert_eq!(stale.code(), &CommonCode::AuthFailureSignatureExpire);
///
/// let other = Verifier::new().with_key("AKIDEXAMPLE", "not-the-key");
/// let wrong = other.verify_at(&incoming, 1_700_000_000).unwrap_err();
/// assert_eq!(wrong.code(), &CommonCode::AuthFailureSignatureFailure);
/// # Ok::<(), tencent_action::sign::SignError>(())
/// ```
#[derive(Clone, Default)]
pub struct Verifier {
    keys: Vec<Credential>,
    max_skew: Option<Duration>,
}

impl Verifier {
    /// A verifier that knows no key yet.
    ///
    /// ```
    /// let verifier = tencent_action::sign::Verifier::new();
    /// ```
    pub fn new() -> Verifier {
        Verifier::default()
    }

    /// Adds a permanent key.
    ///
    /// ```
    /// let verifier = tencent_action::sign::Verifier::new().with_key("AKIDEXAMPLE", "key");
    /// assert!(format!("{verifier:?}").contains("AKIDEXAMPLE"));
    /// ```
    pub fn with_key(self, secret_id: impl Into<String>, secret_key: impl Into<String>) -> Verifier {
        self.with_credential(&Credential::new(secret_id, secret_key))
    }

    /// Adds a credential; when it carries a session token, requests must send it as
    /// `X-TC-Token`.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, Verifier};
    /// let verifier = Verifier::new().with_credential(&Credential::new("id", "key").with_token("t"));
    /// assert!(!format!("{verifier:?}").contains("key"));
    /// ```
    pub fn with_credential(mut self, credential: &Credential) -> Verifier {
        self.keys.push(credential.clone());
        self
    }

    /// Sets how far a request's timestamp may be from the server's clock (whole seconds count):
    /// [`MAX_CLOCK_SKEW`](super::MAX_CLOCK_SKEW) (5 minutes) unless set.
    ///
    /// ```
    /// use std::time::Duration;
    /// let verifier = tencent_action::sign::Verifier::new().max_clock_skew(Duration::from_secs(60));
    /// ```
    pub fn max_clock_skew(mut self, skew: Duration) -> Verifier {
        self.max_skew = Some(skew);
        self
    }

    /// Verifies `request` against the system clock; see [`verify_at`](Verifier::verify_at).
    ///
    /// ```
    /// use tencent_action::sign::{Incoming, Verifier};
    /// let incoming = Incoming { method: "POST", query: "", headers: &[], body: b"" };
    /// assert!(Verifier::new().verify(&incoming).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// As [`verify_at`](Verifier::verify_at).
    pub fn verify(&self, request: &Incoming<'_>) -> Result<Verified, Rejection> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        self.verify_at(request, now)
    }

    /// Verifies `request` as the service would at unix time `now`.
    ///
    /// ```
    /// use tencent_action::sign::{Incoming, Verifier};
    /// use tencent_action::CommonCode;
    /// let headers = [("X-TC-Action", "DescribeZones"), ("X-TC-Version", "2017-03-12"),
    ///                ("X-TC-Timestamp", "1700000000")];
    /// let incoming = Incoming { method: "POST", query: "", headers: &headers, body: b"{}" };
    /// let rejected = Verifier::new().verify_at(&incoming, 1_700_000_000).unwrap_err();
    /// assert_eq!(rejected.code(), &CommonCode::AuthFailureSignatureFailure); // no Authorization
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Rejection`] with the code and message the service would answer.
    pub fn verify_at(&self, request: &Incoming<'_>, now: u64) -> Result<Verified, Rejection> {
        if let Some(name) = duplicated(request) {
            return Err(Rejection::new(
                CommonCode::InvalidParameter,
                format!("The header {name} is sent more than once."),
            ));
        }
        let action = required(request, "X-TC-Action")?;
        let version = required(request, "X-TC-Version")?;
        let timestamp_text = required(request, "X-TC-Timestamp")?;
        let timestamp: u64 = timestamp_text.trim().parse().map_err(|_| {
            Rejection::new(
                CommonCode::InvalidParameter,
                format!("The value of X-TC-Timestamp `{timestamp_text}` is not a unix timestamp."),
            )
        })?;
        let auth = request
            .header("Authorization")
            .ok_or_else(|| signature_failure("The Authorization header is missing."))
            .and_then(Authorization::parse)?;

        let skew = self.max_skew.unwrap_or(super::MAX_CLOCK_SKEW).as_secs();
        if timestamp.abs_diff(now) > skew {
            return Err(Rejection::new(
                CommonCode::AuthFailureSignatureExpire,
                format!(
                    "Signature expired. Timestamp: {timestamp}; server time: {now}; \
                     the difference must be under {skew} seconds."
                ),
            ));
        }
        let credential = self
            .keys
            .iter()
            .find(|c| c.secret_id() == auth.secret_id)
            .ok_or_else(|| {
                Rejection::new(
                    CommonCode::AuthFailureSecretIdNotFound,
                    "The SecretId is not found, please ensure that your SecretId is correct.",
                )
            })?;
        if let Some(token) = credential.token() {
            let sent = request.header("X-TC-Token").unwrap_or("");
            if !same_secret(sent.as_bytes(), token.as_bytes()) {
                return Err(Rejection::new(
                    CommonCode::AuthFailureTokenFailure,
                    "The session token is invalid.",
                ));
            }
        }
        let date = utc_date(timestamp);
        if auth.date != date {
            return Err(signature_failure(
                "The date of the credential scope does not match X-TC-Timestamp.",
            ));
        }
        let mut headers = Vec::with_capacity(auth.signed_headers.len());
        for name in &auth.signed_headers {
            let value = request.header(name).ok_or_else(|| {
                signature_failure(&format!("The signed header `{name}` is missing."))
            })?;
            headers.push((name.as_str(), value));
        }
        let canonical = Canonical {
            method: request.method,
            query: request.query,
            headers: &headers,
            body: request.body,
        };
        let secret_key = credential.secret_key();
        if !signature_matches(
            secret_key,
            &canonical,
            timestamp,
            &date,
            auth.service,
            auth.signature,
        ) {
            return Err(signature_failure(
                "The provided credentials could not be validated. \
                 Please check your signature is correct.",
            ));
        }
        Ok(Verified {
            secret_id: auth.secret_id.to_owned(),
            service: auth.service.to_owned(),
            action: action.to_owned(),
            version: version.to_owned(),
            region: request.header("X-TC-Region").map(str::to_owned),
            timestamp,
            signed_headers: auth.signed_headers,
        })
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(Credential::secret_id).collect();
        f.debug_struct("Verifier")
            .field("secret_ids", &ids)
            .field(
                "max_clock_skew",
                &self.max_skew.unwrap_or(super::MAX_CLOCK_SKEW).as_secs(),
            )
            .finish()
    }
}

/// The first header the request sends more than once among those whose meaning must be
/// unambiguous: `Authorization`, `Content-Type`, `Host` and every `X-TC-*` header. With two
/// values, the signature could cover one while the service acts on the other.
fn duplicated<'a>(request: &Incoming<'a>) -> Option<&'a str> {
    let guarded = |name: &str| {
        let name = name.trim();
        name.eq_ignore_ascii_case("authorization")
            || name.eq_ignore_ascii_case("content-type")
            || name.eq_ignore_ascii_case("host")
            || name
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("x-tc-"))
    };
    let headers = request.headers;
    headers.iter().enumerate().find_map(|(i, (name, _))| {
        (guarded(name)
            && headers[..i]
                .iter()
                .any(|(earlier, _)| earlier.trim().eq_ignore_ascii_case(name.trim())))
        .then_some(name.trim())
    })
}

fn required<'a>(request: &Incoming<'a>, name: &str) -> Result<&'a str, Rejection> {
    match request.header(name) {
        Some(v) if !v.trim().is_empty() => Ok(v.trim()),
        _ => Err(Rejection::new(
            CommonCode::MissingParameter,
            format!("The request is missing the required header {name}."),
        )),
    }
}

fn signature_failure(message: &str) -> Rejection {
    Rejection::new(CommonCode::AuthFailureSignatureFailure, message)
}

/// `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=HEX`.
struct Authorization<'a> {
    secret_id: &'a str,
    date: &'a str,
    service: &'a str,
    signed_headers: Vec<String>,
    signature: &'a str,
}

impl<'a> Authorization<'a> {
    fn parse(value: &'a str) -> Result<Authorization<'a>, Rejection> {
        let malformed = || signature_failure("The Authorization header is malformed.");
        let rest = value
            .trim()
            .strip_prefix(ALGORITHM)
            .and_then(|r| r.strip_prefix(' '))
            .ok_or_else(|| signature_failure("The signing algorithm must be TC3-HMAC-SHA256."))?;
        let (mut credential, mut signed, mut sig) = (None, None, None);
        for part in rest.split(',') {
            let (key, val) = part.trim().split_once('=').ok_or_else(malformed)?;
            match key {
                "Credential" => credential = Some(val),
                "SignedHeaders" => signed = Some(val),
                "Signature" => sig = Some(val),
                _ => return Err(malformed()),
            }
        }
        let (credential, signed, signature) = match (credential, signed, sig) {
            (Some(c), Some(s), Some(g)) => (c, s, g),
            _ => return Err(malformed()),
        };
        let mut scope = credential.split('/');
        let (secret_id, date, service, terminator) = match (
            scope.next(),
            scope.next(),
            scope.next(),
            scope.next(),
            scope.next(),
        ) {
            (Some(i), Some(d), Some(s), Some(t), None) => (i, d, s, t),
            _ => return Err(malformed()),
        };
        if terminator != "tc3_request" || secret_id.is_empty() || service.is_empty() {
            return Err(malformed());
        }
        let signed_headers: Vec<String> = signed
            .split(';')
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        if signed_headers.iter().any(String::is_empty)
            || !signed_headers.iter().any(|h| h == "content-type")
            || !signed_headers.iter().any(|h| h == "host")
        {
            return Err(signature_failure(
                "SignedHeaders must include content-type and host.",
            ));
        }
        Ok(Authorization {
            secret_id,
            date,
            service,
            signed_headers,
            signature,
        })
    }
}

/// A request whose signature holds: who sent it and what it asks for.
///
/// ```
/// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
/// # let credential = Credential::new("AKIDEXAMPLE", "key");
/// # let signed = Request::new(Method::Get, "cvm", "2017-03-12", "DescribeZones")
/// #     .region("ap-guangzhou").timestamp(1_700_000_000).sign(&credential)?;
/// # let mut headers: Vec<(&str, &str)> = signed.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
/// # headers.push(("host", signed.host()));
/// # let incoming = Incoming { method: "GET", query: "", headers: &headers, body: b"" };
/// let verified = Verifier::new().with_credential(&credential).verify_at(&incoming, 1_700_000_000).unwrap();
/// assert_eq!(verified.secret_id(), "AKIDEXAMPLE");
/// assert_eq!(verified.service(), "cvm");
/// assert_eq!(verified.version(), "2017-03-12");
/// assert_eq!(verified.region(), Some("ap-guangzhou"));
/// assert_eq!(verified.timestamp(), 1_700_000_000);
/// # Ok::<(), tencent_action::sign::SignError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Verified {
    secret_id: String,
    service: String,
    action: String,
    version: String,
    region: Option<String>,
    timestamp: u64,
    signed_headers: Vec<String>,
}

impl Verified {
    /// The headers the signature covers, as the client listed them in `SignedHeaders`
    /// (lower-case): always `content-type` and `host`, and `x-tc-action` when the client opted
    /// in ([`Request::sign_action`](super::Request::sign_action)). [`action`](Verified::action),
    /// [`version`](Verified::version) and [`region`](Verified::region) come from headers that
    /// are signed only when listed here.
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").sign_action(true).timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert_eq!(v.signed_headers(), ["content-type", "host", "x-tc-action"]);
    /// assert!(v.is_signed("X-TC-Action"));
    /// assert!(!v.is_signed("X-TC-Version"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn signed_headers(&self) -> &[String] {
        &self.signed_headers
    }

    /// Whether the signature covers the header `name` (compared case-insensitively).
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// # let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert!(v.is_signed("host"));
    /// assert!(!v.is_signed("X-TC-Action")); // the default: content-type and host only
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn is_signed(&self, name: &str) -> bool {
        self.signed_headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name.trim()))
    }

    /// The SecretId that signed the request.
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// # let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert_eq!(v.secret_id(), "AKID1");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The service of the credential scope (`cvm`).
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// # let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert_eq!(v.service(), "sms");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The action (`X-TC-Action`).
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// # let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert_eq!(v.action(), "SendSms");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn action(&self) -> &str {
        &self.action
    }

    /// The API version (`X-TC-Version`).
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// # let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert_eq!(v.version(), "2021-01-11");
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The region (`X-TC-Region`), when sent.
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// # let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert_eq!(v.region(), None);
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The request's timestamp (`X-TC-Timestamp`).
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Incoming, Method, Request, Verifier};
    /// # let c = Credential::new("AKID1", "k");
    /// # let s = Request::new(Method::Post, "sms", "2021-01-11", "SendSms").timestamp(9).sign(&c)?;
    /// # let mut h: Vec<(&str, &str)> = s.headers().iter().map(|(n, v)| (*n, v.as_str())).collect();
    /// # h.push(("Host", s.host()));
    /// # let v = Verifier::new().with_credential(&c).verify_at(&Incoming { method: "POST", query: "", headers: &h, body: b"" }, 9).unwrap();
    /// assert_eq!(v.timestamp(), 9);
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    pub fn timestamp(&self) -> u64 {
        self.timestamp
    }
}

impl fmt::Debug for Verified {
    /// The action, version and region come from request headers: quoted, bounded and escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("secret_id", &quote(&self.secret_id))
            .field("service", &quote(&self.service))
            .field("action", &quote(&self.action))
            .field("version", &quote(&self.version))
            .field("region", &self.region.as_deref().map(quote))
            .field("timestamp", &self.timestamp)
            .field("signed_headers", &DebugBounded(&self.signed_headers))
            .finish()
    }
}

/// Why a request was refused: the code and message the service answers, ready to be put in
/// the error envelope `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
///
/// ```
/// use tencent_action::sign::{Incoming, Verifier};
/// let incoming = Incoming { method: "POST", query: "", headers: &[], body: b"" };
/// let rejection = Verifier::new().verify_at(&incoming, 0).unwrap_err();
/// assert_eq!(rejection.code().as_str(), "MissingParameter");
/// assert!(rejection.to_string().starts_with("rejected with MissingParameter: "));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Rejection {
    code: CommonCode,
    message: String,
}

impl Rejection {
    fn new(code: CommonCode, message: impl Into<String>) -> Rejection {
        Rejection {
            code,
            message: message.into(),
        }
    }

    /// The error code (`AuthFailure.SignatureFailure`, ...).
    ///
    /// ```
    /// use tencent_action::sign::{Incoming, Verifier};
    /// let incoming = Incoming { method: "POST", query: "", headers: &[], body: b"" };
    /// assert_eq!(Verifier::new().verify_at(&incoming, 0).unwrap_err().code(), &tencent_action::CommonCode::MissingParameter);
    /// ```
    pub fn code(&self) -> &CommonCode {
        &self.code
    }

    /// The message, in the style of the service's.
    ///
    /// ```
    /// use tencent_action::sign::{Incoming, Verifier};
    /// let incoming = Incoming { method: "POST", query: "", headers: &[], body: b"" };
    /// assert!(Verifier::new().verify_at(&incoming, 0).unwrap_err().message().contains("X-TC-Action"));
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Rejection {
    /// One bounded line: the message quotes request headers, so it is escaped and cut as every
    /// peer's text is (`message()` stays exact).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.trim_end_matches('.');
        write!(
            f,
            "rejected with {}: {}",
            self.code.as_str(),
            quote(message)
        )
    }
}

impl fmt::Debug for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rejection")
            .field("code", &self.code)
            .field("message", &quote(&self.message))
            .finish()
    }
}

impl std::error::Error for Rejection {}
