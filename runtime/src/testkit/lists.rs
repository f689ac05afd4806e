//! A list served page by page, the way Tencent's actions page it: by `Offset`/`Limit`
//! (numbers or strings), by `PageNumber`/`PageSize`, or by a `NextToken`.

use serde_json::{json, Value};

use super::{Call, Reply};

/// The page size when the request names none (Tencent's usual default).
const DEFAULT_PAGE: usize = 20;

/// The page of `items` a call asks for, as the answer's members: `member` holds the page,
/// `TotalCount` the total, and `NextToken` the next token (empty after the last page) when the
/// request paged by token.
pub(crate) fn page(call: &Call<'_>, member: &str, items: &[Value]) -> Reply {
    let params = call.params();
    let count = |name: &str| match params.get(name) {
        Some(Value::Number(n)) => n.as_u64().map(|n| n as usize),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let token = params.get("NextToken").and_then(Value::as_str);
    let by_page = count("PageNumber").or(count("PageSize").map(|_| 1));
    let (start, size) = if let Some(number) = by_page {
        let size = count("PageSize").unwrap_or(DEFAULT_PAGE);
        (number.saturating_sub(1).saturating_mul(size), size)
    } else if params.get("NextToken").is_some() || count("MaxResults").is_some() {
        let start = token.and_then(|t| t.parse().ok()).unwrap_or(0);
        (start, count("MaxResults").unwrap_or(DEFAULT_PAGE))
    } else {
        (
            count("Offset").unwrap_or(0),
            count("Limit").unwrap_or(DEFAULT_PAGE),
        )
    };
    let start = start.min(items.len());
    let end = start.saturating_add(size).min(items.len());
    let mut answer = json!({
        member: items[start..end],
        "TotalCount": items.len(),
    });
    if params.get("NextToken").is_some() || count("MaxResults").is_some() {
        let next = if end < items.len() {
            end.to_string()
        } else {
            String::new()
        };
        answer["NextToken"] = Value::String(next);
    }
    Reply::Ok(answer)
}
