// `paging(...)` names one whole way of paging with member names; each mistake is reported at
// its token, all in one build.
use tencent_action::prelude::*;

#[tencent_action(service = "demo", version = "2020-02-02", action = "ListThings", schema = false)]
pub struct ListThings {
    pub things: Vec<u64>,
}

// A misspelt key.
#[tencent_request(ListThings, schema = false, paging(ofset = "Offset", limit = "Limit"))]
pub struct Misspelt {}

// Half of a shape.
#[tencent_request(ListThings, schema = false, paging(offset = "Offset"))]
pub struct Half {}

// Two shapes at once.
#[tencent_request(ListThings, schema = false, paging(page = "PageNumber", size = "PageSize", token = "NextToken"))]
pub struct Two {}

// `paging = true`: the schema decides; only `false` turns it off.
#[tencent_request(ListThings, schema = false, paging = true)]
pub struct True {}

// A member name that is not a string.
#[tencent_request(ListThings, schema = false, paging(token = NextToken))]
pub struct NotAString {}

fn main() {}
