//! [`Credential`]: a SecretId, its SecretKey and an optional session token, read from the
//! official SDKs' environment variables or given directly. Secrets never show in `Debug`.

use std::fmt;

use super::SignError;

/// The environment variable holding the SecretId, as the official SDKs read it.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// The environment variable holding the SecretKey, as the official SDKs read it.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// The environment variable holding the session token of temporary credentials (optional).
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";

/// A Tencent Cloud API key: the SecretId (public, it is sent in every `Authorization`
/// header), the SecretKey (secret) and, for temporary credentials, a session token (secret,
/// sent as `X-TC-Token`).
///
/// `Debug` shows the SecretId only; the key and the token never appear in any output.
///
/// ```
/// use tencent_action::sign::Credential;
/// let credential = Credential::new("AKIDEXAMPLE", "my-secret-key").with_token("my-token");
/// let shown = format!("{credential:?}");
/// assert!(shown.contains("AKIDEXAMPLE"));
/// assert!(!shown.contains("my-secret-key") && !shown.contains("my-token"));
/// ```
#[derive(Clone)]
pub struct Credential {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
}

impl Credential {
    /// A permanent credential.
    ///
    /// ```
    /// let credential = tencent_action::sign::Credential::new("AKIDEXAMPLE", "key");
    /// assert_eq!(credential.secret_id(), "AKIDEXAMPLE");
    /// ```
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Credential {
        Credential {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
    }

    /// The same credential with a session token (temporary credentials from STS), sent as
    /// `X-TC-Token`.
    ///
    /// ```
    /// let credential = tencent_action::sign::Credential::new("id", "key").with_token("token");
    /// assert!(credential.has_token());
    /// ```
    pub fn with_token(mut self, token: impl Into<String>) -> Credential {
        self.token = Some(token.into());
        self
    }

    /// Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and the optional
    /// `TENCENTCLOUD_SESSION_TOKEN` from the environment. Empty values count as unset.
    ///
    /// ```no_run
    /// let credential = tencent_action::sign::Credential::from_env()?;
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SignError::MissingCredential`] naming the first required variable that is unset.
    pub fn from_env() -> Result<Credential, SignError> {
        Credential::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the same three variables as [`from_env`](Credential::from_env) through `lookup`
    /// (a map, a config file, a test), so that nothing depends on the process environment.
    ///
    /// ```
    /// use tencent_action::sign::{Credential, SignError};
    /// let vars = [("TENCENTCLOUD_SECRET_ID", "AKIDEXAMPLE"), ("TENCENTCLOUD_SECRET_KEY", "key")];
    /// let lookup = |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
    /// let credential = Credential::from_lookup(lookup)?;
    /// assert_eq!(credential.secret_id(), "AKIDEXAMPLE");
    /// assert!(!credential.has_token());
    ///
    /// let missing = Credential::from_lookup(|_| None).unwrap_err();
    /// assert!(matches!(missing, SignError::MissingCredential { var: "TENCENTCLOUD_SECRET_ID" }));
    /// # Ok::<(), SignError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`from_env`](Credential::from_env).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Credential, SignError> {
        match read_env(lookup) {
            Ok(Some(credential)) => Ok(credential),
            Ok(None) => Err(SignError::MissingCredential { var: ENV_SECRET_ID }),
            Err(EnvProblem::HalfSet { unset, .. }) => {
                Err(SignError::MissingCredential { var: unset })
            }
            Err(EnvProblem::TokenWithoutKeys) => {
                Err(SignError::MissingCredential { var: ENV_SECRET_ID })
            }
        }
    }

    /// The SecretId (not a secret: it travels in the `Authorization` header).
    ///
    /// ```
    /// assert_eq!(tencent_action::sign::Credential::new("AKID1", "k").secret_id(), "AKID1");
    /// ```
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// Whether the credential carries a session token.
    ///
    /// ```
    /// assert!(!tencent_action::sign::Credential::new("id", "key").has_token());
    /// ```
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    pub(crate) fn secret_key(&self) -> &str {
        &self.secret_key
    }

    pub(crate) fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"<redacted>")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// What is wrong with the credential variables of an environment (see [`read_env`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnvProblem {
    /// One of the id and the key is set, the other is not.
    HalfSet {
        set: &'static str,
        unset: &'static str,
    },
    /// Only `TENCENTCLOUD_SESSION_TOKEN` is set.
    TokenWithoutKeys,
}

impl fmt::Display for EnvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvProblem::HalfSet { set, unset } => write!(f, "{set} is set but {unset} is not"),
            EnvProblem::TokenWithoutKeys => write!(
                f,
                "{ENV_SESSION_TOKEN} is set but {ENV_SECRET_ID} and {ENV_SECRET_KEY} are not"
            ),
        }
    }
}

/// The one reader of the credential variables, shared by [`Credential::from_lookup`] and the
/// client's environment provider: empty (or blank) values count as unset, values are trimmed;
/// `Ok(None)` when none of the three is set; an error when the set is incomplete.
pub(crate) fn read_env(
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Option<Credential>, EnvProblem> {
    let get = |var: &str| {
        lookup(var)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let token = get(ENV_SESSION_TOKEN);
    match (get(ENV_SECRET_ID), get(ENV_SECRET_KEY)) {
        (Some(secret_id), Some(secret_key)) => Ok(Some(Credential {
            secret_id,
            secret_key,
            token,
        })),
        (Some(_), None) => Err(EnvProblem::HalfSet {
            set: ENV_SECRET_ID,
            unset: ENV_SECRET_KEY,
        }),
        (None, Some(_)) => Err(EnvProblem::HalfSet {
            set: ENV_SECRET_KEY,
            unset: ENV_SECRET_ID,
        }),
        (None, None) if token.is_some() => Err(EnvProblem::TokenWithoutKeys),
        (None, None) => Ok(None),
    }
}
