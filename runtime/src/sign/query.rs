//! The query string of a `GET` request: parameters flattened the way the official SDKs do
//! (`Filters.0.Values.1=...`) and form-urlencoded the way Python's `urlencode` does.

use serde_json::Value;

use super::SignError;

/// Flattens a JSON object into `key=value` pairs joined by `&`.
pub(super) fn encode(params: &Value) -> Result<String, SignError> {
    let mut pairs = Vec::new();
    match params {
        Value::Null => {}
        Value::Object(map) => {
            for (key, value) in map {
                flatten(key.clone(), value, &mut pairs);
            }
        }
        _ => return Err(SignError::QueryNotObject),
    }
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        form_urlencode(&key, &mut out);
        out.push('=');
        form_urlencode(&value, &mut out);
    }
    Ok(out)
}

fn flatten(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((prefix, b.to_string())),
        Value::Number(n) => out.push((prefix, n.to_string())),
        Value::String(s) => out.push((prefix, s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(format!("{prefix}.{i}"), item, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                flatten(format!("{prefix}.{key}"), item, out);
            }
        }
    }
}

/// `application/x-www-form-urlencoded` as Python's `urllib.parse.quote_plus`: letters, digits
/// and `_.-~` kept, space as `+`, every other byte of the UTF-8 as `%XX`.
fn form_urlencode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_arrays_and_objects_flatten_with_dots() {
        let q = encode(&json!({
            "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3", "ap-guangzhou-4"]}],
            "Limit": 20,
            "DryRun": false,
            "Skipped": null,
            "Empty": [],
        }))
        .unwrap();
        assert_eq!(
            q,
            "DryRun=false&Filters.0.Name=zone&Filters.0.Values.0=ap-guangzhou-3\
             &Filters.0.Values.1=ap-guangzhou-4&Limit=20"
        );
    }

    #[test]
    fn encodes_like_python_quote_plus() {
        let q = encode(&json!({"Name": "a b&c=d/é~_.-*"})).unwrap();
        assert_eq!(q, "Name=a+b%26c%3Dd%2F%C3%A9~_.-%2A");
    }

    #[test]
    fn only_objects_become_queries() {
        assert_eq!(encode(&Value::Null).unwrap(), "");
        assert!(matches!(
            encode(&json!([1])),
            Err(SignError::QueryNotObject)
        ));
        assert!(matches!(
            encode(&json!("x")),
            Err(SignError::QueryNotObject)
        ));
    }
}
