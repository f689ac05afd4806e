//! Why `tencent-action` has no SIMD backend: the measurements behind the note in
//! `docs/performance.md`.
//!
//! `simd_probe speed`: plain serde into `{"Response": T}` (the floor's structs, no envelope
//! machinery at all: the best case for any backend behind serde) through serde_json, sonic-rs
//! and simd-json, best of 5 rounds, on the bench payloads. simd-json parses in place, so it is
//! timed as `tencent_action::from_slice(&[u8])` would have to use it: copying the body into a
//! new `Vec` each time, and (its best case) into a reused `Vec` with reused parser buffers.
//!
//! `simd_probe depth`: how each parser ends on 100,000 nested arrays in a member the struct
//! does not read. sonic-rs 0.5.10 skips such a value by recursing with no depth limit (an
//! overflow aborts the process, so each decode runs in a child process).
//!
//! `simd_probe guard`: what a guard in front of sonic-rs would cost: a string-aware scan for
//! the deepest nesting ([`max_depth`]), alone and added to sonic-rs's time.
//!
//! ```text
//! cargo run --release -p tencent-action-benches --bin simd_probe -- speed
//! cargo run --release -p tencent-action-benches --bin simd_probe -- depth
//! cargo run --release -p tencent-action-benches --bin simd_probe -- guard
//! ```

use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

use tencent_action_benches::decode::Envelope;
use tencent_action_benches::{cls, cvm, sms};

/// Microseconds per decode: the best of 5 rounds of `n` decodes, after a warm-up.
fn time(n: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..n / 10 + 1 {
        f();
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        best = best.min(start.elapsed().as_secs_f64() / n as f64);
    }
    best * 1e6
}

fn compare<T: serde::de::DeserializeOwned>(name: &str, body: &[u8], n: usize) {
    let json = time(n, || {
        black_box(serde_json::from_slice::<Envelope<T>>(black_box(body)).unwrap());
    });
    let sonic = time(n, || {
        black_box(sonic_rs::from_slice::<Envelope<T>>(black_box(body)).unwrap());
    });
    let simd_copy = time(n, || {
        let mut copy = black_box(body).to_vec();
        black_box(simd_json::serde::from_slice::<Envelope<T>>(&mut copy).unwrap());
    });
    let mut copy = Vec::with_capacity(body.len());
    let mut buffers = simd_json::Buffers::new(body.len());
    let simd_reused = time(n, || {
        copy.clear();
        copy.extend_from_slice(black_box(body));
        black_box(
            simd_json::serde::from_slice_with_buffers::<Envelope<T>>(&mut copy, &mut buffers)
                .unwrap(),
        );
    });
    println!(
        "{name:<7} {:>9} B  serde_json {json:>9.2} us  sonic-rs {sonic:>9.2} us ({:.2}x)  \
         simd-json copy {simd_copy:>9.2} us ({:.2}x)  reused {simd_reused:>9.2} us ({:.2}x)",
        body.len(),
        json / sonic,
        json / simd_copy,
        json / simd_reused,
    );
}

fn speed() {
    compare::<sms::SendSmsPlain>("small", &sms::payload(), 20_000);
    compare::<cvm::DescribeInstancesPlain>("medium", &cvm::payload(), 200);
    compare::<cls::SearchLogPlain>("large", &cls::payload(), 20);
}

/// The deepest nesting of arrays and objects in `body`, strings (and escapes in them) skipped;
/// stops counting once past `limit`. What a guard would run before handing a body to a parser
/// that recurses without limit: one more pass over every byte.
pub fn max_depth(body: &[u8], limit: usize) -> usize {
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while at < body.len() {
        match body[at] {
            b'"' => {
                // To the closing quote: the next quote or backslash, a backslash and the byte it
                // escapes at a time.
                at += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &body[at..]) {
                        Some(i) if body[at + i] == b'\\' => at += i + 2,
                        Some(i) => {
                            at += i;
                            break;
                        }
                        None => return deepest,
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > deepest {
                    deepest = depth;
                    if deepest > limit {
                        return deepest;
                    }
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        at += 1;
    }
    deepest
}

fn guard_one<T: serde::de::DeserializeOwned>(name: &str, body: &[u8], n: usize) {
    let depth = max_depth(body, usize::MAX);
    let scan = time(n, || {
        black_box(max_depth(black_box(body), 128));
    });
    let json = time(n, || {
        black_box(serde_json::from_slice::<Envelope<T>>(black_box(body)).unwrap());
    });
    let guarded = time(n, || {
        assert!(max_depth(black_box(body), 128) <= 128);
        black_box(sonic_rs::from_slice::<Envelope<T>>(black_box(body)).unwrap());
    });
    println!(
        "{name:<7} {:>9} B  depth {depth}  scan {scan:>9.2} us  serde_json {json:>9.2} us  \
         scan + sonic-rs {guarded:>9.2} us ({:.2}x)",
        body.len(),
        json / guarded,
    );
}

fn guard() {
    guard_one::<sms::SendSmsPlain>("small", &sms::payload(), 20_000);
    guard_one::<cvm::DescribeInstancesPlain>("medium", &cvm::payload(), 200);
    guard_one::<cls::SearchLogPlain>("large", &cls::payload(), 20);
}

#[derive(serde::Deserialize)]
#[allow(dead_code)] // read by serde only
struct Count {
    #[serde(rename = "TotalCount")]
    total_count: u64,
}

/// An unknown member 100,000 arrays deep, beside the one the struct reads.
fn deep_body() -> String {
    let depth = 100_000;
    format!(
        r#"{{"Response": {{"Unknown": {}{}, "TotalCount": 1}}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

fn depth() {
    for parser in ["serde_json", "sonic-rs", "simd-json"] {
        let status = Command::new(std::env::current_exe().expect("own path"))
            .args(["depth-child", parser])
            .status()
            .expect("child runs");
        let outcome = match status.code() {
            Some(0) => "decoded, no crash".to_owned(),
            Some(3) => "refused with an error, no crash".to_owned(),
            _ => format!("crashed ({status})"),
        };
        println!("{parser:<10} 100,000 nested arrays in an unknown member: {outcome}");
    }
}

fn depth_child(parser: &str) {
    let body = deep_body();
    let total = match parser {
        "serde_json" => serde_json::from_str::<Envelope<Count>>(&body)
            .map(|e| e.response.total_count)
            .map_err(|e| e.to_string()),
        "sonic-rs" => sonic_rs::from_str::<Envelope<Count>>(&body)
            .map(|e| e.response.total_count)
            .map_err(|e| e.to_string()),
        _ => simd_json::serde::from_slice::<Envelope<Count>>(&mut body.into_bytes())
            .map(|e| e.response.total_count)
            .map_err(|e| e.to_string()),
    };
    match total {
        Ok(1) => {}
        Ok(other) => panic!("TotalCount {other}"),
        Err(e) => {
            println!("{parser:<10} error: {e}");
            std::process::exit(3);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["speed"] => speed(),
        ["depth"] => depth(),
        ["depth-child", parser] => depth_child(parser),
        ["guard"] => guard(),
        _ => eprintln!("usage: simd_probe speed | depth | guard"),
    }
}
