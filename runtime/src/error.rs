//! The one error type of the crate: [`Error`], with the raw code, message, RequestId, and what
//! went wrong, whatever it was.

use std::fmt;

use crate::code::{Category, CommonCode, ErrorCode};
use crate::excerpt;
use crate::request_id::RequestId;

/// What kind of failure an [`Error`] is. More kinds may be added: match with a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The service answered with an error: `Response.Error` (API 3.0) or a non-zero legacy
    /// API 2.0 `code`. [`Error::code`] and [`Error::message`] say which.
    Api,
    /// The body is JSON and has the envelope, but a field does not match the response struct;
    /// [`Error::path`] says where.
    Shape,
    /// The body is not JSON: empty, HTML from a gateway, truncated, invalid UTF-8, or nested
    /// deeper than the parser allows.
    Json,
    /// The body is JSON but not a Tencent envelope: not an object, no `Response`, `Response` not
    /// an object, or `Error` without `Code`.
    Envelope,
    /// The HTTP layer failed: a non-success status without an API error in the body, or a
    /// response that could not be read.
    Http,
    /// An event stream (`text/event-stream`) was malformed or broke off.
    Stream,
    // --- Client kinds (the `client` module's failures before any response was decoded) ---
    /// The request could not be signed: credentials missing or unreadable, a payload that does
    /// not serialize, a bad endpoint or header value. Nothing was sent.
    Sign,
    /// No response was read: connection refused, DNS or TLS failure, timeout, a broken
    /// connection. [`Error::url`] says where; [`Error::request_sent`] whether the request may
    /// have reached the service.
    Transport,
}

/// Why a body is not a Tencent envelope (the detail of [`ErrorKind::Envelope`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnvelopeProblem {
    NotObject,
    NoResponse,
    ResponseNotObject,
    ErrorWithoutCode,
    DuplicateResponse,
    DuplicateError,
}

impl EnvelopeProblem {
    fn describe(self) -> &'static str {
        match self {
            EnvelopeProblem::NotObject => "the body is not a JSON object",
            EnvelopeProblem::NoResponse => "the body has no `Response` object",
            EnvelopeProblem::ResponseNotObject => "`Response` is not a JSON object",
            EnvelopeProblem::ErrorWithoutCode => "`Response.Error` has no string `Code`",
            EnvelopeProblem::DuplicateResponse => "the body has more than one `Response`",
            EnvelopeProblem::DuplicateError => "`Response` has more than one `Error`",
        }
    }
}

#[derive(Debug)]
pub(crate) enum Repr<C> {
    Api {
        /// The classified code; `code_of(&typed)` is the raw code, exactly as sent (the typed
        /// code keeps it, so it is not stored twice).
        typed: C,
        /// `C::as_str`, taken where `C: ErrorCode` is known, so that reading the code needs no
        /// bound on `Error<C>`'s methods.
        code_of: fn(&C) -> &str,
        message: String,
        /// The numeric `code` of a legacy API 2.0 error body.
        legacy: Option<i64>,
    },
    Shape {
        path: String,
        reason: String,
    },
    Json {
        reason: String,
        excerpt: String,
    },
    Envelope {
        problem: EnvelopeProblem,
        excerpt: String,
    },
    Http {
        reason: String,
        excerpt: String,
    },
    Stream {
        reason: String,
    },
    // --- Client kinds ---
    Sign {
        reason: String,
    },
    Transport {
        url: String,
        reason: String,
        /// Whether the request may have reached the service (the body was being or had been
        /// written when it failed).
        sent: bool,
        timeout: bool,
    },
}

struct Inner<C> {
    repr: Repr<C>,
    action: &'static str,
    request_id: Option<RequestId>,
    status: Option<u16>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    /// The RequestIds of the earlier attempts of a retried call, oldest first.
    earlier: Vec<RequestId>,
}

/// Everything that can go wrong decoding a Tencent Cloud response, with the code, message and
/// RequestId whenever the response carried them.
///
/// `C` classifies API error codes: [`CommonCode`] by default, or a product's code enum.
///
/// ```
/// use tencent_action::prelude::*;
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
/// #[derive(Debug)]
/// pub struct DescribeInstances {
///     pub total_count: i64,
/// }
///
/// let body = r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
///     "Message": "The provided credentials could not be validated."},
///     "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
/// let e = tencent_action::from_str::<DescribeInstances>(body).unwrap_err();
/// assert_eq!(e.kind(), tencent_action::ErrorKind::Api);
/// assert_eq!(e.code(), Some("AuthFailure.SignatureFailure"));
/// assert_eq!(e.request_id(), Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"));
/// assert_eq!(e.typed_code(), Some(&tencent_action::CommonCode::AuthFailureSignatureFailure));
/// ```
pub struct Error<C = CommonCode> {
    // Boxed so that `Result<T, Error>` stays as small as `T` allows on the success path.
    inner: Box<Inner<C>>,
}

impl<C> Error<C> {
    pub(crate) fn new(repr: Repr<C>, action: &'static str, request_id: Option<RequestId>) -> Self {
        Error {
            inner: Box::new(Inner {
                repr,
                action,
                request_id,
                status: None,
                source: None,
                earlier: Vec::new(),
            }),
        }
    }

    /// An API error: `typed` classifies the code (and gives it back through `as_str`).
    pub(crate) fn api(
        typed: C,
        message: String,
        legacy: Option<i64>,
        action: &'static str,
        request_id: Option<RequestId>,
    ) -> Self
    where
        C: ErrorCode,
    {
        Error::new(
            Repr::Api {
                typed,
                code_of: C::as_str,
                message,
                legacy,
            },
            action,
            request_id,
        )
    }

    pub(crate) fn envelope(
        problem: EnvelopeProblem,
        body: &[u8],
        action: &'static str,
        request_id: Option<RequestId>,
    ) -> Self {
        let excerpt = excerpt::head(body);
        Error::new(Repr::Envelope { problem, excerpt }, action, request_id)
    }

    /// An HTTP-level failure: `reason` says what happened, `body` is excerpted.
    #[allow(dead_code)] // used by the HTTP layer
    pub(crate) fn http(reason: impl Into<String>, body: &[u8], action: &'static str) -> Self {
        let excerpt = excerpt::head(body);
        Error::new(
            Repr::Http {
                reason: reason.into(),
                excerpt,
            },
            action,
            None,
        )
    }

    /// A malformed or broken event stream.
    #[allow(dead_code)] // used by the stream decoder
    pub(crate) fn stream(reason: impl Into<String>, action: &'static str) -> Self {
        Error::new(
            Repr::Stream {
                reason: reason.into(),
            },
            action,
            None,
        )
    }

    #[allow(dead_code)] // used by the HTTP layer
    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.inner.status = Some(status);
        self
    }

    #[allow(dead_code)] // used by the HTTP layer
    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// Fills in the RequestId when the error has none (from the `X-TC-RequestId` header).
    #[allow(dead_code)] // used by the HTTP layer
    pub(crate) fn or_request_id(mut self, request_id: Option<&str>) -> Self {
        if self.inner.request_id.is_none() {
            self.inner.request_id = request_id.map(RequestId::new);
        }
        self
    }

    /// What kind of failure this is.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("<html>502 Bad Gateway</html>").unwrap_err();
    /// assert_eq!(e.kind(), tencent_action::ErrorKind::Json);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match &self.inner.repr {
            Repr::Api { .. } => ErrorKind::Api,
            Repr::Shape { .. } => ErrorKind::Shape,
            Repr::Json { .. } => ErrorKind::Json,
            Repr::Envelope { .. } => ErrorKind::Envelope,
            Repr::Http { .. } => ErrorKind::Http,
            Repr::Stream { .. } => ErrorKind::Stream,
            Repr::Sign { .. } => ErrorKind::Sign,
            Repr::Transport { .. } => ErrorKind::Transport,
        }
    }

    /// The raw Tencent error code of an API error (`AuthFailure.SignatureFailure`), exactly as
    /// the service sent it; `None` for every other kind of error. For a legacy API 2.0 body this
    /// is its `codeDesc` (as the official Go SDK maps it), or its numeric `code` when there is
    /// no `codeDesc`.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let body = r#"{"Response": {"RequestId": "r1", "Error": {"Code": "Sms.Weird.Code", "Message": "m"}}}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// assert_eq!(e.code(), Some("Sms.Weird.Code"));
    /// ```
    pub fn code(&self) -> Option<&str> {
        match &self.inner.repr {
            Repr::Api { typed, code_of, .. } => Some(code_of(typed)),
            _ => None,
        }
    }

    /// The classified code of an API error; `None` for every other kind of error.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// use tencent_action::CommonCode;
    /// let body = r#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "r2"}}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// assert_eq!(e.typed_code(), Some(&CommonCode::RequestLimitExceeded));
    /// ```
    pub fn typed_code(&self) -> Option<&C> {
        match &self.inner.repr {
            Repr::Api { typed, .. } => Some(typed),
            _ => None,
        }
    }

    /// The category of the API error's code (`AuthFailure` for every `AuthFailure.*`), when the
    /// part before its first dot is a known category.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// use tencent_action::Category;
    /// let body = r#"{"Response": {"Error": {"Code": "InvalidParameterValue.InstanceIdMalformed", "Message": "bad id"}, "RequestId": "r3"}}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// assert_eq!(e.category(), Some(Category::InvalidParameterValue));
    /// ```
    pub fn category(&self) -> Option<Category> {
        self.code().and_then(Category::of)
    }

    /// The service's message of an API error. Messages change over time: decide on
    /// [`code`](Error::code), show the message.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let body = r#"{"Response": {"Error": {"Code": "InternalError", "Message": "try later"}, "RequestId": "r5"}}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// assert_eq!(e.message(), Some("try later"));
    /// ```
    pub fn message(&self) -> Option<&str> {
        match &self.inner.repr {
            Repr::Api { message, .. } => Some(message),
            _ => None,
        }
    }

    /// The response's RequestId, whenever the body (or the `X-TC-RequestId` header) carried one,
    /// whatever went wrong: quote it to Tencent support.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// // The field fails to decode, the RequestId after it is still recovered.
    /// let body = r#"{"Response": {"TotalCount": "three", "RequestId": "r6"}}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// assert_eq!(e.request_id(), Some("r6"));
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_ref().map(RequestId::as_str)
    }

    /// The action whose response this error came from (`DescribeInstances`).
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("").unwrap_err();
    /// assert_eq!(e.action(), "DescribeZones");
    /// ```
    pub fn action(&self) -> &'static str {
        self.inner.action
    }

    /// For a shape error, the path of the value that failed, from the `Response` root:
    /// `Response.InstanceSet[3].CPU`.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let body = r#"{"Response": {"TotalCount": -1, "RequestId": "r7"}}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// assert_eq!(e.path(), Some("Response.TotalCount"));
    /// ```
    pub fn path(&self) -> Option<&str> {
        match &self.inner.repr {
            Repr::Shape { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The HTTP status of the response, when the error was decoded from one.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert_eq!(e.http_status(), None);
    /// ```
    pub fn http_status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The numeric `code` of a legacy API 2.0 error body (`{"code": 4100, ...}`).
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let body = r#"{"code": 4100, "message": "auth failed", "codeDesc": "AuthFailure"}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// assert_eq!(e.legacy_code(), Some(4100));
    /// assert_eq!(e.code(), Some("AuthFailure"));
    /// ```
    pub fn legacy_code(&self) -> Option<i64> {
        match &self.inner.repr {
            Repr::Api { legacy, .. } => *legacy,
            _ => None,
        }
    }

    /// The same error with its code classified by another code type: useful to store errors
    /// of several actions in one place.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// use tencent_action::CommonCode;
    /// let body = r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r"}}"#;
    /// let e = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
    /// let e: tencent_action::Error<CommonCode> = e.reclassify();
    /// assert_eq!(e.typed_code(), Some(&CommonCode::InternalError));
    /// ```
    pub fn reclassify<D: ErrorCode>(self) -> Error<D> {
        let inner = *self.inner;
        let repr = match inner.repr {
            Repr::Api {
                typed,
                code_of,
                message,
                legacy,
            } => Repr::Api {
                typed: D::from_code(code_of(&typed)),
                code_of: D::as_str,
                message,
                legacy,
            },
            Repr::Shape { path, reason } => Repr::Shape { path, reason },
            Repr::Json { reason, excerpt } => Repr::Json { reason, excerpt },
            Repr::Envelope { problem, excerpt } => Repr::Envelope { problem, excerpt },
            Repr::Http { reason, excerpt } => Repr::Http { reason, excerpt },
            Repr::Stream { reason } => Repr::Stream { reason },
            Repr::Sign { reason } => Repr::Sign { reason },
            Repr::Transport {
                url,
                reason,
                sent,
                timeout,
            } => Repr::Transport {
                url,
                reason,
                sent,
                timeout,
            },
        };
        Error {
            inner: Box::new(Inner {
                repr,
                action: inner.action,
                request_id: inner.request_id,
                status: inner.status,
                source: inner.source,
                earlier: inner.earlier,
            }),
        }
    }
}

impl<C> fmt::Display for Error<C> {
    /// One bounded line, whatever the body held: every piece of text that can come from the
    /// response (code, message, path, reasons that quote keys, values or event ids, RequestId)
    /// goes through `excerpt::quote`: at most a few hundred characters each, with control,
    /// separator and bidi/format characters escaped, so a hostile body can neither forge log
    /// lines nor flood them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use excerpt::quote;
        let action = self.inner.action;
        match &self.inner.repr {
            Repr::Api {
                typed,
                code_of,
                message,
                legacy,
            } => {
                write!(f, "{action} failed: {}", quote(code_of(typed)))?;
                if let Some(n) = legacy {
                    write!(f, " (legacy code {n})")?;
                }
                if !message.is_empty() {
                    write!(f, ": {}", quote(message))?;
                }
            }
            Repr::Shape { path, reason } => {
                write!(
                    f,
                    "cannot decode {action} response at {}: {}",
                    quote(path),
                    quote(reason)
                )?;
            }
            Repr::Json { reason, excerpt } => {
                write!(
                    f,
                    "{action} response is not valid JSON: {}; body: \"{excerpt}\"",
                    quote(reason)
                )?;
            }
            Repr::Envelope { problem, excerpt } => {
                write!(
                    f,
                    "{action} response is not a Tencent Cloud envelope: {}; body: \"{excerpt}\"",
                    problem.describe()
                )?;
            }
            Repr::Http { reason, excerpt } => {
                write!(f, "{action} request failed: {}", quote(reason))?;
                if !excerpt.is_empty() {
                    write!(f, "; body: \"{excerpt}\"")?;
                }
            }
            Repr::Stream { reason } => {
                write!(f, "{action} event stream failed: {}", quote(reason))?;
            }
            Repr::Sign { reason } if action.is_empty() => {
                write!(f, "cannot sign requests: {}", quote(reason))?;
            }
            Repr::Sign { reason } => {
                write!(f, "cannot sign the {action} request: {}", quote(reason))?;
            }
            Repr::Transport { url, reason, .. } => {
                write!(
                    f,
                    "no response to {action} from {}: {}",
                    quote(url),
                    quote(reason)
                )?;
            }
        }
        let id = self.request_id().map(quote);
        match (self.inner.status, id) {
            (Some(status), Some(id)) => write!(f, " (HTTP {status}, RequestId {id})"),
            (Some(status), None) => write!(f, " (HTTP {status})"),
            (None, Some(id)) => write!(f, " (RequestId {id})"),
            (None, None) => Ok(()),
        }
    }
}

impl<C: fmt::Debug> fmt::Debug for Error<C> {
    /// Every field that holds a peer's text is bounded and escaped as in `Display`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use excerpt::{quote, DebugBounded};
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind())
            .field("action", &self.inner.action);
        match &self.inner.repr {
            Repr::Api {
                typed,
                code_of,
                message,
                legacy,
            } => {
                d.field("code", &quote(code_of(typed)))
                    .field("typed_code", &DebugBounded(typed));
                d.field("message", &quote(message));
                if let Some(legacy) = legacy {
                    d.field("legacy_code", legacy);
                }
            }
            Repr::Shape { path, reason } => {
                d.field("path", &quote(path))
                    .field("reason", &quote(reason));
            }
            Repr::Json { reason, excerpt } | Repr::Http { reason, excerpt } => {
                d.field("reason", &quote(reason)).field("excerpt", excerpt);
            }
            Repr::Envelope { problem, excerpt } => {
                d.field("problem", &problem.describe())
                    .field("excerpt", excerpt);
            }
            Repr::Stream { reason } | Repr::Sign { reason } => {
                d.field("reason", &quote(reason));
            }
            Repr::Transport {
                url,
                reason,
                sent,
                timeout,
            } => {
                d.field("url", &quote(url))
                    .field("reason", &quote(reason))
                    .field("request_sent", sent)
                    .field("timeout", timeout);
            }
        }
        d.field("request_id", &self.request_id().map(quote));
        if !self.inner.earlier.is_empty() {
            let earlier: Vec<_> = self.inner.earlier.iter().map(|id| quote(id)).collect();
            d.field("earlier_request_ids", &earlier);
        }
        if let Some(status) = self.inner.status {
            d.field("http_status", &status);
        }
        d.finish()
    }
}

impl<C: fmt::Debug> std::error::Error for Error<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

// ---------------------------------------------------------------------------------------------
// Client additions: the `Sign` and `Transport` kinds, the RequestIds of earlier attempts, a
// code-independent view of any `Error<C>` (`ErrorMetadata`), and `Error<C> -> Error`.
// ---------------------------------------------------------------------------------------------

impl<C> Error<C> {
    /// A request that could not be signed (nothing was sent). `reason` must not hold secrets.
    #[allow(dead_code)] // used by the client features
    pub(crate) fn sign(reason: impl Into<String>, action: &'static str) -> Self {
        Error::new(
            Repr::Sign {
                reason: reason.into(),
            },
            action,
            None,
        )
    }

    /// No response from `url`. `sent`: the request may have reached the service.
    #[allow(dead_code)] // used by the client features
    pub(crate) fn transport(
        url: impl Into<String>,
        reason: impl Into<String>,
        sent: bool,
        timeout: bool,
        action: &'static str,
    ) -> Self {
        Error::new(
            Repr::Transport {
                url: url.into(),
                reason: reason.into(),
                sent,
                timeout,
            },
            action,
            None,
        )
    }

    /// Records the RequestIds of the attempts before this one (oldest first).
    #[allow(dead_code)] // used by the client features
    pub(crate) fn with_earlier_request_ids(mut self, earlier: &[String]) -> Self {
        self.inner.earlier = earlier.iter().map(|id| RequestId::new(id)).collect();
        self
    }

    /// The URL a [`Transport`](ErrorKind::Transport) error tried (never with credentials: they
    /// travel in headers).
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert_eq!(e.url(), None);
    /// ```
    pub fn url(&self) -> Option<&str> {
        match &self.inner.repr {
            Repr::Transport { url, .. } => Some(url),
            _ => None,
        }
    }

    /// For a [`Transport`](ErrorKind::Transport) error, whether the request may have reached
    /// the service (the connection was made and the request written, at least in part): such
    /// a request is retried only when it is idempotent. `None` for other kinds.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert_eq!(e.request_sent(), None);
    /// ```
    pub fn request_sent(&self) -> Option<bool> {
        match &self.inner.repr {
            Repr::Transport { sent, .. } => Some(*sent),
            _ => None,
        }
    }

    /// Whether this is a [`Transport`](ErrorKind::Transport) error caused by a timeout.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert!(!e.is_timeout());
    /// ```
    pub fn is_timeout(&self) -> bool {
        matches!(&self.inner.repr, Repr::Transport { timeout: true, .. })
    }

    /// The RequestIds of the earlier attempts of a call the client retried, oldest first; the
    /// last attempt's is [`request_id`](Error::request_id). Empty when there was one attempt.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert_eq!(e.earlier_request_ids().count(), 0);
    /// ```
    pub fn earlier_request_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.inner.earlier.iter().map(RequestId::as_str)
    }

    /// The same error with its code classified as a [`CommonCode`], the raw code kept
    /// (`CommonCode::Other` for a product code): one type for errors of every product, so
    /// that `anyhow::Error::downcast_ref::<tencent_action::Error>()` finds them all.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// tencent_action::error_codes! {
    ///     /// CLS codes (an excerpt).
    ///     pub enum ClsCode { "ResourceNotFound.TopicNotExist" }
    /// }
    /// #[tencent_action(service = "cls", version = "2020-10-16", action = "DescribeTopics", codes = ClsCode)]
    /// #[derive(Debug)] pub struct DescribeTopics { pub total_count: u64 }
    ///
    /// let body = r#"{"Response": {"Error": {"Code": "ResourceNotFound.TopicNotExist", "Message": "m"}, "RequestId": "r"}}"#;
    /// let e: tencent_action::Error = tencent_action::from_str::<DescribeTopics>(body).unwrap_err().into_common();
    /// assert_eq!(e.code(), Some("ResourceNotFound.TopicNotExist"));
    /// assert_eq!(e.request_id(), Some("r"));
    /// ```
    pub fn into_common(self) -> Error<CommonCode> {
        self.reclassify()
    }
}

/// What every [`Error<C>`](Error) says, whatever its code type `C`: one function (or a
/// `&dyn ErrorMetadata`) handles the errors of CLS, CVM and SMS alike. In the spirit of the AWS
/// SDK's `ProvideErrorMetadata`.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::{ErrorKind, ErrorMetadata};
/// tencent_action::error_codes! {
///     /// CLS codes (an excerpt).
///     pub enum ClsCode { "ResourceNotFound.TopicNotExist" }
/// }
/// #[tencent_action(service = "cls", version = "2020-10-16", action = "DescribeTopics", codes = ClsCode)]
/// #[derive(Debug)] pub struct DescribeTopics { pub total_count: u64 }
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
///
/// fn report(e: &dyn ErrorMetadata) -> String {
///     format!("{} {:?} {}", e.action(), e.code(), e.request_id().unwrap_or("-"))
/// }
/// let body = r#"{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "r"}}"#;
/// let cls = tencent_action::from_str::<DescribeTopics>(body).unwrap_err();
/// let cvm = tencent_action::from_str::<DescribeZones>(body).unwrap_err();
/// assert_eq!(report(&cls), "DescribeTopics Some(\"InternalError\") r");
/// assert_eq!(report(&cvm), "DescribeZones Some(\"InternalError\") r");
/// assert_eq!(cls.kind(), ErrorKind::Api);
/// ```
pub trait ErrorMetadata {
    /// What kind of failure this is.
    fn kind(&self) -> ErrorKind;
    /// The raw error code of an API error, exactly as sent.
    fn code(&self) -> Option<&str>;
    /// The service's message of an API error.
    fn message(&self) -> Option<&str>;
    /// The RequestId of the (last) response, when there was one.
    fn request_id(&self) -> Option<&str>;
    /// The action the request was for.
    fn action(&self) -> &'static str;
}

impl<C> ErrorMetadata for Error<C> {
    fn kind(&self) -> ErrorKind {
        Error::kind(self)
    }
    fn code(&self) -> Option<&str> {
        Error::code(self)
    }
    fn message(&self) -> Option<&str> {
        Error::message(self)
    }
    fn request_id(&self) -> Option<&str> {
        Error::request_id(self)
    }
    fn action(&self) -> &'static str {
        Error::action(self)
    }
}
