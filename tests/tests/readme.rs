//! The README's quick start: its Rust snippet is `tests/snippets/readme_quick_start.rs`
//! verbatim (checked here), compiled into this test and run against the test endpoint; its
//! `Cargo.toml` snippet lists every crate the Rust snippet names.

// The two snippets as the README shows them, one after the other: the offline one uses the
// quick start's types and function.
#[allow(dead_code)] // `main` is the user's, not called here
mod snippet {
    include!("../snippets/readme_quick_start.rs");
    include!("../snippets/readme_offline.rs");
}

use tencent_action::client::Client;
use tencent_action::testkit::TestServer;

const README: &str = include_str!("../../README.md");
const SNIPPET: &str = include_str!("../snippets/readme_quick_start.rs");
const OFFLINE: &str = include_str!("../snippets/readme_offline.rs");

/// The body of the first fenced block of `lang` in the quick-start section.
fn quick_start_block(lang: &str) -> &'static str {
    section_block("## Quick start", lang)
}

/// The body of the first fenced block of `lang` after `heading`.
fn section_block(heading: &str, lang: &str) -> &'static str {
    let section = README.split(heading).nth(1).expect("the section");
    let fence = format!("```{lang}\n");
    let start = section.find(&fence).expect("a fenced block") + fence.len();
    let len = section[start..].find("```").expect("the block's end");
    &section[start..start + len]
}

#[test]
fn the_readme_rust_snippet_is_the_compiled_one() {
    assert_eq!(quick_start_block("rust").trim(), SNIPPET.trim());
}

#[test]
fn the_readme_toml_snippet_lists_every_crate_the_snippet_uses() {
    let toml = quick_start_block("toml");
    let mut used: Vec<&str> = SNIPPET
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter_map(|token| token.split_once("::").map(|(krate, _)| krate))
        .filter(|krate| {
            !krate.is_empty()
                && !["std", "core", "Self", "super", "crate", "Option", "Client"].contains(krate)
        })
        .collect();
    used.sort_unstable();
    used.dedup();
    assert!(!used.is_empty());
    for krate in used {
        let name = krate.replace('_', "-");
        assert!(
            toml.lines()
                .any(|l| l.trim_start().starts_with(&format!("{name} "))),
            "the README's Cargo.toml snippet does not list `{name}`, which the snippet uses"
        );
    }
    assert!(
        toml.contains("features = [\"ureq\"]"),
        "the client needs the ureq feature"
    );
}

#[test]
fn the_readme_snippet_runs_against_the_test_endpoint() {
    let server = TestServer::start().unwrap().with_demo_actions();
    let client = Client::builder()
        .credential(server.credential())
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let out = snippet::list(&client).unwrap();
    assert_eq!(out.total_count, 2);
    assert_eq!(out.instance_set[0].instance_id, "ins-xlsyru2j");
    assert_eq!(out.instance_set[0].cpu, 1);
}

#[test]
fn the_readme_offline_snippet_is_the_compiled_one_and_runs_as_written() {
    assert_eq!(
        section_block("## Try it offline", "rust").trim(),
        OFFLINE.trim()
    );
    snippet::offline().unwrap();
}
