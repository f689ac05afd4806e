//! The blocking client, over ureq: this file only moves bytes; the rules (retries, deadlines,
//! endpoints, proxies, redirects, body limit) live in the modules it calls.

use std::io::{self, BufRead, BufReader, Read};
use std::time::Duration;

use serde_json::Value;

use super::answer::{decode_raw, raw_request_id, refuse_redirect, too_large, Answer};
use super::builder::{Builder, Config, CredentialCheck};
use super::operation::Operation;
use super::pages::{decode_page, Fetched, Pages};
use super::paging::PageState;
use super::resolver::CachingResolver;
use super::retry::Budget;
use super::trace::{AttemptTrace, CallTrace};
use super::CodeOf;
use crate::paging::Paginate;
use crate::sign::SignedRequest;
use crate::{Action, ActionRequest, Error, TimeLimit};

/// A blocking Tencent Cloud API client (cargo feature `ureq`), for every product: the
/// endpoint is chosen per call from the action's service.
///
/// ```
/// use tencent_action::prelude::*;
/// use tencent_action::client::Client;
/// use tencent_action::testkit::TestServer;
///
/// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
/// #[derive(Debug)]
/// pub struct DescribeZones { pub total_count: u64 }
///
/// #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
/// pub struct DescribeZonesRequest {}
///
/// let server = TestServer::start()?;
/// server.respond::<DescribeZones>(serde_json::json!({"TotalCount": 3}));
/// let client = Client::builder()
///     .credential(server.credential())
///     .region("ap-guangzhou")
///     .endpoint(server.endpoint())
///     .build()?;
/// let zones = client.call(&DescribeZonesRequest {})?;
/// assert_eq!(zones.total_count, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Client {
    config: Config,
    agent: ureq::Agent,
    proxy: Option<ureq::Proxy>,
}

impl Client {
    /// A builder; see [`Builder`] for the settings and defaults.
    pub fn builder() -> Builder<Client> {
        Builder::new()
    }

    /// Signs `request`, sends it, decodes the answer into the action's response type, and
    /// retries as the [`RetryPolicy`](super::RetryPolicy) and the operation deadline allow.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Sign`](crate::ErrorKind::Sign), [`ErrorKind::Transport`](crate::ErrorKind::Transport),
    /// or any decoding kind; after retries, the last attempt's error, with the number of
    /// attempts ([`Error::attempts`]) and the earlier attempts' RequestIds
    /// ([`Error::earlier_request_ids`]).
    pub fn call<R: ActionRequest>(&self, request: &R) -> Result<R::Response, Error<CodeOf<R>>> {
        let operation = Operation::typed(request)?;
        self.run(
            &operation,
            |answer| answer.decode::<R::Response>(),
            Action::request_id,
        )
    }

    /// The pages of a paging request ([`Paginate`]): an iterator of one `Ok(response)` per
    /// page, each retried like [`call`](Client::call), from the request's own offset, page or
    /// token, until the total is reached, a page comes back short or empty, or the token is
    /// empty or repeats; then the first error ends it. [`Pages::items`] iterates the items of
    /// the pages' lists instead.
    ///
    /// ```
    /// use tencent_action::client::Client;
    /// use tencent_action::paging::{Paginate, Paging};
    /// use tencent_action::prelude::*;
    /// use tencent_action::testkit::TestServer;
    ///
    /// #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// pub struct DescribeZones { pub total_count: u64, pub zone_set: Vec<serde_json::Value> }
    ///
    /// #[tencent_request(DescribeZones)]
    /// #[tencent(unchecked)]
    /// pub struct DescribeZonesRequest { pub limit: u64 }
    ///
    /// impl Paginate for DescribeZonesRequest {
    ///     const PAGING: Paging = Paging::offset("Offset", "Limit").items("ZoneSet");
    /// }
    ///
    /// let server = TestServer::start()?;
    /// let zones: Vec<_> = (0..5).map(|i| serde_json::json!({"Zone": i})).collect();
    /// server.serve_list::<DescribeZones>("ZoneSet", zones);
    /// let client = Client::builder().credential(server.credential()).endpoint(server.endpoint()).build()?;
    /// let all = client
    ///     .paginate(&DescribeZonesRequest { limit: 2 })
    ///     .items(|page| page.zone_set)
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(all.len(), 5);
    /// assert_eq!(server.attempts("DescribeZones"), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn paginate<R: Paginate>(&self, request: &R) -> Pages<'_, R> {
        Pages::new(self, request)
    }

    /// One page: the moved request sent and retried like a call, its body probed.
    pub(crate) fn fetch_page<R: ActionRequest>(
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
    }

    /// Calls an action that has no declared types: `params` is the request's JSON object, the
    /// result the `Response` object (RequestId included), with the same endpoints, signing,
    /// errors and RequestIds as [`call`](Client::call). Retried only when the service refused
    /// it unprocessed (a rate limit, a connection never made): see
    /// [`call_json_idempotent`](Client::call_json_idempotent).
    ///
    /// ```
    /// use tencent_action::client::Client;
    /// use tencent_action::testkit::{Reply, TestServer};
    ///
    /// let server = TestServer::start()?;
    /// server.handle("vpc", "DescribeVpcs", |call| {
    ///     assert_eq!(call.params()["Limit"], 1);
    ///     Reply::Ok(serde_json::json!({"TotalCount": 4, "VpcSet": []}))
    /// });
    /// let client = Client::builder()
    ///     .credential(server.credential())
    ///     .endpoint(server.endpoint())
    ///     .build()?;
    /// let out = client.call_json("vpc", "2017-03-12", "DescribeVpcs", &serde_json::json!({"Limit": 1}))?;
    /// assert_eq!(out["TotalCount"], 4);
    /// assert!(out["RequestId"].is_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`call`](Client::call); an API error's [`Error::action`] is `action`.
    pub fn call_json(
        &self,
        service: &str,
        version: &str,
        action: &str,
        params: &Value,
    ) -> Result<Value, Error> {
        let operation = Operation::raw(service, version, action, params, false)?;
        self.run(&operation, decode_raw, raw_request_id)
    }

    /// As [`call_json`](Client::call_json), for an action you know is safe to send twice (a
    /// read, or a write carrying a `ClientToken`): also retried after a timeout or a server
    /// error.
    ///
    /// # Errors
    ///
    /// As [`call_json`](Client::call_json).
    pub fn call_json_idempotent(
        &self,
        service: &str,
        version: &str,
        action: &str,
        params: &Value,
    ) -> Result<Value, Error> {
        let operation = Operation::raw(service, version, action, params, true)?;
        self.run(&operation, decode_raw, raw_request_id)
    }

    /// Calls a streaming action (CLS `ChatCompletions`): its events as an iterator of typed
    /// [`Event`](crate::stream::Event)s, read as they arrive, each wait for more bounded by
    /// the `stream_idle_timeout`. An answer that is not an event stream (a signature failure,
    /// say) is its decoded error. Streams are not retried.
    ///
    /// # Errors
    ///
    /// As [`call`](Client::call), for what happens before the first event.
    pub fn call_stream<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<Events<R::Response>, Error<CodeOf<R>>> {
        let operation = Operation::typed(request)?;
        let trace = CallTrace::start(&operation, self.config.settings.region.as_deref());
        let mut state = self.config.retry_state(false);
        let budget = state.begin();
        let attempt = trace.attempt(1);
        let opened = self.open(&operation, &budget, true, &attempt);
        let result = opened.and_then(
            |Opened {
                 status,
                 headers,
                 response,
                 url,
             }| {
                let meta_stream =
                    crate::http::is_event_stream(&headers) && (200..300).contains(&status);
                let idle = self.config.settings.timeouts.stream_idle;
                if meta_stream {
                    let reader: Box<dyn BufRead + Send> = Box::new(BufReader::new(IdleReader {
                        inner: response.into_body().into_reader(),
                        idle,
                    }));
                    return crate::stream::from_response::<R::Response, _, _>(
                        status, &headers, reader,
                    )
                    .map(|events| events.with_idle_limit(TimeLimit::StreamIdle(idle)));
                }
                let body = self.read_body(response, status, &url, &operation, &budget)?;
                let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(body));
                crate::stream::from_response::<R::Response, _, _>(status, &headers, reader)
            },
        );
        match result {
            Ok(events) => {
                attempt.end::<CodeOf<R>>(None, None);
                Ok(events)
            }
            Err(error) => {
                attempt.end(error.request_id(), Some(&error));
                Err(state.finish(error))
            }
        }
    }

    /// The retry loop of every call: attempts, each decoded, until success or the final error.
    fn run<T, C>(
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
                            std::thread::sleep(delay);
                        }
                        None => return Err(operation.finish(state.finish(error))),
                    }
                }
            }
        }
    }

    /// One attempt: sign, send, read the whole body within the limits.
    fn exchange<C>(
        &self,
        operation: &Operation,
        budget: &Budget,
        trace: &AttemptTrace,
    ) -> Result<Answer, Error<C>> {
        let Opened {
            status,
            headers,
            response,
            url,
        } = self.open(operation, budget, false, trace)?;
        let body = self.read_body(response, status, &url, operation, budget)?;
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// Signs and sends, and reads the response head; a redirect is refused here.
    fn open<C>(
        &self,
        operation: &Operation,
        budget: &Budget,
        stream: bool,
        trace: &AttemptTrace,
    ) -> Result<Opened, Error<C>> {
        let credential = self.config.credential(operation.action)?;
        let signed = self.config.sign(operation, &credential)?;
        let response = self
            .send(&signed, budget, stream)
            .map_err(|e| transport(signed.url(), &e, budget, operation.action))?;
        let status = response.status().as_u16();
        trace.status(status);
        let headers: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        refuse_redirect(status, &headers, operation.action)?;
        Ok(Opened {
            status,
            headers,
            response,
            url: signed.url().to_owned(),
        })
    }

    fn read_body<C>(
        &self,
        mut response: ureq::http::Response<ureq::Body>,
        status: u16,
        url: &str,
        operation: &Operation,
        budget: &Budget,
    ) -> Result<Vec<u8>, Error<C>> {
        let limit = self.config.max_body_size();
        response
            .body_mut()
            .with_config()
            .limit(limit as u64)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large(limit, status, operation.action),
                e => transport(url, &e, budget, operation.action).with_status(status),
            })
    }

    fn send(
        &self,
        signed: &SignedRequest,
        budget: &Budget,
        stream: bool,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let mut builder = self.agent.post(signed.url());
        for (name, value) in signed.headers() {
            builder = builder.header(*name, value);
        }
        let proxy = match self.config.proxy.for_url(signed.url()) {
            Some(_) => self.proxy.clone(),
            None => None,
        };
        let config = builder
            .config()
            .proxy(proxy)
            .timeout_resolve(Some(budget.connect))
            .timeout_connect(Some(budget.connect));
        let config = if stream {
            // The head within the attempt's time; then each wait for bytes within the idle
            // limit, however long the stream lasts.
            let idle = self.config.settings.timeouts.stream_idle;
            config
                .timeout_global(None)
                .timeout_send_request(Some(budget.total))
                .timeout_send_body(Some(budget.total))
                .timeout_recv_response(Some(budget.total))
                .timeout_per_read(Some(idle))
        } else {
            config.timeout_global(Some(budget.total))
        };
        config.build().send(signed.body())
    }
}

/// A response whose head is read.
struct Opened {
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    response: ureq::http::Response<ureq::Body>,
    url: String,
}

/// The events of a streamed call, read from the response body.
/// The events of a streamed call, an iterator: `Events<T>` beside the async client's
/// [`EventStream<T>`](super::EventStream), as [`Pages`](super::Pages) is beside
/// [`PageStream`](super::PageStream).
pub type Events<T> = crate::stream::Events<T, Box<dyn BufRead + Send>>;

/// The events of a streamed call of request `R`.
#[deprecated(since = "0.2.0", note = "use `client::Events<R::Response>`")]
pub type EventsOf<R> = Events<<R as ActionRequest>::Response>;

/// A ureq failure as a `Transport` error, with the time limit that fired when one did.
/// Whether the request may have been sent is decided conservatively: only failures before a
/// connection existed count as not sent.
fn transport<C>(url: &str, error: &ureq::Error, budget: &Budget, action: &'static str) -> Error<C> {
    use ureq::Timeout;
    let (sent, limit) = match error {
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::ConnectProxyFailed(_) => (false, None),
        ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => {
            (false, Some(budget.fired(true)))
        }
        ureq::Error::Timeout(_) => (true, Some(budget.fired(false))),
        ureq::Error::Io(e) => match e.kind() {
            io::ErrorKind::ConnectionRefused | io::ErrorKind::NotFound => (false, None),
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                (true, Some(budget.fired(false)))
            }
            _ => (true, None),
        },
        _ => (true, None),
    };
    let reason = match limit {
        Some(limit) => format!("{limit} passed"),
        None => error.to_string(),
    };
    Error::transport(url, reason, sent, limit, action)
}

/// A stream body whose read errors say when the idle limit fired.
struct IdleReader<R> {
    inner: R,
    idle: Duration,
}

impl<R: Read> Read for IdleReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            // ureq hands its own timeouts back wrapped in an `io::Error` of kind `Other`.
            let wrapped = e
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<ureq::Error>())
                .is_some_and(|inner| matches!(inner, ureq::Error::Timeout(_)));
            let timed_out = wrapped
                || matches!(
                    e.kind(),
                    io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
                );
            if timed_out {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("{} passed with no data", TimeLimit::StreamIdle(self.idle)),
                )
            } else {
                e
            }
        })
    }
}

impl Builder<Client> {
    /// The blocking client.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Sign`](crate::ErrorKind::Sign) when no credentials can be had (the
    /// message says what is missing), [`ErrorKind::Config`](crate::ErrorKind::Config) for an
    /// endpoint or proxy setting that cannot be used (the message says which and why).
    pub fn build(self) -> Result<Client, Error> {
        let config = self.into_config(CredentialCheck::Now)?;
        let proxy = match config.proxy.proxy() {
            Some(url) => {
                Some(ureq::Proxy::new(url).map_err(|e| Error::config(format!("proxy: {e}")))?)
            }
            None => None,
        };
        let agent_config = ureq::Agent::config_builder()
            // A non-2xx answer is still a response to decode (an API error, a gateway page).
            .http_status_as_error(false)
            // The API never redirects: a 3xx comes back as is, and is refused.
            .max_redirects(0)
            // Set per request from the proxy rules; never ureq's own reading of the
            // environment.
            .proxy(None)
            .timeout_global(Some(config.settings.timeouts.attempt))
            .build();
        let agent = ureq::Agent::with_parts(
            agent_config,
            ureq::unversioned::transport::DefaultConnector::new(),
            CachingResolver::default(),
        );
        Ok(Client {
            config,
            agent,
            proxy,
        })
    }
}
