//! The one settings struct of a client: what a [`Builder`](super::Builder) writes, one field
//! per setting, and what `Debug` shows (credentials and proxy passwords redacted).

use std::sync::Arc;
use std::time::Duration;

use super::credentials::ProvideCredential;
use super::endpoint::Endpoints;
use super::proxy::ProxySetting;
use super::RetryPolicy;

/// The largest response body read by default: 32 MiB, above the largest real responses
/// (a CLS log search answers a few MiB).
pub const DEFAULT_MAX_BODY_SIZE: usize = 32 * 1024 * 1024;

/// The client's time limits (see [`Builder`](super::Builder) for each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Timeouts {
    pub(crate) connect: Duration,
    pub(crate) attempt: Duration,
    pub(crate) operation: Duration,
    pub(crate) stream_idle: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(5),
            attempt: Duration::from_secs(30),
            operation: Duration::from_secs(60),
            stream_idle: Duration::from_secs(60),
        }
    }
}

/// Every setting of a builder.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    /// `None`: the standard chain.
    pub(crate) credentials: Option<Arc<dyn ProvideCredential>>,
    pub(crate) region: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) endpoints: Endpoints,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeouts: Timeouts,
    /// `None`: [`DEFAULT_MAX_BODY_SIZE`].
    pub(crate) max_body_size: Option<usize>,
    pub(crate) proxy: ProxySetting,
}

impl Settings {
    pub(crate) fn max_body_size(&self) -> usize {
        self.max_body_size.unwrap_or(DEFAULT_MAX_BODY_SIZE)
    }
}
