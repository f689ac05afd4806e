use tencent_action::testkit::TestServer;

pub fn offline() -> Result<(), Box<dyn std::error::Error>> {
    let server = TestServer::start()?; // verifies signatures as Tencent does
    let instances = (0..25).map(|i| serde_json::json!({"InstanceId": format!("ins-{i}"), "CPU": 2}));
    server.serve_list::<DescribeInstances>("InstanceSet", instances.collect());
    let client = Client::builder().credential(server.credential()).endpoint(server.endpoint()).build()?;
    assert_eq!(list(&client)?.instance_set.len(), 10); // the quick start's call: 10 of 25
    let all = client // DescribeInstances pages by Offset/Limit, as its schema says
        .paginate(&DescribeInstancesRequest { limit: Some(10), offset: None })
        .items(|page| page.instance_set)
        .collect::<Result<Vec<_>, _>>()?;
    assert_eq!(all.len(), 25);
    Ok(())
}
