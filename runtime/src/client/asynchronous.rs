//! The async client, over reqwest, and streamed responses as a `futures_core::Stream`.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::builder::{Attempts, Builder, CodeOf, Config};
use crate::sign::{Method, SignedRequest};
use crate::stream::{Decoder, Event, Limits, Parser, RawEvent};
use crate::{Action, ActionRequest, Error};

/// An async Tencent Cloud API client (cargo feature `reqwest`), for any executor that runs
/// reqwest (tokio).
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
    /// [`RetryPolicy`](super::RetryPolicy) allows (sleeping with tokio's timer).
    ///
    /// Credentials are asked of the provider before each attempt, synchronously: the
    /// instance-role provider may block briefly when its keys need refreshing.
    ///
    /// # Errors
    ///
    /// As [`Client::call`](super::Client::call) when that is built too: `Sign`, `Transport`,
    /// or a decoding kind, with the earlier attempts' RequestIds.
    pub async fn call<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<R::Response, Error<CodeOf<R>>> {
        let mut attempts = Attempts::new();
        loop {
            match self.attempt(request).await {
                Ok(response) => return Ok(response),
                Err(error) => {
                    let delay = attempts.after_failure(&self.config, error, R::IDEMPOTENT)?;
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    async fn attempt<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<R::Response, Error<CodeOf<R>>> {
        let signed = self.config.sign(request)?;
        let action = <R::Response as Action>::ACTION;
        let response = self.send(&signed, action).await?;
        let status = response.status().as_u16();
        let headers = header_pairs(&response);
        let body = response
            .bytes()
            .await
            .map_err(|e| transport(signed.url(), &e, action))?;
        crate::http::from_response::<R::Response, _>(status, &headers, &body)
    }

    /// Calls a streaming action (CLS `ChatCompletions`): its events as a [`Stream`] of typed
    /// [`Event`]s, decoded as they arrive. An answer that is not an event stream (a signature
    /// failure, say) is its decoded error. Streams are not retried.
    ///
    /// # Errors
    ///
    /// As [`call`](AsyncClient::call), for what happens before the first event.
    pub async fn call_stream<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<EventStream<R::Response>, Error<CodeOf<R>>> {
        let signed = self.config.sign(request)?;
        let action = <R::Response as Action>::ACTION;
        let response = self.send(&signed, action).await?;
        let status = response.status().as_u16();
        let headers = header_pairs(&response);
        if !crate::http::is_event_stream(&headers) || !(200..300).contains(&status) {
            let body = response
                .bytes()
                .await
                .map_err(|e| transport(signed.url(), &e, action))?;
            let reader: &[u8] = &body;
            return match crate::stream::from_response::<R::Response, _, _>(status, &headers, reader)
            {
                Ok(_) => unreachable_stream(action),
                Err(e) => Err(e),
            };
        }
        let request_id = crate::http::header_request_id(&headers);
        Ok(EventStream::new(
            response,
            signed.url().to_owned(),
            request_id.as_deref(),
        ))
    }

    async fn send<C>(
        &self,
        signed: &SignedRequest,
        action: &'static str,
    ) -> Result<reqwest::Response, Error<C>> {
        let mut builder = match signed.method() {
            Method::Post => self.http.post(signed.url()).body(signed.body().to_vec()),
            Method::Get => self.http.get(signed.url()),
        };
        for (name, value) in signed.headers() {
            builder = builder.header(*name, value);
        }
        builder
            .send()
            .await
            .map_err(|e| transport(signed.url(), &e, action))
    }
}

/// `stream::from_response` opened a stream where `is_event_stream` said there was none: the
/// two read the same headers, so this does not happen; answered as an HTTP error all the same.
fn unreachable_stream<T, C>(action: &'static str) -> Result<T, Error<C>> {
    Err(Error::http("inconsistent Content-Type", b"", action))
}

fn header_pairs(response: &reqwest::Response) -> Vec<(String, Vec<u8>)> {
    response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect()
}

/// A reqwest failure as a `Transport` error: a failure to connect was not sent.
fn transport<C>(url: &str, error: &reqwest::Error, action: &'static str) -> Error<C> {
    let sent = !error.is_connect();
    Error::transport(url, error.to_string(), sent, error.is_timeout(), action)
}

impl Builder<AsyncClient> {
    /// The async client.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Sign`](crate::ErrorKind::Sign) when no credentials can be had,
    /// [`ErrorKind::Transport`](crate::ErrorKind::Transport) when reqwest cannot start (its
    /// TLS configuration).
    pub fn build(self) -> Result<AsyncClient, Error> {
        let config = self.into_config()?;
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| Error::transport("", e.to_string(), false, false, ""))?;
        Ok(AsyncClient { config, http })
    }
}

type Chunk = (
    reqwest::Response,
    Result<Option<bytes::Bytes>, reqwest::Error>,
);

/// The events of a streamed response, decoded as they arrive: a [`Stream`] of
/// `Result<Event<T>, Error<T::Code>>` that ends after the last event, `data: [DONE]` or the
/// first error. Built on the same parser and [`Decoder::decode_event`] as the blocking
/// [`Events`](crate::stream::Events).
pub struct EventStream<T: Action> {
    next: Option<Pin<Box<dyn Future<Output = Chunk> + Send>>>,
    parser: Parser,
    decoder: Decoder<T>,
    queue: VecDeque<RawEvent>,
    scratch: Vec<RawEvent>,
    /// A limit broken by the input read so far: reported once the events before it are.
    broken: Option<Error<T::Code>>,
    url: String,
    ended: bool,
}

impl<T: Action> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("url", &self.url)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

fn read_chunk(mut response: reqwest::Response) -> Pin<Box<dyn Future<Output = Chunk> + Send>> {
    Box::pin(async move {
        let chunk = response.chunk().await;
        (response, chunk)
    })
}

impl<T: Action + DeserializeOwned> EventStream<T> {
    fn new(response: reqwest::Response, url: String, request_id: Option<&str>) -> Self {
        EventStream {
            next: Some(read_chunk(response)),
            parser: Parser::new(Limits::default()),
            decoder: Decoder::new().with_fallback_request_id(request_id),
            queue: VecDeque::new(),
            scratch: Vec::new(),
            broken: None,
            url,
            ended: false,
        }
    }

    /// The same stream with other [`Limits`] (set before the first poll).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.parser = Parser::new(limits);
        self
    }

    fn fail(&mut self, error: Error<T::Code>) -> Poll<Option<<Self as Stream>::Item>> {
        self.ended = true;
        self.next = None;
        Poll::Ready(Some(Err(error)))
    }
}

impl<T: Action + DeserializeOwned> Stream for EventStream<T> {
    type Item = Result<Event<T>, Error<T::Code>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // Every field is Unpin (the future is boxed), so the stream is too.
        let this = self.get_mut();
        loop {
            if this.ended {
                return Poll::Ready(None);
            }
            if let Some(raw) = this.queue.pop_front() {
                match this.decoder.decode_event(raw) {
                    Ok(Some(event)) => return Poll::Ready(Some(Ok(event))),
                    Ok(None) if this.decoder.is_done() => {
                        this.ended = true;
                        return Poll::Ready(None);
                    }
                    Ok(None) => continue,
                    Err(e) => return this.fail(e),
                }
            }
            let Some(next) = this.next.as_mut() else {
                if let Some(error) = this.broken.take() {
                    return this.fail(error);
                }
                this.ended = true;
                return Poll::Ready(None);
            };
            let (response, chunk) = match next.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(done) => done,
            };
            match chunk {
                Ok(Some(bytes)) => {
                    this.next = Some(read_chunk(response));
                    let fed = this.parser.feed(&bytes, &mut this.scratch);
                    this.queue.extend(this.scratch.drain(..));
                    if let Err(broken) = fed {
                        // Nothing more is read; the events before the limit come first.
                        this.next = None;
                        this.broken = Some(this.decoder.limit_error(broken));
                    }
                }
                Ok(None) => {
                    this.next = None;
                    match this.parser.finish() {
                        Ok(last) => this.queue.extend(last),
                        Err(broken) => {
                            let error = this.decoder.limit_error(broken);
                            return this.fail(error);
                        }
                    }
                }
                Err(e) => {
                    let error = this
                        .decoder
                        .stream_error(format!("reading the stream failed: {e}"))
                        .with_source(e);
                    return this.fail(error);
                }
            }
        }
    }
}
