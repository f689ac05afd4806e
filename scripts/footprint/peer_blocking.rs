//! The crates.io peer tencent-sdk 0.1.5, blocking: the same two calls.
use tencent_sdk::types::cvm::DescribeInstancesRequest;
use tencent_sdk::types::vpc::DescribeVpcsRequest;
use tencent_sdk::{Auth, BlockingClient};

fn main() -> Result<(), tencent_sdk::Error> {
    let id = std::env::var("TENCENTCLOUD_SECRET_ID").unwrap_or_default();
    let key = std::env::var("TENCENTCLOUD_SECRET_KEY").unwrap_or_default();
    let client = BlockingClient::builder_tencent_cloud()?
        .auth(Auth::tc3(id, key))
        .default_region("ap-guangzhou")
        .build()?;
    let out = client.cvm().describe_instances(&DescribeInstancesRequest::new().limit(10))?;
    println!("{:?} instances", out.response.total_count);
    let out = client.vpc().describe_vpcs(&DescribeVpcsRequest::new().limit(10))?;
    println!("{:?} vpcs", out.response.total_count);
    Ok(())
}
