use tencent_action::client::Client;
use tencent_action::prelude::*; // the attributes and the `Action` trait

/// The response: declare only the fields you use.
#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: i64,            // wire name "TotalCount": PascalCase by default
    pub instance_set: Vec<Instance>, // checked against the schema's `Instance` too
}

/// A nested type: derives `Deserialize` and is checked against the schema's `Instance`.
#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug)]
pub struct Instance {
    pub instance_id: String,
    #[serde(rename = "CPU")] // every serde attribute is honoured
    pub cpu: u64,
    pub latest_operation: Option<String>, // the schema allows null here: Option is required
}

/// The request: its response type fixes the action and error codes; it is checked against
/// the action's published parameters too.
#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    pub limit: Option<u32>, // optional parameters: left out of the request when `None`
    pub offset: Option<u32>,
}

pub fn list(client: &Client) -> Result<DescribeInstances, tencent_action::Error> {
    let out = client.call(&DescribeInstancesRequest {
        limit: Some(10),
        offset: None,
    })?;
    println!(
        "{} instances, RequestId {}",
        out.total_count,
        out.request_id()
    );
    Ok(out)
}

pub fn main() -> Result<(), tencent_action::Error> {
    // Credentials: TENCENTCLOUD_SECRET_ID/_KEY, ~/.tencentcloud/credentials, or the CVM role.
    let client = Client::builder().region("ap-guangzhou").build()?;
    list(&client)?;
    Ok(())
}
