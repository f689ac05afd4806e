// Everything the schema check accepts: the right names and types, `Option` where the schema
// allows null or absence, types it cannot judge, serde's own attributes and the opt-out.
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};

use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
#[derive(Debug)]
pub struct DescribeInstances<'a> {
    pub total_count: u64, // `int64`: the sign is free at the published width
    #[serde(borrow)]
    pub instance_set: VecDeque<Instance<'a>>,
    // Sent by the service but not in the schema: the opt-out.
    #[tencent(unchecked)]
    pub undocumented: Option<&'a str>,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug)]
pub struct Instance<'a> {
    pub instance_id: &'a str,
    #[serde(borrow)]
    pub instance_name: Cow<'a, str>,
    pub instance_type: Box<str>,
    pub image_id: String,
    #[serde(rename = "CPU")]
    pub cpu: i128,
    pub memory: Box<u64>,
    pub placement: Placement,
    pub system_disk: Box<SystemDisk>,
    pub data_disks: Box<[serde_json::Value]>,
    pub private_ip_addresses: Vec<Option<String>>,
    pub public_ip_addresses: Option<Vec<String>>,
    pub internet_accessible: HashMap<String, serde_json::Value>,
    pub virtual_private_cloud: serde_json::Value,
    #[serde(deserialize_with = "lenient")]
    pub latest_operation: String,
    #[serde(alias = "Os")]
    pub os_name: String,
    #[serde(skip)]
    pub local: u8,
    #[serde(flatten)]
    pub rest: HashMap<String, serde_json::Value>,
}

// A plain serde type stays allowed and unchecked (`Serialize` too: the model derives both).
#[derive(Debug, serde::Deserialize, serde::Serialize)]
pub struct Placement {
    #[serde(rename = "Zone")]
    pub zone: String,
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug)]
#[serde(default)]
pub struct SystemDisk {
    pub disk_id: String,
    pub disk_size: i64,
}

impl Default for SystemDisk {
    fn default() -> Self {
        SystemDisk { disk_id: "none".into(), disk_size: 0 }
    }
}

fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v: Option<String> = serde::Deserialize::deserialize(d)?;
    Ok(v.unwrap_or_default())
}

fn main() {
    let body = r#"{"Response": {"TotalCount": 1, "InstanceSet": [{"InstanceId": "ins-1",
        "InstanceName": "web", "InstanceType": "S5.SMALL1", "ImageId": "img-1", "CPU": 1,
        "Memory": 2, "Placement": {"Zone": "ap-guangzhou-3"}, "SystemDisk": {"DiskSize": 50},
        "DataDisks": [], "PrivateIpAddresses": ["10.0.0.1", null], "PublicIpAddresses": null,
        "InternetAccessible": {}, "VirtualPrivateCloud": {"VpcId": "vpc-1"},
        "LatestOperation": null, "Os": "TencentOS", "Extra": 1}],
        "Undocumented": "x", "RequestId": "r"}}"#;
    let out: DescribeInstances<'_> = tencent_action::from_str(body).unwrap();
    let i = &out.instance_set[0];
    assert_eq!(i.instance_id, "ins-1");
    assert_eq!(i.cpu, 1);
    assert_eq!(i.system_disk.disk_id, "none");
    assert_eq!(i.system_disk.disk_size, 50);
    assert_eq!(i.latest_operation, "");
    assert_eq!(i.os_name, "TencentOS");
    assert_eq!(i.private_ip_addresses, [Some("10.0.0.1".to_owned()), None]);
    assert_eq!(out.undocumented, Some("x"));
    assert_eq!(out.request_id(), "r");
}
