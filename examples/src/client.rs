//! A bespoke client in a few lines: sign with `tencent_action::sign`, send with `ureq`, decode
//! with `tencent_action::http`.

use std::fmt;
use std::time::Duration;

use serde::de::DeserializeOwned;
use tencent_action::sign::{
    Credential, Method, Request, SignError, SignedRequest, Verifier, ENV_SECRET_ID, ENV_SECRET_KEY,
};
use tencent_action::{Action, CommonCode, ErrorKind};

use crate::loopback::Loopback;

/// The environment variable naming another endpoint, e.g. `http://127.0.0.1:8080`.
pub const ENV_ENDPOINT: &str = "TENCENTCLOUD_ENDPOINT";
/// The environment variable naming the region; `ap-guangzhou` when unset.
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";
/// The region used when `TENCENTCLOUD_REGION` is unset.
pub const DEFAULT_REGION: &str = "ap-guangzhou";

/// The SecretId the built-in loopback endpoint accepts when no credentials are set.
pub const LOOPBACK_SECRET_ID: &str = "AKIDLOOPBACKDEMO00000000000000000000";
const LOOPBACK_SECRET_KEY: &str = "loopback-demo-secret-key-not-a-real-one";

/// Where requests go and who signs them.
///
/// ```
/// use tencent_action::sign::Credential;
/// use tencent_action_examples::Client;
/// let client = Client::new(Credential::new("AKIDEXAMPLE", "key"), Some("http://127.0.0.1:8080".into()), "ap-guangzhou");
/// assert_eq!(client.region(), "ap-guangzhou");
/// ```
pub struct Client {
    agent: ureq::Agent,
    credential: Credential,
    endpoint: Option<String>,
    region: String,
    // Kept alive for as long as the client: the server stops when dropped.
    loopback: Option<Loopback>,
}

impl Client {
    /// A client for `endpoint` (`https://<service>.tencentcloudapi.com` when `None`).
    ///
    /// ```
    /// use tencent_action::sign::Credential;
    /// let client = tencent_action_examples::Client::new(Credential::new("id", "key"), None, "ap-shanghai");
    /// assert_eq!(client.endpoint(), None);
    /// ```
    pub fn new(credential: Credential, endpoint: Option<String>, region: &str) -> Client {
        let config = ureq::Agent::config_builder()
            // A non-2xx answer is still a response to decode (an API error, a gateway page).
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Client {
            agent: config.into(),
            credential,
            endpoint,
            region: region.to_owned(),
            loopback: None,
        }
    }

    /// Reads the configuration from the environment.
    ///
    /// With `TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY` (and the optional
    /// `TENCENTCLOUD_SESSION_TOKEN`) set: the real service, or `TENCENTCLOUD_ENDPOINT` when
    /// set, in `TENCENTCLOUD_REGION` (default `ap-guangzhou`). With neither credential
    /// variable set: a loopback endpoint started in this process, with a demo key.
    ///
    /// ```no_run
    /// let client = tencent_action_examples::Client::from_env()?;
    /// # Ok::<(), tencent_action_examples::CallError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When only one of the two credential variables is set, or the loopback cannot start.
    pub fn from_env() -> Result<Client, CallError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let region = var(ENV_REGION).unwrap_or_else(|| DEFAULT_REGION.to_owned());
        if var(ENV_SECRET_ID).is_none() && var(ENV_SECRET_KEY).is_none() {
            return Client::loopback(&region);
        }
        let credential = Credential::from_env().map_err(CallError::Sign)?;
        Ok(Client::new(credential, var(ENV_ENDPOINT), &region))
    }

    /// A client of a loopback endpoint started in this process.
    ///
    /// ```
    /// let client = tencent_action_examples::Client::loopback("ap-guangzhou")?;
    /// assert!(client.is_loopback());
    /// # Ok::<(), tencent_action_examples::CallError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the loopback server cannot start.
    pub fn loopback(region: &str) -> Result<Client, CallError> {
        let verifier = Verifier::new().with_key(LOOPBACK_SECRET_ID, LOOPBACK_SECRET_KEY);
        let server = Loopback::start(verifier).map_err(CallError::Loopback)?;
        server.log_to_stderr(true);
        let credential = Credential::new(LOOPBACK_SECRET_ID, LOOPBACK_SECRET_KEY);
        let mut client = Client::new(credential, Some(server.endpoint()), region);
        client.loopback = Some(server);
        Ok(client)
    }

    /// Whether requests go to a loopback endpoint started by [`loopback`](Client::loopback).
    ///
    /// ```
    /// # use tencent_action::sign::Credential;
    /// let client = tencent_action_examples::Client::new(Credential::new("id", "key"), None, "ap-guangzhou");
    /// assert!(!client.is_loopback());
    /// ```
    pub fn is_loopback(&self) -> bool {
        self.loopback.is_some()
    }

    /// The endpoint, when not the service's default.
    ///
    /// ```
    /// # use tencent_action::sign::Credential;
    /// let client = tencent_action_examples::Client::new(Credential::new("id", "key"), Some("http://127.0.0.1:1".into()), "ap-guangzhou");
    /// assert_eq!(client.endpoint(), Some("http://127.0.0.1:1"));
    /// ```
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// The region sent as `X-TC-Region`.
    ///
    /// ```
    /// # use tencent_action::sign::Credential;
    /// let client = tencent_action_examples::Client::new(Credential::new("id", "key"), None, "ap-beijing");
    /// assert_eq!(client.region(), "ap-beijing");
    /// ```
    pub fn region(&self) -> &str {
        &self.region
    }

    /// Signs `request` (adding the region and endpoint), sends it, and decodes the answer.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// use tencent_action::sign::Request;
    ///
    /// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
    /// pub struct DescribeInstances { pub total_count: u64 }
    ///
    /// let client = tencent_action_examples::Client::loopback("ap-guangzhou")?;
    /// let out: DescribeInstances = client.call(Request::get::<DescribeInstances>(&serde_json::json!({"Limit": 1}))?)?;
    /// assert_eq!(out.total_count, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CallError::Sign`] when the request cannot be signed, [`CallError::Transport`] when
    /// nothing was answered, [`CallError::Response`] when the answer is an error.
    pub fn call<T>(&self, request: Request) -> Result<T, CallError<T::Code>>
    where
        T: Action + DeserializeOwned,
    {
        let signed = self.sign(request).map_err(CallError::Sign)?;
        let (status, headers, body) = self.send(&signed).map_err(CallError::Transport)?;
        tencent_action::http::from_response::<T, _>(status, &headers, &body)
            .map_err(CallError::Response)
    }

    /// Signs `request` for this client's region and endpoint.
    ///
    /// ```
    /// # use tencent_action::sign::{Credential, Method, Request};
    /// let client = tencent_action_examples::Client::new(Credential::new("id", "key"), None, "ap-guangzhou");
    /// let signed = client.sign(Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones"))?;
    /// assert_eq!(signed.header("X-TC-Region"), Some("ap-guangzhou"));
    /// # Ok::<(), tencent_action::sign::SignError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Request::sign`].
    pub fn sign(&self, request: Request) -> Result<SignedRequest, SignError> {
        let mut request = request.region(&self.region);
        if let Some(endpoint) = &self.endpoint {
            request = request.endpoint(endpoint);
        }
        request.sign(&self.credential)
    }

    /// Sends a signed request with ureq: any HTTP client does the same four steps.
    ///
    /// ```
    /// # use tencent_action::sign::{Method, Request};
    /// let client = tencent_action_examples::Client::loopback("ap-guangzhou")?;
    /// let signed = client.sign(Request::new(Method::Post, "cvm", "2017-03-12", "DescribeZones").raw_body("{}"))?;
    /// let (status, headers, body) = client.send(&signed)?;
    /// assert_eq!(status, 200);
    /// assert!(String::from_utf8_lossy(&body).contains("InvalidAction"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When no response could be read.
    #[allow(clippy::type_complexity)]
    pub fn send(
        &self,
        signed: &SignedRequest,
    ) -> Result<(u16, Vec<(String, Vec<u8>)>, Vec<u8>), ureq::Error> {
        let response = match signed.method() {
            Method::Post => {
                let mut builder = self.agent.post(signed.url());
                for (name, value) in signed.headers() {
                    builder = builder.header(*name, value);
                }
                builder.send(signed.body())?
            }
            Method::Get => {
                let mut builder = self.agent.get(signed.url());
                for (name, value) in signed.headers() {
                    builder = builder.header(*name, value);
                }
                builder.call()?
            }
        };
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        let body = response.into_body().read_to_vec()?;
        Ok((status, headers, body))
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credential", &self.credential)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("loopback", &self.loopback.is_some())
            .finish()
    }
}

/// Why a call failed.
#[derive(Debug)]
pub enum CallError<C = CommonCode> {
    /// The request could not be signed, or the credentials could not be read.
    Sign(SignError),
    /// No response: connection refused, TLS failure, timeout.
    Transport(ureq::Error),
    /// The loopback endpoint could not start.
    Loopback(std::io::Error),
    /// The response is an error: an API error (with code, message and RequestId) or a
    /// response that could not be decoded.
    Response(tencent_action::Error<C>),
}

impl<C> CallError<C> {
    /// The decoded response error, when the service answered.
    ///
    /// ```
    /// use tencent_action_examples::CallError;
    /// let e: CallError = CallError::Loopback(std::io::Error::other("no"));
    /// assert!(e.response().is_none());
    /// ```
    pub fn response(&self) -> Option<&tencent_action::Error<C>> {
        match self {
            CallError::Response(e) => Some(e),
            _ => None,
        }
    }
}

impl<C> From<SignError> for CallError<C> {
    fn from(e: SignError) -> Self {
        CallError::Sign(e)
    }
}

impl<C> fmt::Display for CallError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Sign(e) => write!(f, "cannot sign the request: {e}"),
            CallError::Transport(e) => write!(f, "no response: {e}"),
            CallError::Loopback(e) => write!(f, "cannot start the loopback endpoint: {e}"),
            CallError::Response(e) => match (e.kind(), e.code()) {
                (ErrorKind::Api, Some(code)) => {
                    writeln!(f, "error:     {code}")?;
                    writeln!(f, "message:   {}", e.message().unwrap_or(""))?;
                    write!(f, "RequestId: {}", e.request_id().unwrap_or("(none)"))
                }
                _ => {
                    write!(f, "{e}")?;
                    if let Some(id) = e.request_id() {
                        write!(f, "\nRequestId: {id}")?;
                    }
                    Ok(())
                }
            },
        }
    }
}

impl<C: fmt::Debug + Send + Sync + 'static> std::error::Error for CallError<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Sign(e) => Some(e),
            CallError::Transport(e) => Some(e),
            CallError::Loopback(e) => Some(e),
            CallError::Response(e) => Some(e),
        }
    }
}

/// The value of the environment variable `name`, or `default` when unset or empty.
///
/// ```
/// assert_eq!(tencent_action_examples::env_or("SURELY_NOT_SET_1F3A", "x"), "x");
/// ```
pub fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}
