//! The hand-rolled floor: the same two calls with ureq, serde_json, hmac, sha2 and hex, signing
//! TC3-HMAC-SHA256 by hand, no retries, no typed errors.
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::{Digest, Sha256};

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn call(agent: &ureq::Agent, id: &str, key: &str, service: &str, version: &str, action: &str, body: &str) -> Vec<u8> {
    let host = format!("{service}.tencentcloudapi.com");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let days = now / 86_400;
    let (y, m, d) = civil(days as i64);
    let date = format!("{y:04}-{m:02}-{d:02}");
    let canonical = format!(
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:{host}\n\ncontent-type;host\n{}",
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let scope = format!("{date}/{service}/tc3_request");
    let to_sign = format!("TC3-HMAC-SHA256\n{now}\n{scope}\n{}", hex::encode(Sha256::digest(canonical.as_bytes())));
    let k = hmac(format!("TC3{key}").as_bytes(), &date);
    let k = hmac(&k, service);
    let k = hmac(&k, "tc3_request");
    let signature = hex::encode(hmac(&k, &to_sign));
    let authorization = format!("TC3-HMAC-SHA256 Credential={id}/{scope}, SignedHeaders=content-type;host, Signature={signature}");
    let mut response = agent
        .post(format!("https://{host}/"))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-TC-Action", action)
        .header("X-TC-Version", version)
        .header("X-TC-Timestamp", now.to_string())
        .header("X-TC-Region", "ap-guangzhou")
        .send(body)
        .expect("sent");
    response.body_mut().read_to_vec().expect("body")
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(rename = "Response")]
    response: T,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Instances {
    total_count: Option<u64>,
    request_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Vpcs {
    total_count: Option<u64>,
    request_id: String,
}

/// Four more actions, in the `six` variant only: what each further action costs.
#[cfg(feature = "six")]
mod more {
    use super::{call, Envelope};
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Disks {
        total_count: Option<u64>,
        request_id: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Images {
        total_count: Option<u64>,
        request_id: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Subnets {
        total_count: Option<u64>,
        request_id: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct SecurityGroups {
        total_count: Option<u64>,
        request_id: String,
    }

    pub fn calls(agent: &ureq::Agent, id: &str, key: &str) {
        let body = call(agent, id, key, "cbs", "2017-03-12", "DescribeDisks", r#"{"Limit":10}"#);
        let out: Envelope<Disks> = serde_json::from_slice(&body).expect("decoded");
        println!("{:?} ({})", out.response.total_count, out.response.request_id);
        let body = call(agent, id, key, "cvm", "2017-03-12", "DescribeImages", r#"{"Limit":10}"#);
        let out: Envelope<Images> = serde_json::from_slice(&body).expect("decoded");
        println!("{:?} ({})", out.response.total_count, out.response.request_id);
        let body = call(agent, id, key, "vpc", "2017-03-12", "DescribeSubnets", r#"{"Limit":"10"}"#);
        let out: Envelope<Subnets> = serde_json::from_slice(&body).expect("decoded");
        println!("{:?} ({})", out.response.total_count, out.response.request_id);
        let body = call(agent, id, key, "vpc", "2017-03-12", "DescribeSecurityGroups", r#"{"Limit":"10"}"#);
        let out: Envelope<SecurityGroups> = serde_json::from_slice(&body).expect("decoded");
        println!("{:?} ({})", out.response.total_count, out.response.request_id);
    }
}

fn main() {
    let id = std::env::var("TENCENTCLOUD_SECRET_ID").unwrap_or_default();
    let key = std::env::var("TENCENTCLOUD_SECRET_KEY").unwrap_or_default();
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let body = call(&agent, &id, &key, "cvm", "2017-03-12", "DescribeInstances", r#"{"Limit":10}"#);
    let out: Envelope<Instances> = serde_json::from_slice(&body).expect("decoded");
    println!("{:?} instances ({})", out.response.total_count, out.response.request_id);
    let body = call(&agent, &id, &key, "vpc", "2017-03-12", "DescribeVpcs", r#"{"Limit":"10"}"#);
    let out: Envelope<Vpcs> = serde_json::from_slice(&body).expect("decoded");
    println!("{:?} vpcs ({})", out.response.total_count, out.response.request_id);
    #[cfg(feature = "six")]
    more::calls(&agent, &id, &key);
}
