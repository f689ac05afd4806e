//! Credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and the optional
//! `TENCENTCLOUD_SESSION_TOKEN`.

use std::fmt;
use std::sync::Arc;

use super::{process_env, CredentialError, Lookup, ProvideCredential};
use crate::sign::{Credential, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN};

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
        let get = |name: &str| (self.lookup)(name).filter(|v| !v.trim().is_empty());
        let (id, key) = (get(ENV_SECRET_ID), get(ENV_SECRET_KEY));
        let half = |set: &str, unset: &str| {
            Err(CredentialError::new(
                "environment",
                format!("{set} is set but {unset} is not"),
            ))
        };
        match (id, key) {
            (None, None) => match get(ENV_SESSION_TOKEN) {
                Some(_) => Err(CredentialError::new(
                    "environment",
                    format!("{ENV_SESSION_TOKEN} is set but {ENV_SECRET_ID} and {ENV_SECRET_KEY} are not"),
                )),
                None => Ok(None),
            },
            (Some(_), None) => half(ENV_SECRET_ID, ENV_SECRET_KEY),
            (None, Some(_)) => half(ENV_SECRET_KEY, ENV_SECRET_ID),
            (Some(id), Some(key)) => {
                let credential = Credential::new(id.trim(), key.trim());
                Ok(Some(match get(ENV_SESSION_TOKEN) {
                    Some(token) => credential.with_token(token.trim()),
                    None => credential,
                }))
            }
        }
    }
}
