//! Decodes one payload with one decoder, `ITERS` times, inside `measured_region`: run it
//! under `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured_region*'`
//! for repeatable instruction counts (`scripts/bench_table.py --callgrind` does).
//!
//! `decode_once PAYLOAD DECODER [ITERS]`, PAYLOAD one of small, medium, large, error, or any
//! other shape of `tencent_action_benches::shapes` (`error.zh.pretty`, ...) for the floor and
//! the library; DECODER one of floor, library, go_sdk, python_sdk, borrowed (large only).

use std::hint::black_box;
use std::process::ExitCode;

use tencent_action_benches::decode::{self, SdkFailure};
use tencent_action_benches::{cls, cvm, fail, shapes, sms};

#[inline(never)]
fn measured_region(iters: u32, f: &dyn Fn() -> bool) -> bool {
    let mut ok = true;
    for _ in 0..iters {
        ok &= black_box(f());
    }
    ok
}

fn api<T>(r: Result<T, SdkFailure>) -> bool {
    matches!(r, Err(SdkFailure::Api(_)))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (payload, decoder) = match (args.first(), args.get(1)) {
        (Some(p), Some(d)) => (p.as_str(), d.as_str()),
        _ => {
            eprintln!("usage: decode_once small|medium|large|error floor|library|go_sdk|python_sdk|borrowed [ITERS]");
            return ExitCode::from(2);
        }
    };
    let iters = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    if let (Some(shape), "floor" | "library") = (shapes::named(payload), decoder) {
        let decode = if decoder == "floor" {
            shape.floor
        } else {
            shape.library
        };
        let body = shape.body.as_slice();
        return if measured_region(iters, &|| decode(body)) {
            ExitCode::SUCCESS
        } else {
            eprintln!("{payload}/{decoder} did not decode as expected");
            ExitCode::FAILURE
        };
    }
    let body = match payload {
        "small" => sms::payload(),
        "medium" => cvm::payload(),
        "large" => cls::payload(),
        "error" => fail::payload(),
        _ => Vec::new(),
    };
    let body = body.as_slice();
    let f: Box<dyn Fn() -> bool + '_> = match (payload, decoder) {
        ("small", "floor") => Box::new(|| decode::floor::<sms::SendSmsPlain>(body).is_ok()),
        ("small", "library") => Box::new(|| decode::library::<sms::SendSms>(body).is_ok()),
        ("small", "go_sdk") => Box::new(|| decode::go_sdk::<sms::SendSmsSdk>(body).is_ok()),
        ("small", "python_sdk") => Box::new(|| decode::python_sdk::<sms::SendSmsSdk>(body).is_ok()),
        ("medium", "floor") => {
            Box::new(|| decode::floor::<cvm::DescribeInstancesPlain>(body).is_ok())
        }
        ("medium", "library") => {
            Box::new(|| decode::library::<cvm::DescribeInstances>(body).is_ok())
        }
        ("medium", "go_sdk") => {
            Box::new(|| decode::go_sdk::<cvm::DescribeInstancesSdk>(body).is_ok())
        }
        ("medium", "python_sdk") => {
            Box::new(|| decode::python_sdk::<cvm::DescribeInstancesSdk>(body).is_ok())
        }
        ("large", "floor") => Box::new(|| decode::floor::<cls::SearchLogPlain>(body).is_ok()),
        ("large", "library") => Box::new(|| decode::library::<cls::SearchLog>(body).is_ok()),
        ("large", "borrowed") => {
            Box::new(|| decode::library::<cls::SearchLogRef<'_>>(body).is_ok())
        }
        ("large", "go_sdk") => Box::new(|| decode::go_sdk::<cls::SearchLogSdk>(body).is_ok()),
        ("large", "python_sdk") => {
            Box::new(|| decode::python_sdk::<cls::SearchLogSdk>(body).is_ok())
        }
        ("error", "floor") => Box::new(|| decode::floor::<fail::ErrorPlain>(body).is_ok()),
        ("error", "library") => {
            Box::new(|| decode::library::<sms::SendSms>(body).is_err_and(|e| e.code().is_some()))
        }
        ("error", "go_sdk") => Box::new(|| api(decode::go_sdk::<sms::SendSmsSdk>(body))),
        ("error", "python_sdk") => Box::new(|| api(decode::python_sdk::<sms::SendSmsSdk>(body))),
        _ => {
            eprintln!("unknown payload/decoder: {payload} {decoder}");
            return ExitCode::from(2);
        }
    };
    if measured_region(iters, &*f) {
        ExitCode::SUCCESS
    } else {
        eprintln!("{payload}/{decoder} did not decode as expected");
        ExitCode::FAILURE
    }
}
