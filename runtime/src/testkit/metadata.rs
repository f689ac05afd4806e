//! The CVM instance metadata endpoint's role credentials, as an instance with a CAM role sees
//! them: `GET /latest/meta-data/cam/security-credentials/` names the role, and
//! `GET /latest/meta-data/cam/security-credentials/<role>` answers temporary keys with their
//! expiry. Each fetch issues a new key pair that the test endpoint then accepts, so a client
//! that refreshes is seen to use the new keys.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::http::{HttpRequest, HttpResponse};
use super::lock;
use crate::random::random_u64;
use crate::sign::Verifier;

/// The path prefix of the role credentials.
pub(crate) const ROLE_PATH: &str = "/latest/meta-data/cam/security-credentials/";

pub(crate) struct Metadata {
    pub(crate) role: String,
    pub(crate) lifetime_secs: u64,
    pub(crate) issued: usize,
}

impl Metadata {
    /// The answer to a metadata request, or `None` when `request` is not one.
    pub(crate) fn answer(
        &mut self,
        request: &HttpRequest,
        verifier: &Mutex<Verifier>,
    ) -> Option<HttpResponse> {
        let rest = request.path.strip_prefix(ROLE_PATH)?;
        if request.method != "GET" {
            return Some(HttpResponse::html(400));
        }
        if rest.is_empty() {
            return Some(text(self.role.clone()));
        }
        if rest != self.role {
            return Some(HttpResponse::html(404));
        }
        self.issued += 1;
        let secret_id = format!("AKIDTMPROLE{:04}{:016x}", self.issued, random_u64());
        let secret_key = format!("{:016x}{:016x}", random_u64(), random_u64());
        let token = format!("token-{}-{:016x}", self.issued, random_u64());
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let expired = now + self.lifetime_secs;
        {
            let mut verifier = lock(verifier);
            let updated = std::mem::take(&mut *verifier).with_key(&*secret_id, &*secret_key);
            *verifier = updated;
        }
        let body = json!({
            "TmpSecretId": secret_id,
            "TmpSecretKey": secret_key,
            "Token": token,
            "ExpiredTime": expired,
            "Expiration": "",
            "Code": "Success",
        });
        Some(HttpResponse {
            status: 200,
            content_type: "application/json".into(),
            headers: Vec::new(),
            body: body.to_string().into_bytes(),
        })
    }
}

fn text(body: String) -> HttpResponse {
    HttpResponse {
        status: 200,
        content_type: "text/plain".into(),
        headers: Vec::new(),
        body: body.into_bytes(),
    }
}
