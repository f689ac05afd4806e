//! The Tencent Cloud side of the test endpoint: verify the TC3 signature as the service does,
//! read the parameters, route to the registered handler, and answer in the service's envelope
//! (HTTP 200 with `Response.Error` for every refusal, a RequestId on every answer, also in the
//! `X-TC-RequestId` header).

use crate::excerpt::quote;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::http::{HttpRequest, HttpResponse};
use super::metadata::Metadata;
use super::validate::InputTree;
use super::{Call, Reply};
use crate::sign::{Incoming, Verifier};

pub(crate) type ActionHandler = dyn Fn(&Call<'_>) -> Reply + Send + Sync + 'static;

/// The emulated service: keys, handlers, attempt counters, and the optional metadata endpoint.
pub(crate) struct Service {
    pub(crate) verifier: Mutex<Verifier>,
    pub(crate) handlers: Mutex<HashMap<(String, String), Arc<ActionHandler>>>,
    pub(crate) attempts: Mutex<HashMap<String, usize>>,
    pub(crate) metadata: Mutex<Option<Metadata>>,
    /// Published inputs that parameters are checked against, by service and action.
    pub(crate) inputs: Mutex<HashMap<(String, String), Arc<InputTree>>>,
    pub(crate) log: AtomicBool,
    /// Seconds added to this machine's clock to get the emulated service's.
    pub(crate) clock_offset: AtomicI64,
}

pub(crate) use super::lock;

impl Service {
    pub(crate) fn new(verifier: Verifier) -> Service {
        Service {
            verifier: Mutex::new(verifier),
            handlers: Mutex::new(HashMap::new()),
            attempts: Mutex::new(HashMap::new()),
            metadata: Mutex::new(None),
            inputs: Mutex::new(HashMap::new()),
            log: AtomicBool::new(false),
            clock_offset: AtomicI64::new(0),
        }
    }

    pub(crate) fn attempts(&self, action: &str) -> usize {
        lock(&self.attempts).get(action).copied().unwrap_or(0)
    }

    /// What the service would answer.
    pub(crate) fn answer(&self, request: &HttpRequest) -> HttpResponse {
        if let Some(metadata) = lock(&self.metadata).as_mut() {
            if let Some(response) = metadata.answer(request, &self.verifier) {
                return response;
            }
        }
        if request.path != "/" {
            return HttpResponse::html(404);
        }
        let request_id = new_request_id();
        let log = |what: &str| {
            if self.log.load(Ordering::Relaxed) {
                // A peer's text: escaped and bounded like every message that quotes one.
                eprintln!(
                    "[testkit] {} /?{} -> {what}",
                    quote(&request.method),
                    quote(&request.query)
                );
            }
        };
        if request.method != "GET" && request.method != "POST" {
            log("UnsupportedProtocol");
            return api_error(
                "UnsupportedProtocol",
                "HTTPS request method error. Only GET and POST requests are supported.",
                request_id,
            );
        }
        let headers: Vec<(&str, &str)> = request
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let incoming = Incoming {
            method: &request.method,
            query: &request.query,
            headers: &headers,
            body: &request.body,
        };
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            .saturating_add_signed(self.clock_offset.load(Ordering::Relaxed));
        let verified = lock(&self.verifier).verify_at(&incoming, now);
        let verified = match verified {
            Ok(verified) => verified,
            Err(rejection) => {
                log(&format!("refused: {}", rejection.code().as_str()));
                return api_error(rejection.code().as_str(), rejection.message(), request_id);
            }
        };
        let attempt = {
            let mut attempts = lock(&self.attempts);
            let n = attempts.entry(verified.action().to_owned()).or_insert(0);
            *n += 1;
            *n
        };
        let params = match parameters(request) {
            Ok(params) => params,
            Err(message) => {
                log("InvalidParameter");
                return api_error("InvalidParameter", &message, request_id);
            }
        };
        let key = (verified.service().to_owned(), verified.action().to_owned());
        let input = lock(&self.inputs).get(&key).cloned();
        if let Some(Err((code, message))) = input.map(|tree| tree.check(&params)) {
            log(code);
            return api_error(code, &message, request_id);
        }
        let handler = lock(&self.handlers).get(&key).cloned();
        let Some(handler) = handler else {
            log("InvalidAction");
            let message = format!(
                "The action `{}` of `{}` version {} is not served here.",
                verified.action(),
                verified.service(),
                verified.version()
            );
            return api_error("InvalidAction", &message, request_id);
        };
        let call = Call {
            params: &params,
            attempt,
            verified: &verified,
            headers: &headers,
        };
        match handler(&call) {
            Reply::Ok(mut response) => {
                log(&format!("{} answered", verified.action()));
                if let Some(object) = response.as_object_mut() {
                    object.insert("RequestId".into(), Value::String(request_id.clone()));
                }
                json_response(&json!({ "Response": response }), request_id)
            }
            Reply::Error { code, message } => {
                log(&code);
                api_error(&code, &message, request_id)
            }
            Reply::Raw {
                status,
                content_type,
                body,
            } => {
                log(&format!("raw HTTP {status}"));
                HttpResponse {
                    status,
                    content_type,
                    headers: vec![("X-TC-RequestId".into(), request_id)],
                    body,
                }
            }
        }
    }
}

/// The request's parameters as JSON: the body of a POST, the flattened query of a GET
/// (`Filters.0.Name=zone` stays a flat key; the handlers read what they need).
fn parameters(request: &HttpRequest) -> Result<Value, String> {
    if request.method == "GET" {
        let mut map = serde_json::Map::new();
        for pair in request.query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            map.insert(form_decode(key)?, Value::String(form_decode(value)?));
        }
        return Ok(Value::Object(map));
    }
    if request.body.is_empty() {
        return Ok(json!({}));
    }
    match serde_json::from_slice::<Value>(&request.body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err("The request body must be a JSON object.".into()),
        Err(e) => Err(format!("The request body is not valid JSON: {e}.")),
    }
}

fn form_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3).ok_or("bad percent-encoding")?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| "bad percent-encoding")?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "the query is not UTF-8".to_owned())
}

fn api_error(code: &str, message: &str, request_id: String) -> HttpResponse {
    let body = json!({
        "Response": {
            "Error": {"Code": code, "Message": message},
            "RequestId": request_id,
        }
    });
    json_response(&body, request_id)
}

pub(crate) fn json_response(body: &Value, request_id: String) -> HttpResponse {
    HttpResponse {
        status: 200,
        content_type: "application/json".into(),
        headers: vec![("X-TC-RequestId".into(), request_id)],
        body: body.to_string().into_bytes(),
    }
}

pub(crate) use crate::random::uuid as new_request_id;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding_reverses_the_signer_encoding() {
        assert_eq!(form_decode("web+%E6%9C%8D&x").unwrap(), "web 服&x");
        assert!(form_decode("%zz").is_err());
        assert!(form_decode("%e").is_err());
    }
}
