//! The constructors the client and the HTTP layer use, read back through the public accessors,
//! `Display` and `Debug`: the decode paths are covered by the integration tests.

use super::{Error, ErrorKind};
use crate::code::{CommonCode, ErrorCode};
use crate::request_id::RequestId;

#[derive(Clone, Debug, PartialEq)]
struct Other(String);

impl ErrorCode for Other {
    fn from_code(code: &str) -> Self {
        Other(code.to_owned())
    }
    fn as_str(&self) -> &str {
        &self.0
    }
}

#[test]
fn a_configuration_failure_has_its_own_kind_and_no_action_or_url() {
    let e = Error::<CommonCode>::config("no TLS backend");
    assert_eq!(e.kind(), ErrorKind::Config);
    assert_eq!(e.action(), "");
    assert_eq!(e.url(), None);
    assert_eq!(e.request_sent(), None);
    assert!(!e.is_timeout());
    assert_eq!(e.to_string(), "cannot build the client: no TLS backend");
    assert_eq!(
        format!("{e:?}"),
        r#"Error { kind: Config, action: "", reason: "no TLS backend", request_id: None }"#
    );
}

#[test]
fn a_transport_failure_reads_back() {
    let e = Error::<CommonCode>::transport(
        "https://cvm.tencentcloudapi.com/",
        "timed out",
        true,
        Some(crate::TimeLimit::Attempt(std::time::Duration::from_secs(
            30,
        ))),
        "DescribeZones",
    )
    .with_earlier_request_ids(&["r1".to_owned()]);
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(e.url(), Some("https://cvm.tencentcloudapi.com/"));
    assert_eq!(e.request_sent(), Some(true));
    assert!(e.is_timeout());
    assert_eq!(e.earlier_request_ids().collect::<Vec<_>>(), ["r1"]);
    assert_eq!(
        e.to_string(),
        "no response to DescribeZones from https://cvm.tencentcloudapi.com/: timed out"
    );
}

#[test]
fn reclassifying_keeps_everything_but_the_typed_code() {
    let e = Error::api(
        Other("InternalError".into()),
        "m".into(),
        Some(7),
        "DescribeZones",
        Some(RequestId::new("r2")),
    )
    .with_status(500)
    .with_earlier_request_ids(&["r1".to_owned()]);
    let before = e.to_string();
    let e: Error<CommonCode> = e.reclassify();
    assert_eq!(e.typed_code(), Some(&CommonCode::InternalError));
    assert_eq!(e.code(), Some("InternalError"));
    assert_eq!(e.message(), Some("m"));
    assert_eq!(e.legacy_code(), Some(7));
    assert_eq!(e.http_status(), Some(500));
    assert_eq!(e.request_id(), Some("r2"));
    assert_eq!(e.earlier_request_ids().collect::<Vec<_>>(), ["r1"]);
    assert_eq!(e.to_string(), before);

    // Every other kind moves as it is.
    let e = Error::<Other>::http("bad gateway", b"<html>", "DescribeZones").with_status(502);
    let before = (e.to_string(), format!("{e:?}"));
    let e = e.into_common();
    assert_eq!((e.to_string(), format!("{e:?}")), before);
}
