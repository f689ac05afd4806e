//! Temporary credentials of the CAM role bound to a CVM instance, from the instance metadata
//! endpoint (`http://metadata.tencentyun.com`), cached and refreshed before they expire.
//!
//! The metadata endpoint is plain HTTP on the instance's link-local network, so a few lines of
//! `std::net` read it: no HTTP client is needed, and both transports share this provider.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::{CredentialError, ProvideCredential};
use crate::sign::Credential;

/// The metadata endpoint of CVM instances.
pub const METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";
const ROLE_PATH: &str = "/latest/meta-data/cam/security-credentials/";
const SOURCE: &str = "instance role";
/// Largest metadata answer read.
const MAX_ANSWER: u64 = 64 * 1024;

/// The CVM instance-role provider. Not configured when the metadata endpoint cannot be reached
/// (not on CVM) or names no role; an error when it answers something unusable.
///
/// ```
/// use std::time::Duration;
/// use tencent_action::client::credentials::InstanceRole;
/// // Tests point it at a loopback endpoint (`tencent_action::testkit`).
/// let provider = InstanceRole::new()
///     .endpoint("http://127.0.0.1:9")
///     .refresh_before(Duration::from_secs(300));
/// ```
#[derive(Debug)]
pub struct InstanceRole {
    endpoint: String,
    refresh_before: Duration,
    timeout: Duration,
    cached: Mutex<Option<(Credential, u64)>>,
}

impl InstanceRole {
    /// The provider for [`METADATA_ENDPOINT`], refreshing 5 minutes before expiry.
    pub fn new() -> InstanceRole {
        InstanceRole {
            endpoint: METADATA_ENDPOINT.to_owned(),
            refresh_before: Duration::from_secs(300),
            timeout: Duration::from_secs(1),
            cached: Mutex::new(None),
        }
    }

    /// Another metadata endpoint, `http://host[:port]` (tests, proxies).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> InstanceRole {
        self.endpoint = endpoint.into();
        self
    }

    /// How long before expiry cached keys are replaced.
    pub fn refresh_before(mut self, margin: Duration) -> InstanceRole {
        self.refresh_before = margin;
        self
    }

    fn fetch(&self) -> Result<Option<(Credential, u64)>, CredentialError> {
        let Ok(role) = get(&self.endpoint, ROLE_PATH, self.timeout) else {
            return Ok(None); // not on CVM, or no metadata service
        };
        let role = role.trim();
        if role.is_empty() {
            return Ok(None);
        }
        if role.contains(['/', '?', '#', ' ']) {
            return Err(CredentialError::new(
                SOURCE,
                "the metadata endpoint named an invalid role",
            ));
        }
        let body =
            get(&self.endpoint, &format!("{ROLE_PATH}{role}"), self.timeout).map_err(|e| {
                CredentialError::new(SOURCE, format!("cannot read the keys of role {role}: {e}"))
            })?;
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Keys {
            tmp_secret_id: String,
            tmp_secret_key: String,
            token: String,
            expired_time: u64,
        }
        let keys: Keys = serde_json::from_str(&body).map_err(|e| {
            CredentialError::new(
                SOURCE,
                format!("the keys of role {role} do not decode: {e}"),
            )
        })?;
        let credential =
            Credential::new(keys.tmp_secret_id, keys.tmp_secret_key).with_token(keys.token);
        Ok(Some((credential, keys.expired_time)))
    }
}

impl Default for InstanceRole {
    fn default() -> Self {
        InstanceRole::new()
    }
}

impl ProvideCredential for InstanceRole {
    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        if let Some((credential, expires)) = cached.as_ref() {
            if now + self.refresh_before.as_secs() < *expires {
                return Ok(Some(credential.clone()));
            }
        }
        let fetched = self.fetch()?;
        *cached = fetched.clone();
        Ok(fetched.map(|(credential, _)| credential))
    }
}

/// `GET endpoint + path` over plain HTTP/1.1; the body of a 200 answer.
fn get(endpoint: &str, path: &str, timeout: Duration) -> Result<String, String> {
    let authority = endpoint
        .strip_prefix("http://")
        .ok_or("the metadata endpoint must be http://")?
        .trim_end_matches('/');
    let with_port = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let addr = with_port
        .to_socket_addrs()
        .map_err(|e| e.to_string())?
        .next()
        .ok_or("no address")?;
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(timeout * 2))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    stream
        .take(MAX_ANSWER)
        .read_to_end(&mut answer)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(answer).map_err(|_| "the answer is not UTF-8".to_owned())?;
    let (head, body) = text.split_once("\r\n\r\n").ok_or("truncated answer")?;
    let status = head.split_whitespace().nth(1).unwrap_or("");
    if status != "200" {
        return Err(format!("HTTP {status}"));
    }
    Ok(body.to_owned())
}
