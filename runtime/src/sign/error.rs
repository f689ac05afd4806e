//! [`SignError`]: why a request could not be built or signed.

use std::fmt;

use crate::excerpt::quote;

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
        /// The endpoint as given, with any user info (`user:password@`) replaced by
        /// `<redacted>@`: it may hold a secret.
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
                write!(f, "invalid endpoint `{}`: {reason}", quote(endpoint))
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
