// Every serde attribute is honoured; the struct may choose its own `rename_all`.
use std::collections::BTreeMap;
use tencent_action::prelude::*;

#[tencent_action(service = "dcdb", version = "2018-04-11", action = "DescribeDCDBInstances")]
#[derive(Debug, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct DescribeDcdbInstances {
    #[serde(alias = "Count")]
    pub total_count: u64,
    #[serde(default)]
    pub instances: Vec<serde_json::Value>,
    #[serde(skip)]
    pub local_note: String,
    // Not in the schema: the opt-out skips the check, and never reaches rustc.
    #[tencent(unchecked)]
    #[serde(rename = "ZoneID")]
    pub zone_id: Option<String>,
}

// A made-up product ("demo" has no published schema): Tencent's members are all PascalCase.
#[tencent_action(service = "demo", version = "2022-11-21", action = "DescribeCVMAssets", schema = false)]
#[derive(Debug)]
#[serde(rename_all = "camelCase")]
pub struct LowerCamel {
    pub total_count: u64,
    #[serde(flatten)]
    pub rest: BTreeMap<String, u64>,
}

fn main() {
    let out: DescribeDcdbInstances =
        tencent_action::from_str(r#"{"Response": {"Count": 2, "ZoneID": "ap-guangzhou-3", "RequestId": "r"}}"#).unwrap();
    assert_eq!(out.total_count, 2);
    assert!(out.instances.is_empty());
    assert_eq!(out.zone_id.as_deref(), Some("ap-guangzhou-3"));
    assert_eq!(out.request_id(), "r");

    let out: LowerCamel =
        tencent_action::from_str(r#"{"RequestId": "x", "Response": {"totalCount": 1, "other": 7, "RequestId": "r"}}"#).unwrap();
    assert_eq!(out.total_count, 1);
    assert_eq!(out.rest.get("other"), Some(&7));
    assert_eq!(out.request_id(), "r");
}
