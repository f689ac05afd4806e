//! Conformance harness, written by `tencent-action-codegen conformance` (see
//! scripts/conformance.sh): decodes every published example of the generated actions with
//! `tencent_action::from_str` (and `from_slice`), checks the RequestId, and compares the schema
//! contradictions found with the committed expectations file.
//!
//! Usage: tencent-action-conformance --expected FILE [--update]

#![allow(dead_code, unused_imports, non_snake_case, clippy::all)]

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use serde::de::DeserializeOwned;
use tencent_action::{Action, ErrorKind};

//@MODULES@

/// How one example decoded.
pub enum Outcome {
    /// Decoded, with the RequestId of the body.
    Ok,
    /// A shape error: the example contradicts its own schema at `path`.
    Contradiction { path: String, reason: String },
    /// A published error example (`Response.Error`), decoded as that API error with its code
    /// and RequestId.
    ApiError,
    /// Not JSON at all: an event stream (CLS `ChatCompletions`), or text with escapes JSON does
    /// not have. Skipped, and counted.
    NotJson(String),
    /// Anything else: no RequestId captured, `from_str` and `from_slice` disagree...
    Failed(String),
}

struct Service {
    name: &'static str,
    version: &'static str,
    examples: &'static str,
    /// Response structs and #[tencent_model] types generated for every action: all of them
    /// compiled under the schema check to get here.
    compiled: usize,
    check: fn(&str, &str) -> Option<Outcome>,
}

/// Decodes `body` as `T` both ways and classifies the result.
pub fn check<T: Action + DeserializeOwned>(body: &str) -> Outcome {
    let value = match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) => value,
        Err(e) => return Outcome::NotJson(e.to_string()),
    };
    let error_code = value
        .get("Response")
        .and_then(|r| r.get("Error")?.get("Code")?.as_str())
        .map(str::to_owned);
    let expected = value
        .get("Response")
        .and_then(|r| r.get("RequestId")?.as_str().map(str::to_owned));
    let Some(expected) = expected else {
        return Outcome::Failed("the example has no string Response.RequestId".into());
    };
    let by_str = tencent_action::from_str::<T>(body);
    let by_slice = tencent_action::from_slice::<T>(body.as_bytes());
    match (by_str, by_slice) {
        (Ok(a), Ok(b)) => {
            if a.request_id() == expected && b.request_id() == expected {
                Outcome::Ok
            } else {
                Outcome::Failed(format!(
                    "RequestId not captured: from_str gave {:?}, from_slice {:?}, the body has {:?}",
                    a.request_id(),
                    b.request_id(),
                    expected
                ))
            }
        }
        (Err(a), Err(b)) => {
            let shown = a.to_string();
            if shown != b.to_string() || a.path() != b.path() {
                return Outcome::Failed(format!(
                    "from_str and from_slice disagree: {shown} / {b}"
                ));
            }
            if a.request_id() != Some(expected.as_str()) {
                return Outcome::Failed(format!("RequestId not captured in the error: {shown}"));
            }
            match (a.kind(), a.path()) {
                (ErrorKind::Api, _) if error_code.is_some() && a.code() == error_code.as_deref() => {
                    Outcome::ApiError
                }
                (ErrorKind::Shape, Some(path)) => Outcome::Contradiction {
                    path: path.to_owned(),
                    reason: shown,
                },
                _ => Outcome::Failed(shown),
            }
        }
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => {
            Outcome::Failed(format!("from_str and from_slice disagree: one failed with {e}"))
        }
    }
}

type Key = (String, String, String, usize);

/// What the expectations file records of a contradiction: where, and what kind of mismatch
/// (`missing field `X``, `invalid type`...: serde's reason up to its first `:`, which keeps
/// the example's values out of the file).
#[derive(Clone, PartialEq, Eq)]
struct Expect {
    path: String,
    reason: String,
}

fn reason_class(shown: &str, path: &str) -> String {
    let marker = format!(" at {path}: ");
    let reason = shown.split_once(&marker).map_or(shown, |(_, r)| r);
    let reason = reason.split(" at line ").next().unwrap_or(reason);
    let reason = reason.split(" (RequestId ").next().unwrap_or(reason);
    if reason.starts_with("missing field ") {
        reason.trim().to_owned()
    } else {
        reason.split(':').next().unwrap_or(reason).trim().to_owned()
    }
}

/// Reads the expectations: one tab-separated line per case,
/// `service version action #index path reason`; `#` starts a comment line.
fn read_expected(path: &str) -> Result<BTreeMap<Key, Expect>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("reading {path}: {e}")),
    };
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let parsed = match cols.as_slice() {
            [service, version, action, index, path, reason] => index
                .strip_prefix('#')
                .and_then(|i| i.parse().ok())
                .map(|index: usize| {
                    (
                        (service.to_string(), version.to_string(), action.to_string(), index),
                        Expect { path: path.to_string(), reason: reason.to_string() },
                    )
                }),
            _ => None,
        };
        match parsed {
            Some((key, expect)) => {
                out.insert(key, expect);
            }
            None => {
                return Err(format!(
                    "{path}:{}: expected six tab-separated columns `service version action #index path reason`, found `{line}`",
                    n + 1
                ))
            }
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut expected_path = None;
    let mut update = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--expected" => expected_path = it.next().cloned(),
            "--update" => update = true,
            other => {
                eprintln!("unknown argument {other}; usage: --expected FILE [--update]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(expected_path) = expected_path else {
        eprintln!("usage: --expected FILE [--update]");
        return ExitCode::from(2);
    };
    let expected = match read_expected(&expected_path) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };

    let mut actions = 0usize;
    let mut examples = 0usize;
    let mut ok = 0usize;
    let mut api_errors = 0usize;
    let mut not_json = 0usize;
    let mut contradictions: BTreeMap<Key, Expect> = BTreeMap::new();
    // Failures are regressions always; mismatches with the expectations file unless updating it.
    let mut regressions: Vec<String> = Vec::new();
    let mut mismatches: Vec<String> = Vec::new();
    let mut seen: BTreeSet<Key> = BTreeSet::new();

    for service in SERVICES {
        let text = match std::fs::read_to_string(service.examples) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("reading {}: {e}", service.examples);
                return ExitCode::from(2);
            }
        };
        let file: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{} is not JSON: {e}", service.examples);
                return ExitCode::from(2);
            }
        };
        let Some(by_action) = file.get("actions").and_then(|a| a.as_object()) else {
            eprintln!("{} has no `actions` object", service.examples);
            return ExitCode::from(2);
        };
        for (action, list) in by_action {
            let list = list.as_array().map(Vec::as_slice).unwrap_or(&[]);
            if list.is_empty() {
                continue;
            }
            actions += 1;
            for (index, example) in list.iter().enumerate() {
                examples += 1;
                let key: Key = (
                    service.name.to_owned(),
                    service.version.to_owned(),
                    action.clone(),
                    index,
                );
                seen.insert(key.clone());
                let label = format!("{} {} {action} #{index}", service.name, service.version);
                let Some(body) = example.get("output").and_then(|o| o.as_str()) else {
                    regressions.push(format!("{label}: the example has no `output` text"));
                    continue;
                };
                let outcome = match (service.check)(action, body) {
                    Some(outcome) => outcome,
                    None => Outcome::Failed("no struct was generated for this action".into()),
                };
                match (outcome, expected.get(&key)) {
                    (Outcome::Ok, None) => ok += 1,
                    (Outcome::ApiError, None) => {
                        ok += 1;
                        api_errors += 1;
                    }
                    (Outcome::NotJson(why), None) => {
                        println!("skipped        {label}: not JSON ({why})");
                        not_json += 1;
                    }
                    (Outcome::ApiError | Outcome::NotJson(_), Some(listed)) => mismatches.push(format!(
                        "{label}: listed as contradicting its schema at {}, but is not a shape error now",
                        listed.path
                    )),
                    (Outcome::Ok, Some(listed)) => mismatches.push(format!(
                        "{label}: listed as contradicting its schema at {}, but now decodes (remove it from {expected_path})",
                        listed.path
                    )),
                    (Outcome::Contradiction { path, reason }, listed) => {
                        println!("contradiction  {label}  at {path}: {reason}");
                        let found = Expect { reason: reason_class(&reason, &path), path };
                        match listed {
                            Some(l) if *l == found => {}
                            Some(l) => mismatches.push(format!(
                                "{label}: listed at {} ({}), but now fails at {} ({})",
                                l.path, l.reason, found.path, found.reason
                            )),
                            None => mismatches.push(format!(
                                "{label}: not listed in {expected_path}, fails at {} ({})",
                                found.path, found.reason
                            )),
                        }
                        contradictions.insert(key, found);
                    }
                    (Outcome::Failed(reason), _) => {
                        regressions.push(format!("{label}: {reason}"))
                    }
                }
            }
        }
    }
    for (key, listed) in &expected {
        if !seen.contains(key) {
            mismatches.push(format!(
                "{} {} {} #{}: listed at {}, but there is no such example",
                key.0, key.1, key.2, key.3, listed.path
            ));
        }
    }

    if update {
        let mut text = String::from(
            "# Published examples that contradict their own api.json schema (tccli 3.1.189.1),\n\
             # as found by scripts/conformance.sh. One per line, tab-separated:\n\
             # service, version, action, #example index, path of the first mismatch, reason.\n\
             # Regenerate with: scripts/conformance.sh --update\n",
        );
        for ((service, version, action, index), e) in &contradictions {
            text.push_str(&format!(
                "{service}\t{version}\t{action}\t#{index}\t{}\t{}\n",
                e.path, e.reason
            ));
        }
        if let Err(e) = std::fs::write(&expected_path, text) {
            eprintln!("writing {expected_path}: {e}");
            return ExitCode::from(2);
        }
        println!("wrote {} contradictions to {expected_path}", contradictions.len());
    } else {
        regressions.append(&mut mismatches);
    }
    for r in &regressions {
        println!("REGRESSION  {r}");
    }
    println!(
        "conformance: {} services, {} generated structs compiled under the schema check, {actions} actions with examples, {examples} examples, {ok} ok ({api_errors} of them published error examples decoded as their API error), {not_json} not JSON (skipped), {} schema contradictions listed above, {} regressions",
        SERVICES.len(),
        SERVICES.iter().map(|s| s.compiled).sum::<usize>(),
        contradictions.len(),
        regressions.len()
    );
    if regressions.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
