//! When a failed call is tried again, and how long to wait first.
//!
//! The rule: a call is retried, at most [`RetryPolicy::max_attempts`] attempts in all, when
//!
//! - the service refused it without processing it: a rate limit
//!   ([`Error::is_retryable`]: `RequestLimitExceeded*`, HTTP 429), or a connection that was
//!   never made (refused, DNS) — whatever the action;
//! - or the outcome is unknown or a server fault (`InternalError`-class codes, a 5xx from a
//!   gateway, a timeout or a broken connection after the request was written) and the action
//!   is idempotent ([`ActionRequest::IDEMPOTENT`](crate::ActionRequest::IDEMPOTENT): by
//!   default the read-only `Describe*`, `Get*`, `List*`, `Query*`, `Inquiry*` actions;
//!   `#[tencent_request(Response, idempotent = true)]` for a request with a `ClientToken`).
//!
//! A non-idempotent request (`RunInstances`, `SendSms`) is never sent twice unless the error
//! proves the first was not processed. Client errors (`InvalidParameter*`, `AuthFailure*`, ...)
//! are never retried. Between attempts the client sleeps a random ("full jitter") delay in
//! `[0, min(max_delay, base_delay × 2^n)]`.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::settings::Timeouts;
use crate::{Error, ErrorKind, TimeLimit};

/// How a client retries; see the module docs for which errors are retried.
///
/// ```
/// use std::time::Duration;
/// use tencent_action::client::RetryPolicy;
/// let policy = RetryPolicy::default().max_attempts(5).base_delay(Duration::from_millis(50));
/// assert_eq!(policy.attempts(), 5);
/// assert_eq!(RetryPolicy::disabled().attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, 100 ms base delay, 5 s cap (the official SDKs' order of magnitude).
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// No retries: one attempt.
    pub fn disabled() -> RetryPolicy {
        RetryPolicy::default().max_attempts(1)
    }

    /// At most `n` attempts in all (the first included); 0 counts as 1.
    pub fn max_attempts(mut self, n: u32) -> RetryPolicy {
        self.max_attempts = n.max(1);
        self
    }

    /// The delay before the first retry, doubled for each next one (before jitter).
    pub fn base_delay(mut self, delay: Duration) -> RetryPolicy {
        self.base_delay = delay;
        self
    }

    /// The longest delay between two attempts.
    pub fn max_delay(mut self, delay: Duration) -> RetryPolicy {
        self.max_delay = delay;
        self
    }

    /// The number of attempts this policy allows.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Whether attempt `attempt` (1 for the first) failing with `error` is tried again.
    pub(crate) fn should_retry<C>(&self, error: &Error<C>, attempt: u32, idempotent: bool) -> bool {
        attempt < self.max_attempts && retryable(error, idempotent)
    }

    /// The delay before retry number `retry` (1 for the first), with full jitter.
    pub(crate) fn delay(&self, retry: u32, jitter: &mut Jitter) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << retry.saturating_sub(1).min(20));
        let cap = exp.min(self.max_delay);
        let nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        // Uniform in [0, nanos]; with `nanos == u64::MAX` every draw is already in range.
        Duration::from_nanos(match nanos.checked_add(1) {
            Some(bound) => jitter.next() % bound,
            None => jitter.next(),
        })
    }
}

/// Whether `error` may be retried (see the module docs).
fn retryable<C>(error: &Error<C>, idempotent: bool) -> bool {
    if error.is_retryable() {
        return true; // refused before processing
    }
    match error.kind() {
        ErrorKind::Transport => error.request_sent() == Some(false) || idempotent,
        ErrorKind::Api => idempotent && error.is_server_error(),
        ErrorKind::Http => idempotent && error.http_status().is_some_and(|s| s >= 500),
        _ => false,
    }
}

/// The time one attempt may take, and the limit that will have fired when it runs out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Budget {
    /// The whole attempt: the attempt timeout, or what is left of the operation's.
    pub(crate) total: Duration,
    /// Connecting: the connect timeout, within `total`.
    pub(crate) connect: Duration,
    /// What fires when `total` runs out.
    pub(crate) limit: TimeLimit,
}

impl Budget {
    /// The limit that fired when the transport reports a timeout after `elapsed`, knowing
    /// whether it was connecting.
    pub(crate) fn fired(&self, connecting: bool) -> TimeLimit {
        if connecting && self.connect < self.total {
            TimeLimit::Connect(self.connect)
        } else {
            self.limit
        }
    }
}

/// The bookkeeping of one call: its attempts, the RequestIds of the failed ones, and its
/// operation deadline. Each transport runs the same loop: [`begin`](RetryState::begin) an
/// attempt, and after a failure ask [`after_failure`](RetryState::after_failure) for the
/// delay before the next one, or the final error.
pub(crate) struct RetryState<'a> {
    policy: &'a RetryPolicy,
    jitter: &'a Mutex<Jitter>,
    timeouts: Timeouts,
    idempotent: bool,
    started: Instant,
    attempt: u32,
    request_ids: Vec<String>,
}

impl<'a> RetryState<'a> {
    pub(crate) fn new(
        policy: &'a RetryPolicy,
        jitter: &'a Mutex<Jitter>,
        timeouts: Timeouts,
        idempotent: bool,
    ) -> RetryState<'a> {
        RetryState {
            policy,
            jitter,
            timeouts,
            idempotent,
            started: Instant::now(),
            attempt: 0,
            request_ids: Vec::new(),
        }
    }

    /// The number of the attempt under way (1 for the first).
    pub(crate) fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Starts the next attempt: the time it may take.
    pub(crate) fn begin(&mut self) -> Budget {
        self.attempt += 1;
        let left = self
            .timeouts
            .operation
            .saturating_sub(self.started.elapsed());
        let (total, limit) = if left < self.timeouts.attempt {
            (left, TimeLimit::Operation(self.timeouts.operation))
        } else {
            (
                self.timeouts.attempt,
                TimeLimit::Attempt(self.timeouts.attempt),
            )
        };
        Budget {
            // A zero budget would mean "no limit" to some transports.
            total: total.max(Duration::from_millis(1)),
            connect: self
                .timeouts
                .connect
                .min(total)
                .max(Duration::from_millis(1)),
            limit,
        }
    }

    /// After a failed attempt: the delay before the next one when the policy retries `error`
    /// and the operation deadline leaves time for it; `None` when the call ends with `error`
    /// (pass it to [`finish`](RetryState::finish)).
    pub(crate) fn after_failure<C>(&mut self, error: &Error<C>) -> Option<Duration> {
        if !self
            .policy
            .should_retry(error, self.attempt, self.idempotent)
        {
            return None;
        }
        let delay = {
            let mut jitter = self.jitter.lock().unwrap_or_else(PoisonError::into_inner);
            self.policy.delay(self.attempt, &mut jitter)
        };
        let left = self
            .timeouts
            .operation
            .saturating_sub(self.started.elapsed());
        if delay >= left {
            return None; // no time for another attempt: the last error is the answer
        }
        if let Some(id) = error.request_id() {
            self.request_ids.push(id.to_owned());
        }
        Some(delay)
    }

    /// The final error of the call: its attempts and the earlier RequestIds recorded.
    pub(crate) fn finish<C>(&self, error: Error<C>) -> Error<C> {
        error
            .with_earlier_request_ids(&self.request_ids)
            .with_attempts(self.attempt.max(1))
    }
}

/// A xorshift64* generator, seeded per client: jitter needs spread, not cryptography.
#[derive(Debug)]
pub(crate) struct Jitter(u64);

impl Jitter {
    pub(crate) fn new() -> Jitter {
        use std::hash::{BuildHasher, Hasher};
        let seed = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        Jitter(seed | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_stay_capped_and_vary() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(250));
        let mut jitter = Jitter::new();
        let firsts: Vec<Duration> = (0..200).map(|_| policy.delay(1, &mut jitter)).collect();
        assert!(firsts.iter().all(|d| *d <= Duration::from_millis(100)));
        assert!(firsts.iter().any(|d| *d != firsts[0]), "jitter varies");
        let fifth: Vec<Duration> = (0..200).map(|_| policy.delay(5, &mut jitter)).collect();
        assert!(fifth.iter().all(|d| *d <= Duration::from_millis(250)));
        assert!(
            fifth.iter().any(|d| *d > Duration::from_millis(100)),
            "grows"
        );
    }

    #[test]
    fn huge_delays_saturate_instead_of_overflowing() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::MAX)
            .max_delay(Duration::MAX);
        let mut jitter = Jitter::new();
        for retry in [1, 2, 30, u32::MAX] {
            let _ = policy.delay(retry, &mut jitter); // no panic, no `% 0`
        }
    }
}
