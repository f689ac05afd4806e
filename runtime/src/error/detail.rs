//! What went wrong when it was not an API error: the part of an error that does not depend on
//! the code type, so that reclassifying an error moves it as it is.

use std::fmt;

use super::kind::ErrorKind;
use crate::excerpt::quote;

/// Every kind but [`ErrorKind::Api`], with what its `Display`, `Debug` and accessors read.
pub(crate) enum Detail {
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
    Config {
        reason: String,
    },
    Transport(Transport),
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

/// No response was read (the detail of [`ErrorKind::Transport`]). A struct of its own so that
/// what a transport failure records (which timeout fired, its value, the attempts) grows here,
/// in this file, with its `Display` and `Debug`.
pub(crate) struct Transport {
    /// Where the request went; never with credentials (they travel in headers).
    pub(super) url: String,
    pub(super) reason: String,
    /// Whether the request may have reached the service (the body was being or had been
    /// written when it failed).
    pub(super) sent: bool,
    pub(super) timeout: bool,
}

impl Transport {
    fn fmt_display(&self, f: &mut fmt::Formatter<'_>, action: &str) -> fmt::Result {
        write!(
            f,
            "no response to {action} from {}: {}",
            quote(&self.url),
            quote(&self.reason)
        )
    }

    fn debug_fields(&self, d: &mut fmt::DebugStruct<'_, '_>) {
        d.field("url", &quote(&self.url))
            .field("reason", &quote(&self.reason))
            .field("request_sent", &self.sent)
            .field("timeout", &self.timeout);
    }
}

impl Detail {
    pub(super) fn kind(&self) -> ErrorKind {
        match self {
            Detail::Shape { .. } => ErrorKind::Shape,
            Detail::Json { .. } => ErrorKind::Json,
            Detail::Envelope { .. } => ErrorKind::Envelope,
            Detail::Http { .. } => ErrorKind::Http,
            Detail::Stream { .. } => ErrorKind::Stream,
            Detail::Sign { .. } => ErrorKind::Sign,
            Detail::Config { .. } => ErrorKind::Config,
            Detail::Transport(_) => ErrorKind::Transport,
        }
    }

    /// `Display` without the trailing status and RequestId; every piece of peer text quoted.
    pub(super) fn fmt_display(&self, f: &mut fmt::Formatter<'_>, action: &str) -> fmt::Result {
        match self {
            Detail::Shape { path, reason } => write!(
                f,
                "cannot decode {action} response at {}: {}",
                quote(path),
                quote(reason)
            ),
            Detail::Json { reason, excerpt } => write!(
                f,
                "{action} response is not valid JSON: {}; body: \"{excerpt}\"",
                quote(reason)
            ),
            Detail::Envelope { problem, excerpt } => write!(
                f,
                "{action} response is not a Tencent Cloud envelope: {}; body: \"{excerpt}\"",
                problem.describe()
            ),
            Detail::Http { reason, excerpt } => {
                write!(f, "{action} request failed: {}", quote(reason))?;
                if !excerpt.is_empty() {
                    write!(f, "; body: \"{excerpt}\"")?;
                }
                Ok(())
            }
            Detail::Stream { reason } => {
                write!(f, "{action} event stream failed: {}", quote(reason))
            }
            // Credentials are checked when a client is built, before any action.
            Detail::Sign { reason } if action.is_empty() => {
                write!(f, "cannot sign requests: {}", quote(reason))
            }
            Detail::Sign { reason } => {
                write!(f, "cannot sign the {action} request: {}", quote(reason))
            }
            Detail::Config { reason } => {
                write!(f, "cannot build the client: {}", quote(reason))
            }
            Detail::Transport(transport) => transport.fmt_display(f, action),
        }
    }

    pub(super) fn debug_fields(&self, d: &mut fmt::DebugStruct<'_, '_>) {
        match self {
            Detail::Shape { path, reason } => {
                d.field("path", &quote(path))
                    .field("reason", &quote(reason));
            }
            Detail::Json { reason, excerpt } | Detail::Http { reason, excerpt } => {
                d.field("reason", &quote(reason)).field("excerpt", excerpt);
            }
            Detail::Envelope { problem, excerpt } => {
                d.field("problem", &problem.describe())
                    .field("excerpt", excerpt);
            }
            Detail::Stream { reason } | Detail::Sign { reason } | Detail::Config { reason } => {
                d.field("reason", &quote(reason));
            }
            Detail::Transport(transport) => transport.debug_fields(d),
        }
    }
}
