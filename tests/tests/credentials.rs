//! The credential provider chain: order, half-set configurations, profile-file errors, and
//! CVM instance-role keys refreshed before they expire (against the test endpoint's metadata
//! service).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;
use tencent_action::client::credentials::{
    Chain, Environment, InstanceRole, ProfileFile, ProvideCredential, Static,
};
use tencent_action::client::Client;
use tencent_action::prelude::*;
use tencent_action::sign::Credential;
use tencent_action::testkit::TestServer;
use tencent_action::ErrorKind;

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

/// A fresh directory with a `credentials` file holding `text`.
fn profile_file(test: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tencent-action-{test}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join(".tencentcloud")).unwrap();
    let path = dir.join(".tencentcloud").join("credentials");
    std::fs::write(&path, text).unwrap();
    path
}

fn secret_id(provider: &dyn ProvideCredential) -> String {
    provider.provide().unwrap().unwrap().secret_id().to_owned()
}

#[test]
fn the_environment_comes_before_the_profile_file_which_comes_before_the_role() {
    let path = profile_file(
        "order",
        "[default]\nsecret_id = AKIDPROFILE\nsecret_key = k\n",
    );
    let home = path
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let server = TestServer::start().unwrap();
    server.serve_instance_role("cvm-role", Duration::from_secs(3600));
    let chain = |env: &[(&str, &str)]| {
        Chain::new()
            .with(Environment::from_lookup(vars(env)))
            .with(ProfileFile::from_lookup(vars(env)))
            .with(InstanceRole::new().endpoint(server.endpoint()))
    };
    let full = [
        ("TENCENTCLOUD_SECRET_ID", "AKIDENV"),
        ("TENCENTCLOUD_SECRET_KEY", "k"),
        ("HOME", home.as_str()),
    ];
    assert_eq!(secret_id(&chain(&full)), "AKIDENV");
    assert_eq!(secret_id(&chain(&full[2..])), "AKIDPROFILE");
    assert!(secret_id(&chain(&[("HOME", "/nonexistent-home")])).starts_with("AKIDTMPROLE"));
    assert_eq!(
        server.role_keys_issued(),
        1,
        "earlier providers answered first"
    );
}

#[test]
fn an_explicit_credential_wins_and_nothing_configured_says_what_to_set() {
    let chain = Chain::new()
        .with(Environment::from_lookup(vars(&[])))
        .with(Static(Credential::new("AKIDEXPLICIT", "k")));
    assert_eq!(secret_id(&chain), "AKIDEXPLICIT");

    let empty = Chain::new().with(Environment::from_lookup(vars(&[])));
    let e = Client::builder().credentials(empty).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Sign);
    let shown = e.to_string();
    assert!(shown.contains("no credentials found"), "{shown}");
    assert!(shown.contains("TENCENTCLOUD_SECRET_ID"), "{shown}");
    assert!(shown.contains("~/.tencentcloud/credentials"), "{shown}");
}

#[test]
fn a_half_set_environment_stops_the_chain_with_what_is_missing() {
    let chain = Chain::new()
        .with(Environment::from_lookup(vars(&[(
            "TENCENTCLOUD_SECRET_KEY",
            "k",
        )])))
        .with(Static(Credential::new("AKIDNEVERUSED", "k")));
    let e = chain.provide().unwrap_err();
    assert_eq!(
        e.to_string(),
        "credentials from environment: TENCENTCLOUD_SECRET_KEY is set but TENCENTCLOUD_SECRET_ID is not"
    );
    let token_only = Environment::from_lookup(vars(&[("TENCENTCLOUD_SESSION_TOKEN", "t")]));
    assert!(token_only
        .provide()
        .unwrap_err()
        .reason()
        .contains("TENCENTCLOUD_SECRET_ID"));
}

#[test]
fn the_profile_is_named_by_the_environment_and_the_file_by_its_variable() {
    let path = profile_file(
        "named",
        "[default]\nsecret_id = AKIDDEFAULT\nsecret_key = k\n\n[prod]\nsecret_id = AKIDPROD\nsecret_key = k\ntoken = t\n",
    );
    let file = path.to_str().unwrap();
    let provider = ProfileFile::from_lookup(vars(&[
        ("TENCENTCLOUD_CREDENTIALS_FILE", file),
        ("TENCENTCLOUD_PROFILE", "prod"),
    ]));
    let credential = provider.provide().unwrap().unwrap();
    assert_eq!(credential.secret_id(), "AKIDPROD");
    assert!(credential.has_token());
    let default = ProfileFile::from_lookup(vars(&[("TENCENTCLOUD_CREDENTIALS_FILE", file)]));
    assert_eq!(secret_id(&default), "AKIDDEFAULT");
}

#[test]
fn profile_file_errors_say_where_and_what() {
    let reason = |test: &str, text: &str, profile: Option<&str>| {
        let path = profile_file(test, text);
        let mut env = vec![(
            "TENCENTCLOUD_CREDENTIALS_FILE",
            path.to_str().unwrap().to_owned(),
        )];
        if let Some(p) = profile {
            env.push(("TENCENTCLOUD_PROFILE", p.to_owned()));
        }
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let e = ProfileFile::from_lookup(vars(&env)).provide().unwrap_err();
        assert_eq!(e.source_name(), "profile file");
        e.reason().to_owned()
    };
    let r = reason("noeq", "[default]\nsecret_id AKID\n", None);
    assert!(
        r.ends_with("line 2: expected `key = value`, `[profile]` or a comment"),
        "{r}"
    );
    let r = reason("header", "[default\nsecret_id = A\n", None);
    assert!(
        r.contains("line 1: a section header must end with `]`"),
        "{r}"
    );
    let r = reason("nokey", "[default]\nsecret_id = AKID\n", None);
    assert!(
        r.contains("profile [default]") && r.ends_with("has no secret_key"),
        "{r}"
    );
    let r = reason(
        "noprofile",
        "[default]\nsecret_id = A\nsecret_key = k\n",
        Some("prod"),
    );
    assert!(
        r.contains("has no profile [prod] (TENCENTCLOUD_PROFILE names it)"),
        "{r}"
    );

    // A file named explicitly must exist; the default one need not.
    let missing = ProfileFile::from_lookup(vars(&[(
        "TENCENTCLOUD_CREDENTIALS_FILE",
        "/nonexistent/tencent-credentials",
    )]));
    assert!(missing
        .provide()
        .unwrap_err()
        .reason()
        .starts_with("cannot read /nonexistent/tencent-credentials"));
    let absent = ProfileFile::from_lookup(vars(&[("HOME", "/nonexistent-home")]));
    assert!(absent.provide().unwrap().is_none());
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
#[derive(Debug)]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
pub struct DescribeZonesRequest {}

#[test]
fn instance_role_keys_are_cached_until_close_to_expiry_then_refreshed() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 5}));

    // Valid for an hour, refreshed 5 minutes before: one fetch serves many calls.
    server.serve_instance_role("cvm-role", Duration::from_secs(3600));
    let client = Client::builder()
        .credentials(InstanceRole::new().endpoint(server.endpoint()))
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    for _ in 0..3 {
        assert_eq!(
            client.call(&DescribeZonesRequest {}).unwrap().total_count,
            5
        );
    }
    assert_eq!(server.role_keys_issued(), 1);

    // Valid for a minute, inside the 5-minute margin: every call fetches new keys, and the
    // server accepts them.
    server.serve_instance_role("cvm-role", Duration::from_secs(60));
    let client = Client::builder()
        .credentials(InstanceRole::new().endpoint(server.endpoint()))
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let before = server.role_keys_issued();
    for _ in 0..2 {
        assert_eq!(
            client.call(&DescribeZonesRequest {}).unwrap().total_count,
            5
        );
    }
    assert_eq!(
        server.role_keys_issued(),
        before + 2,
        "each call fetches new keys"
    );
}

#[test]
fn no_metadata_endpoint_means_the_role_is_not_configured() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let role = InstanceRole::new().endpoint(format!("http://127.0.0.1:{port}"));
    assert!(role.provide().unwrap().is_none());
}
