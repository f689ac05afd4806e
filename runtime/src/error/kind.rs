//! [`ErrorKind`]: the public name of each failure, one per detail of an [`Error`](crate::Error).

/// What kind of failure an [`Error`](crate::Error) is. More kinds may be added: match with a
/// `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The service answered with an error: `Response.Error` (API 3.0) or a non-zero legacy
    /// API 2.0 `code`. [`Error::code`](crate::Error::code) and
    /// [`Error::message`](crate::Error::message) say which.
    Api,
    /// The body is JSON and has the envelope, but a field does not match the response struct;
    /// [`Error::path`](crate::Error::path) says where.
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
    /// connection. [`Error::url`](crate::Error::url) says where;
    /// [`Error::request_sent`](crate::Error::request_sent) whether the request may have
    /// reached the service.
    Transport,
    /// A client could not be built from its configuration (the HTTP library refused it, as
    /// reqwest does when its TLS backend cannot start). No request was made, so the error has
    /// no action, URL or RequestId.
    Config,
}
