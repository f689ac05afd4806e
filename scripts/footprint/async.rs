//! tencent-action, async client: the same two calls.
use tencent_action::client::AsyncClient;
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    pub limit: Option<i64>,
}

#[tencent_action(service = "vpc", version = "2017-03-12", action = "DescribeVpcs")]
pub struct DescribeVpcs {
    pub total_count: u64,
}

#[tencent_request(DescribeVpcs, service = "vpc", version = "2017-03-12")]
pub struct DescribeVpcsRequest {
    pub limit: Option<String>,
}

fn main() -> Result<(), tencent_action::Error> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let client = AsyncClient::builder().region("ap-guangzhou").build()?;
        let out = client.call(&DescribeInstancesRequest { limit: Some(10) }).await?;
        println!("{} instances ({})", out.total_count, out.request_id());
        let out = client.call(&DescribeVpcsRequest { limit: Some("10".into()) }).await?;
        println!("{} vpcs ({})", out.total_count, out.request_id());
        Ok(())
    })
}
