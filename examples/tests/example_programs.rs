//! The example programs, run as built by `cargo test` (which builds every example), with
//! and without credentials.

use std::path::PathBuf;
use std::process::{Command, Output};

use tencent_action::sign::Credential;
use tencent_action::testkit::TestServer;

/// `target/<profile>/examples/<name>`, next to this test's own `deps/` directory.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps/<test>");
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is not built: run `cargo test -p tencent-action-examples` (or `cargo build --examples`)",
        path.display()
    );
    path
}

fn run(name: &str, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(example(name));
    for var in [
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        "TENCENTCLOUD_SESSION_TOKEN",
        "TENCENTCLOUD_ENDPOINT",
        "TENCENTCLOUD_REGION",
    ] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    command.output().expect("the example runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn sms_send_without_credentials_round_trips_through_the_test_endpoint() {
    let out = run("sms_send", &[]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(
        stdout.contains("+8618501234444 [CN]: Ok (send success)"),
        "{stdout}"
    );
    assert!(stdout.contains("RequestId: "), "{stdout}");
    assert!(text(&out.stderr).contains("SendSms answered"));
}

#[test]
fn cvm_describe_instances_without_credentials_round_trips_through_the_test_endpoint() {
    let out = run("cvm_describe_instances", &[]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("2 instance(s) in total"), "{stdout}");
    assert!(stdout.contains("ins-xlsyru2j"), "{stdout}");
    assert!(stdout.contains("RequestId: "), "{stdout}");
    assert!(text(&out.stderr).contains("DescribeInstances answered"));
}

#[test]
fn with_credentials_and_an_endpoint_they_call_it_and_report_errors() {
    let server = TestServer::start().unwrap().with_demo_actions();
    server.accept_credential(&Credential::new("AKIDEXAMPLE", "right-key"));
    let endpoint = server.endpoint();

    let ok = run(
        "sms_send",
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDEXAMPLE"),
            ("TENCENTCLOUD_SECRET_KEY", "right-key"),
            ("TENCENTCLOUD_ENDPOINT", &endpoint),
            ("TENCENTCLOUD_REGION", "ap-singapore"),
            ("SMS_PHONE_NUMBER", "+6591234567"),
        ],
    );
    let stdout = text(&ok.stdout);
    assert!(ok.status.success(), "{stdout}\n{}", text(&ok.stderr));
    assert!(stdout.contains("+6591234567"), "{stdout}");
    assert!(!stdout.contains("test endpoint"), "{stdout}");

    let refused = run(
        "cvm_describe_instances",
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDEXAMPLE"),
            ("TENCENTCLOUD_SECRET_KEY", "wrong-key"),
            ("TENCENTCLOUD_ENDPOINT", &endpoint),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("error: DescribeInstances failed: AuthFailure.SignatureFailure: "),
        "{stderr}"
    );
    assert!(stderr.contains("RequestId "), "{stderr}");
    assert!(
        !stderr.contains("wrong-key"),
        "the secret is never printed: {stderr}"
    );

    let unknown = run(
        "sms_send",
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDUNKNOWN"),
            ("TENCENTCLOUD_SECRET_KEY", "right-key"),
            ("TENCENTCLOUD_ENDPOINT", &endpoint),
        ],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("AuthFailure.SecretIdNotFound"));
}

#[test]
fn half_a_credential_is_an_error_not_the_test_endpoint() {
    let out = run("sms_send", &[("TENCENTCLOUD_SECRET_ID", "AKIDEXAMPLE")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn cls_describe_topics_async_without_credentials_round_trips_through_the_test_endpoint() {
    let out = run("cls_describe_topics_async", &[]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("2 topic(s) in total"), "{stdout}");
    assert!(stdout.contains("nginx-access"), "{stdout}");
    assert!(stdout.contains("RequestId: "), "{stdout}");
    assert!(text(&out.stderr).contains("DescribeTopics answered"));
}
