//! The blocking client, over ureq.

use std::io::{BufRead, BufReader};

use super::builder::{Attempts, Builder, CodeOf, Config};
use crate::sign::{Method, SignedRequest};
use crate::stream::Events;
use crate::{Action, ActionRequest, Error};

/// A blocking Tencent Cloud API client (cargo feature `ureq`).
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
}

impl Client {
    /// A builder; see [`Builder`] for the settings and defaults.
    pub fn builder() -> Builder<Client> {
        Builder::new()
    }

    /// Signs `request`, sends it, decodes the answer into the action's response type, and
    /// retries as the [`RetryPolicy`](super::RetryPolicy) allows.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Sign`](crate::ErrorKind::Sign), [`ErrorKind::Transport`](crate::ErrorKind::Transport),
    /// or any decoding kind; after retries, the last attempt's error, with the earlier
    /// attempts' RequestIds in [`Error::earlier_request_ids`].
    pub fn call<R: ActionRequest>(&self, request: &R) -> Result<R::Response, Error<CodeOf<R>>> {
        let mut attempts = Attempts::new();
        loop {
            match self.attempt(request) {
                Ok(response) => return Ok(response),
                Err(error) => {
                    let delay = attempts.after_failure(&self.config, error, R::IDEMPOTENT)?;
                    std::thread::sleep(delay);
                }
            }
        }
    }

    /// Calls a streaming action (CLS `ChatCompletions`): its events as an iterator of typed
    /// [`Event`](crate::stream::Event)s, read as they arrive. An answer that is not an event
    /// stream (a signature failure, say) is its decoded error. Streams are not retried.
    ///
    /// # Errors
    ///
    /// As [`call`](Client::call), for what happens before the first event.
    pub fn call_stream<R: ActionRequest>(
        &self,
        request: &R,
    ) -> Result<EventsOf<R>, Error<CodeOf<R>>> {
        let signed = self.config.sign(request)?;
        let action = <R::Response as Action>::ACTION;
        let response = self
            .request(&signed)
            .map_err(|e| transport(signed.url(), &e, action))?;
        let status = response.status().as_u16();
        let headers: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        let reader: Box<dyn BufRead + Send> =
            Box::new(BufReader::new(response.into_body().into_reader()));
        crate::stream::from_response::<R::Response, _, _>(status, &headers, reader)
    }

    fn attempt<R: ActionRequest>(&self, request: &R) -> Result<R::Response, Error<CodeOf<R>>> {
        let signed = self.config.sign(request)?;
        let action = <R::Response as Action>::ACTION;
        let (status, headers, body) = self.send(&signed, action)?;
        crate::http::from_response::<R::Response, _>(status, &headers, &body)
    }

    fn send<C>(&self, signed: &SignedRequest, action: &'static str) -> Result<Answer, Error<C>> {
        let sent = self.request(signed);
        let response = sent.map_err(|e| transport(signed.url(), &e, action))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        let body = response
            .into_body()
            .read_to_vec()
            .map_err(|e| transport(signed.url(), &e, action))?;
        Ok((status, headers, body))
    }

    fn request(
        &self,
        signed: &SignedRequest,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        match signed.method() {
            Method::Post => {
                let mut builder = self.agent.post(signed.url());
                for (name, value) in signed.headers() {
                    builder = builder.header(*name, value);
                }
                builder.send(signed.body())
            }
            Method::Get => {
                let mut builder = self.agent.get(signed.url());
                for (name, value) in signed.headers() {
                    builder = builder.header(*name, value);
                }
                builder.call()
            }
        }
    }
}

/// The events of a streamed call, read from the response body.
pub type EventsOf<R> = Events<<R as ActionRequest>::Response, Box<dyn BufRead + Send>>;

/// Status, headers and body of an answer.
type Answer = (u16, Vec<(String, Vec<u8>)>, Vec<u8>);

/// A ureq failure as a `Transport` error; whether the request may have been sent is decided
/// conservatively: only failures before a connection existed count as not sent.
fn transport<C>(url: &str, error: &ureq::Error, action: &'static str) -> Error<C> {
    use ureq::Timeout;
    let (sent, timeout) = match error {
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => (false, false),
        ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => (false, true),
        ureq::Error::Timeout(_) => (true, true),
        ureq::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotFound => (false, false),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => (true, true),
            _ => (true, false),
        },
        _ => (true, false),
    };
    Error::transport(url, error.to_string(), sent, timeout, action)
}

impl Builder<Client> {
    /// The blocking client.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Sign`](crate::ErrorKind::Sign) when no credentials can be had (the
    /// message says what is missing).
    pub fn build(self) -> Result<Client, Error> {
        let config = self.into_config()?;
        let agent = ureq::Agent::config_builder()
            // A non-2xx answer is still a response to decode (an API error, a gateway page).
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .build()
            .into();
        Ok(Client { config, agent })
    }
}
