//! tencent-action, blocking client: the same two calls.
use tencent_action::client::Client;
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

/// Four more actions, in the `six` variant only: what each further action costs.
#[cfg(feature = "six")]
mod more {
    use tencent_action::client::Client;
    use tencent_action::prelude::*;

    #[tencent_action(service = "cbs", version = "2017-03-12", action = "DescribeDisks")]
    pub struct DescribeDisks {
        pub total_count: u64,
    }

    #[tencent_request(DescribeDisks, service = "cbs", version = "2017-03-12")]
    pub struct DescribeDisksRequest {
        pub limit: Option<u64>,
    }

    #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeImages")]
    pub struct DescribeImages {
        pub total_count: u64,
    }

    #[tencent_request(DescribeImages, service = "cvm", version = "2017-03-12")]
    pub struct DescribeImagesRequest {
        pub limit: Option<u64>,
    }

    #[tencent_action(service = "vpc", version = "2017-03-12", action = "DescribeSubnets")]
    pub struct DescribeSubnets {
        pub total_count: u64,
    }

    #[tencent_request(DescribeSubnets, service = "vpc", version = "2017-03-12")]
    pub struct DescribeSubnetsRequest {
        pub limit: Option<String>,
    }

    #[tencent_action(service = "vpc", version = "2017-03-12", action = "DescribeSecurityGroups")]
    pub struct DescribeSecurityGroups {
        pub total_count: u64,
    }

    #[tencent_request(DescribeSecurityGroups, service = "vpc", version = "2017-03-12")]
    pub struct DescribeSecurityGroupsRequest {
        pub limit: Option<String>,
    }

    pub fn calls(client: &Client) -> Result<(), tencent_action::Error> {
        let out = client.call(&DescribeDisksRequest { limit: Some(10) })?;
        println!("{} ({})", out.total_count, out.request_id());
        let out = client.call(&DescribeImagesRequest { limit: Some(10) })?;
        println!("{} ({})", out.total_count, out.request_id());
        let out = client.call(&DescribeSubnetsRequest { limit: Some("10".into()) })?;
        println!("{} ({})", out.total_count, out.request_id());
        let out = client.call(&DescribeSecurityGroupsRequest { limit: Some("10".into()) })?;
        println!("{} ({})", out.total_count, out.request_id());
        Ok(())
    }
}

fn main() -> Result<(), tencent_action::Error> {
    let client = Client::builder().region("ap-guangzhou").build()?;
    let out = client.call(&DescribeInstancesRequest { limit: Some(10) })?;
    println!("{} instances ({})", out.total_count, out.request_id());
    let out = client.call(&DescribeVpcsRequest { limit: Some("10".into()) })?;
    println!("{} vpcs ({})", out.total_count, out.request_id());
    #[cfg(feature = "six")]
    more::calls(&client)?;
    Ok(())
}
