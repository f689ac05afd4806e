//! The least a client can do for one call, for `call_cost`: TC3 signing by hand with hmac,
//! sha2 and hex, one kept-alive ureq agent, and plain serde into `{"Response": {...}}`; no
//! retries, no typed errors, no RequestId checks.

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// A hand-rolled client of one action.
pub struct Floor {
    agent: ureq::Agent,
    url: String,
    host: String,
    id: String,
    key: String,
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Response")]
    response: Zones,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Zones {
    total_count: u64,
    #[allow(dead_code)] // read, as a client would
    request_id: String,
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

impl Floor {
    /// A client of `endpoint` (`http://127.0.0.1:PORT`).
    pub fn new(endpoint: &str, id: &str, key: &str) -> Floor {
        Floor {
            // No timeout: the least work per call. (With ureq's own timeouts, each call also
            // looks the host up on a new thread: about four times this CPU per call.)
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into(),
            url: format!("{endpoint}/"),
            host: endpoint.trim_start_matches("http://").to_owned(),
            id: id.to_owned(),
            key: key.to_owned(),
        }
    }

    /// The signed headers of a `DescribeZones` request with `body`.
    fn headers(&self, body: &str) -> [(&'static str, String); 5] {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_secs();
        let date = date(now);
        let canonical = format!(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:{}\n\ncontent-type;host\n{}",
            self.host,
            hex::encode(Sha256::digest(body.as_bytes()))
        );
        let scope = format!("{date}/cvm/tc3_request");
        let to_sign = format!(
            "TC3-HMAC-SHA256\n{now}\n{scope}\n{}",
            hex::encode(Sha256::digest(canonical.as_bytes()))
        );
        let k = hmac(format!("TC3{}", self.key).as_bytes(), &date);
        let k = hmac(&k, "cvm");
        let k = hmac(&k, "tc3_request");
        let signature = hex::encode(hmac(&k, &to_sign));
        [
            (
                "Authorization",
                format!(
                    "TC3-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=content-type;host, Signature={signature}",
                    self.id
                ),
            ),
            ("Content-Type", "application/json; charset=utf-8".to_owned()),
            ("X-TC-Action", "DescribeZones".to_owned()),
            ("X-TC-Version", "2017-03-12".to_owned()),
            ("X-TC-Timestamp", now.to_string()),
        ]
    }

    /// CVM `DescribeZones`: the `TotalCount` answered.
    pub fn describe_zones(&self) -> u64 {
        let body = "{}";
        let mut request = self.agent.post(&self.url);
        for (name, value) in self.headers(body) {
            request = request.header(name, value);
        }
        let mut response = request.send(body).expect("sent");
        let bytes = response.body_mut().read_to_vec().expect("read");
        let out: Envelope = serde_json::from_slice(&bytes).expect("decoded");
        out.response.total_count
    }
}

/// The same exchange over reqwest, for the async client's floor.
pub struct AsyncFloor {
    http: reqwest::Client,
    floor: Floor,
}

impl AsyncFloor {
    /// A client of `endpoint` (`http://127.0.0.1:PORT`).
    pub fn new(endpoint: &str, id: &str, key: &str) -> AsyncFloor {
        AsyncFloor {
            http: reqwest::Client::new(),
            floor: Floor::new(endpoint, id, key),
        }
    }

    /// CVM `DescribeZones`: the `TotalCount` answered.
    pub async fn describe_zones(&self) -> u64 {
        let body = "{}";
        let headers = self.floor.headers(body);
        let mut request = self.http.post(&self.floor.url).body(body);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let bytes = request
            .send()
            .await
            .expect("sent")
            .bytes()
            .await
            .expect("read");
        let out: Envelope = serde_json::from_slice(&bytes).expect("decoded");
        out.response.total_count
    }
}

/// The UTC date of `unix` seconds, `YYYY-MM-DD`.
fn date(unix: u64) -> String {
    let z = (unix / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::date(0), "1970-01-01");
        assert_eq!(super::date(1_551_113_065), "2019-02-25");
        assert_eq!(super::date(951_782_400), "2000-02-29");
    }
}
