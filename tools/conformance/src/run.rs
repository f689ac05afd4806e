//! The run: every example of every service decoded, compared with the expectations, counted.

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use crate::expected::{self, reason_class, Expect, Key};
use crate::outcome::Outcome;

/// One product of the generated harness: written into its `main.rs` by
/// [`write_harness_crate`](crate::write_harness_crate).
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// The service's short name, `cvm`.
    pub name: &'static str,
    /// Its API version, `2017-03-12`.
    pub version: &'static str,
    /// The path of its `examples.json`.
    pub examples: &'static str,
    /// Response structs and `#[tencent_model]` types generated for every action: all of them
    /// compiled under the schema check for the harness to run at all.
    pub compiled: usize,
    /// Decodes a body as the response of an action; `None` for an action not generated.
    pub check: fn(&str, &str) -> Option<Outcome>,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Services run.
    pub services: usize,
    /// Structs compiled under the schema check, over all services.
    pub compiled: usize,
    /// Actions with at least one example.
    pub actions: usize,
    /// Examples decoded.
    pub examples: usize,
    /// Examples that decoded as they should (published errors included).
    pub ok: usize,
    /// Of `ok`, the published error examples decoded as their API error.
    pub api_errors: usize,
    /// Examples that are not JSON, skipped.
    pub not_json: usize,
    /// The lines to print, one per contradiction or skipped example, in the order found.
    pub lines: Vec<String>,
    /// Every contradiction found: what `--update` writes.
    pub contradictions: BTreeMap<Key, Expect>,
    /// Failures: always regressions.
    pub failures: Vec<String>,
    /// Differences from the expectations file: regressions unless the file is being updated.
    pub mismatches: Vec<String>,
    seen: BTreeSet<Key>,
}

impl Report {
    /// Decodes every example in `examples` (the text of the service's `examples.json`) and
    /// records each outcome against `expected`.
    ///
    /// # Errors
    ///
    /// When `examples` is not JSON or has no `actions` object.
    pub fn add_service(
        &mut self,
        service: &Service,
        examples: &str,
        expected: &BTreeMap<Key, Expect>,
    ) -> Result<(), String> {
        let file: serde_json::Value = serde_json::from_str(examples)
            .map_err(|e| format!("{} is not JSON: {e}", service.examples))?;
        let by_action = file
            .get("actions")
            .and_then(|a| a.as_object())
            .ok_or_else(|| format!("{} has no `actions` object", service.examples))?;
        self.services += 1;
        self.compiled += service.compiled;
        for (action, list) in by_action {
            let list = list.as_array().map(Vec::as_slice).unwrap_or(&[]);
            if list.is_empty() {
                continue;
            }
            self.actions += 1;
            for (index, example) in list.iter().enumerate() {
                let key: Key = (
                    service.name.to_owned(),
                    service.version.to_owned(),
                    action.clone(),
                    index,
                );
                let outcome = match example.get("output").and_then(|o| o.as_str()) {
                    Some(body) => (service.check)(action, body).unwrap_or_else(|| {
                        Outcome::Failed("no struct was generated for this action".into())
                    }),
                    None => Outcome::Failed("the example has no `output` text".into()),
                };
                self.record(key, outcome, expected);
            }
        }
        Ok(())
    }

    fn record(&mut self, key: Key, outcome: Outcome, expected: &BTreeMap<Key, Expect>) {
        self.examples += 1;
        self.seen.insert(key.clone());
        let label = format!("{} {} {} #{}", key.0, key.1, key.2, key.3);
        match (outcome, expected.get(&key)) {
            (Outcome::Ok, None) => self.ok += 1,
            (Outcome::ApiError, None) => {
                self.ok += 1;
                self.api_errors += 1;
            }
            (Outcome::NotJson(why), None) => {
                self.lines
                    .push(format!("skipped        {label}: not JSON ({why})"));
                self.not_json += 1;
            }
            (Outcome::ApiError | Outcome::NotJson(_), Some(listed)) => self.mismatches.push(format!(
                "{label}: listed as contradicting its schema at {}, but is not a shape error now",
                listed.path
            )),
            (Outcome::Ok, Some(listed)) => self.mismatches.push(format!(
                "{label}: listed as contradicting its schema at {}, but now decodes (remove it from the expectations)",
                listed.path
            )),
            (Outcome::Contradiction { path, reason }, listed) => {
                self.lines
                    .push(format!("contradiction  {label}  at {path}: {reason}"));
                let found = Expect {
                    reason: reason_class(&reason, &path),
                    path,
                };
                match listed {
                    Some(l) if *l == found => {}
                    Some(l) => self.mismatches.push(format!(
                        "{label}: listed at {} ({}), but now fails at {} ({})",
                        l.path, l.reason, found.path, found.reason
                    )),
                    None => self.mismatches.push(format!(
                        "{label}: not listed in the expectations, fails at {} ({})",
                        found.path, found.reason
                    )),
                }
                self.contradictions.insert(key, found);
            }
            (Outcome::Failed(reason), _) => self.failures.push(format!("{label}: {reason}")),
        }
    }

    /// Once every service is added: the listed cases that were not seen are mismatches too.
    pub fn finish(&mut self, expected: &BTreeMap<Key, Expect>) {
        for (key, listed) in expected {
            if !self.seen.contains(key) {
                self.mismatches.push(format!(
                    "{} {} {} #{}: listed at {}, but there is no such example",
                    key.0, key.1, key.2, key.3, listed.path
                ));
            }
        }
    }

    /// The regressions: failures, and the mismatches unless `updating` the expectations.
    pub fn regressions(&self, updating: bool) -> Vec<&str> {
        let mismatches = if updating {
            &[][..]
        } else {
            &self.mismatches[..]
        };
        self.failures
            .iter()
            .chain(mismatches)
            .map(String::as_str)
            .collect()
    }

    /// The last line of a run.
    pub fn summary(&self, regressions: usize) -> String {
        format!(
            "conformance: {} services, {} generated structs compiled under the schema check, {} actions with examples, {} examples, {} ok ({} of them published error examples decoded as their API error), {} not JSON (skipped), {} schema contradictions listed above, {regressions} regressions",
            self.services,
            self.compiled,
            self.actions,
            self.examples,
            self.ok,
            self.api_errors,
            self.not_json,
            self.contradictions.len(),
        )
    }
}

const USAGE: &str = "usage: tencent-action-conformance-harness --expected FILE [--update]";

/// The generated harness's `main`: `--expected FILE` compares the contradictions found with
/// the file; `--update` rewrites it instead. Prints one line per contradiction or skipped
/// example, one per regression, and the summary; fails when there is a regression.
pub fn main(services: &[Service]) -> ExitCode {
    match run(services, std::env::args().skip(1)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn run(services: &[Service], args: impl Iterator<Item = String>) -> Result<bool, String> {
    let mut expected_path = None;
    let mut update = false;
    let mut args = args;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--expected" => expected_path = Some(args.next().ok_or(USAGE)?),
            "--update" => update = true,
            other => return Err(format!("unknown argument {other}; {USAGE}")),
        }
    }
    let expected_path = expected_path.ok_or(USAGE)?;
    let text = match std::fs::read_to_string(&expected_path) {
        Ok(text) => text,
        // No file yet: everything found is new (and `--update` writes it).
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("reading {expected_path}: {e}")),
    };
    let expected = expected::parse(&expected_path, &text)?;

    let mut report = Report::default();
    for service in services {
        let examples = std::fs::read_to_string(service.examples)
            .map_err(|e| format!("reading {}: {e}", service.examples))?;
        report.add_service(service, &examples, &expected)?;
    }
    report.finish(&expected);

    for line in &report.lines {
        println!("{line}");
    }
    if update {
        std::fs::write(&expected_path, expected::render(&report.contradictions))
            .map_err(|e| format!("writing {expected_path}: {e}"))?;
        println!(
            "wrote {} contradictions to {expected_path}",
            report.contradictions.len()
        );
    }
    let regressions = report.regressions(update);
    for r in &regressions {
        println!("REGRESSION  {r}");
    }
    println!("{}", report.summary(regressions.len()));
    Ok(regressions.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for a generated service: the outcome is named by the example's body.
    fn check(action: &str, body: &str) -> Option<Outcome> {
        if action == "Missing" {
            return None;
        }
        Some(match body {
            "ok" => Outcome::Ok,
            "api" => Outcome::ApiError,
            "text" => Outcome::NotJson("expected value at line 1 column 1".into()),
            "shape" => Outcome::Contradiction {
                path: "Response.Set[0]".into(),
                reason: "cannot decode A response at Response.Set[0]: missing field `Id` at line 1 column 9".into(),
            },
            other => Outcome::Failed(other.into()),
        })
    }

    const SERVICE: Service = Service {
        name: "cvm",
        version: "2017-03-12",
        examples: "examples.json",
        compiled: 7,
        check,
    };

    fn examples(pairs: &[(&str, &[&str])]) -> String {
        let actions: serde_json::Map<String, serde_json::Value> = pairs
            .iter()
            .map(|(action, bodies)| {
                let list = bodies
                    .iter()
                    .map(|b| serde_json::json!({ "output": b }))
                    .collect();
                (action.to_string(), serde_json::Value::Array(list))
            })
            .collect();
        serde_json::json!({ "actions": actions }).to_string()
    }

    fn listed(action: &str, index: usize, reason: &str) -> BTreeMap<Key, Expect> {
        let key = ("cvm".into(), "2017-03-12".into(), action.into(), index);
        let expect = Expect {
            path: "Response.Set[0]".into(),
            reason: reason.into(),
        };
        BTreeMap::from([(key, expect)])
    }

    fn report(pairs: &[(&str, &[&str])], expected: &BTreeMap<Key, Expect>) -> Report {
        let mut report = Report::default();
        report
            .add_service(&SERVICE, &examples(pairs), expected)
            .unwrap();
        report.finish(expected);
        report
    }

    #[test]
    fn counts_every_kind_of_outcome() {
        let expected = listed("B", 0, "missing field `Id`");
        let r = report(
            &[("A", &["ok", "api", "text"]), ("B", &["shape"]), ("C", &[])],
            &expected,
        );
        assert_eq!(
            r.summary(r.regressions(false).len()),
            "conformance: 1 services, 7 generated structs compiled under the schema check, 2 actions with examples, 4 examples, 2 ok (1 of them published error examples decoded as their API error), 1 not JSON (skipped), 1 schema contradictions listed above, 0 regressions"
        );
        assert_eq!(r.lines.len(), 2);
        assert!(r.lines[0].starts_with("skipped        cvm 2017-03-12 A #2: not JSON"));
        assert!(r.lines[1].starts_with("contradiction  cvm 2017-03-12 B #0  at Response.Set[0]: "));
    }

    #[test]
    fn an_unlisted_contradiction_is_a_regression_unless_updating() {
        let r = report(&[("B", &["shape"])], &BTreeMap::new());
        assert_eq!(
            r.regressions(false),
            ["cvm 2017-03-12 B #0: not listed in the expectations, fails at Response.Set[0] (missing field `Id`)"]
        );
        assert!(r.regressions(true).is_empty());
        assert_eq!(
            expected::render(&r.contradictions).lines().last(),
            Some("cvm\t2017-03-12\tB\t#0\tResponse.Set[0]\tmissing field `Id`")
        );
    }

    #[test]
    fn a_listed_case_that_changes_is_a_regression() {
        let expected = listed("B", 0, "invalid type");
        let r = report(&[("B", &["shape"])], &expected);
        assert_eq!(r.regressions(false).len(), 1);
        assert!(r.regressions(false)[0].contains("listed at Response.Set[0] (invalid type), but now fails at Response.Set[0] (missing field `Id`)"));

        let expected = listed("B", 0, "missing field `Id`");
        for (body, says) in [
            ("ok", "now decodes"),
            ("api", "not a shape error now"),
            ("text", "not a shape error now"),
        ] {
            let r = report(&[("B", &[body])], &expected);
            assert_eq!(r.regressions(false).len(), 1, "{body}");
            assert!(
                r.regressions(false)[0].contains(says),
                "{body}: {:?}",
                r.regressions(false)
            );
        }
    }

    #[test]
    fn a_listed_case_with_no_example_is_a_regression() {
        let expected = listed("Gone", 3, "missing field `Id`");
        let r = report(&[("A", &["ok"])], &expected);
        assert_eq!(
            r.regressions(false),
            ["cvm 2017-03-12 Gone #3: listed at Response.Set[0], but there is no such example"]
        );
    }

    #[test]
    fn failures_are_regressions_even_when_updating() {
        let r = report(&[("A", &["boom"]), ("Missing", &["ok"])], &BTreeMap::new());
        assert_eq!(
            r.regressions(true),
            [
                "cvm 2017-03-12 A #0: boom",
                "cvm 2017-03-12 Missing #0: no struct was generated for this action"
            ]
        );
    }

    #[test]
    fn an_example_without_output_text_fails() {
        let mut r = Report::default();
        let text = r#"{"actions": {"A": [{"input": "x"}]}}"#;
        r.add_service(&SERVICE, text, &BTreeMap::new()).unwrap();
        assert_eq!(
            r.failures,
            ["cvm 2017-03-12 A #0: the example has no `output` text"]
        );
    }

    #[test]
    fn a_broken_examples_file_is_an_error() {
        let mut r = Report::default();
        assert!(r
            .add_service(&SERVICE, "{", &BTreeMap::new())
            .unwrap_err()
            .contains("is not JSON"));
        assert!(r
            .add_service(&SERVICE, "{}", &BTreeMap::new())
            .unwrap_err()
            .contains("no `actions` object"));
    }
}
