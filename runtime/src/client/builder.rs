//! The builder shared by the clients, and the configuration it produces: who signs, where
//! requests go, how they are retried.

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::credentials::{self, Chain, ProvideCredential, Static};
use super::retry::Jitter;
use super::RetryPolicy;
use crate::sign::{Credential, Request, SignedRequest};
use crate::{Action, ActionRequest, Error};

/// Configures a client; `K` is the client it builds ([`Client`](super::Client) or the async
/// one).
///
/// Defaults: credentials from [`Chain::standard`], no region, the service's own endpoint
/// (`https://<service>.tencentcloudapi.com`), [`RetryPolicy::default`], a 30 s timeout.
pub struct Builder<K> {
    credentials: Option<Arc<dyn ProvideCredential>>,
    region: Option<String>,
    endpoint: Option<String>,
    language: Option<String>,
    retry: RetryPolicy,
    timeout: Duration,
    client: PhantomData<fn() -> K>,
}

impl<K> Builder<K> {
    pub(crate) fn new() -> Builder<K> {
        Builder {
            credentials: None,
            region: None,
            endpoint: None,
            language: None,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(30),
            client: PhantomData,
        }
    }

    /// Signs with `credential` (no chain is consulted).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credentials = Some(Arc::new(Static(credential)));
        self
    }

    /// Signs with what `provider` gives, asked before every attempt (so that temporary keys
    /// are refreshed).
    pub fn credentials(mut self, provider: impl ProvideCredential + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The region, sent as `X-TC-Region` (`ap-guangzhou`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Another endpoint than `https://<service>.tencentcloudapi.com`: a test endpoint, a
    /// regional one, a proxy.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The language of error messages, sent as `X-TC-Language` (`zh-CN`, `en-US`).
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// How failed calls are retried; [`RetryPolicy::disabled`] for never.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The timeout of one attempt, from connecting to the end of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The configuration, with the credentials read once so that a missing configuration is
    /// reported now rather than at the first call.
    pub(crate) fn into_config(self) -> Result<Config, Error> {
        let credentials = self
            .credentials
            .unwrap_or_else(|| Arc::new(Chain::standard()));
        credentials::require(&*credentials).map_err(|e| Error::sign(e.to_string(), ""))?;
        Ok(Config {
            credentials,
            region: self.region,
            endpoint: self.endpoint,
            language: self.language,
            retry: self.retry,
            jitter: Mutex::new(Jitter::new()),
            timeout: self.timeout,
        })
    }
}

impl<K> fmt::Debug for Builder<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A built client's settings.
#[derive(Debug)]
pub(crate) struct Config {
    credentials: Arc<dyn ProvideCredential>,
    region: Option<String>,
    endpoint: Option<String>,
    language: Option<String>,
    retry: RetryPolicy,
    /// Seeded per client, so that clients started together do not retry in step.
    jitter: Mutex<Jitter>,
    pub(crate) timeout: Duration,
}

/// The error-code type of a request's action.
pub(crate) use crate::action::CodeOf;

impl Config {
    /// `request` signed for one attempt: fresh credentials and timestamp each time.
    pub(crate) fn sign<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<SignedRequest, Error<CodeOf<R>>> {
        let action = <R::Response as Action>::ACTION;
        let fail = |reason: String| Error::sign(reason, action);
        let credential =
            credentials::require(&*self.credentials).map_err(|e| fail(e.to_string()))?;
        let mut unsigned =
            Request::post::<R::Response>(request).map_err(|e| fail(e.to_string()))?;
        if let Some(region) = &self.region {
            unsigned = unsigned.region(region);
        }
        if let Some(endpoint) = &self.endpoint {
            unsigned = unsigned.endpoint(endpoint);
        }
        if let Some(language) = &self.language {
            unsigned = unsigned.language(language);
        }
        unsigned.sign(&credential).map_err(|e| fail(e.to_string()))
    }
}

/// The attempts of one call so far: how many, and the RequestIds of the failed ones (kept for
/// the final error).
pub(crate) struct Attempts {
    attempt: u32,
    request_ids: Vec<String>,
}

impl Attempts {
    pub(crate) fn new() -> Attempts {
        Attempts {
            attempt: 1,
            request_ids: Vec::new(),
        }
    }

    /// After a failed attempt: the delay before the next one when the policy retries
    /// `error`, or the final error, carrying the earlier attempts' RequestIds.
    pub(crate) fn after_failure<C>(
        &mut self,
        config: &Config,
        error: Error<C>,
        idempotent: bool,
    ) -> Result<Duration, Error<C>> {
        if !config.retry.should_retry(&error, self.attempt, idempotent) {
            return Err(error.with_earlier_request_ids(&self.request_ids));
        }
        if let Some(id) = error.request_id() {
            self.request_ids.push(id.to_owned());
        }
        let delay = {
            let mut jitter = config.jitter.lock().unwrap_or_else(PoisonError::into_inner);
            config.retry.delay(self.attempt, &mut jitter)
        };
        self.attempt += 1;
        Ok(delay)
    }
}
