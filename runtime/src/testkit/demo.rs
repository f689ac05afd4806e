//! Demo handlers shaped like the documented responses, so that examples and first tests run
//! offline: SMS 2021-01-11 `SendSms`, CVM 2017-03-12 `DescribeInstances`, CLS 2020-10-16
//! `DescribeTopics`.

use serde_json::{json, Value};

use super::{Call, Reply};

fn missing(name: &str) -> Reply {
    Reply::error(
        "MissingParameter",
        format!("The request is missing a required parameter `{name}`."),
    )
}

/// SMS 2021-01-11 `SendSms`: one send status per phone number, as documented.
pub(crate) fn send_sms(call: &Call<'_>) -> Reply {
    let params = call.params();
    for required in ["SmsSdkAppId", "TemplateId"] {
        if params.get(required).and_then(Value::as_str).is_none() {
            return missing(required);
        }
    }
    let phones: Vec<&str> = params
        .get("PhoneNumberSet")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if phones.is_empty() {
        return missing("PhoneNumberSet");
    }
    let context = params
        .get("SessionContext")
        .and_then(Value::as_str)
        .unwrap_or("");
    let statuses: Vec<Value> = phones
        .iter()
        .enumerate()
        .map(|(i, phone)| {
            let iso = if phone.starts_with("+86") { "CN" } else { "US" };
            json!({
                "SerialNo": format!("5000:10457106691570536578494996{:02}", 19 + i),
                "PhoneNumber": phone,
                "Fee": 1,
                "SessionContext": context,
                "Code": "Ok",
                "Message": "send success",
                "IsoCode": iso,
            })
        })
        .collect();
    Reply::Ok(json!({ "SendStatusSet": statuses }))
}

/// CVM 2017-03-12 `DescribeInstances`: two instances, paged by `Offset`/`Limit`.
pub(crate) fn describe_instances(call: &Call<'_>) -> Reply {
    let params = call.params();
    let number = |name: &str, default: u64| -> Result<u64, Reply> {
        let invalid = || {
            Reply::error(
                "InvalidParameterValue",
                format!("The value of `{name}` is not a valid unsigned integer."),
            )
        };
        match params.get(name) {
            None => Ok(default),
            Some(Value::Number(n)) => n.as_u64().ok_or_else(invalid),
            Some(Value::String(s)) => s.parse().map_err(|_| invalid()),
            Some(_) => Err(invalid()),
        }
    };
    let (offset, limit) = match (number("Offset", 0), number("Limit", 20)) {
        (Ok(o), Ok(l)) => (o, l),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    if limit > 100 {
        return Reply::error(
            "InvalidParameterValue",
            "The value of `Limit` must be at most 100.",
        );
    }
    let all = [
        instance(
            "ins-xlsyru2j",
            "myInstance",
            "ap-guangzhou-3",
            "172.16.32.78",
            Some("123.207.11.190"),
        ),
        instance(
            "ins-r8hr2upy",
            "web-2",
            "ap-guangzhou-4",
            "172.16.32.79",
            None,
        ),
    ];
    let total = all.len();
    let page: Vec<Value> = all
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect();
    Reply::Ok(json!({ "TotalCount": total, "InstanceSet": page }))
}

fn instance(id: &str, name: &str, zone: &str, private_ip: &str, public_ip: Option<&str>) -> Value {
    json!({
        "Placement": {"Zone": zone, "ProjectId": 0, "HostId": null},
        "InstanceId": id,
        "InstanceType": "S2.SMALL2",
        "CPU": 1,
        "Memory": 1,
        "RestrictState": "NORMAL",
        "InstanceName": name,
        "InstanceChargeType": "POSTPAID_BY_HOUR",
        "SystemDisk": {"DiskType": "CLOUD_SSD", "DiskId": "disk-czsodtl1", "DiskSize": 50},
        "PrivateIpAddresses": [private_ip],
        "PublicIpAddresses": public_ip.map(|ip| vec![ip]),
        "InternetAccessible": {"InternetChargeType": "TRAFFIC_POSTPAID_BY_HOUR",
                               "InternetMaxBandwidthOut": 1, "PublicIpAssigned": public_ip.is_some()},
        "ImageId": "img-8toqc6s3",
        "RenewFlag": "NOTIFY_AND_MANUAL_RENEW",
        "CreatedTime": "2020-09-22T00:00:00+00:00",
        "ExpiredTime": null,
        "OsName": "CentOS 7.4 64bit",
        "SecurityGroupIds": ["sg-p1ezv4wz"],
        "InstanceState": "RUNNING",
        "Tags": [{"Key": "myKey", "Value": "myValue"}],
        "LatestOperation": null,
        "LatestOperationState": null,
        "LatestOperationRequestId": null,
        "Uuid": "e85f1388-0422-410d-8e50-bef540e78c18",
    })
}

/// CLS 2020-10-16 `DescribeTopics`: two topics of one logset.
pub(crate) fn describe_topics(_call: &Call<'_>) -> Reply {
    let topic = |id: &str, name: &str| {
        json!({
            "LogsetId": "0e1c3f8a-7b3b-4a2c-9b1e-5d2f1c3a9e10",
            "TopicId": id,
            "TopicName": name,
            "PartitionCount": 1,
            "Index": true,
            "CreateTime": "2023-03-08 11:22:33",
            "Status": true,
            "StorageType": "hot",
            "Period": 30,
        })
    };
    Reply::Ok(json!({
        "Topics": [
            topic("5cd3a17e-fb0b-418c-afd7-77b365397426", "nginx-access"),
            topic("a4478687-2ac6-4d6e-9bc3-3b2e6f3c7d11", "app-errors"),
        ],
        "TotalCount": 2,
    }))
}
