//! Temporary credentials of the CAM role bound to a CVM instance, from the instance metadata
//! endpoint (`http://metadata.tencentyun.com`), cached and refreshed before they expire.
//!
//! The cache's rules:
//!
//! - keys are used until their `ExpiredTime`, never after: a fetch that answers keys already
//!   expired is an error, and a fetch that fails (the endpoint blips) keeps keys still valid;
//! - within [`refresh_before`](InstanceRole::refresh_before) of expiry, one caller fetches
//!   new keys while the others go on with the still-valid ones; only when there are no valid
//!   keys do callers wait, for that one fetch;
//! - a fetch has one deadline for everything (name lookup, connect, every read):
//!   [`fetch_timeout`](InstanceRole::fetch_timeout), 3 s by default;
//! - the lock is never held during the network fetch.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::http_get;
use super::{CredentialError, ProvideCredential};
use crate::sign::Credential;

/// The metadata endpoint of CVM instances.
pub const METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";
const ROLE_PATH: &str = "/latest/meta-data/cam/security-credentials/";
const SOURCE: &str = "instance role";
/// Longest CAM role name.
const MAX_ROLE_NAME: usize = 128;

/// The CVM instance-role provider. Not configured when the metadata endpoint cannot be reached
/// (not on CVM) or names no role; an error when it answers something unusable.
///
/// ```
/// use std::time::Duration;
/// use tencent_action::client::credentials::InstanceRole;
/// // Tests point it at a loopback endpoint (`tencent_action::testkit`).
/// let provider = InstanceRole::new()
///     .endpoint("http://127.0.0.1:9")
///     .refresh_before(Duration::from_secs(300))
///     .fetch_timeout(Duration::from_secs(2));
/// ```
#[derive(Debug)]
pub struct InstanceRole {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    endpoint: String,
    refresh_before: Duration,
    fetch_timeout: Duration,
    state: Mutex<State>,
    /// Signalled when a fetch ends.
    fetched: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// The keys and their expiry (unix seconds).
    keys: Option<(Credential, u64)>,
    /// A fetch is under way (by one caller, or a background refresh).
    fetching: bool,
}

impl InstanceRole {
    /// The provider for [`METADATA_ENDPOINT`], refreshing 5 minutes before expiry, each fetch
    /// within 3 s.
    pub fn new() -> InstanceRole {
        InstanceRole {
            shared: Arc::new(Shared {
                endpoint: METADATA_ENDPOINT.to_owned(),
                refresh_before: Duration::from_secs(300),
                fetch_timeout: Duration::from_secs(3),
                state: Mutex::new(State::default()),
                fetched: Condvar::new(),
            }),
        }
    }

    fn configure(self, change: impl FnOnce(&mut Shared)) -> InstanceRole {
        let mut shared = Arc::try_unwrap(self.shared).unwrap_or_else(|shared| Shared {
            endpoint: shared.endpoint.clone(),
            refresh_before: shared.refresh_before,
            fetch_timeout: shared.fetch_timeout,
            state: Mutex::new(State::default()),
            fetched: Condvar::new(),
        });
        change(&mut shared);
        InstanceRole {
            shared: Arc::new(shared),
        }
    }

    /// Another metadata endpoint, `http://host[:port]` (tests, proxies).
    pub fn endpoint(self, endpoint: impl Into<String>) -> InstanceRole {
        let endpoint = endpoint.into();
        self.configure(|s| s.endpoint = endpoint)
    }

    /// How long before expiry cached keys are replaced (any duration; a margin longer than
    /// the keys' life refreshes on every call).
    pub fn refresh_before(self, margin: Duration) -> InstanceRole {
        self.configure(|s| s.refresh_before = margin)
    }

    /// The deadline of one fetch from the metadata endpoint, name lookup and every read
    /// included (3 s by default).
    pub fn fetch_timeout(self, timeout: Duration) -> InstanceRole {
        self.configure(|s| s.fetch_timeout = timeout)
    }
}

impl Default for InstanceRole {
    fn default() -> Self {
        InstanceRole::new()
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What the cache holds for a caller at `now`.
enum Cached {
    /// Valid and not yet due for refresh.
    Fresh(Credential),
    /// Valid, but within the refresh margin.
    Due(Credential),
    /// None, or expired.
    Missing,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn cached(&self, state: &State, now: u64) -> Cached {
        match &state.keys {
            Some((credential, expires)) if now < *expires => {
                let margin = self.refresh_before.as_secs();
                if now.saturating_add(margin) < *expires {
                    Cached::Fresh(credential.clone())
                } else {
                    Cached::Due(credential.clone())
                }
            }
            _ => Cached::Missing,
        }
    }

    /// Fetches with the lock released, then stores what was fetched and wakes the waiters.
    /// Returns the keys to use: the new ones, or the old ones while they are still valid.
    fn refresh(&self) -> Result<Option<Credential>, CredentialError> {
        struct Done<'a>(&'a Shared);
        impl Drop for Done<'_> {
            // Also on unwinding: a fetch that panicked must not leave waiters waiting.
            fn drop(&mut self) {
                self.0.lock().fetching = false;
                self.0.fetched.notify_all();
            }
        }
        let done = Done(self);
        let fetched = fetch(&self.endpoint, self.fetch_timeout);
        let now = now_secs();
        let mut state = self.lock();
        let still_valid = match &state.keys {
            Some((credential, expires)) if now < *expires => Some(credential.clone()),
            _ => None,
        };
        let answer = match fetched {
            Ok(Some((credential, expires))) if now < expires => {
                state.keys = Some((credential.clone(), expires));
                Ok(Some(credential))
            }
            Ok(Some((_, expires))) => match still_valid {
                Some(old) => Ok(Some(old)),
                None => Err(CredentialError::new(
                    SOURCE,
                    format!(
                        "the metadata endpoint answered keys that expired at {expires} \
                         (unix time; now {now})"
                    ),
                )),
            },
            // Not reachable (or no role) now: keys still valid are kept, not erased.
            Ok(None) => Ok(still_valid),
            Err(e) => match still_valid {
                Some(old) => Ok(Some(old)),
                None => Err(e),
            },
        };
        drop(state);
        drop(done);
        answer
    }
}

impl ProvideCredential for InstanceRole {
    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        let shared = &*self.shared;
        let mut state = shared.lock();
        loop {
            match shared.cached(&state, now_secs()) {
                Cached::Fresh(credential) => return Ok(Some(credential)),
                // Another caller is fetching: go on with the keys that are still valid.
                Cached::Due(credential) if state.fetching => return Ok(Some(credential)),
                Cached::Missing if state.fetching => {
                    // Nothing valid to use: wait for that fetch. It has its own deadline; the
                    // wait is bounded the same way in case the fetcher is stuck elsewhere.
                    let limit = shared.fetch_timeout + Duration::from_millis(100);
                    let (next, waited) = shared
                        .fetched
                        .wait_timeout_while(state, limit, |state| state.fetching)
                        .unwrap_or_else(PoisonError::into_inner);
                    state = next;
                    if waited.timed_out() {
                        return Err(CredentialError::new(
                            SOURCE,
                            "another caller's fetch from the metadata endpoint did not end",
                        ));
                    }
                }
                Cached::Due(_) | Cached::Missing => {
                    state.fetching = true;
                    drop(state);
                    return shared.refresh();
                }
            }
        }
    }

    /// Keys not yet due are answered at once; keys due for refresh are answered at once too,
    /// while one background thread fetches new ones; with no valid keys, `None` (a fetch is
    /// needed).
    fn try_provide_now(&self) -> Option<Result<Option<Credential>, CredentialError>> {
        let mut state = self.shared.lock();
        match self.shared.cached(&state, now_secs()) {
            Cached::Fresh(credential) => Some(Ok(Some(credential))),
            Cached::Due(credential) => {
                if !state.fetching {
                    state.fetching = true;
                    let shared = Arc::clone(&self.shared);
                    let spawned = std::thread::Builder::new()
                        .name("tencent-action-role-refresh".into())
                        .spawn(move || {
                            let _ = shared.refresh();
                        });
                    if spawned.is_err() {
                        state.fetching = false; // the next caller tries again
                    }
                }
                Some(Ok(Some(credential)))
            }
            Cached::Missing => None,
        }
    }
}

/// The role's keys and their expiry; `Ok(None)` when the endpoint cannot be reached or names
/// no role (not on CVM).
fn fetch(endpoint: &str, timeout: Duration) -> Result<Option<(Credential, u64)>, CredentialError> {
    let Ok((200, role)) = http_get::get(endpoint, ROLE_PATH, timeout) else {
        return Ok(None); // not on CVM, or no metadata service
    };
    let role = String::from_utf8_lossy(&role);
    let role = role.trim();
    if role.is_empty() {
        return Ok(None);
    }
    if !is_role_name(role) {
        return Err(CredentialError::new(
            SOURCE,
            "the metadata endpoint named a role that is not a CAM role name \
             (letters, digits and `_+=,.@-`, at most 128)",
        ));
    }
    let body = match http_get::get(endpoint, &format!("{ROLE_PATH}{role}"), timeout) {
        Ok((200, body)) => body,
        Ok((status, _)) => {
            return Err(CredentialError::new(
                SOURCE,
                format!("cannot read the keys of role {role}: HTTP {status}"),
            ))
        }
        Err(e) => {
            return Err(CredentialError::new(
                SOURCE,
                format!("cannot read the keys of role {role}: {e}"),
            ))
        }
    };
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Keys {
        tmp_secret_id: String,
        tmp_secret_key: String,
        token: String,
        expired_time: u64,
    }
    let keys: Keys = serde_json::from_slice(&body).map_err(|e| {
        // serde's message may quote the value it met, which may be the secret key itself:
        // only the place and the class of the error are reported.
        CredentialError::new(
            SOURCE,
            format!(
                "the keys of role {role} do not decode ({:?} error at line {}, column {})",
                e.classify(),
                e.line(),
                e.column()
            ),
        )
    })?;
    let credential =
        Credential::new(keys.tmp_secret_id, keys.tmp_secret_key).with_token(keys.token);
    Ok(Some((credential, keys.expired_time)))
}

/// A CAM role name: what may be written into a request path as is.
fn is_role_name(name: &str) -> bool {
    name.len() <= MAX_ROLE_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::is_role_name;

    #[test]
    fn role_names_are_plain_tokens() {
        assert!(is_role_name("CVM_QcsRole-1.a@b"));
        for bad in [
            "a b",
            "a\r\nHost: x",
            "../x",
            "a/b",
            "a?b",
            &"r".repeat(129),
        ] {
            assert!(!is_role_name(bad), "{bad:?}");
        }
    }
}
