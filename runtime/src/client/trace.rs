//! `tracing` spans and events of the client (cargo feature `tracing`); without the feature
//! every function here is empty and compiles away.
//!
//! - a span `call` per call: `service`, `version`, `action`, `region`;
//! - inside it, a span `attempt` per attempt: `attempt` (1 for the first), then `status`
//!   (HTTP), `request_id`, `elapsed_ms`, and `error` (the error's kind and code) when it fails;
//! - an event `retrying` (level INFO) per retry: `reason` and `delay_ms`.
//!
//! Never a secret, a signature, a token, a header or a body: only what identifies the call.

use std::time::{Duration, Instant};

use super::operation::Operation;
use crate::Error;

/// The span of one call.
pub(crate) struct CallTrace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

/// The span of one attempt.
pub(crate) struct AttemptTrace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    started: Instant,
}

impl CallTrace {
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn start(operation: &Operation, region: Option<&str>) -> CallTrace {
        CallTrace {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                target: "tencent_action::client",
                "call",
                service = %operation.service,
                version = %operation.version,
                action = %operation.action_name(),
                region = region.unwrap_or(""),
            ),
        }
    }

    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn attempt(&self, number: u32) -> AttemptTrace {
        AttemptTrace {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                target: "tencent_action::client",
                parent: &self.span,
                "attempt",
                attempt = number,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
                error = tracing::field::Empty,
            ),
            started: Instant::now(),
        }
    }

    /// A retry of the call after `error`, in `delay`.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn retrying<C>(&self, error: &Error<C>, delay: Duration) {
        #[cfg(feature = "tracing")]
        tracing::info!(
            target: "tencent_action::client",
            parent: &self.span,
            reason = %reason(error),
            delay_ms = delay.as_millis() as u64,
            "retrying",
        );
    }
}

impl AttemptTrace {
    /// The attempt's HTTP status, when a response came.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn status(&self, status: u16) {
        #[cfg(feature = "tracing")]
        self.span.record("status", status);
    }

    /// The attempt's end: its RequestId when the response had one, the error when it failed.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn end<C>(&self, request_id: Option<&str>, error: Option<&Error<C>>) {
        #[cfg(feature = "tracing")]
        {
            if let Some(id) = request_id.filter(|id| !id.is_empty()) {
                self.span
                    .record("request_id", crate::excerpt::quote(id).to_string());
            }
            if let Some(error) = error {
                self.span.record("error", reason(error));
            }
            self.span
                .record("elapsed_ms", self.started.elapsed().as_millis() as u64);
        }
        #[cfg(not(feature = "tracing"))]
        let _ = self.started;
    }
}

/// What a log line says of an error: its kind, and its code or time limit.
#[cfg(feature = "tracing")]
fn reason<C>(error: &Error<C>) -> String {
    let mut reason = format!("{:?}", error.kind());
    if let Some(code) = error.code() {
        reason.push(' ');
        reason.push_str(&crate::excerpt::quote(code).to_string());
    }
    if let Some(limit) = error.time_limit() {
        reason.push_str(&format!(" ({limit})"));
    }
    if let Some(status) = error.http_status() {
        reason.push_str(&format!(" HTTP {status}"));
    }
    reason
}
