//! An in-process stand-in for a Tencent Cloud endpoint: a real HTTP/1.1 server on
//! `127.0.0.1` that verifies TC3-HMAC-SHA256 signatures the way the service does and answers
//! `SendSms` (SMS 2021-01-11) and `DescribeInstances` (CVM 2017-03-12) with responses shaped
//! like the documented ones.
//!
//! Refused requests get the service's error envelope, HTTP 200, with a RequestId:
//! `AuthFailure.SignatureFailure`, `AuthFailure.SecretIdNotFound`,
//! `AuthFailure.SignatureExpire` (timestamp more than 5 minutes off), `MissingParameter`,
//! `InvalidAction`. Every response carries the `X-TC-RequestId` header too.
//!
//! ```
//! use tencent_action::sign::Verifier;
//! use tencent_action_examples::loopback::Loopback;
//!
//! let server = Loopback::start(Verifier::new().with_key("AKIDEXAMPLE", "secret"))?;
//! assert!(server.endpoint().starts_with("http://127.0.0.1:"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use serde_json::{json, Value};
use tencent_action::sign::{Incoming, Verifier};

/// Largest request head (request line and headers) the server reads.
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body the server reads.
const MAX_BODY: usize = 1024 * 1024;

/// A running loopback endpoint; stops when dropped.
pub struct Loopback {
    addr: SocketAddr,
    state: Arc<State>,
    accept: Option<JoinHandle<()>>,
}

struct State {
    verifier: Verifier,
    stop: AtomicBool,
    log: AtomicBool,
}

impl Loopback {
    /// Binds `127.0.0.1` on a free port and serves until dropped, checking signatures with
    /// `verifier`.
    ///
    /// ```
    /// use tencent_action::sign::Verifier;
    /// let server = tencent_action_examples::loopback::Loopback::start(Verifier::new())?;
    /// drop(server); // stops it
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the socket cannot be bound or the thread cannot be started.
    pub fn start(verifier: Verifier) -> io::Result<Loopback> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State {
            verifier,
            stop: AtomicBool::new(false),
            log: AtomicBool::new(false),
        });
        let shared = Arc::clone(&state);
        let accept = thread::Builder::new()
            .name("loopback-accept".into())
            .spawn(move || accept_loop(&listener, &shared))?;
        Ok(Loopback {
            addr,
            state,
            accept: Some(accept),
        })
    }

    /// The endpoint to point a client at: `http://127.0.0.1:PORT`.
    ///
    /// ```
    /// # use tencent_action::sign::Verifier;
    /// let server = tencent_action_examples::loopback::Loopback::start(Verifier::new())?;
    /// assert!(server.endpoint().starts_with("http://127.0.0.1:"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Prints one line per request to stderr (what was asked, what was answered).
    ///
    /// ```
    /// # use tencent_action::sign::Verifier;
    /// let server = tencent_action_examples::loopback::Loopback::start(Verifier::new())?;
    /// server.log_to_stderr(true);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn log_to_stderr(&self, on: bool) {
        self.state.log.store(on, Ordering::Relaxed);
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the blocking `accept` so that the thread sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}

impl std::fmt::Debug for Loopback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loopback")
            .field("endpoint", &self.endpoint())
            .field("verifier", &self.state.verifier)
            .finish()
    }
}

fn accept_loop(listener: &TcpListener, state: &Arc<State>) {
    for stream in listener.incoming() {
        if state.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(state);
        let _ = thread::Builder::new()
            .name("loopback-conn".into())
            .spawn(move || {
                let _ = serve(stream, &state);
            });
    }
}

/// A parsed HTTP/1.1 request.
struct HttpRequest {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// An HTTP response to write.
struct HttpResponse {
    status: u16,
    content_type: &'static str,
    request_id: Option<String>,
    body: Vec<u8>,
}

fn serve(stream: TcpStream, state: &State) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let response = match read_request(&mut reader) {
        Ok(request) => answer(&request, state),
        Err(status) => html(status),
    };
    write_response(stream, &response)
}

fn read_request(reader: &mut impl BufRead) -> Result<HttpRequest, u16> {
    let mut head_len = 0;
    let mut line = String::new();
    let mut read_line = |line: &mut String| -> Result<(), u16> {
        line.clear();
        let n = reader
            .by_ref()
            .take((MAX_HEAD - head_len) as u64)
            .read_line(line)
            .map_err(|_| 400u16)?;
        head_len += n;
        if n == 0 || !line.ends_with('\n') {
            return Err(if head_len >= MAX_HEAD { 431 } else { 400 });
        }
        Ok(())
    };
    read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = match (parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v)) if v.starts_with("HTTP/1.") => (m.to_owned(), t.to_owned()),
        _ => return Err(400),
    };
    let mut headers = Vec::new();
    loop {
        read_line(&mut line)?;
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').ok_or(400u16)?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    if header("Transfer-Encoding").is_some() {
        return Err(411); // the clients here send Content-Length
    }
    let length: usize = match header("Content-Length") {
        Some(v) => v.parse().map_err(|_| 400u16)?,
        None => 0,
    };
    if length > MAX_BODY {
        return Err(413);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|_| 400u16)?;
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (target, String::new()),
    };
    Ok(HttpRequest {
        method,
        path,
        query,
        headers,
        body,
    })
}

/// What the service would answer.
fn answer(request: &HttpRequest, state: &State) -> HttpResponse {
    if request.path != "/" {
        return html(404);
    }
    let request_id = new_request_id();
    let log = |what: &str| {
        if state.log.load(Ordering::Relaxed) {
            eprintln!(
                "[loopback] {} /{}{} -> {what}",
                request.method,
                if request.query.is_empty() { "" } else { "?" },
                request.query
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
    let verified = match state.verifier.verify(&incoming) {
        Ok(verified) => verified,
        Err(rejection) => {
            log(&format!("refused: {rejection}"));
            return api_error(rejection.code().as_str(), rejection.message(), request_id);
        }
    };
    let params = match parameters(request) {
        Ok(params) => params,
        Err(message) => {
            log("InvalidParameter");
            return api_error("InvalidParameter", &message, request_id);
        }
    };
    let route = (verified.service(), verified.version(), verified.action());
    let outcome = match route {
        ("sms", "2021-01-11", "SendSms") => send_sms(&params),
        ("cvm", "2017-03-12", "DescribeInstances") => describe_instances(&params),
        (service, version, action) => Err((
            "InvalidAction",
            format!("The action `{action}` of `{service}` version {version} is not served here."),
        )),
    };
    match outcome {
        Ok(mut response) => {
            log(&format!(
                "signature of {} verified ({} {}, region {}, SecretId {}); answered with RequestId {request_id}",
                verified.action(),
                verified.service(),
                verified.version(),
                verified.region().unwrap_or("none"),
                verified.secret_id(),
            ));
            if let Some(object) = response.as_object_mut() {
                object.insert("RequestId".into(), Value::String(request_id.clone()));
            }
            json_response(&json!({ "Response": response }), request_id)
        }
        Err((code, message)) => {
            log(code);
            api_error(code, &message, request_id)
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

type Outcome = Result<Value, (&'static str, String)>;

fn missing(name: &str) -> (&'static str, String) {
    (
        "MissingParameter",
        format!("The request is missing a required parameter `{name}`."),
    )
}

/// SMS 2021-01-11 `SendSms`: one send status per phone number, as documented.
fn send_sms(params: &Value) -> Outcome {
    for required in ["SmsSdkAppId", "TemplateId"] {
        if params.get(required).and_then(Value::as_str).is_none() {
            return Err(missing(required));
        }
    }
    let phones: Vec<&str> = params
        .get("PhoneNumberSet")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if phones.is_empty() {
        return Err(missing("PhoneNumberSet"));
    }
    let context = params
        .get("SessionContext")
        .and_then(Value::as_str)
        .unwrap_or("");
    let statuses: Vec<Value> = phones
        .iter()
        .enumerate()
        .map(|(i, phone)| {
            let iso = if phone.starts_with("+86") { "CN" } else { "US" };
            json!({
                "SerialNo": format!("5000:10457106691570536578494996{:02}", 19 + i),
                "PhoneNumber": phone,
                "Fee": 1,
                "SessionContext": context,
                "Code": "Ok",
                "Message": "send success",
                "IsoCode": iso,
            })
        })
        .collect();
    Ok(json!({ "SendStatusSet": statuses }))
}

/// CVM 2017-03-12 `DescribeInstances`: two instances, paged by `Offset`/`Limit`.
fn describe_instances(params: &Value) -> Outcome {
    let number = |name: &str, default: u64| -> Result<u64, (&'static str, String)> {
        match params.get(name) {
            None => Ok(default),
            Some(Value::Number(n)) => n.as_u64().ok_or_else(|| invalid(name)),
            Some(Value::String(s)) => s.parse().map_err(|_| invalid(name)),
            Some(_) => Err(invalid(name)),
        }
    };
    let offset = number("Offset", 0)?;
    let limit = number("Limit", 20)?;
    if limit > 100 {
        return Err((
            "InvalidParameterValue",
            "The value of `Limit` must be at most 100.".into(),
        ));
    }
    let all = [
        instance(
            "ins-xlsyru2j",
            "myInstance",
            "ap-guangzhou-3",
            "172.16.32.78",
            Some("123.207.11.190"),
        ),
        instance(
            "ins-r8hr2upy",
            "web-2",
            "ap-guangzhou-4",
            "172.16.32.79",
            None,
        ),
    ];
    let total = all.len();
    let page: Vec<Value> = all
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect();
    Ok(json!({ "TotalCount": total, "InstanceSet": page }))
}

fn invalid(name: &str) -> (&'static str, String) {
    (
        "InvalidParameterValue",
        format!("The value of `{name}` is not a valid unsigned integer."),
    )
}

fn instance(id: &str, name: &str, zone: &str, private_ip: &str, public_ip: Option<&str>) -> Value {
    json!({
        "Placement": {"Zone": zone, "ProjectId": 0, "HostId": null},
        "InstanceId": id,
        "InstanceType": "S2.SMALL2",
        "CPU": 1,
        "Memory": 1,
        "RestrictState": "NORMAL",
        "InstanceName": name,
        "InstanceChargeType": "POSTPAID_BY_HOUR",
        "SystemDisk": {"DiskType": "CLOUD_SSD", "DiskId": "disk-czsodtl1", "DiskSize": 50},
        "PrivateIpAddresses": [private_ip],
        "PublicIpAddresses": public_ip.map(|ip| vec![ip]),
        "InternetAccessible": {"InternetChargeType": "TRAFFIC_POSTPAID_BY_HOUR",
                               "InternetMaxBandwidthOut": 1, "PublicIpAssigned": public_ip.is_some()},
        "ImageId": "img-8toqc6s3",
        "RenewFlag": "NOTIFY_AND_MANUAL_RENEW",
        "CreatedTime": "2020-09-22T00:00:00+00:00",
        "ExpiredTime": null,
        "OsName": "CentOS 7.4 64bit",
        "SecurityGroupIds": ["sg-p1ezv4wz"],
        "InstanceState": "RUNNING",
        "Tags": [{"Key": "myKey", "Value": "myValue"}],
        "LatestOperation": null,
        "LatestOperationState": null,
        "LatestOperationRequestId": null,
        "Uuid": "e85f1388-0422-410d-8e50-bef540e78c18",
    })
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

fn json_response(body: &Value, request_id: String) -> HttpResponse {
    HttpResponse {
        status: 200,
        content_type: "application/json",
        request_id: Some(request_id),
        body: body.to_string().into_bytes(),
    }
}

fn html(status: u16) -> HttpResponse {
    let reason = reason(status);
    HttpResponse {
        status,
        content_type: "text/html",
        request_id: None,
        body: format!("<html><body><h1>{status} {reason}</h1></body></html>\n").into_bytes(),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

fn write_response(mut stream: TcpStream, response: &HttpResponse) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if let Some(id) = &response.request_id {
        head.push_str(&format!("X-TC-RequestId: {id}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}

/// A random version-4 UUID, the shape of Tencent's RequestIds.
fn new_request_id() -> String {
    let random = || RandomState::new().build_hasher().finish();
    let (a, b) = (random(), random());
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000; // variant 10
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000; // version 4
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_uuid_shaped_and_differ() {
        let a = new_request_id();
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert_ne!(a, new_request_id());
    }

    #[test]
    fn form_decoding_reverses_the_signer_encoding() {
        assert_eq!(form_decode("web+%E6%9C%8D&x").unwrap(), "web 服&x");
        assert!(form_decode("%zz").is_err());
        assert!(form_decode("%e").is_err());
    }
}
