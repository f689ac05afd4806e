//! Lists CVM instances with CVM 2017-03-12 `DescribeInstances`.
//!
//!     cargo run --example cvm_describe_instances
//!
//! With credentials configured (`TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`, a profile
//! file, a CVM role) it calls `https://cvm.tencentcloudapi.com` (or `TENCENTCLOUD_ENDPOINT`)
//! in `TENCENTCLOUD_REGION` (default `ap-guangzhou`); without them, a test endpoint started
//! in-process.
//! `CVM_LIMIT` sets how many instances to list (default 10).

use std::process::ExitCode;

use serde::Deserialize;
use tencent_action::client::Client;
use tencent_action::prelude::*;
use tencent_action_examples::{configure, env_or};

/// The response: only the fields this program uses.
#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances {
    pub total_count: u64,
    pub instance_set: Vec<Instance>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub instance_name: String,
    pub instance_state: String,
    pub instance_type: String,
    #[serde(rename = "CPU")]
    pub cpu: u64,
    pub memory: u64,
    pub placement: Placement,
    /// Documented as "may return null".
    pub public_ip_addresses: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Placement {
    pub zone: String,
}

/// The request's parameters, sent as `?Limit=10&Offset=0`; both are optional in the schema, so
/// unset ones are left out.
#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

fn run() -> Result<DescribeInstances, Box<dyn std::error::Error>> {
    let (builder, _test_endpoint) = configure(Client::builder())?;
    let client = builder.build()?;
    let limit = env_or("CVM_LIMIT", "10").parse().unwrap_or(10);
    Ok(client.call(&DescribeInstancesRequest {
        limit: Some(limit),
        offset: Some(0),
    })?)
}

fn main() -> ExitCode {
    match run() {
        Ok(out) => {
            println!("{} instance(s) in total", out.total_count);
            for i in &out.instance_set {
                let public = i
                    .public_ip_addresses
                    .as_deref()
                    .unwrap_or_default()
                    .join(", ");
                println!(
                    "{} {:<12} {:<8} {} ({} vCPU, {} GB) in {}, public IP: {}",
                    i.instance_id,
                    i.instance_name,
                    i.instance_state,
                    i.instance_type,
                    i.cpu,
                    i.memory,
                    i.placement.zone,
                    if public.is_empty() { "none" } else { &public }
                );
            }
            println!("RequestId: {}", out.request_id());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
