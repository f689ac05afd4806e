//! The async client, over reqwest, and streamed responses as a `futures_core::Stream`: this
//! file only moves bytes; the rules live in the modules it calls, as for the blocking client.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::answer::{decode_raw, raw_request_id, refuse_redirect, too_large, Answer};
use super::builder::{Builder, Config, CredentialCheck};
use super::credentials::{self, ProvideCredential};
use super::operation::Operation;
use super::pages::{decode_page, Fetched, PageStream};
use super::paging::PageState;
use super::retry::Budget;
use super::trace::{AttemptTrace, CallTrace};
use super::CodeOf;
use crate::paging::Paginate;
use crate::sign::{Credential, SignedRequest};
use crate::stream::{Core, Event, Limits, Step};
use crate::{Action, ActionRequest, Error, TimeLimit};

/// An async Tencent Cloud API client (cargo feature `reqwest`), for any executor that runs
/// reqwest (tokio), and for every product: the endpoint is chosen per call from the action's
/// service.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::client::AsyncClient;
/// use tencent_action::testkit::TestServer;
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// #[derive(Debug)]
/// pub struct DescribeZones { pub total_count: u64 }
///
/// #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
/// pub struct DescribeZonesRequest {}
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let server = TestServer::start()?;
/// server.respond::<DescribeZones>(serde_json::json!({"TotalCount": 3}));
/// let client = AsyncClient::builder()
///     .credential(server.credential())
///     .endpoint(server.endpoint())
///     .build()?;
/// let zones = client.call(&DescribeZonesRequest {}).await?;
/// assert_eq!(zones.total_count, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # }).unwrap();
/// ```
#[derive(Debug)]
pub struct AsyncClient {
    config: Config,
    http: reqwest::Client,
}

impl AsyncClient {
    /// A builder; see [`Builder`] for the settings and defaults.
    pub fn builder() -> Builder<AsyncClient> {
        Builder::new()
    }

    /// Signs `request`, sends it, decodes the answer, and retries as the
    /// [`RetryPolicy`](super::RetryPolicy) and the operation deadline allow (sleeping with
    /// tokio's timer).
    ///
    /// Credentials that need fetching (the CVM role's, refreshed) are fetched on a blocking
    /// thread: the executor thread never waits on them.
    ///
    /// # Errors
    ///
    /// As [`Client::call`](super::Client::call) when that is built too: `Sign`, `Transport`,
    /// or a decoding kind, with the attempts and the earlier attempts' RequestIds.
    pub async fn call<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<R::Response, Error<CodeOf<R>>> {
        let operation = Operation::typed(request)?;
        self.run(
            &operation,
            |answer| answer.decode::<R::Response>(),
            Action::request_id,
        )
        .await
    }

    /// The pages of a paging request as a [`Stream`], one `Ok(response)` per page, each retried
    /// like [`call`](AsyncClient::call); the same rules as
    /// [`Client::paginate`](super::Client::paginate). [`PageStream::items`] streams the items
    /// of the pages' lists instead.
    pub fn paginate<R: Paginate>(&self, request: &R) -> PageStream<'_, R>
    where
        R::Response: Send,
    {
        PageStream::new(self, request)
    }

    /// One page: the moved request sent and retried like a call, its body probed.
    pub(crate) async fn fetch_page<R: ActionRequest>(
        &self,
        body: Vec<u8>,
        state: &PageState,
    ) -> Result<Fetched<R>, Error<CodeOf<R>>> {
        let operation = Operation::page::<R>(body);
        self.run(
            &operation,
            |answer| decode_page::<R>(answer, state),
            |(page, _)| page.request_id(),
        )
        .await
    }

    /// As [`Client::call_json`](super::Client::call_json): an action without declared types,
    /// JSON in, the `Response` object out; retried only when refused unprocessed.
    ///
    /// # Errors
    ///
    /// As [`call`](AsyncClient::call); an API error's [`Error::action`] is `action`.
    pub async fn call_json(
        &self,
        service: &str,
        version: &str,
        action: &str,
        params: &Value,
    ) -> Result<Value, Error> {
        let operation = Operation::raw(service, version, action, params, false)?;
        self.run(&operation, decode_raw, raw_request_id).await
    }

    /// As [`call_json`](AsyncClient::call_json), for an action safe to send twice: also
    /// retried after a timeout or a server error.
    ///
    /// # Errors
    ///
    /// As [`call_json`](AsyncClient::call_json).
    pub async fn call_json_idempotent(
        &self,
        service: &str,
        version: &str,
        action: &str,
        params: &Value,
    ) -> Result<Value, Error> {
        let operation = Operation::raw(service, version, action, params, true)?;
        self.run(&operation, decode_raw, raw_request_id).await
    }

    /// Calls a streaming action (CLS `ChatCompletions`): its events as a [`Stream`] of typed
    /// [`Event`]s, decoded as they arrive, each wait for more bounded by the
    /// `stream_idle_timeout`. An answer that is not an event stream (a signature failure,
    /// say) is its decoded error. Streams are not retried.
    ///
    /// # Errors
    ///
    /// As [`call`](AsyncClient::call), for what happens before the first event.
    pub async fn call_stream<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<EventStream<R::Response>, Error<CodeOf<R>>> {
        let operation = Operation::typed(request)?;
        let trace = CallTrace::start(&operation, self.config.settings.region.as_deref());
        let mut state = self.config.retry_state(false);
        let budget = state.begin();
        let attempt = trace.attempt(1);
        let result = self
            .open_stream::<R::Response>(&operation, &budget, &attempt)
            .await;
        match result {
            Ok(stream) => {
                attempt.end::<CodeOf<R>>(None, None);
                Ok(stream)
            }
            Err(error) => {
                attempt.end(error.request_id(), Some(&error));
                Err(state.finish(error))
            }
        }
    }

    async fn open_stream<T: Action + DeserializeOwned>(
        &self,
        operation: &Operation,
        budget: &Budget,
        trace: &AttemptTrace,
    ) -> Result<EventStream<T>, Error<T::Code>> {
        let signed = self.sign(operation).await?;
        // The head within the attempt's time; the stream then within its idle limit.
        let head = tokio::time::timeout(budget.total, self.send(&signed))
            .await
            .map_err(|_| timed_out(&signed, budget, operation.action))?;
        let response = head.map_err(|e| transport(signed.url(), &e, budget, operation.action))?;
        let status = response.status().as_u16();
        trace.status(status);
        let headers = header_pairs(&response);
        refuse_redirect(status, &headers, operation.action)?;
        let idle = self.config.settings.timeouts.stream_idle;
        if !crate::http::is_event_stream(&headers) || !(200..300).contains(&status) {
            let body = tokio::time::timeout(
                budget.total,
                read_limited(
                    response,
                    self.config.max_body_size(),
                    status,
                    operation.action,
                ),
            )
            .await
            .map_err(|_| timed_out(&signed, budget, operation.action))??;
            let reader: &[u8] = &body;
            return match crate::stream::from_response::<T, _, _>(status, &headers, reader) {
                Ok(_) => Err(Error::http(
                    "inconsistent Content-Type",
                    b"",
                    operation.action,
                )),
                Err(e) => Err(e),
            };
        }
        let request_id = crate::http::header_request_id(&headers);
        Ok(EventStream::new(
            response,
            signed.url().to_owned(),
            request_id.as_deref(),
            idle,
        ))
    }

    /// The retry loop of every call.
    async fn run<T, C>(
        &self,
        operation: &Operation,
        decode: impl Fn(&Answer) -> Result<T, Error<C>>,
        request_id: impl Fn(&T) -> &str,
    ) -> Result<T, Error<C>> {
        let trace = CallTrace::start(operation, self.config.settings.region.as_deref());
        let mut state = self.config.retry_state(operation.idempotent);
        loop {
            let budget = state.begin();
            let attempt = trace.attempt(state.attempt());
            let result = self
                .exchange(operation, &budget, &attempt)
                .await
                .and_then(|answer| decode(&answer));
            match result {
                Ok(value) => {
                    attempt.end::<C>(Some(request_id(&value)), None);
                    return Ok(value);
                }
                Err(error) => {
                    attempt.end(error.request_id(), Some(&error));
                    match state.after_failure(&error) {
                        Some(delay) => {
                            trace.retrying(&error, delay);
                            tokio::time::sleep(delay).await;
                        }
                        None => return Err(operation.finish(state.finish(error))),
                    }
                }
            }
        }
    }

    /// One attempt: sign, send, read the whole body within the limits.
    async fn exchange<C>(
        &self,
        operation: &Operation,
        budget: &Budget,
        trace: &AttemptTrace,
    ) -> Result<Answer, Error<C>> {
        let signed = self.sign(operation).await?;
        let action = operation.action;
        let exchange = async {
            let response = self
                .send(&signed)
                .await
                .map_err(|e| transport(signed.url(), &e, budget, action))?;
            let status = response.status().as_u16();
            trace.status(status);
            let headers = header_pairs(&response);
            refuse_redirect(status, &headers, action)?;
            let body = read_limited(response, self.config.max_body_size(), status, action).await?;
            Ok(Answer {
                status,
                headers,
                body,
            })
        };
        tokio::time::timeout(budget.total, exchange)
            .await
            .map_err(|_| timed_out(&signed, budget, action))?
    }

    /// Signs for one attempt, with credentials asked off the executor when they may block.
    async fn sign<C>(&self, operation: &Operation) -> Result<SignedRequest, Error<C>> {
        let credential = credential(&self.config.credentials, operation.action).await?;
        self.config.sign(operation, &credential)
    }

    async fn send(&self, signed: &SignedRequest) -> Result<reqwest::Response, reqwest::Error> {
        let mut builder = self.http.post(signed.url()).body(signed.body().to_vec());
        for (name, value) in signed.headers() {
            builder = builder.header(*name, value);
        }
        builder.send().await
    }
}

/// The provider's answer: at once when it has one, else from a blocking thread.
async fn credential<C>(
    provider: &Arc<dyn ProvideCredential>,
    action: &'static str,
) -> Result<Credential, Error<C>> {
    let answer = match provider.try_provide_now() {
        Some(answer) => answer,
        None => {
            let provider = Arc::clone(provider);
            tokio::task::spawn_blocking(move || provider.provide())
                .await
                .map_err(|e| Error::sign(format!("the credential provider failed: {e}"), action))?
        }
    };
    answer
        .and_then(credentials::found)
        .map_err(|e| Error::sign(e.to_string(), action))
}

/// The body, refused beyond `limit` bytes (announced or arrived) without reading further.
async fn read_limited<C>(
    mut response: reqwest::Response,
    limit: usize,
    status: u16,
    action: &'static str,
) -> Result<Vec<u8>, Error<C>> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit, status, action));
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > limit {
                    return Err(too_large(limit, status, action));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => {
                return Err(Error::http(
                    format!("reading the response body failed: {e}"),
                    &body,
                    action,
                )
                .with_status(status)
                .with_source(e))
            }
        }
    }
}

fn header_pairs(response: &reqwest::Response) -> Vec<(String, Vec<u8>)> {
    response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect()
}

/// The attempt's own deadline passed (the request may have been sent).
fn timed_out<C>(signed: &SignedRequest, budget: &Budget, action: &'static str) -> Error<C> {
    let limit = budget.limit;
    Error::transport(
        signed.url(),
        format!("{limit} passed"),
        true,
        Some(limit),
        action,
    )
}

/// A reqwest failure as a `Transport` error: a failure to connect was not sent.
fn transport<C>(
    url: &str,
    error: &reqwest::Error,
    budget: &Budget,
    action: &'static str,
) -> Error<C> {
    let connecting = error.is_connect();
    let limit = error.is_timeout().then(|| budget.fired(connecting));
    let reason = match limit {
        Some(limit) => format!("{limit} passed"),
        None => error_chain(error),
    };
    Error::transport(url, reason, !connecting, limit, action)
}

/// reqwest's message with its causes (its own `Display` says only "error sending request").
fn error_chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl Builder<AsyncClient> {
    /// The async client. Credentials are checked now when that needs no waiting (the
    /// environment, a profile file); the CVM role's are fetched at the first call, so that
    /// building never blocks an executor.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Sign`](crate::ErrorKind::Sign) when no credentials can be had,
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) for an endpoint or proxy setting that
    /// cannot be used, or when reqwest cannot start (its TLS configuration).
    pub fn build(self) -> Result<AsyncClient, Error> {
        let config = self.into_config(CredentialCheck::IfImmediate)?;
        let rules = config.proxy.clone();
        let proxy = reqwest::Proxy::custom(move |url| {
            rules
                .for_url(url.as_str())
                .and_then(|proxy| reqwest::Url::parse(proxy).ok())
        });
        let http = reqwest::Client::builder()
            // The API never redirects: a 3xx comes back as is, and is refused.
            .redirect(reqwest::redirect::Policy::none())
            // Proxies come from the client's rules alone, not reqwest's reading of the
            // environment.
            .no_proxy()
            .proxy(proxy)
            .connect_timeout(config.settings.timeouts.connect)
            .build()
            .map_err(|e| Error::config(format!("the HTTP client cannot start: {e}")))?;
        Ok(AsyncClient { config, http })
    }
}

type Chunk = (
    reqwest::Response,
    Result<Result<Option<bytes::Bytes>, reqwest::Error>, tokio::time::error::Elapsed>,
);

/// The events of a streamed response, decoded as they arrive: a [`Stream`] of
/// `Result<Event<T>, Error<T::Code>>` that ends after the last event, `data: [DONE]` or the
/// first error. Built on the same core as the blocking [`Events`](crate::stream::Events).
pub struct EventStream<T: Action> {
    next: Option<Pin<Box<dyn Future<Output = Chunk> + Send>>>,
    core: Core<T>,
    url: String,
    idle: Duration,
}

impl<T: Action> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("url", &self.url)
            .field("core", &self.core)
            .finish_non_exhaustive()
    }
}

/// The next chunk of `response`, or `Elapsed` after `idle` without one.
fn read_chunk(
    mut response: reqwest::Response,
    idle: Duration,
) -> Pin<Box<dyn Future<Output = Chunk> + Send>> {
    Box::pin(async move {
        let chunk = tokio::time::timeout(idle, response.chunk()).await;
        (response, chunk)
    })
}

impl<T: Action + DeserializeOwned> EventStream<T> {
    fn new(
        response: reqwest::Response,
        url: String,
        request_id: Option<&str>,
        idle: Duration,
    ) -> Self {
        let mut core = Core::new();
        core.set_fallback_request_id(request_id);
        core.set_idle_limit(TimeLimit::StreamIdle(idle));
        EventStream {
            next: Some(read_chunk(response, idle)),
            core,
            url,
            idle,
        }
    }

    /// The same stream with other [`Limits`] (set before the first poll).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.core.set_limits(limits);
        self
    }
}

impl<T: Action + DeserializeOwned> Stream for EventStream<T> {
    type Item = Result<Event<T>, Error<T::Code>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // Every field is Unpin (the future is boxed), so the stream is too.
        let this = self.get_mut();
        loop {
            match this.core.step() {
                Step::Event(event) => return Poll::Ready(Some(Ok(event))),
                Step::Failed(error) => {
                    this.next = None;
                    return Poll::Ready(Some(Err(error)));
                }
                Step::End => {
                    this.next = None;
                    return Poll::Ready(None);
                }
                Step::NeedInput => {}
            }
            let Some(next) = this.next.as_mut() else {
                this.core.end_of_input();
                continue;
            };
            let (response, chunk) = match next.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(done) => done,
            };
            match chunk {
                Ok(Ok(Some(bytes))) => {
                    this.next = Some(read_chunk(response, this.idle));
                    this.core.feed(&bytes);
                }
                Ok(Ok(None)) => {
                    this.next = None;
                    this.core.end_of_input();
                }
                Ok(Err(e)) => {
                    this.next = None;
                    let timed_out = e.is_timeout();
                    let error = this.core.read_failed(e, timed_out);
                    return Poll::Ready(Some(Err(error)));
                }
                Err(elapsed) => {
                    this.next = None;
                    let error = this.core.read_failed(elapsed, true);
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
    }
}
