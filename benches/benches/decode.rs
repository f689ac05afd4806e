//! Every payload decoded four ways in one run: the floor (plain serde, no error handling),
//! this library, the Go SDK's way and the Python SDK's way; then zero-copy against owned.
//!
//! `cargo bench -p tencent-action-benches`, then `python3 scripts/bench_table.py`.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use serde::de::DeserializeOwned;
use tencent_action::Action;
use tencent_action_benches::decode::{self, SdkFailure};
use tencent_action_benches::{cls, cvm, fail, sms};

/// Benchmarks the four decoders of one success payload, after checking each really decodes it.
fn success<Plain, Lib, Sdk>(c: &mut Criterion, name: &str, body: &[u8], samples: usize)
where
    Plain: for<'de> serde::Deserialize<'de>,
    Lib: Action + for<'de> serde::Deserialize<'de>,
    Sdk: DeserializeOwned,
{
    decode::floor::<Plain>(body).expect("the floor decodes the payload");
    decode::library::<Lib>(body).expect("the library decodes the payload");
    decode::go_sdk::<Sdk>(body).expect("the Go SDK's way decodes the payload");
    decode::python_sdk::<Sdk>(body).expect("the Python SDK's way decodes the payload");

    let mut g = group(c, name, body, samples);
    g.bench_function("floor", |b| {
        b.iter(|| decode::floor::<Plain>(black_box(body)))
    });
    g.bench_function("library", |b| {
        b.iter(|| decode::library::<Lib>(black_box(body)))
    });
    g.bench_function("go_sdk", |b| {
        b.iter(|| decode::go_sdk::<Sdk>(black_box(body)))
    });
    g.bench_function("python_sdk", |b| {
        b.iter(|| decode::python_sdk::<Sdk>(black_box(body)))
    });
    g.finish();
}

fn group<'c>(
    c: &'c mut Criterion,
    name: &str,
    body: &[u8],
    samples: usize,
) -> BenchmarkGroup<'c, WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.sample_size(samples);
    g
}

fn small(c: &mut Criterion) {
    let body = sms::payload();
    success::<sms::SendSmsPlain, sms::SendSms, sms::SendSmsSdk>(c, "small", &body, 100);
}

fn medium(c: &mut Criterion) {
    let body = cvm::payload();
    success::<cvm::DescribeInstancesPlain, cvm::DescribeInstances, cvm::DescribeInstancesSdk>(
        c, "medium", &body, 50,
    );
}

fn large(c: &mut Criterion) {
    let body = cls::payload();
    success::<cls::SearchLogPlain, cls::SearchLog, cls::SearchLogSdk>(c, "large", &body, 20);
}

fn error(c: &mut Criterion) {
    let body = fail::payload();
    let api = |r: Result<sms::SendSmsSdk, SdkFailure>| matches!(r, Err(SdkFailure::Api(_)));
    decode::floor::<fail::ErrorPlain>(&body).expect("the floor decodes the error envelope");
    assert!(decode::library::<sms::SendSms>(&body).is_err_and(|e| e.code().is_some()));
    assert!(api(decode::go_sdk(&body)));
    assert!(api(decode::python_sdk(&body)));

    let mut g = group(c, "error", &body, 100);
    g.bench_function("floor", |b| {
        b.iter(|| decode::floor::<fail::ErrorPlain>(black_box(&body)))
    });
    g.bench_function("library", |b| {
        b.iter(|| decode::library::<sms::SendSms>(black_box(&body)))
    });
    g.bench_function("go_sdk", |b| {
        b.iter(|| decode::go_sdk::<sms::SendSmsSdk>(black_box(&body)))
    });
    g.bench_function("python_sdk", |b| {
        b.iter(|| decode::python_sdk::<sms::SendSmsSdk>(black_box(&body)))
    });
    g.finish();
}

fn zero_copy(c: &mut Criterion) {
    let body = cls::payload();
    decode::library::<cls::SearchLogRef<'_>>(&body).expect("the borrowed struct decodes");
    let mut g = group(c, "zero_copy", &body, 20);
    g.bench_function("owned", |b| {
        b.iter(|| decode::library::<cls::SearchLog>(black_box(&body)))
    });
    g.bench_function("borrowed", |b| {
        b.iter(|| decode::library::<cls::SearchLogRef<'_>>(black_box(&body)))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = small, medium, large, error, zero_copy
}
criterion_main!(benches);
