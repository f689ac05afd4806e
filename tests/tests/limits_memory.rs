//! Memory of a decode is proportional to the input: a counting global allocator records the
//! peak of live heap bytes while a body is decoded (the body itself, built beforehand, is not
//! counted; the decoded value, still alive at the peak, is), and the peak is compared with
//! the body's size.
//!
//! By default: a 10 MB string (plain and with escapes), a 1 MB and a 10 MB response of many
//! small objects (the ratio must not grow with the size), and the failure path of a 10 MB
//! response. Ignored by default (slow in debug), the 100 MB response:
//!
//! ```text
//! cargo test --release -p tencent-action-tests --test limits_memory -- --include-ignored --nocapture
//! ```
//!
//! The numbers it prints are in `docs/conformance.md` (Limits).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use tencent_action::prelude::*;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the counters only
// observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's layout.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's pointer, layout and size.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Measurements share the counters: one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Runs `f`; returns its result and the peak of live heap bytes it added.
fn peak_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let base = LIVE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let result = f();
    let peak = PEAK.load(Ordering::SeqCst).saturating_sub(base);
    (result, peak)
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: u64,
    pub instance_set: Vec<Instance>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub instance_name: String,
    #[serde(rename = "CPU")]
    pub cpu: u64,
    pub memory: u64,
    pub tags: Vec<String>,
}

// A made-up product ("demo" has no published schema): SMS's real DescribeSmsTemplateList
// nests the template text in `DescribeTemplateStatusSet`; the test wants one top-level string.
#[tencent_action(
    service = "demo",
    version = "2021-01-11",
    action = "DescribeSmsTemplateList",
    schema = false
)]
#[derive(Debug)]
pub struct Template {
    pub template_content: String,
}

/// A response of about `size` bytes: many small instances, RequestId last.
fn many_objects(size: usize) -> Vec<u8> {
    let mut body = String::with_capacity(size + 256);
    body.push_str(r#"{"Response": {"TotalCount": 0, "InstanceSet": ["#);
    let mut i = 0u64;
    while body.len() < size {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            r#"{{"InstanceId": "ins-{i:08}", "InstanceName": "web server {i}", "CPU": 4, "Memory": 8, "Tags": ["env:prod", "team:a"], "Zone": "ap-guangzhou-3"}}"#
        ));
        i += 1;
    }
    body.push_str(r#"], "RequestId": "6d1bd3c4-0f21-4d6a-9b43-0a3c6b7e8f90"}}"#);
    body.into_bytes()
}

/// `{"Response": {"TemplateContent": "<size bytes>", ...}}`; with `escapes`, one `\n` and
/// one `\u4e2d` every 64 bytes.
fn long_string(size: usize, escapes: bool) -> Vec<u8> {
    // 64 bytes of JSON text: the two escapes (8 bytes) and 56 plain bytes.
    let unit = if escapes {
        format!("\\n\\u4e2d{}", "x".repeat(56))
    } else {
        "x".repeat(64)
    };
    let content = unit.repeat(size.div_ceil(64));
    format!(r#"{{"Response": {{"TemplateContent": "{content}", "RequestId": "r"}}}}"#).into_bytes()
}

struct Measured {
    input: usize,
    peak: usize,
}

impl Measured {
    fn ratio(&self) -> f64 {
        self.peak as f64 / self.input as f64
    }

    fn report(&self, what: &str) {
        println!(
            "{what}: input {:.1} MB, peak heap during decode {:.1} MB, ratio {:.2}",
            self.input as f64 / 1e6,
            self.peak as f64 / 1e6,
            self.ratio()
        );
    }
}

fn measure_objects(size: usize) -> Measured {
    let body = many_objects(size);
    let (out, peak) = peak_during(|| tencent_action::from_slice::<DescribeInstances>(&body));
    let out = out.expect("decodes");
    assert!(out.instance_set.len() > size / 200);
    assert_eq!(out.request_id(), "6d1bd3c4-0f21-4d6a-9b43-0a3c6b7e8f90");
    drop(out);
    Measured {
        input: body.len(),
        peak,
    }
}

fn measure_string(size: usize, escapes: bool, via_str: bool) -> Measured {
    let body = long_string(size, escapes);
    let text = std::str::from_utf8(&body).unwrap();
    let (out, peak) = peak_during(|| {
        if via_str {
            tencent_action::from_str::<Template>(text)
        } else {
            tencent_action::from_slice::<Template>(&body)
        }
    });
    let out = out.expect("decodes");
    assert!(out.template_content.len() >= size * 9 / 10);
    assert_eq!(out.request_id(), "r");
    Measured {
        input: body.len(),
        peak,
    }
}

#[test]
fn decoding_takes_memory_proportional_to_the_input() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    const MB: usize = 1_000_000;

    // A 10 MB string: one allocation of its size (plus serde_json's scratch buffer when the
    // string has escapes, which doubles as it grows).
    for (escapes, via_str) in [(false, false), (false, true), (true, false), (true, true)] {
        let m = measure_string(10 * MB, escapes, via_str);
        m.report(&format!(
            "10 MB string{}, {}",
            if escapes { " with escapes" } else { "" },
            if via_str { "from_str" } else { "from_slice" }
        ));
        let bound = if escapes { 3.5 } else { 1.5 };
        assert!(m.ratio() < bound, "ratio {:.2} >= {bound}", m.ratio());
    }

    // Many small objects: the decoded structs are bigger than their JSON, and the Vec doubles
    // as it grows (so the ratio moves between sizes by up to 2x), but it does not grow with the
    // size: 10x the input is not 10x the ratio.
    let small = measure_objects(MB);
    small.report("1 MB response of small objects");
    let large = measure_objects(10 * MB);
    large.report("10 MB response of small objects");
    assert!(large.ratio() < 4.0, "ratio {:.2}", large.ratio());
    assert!(
        large.ratio() < small.ratio() * 2.5,
        "the ratio grows with the input: {:.2} at 1 MB, {:.2} at 10 MB",
        small.ratio(),
        large.ratio()
    );
}

#[test]
fn the_failure_path_takes_memory_proportional_to_the_input() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // A 10 MB response whose last instance has a string CPU: the fast decode fails at the
    // end, and the failure path reads the body again for the RequestId and the path.
    let mut body = many_objects(10_000_000);
    let tail = br#", {"InstanceId": "x", "InstanceName": "x", "CPU": "four", "Memory": 1, "Tags": []}], "RequestId": "rid-fail"}}"#;
    let cut = body.len() - br#"], "RequestId": "6d1bd3c4-0f21-4d6a-9b43-0a3c6b7e8f90"}}"#.len();
    body.truncate(cut);
    body.extend_from_slice(tail);
    let (e, peak) = peak_during(|| tencent_action::from_slice::<DescribeInstances>(&body));
    let e = e.expect_err("the last CPU is a string");
    assert_eq!(e.request_id(), Some("rid-fail"));
    assert!(e.path().is_some_and(|p| p.ends_with("].CPU")), "{e}");
    let shown = e.to_string();
    assert!(
        shown.len() < 1_000,
        "the error carries {} bytes",
        shown.len()
    );
    drop(e);
    let m = Measured {
        input: body.len(),
        peak,
    };
    m.report("10 MB response, failure path");
    assert!(m.ratio() < 4.0, "ratio {:.2}", m.ratio());
}

#[test]
#[ignore = "100 MB: slow in debug; run in release, see the module docs"]
fn a_100_mb_response_takes_memory_proportional_to_the_input() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let m = measure_objects(100_000_000);
    m.report("100 MB response of small objects");
    assert!(m.ratio() < 4.0, "ratio {:.2}", m.ratio());
    let m = measure_string(100_000_000, true, false);
    m.report("100 MB string with escapes, from_slice");
    assert!(m.ratio() < 3.5, "ratio {:.2}", m.ratio());
}
