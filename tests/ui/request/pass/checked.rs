// A checked request: `Option` parameters are left out when `None` without any attribute (a
// user's own `skip_serializing_if` stays), and a #[tencent_model] serves as a nested request
// type, serialized with the same wire names.
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct DescribeInstances {
    pub total_count: u64,
}

#[tencent_request(DescribeInstances, service = "cvm", version = "2017-03-12")]
pub struct DescribeInstancesRequest {
    pub instance_ids: Option<Vec<String>>,
    pub filters: Option<Vec<Filter>>,
    pub limit: Option<u32>, // `int64`: any narrower integer fits when written
    #[serde(skip_serializing_if = "is_zero")]
    pub offset: i64,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

#[tencent_model(service = "cvm", version = "2017-03-12")]
#[derive(Debug, PartialEq)]
pub struct Filter {
    pub name: String,
    pub values: Vec<String>,
}

// An action whose response type has another name.
#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct Zones {
    pub total_count: u64,
}

#[tencent_request(Zones, service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZonesRequest {}

fn main() {
    let request = DescribeInstancesRequest {
        instance_ids: None,
        filters: Some(vec![Filter {
            name: "zone".into(),
            values: vec!["ap-guangzhou-3".into()],
        }]),
        limit: Some(10),
        offset: 0,
    };
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"Filters":[{"Name":"zone","Values":["ap-guangzhou-3"]}],"Limit":10}"#
    );
    let filter: Filter = serde_json::from_str(r#"{"Name": "a", "Values": []}"#).unwrap();
    assert_eq!(filter, Filter { name: "a".into(), values: vec![] });
    let _ = DescribeZonesRequest {};
}
