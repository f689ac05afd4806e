//! The builder shared by the clients, and the configuration it produces.

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::credentials::{self, Chain, ProvideCredential, Static};
use super::proxy::{ProxyRules, ProxySetting};
use super::retry::{Jitter, RetryState};
use super::settings::Settings;
use super::RetryPolicy;
use crate::sign::Credential;
use crate::Error;

/// Configures a client; `K` is the client it builds ([`Client`](super::Client) or
/// [`AsyncClient`](super::AsyncClient)). Every setting has a default:
///
/// | setting | default |
/// |---|---|
/// | [`credential`](Builder::credential) / [`credentials`](Builder::credentials) | [`Chain::standard`]: environment, profile file, CVM role |
/// | [`region`](Builder::region) | none (`X-TC-Region` not sent) |
/// | [`language`](Builder::language) | none (the service's, `zh-CN`) |
/// | [`endpoint`](Builder::endpoint), [`endpoint_for`](Builder::endpoint_for) | `https://{service}.tencentcloudapi.com`, per call ([`endpoint`](super::endpoint)) |
/// | [`regional_endpoints`](Builder::regional_endpoints) | false (true for the financial regions, always) |
/// | [`root_domain`](Builder::root_domain) | `tencentcloudapi.com` |
/// | [`allow_http`](Builder::allow_http) | false: plain `http://` only to loopback |
/// | [`retry`](Builder::retry) | [`RetryPolicy::default`]: 3 attempts |
/// | [`connect_timeout`](Builder::connect_timeout) | 5 s |
/// | [`timeout`](Builder::timeout) | 30 s per attempt |
/// | [`operation_timeout`](Builder::operation_timeout) | 60 s per call, retries included |
/// | [`stream_idle_timeout`](Builder::stream_idle_timeout) | 60 s between bytes of an event stream |
/// | [`max_body_size`](Builder::max_body_size) | 32 MiB ([`DEFAULT_MAX_BODY_SIZE`](super::DEFAULT_MAX_BODY_SIZE)) |
/// | [`proxy`](Builder::proxy) / [`no_proxy`](Builder::no_proxy) | `HTTPS_PROXY`/`ALL_PROXY`, `NO_PROXY` ([`proxy`](super::proxy)) |
///
/// Redirects are never followed (the API never redirects: a 3xx is an
/// [`ErrorKind::Http`](crate::ErrorKind::Http) error naming the status and the `Location`), and
/// responses are never decompressed (no `Accept-Encoding` is sent), so the body limit counts
/// the bytes as they arrive.
pub struct Builder<K> {
    settings: Settings,
    client: PhantomData<fn() -> K>,
}

impl<K> Builder<K> {
    pub(crate) fn new() -> Builder<K> {
        Builder {
            settings: Settings::default(),
            client: PhantomData,
        }
    }

    /// Signs with `credential` (no chain is consulted).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.settings.credentials = Some(Arc::new(Static(credential)));
        self
    }

    /// Signs with what `provider` gives, asked before every attempt (so that temporary keys
    /// are refreshed).
    pub fn credentials(mut self, provider: impl ProvideCredential + 'static) -> Self {
        self.settings.credentials = Some(Arc::new(provider));
        self
    }

    /// The region, sent as `X-TC-Region` (`ap-guangzhou`): it decides which region serves
    /// the call, whatever the endpoint.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.settings.region = Some(region.into());
        self
    }

    /// The language of error messages, sent as `X-TC-Language` (`zh-CN`, `en-US`).
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.settings.language = Some(language.into());
        self
    }

    /// Every service at this endpoint (`http://127.0.0.1:8080` for a test endpoint, a
    /// gateway), instead of each service's own `https://{service}.tencentcloudapi.com`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.endpoints.all = Some(endpoint.into());
        self
    }

    /// `service` (`cvm`) at this endpoint; other services as they would be without it.
    pub fn endpoint_for(mut self, service: impl Into<String>, endpoint: impl Into<String>) -> Self {
        self.settings
            .endpoints
            .per_service
            .push((service.into(), endpoint.into()));
        self
    }

    /// Calls go to the region's own domain, `{service}.{region}.tencentcloudapi.com`, when a
    /// region is set (the financial regions always do).
    pub fn regional_endpoints(mut self, yes: bool) -> Self {
        self.settings.endpoints.regional = yes;
        self
    }

    /// The root domain of the default endpoints: `tencentcloudapi.com`, or
    /// [`INTERNATIONAL_ROOT_DOMAIN`](super::endpoint::INTERNATIONAL_ROOT_DOMAIN) for the
    /// international site.
    pub fn root_domain(mut self, domain: impl Into<String>) -> Self {
        self.settings.endpoints.root_domain = domain.into();
        self
    }

    /// Allows plain `http://` endpoints on hosts other than loopback (a gateway inside a
    /// trusted network). Requests, signatures and session tokens then cross that network
    /// unencrypted.
    pub fn allow_http(mut self, yes: bool) -> Self {
        self.settings.endpoints.allow_http = yes;
        self
    }

    /// How failed calls are retried; [`RetryPolicy::disabled`] for never.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.settings.retry = policy;
        self
    }

    /// The time one attempt may take to connect (name lookup, TCP, TLS).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeouts.connect = timeout;
        self
    }

    /// The time one attempt may take, from connecting to the end of the body (for an event
    /// stream, to its response head; the stream itself is bounded by
    /// [`stream_idle_timeout`](Builder::stream_idle_timeout)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeouts.attempt = timeout;
        self
    }

    /// The time a whole call may take: every attempt and the waits between them. A retry that
    /// could not finish in time is not started.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeouts.operation = timeout;
        self
    }

    /// The longest wait for the next bytes of an event stream ([`call_stream`]), however long
    /// the stream lasts.
    ///
    /// [`call_stream`]: super::Client::call_stream
    pub fn stream_idle_timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeouts.stream_idle = timeout;
        self
    }

    /// The largest response body read, in bytes (an event stream is bounded per event
    /// instead, by [`stream::Limits`](crate::stream::Limits)). A larger body is an
    /// [`ErrorKind::Http`](crate::ErrorKind::Http) error naming the limit, read no further.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.settings.max_body_size = Some(bytes);
        self
    }

    /// Every `https` endpoint through this proxy, `http://[user:password@]host:port`,
    /// tunnelled with `CONNECT`, whatever the environment says ([`proxy`](super::proxy)).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.settings.proxy = ProxySetting::Url(url.into());
        self
    }

    /// No proxy, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.settings.proxy = ProxySetting::Disabled;
        self
    }

    /// The configuration; `check_credentials` says whether the credentials are read now (so
    /// that a missing configuration is reported at once) or only answered when that needs no
    /// waiting (the async client, which must not block an executor).
    pub(crate) fn into_config(mut self, check: CredentialCheck) -> Result<Config, Error> {
        let credentials = self
            .settings
            .credentials
            .take()
            .unwrap_or_else(|| Arc::new(Chain::standard()));
        self.settings.endpoints.validate().map_err(Error::config)?;
        let proxy = ProxyRules::new(&self.settings.proxy, |name| std::env::var(name).ok())
            .map_err(Error::config)?;
        let answer = match check {
            CredentialCheck::Now => Some(credentials.provide()),
            CredentialCheck::IfImmediate => credentials.try_provide_now(),
        };
        if let Some(answer) = answer {
            answer
                .and_then(credentials::found)
                .map_err(|e| Error::sign(e.to_string(), ""))?;
        }
        Ok(Config {
            settings: self.settings,
            credentials,
            proxy,
            jitter: Mutex::new(Jitter::new()),
        })
    }
}

/// When a builder reads the credentials.
pub(crate) enum CredentialCheck {
    /// The blocking client: now, even when that means a fetch.
    #[cfg_attr(not(feature = "ureq"), allow(dead_code))]
    Now,
    /// The async client: only an answer that needs no waiting.
    #[cfg_attr(not(feature = "reqwest"), allow(dead_code))]
    IfImmediate,
}

impl<K> fmt::Debug for Builder<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("settings", &self.settings)
            .finish()
    }
}

/// A built client's settings.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) settings: Settings,
    pub(crate) credentials: Arc<dyn ProvideCredential>,
    pub(crate) proxy: ProxyRules,
    /// Seeded per client, so that clients started together do not retry in step.
    jitter: Mutex<Jitter>,
}

impl Config {
    /// The bookkeeping of one call.
    pub(crate) fn retry_state(&self, idempotent: bool) -> RetryState<'_> {
        RetryState::new(
            &self.settings.retry,
            &self.jitter,
            self.settings.timeouts,
            idempotent,
        )
    }

    pub(crate) fn max_body_size(&self) -> usize {
        self.settings.max_body_size()
    }

    /// The credentials, asked on this thread (the blocking client).
    #[cfg(feature = "ureq")]
    pub(crate) fn credential<C>(&self, action: &'static str) -> Result<Credential, Error<C>> {
        credentials::require(&*self.credentials).map_err(|e| Error::sign(e.to_string(), action))
    }
}
