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

// ---- The instance role against misbehaving metadata endpoints ----

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tencent_action_tests::rogue::{respond, Rogue};

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn keys_json(id: &str, expires: u64) -> String {
    format!(
        r#"{{"TmpSecretId": "{id}", "TmpSecretKey": "key-{id}", "Token": "token-{id}", "ExpiredTime": {expires}, "Code": "Success"}}"#
    )
}

/// A metadata endpoint naming role `r` and answering `keys(fetch number)` for its keys (after
/// `delay(fetch number)`).
fn metadata(
    keys: impl Fn(usize) -> Option<String> + Send + Sync + 'static,
    delay: impl Fn(usize) -> Duration + Send + Sync + 'static,
) -> (Rogue, Arc<AtomicUsize>) {
    let fetches = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&fetches);
    let server = Rogue::start(move |_, seen, stream| {
        if seen
            .line
            .starts_with("GET /latest/meta-data/cam/security-credentials/ ")
        {
            respond(stream, 200, &[], b"r");
        } else if seen
            .line
            .starts_with("GET /latest/meta-data/cam/security-credentials/r ")
        {
            let n = counted.fetch_add(1, Ordering::SeqCst) + 1;
            std::thread::sleep(delay(n));
            match keys(n) {
                Some(body) => respond(stream, 200, &[], body.as_bytes()),
                None => respond(stream, 500, &[], b"down"),
            }
        } else {
            respond(stream, 404, &[], b"");
        }
    });
    (server, fetches)
}

#[test]
fn a_metadata_endpoint_that_trickles_is_cut_at_the_fetch_deadline() {
    // One byte every 1.5 s: without one deadline for the whole fetch, this takes minutes.
    let server = Rogue::start(|_, _, stream| {
        let answer = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n";
        for byte in answer.iter().cycle().take(40) {
            if stream.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(1500));
        }
    });
    let role = InstanceRole::new().endpoint(server.url());
    let started = Instant::now();
    let answer = role.provide();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(6), "{took:?}");
    // Unreachable in time reads as "not on CVM".
    assert!(answer.unwrap().is_none());
}

#[test]
fn keys_already_expired_are_refused() {
    let (server, _) = metadata(
        |_| Some(keys_json("AKIDOLD", unix_now() - 10)),
        |_| Duration::ZERO,
    );
    let e = InstanceRole::new()
        .endpoint(server.url())
        .provide()
        .unwrap_err();
    assert!(e.reason().contains("expired at"), "{e}");
}

#[test]
fn valid_keys_survive_a_failed_refresh() {
    // Valid for 200 s, inside the 300 s refresh margin: every call refreshes, and the second
    // refresh fails. The keys still valid must be used, not erased.
    let (server, fetches) = metadata(
        |n| (n == 1).then(|| keys_json("AKIDFIRST", unix_now() + 200)),
        |_| Duration::ZERO,
    );
    let role = InstanceRole::new().endpoint(server.url());
    assert_eq!(role.provide().unwrap().unwrap().secret_id(), "AKIDFIRST");
    assert_eq!(role.provide().unwrap().unwrap().secret_id(), "AKIDFIRST");
    assert_eq!(fetches.load(Ordering::SeqCst), 2, "the refresh was tried");
}

#[test]
fn callers_with_valid_keys_go_on_while_one_refresh_runs() {
    // The first fetch is quick (keys due for refresh at once); the second takes 2 s.
    let (server, fetches) = metadata(
        |n| Some(keys_json(&format!("AKID{n}"), unix_now() + 200)),
        |n| Duration::from_millis(if n == 1 { 0 } else { 2000 }),
    );
    let role = Arc::new(InstanceRole::new().endpoint(server.url()));
    assert_eq!(role.provide().unwrap().unwrap().secret_id(), "AKID1");
    let refresher = {
        let role = Arc::clone(&role);
        std::thread::spawn(move || role.provide().unwrap().unwrap().secret_id().to_owned())
    };
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    assert_eq!(role.provide().unwrap().unwrap().secret_id(), "AKID1");
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "waited {:?} behind the refresh",
        started.elapsed()
    );
    assert_eq!(refresher.join().unwrap(), "AKID2");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[test]
fn an_async_call_never_blocks_its_executor_on_a_credential_fetch() {
    let server = TestServer::start().unwrap();
    server.respond::<DescribeZones>(json!({"TotalCount": 5}));
    server.accept_key("AKIDSLOW", "key-AKIDSLOW");
    let (metadata, _) = metadata(
        |_| Some(keys_json("AKIDSLOW", unix_now() + 3600)),
        |_| Duration::from_millis(1500),
    );
    let client = tencent_action::client::AsyncClient::builder()
        .credentials(InstanceRole::new().endpoint(metadata.url()))
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let ticks = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&ticks);
    runtime.block_on(async {
        let ticker = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(10)).await;
                counted.fetch_add(1, Ordering::SeqCst);
            }
        });
        let out = client.call(&DescribeZonesRequest {}).await.unwrap();
        assert_eq!(out.total_count, 5);
        ticker.abort();
    });
    // The ticker kept ticking through the 1.5 s fetch: the runtime's one thread was free
    // (blocked, it would have ticked once).
    let ticks = ticks.load(Ordering::SeqCst);
    assert!(ticks >= 50, "{ticks} ticks in 1.5 s");
}

#[test]
fn a_chunked_metadata_answer_is_understood() {
    let server = Rogue::start(|_, seen, stream| {
        let body = if seen.line.contains("security-credentials/ ") {
            "r".to_owned()
        } else {
            keys_json("AKIDCHUNKED", unix_now() + 3600)
        };
        let (a, b) = body.split_at(body.len().div_ceil(2));
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
            a.len(),
            b.len()
        );
    });
    let credential = InstanceRole::new()
        .endpoint(server.url())
        .provide()
        .unwrap()
        .unwrap();
    assert_eq!(credential.secret_id(), "AKIDCHUNKED");
}

#[test]
fn a_role_name_that_is_not_a_plain_token_is_refused_and_never_sent() {
    let server = Rogue::start(|_, _, stream| {
        respond(stream, 200, &[], b"r\r\nX-Injected: 1");
    });
    let e = InstanceRole::new()
        .endpoint(server.url())
        .provide()
        .unwrap_err();
    assert!(e.reason().contains("not a CAM role name"), "{e}");
    assert_eq!(server.seen().len(), 1, "no second request");
}

#[test]
fn a_key_that_does_not_decode_is_not_echoed() {
    let (server, _) = metadata(
        |_| {
            Some(format!(
                r#"{{"TmpSecretId": "AKID", "TmpSecretKey": 98765432109876, "Token": "t", "ExpiredTime": {}}}"#,
                unix_now() + 3600
            ))
        },
        |_| Duration::ZERO,
    );
    let e = InstanceRole::new()
        .endpoint(server.url())
        .provide()
        .unwrap_err();
    assert!(e.reason().contains("do not decode"), "{e}");
    assert!(!e.to_string().contains("98765432109876"), "{e}");
    assert!(!format!("{e:?}").contains("98765432109876"), "{e:?}");
}

// ---- The profile file: only a small regular file is read ----

#[test]
fn a_profile_file_that_is_not_a_small_regular_file_is_refused_at_once() {
    let reason = |path: &str| {
        let provider = ProfileFile::from_lookup({
            let path = path.to_owned();
            move |name| (name == "TENCENTCLOUD_CREDENTIALS_FILE").then(|| path.clone())
        });
        let started = Instant::now();
        let e = provider.provide().unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(1));
        e.reason().to_owned()
    };
    assert!(reason("/dev/zero").contains("not a regular file"));
    let dir = std::env::temp_dir().join(format!("tencent-action-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("credentials");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        assert!(reason(fifo.to_str().unwrap()).contains("not a regular file"));
    }
    let big = profile_file("big", &format!("[default]\n{}", "; pad\n".repeat(20_000)));
    assert!(reason(big.to_str().unwrap()).contains("larger than 65536 bytes"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_environment_has_one_reader_whatever_asks() {
    let cases: &[&[(&str, &str)]] = &[
        &[
            ("TENCENTCLOUD_SECRET_ID", " AKID "),
            ("TENCENTCLOUD_SECRET_KEY", "k"),
        ],
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKID"),
            ("TENCENTCLOUD_SECRET_KEY", "k"),
            ("TENCENTCLOUD_SESSION_TOKEN", " "),
        ],
        &[("TENCENTCLOUD_SECRET_ID", "AKID")],
        &[("TENCENTCLOUD_SECRET_KEY", "k")],
        &[("TENCENTCLOUD_SESSION_TOKEN", "t")],
        &[
            ("TENCENTCLOUD_SECRET_ID", "  "),
            ("TENCENTCLOUD_SECRET_KEY", "k"),
        ],
        &[],
    ];
    for env in cases {
        let direct = Credential::from_lookup(vars(env));
        let provider = Environment::from_lookup(vars(env)).provide();
        match (&direct, &provider) {
            (Ok(a), Ok(Some(b))) => {
                assert_eq!(a.secret_id(), b.secret_id());
                assert_eq!(a.has_token(), b.has_token());
            }
            (Err(_), Err(_)) | (Err(_), Ok(None)) => {}
            _ => panic!("{env:?}: {direct:?} vs {provider:?}"),
        }
    }
}
