//! The expectations file, `tools/conformance/expected.tsv`: the published examples known to
//! contradict their own schema, with where and how.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One example: service, version, action and the example's index in its action's list.
pub type Key = (String, String, String, usize);

/// What the expectations file records of a contradiction: where, and what kind of mismatch
/// (`missing field `X``, `invalid type`...: serde's reason up to its first `:`, which keeps
/// the example's values out of the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    /// The path of the first mismatch.
    pub path: String,
    /// The kind of mismatch, as [`reason_class`] makes it.
    pub reason: String,
}

/// The kind of mismatch in an error shown as `shown` at `path`: `missing field `X`` whole,
/// any other reason up to its first `:` (so `invalid type`, not the value that had it).
///
/// ```
/// use tencent_action_conformance::reason_class;
///
/// let shown = "cannot decode DescribeInstances response at Response.InstanceSet[0].SystemDisk: \
///              missing field `Encrypt` at line 50 column 17 (RequestId d655)";
/// assert_eq!(reason_class(shown, "Response.InstanceSet[0].SystemDisk"), "missing field `Encrypt`");
/// let shown = "cannot decode X response at Response.Total: invalid type: string \"1\", expected u64 at line 1 column 30";
/// assert_eq!(reason_class(shown, "Response.Total"), "invalid type");
/// ```
pub fn reason_class(shown: &str, path: &str) -> String {
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

/// Parses the expectations: one tab-separated line per case,
/// `service version action #index path reason`; blank lines and lines starting with `#` are
/// skipped. `name` labels the errors.
///
/// # Errors
///
/// A line without exactly six columns, or with an index that is not `#N`.
pub fn parse(name: &str, text: &str) -> Result<BTreeMap<Key, Expect>, String> {
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
                        (
                            service.to_string(),
                            version.to_string(),
                            action.to_string(),
                            index,
                        ),
                        Expect {
                            path: path.to_string(),
                            reason: reason.to_string(),
                        },
                    )
                }),
            _ => None,
        };
        // Every column is needed: an empty path or reason would match nothing.
        let parsed = parsed.filter(|(_, e)| !e.path.is_empty() && !e.reason.is_empty());
        let Some((key, expect)) = parsed else {
            return Err(format!(
                "{name}:{}: expected six tab-separated columns `service version action #index path reason`, found `{line}`",
                n + 1
            ));
        };
        out.insert(key, expect);
    }
    Ok(out)
}

/// The expectations file for `contradictions`, with its header; [`parse`] reads it back.
pub fn render(contradictions: &BTreeMap<Key, Expect>) -> String {
    let mut text = String::from(
        "# Published examples that contradict their own api.json schema (tccli 3.1.189.1),\n\
         # as found by scripts/conformance.sh. One per line, tab-separated:\n\
         # service, version, action, #example index, path of the first mismatch, reason.\n\
         # Regenerate with: scripts/conformance.sh --update\n",
    );
    for ((service, version, action, index), e) in contradictions {
        let _ = writeln!(
            text,
            "{service}\t{version}\t{action}\t#{index}\t{}\t{}",
            e.path, e.reason
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(action: &str, index: usize) -> Key {
        ("cvm".into(), "2017-03-12".into(), action.into(), index)
    }

    #[test]
    fn render_and_parse_round_trip() {
        let mut cases = BTreeMap::new();
        cases.insert(
            key("DescribeInstances", 0),
            Expect {
                path: "Response.InstanceSet[0].SystemDisk".into(),
                reason: "missing field `Encrypt`".into(),
            },
        );
        cases.insert(
            key("DescribeImages", 2),
            Expect {
                path: "Response.ImageSet[1].Tags".into(),
                reason: "invalid type".into(),
            },
        );
        let text = render(&cases);
        assert_eq!(parse("expected.tsv", &text).unwrap(), cases);
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let text = "# a comment\n\ncvm\t2017-03-12\tA\t#3\tResponse.X\tinvalid type\n";
        let parsed = parse("f", text).unwrap();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[&key("A", 3)].path, "Response.X");
    }

    #[test]
    fn a_malformed_line_is_an_error_naming_it() {
        for line in [
            "cvm\t2017-03-12\tA\t3\tResponse.X\tinvalid type",
            "cvm\t2017-03-12\tA\t#3\tResponse.X",
            "cvm\t2017-03-12\tA\t#3\t\tinvalid type",
            "cvm 2017-03-12 A #3 Response.X invalid type",
        ] {
            let err = parse("expected.tsv", &format!("# header\n{line}\n")).unwrap_err();
            assert!(err.starts_with("expected.tsv:2: "), "{err}");
        }
    }

    #[test]
    fn reason_class_keeps_values_out() {
        let shown = "cannot decode A response at Response.Total: invalid type: string \"secret\", \
                     expected u64 at line 1 column 9 (RequestId r)";
        assert_eq!(reason_class(shown, "Response.Total"), "invalid type");
        let shown =
            "cannot decode A response at Response.Set[0]: missing field `Id` at line 1 column 9";
        assert_eq!(reason_class(shown, "Response.Set[0]"), "missing field `Id`");
    }
}
