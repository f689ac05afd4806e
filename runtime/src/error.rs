//! The one error type of the crate: [`Error`], with the raw code, message, RequestId, and what
//! went wrong, whatever it was.

use std::fmt;

mod api;
mod detail;
mod kind;
mod predicates;
mod time_limit;

use crate::code::{Category, CommonCode, ErrorCode};
use crate::excerpt;
use crate::request_id::RequestId;
use api::Api;
pub(crate) use detail::EnvelopeProblem;
use detail::{Detail, Transport};
pub use kind::ErrorKind;
pub use time_limit::TimeLimit;

#[cfg(test)]
mod tests;

/// The error's representation: the API part is generic over the code type, the rest is not, so
/// that [`Error::reclassify`] moves the rest as it is.
enum Repr<C> {
    Api(Api<C>),
    Detail(Detail),
}

/// What every error carries besides its kind, whatever the code type.
struct Context {
    /// The action's name: a `&'static str` from the response type, or owned for a raw call.
    action: std::borrow::Cow<'static, str>,
    /// The client's time limit that ended the call, when one did.
    time_limit: Option<TimeLimit>,
    /// How many attempts the client made; `None` when no client call made the error.
    attempts: Option<u32>,
    request_id: Option<RequestId>,
    status: Option<u16>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    /// The RequestIds of the earlier attempts of a retried call, oldest first.
    earlier: Vec<RequestId>,
}

struct Inner<C> {
    repr: Repr<C>,
    context: Context,
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
///
/// # Throttled, server, client, retryable
///
/// The questions retry loops and alerting ask have a method each. The answers read the raw code
/// ([`Error::code`]), never the message, so they hold whatever code type `C` classifies the
/// error with, and for codes no declaration lists.
///
/// | group | API error codes | non-API error with an HTTP status |
/// |---|---|---|
/// | [throttled](Error::is_throttled) | `RequestLimitExceeded`, `RequestLimitExceeded.*`, and the [`SMS_RATE_LIMIT_CODES`](crate::SMS_RATE_LIMIT_CODES) | 429 |
/// | [server](Error::is_server_error) | `InternalError`, `InternalError.*`, `ResourceUnavailable`, `ResourceUnavailable.*`, `InternalServerError` | 500–599 |
/// | [client](Error::is_client_error) | every other code, except `DryRunOperation` and `DryRunOperation.*` | 400–499 except 429 |
/// | [auth failure](Error::is_auth_failure) (part of client) | `AuthFailure`, `AuthFailure.*`, `UnauthorizedOperation`, `UnauthorizedOperation.*` | none |
/// | [retryable](Error::is_retryable) | `RequestLimitExceeded`, `RequestLimitExceeded.*`, `LimitExceeded.GlobalSmsSendingRateLimit` | 429 |
///
/// An API error is in exactly one of throttled, server and client, except a `DryRunOperation`
/// (the dry run's success), which is in none. Errors that are neither (the body did not match
/// the struct, was not JSON, was not an envelope, or a transport failure without a status) are
/// in no group: a predicate is `false` for them.
pub struct Error<C = CommonCode> {
    // Boxed so that `Result<T, Error>` stays as small as `T` allows on the success path.
    inner: Box<Inner<C>>,
}

impl<C> Error<C> {
    fn new(repr: Repr<C>, action: &'static str, request_id: Option<RequestId>) -> Self {
        Error {
            inner: Box::new(Inner {
                repr,
                context: Context {
                    action: std::borrow::Cow::Borrowed(action),
                    time_limit: None,
                    attempts: None,
                    request_id,
                    status: None,
                    source: None,
                    earlier: Vec::new(),
                },
            }),
        }
    }

    fn detail(detail: Detail, action: &'static str, request_id: Option<RequestId>) -> Self {
        Error::new(Repr::Detail(detail), action, request_id)
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
            Repr::Api(Api::new(typed, message, legacy)),
            action,
            request_id,
        )
    }

    /// A body that does not match the response struct at `path`.
    pub(crate) fn shape(
        path: String,
        reason: String,
        action: &'static str,
        request_id: Option<RequestId>,
    ) -> Self {
        Error::detail(Detail::Shape { path, reason }, action, request_id)
    }

    /// A body that is not JSON; `excerpt` shows where (already bounded and escaped).
    pub(crate) fn json(
        reason: String,
        excerpt: String,
        action: &'static str,
        request_id: Option<RequestId>,
    ) -> Self {
        Error::detail(Detail::Json { reason, excerpt }, action, request_id)
    }

    pub(crate) fn envelope(
        problem: EnvelopeProblem,
        body: &[u8],
        action: &'static str,
        request_id: Option<RequestId>,
    ) -> Self {
        let excerpt = excerpt::head(body);
        Error::detail(Detail::Envelope { problem, excerpt }, action, request_id)
    }

    /// An HTTP-level failure: `reason` says what happened, `body` is excerpted.
    pub(crate) fn http(reason: impl Into<String>, body: &[u8], action: &'static str) -> Self {
        let excerpt = excerpt::head(body);
        let reason = reason.into();
        Error::detail(Detail::Http { reason, excerpt }, action, None)
    }

    /// A malformed or broken event stream.
    pub(crate) fn stream(reason: impl Into<String>, action: &'static str) -> Self {
        let reason = reason.into();
        Error::detail(Detail::Stream { reason }, action, None)
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.inner.context.status = Some(status);
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.inner.context.source = Some(Box::new(source));
        self
    }

    /// Fills in the RequestId when the error has none (from the `X-TC-RequestId` header).
    pub(crate) fn or_request_id(mut self, request_id: Option<&str>) -> Self {
        if self.inner.context.request_id.is_none() {
            self.inner.context.request_id = request_id.map(RequestId::new);
        }
        self
    }

    fn api_part(&self) -> Option<&Api<C>> {
        match &self.inner.repr {
            Repr::Api(api) => Some(api),
            Repr::Detail(_) => None,
        }
    }

    fn transport_part(&self) -> Option<&Transport> {
        match &self.inner.repr {
            Repr::Detail(Detail::Transport(transport)) => Some(transport),
            _ => None,
        }
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
            Repr::Api(_) => ErrorKind::Api,
            Repr::Detail(detail) => detail.kind(),
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
        self.api_part().map(Api::code)
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
        self.api_part().map(|api| &api.typed)
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
        self.api_part().map(|api| api.message.as_str())
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
        self.inner
            .context
            .request_id
            .as_ref()
            .map(RequestId::as_str)
    }

    /// The action whose response this error came from (`DescribeInstances`); empty for an
    /// error of a client being built ([`Config`](ErrorKind::Config), or a
    /// [`Sign`](ErrorKind::Sign) error for credentials that cannot be had), which belongs to no
    /// action.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("").unwrap_err();
    /// assert_eq!(e.action(), "DescribeZones");
    /// ```
    pub fn action(&self) -> &str {
        &self.inner.context.action
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
            Repr::Detail(Detail::Shape { path, .. }) => Some(path),
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
        self.inner.context.status
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
        self.api_part().and_then(|api| api.legacy)
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
        let Inner { repr, context } = *self.inner;
        let repr = match repr {
            Repr::Api(api) => Repr::Api(api.reclassify()),
            Repr::Detail(detail) => Repr::Detail(detail),
        };
        Error {
            inner: Box::new(Inner { repr, context }),
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
        let context = &self.inner.context;
        match &self.inner.repr {
            Repr::Api(api) => api.fmt_display(f, &context.action)?,
            Repr::Detail(detail) => detail.fmt_display(f, &context.action)?,
        }
        if let Some(attempts) = context.attempts.filter(|n| *n > 1) {
            write!(f, " (after {attempts} attempts)")?;
        }
        let id = self.request_id().map(excerpt::quote);
        match (context.status, id) {
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
        use excerpt::quote;
        let context = &self.inner.context;
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind())
            .field("action", &context.action);
        match &self.inner.repr {
            Repr::Api(api) => api.debug_fields(&mut d),
            Repr::Detail(detail) => detail.debug_fields(&mut d),
        }
        d.field("request_id", &self.request_id().map(quote));
        if let Some(limit) = context.time_limit {
            d.field("time_limit", &limit);
        }
        if let Some(attempts) = context.attempts {
            d.field("attempts", &attempts);
        }
        if !context.earlier.is_empty() {
            let earlier: Vec<_> = context.earlier.iter().map(|id| quote(id)).collect();
            d.field("earlier_request_ids", &earlier);
        }
        if let Some(status) = context.status {
            d.field("http_status", &status);
        }
        d.finish()
    }
}

impl<C: fmt::Debug> std::error::Error for Error<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .context
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

// ---------------------------------------------------------------------------------------------
// Client additions: the `Sign`, `Config` and `Transport` kinds, the RequestIds of earlier
// attempts, a code-independent view of any `Error<C>` (`ErrorMetadata`), and `Error<C> -> Error`.
// ---------------------------------------------------------------------------------------------

impl<C> Error<C> {
    /// A request that could not be signed (nothing was sent). `reason` must not hold secrets.
    #[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's alone
    pub(crate) fn sign(reason: impl Into<String>, action: &'static str) -> Self {
        let reason = reason.into();
        Error::detail(Detail::Sign { reason }, action, None)
    }

    /// A client that could not be built: `reason` says why (it must not hold secrets).
    #[cfg_attr(not(feature = "reqwest"), allow(dead_code))] // only reqwest's builder can fail
    pub(crate) fn config(reason: impl Into<String>) -> Self {
        let reason = reason.into();
        Error::detail(Detail::Config { reason }, "", None)
    }

    /// No response from `url`. `sent`: the request may have reached the service; `limit`: the
    /// time limit that ended the attempt, when one did.
    #[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's alone
    pub(crate) fn transport(
        url: impl Into<String>,
        reason: impl Into<String>,
        sent: bool,
        limit: Option<TimeLimit>,
        action: &'static str,
    ) -> Self {
        let transport = Transport {
            url: url.into(),
            reason: reason.into(),
            sent,
            timeout: limit.is_some(),
        };
        let mut error = Error::detail(Detail::Transport(transport), action, None);
        error.inner.context.time_limit = limit;
        error
    }

    /// Records the RequestIds of the attempts before this one (oldest first).
    #[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's alone
    pub(crate) fn with_earlier_request_ids(mut self, earlier: &[String]) -> Self {
        self.inner.context.earlier = earlier.iter().map(|id| RequestId::new(id)).collect();
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
        self.transport_part().map(|t| t.url.as_str())
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
        self.transport_part().map(|t| t.sent)
    }

    /// Whether one of the client's time limits ended the call ([`time_limit`](Error::time_limit) says
    /// which): a [`Transport`](ErrorKind::Transport) error, or a [`Stream`](ErrorKind::Stream)
    /// error when an event stream stayed idle too long.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert!(!e.is_timeout());
    /// ```
    pub fn is_timeout(&self) -> bool {
        self.inner.context.time_limit.is_some() || self.transport_part().is_some_and(|t| t.timeout)
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
        self.inner.context.earlier.iter().map(RequestId::as_str)
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
    fn action(&self) -> &str;
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
    fn action(&self) -> &str {
        Error::action(self)
    }
}
