//! A test endpoint for your own tests: an HTTP/1.1 server on `127.0.0.1`, started in your
//! process, that verifies TC3-HMAC-SHA256 signatures as Tencent Cloud does and answers the
//! actions you register. Cargo feature `testkit`.
//!
//! ```
//! use tencent_action::prelude::*;
//! use tencent_action::testkit::{Reply, TestServer};
//!
//! #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
//! #[derive(Debug)]
//! pub struct DescribeZones { pub total_count: u64 }
//!
//! let server = TestServer::start()?;
//! server.respond::<DescribeZones>(serde_json::json!({"TotalCount": 3}));
//! // Point a client at `server.endpoint()` with `server.credential()`; or sign by hand:
//! let signed = tencent_action::sign::Request::post::<DescribeZones>(&serde_json::json!({}))?
//!     .endpoint(server.endpoint())
//!     .sign(&server.credential())?;
//! assert!(signed.url().starts_with("http://127.0.0.1:"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What it refuses, as the service does (HTTP 200, the service's error envelope, a RequestId
//! in the body and in `X-TC-RequestId`): a signature that does not match
//! (`AuthFailure.SignatureFailure`), an unknown SecretId (`AuthFailure.SecretIdNotFound`), a
//! timestamp more than 5 minutes off (`AuthFailure.SignatureExpire`), a method other than GET
//! and POST (`UnsupportedProtocol`), a body that is not a JSON object (`InvalidParameter`), an
//! action nobody registered (`InvalidAction`). Malformed HTTP gets a 4xx HTML page, as from a
//! gateway.
//!
//! The HTTP handling (`http`) and the service emulation (`service`, `metadata`) are separate
//! files; `demo` holds the canned actions of [`TestServer::with_demo_actions`].

mod demo;
mod http;
mod lists;
mod metadata;
mod service;
mod validate;

use std::fmt;
use std::io;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::random::random_u64;
use crate::sign::verify::RedactedHeaders;
use crate::sign::{Credential, Verified, Verifier};
use crate::Action;
use service::{ActionHandler, Service};

/// What a handler answers.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Reply {
    /// Success: the members of `Response` (the RequestId is added).
    Ok(Value),
    /// An API error: `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
    Error {
        /// The error code, e.g. `RequestLimitExceeded`.
        code: String,
        /// The message.
        message: String,
    },
    /// Any HTTP answer, for gateways and event streams: status, `Content-Type`, body.
    Raw {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` header.
        content_type: String,
        /// The body, as is.
        body: Vec<u8>,
    },
}

impl Reply {
    /// An API error reply.
    ///
    /// ```
    /// let reply = tencent_action::testkit::Reply::error("InternalError", "try later");
    /// assert!(matches!(reply, tencent_action::testkit::Reply::Error { .. }));
    /// ```
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply::Error {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// One verified request, as a handler sees it. `Debug` redacts `X-TC-Token` and the
/// signature.
pub struct Call<'a> {
    params: &'a Value,
    attempt: usize,
    verified: &'a Verified,
    headers: &'a [(&'a str, &'a str)],
}

impl fmt::Debug for Call<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("params", self.params)
            .field("attempt", &self.attempt)
            .field("verified", self.verified)
            .field("headers", &RedactedHeaders(self.headers))
            .finish()
    }
}

impl Call<'_> {
    /// The parameters: the JSON body of a POST, the query of a GET as a flat object.
    pub fn params(&self) -> &Value {
        self.params
    }

    /// How many verified requests of this action the server has seen, this one included
    /// (1 for the first).
    pub fn attempt(&self) -> usize {
        self.attempt
    }

    /// What the signature check established: SecretId, service, action, version, region.
    pub fn verified(&self) -> &Verified {
        self.verified
    }

    /// A request header, matched case-insensitively (`X-TC-Token`, say).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// The endpoint's locks: a handler that panicked must not take the whole endpoint down with
/// it.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A running test endpoint; stops when dropped.
pub struct TestServer {
    http: http::Server,
    service: Arc<Service>,
    credential: Credential,
}

impl TestServer {
    /// Starts a server that accepts one fresh random key, [`credential`](TestServer::credential),
    /// and serves no action yet.
    ///
    /// ```
    /// let server = tencent_action::testkit::TestServer::start()?;
    /// assert!(server.endpoint().starts_with("http://127.0.0.1:"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the socket cannot be bound or the thread cannot be started.
    pub fn start() -> io::Result<TestServer> {
        let credential = Credential::new(
            format!(
                "AKIDTESTKIT{:016x}{:08x}",
                random_u64(),
                random_u64() as u32
            ),
            format!("{:016x}{:016x}", random_u64(), random_u64()),
        );
        let service = Arc::new(Service::new(Verifier::new().with_credential(&credential)));
        let shared = Arc::clone(&service);
        let http = http::Server::start(Arc::new(move |request: &http::HttpRequest| {
            shared.answer(request)
        }))?;
        Ok(TestServer {
            http,
            service,
            credential,
        })
    }

    /// The same server, also answering SMS `SendSms`, CVM `DescribeInstances` and CLS
    /// `DescribeTopics` with responses shaped like the documented ones.
    ///
    /// ```
    /// let server = tencent_action::testkit::TestServer::start()?.with_demo_actions();
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn with_demo_actions(self) -> TestServer {
        self.handle("sms", "SendSms", demo::send_sms);
        self.handle("cvm", "DescribeInstances", demo::describe_instances);
        self.handle("cls", "DescribeTopics", demo::describe_topics);
        self
    }

    /// The endpoint to point a client at: `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.http.addr())
    }

    /// The key the server accepts.
    pub fn credential(&self) -> Credential {
        self.credential.clone()
    }

    /// Also accepts `secret_id` with `secret_key`.
    ///
    /// ```
    /// let server = tencent_action::testkit::TestServer::start()?;
    /// server.accept_key("AKIDOTHER", "other-key");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn accept_key(&self, secret_id: &str, secret_key: &str) {
        let mut verifier = lock(&self.service.verifier);
        let updated = std::mem::take(&mut *verifier).with_key(secret_id, secret_key);
        *verifier = updated;
    }

    /// Also accepts `credential`, checking its session token (`X-TC-Token`) when it has one
    /// (`AuthFailure.TokenFailure` otherwise).
    pub fn accept_credential(&self, credential: &Credential) {
        let mut verifier = lock(&self.service.verifier);
        let updated = std::mem::take(&mut *verifier).with_credential(credential);
        *verifier = updated;
    }

    /// Answers every request of `T`'s action with `response` (the members of `Response`; the
    /// RequestId is added).
    pub fn respond<T: Action>(&self, response: Value) {
        self.handle(T::SERVICE, T::ACTION, move |_: &Call<'_>| {
            Reply::Ok(response.clone())
        });
    }

    /// Answers every request of `T`'s action with `body` as is, `application/json`: a
    /// published example's `output` (tccli's `examples.json`), RequestId and all.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let server = tencent_action::testkit::TestServer::start()?;
    /// server.respond_body::<DescribeZones>(
    ///     r#"{"Response": {"TotalCount": 1, "RequestId": "b7b0a8f4-documented"}}"#,
    /// );
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn respond_body<T: Action>(&self, body: impl Into<Vec<u8>>) {
        let body = body.into();
        self.handle(T::SERVICE, T::ACTION, move |_: &Call<'_>| Reply::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: body.clone(),
        });
    }

    /// Answers `T`'s action with `replies` in turn, one per call (the first to the first call),
    /// then the last one again: a rate limit then a success, a page then an empty page.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// use tencent_action::testkit::{Reply, TestServer};
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// let server = TestServer::start()?;
    /// server.respond_seq::<DescribeZones>([
    ///     Reply::error("RequestLimitExceeded", "slow down"),
    ///     Reply::Ok(serde_json::json!({"TotalCount": 3})),
    /// ]);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn respond_seq<T: Action>(&self, replies: impl IntoIterator<Item = Reply>) {
        let replies: Vec<Reply> = replies.into_iter().collect();
        self.handle(T::SERVICE, T::ACTION, move |call: &Call<'_>| {
            let at = call
                .attempt()
                .saturating_sub(1)
                .min(replies.len().saturating_sub(1));
            replies
                .get(at)
                .cloned()
                .unwrap_or_else(|| Reply::error("InternalError", "no reply left"))
        });
    }

    /// Checks the parameters of `R`'s action against its published input from now on, as the
    /// service does: an unknown parameter is answered `UnknownParameter`, a value of the wrong
    /// JSON type `InvalidParameter`, a required one missing `MissingParameter`, so that an
    /// offline test catches what the real service would refuse (a raw call's typo, a
    /// hand-built map). Returns false when `R` was not checked against a schema (`schema =
    /// false`, `#[tencent(unchecked)]`): then nothing is checked.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// use tencent_action::testkit::TestServer;
    /// # #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
    /// # pub struct DescribeZones { pub total_count: u64 }
    /// # #[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
    /// # pub struct DescribeZonesRequest {}
    /// let server = TestServer::start()?;
    /// server.respond::<DescribeZones>(serde_json::json!({"TotalCount": 1}));
    /// assert!(server.check_requests::<DescribeZonesRequest>());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn check_requests<R: crate::ActionRequest>(&self) -> bool {
        let Some(tree) = R::__INPUT_SCHEMA.and_then(validate::InputTree::parse) else {
            return false;
        };
        let key = (
            <R::Response as Action>::SERVICE.to_owned(),
            <R::Response as Action>::ACTION.to_owned(),
        );
        lock(&self.service.inputs).insert(key, Arc::new(tree));
        true
    }

    /// Serves `items` as `T`'s paged list: each call gets the page it asks for in `member`,
    /// with `TotalCount`, whichever way it pages: `Offset`/`Limit` (numbers or strings),
    /// `PageNumber`/`PageSize`, or `NextToken`/`MaxResults` (the answer's `NextToken` is empty
    /// after the last page). The page size is 20 when the request names none.
    ///
    /// ```
    /// use tencent_action::prelude::*;
    /// # #[tencent_action(service = "vpc", version = "2017-03-12", action = "DescribeVpcs")]
    /// # pub struct DescribeVpcs { pub total_count: u64 }
    /// let server = tencent_action::testkit::TestServer::start()?;
    /// let vpcs = (0..45).map(|i| serde_json::json!({"VpcId": format!("vpc-{i}")})).collect();
    /// server.serve_list::<DescribeVpcs>("VpcSet", vpcs);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn serve_list<T: Action>(&self, member: &str, items: Vec<Value>) {
        let member = member.to_owned();
        self.handle(T::SERVICE, T::ACTION, move |call: &Call<'_>| {
            lists::page(call, &member, &items)
        });
    }

    /// Answers requests of `service`'s `action` with `handler` (replacing any earlier one).
    ///
    /// ```
    /// use tencent_action::testkit::{Reply, TestServer};
    /// let server = TestServer::start()?;
    /// // Rate-limited twice, then served.
    /// server.handle("cvm", "DescribeZones", |call| match call.attempt() {
    ///     1 | 2 => Reply::error("RequestLimitExceeded", "slow down"),
    ///     _ => Reply::Ok(serde_json::json!({"TotalCount": 3})),
    /// });
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn handle(
        &self,
        service: &str,
        action: &str,
        handler: impl Fn(&Call<'_>) -> Reply + Send + Sync + 'static,
    ) {
        let handler: Arc<ActionHandler> = Arc::new(handler);
        lock(&self.service.handlers).insert((service.to_owned(), action.to_owned()), handler);
    }

    /// How many TCP connections the server has served: connections are kept alive between
    /// requests, so a client that reuses its connection makes one for many calls.
    pub fn connections(&self) -> usize {
        self.http.connections()
    }

    /// How many correctly signed requests of `action` arrived (refused ones are not counted).
    pub fn attempts(&self, action: &str) -> usize {
        self.service.attempts(action)
    }

    /// Serves the CVM instance metadata endpoint's role credentials for `role` on this server
    /// (point the instance-role provider at [`endpoint`](TestServer::endpoint)): each fetch
    /// issues new temporary keys valid for `lifetime`, which the server then accepts.
    pub fn serve_instance_role(&self, role: &str, lifetime: Duration) {
        *lock(&self.service.metadata) = Some(metadata::Metadata {
            role: role.to_owned(),
            lifetime_secs: lifetime.as_secs(),
            issued: 0,
        });
    }

    /// How many temporary keys the metadata endpoint has issued.
    pub fn role_keys_issued(&self) -> usize {
        lock(&self.service.metadata)
            .as_ref()
            .map_or(0, |m| m.issued)
    }

    /// Runs the emulated service's clock `offset_secs` ahead of this machine's (negative:
    /// behind), to see what a client with a wrong clock gets (`AuthFailure.SignatureExpire`
    /// beyond 5 minutes).
    ///
    /// ```
    /// let server = tencent_action::testkit::TestServer::start()?;
    /// server.set_clock_offset(-3600);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn set_clock_offset(&self, offset_secs: i64) {
        self.service
            .clock_offset
            .store(offset_secs, Ordering::Relaxed);
    }

    /// Prints one line per request to stderr (what was asked, what was answered).
    pub fn log_to_stderr(&self, on: bool) {
        self.service.log.store(on, Ordering::Relaxed);
    }
}

impl fmt::Debug for TestServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestServer")
            .field("endpoint", &self.endpoint())
            .field("credential", &self.credential)
            .finish()
    }
}
