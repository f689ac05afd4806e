//! The HTTP/1.1 side of the test endpoint: a thread per connection on `127.0.0.1`, one request
//! per connection (`Connection: close`), bodies by `Content-Length` only, bounded reads. It
//! knows nothing of Tencent Cloud: it hands each parsed request to a handler.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Largest request head (request line and headers) the server reads.
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body the server reads.
const MAX_BODY: usize = 1024 * 1024;

/// A parsed HTTP/1.1 request.
pub(crate) struct HttpRequest {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

/// An HTTP response to write.
pub(crate) struct HttpResponse {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl HttpResponse {
    /// A small HTML page for requests that never reach the service emulation.
    pub(crate) fn html(status: u16) -> HttpResponse {
        HttpResponse {
            status,
            content_type: "text/html".into(),
            headers: Vec::new(),
            body: format!(
                "<html><body><h1>{status} {}</h1></body></html>\n",
                reason(status)
            )
            .into_bytes(),
        }
    }
}

pub(crate) type Handler = dyn Fn(&HttpRequest) -> HttpResponse + Send + Sync + 'static;

/// A running server; stops when dropped.
pub(crate) struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub(crate) fn start(handler: Arc<Handler>) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let accept = thread::Builder::new()
            .name("testkit-accept".into())
            .spawn(move || accept_loop(&listener, &flag, &handler))?;
        Ok(Server {
            addr,
            stop,
            accept: Some(accept),
        })
    }

    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking `accept` so that the thread sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, stop: &AtomicBool, handler: &Arc<Handler>) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let handler = Arc::clone(handler);
        let _ = thread::Builder::new()
            .name("testkit-conn".into())
            .spawn(move || {
                let _ = serve(stream, &*handler);
            });
    }
}

fn serve(stream: TcpStream, handler: &Handler) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let response = match read_request(&mut reader) {
        Ok(request) => handler(&request),
        Err(status) => HttpResponse::html(status),
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
        return Err(411); // the clients send Content-Length
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

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        411 => "Length Required",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
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
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}
