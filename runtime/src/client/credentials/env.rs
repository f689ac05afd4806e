//! Credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and the optional
//! `TENCENTCLOUD_SESSION_TOKEN`.

use std::fmt;
use std::sync::Arc;

use super::{process_env, CredentialError, Lookup, ProvideCredential};
use crate::sign::credential::read_env;
use crate::sign::Credential;

/// The environment provider: not configured when neither variable is set; an error when only
/// one is.
///
/// ```
/// use tencent_action::client::credentials::{Environment, ProvideCredential};
/// let half = Environment::from_lookup(|name| (name == "TENCENTCLOUD_SECRET_ID").then(|| "AKID".to_string()));
/// let e = half.provide().unwrap_err();
/// assert_eq!(e.to_string(), "credentials from environment: TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not");
/// ```
#[derive(Clone)]
pub struct Environment {
    lookup: Lookup,
}

impl Environment {
    /// Reads the process environment.
    pub fn new() -> Environment {
        Environment::with_lookup(process_env())
    }

    /// Reads variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Environment::with_lookup(Arc::new(lookup))
    }

    pub(crate) fn with_lookup(lookup: Lookup) -> Environment {
        Environment { lookup }
    }
}

impl Default for Environment {
    fn default() -> Self {
        Environment::new()
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Environment")
    }
}

impl ProvideCredential for Environment {
    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        read_env(|name| (self.lookup)(name))
            .map_err(|problem| CredentialError::new("environment", problem.to_string()))
    }

    fn try_provide_now(&self) -> Option<Result<Option<Credential>, CredentialError>> {
        Some(self.provide())
    }
}
