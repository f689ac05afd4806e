//! What the example programs share: where their requests go.
//!
//! With credentials configured (environment, profile file, CVM role) they call the real
//! service, or `TENCENTCLOUD_ENDPOINT` when set, in `TENCENTCLOUD_REGION` (default
//! `ap-guangzhou`). With no `TENCENTCLOUD_*` credential variable set, they call the verifying
//! test endpoint of `tencent_action::testkit`, started in-process with its demo actions, so
//! that they run offline.

use tencent_action::client::credentials::Chain;
use tencent_action::client::Builder;
use tencent_action::testkit::TestServer;

/// The region used when `TENCENTCLOUD_REGION` is unset.
pub const DEFAULT_REGION: &str = "ap-guangzhou";

/// The value of the environment variable `name`, or `default` when unset or empty.
///
/// ```
/// assert_eq!(tencent_action_examples::env_or("SURELY_NOT_SET_1F3A", "x"), "x");
/// ```
pub fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}

/// `builder` configured as the module docs say, and the test endpoint it points at when
/// there are no credentials (keep it alive as long as the client).
///
/// ```
/// use tencent_action::client::Client;
/// let (builder, server) = tencent_action_examples::configure(Client::builder())?;
/// let _client = builder.build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// When the test endpoint cannot start.
pub fn configure<K>(builder: Builder<K>) -> std::io::Result<(Builder<K>, Option<TestServer>)> {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.trim().is_empty());
    let region = env_or("TENCENTCLOUD_REGION", DEFAULT_REGION);
    let builder = builder.region(region);
    if !set("TENCENTCLOUD_SECRET_ID") && !set("TENCENTCLOUD_SECRET_KEY") {
        println!("No TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY: using a local test endpoint.");
        let server = TestServer::start()?.with_demo_actions();
        server.log_to_stderr(true);
        let builder = builder
            .credential(server.credential())
            .endpoint(server.endpoint());
        return Ok((builder, Some(server)));
    }
    let mut builder = builder.credentials(Chain::standard());
    if set("TENCENTCLOUD_ENDPOINT") {
        builder = builder.endpoint(env_or("TENCENTCLOUD_ENDPOINT", ""));
    }
    Ok((builder, None))
}
