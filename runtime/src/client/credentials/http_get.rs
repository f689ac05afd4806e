//! A plain-HTTP/1.1 `GET` with one deadline for everything (name lookup, connect, write, every
//! read), for the metadata endpoint: the instance-role provider is shared by both transports,
//! so it cannot use either's client, and it needs only this much of HTTP.
//!
//! The answer is parsed sans-I/O ([`parse`]): status line, headers, and a body framed by
//! `Content-Length`, by `Transfer-Encoding: chunked`, or by the end of the connection.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Largest answer read (head and body).
pub(crate) const MAX_ANSWER: usize = 64 * 1024;

/// `GET http://authority{path}`: the status and body of the answer, all within `timeout`.
pub(crate) fn get(endpoint: &str, path: &str, timeout: Duration) -> Result<(u16, Vec<u8>), String> {
    let deadline = Instant::now() + timeout;
    let authority = endpoint
        .strip_prefix("http://")
        .ok_or("the metadata endpoint must be http://")?
        .trim_end_matches('/');
    if authority.is_empty() || !authority.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("the metadata endpoint has no valid host".into());
    }
    let addr = resolve(authority, remaining(deadline)?)?;
    let mut stream =
        TcpStream::connect_timeout(&addr, remaining(deadline)?).map_err(|e| e.to_string())?;
    stream
        .set_write_timeout(Some(remaining(deadline)?))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(parsed) = parse(&answer, false) {
            return parsed;
        }
        // Each read may wait only for what is left of the one deadline: a peer that trickles
        // a byte at a time cannot stretch the fetch.
        stream
            .set_read_timeout(Some(remaining(deadline)?))
            .map_err(|e| e.to_string())?;
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(timed_out(timeout))
            }
            Err(e) => return Err(e.to_string()),
        };
        if n == 0 {
            return parse(&answer, true).unwrap_or_else(|| Err("truncated answer".into()));
        }
        if answer.len() + n > MAX_ANSWER {
            return Err(format!("the answer is larger than {MAX_ANSWER} bytes"));
        }
        answer.extend_from_slice(&buf[..n]);
    }
}

fn timed_out(timeout: Duration) -> String {
    format!("no complete answer within {} ms", timeout.as_millis())
}

fn remaining(deadline: Instant) -> Result<Duration, String> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        Err("the fetch deadline passed".into())
    } else {
        Ok(left)
    }
}

/// The first address of `authority` (`host[:port]`, port 80 by default), looked up on a
/// helper thread so that a slow resolver counts against the deadline too.
fn resolve(authority: &str, within: Duration) -> Result<SocketAddr, String> {
    let with_port = if authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        && !authority.ends_with(']')
    {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    if let Ok(addr) = with_port.parse::<SocketAddr>() {
        return Ok(addr);
    }
    // The answer comes back through a slot and a wake-up rather than a channel: std's
    // channels bring about 50 KB of code into every binary, for this one message.
    type Answer = Result<Option<SocketAddr>, String>;
    let slot: Arc<Mutex<Option<Answer>>> = Arc::default();
    let (theirs, waiter) = (Arc::clone(&slot), std::thread::current());
    std::thread::Builder::new()
        .name("tencent-action-metadata-dns".into())
        .spawn(move || {
            let first = with_port
                .to_socket_addrs()
                .map(|mut addrs| addrs.next())
                .map_err(|e| e.to_string());
            *theirs.lock().unwrap_or_else(PoisonError::into_inner) = Some(first);
            waiter.unpark();
        })
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + within;
    let answer = loop {
        if let Some(answer) = slot.lock().unwrap_or_else(PoisonError::into_inner).take() {
            break answer;
        }
        // Parking may end early (any unpark, or spuriously): the slot is looked at again.
        match deadline.checked_duration_since(Instant::now()) {
            Some(left) if !left.is_zero() => std::thread::park_timeout(left),
            _ => return Err(timed_out(within)),
        }
    };
    match answer {
        Ok(Some(addr)) => Ok(addr),
        Ok(None) => Err("the host has no address".into()),
        Err(e) => Err(e),
    }
}

/// The status and body of a complete answer in `bytes`; `None` while more is needed. `eof`
/// says the peer closed the connection (which ends a body without framing).
pub(crate) fn parse(bytes: &[u8], eof: bool) -> Option<Result<(u16, Vec<u8>), String>> {
    let head_end = find(bytes, b"\r\n\r\n")?;
    let Ok(head) = std::str::from_utf8(&bytes[..head_end]) else {
        return Some(Err("the answer's head is not UTF-8".into()));
    };
    let body = &bytes[head_end + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split(' ');
    let status = match (parts.next(), parts.next()) {
        (Some(v), Some(code)) if v.starts_with("HTTP/1.") => match code.parse::<u16>() {
            Ok(code) => code,
            Err(_) => return Some(Err("malformed status line".into())),
        },
        _ => return Some(Err("malformed status line".into())),
    };
    let mut length = None;
    let mut chunked = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Some(Err("malformed header line".into()));
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("content-length") {
            match value.parse::<usize>() {
                Ok(n) if length.is_none() && value.bytes().all(|b| b.is_ascii_digit()) => {
                    length = Some(n)
                }
                _ => return Some(Err("invalid or repeated Content-Length".into())),
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
            if !chunked {
                return Some(Err(format!("unsupported Transfer-Encoding {value:?}")));
            }
        }
    }
    if chunked {
        return dechunk(body, eof).map(|r| r.map(|body| (status, body)));
    }
    match length {
        Some(n) if body.len() >= n => Some(Ok((status, body[..n].to_vec()))),
        Some(_) if eof => Some(Err("truncated answer".into())),
        Some(_) => None,
        None if eof => Some(Ok((status, body.to_vec()))),
        None => None,
    }
}

/// The body of a chunked encoding (`size[;ext]\r\n data \r\n ... 0\r\n [trailers] \r\n`).
fn dechunk(mut bytes: &[u8], eof: bool) -> Option<Result<Vec<u8>, String>> {
    let incomplete = |eof: bool| eof.then(|| Err("truncated chunked answer".to_owned()));
    let mut body = Vec::new();
    loop {
        let Some(line_end) = find(bytes, b"\r\n") else {
            return incomplete(eof);
        };
        let size_text = std::str::from_utf8(&bytes[..line_end]).unwrap_or("");
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return Some(Err("malformed chunk size".into()));
        };
        bytes = &bytes[line_end + 2..];
        if size == 0 {
            // Trailers (if any) end with an empty line; the body is complete either way once
            // the last chunk is seen and the peer has said all.
            return if find(bytes, b"\r\n").is_some() || eof {
                Some(Ok(body))
            } else {
                None
            };
        }
        if size > MAX_ANSWER || bytes.len() < size + 2 {
            return if size > MAX_ANSWER {
                Some(Err("chunk larger than the answer limit".into()))
            } else {
                incomplete(eof)
            };
        }
        if &bytes[size..size + 2] != b"\r\n" {
            return Some(Err("malformed chunk".into()));
        }
        body.extend_from_slice(&bytes[..size]);
        bytes = &bytes[size + 2..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::{parse, resolve};
    use std::time::{Duration, Instant};

    #[test]
    fn names_are_looked_up_on_a_helper_thread_within_the_deadline() {
        // An address needs no lookup; a name goes to the helper thread and its answer comes
        // back through the slot (`localhost` resolves from /etc/hosts, with no network).
        assert_eq!(
            resolve("127.0.0.1:8", Duration::from_secs(1)).unwrap(),
            "127.0.0.1:8".parse().unwrap()
        );
        let started = Instant::now();
        let addr = resolve("localhost", Duration::from_secs(5)).unwrap();
        assert!(addr.ip().is_loopback(), "{addr}");
        assert_eq!(addr.port(), 80);
        assert!(started.elapsed() < Duration::from_secs(5));
        // A name that cannot resolve says so (or times out), and never hangs past the limit.
        let started = Instant::now();
        assert!(resolve("no-such-host.invalid", Duration::from_millis(300)).is_err());
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn content_length_chunked_and_close_framing() {
        let ok = |bytes: &[u8], eof| parse(bytes, eof).unwrap().unwrap();
        assert_eq!(
            ok(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", false),
            (200, b"hi".to_vec())
        );
        assert_eq!(
            ok(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n",
                false
            ),
            (200, b"abcde".to_vec())
        );
        assert_eq!(
            ok(b"HTTP/1.0 404 Not Found\r\n\r\nno", true),
            (404, b"no".to_vec())
        );
    }

    #[test]
    fn incomplete_answers_wait_and_bad_ones_are_errors() {
        assert!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhi", false).is_none());
        assert!(parse(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab",
            false
        )
        .is_none());
        for bad in [
            &b"HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nhi"[..],
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
            b"HTTP/1.1 2xx OK\r\n\r\n",
            b"SSH-2.0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        ] {
            assert!(
                parse(bad, true).unwrap().is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(
            parse(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhi", true)
                .unwrap()
                .is_err()
        );
    }
}
