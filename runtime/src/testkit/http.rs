//! The HTTP/1.1 side of the test endpoint: a thread per connection on `127.0.0.1`, kept alive
//! between requests, bodies by `Content-Length` only. It knows nothing of Tencent Cloud: it
//! hands each parsed request to a handler.
//!
//! Users run it in their CI, so it must not be what falls over when a client misbehaves:
//!
//! - at most [`MAX_CONNECTIONS`] connections are served at once; one more is answered `503`
//!   and closed at once;
//! - a request must arrive whole (head and body) within [`REQUEST_TIMEOUT`] of its first byte,
//!   however slowly it trickles; an idle kept-alive connection is closed after [`IDLE_TIMEOUT`];
//! - the head is at most 64 KiB, the body at most 1 MiB, and a body's memory grows with what
//!   arrives, not with what `Content-Length` announces;
//! - `Content-Length` must be plain digits and given once; `Transfer-Encoding` is refused.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Largest request head (request line and headers) the server reads.
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body the server reads.
const MAX_BODY: usize = 1024 * 1024;
/// Connections served at once.
pub(crate) const MAX_CONNECTIONS: usize = 64;
/// The time a whole request (head and body) may take from its first byte.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a kept-alive connection may wait for its next request.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(5);

/// A parsed HTTP/1.1 request.
pub(crate) struct HttpRequest {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl HttpRequest {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
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
    accepted: Arc<AtomicUsize>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub(crate) fn start(handler: Arc<Handler>) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let accepted = Arc::new(AtomicUsize::new(0));
        let (flag, count) = (Arc::clone(&stop), Arc::clone(&accepted));
        let accept = thread::Builder::new()
            .name("testkit-accept".into())
            .spawn(move || accept_loop(&listener, &flag, &count, &handler))?;
        Ok(Server {
            addr,
            stop,
            accepted,
            accept: Some(accept),
        })
    }

    /// Connections served so far (those refused with 503 not counted).
    pub(crate) fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
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

/// Counts a connection while it is served.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept_loop(
    listener: &TcpListener,
    stop: &AtomicBool,
    accepted: &AtomicUsize,
    handler: &Arc<Handler>,
) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(mut stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            // Over the cap: say so and close, without a thread. The answer is small enough for
            // the socket's buffer; a short write timeout covers a peer that reads nothing.
            let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
            let _ = write_response(&mut stream, &HttpResponse::html(503), false);
            continue;
        }
        accepted.fetch_add(1, Ordering::SeqCst);
        let slot = Slot(Arc::clone(&open));
        let handler = Arc::clone(handler);
        let spawned = thread::Builder::new()
            .name("testkit-conn".into())
            .spawn(move || {
                let _slot = slot;
                let _ = serve(stream, &*handler);
            });
        drop(spawned); // a failed spawn dropped its closure, and with it the slot
    }
}

/// A reader whose every read waits at most until `deadline`: a whole request is bounded, not
/// each read.
struct DeadlineReader {
    stream: TcpStream,
    deadline: Instant,
}

impl Read for DeadlineReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

fn serve(stream: TcpStream, handler: &Handler) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    writer.set_write_timeout(Some(REQUEST_TIMEOUT))?;
    let mut reader = BufReader::new(DeadlineReader {
        stream,
        deadline: Instant::now() + REQUEST_TIMEOUT,
    });
    loop {
        // Wait for the first byte of the next request (idle), then give it the whole-request
        // deadline.
        if reader.buffer().is_empty() {
            reader.get_mut().deadline = Instant::now() + IDLE_TIMEOUT;
            if reader.fill_buf()?.is_empty() {
                return Ok(()); // closed between requests
            }
        }
        reader.get_mut().deadline = Instant::now() + REQUEST_TIMEOUT;
        let (response, keep_alive) = match read_request(&mut reader) {
            Ok(request) => {
                let keep_alive = wants_keep_alive(&request);
                (handler(&request), keep_alive)
            }
            Err(status) => (HttpResponse::html(status), false),
        };
        write_response(&mut writer, &response, keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// HTTP/1.1 keeps the connection unless the client says `close`.
fn wants_keep_alive(request: &HttpRequest) -> bool {
    !request
        .header("Connection")
        .is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")))
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
            .map_err(|e| timeout_or(&e, 400))?;
        head_len += n;
        if n == 0 || !line.ends_with('\n') {
            return Err(if head_len >= MAX_HEAD { 431 } else { 400 });
        }
        Ok(())
    };
    read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some("HTTP/1.1" | "HTTP/1.0"), None) => (m.to_owned(), t.to_owned()),
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
    if header(&headers, "Transfer-Encoding").is_some() {
        return Err(411); // the clients send Content-Length
    }
    let length = content_length(&headers)?;
    if length > MAX_BODY {
        return Err(413);
    }
    // Grown as bytes arrive: a peer announcing 1 MiB and sending nothing costs nothing.
    let mut body = Vec::new();
    reader
        .take(length as u64)
        .read_to_end(&mut body)
        .map_err(|e| timeout_or(&e, 400))?;
    if body.len() != length {
        return Err(400); // the connection ended inside the body
    }
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

/// The body's length: absent means none; present, it must be given once, as plain digits
/// (`+2`, `2, 2` and two headers are refused, as request smuggling starts there).
fn content_length(headers: &[(String, String)]) -> Result<usize, u16> {
    let mut values = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Content-Length"));
    let Some((_, value)) = values.next() else {
        return Ok(0);
    };
    if values.next().is_some() || value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(400);
    }
    value.parse().map_err(|_| 413)
}

/// 408 when the whole-request deadline passed, `otherwise` for any other read failure.
fn timeout_or(error: &io::Error, otherwise: u16) -> u16 {
    match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => 408,
        _ => otherwise,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        408 => "Request Timeout",
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

fn write_response(
    stream: &mut TcpStream,
    response: &HttpResponse,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: {}\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" },
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    // One write: a head and a body written apart wait on the peer's delayed ACK (Nagle) on a
    // kept-alive connection, 40 ms a call.
    let mut answer = head.into_bytes();
    answer.extend_from_slice(&response.body);
    stream.write_all(&answer)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_that_trickles_in_is_cut_at_the_whole_request_deadline() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let writer = thread::spawn(move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            // A byte every 50 ms: each read is quick, the whole never ends.
            for byte in b"POST / HTTP/1.1\r\nX-Slow: ".iter().cycle().take(100) {
                if stream.write_all(&[*byte]).is_err() {
                    return;
                }
                thread::sleep(Duration::from_millis(50));
            }
        });
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(DeadlineReader {
            stream,
            deadline: Instant::now() + Duration::from_millis(400),
        });
        let started = Instant::now();
        assert_eq!(read_request(&mut reader).err(), Some(408));
        assert!(started.elapsed() < Duration::from_secs(1));
        drop(reader);
        writer.join().unwrap();
    }

    fn read(raw: &[u8]) -> Result<HttpRequest, u16> {
        read_request(&mut BufReader::new(raw))
    }

    #[test]
    fn content_length_must_be_plain_digits_given_once() {
        let ok = read(b"POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}").unwrap();
        assert_eq!(ok.body, b"{}");
        for bad in [
            &b"POST / HTTP/1.1\r\nContent-Length: +2\r\n\r\n{}"[..],
            b"POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
            b"POST / HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 3\r\n\r\n{}x",
            b"POST / HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\n{}",
            b"POST / HTTP/1.1\r\nContent-Length: \r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n{}",
        ] {
            assert_eq!(
                read(bad).err(),
                Some(400),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let huge = read(b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n");
        assert_eq!(huge.err(), Some(413));
    }

    #[test]
    fn the_request_line_must_be_http_1() {
        assert_eq!(read(b"GET / HTTP/2\r\n\r\n").err(), Some(400));
        assert_eq!(read(b"GET / HTTP/1.1 extra\r\n\r\n").err(), Some(400));
        assert!(read(b"GET /?a=b HTTP/1.0\r\n\r\n").is_ok());
    }
}
