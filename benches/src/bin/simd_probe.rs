//! Why `tencent-action` has no SIMD (sonic-rs) backend: the two measurements behind the
//! note in `docs/performance.md`.
//!
//! `simd_probe speed`: plain serde into `{"Response": T}` (the floor's structs, no envelope
//! machinery at all: the best case for any backend behind serde) through serde_json and through
//! sonic-rs, best of 5 rounds, on the bench payloads.
//!
//! `simd_probe depth`: sonic-rs 0.5.10 skips a value the struct does not read by recursing, with
//! no depth limit, so a hostile body overflows the stack where serde_json skips iteratively. The
//! decode runs in a child process (an overflow aborts the process); the parent reports how it
//! ended, for serde_json and for sonic-rs.
//!
//! ```text
//! cargo run --release -p tencent-action-benches --bin simd_probe -- speed
//! cargo run --release -p tencent-action-benches --bin simd_probe -- depth
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
    println!(
        "{name:<7} {:>9} B  serde_json {json:>9.2} us  sonic-rs {sonic:>9.2} us  serde_json / sonic-rs {:.2}",
        body.len(),
        json / sonic
    );
}

fn speed() {
    compare::<sms::SendSmsPlain>("small", &sms::payload(), 20_000);
    compare::<cvm::DescribeInstancesPlain>("medium", &cvm::payload(), 200);
    compare::<cls::SearchLogPlain>("large", &cls::payload(), 20);
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
    for parser in ["serde_json", "sonic-rs"] {
        let status = Command::new(std::env::current_exe().expect("own path"))
            .args(["depth-child", parser])
            .status()
            .expect("child runs");
        let outcome = if status.success() {
            "decoded, no crash".to_owned()
        } else {
            format!("crashed ({status})")
        };
        println!("{parser:<10} 100,000 nested arrays in an unknown member: {outcome}");
    }
}

fn depth_child(parser: &str) {
    let body = deep_body();
    let total = match parser {
        "serde_json" => serde_json::from_str::<Envelope<Count>>(&body)
            .map(|e| e.response.total_count)
            .ok(),
        _ => sonic_rs::from_str::<Envelope<Count>>(&body)
            .map(|e| e.response.total_count)
            .ok(),
    };
    assert_eq!(total, Some(1));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["speed"] => speed(),
        ["depth"] => depth(),
        ["depth-child", parser] => depth_child(parser),
        _ => eprintln!("usage: simd_probe speed | depth"),
    }
}
