// `paginate` takes a request whose action pages: a request without paging members does not
// compile, with a message that says what pages.
use tencent_action::client::Client;
use tencent_action::prelude::*;

#[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeZones")]
pub struct DescribeZones {
    pub total_count: u64,
}

#[tencent_request(DescribeZones, service = "cvm", version = "2017-03-12")]
pub struct DescribeZonesRequest {}

fn main() {
    let client = Client::builder().build().unwrap();
    for page in client.paginate(&DescribeZonesRequest {}) {
        let _ = page;
    }
}
