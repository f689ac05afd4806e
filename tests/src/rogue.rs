//! Loopback servers written to misbehave: each connection's request is read (head and
//! `Content-Length` body), then a script answers however it likes (nothing, a redirect, a
//! trickle, a huge body), so the client tests can see what a hostile or broken peer gets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// What a script sees of one request.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    /// The request line, `POST / HTTP/1.1`.
    pub line: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Seen {
    /// A header's value, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Script = dyn Fn(usize, &Seen, &mut TcpStream) + Send + Sync + 'static;

/// A running rogue server; stops accepting when dropped (connections in a script's hands end
/// with their script).
pub struct Rogue {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
    accept: Option<JoinHandle<()>>,
}

impl Rogue {
    /// Serves every connection with `script(connection index, request, stream)`, one thread
    /// each. With `read_request` false the script gets the connection before anything is
    /// read (for servers that never read, or proxies).
    pub fn start(script: impl Fn(usize, &Seen, &mut TcpStream) + Send + Sync + 'static) -> Rogue {
        Rogue::start_with(true, script)
    }

    /// As [`start`](Rogue::start), choosing whether the request is read first.
    pub fn start_with(
        read_request: bool,
        script: impl Fn(usize, &Seen, &mut TcpStream) + Send + Sync + 'static,
    ) -> Rogue {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let (flag, log) = (Arc::clone(&stop), Arc::clone(&seen));
        let accept = thread::spawn(move || {
            let count = AtomicUsize::new(0);
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(mut stream) = stream else { continue };
                let index = count.fetch_add(1, Ordering::SeqCst);
                let (script, log) = (Arc::clone(&script), Arc::clone(&log));
                thread::spawn(move || {
                    let request = if read_request {
                        match read(&mut stream) {
                            Some(request) => request,
                            None => return,
                        }
                    } else {
                        Seen::default()
                    };
                    log.lock().unwrap().push(request.clone());
                    script(index, &request, &mut stream);
                });
            }
        });
        Rogue {
            addr,
            stop,
            seen,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests read so far, oldest first.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Rogue {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Reads one request (head, then a `Content-Length` body), within 10 s.
fn read(stream: &mut TcpStream) -> Option<Seen> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut seen = Seen::default();
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    seen.line = line.trim_end().to_owned();
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        seen.headers
            .push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = seen
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    seen.body = vec![0; length];
    reader.read_exact(&mut seen.body).ok()?;
    Some(seen)
}

/// Writes a whole HTTP/1.1 response with a `Content-Length` body (errors ignored: the client
/// may have gone).
pub fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

/// A Tencent success body for the members `fields` (a JSON object's inside), with RequestId.
pub fn success_body(fields: &str, request_id: &str) -> Vec<u8> {
    let sep = if fields.trim().is_empty() { "" } else { ", " };
    format!(r#"{{"Response": {{{fields}{sep}"RequestId": "{request_id}"}}}}"#).into_bytes()
}
