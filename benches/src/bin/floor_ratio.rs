//! Wall time of the library against the floor, interleaved: each round times a batch of floor
//! decodes and a batch of library decodes back to back (the order alternating), so that a
//! disturbance of the machine falls on both; the ratio of each round is library / floor.
//!
//! `floor_ratio [--rounds N] [--batch-us US] [SHAPE...]` (default: 201 rounds of 500 µs batches,
//! every shape of `tencent_action_benches::shapes`; short batches are seldom preempted, so on a
//! shared machine most rounds are clean, and the median ignores the others). Prints, per shape, the median time per
//! decode of each and the per-round ratios: their median (the figure judged: a round disturbed
//! by another process moves one ratio, not the median) and spread (min, quartiles, max). Build
//! with `--release`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use tencent_action_benches::shapes::{self, Shape};

fn main() -> ExitCode {
    let mut rounds = 201usize;
    let mut batch = Duration::from_micros(500);
    let mut names = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let number = |v: Option<String>| v.and_then(|v| v.parse::<u64>().ok());
        match arg.as_str() {
            "--rounds" => match number(args.next()) {
                Some(n) if n > 0 => rounds = n as usize,
                _ => return usage(),
            },
            "--batch-us" => match number(args.next()) {
                Some(n) if n > 0 => batch = Duration::from_micros(n),
                _ => return usage(),
            },
            _ => names.push(arg),
        }
    }
    let all = shapes::all();
    let chosen: Vec<&Shape> = if names.is_empty() {
        all.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for name in &names {
            match all.iter().find(|s| s.name == name) {
                Some(s) => chosen.push(s),
                None => {
                    eprintln!("unknown shape {name}");
                    return usage();
                }
            }
        }
        chosen
    };
    println!("| shape | bytes | floor | library | library / floor (median round) | rounds: min, q1, q3, max |");
    println!("|---|---|---|---|---|---|");
    for shape in chosen {
        if !(shape.floor)(&shape.body) || !(shape.library)(&shape.body) {
            eprintln!("{} does not decode as expected", shape.name);
            return ExitCode::FAILURE;
        }
        let n = calibrate(shape, batch);
        let (mut floor, mut library, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (f, l) = if round % 2 == 0 {
                let f = time(shape.floor, &shape.body, n);
                (f, time(shape.library, &shape.body, n))
            } else {
                let l = time(shape.library, &shape.body, n);
                (time(shape.floor, &shape.body, n), l)
            };
            floor.push(f);
            library.push(l);
            ratios.push(l / f);
        }
        let (f, l) = (median(&mut floor), median(&mut library));
        ratios.sort_by(f64::total_cmp);
        let q = |p: f64| ratios[((ratios.len() - 1) as f64 * p).round() as usize];
        println!(
            "| {} | {} | {} | {} | {:.3} | {:.3}, {:.3}, {:.3}, {:.3} |",
            shape.name,
            shape.body.len(),
            show(f),
            show(l),
            q(0.5),
            q(0.0),
            q(0.25),
            q(0.75),
            q(1.0)
        );
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: floor_ratio [--rounds N] [--batch-us US] [SHAPE...]");
    ExitCode::from(2)
}

/// Decodes per batch: enough for the floor to take about `batch`.
fn calibrate(shape: &Shape, batch: Duration) -> u32 {
    let mut n = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            (shape.floor)(&shape.body);
        }
        if start.elapsed() >= batch / 4 || n >= 1 << 24 {
            let per = start.elapsed().as_secs_f64() / f64::from(n);
            return ((batch.as_secs_f64() / per).ceil() as u32).max(1);
        }
        n *= 2;
    }
}

/// Nanoseconds per decode over a batch of `n`.
fn time(decode: shapes::Decode, body: &[u8], n: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(decode(std::hint::black_box(body)));
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn show(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
