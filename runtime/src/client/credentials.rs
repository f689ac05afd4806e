//! Where a client's credentials come from: a chain of providers like the official SDKs'.
//!
//! [`Chain::default`] tries, in order: the environment ([`Environment`]:
//! `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SESSION_TOKEN`), the
//! profile file the official CLI and SDKs read ([`ProfileFile`]: `TENCENTCLOUD_CREDENTIALS_FILE`
//! or `~/.tencentcloud/credentials`, profile `TENCENTCLOUD_PROFILE` or `default`), and the CVM
//! instance role ([`InstanceRole`]: temporary keys from the metadata endpoint, refreshed before
//! they expire). A provider that is not configured passes to the next; one that is configured
//! but broken (half-set variables, a malformed file) stops the chain with an error saying
//! exactly what is missing, rather than silently using another identity.

mod env;
mod http_get;
mod instance_role;
mod profile;

use std::fmt;
use std::sync::Arc;

use crate::sign::Credential;

pub use env::Environment;
pub use instance_role::{InstanceRole, METADATA_ENDPOINT};
pub use profile::{ProfileFile, ENV_CREDENTIALS_FILE, ENV_PROFILE, MAX_PROFILE_FILE};

/// Reads an environment variable (or a test's map of them).
pub(crate) type Lookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

pub(crate) fn process_env() -> Lookup {
    Arc::new(|name: &str| std::env::var(name).ok())
}

/// A source of credentials.
pub trait ProvideCredential: fmt::Debug + Send + Sync {
    /// The current credentials; `Ok(None)` when this source is not configured (a chain goes
    /// on to the next one).
    ///
    /// # Errors
    ///
    /// When the source is configured but cannot give credentials.
    fn provide(&self) -> Result<Option<Credential>, CredentialError>;

    /// The answer [`provide`](ProvideCredential::provide) would give, when it can be had
    /// without waiting on the network (cached keys, the environment, a small local file);
    /// `None` when answering may block. The async client calls `provide` on a blocking thread
    /// when this is `None`, so that no executor thread ever waits on a credential fetch.
    ///
    /// The default is `None`: a provider of your own is always asked off the executor.
    fn try_provide_now(&self) -> Option<Result<Option<Credential>, CredentialError>> {
        None
    }
}

/// Why no credentials could be had. `Display` names the source and what is missing; it never
/// shows a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialError {
    source_name: &'static str,
    reason: String,
}

impl CredentialError {
    pub(crate) fn new(source_name: &'static str, reason: impl Into<String>) -> CredentialError {
        CredentialError {
            source_name,
            reason: reason.into(),
        }
    }

    /// The provider that failed: `environment`, `profile file`, `instance role`, `chain`.
    pub fn source_name(&self) -> &'static str {
        self.source_name
    }

    /// What is missing or wrong.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "credentials from {}: {}", self.source_name, self.reason)
    }
}

impl std::error::Error for CredentialError {}

/// Fixed credentials, given explicitly.
#[derive(Clone, Debug)]
pub struct Static(pub Credential);

impl ProvideCredential for Static {
    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        Ok(Some(self.0.clone()))
    }

    fn try_provide_now(&self) -> Option<Result<Option<Credential>, CredentialError>> {
        Some(self.provide())
    }
}

/// Providers tried in order; the first configured one answers.
///
/// ```
/// use tencent_action::client::credentials::{Chain, Environment, ProvideCredential, Static};
/// use tencent_action::sign::Credential;
/// let chain = Chain::new()
///     .with(Environment::from_lookup(|_| None)) // not configured: skipped
///     .with(Static(Credential::new("AKIDEXPLICIT", "key")));
/// assert_eq!(chain.provide()?.unwrap().secret_id(), "AKIDEXPLICIT");
/// # Ok::<(), tencent_action::client::credentials::CredentialError>(())
/// ```
#[derive(Debug, Default)]
pub struct Chain {
    providers: Vec<Box<dyn ProvideCredential>>,
}

impl Chain {
    /// An empty chain.
    pub fn new() -> Chain {
        Chain::default()
    }

    /// The official SDKs' order: environment, profile file, CVM instance role, reading the
    /// process environment.
    pub fn standard() -> Chain {
        Chain::standard_with_lookup(process_env())
    }

    /// The standard chain reading variables through `lookup` (tests, sandboxes).
    pub fn standard_from_lookup(
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Chain {
        Chain::standard_with_lookup(Arc::new(lookup))
    }

    fn standard_with_lookup(lookup: Lookup) -> Chain {
        Chain::new()
            .with(Environment::with_lookup(Arc::clone(&lookup)))
            .with(ProfileFile::with_lookup(lookup))
            .with(InstanceRole::new())
    }

    /// The chain with `provider` tried after the others.
    pub fn with(mut self, provider: impl ProvideCredential + 'static) -> Chain {
        self.providers.push(Box::new(provider));
        self
    }
}

impl ProvideCredential for Chain {
    /// The first configured provider's answer; an error naming every source tried when none
    /// is configured.
    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        for provider in &self.providers {
            if let Some(credential) = provider.provide()? {
                return Ok(Some(credential));
            }
        }
        Ok(None)
    }

    /// The first configured provider's answer when every provider before it answers now;
    /// `None` as soon as one would have to wait.
    fn try_provide_now(&self) -> Option<Result<Option<Credential>, CredentialError>> {
        for provider in &self.providers {
            match provider.try_provide_now()? {
                Ok(None) => continue,
                answer => return Some(answer),
            }
        }
        Some(Ok(None))
    }
}

impl<P: ProvideCredential + ?Sized> ProvideCredential for Arc<P> {
    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        (**self).provide()
    }

    fn try_provide_now(&self) -> Option<Result<Option<Credential>, CredentialError>> {
        (**self).try_provide_now()
    }
}

/// The chain's answer, or an error saying what to set (asked on this thread).
#[cfg(feature = "ureq")]
pub(crate) fn require(provider: &dyn ProvideCredential) -> Result<Credential, CredentialError> {
    found(provider.provide()?)
}

/// A provider's answer, `None` turned into the error that says what to set.
pub(crate) fn found(answer: Option<Credential>) -> Result<Credential, CredentialError> {
    answer.ok_or_else(|| {
        CredentialError::new(
            "chain",
            "no credentials found: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, \
             write a profile in ~/.tencentcloud/credentials (or TENCENTCLOUD_CREDENTIALS_FILE), \
             run on a CVM instance with a CAM role, or give them to the builder",
        )
    })
}
