//! Large: CLS `SearchLog` (2020-10-16), 2,000 raw-log results, about 3 MB.
//!
//! Besides the three owned structs, [`SearchLogRef`] is the zero-copy variant: its text
//! fields are `&'a str` borrowed from the body (the ones that never hold a JSON escape) or
//! `Cow<'a, str>` (`LogJson` and `RawLog`, which are escaped JSON text and so are unescaped
//! into a fresh `String`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// A highlighted hit (`HighLightItem`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HighLightItem {
    /// The field name.
    pub key: String,
    /// The highlighted fragments.
    pub values: Vec<String>,
}

/// One log (`LogInfo`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogInfo {
    /// Log time, Unix milliseconds.
    pub time: i64,
    /// Topic id.
    pub topic_id: String,
    /// Topic name.
    pub topic_name: String,
    /// Source IP.
    pub source: String,
    /// Source file.
    pub file_name: String,
    /// Id of the batch the log was uploaded in.
    pub pkg_id: String,
    /// The log's index in its batch.
    pub pkg_log_id: String,
    /// Highlighted hits.
    pub high_lights: Option<Vec<HighLightItem>>,
    /// The log's fields, as JSON text.
    pub log_json: Option<String>,
    /// Source host name.
    pub host_name: Option<String>,
    /// The raw log line.
    pub raw_log: Option<String>,
    /// Why the log is not (fully) indexed.
    pub index_status: Option<String>,
}

/// One key/value of an analysis row (`LogItem`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogItem {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// One analysis row (`LogItems`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogItems {
    /// The row's key/values.
    pub data: Vec<LogItem>,
}

/// An analysis column (`Column`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Column type.
    pub r#type: String,
}

/// A topic's search error (`SearchLogErrors`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchLogErrors {
    /// Topic id.
    pub topic_id: Option<String>,
    /// Error message.
    pub error_msg: Option<String>,
    /// Error code.
    pub error_code_str: Option<String>,
}

/// A topic's search state (`SearchLogInfos`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchLogInfos {
    /// Topic id.
    pub topic_id: Option<String>,
    /// Retention in days.
    pub period: Option<i64>,
    /// Paging context of the topic.
    pub context: Option<String>,
}

/// Per-topic details of a multi-topic search (`SearchLogTopics`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchLogTopics {
    /// Per-topic errors.
    pub errors: Option<Vec<SearchLogErrors>>,
    /// Per-topic states.
    pub infos: Option<Vec<SearchLogInfos>>,
}

crate::response! {
    /// `SearchLog`'s response.
    service = "cls", version = "2020-10-16", action = "SearchLog";
    library SearchLog, floor SearchLogPlain, sdk SearchLogSdk;
    {
        /// Paging context for the next call.
        context: String,
        /// Whether every log has been returned.
        list_over: bool,
        /// Whether the results are analysis results.
        analysis: bool,
        /// Column names of analysis results.
        col_names: Option<Vec<String>>,
        /// Raw logs.
        results: Option<Vec<LogInfo>>,
        /// Analysis results.
        analysis_results: Option<Vec<LogItems>>,
        /// Analysis results as JSON text.
        analysis_records: Option<Vec<String>>,
        /// Analysis columns.
        columns: Option<Vec<Column>>,
        /// Sampling rate.
        sampling_rate: f64,
        /// Per-topic details.
        topics: Option<SearchLogTopics>,
    }
}

/// One log, borrowing its text from the body (the zero-copy [`LogInfo`]).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogInfoRef<'a> {
    /// Log time, Unix milliseconds.
    pub time: i64,
    /// Topic id.
    pub topic_id: &'a str,
    /// Topic name.
    pub topic_name: &'a str,
    /// Source IP.
    pub source: &'a str,
    /// Source file.
    pub file_name: &'a str,
    /// Batch id.
    pub pkg_id: &'a str,
    /// Index in the batch.
    pub pkg_log_id: &'a str,
    /// Highlighted hits.
    #[serde(borrow)]
    pub high_lights: Option<Vec<HighLightItemRef<'a>>>,
    /// The log's fields, as JSON text: escaped on the wire, so owned after decoding.
    #[serde(borrow)]
    pub log_json: Option<Cow<'a, str>>,
    /// Source host name.
    pub host_name: Option<&'a str>,
    /// The raw log line: escaped on the wire, so owned after decoding.
    #[serde(borrow)]
    pub raw_log: Option<Cow<'a, str>>,
    /// Index status.
    pub index_status: Option<&'a str>,
}

/// A highlighted hit, borrowed.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HighLightItemRef<'a> {
    /// The field name.
    pub key: &'a str,
    /// The highlighted fragments.
    #[serde(borrow)]
    pub values: Vec<&'a str>,
}

/// `SearchLog`'s response, zero-copy: decode it from a buffer that outlives it.
///
/// ```
/// use tencent_action::Action;
/// let body = tencent_action_benches::cls::payload();
/// let out: tencent_action_benches::cls::SearchLogRef<'_> = tencent_action::from_slice(&body).unwrap();
/// let first = &out.results.as_ref().unwrap()[0];
/// assert!(body.as_ptr_range().contains(&first.topic_id.as_ptr()));
/// assert!(!out.request_id().is_empty());
/// ```
#[tencent_action::tencent_action(service = "cls", version = "2020-10-16", action = "SearchLog")]
#[derive(Debug)]
pub struct SearchLogRef<'a> {
    /// Paging context for the next call.
    pub context: &'a str,
    /// Whether every log has been returned.
    pub list_over: bool,
    /// Whether the results are analysis results.
    pub analysis: bool,
    /// Column names of analysis results.
    #[serde(borrow)]
    pub col_names: Option<Vec<&'a str>>,
    /// Raw logs.
    #[serde(borrow)]
    pub results: Option<Vec<LogInfoRef<'a>>>,
    /// Sampling rate.
    pub sampling_rate: f64,
}

/// How many results the large payload holds.
pub const RESULTS: usize = 2_000;

/// The large payload: [`RESULTS`] raw logs of an nginx access-log topic, about 3 MB.
///
/// ```
/// let body = tencent_action_benches::cls::payload();
/// assert!((2_500_000..3_500_000).contains(&body.len()));
/// ```
pub fn payload() -> Vec<u8> {
    let mut rng = Rng::new(0xc15);
    let topic_id = rng.uuid();
    let start: i64 = 1_715_500_000_000;
    let results = (0..RESULTS)
        .map(|i| log(&mut rng, &topic_id, start + (i as i64) * 37))
        .collect();
    let response = SearchLogSdk {
        context: format!("{}#{}", rng.hex(32), RESULTS),
        list_over: false,
        analysis: false,
        col_names: Some(Vec::new()),
        results: Some(results),
        analysis_results: None,
        analysis_records: None,
        columns: None,
        sampling_rate: 1.0,
        topics: Some(SearchLogTopics {
            errors: Some(Vec::new()),
            infos: Some(vec![SearchLogInfos {
                topic_id: Some(topic_id),
                period: Some(30),
                context: Some(rng.hex(32)),
            }]),
        }),
        request_id: Some(rng.uuid()),
    };
    crate::envelope_bytes(&response)
}

const PATHS: &[&str] = &[
    "/api/v2/orders",
    "/api/v2/orders/checkout",
    "/api/v2/users/me",
    "/static/js/app.8f3a2c.js",
    "/healthz",
    "/api/v2/search?q=%E6%89%8B%E6%9C%BA&page=2",
];
const AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 MicroMessenger/8.0.49",
    "okhttp/4.12.0",
    "curl/8.5.0",
];

fn log(rng: &mut Rng, topic_id: &str, time: i64) -> LogInfo {
    let client = rng.public_ip();
    let method = rng.pick(&["GET", "GET", "GET", "POST", "PUT"]);
    let path = rng.pick(PATHS);
    let status = rng.pick(&[200, 200, 200, 200, 201, 304, 404, 499, 502]);
    let bytes = rng.below(40_000);
    let agent = rng.pick(AGENTS);
    let referer = rng.pick(&[
        "-",
        "https://shop.example.com/",
        "https://m.example.com/cart",
    ]);
    let latency = rng.below(2_000) as f64 / 1000.0;
    let trace = rng.hex(32);
    let local = "12/May/2024:16:26:40 +0800";
    let raw = format!(
        r#"{client} - - [{local}] "{method} {path} HTTP/1.1" {status} {bytes} "{referer}" "{agent}" {latency:.3} "{trace}""#
    );
    let fields = serde_json::json!({
        "remote_addr": client,
        "remote_user": "-",
        "time_local": local,
        "request_method": method,
        "request_uri": path,
        "server_protocol": "HTTP/1.1",
        "status": status.to_string(),
        "body_bytes_sent": bytes.to_string(),
        "http_referer": referer,
        "http_user_agent": agent,
        "request_time": format!("{latency:.3}"),
        "upstream_addr": format!("{}:8080", rng.private_ip()),
        "upstream_status": status.to_string(),
        "upstream_response_time": format!("{:.3}", latency * 0.9),
        "http_x_forwarded_for": "-",
        "trace_id": trace,
        "server_name": "shop.example.com",
        "__TAG__.pod_name": format!("web-{}-{}", rng.alnum(10), rng.alnum(5)),
        "__TAG__.namespace": "prod",
        "__TAG__.container_name": "nginx",
    });
    LogInfo {
        time,
        topic_id: topic_id.to_owned(),
        topic_name: "nginx-access-prod".to_owned(),
        source: rng.private_ip(),
        file_name: "/var/log/nginx/access.log".to_owned(),
        pkg_id: format!("{}-{}", rng.hex(16).to_uppercase(), rng.below(0x1_0000)),
        pkg_log_id: (65536 + rng.below(1000)).to_string(),
        high_lights: (status >= 400).then(|| {
            vec![HighLightItem {
                key: "status".to_owned(),
                values: vec![format!("<em>{status}</em>")],
            }]
        }),
        log_json: Some(fields.to_string()),
        host_name: Some(format!("node-{}", rng.alnum(6))),
        raw_log: Some(raw),
        index_status: None,
    }
}
