//! [`TimeLimit`]: which of the client's time limits ended a call, and the attempts it made.

use std::fmt;
use std::time::Duration;

use super::Error;

/// One of the client's time limits, with its value: the one that ended a call
/// ([`Error::time_limit`]). Each is named after its builder setting.
///
/// ```
/// use std::time::Duration;
/// use tencent_action::TimeLimit;
/// let limit = TimeLimit::Operation(Duration::from_millis(1500));
/// assert_eq!(limit.setting(), "operation_timeout");
/// assert_eq!(limit.duration(), Duration::from_millis(1500));
/// assert_eq!(limit.to_string(), "the operation_timeout of 1.5 s");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeLimit {
    /// `connect_timeout`: the name lookup and the connection (TLS included) of one attempt.
    Connect(Duration),
    /// `timeout`: one attempt, from connecting to the end of the body (for an event stream,
    /// to its response head).
    Attempt(Duration),
    /// `operation_timeout`: the whole call, every attempt and the waits between them.
    Operation(Duration),
    /// `stream_idle_timeout`: the longest wait for the next bytes of an event stream.
    StreamIdle(Duration),
}

impl TimeLimit {
    /// The name of the builder setting: `connect_timeout`, `timeout`, `operation_timeout`,
    /// `stream_idle_timeout`.
    pub fn setting(&self) -> &'static str {
        match self {
            TimeLimit::Connect(_) => "connect_timeout",
            TimeLimit::Attempt(_) => "timeout",
            TimeLimit::Operation(_) => "operation_timeout",
            TimeLimit::StreamIdle(_) => "stream_idle_timeout",
        }
    }

    /// The limit's value.
    pub fn duration(&self) -> Duration {
        match *self {
            TimeLimit::Connect(d)
            | TimeLimit::Attempt(d)
            | TimeLimit::Operation(d)
            | TimeLimit::StreamIdle(d) => d,
        }
    }
}

impl fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} of ", self.setting())?;
        seconds(f, self.duration())
    }
}

/// `1.5 s`, `30 s`, `0.25 s`: seconds with the decimals a limit is likely to have.
fn seconds(f: &mut fmt::Formatter<'_>, d: Duration) -> fmt::Result {
    let millis = d.as_millis();
    if millis % 1000 == 0 {
        write!(f, "{} s", millis / 1000)
    } else {
        let text = format!("{:.3}", d.as_secs_f64());
        write!(f, "{} s", text.trim_end_matches('0'))
    }
}

impl<C> Error<C> {
    /// The client's time limit that ended the call, when one did: which setting and its value.
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert_eq!(e.time_limit(), None);
    /// ```
    pub fn time_limit(&self) -> Option<TimeLimit> {
        self.inner.context.time_limit
    }

    /// How many attempts the client made before giving up (1 when it did not retry); `None`
    /// for an error no client call made (decoding a body yourself).
    ///
    /// ```
    /// # use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # #[derive(Debug)] pub struct DescribeZones { pub total_count: u64 }
    /// let e = tencent_action::from_str::<DescribeZones>("{}").unwrap_err();
    /// assert_eq!(e.attempts(), None);
    /// ```
    pub fn attempts(&self) -> Option<u32> {
        self.inner.context.attempts
    }

    #[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's alone
    pub(crate) fn with_time_limit(mut self, limit: TimeLimit) -> Self {
        self.inner.context.time_limit = Some(limit);
        self
    }

    #[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's alone
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.context.attempts = Some(attempts);
        self
    }

    /// The same error for an action named at run time (a raw call).
    #[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's alone
    pub(crate) fn with_action(mut self, action: &str) -> Self {
        self.inner.context.action = std::borrow::Cow::Owned(action.to_owned());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::TimeLimit;
    use std::time::Duration;

    #[test]
    fn limits_print_their_setting_and_value() {
        let shown = |l: TimeLimit| l.to_string();
        assert_eq!(
            shown(TimeLimit::Connect(Duration::from_secs(5))),
            "the connect_timeout of 5 s"
        );
        assert_eq!(
            shown(TimeLimit::Attempt(Duration::from_millis(250))),
            "the timeout of 0.25 s"
        );
        assert_eq!(
            shown(TimeLimit::StreamIdle(Duration::from_secs(60))),
            "the stream_idle_timeout of 60 s"
        );
    }
}
