// Generic structs and borrowed fields work: `&'a str` fields borrow from the input buffer.
use tencent_action::prelude::*;

#[tencent_action(service = "cls", version = "2020-10-16", action = "SearchLog")]
#[derive(Debug)]
pub struct SearchLog<'a, T> {
    pub context: &'a str,
    pub results: Option<Vec<T>>, // the schema allows `null`
}

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
pub struct Page<T>
where
    T: Clone,
{
    pub total_count: u64,
    pub instance_set: Vec<T>,
}

fn main() {
    let body = String::from(r#"{"Response": {"Context": "ctx", "Results": [1, 2], "RequestId": "r"}}"#);
    let out: SearchLog<'_, u32> = tencent_action::from_str(&body).unwrap();
    assert_eq!(out.context, "ctx");
    assert_eq!(out.results.as_deref(), Some(&[1, 2][..]));
    assert_eq!(out.request_id(), "r");
    let page: Page<String> = tencent_action::from_slice(br#"{"Response": {"TotalCount": 1, "InstanceSet": ["a"], "RequestId": "r"}}"#).unwrap();
    assert_eq!(page.instance_set, ["a"]);
}
