//! Lists CLS log topics with CLS 2020-10-16 `DescribeTopics`, on the async client (reqwest on
//! tokio).
//!
//!     cargo run --example cls_describe_topics_async
//!
//! With credentials configured (`TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`, a profile
//! file, a CVM role) it calls `https://cls.tencentcloudapi.com` (or `TENCENTCLOUD_ENDPOINT`)
//! in `TENCENTCLOUD_REGION` (default `ap-guangzhou`); without them, a test endpoint started
//! in-process.

use std::process::ExitCode;

use serde::Deserialize;
use tencent_action::client::AsyncClient;
use tencent_action::prelude::*;
use tencent_action_examples::configure;

/// The response: only the fields this program uses.
#[tencent_action(service = "cls", version = "2020-10-16", action = "DescribeTopics")]
#[derive(Debug)]
pub struct DescribeTopics {
    pub topics: Vec<Topic>,
    pub total_count: u64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Topic {
    pub topic_id: String,
    pub topic_name: String,
    pub storage_type: Option<String>,
    pub period: Option<u64>,
}

/// The request's parameters.
#[tencent_request(DescribeTopics, service = "cls", version = "2020-10-16")]
pub struct DescribeTopicsRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
}

async fn run() -> Result<DescribeTopics, Box<dyn std::error::Error>> {
    let (builder, _test_endpoint) = configure(AsyncClient::builder())?;
    let client = builder.build()?;
    Ok(client
        .call(&DescribeTopicsRequest {
            offset: Some(0),
            limit: Some(20),
        })
        .await?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(out) => {
            println!("{} topic(s) in total", out.total_count);
            for topic in &out.topics {
                println!(
                    "{} {:<14} {} storage, kept {} days",
                    topic.topic_id,
                    topic.topic_name,
                    topic.storage_type.as_deref().unwrap_or("?"),
                    topic.period.unwrap_or(0)
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
