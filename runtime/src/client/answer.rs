//! What both transports do with an answer before decoding it: the redirect refusal, the body
//! limit, and a raw call's decoding.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::{Action, Error};

/// Status, headers and body of an answer.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, Vec<u8>)>,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    /// The answer decoded as `T` (its envelope, RequestId and errors), the body read once:
    /// what a typed call, a page and a raw call each return.
    pub(crate) fn decode<T>(&self) -> Result<T, Error<T::Code>>
    where
        T: Action + serde::de::DeserializeOwned,
    {
        crate::http::from_response::<T, _>(self.status, &self.headers, &self.body)
    }
}

/// A 3xx answer is an error naming the status and the `Location`: the API never redirects,
/// and following one would hand the signed request and its session token to another host,
/// then accept that host's answer.
pub(crate) fn refuse_redirect<C>(
    status: u16,
    headers: &[(String, Vec<u8>)],
    action: &'static str,
) -> Result<(), Error<C>> {
    if !(300..400).contains(&status) {
        return Ok(());
    }
    let location = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("location"))
        .map(|(_, value)| String::from_utf8_lossy(value).into_owned());
    let reason = match location {
        Some(location) => format!(
            "HTTP {status} redirect to {location:?}, not followed (Tencent Cloud API never \
             redirects)"
        ),
        None => format!("HTTP {status} redirect, not followed (Tencent Cloud API never redirects)"),
    };
    Err(Error::http(reason, b"", action).with_status(status))
}

/// The error for a body larger than the client's `max_body_size`.
pub(crate) fn too_large<C>(limit: usize, status: u16, action: &'static str) -> Error<C> {
    Error::http(
        format!(
            "the response body is larger than the max_body_size limit of {limit} bytes; \
             nothing more was read"
        ),
        b"",
        action,
    )
    .with_status(status)
}

/// The `Response` object of a raw call: every member, the RequestId included. Decoded through
/// the same envelope as a typed response (errors, RequestId, status), as the action
/// [`RawResponse`] whose name the client replaces with the real one.
pub(crate) struct RawResponse {
    members: Map<String, Value>,
    request_id: crate::__private::RequestId,
}

impl RawResponse {
    pub(crate) fn into_value(mut self) -> Value {
        if !self.request_id.is_empty() {
            self.members.insert(
                "RequestId".into(),
                Value::String(self.request_id.to_string()),
            );
        }
        Value::Object(self.members)
    }
}

impl crate::__private::Sealed for RawResponse {}

impl Action for RawResponse {
    const SERVICE: &'static str = "";
    const VERSION: &'static str = "";
    const ACTION: &'static str = "";
    type Code = crate::CommonCode;
    // Its visitor keeps every member, `Error` included: the general decoder, which takes
    // `RequestId` and `Error` for itself, must read it.
    const __DIRECT: bool = false;

    fn request_id(&self) -> &str {
        &self.request_id
    }

    fn __set_request_id(&mut self, request_id: crate::__private::RequestId) {
        self.request_id = request_id;
    }
}

impl<'de> Deserialize<'de> for RawResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = RawResponse;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the members of `Response`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawResponse, A::Error> {
                let mut members = Map::new();
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    members.insert(key, value);
                }
                Ok(RawResponse {
                    members,
                    request_id: Default::default(),
                })
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// A raw call's answer decoded: the `Response` object, or the error.
pub(crate) fn decode_raw(answer: &Answer) -> Result<Value, Error> {
    answer.decode::<RawResponse>().map(RawResponse::into_value)
}

/// A raw call's RequestId, for tracing.
pub(crate) fn raw_request_id(value: &Value) -> &str {
    value["RequestId"].as_str().unwrap_or("")
}
