//! How a request pages: the [`Paginate`] trait, which `#[tencent_request]` implements when the
//! action's published input shows one of Tencent's paging shapes, and the [`Paging`]
//! description a client's `paginate` follows.
//!
//! Tencent Cloud actions page in three ways (counted over tccli 3.1.189.1):
//!
//! - `Offset` and `Limit` (2,085 actions; 1,745 also answer `TotalCount` or `Total`; 23 type them
//!   as strings, such as VPC `DescribeVpcs`): [`Paging::offset`];
//! - `PageNumber` and `PageSize` (352 actions): [`Paging::page_number`];
//! - a token the answer hands back (about 130: `NextToken`, `Context`, `Cursor`,
//!   `ScrollToken`, `SearchAfter`, `ScrollId`, `Marker`): [`Paging::token`].
//!
//! A paginator starts from the request's own offset, page or token and page size, and stops
//! when the total is reached, a page comes back short or empty, or the token is empty or one
//! it has seen before (a server that repeats a token cannot make it loop).
//!
//! ```
//! use tencent_action::paging::{Paginate, Paging};
//! use tencent_action::prelude::*;
//!
//! #[tencent_action(service = "cvm", version = "2017-03-12", action = "DescribeInstances")]
//! pub struct DescribeInstances {
//!     pub total_count: u64,
//!     pub instance_set: Vec<serde_json::Value>,
//! }
//!
//! #[tencent_request(DescribeInstances)]
//! #[tencent(unchecked)]
//! pub struct DescribeInstancesRequest {
//!     pub limit: u64,
//! }
//!
//! // What `#[tencent_request]` writes when the schema shows `Offset`/`Limit` (by hand here).
//! impl Paginate for DescribeInstancesRequest {
//!     const PAGING: Paging = Paging::offset("Offset", "Limit")
//!         .total("TotalCount")
//!         .items("InstanceSet");
//! }
//! ```

use crate::ActionRequest;

/// A request whose action pages: a client's `paginate(&request)` follows [`PAGING`](Paginate::PAGING)
/// from page to page.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not page: its action's input has no `Offset`/`Limit`, `PageNumber`/`PageSize` or token member",
    label = "not a paging request",
    note = "a request pages when its action's published input shows a paging shape; where it does not, or the names differ, name the members on the request: `#[tencent_request(..., paging(offset = \"Offset\", limit = \"Limit\"))]` (or `page = \"...\", size = \"...\"`, or `token = \"...\"`)"
)]
pub trait Paginate: ActionRequest {
    /// The request and response members that page.
    const PAGING: Paging;
}

/// Which members page a request, and which members of the answer say how far it got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    cursor: Cursor,
    total: Option<&'static str>,
    items: Option<&'static str>,
}

/// The request members that move from page to page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cursor {
    /// The number of items to skip and the page size (`Offset`, `Limit`); `strings` when the
    /// action types them as strings (VPC `DescribeVpcs`).
    Offset {
        /// The offset member, `Offset`.
        offset: &'static str,
        /// The page-size member, `Limit`.
        limit: &'static str,
        /// Whether both are sent as strings.
        strings: bool,
    },
    /// The page number (from 1) and page size (`PageNumber`, `PageSize`).
    PageNumber {
        /// The page-number member, `PageNumber`.
        number: &'static str,
        /// The page-size member, `PageSize`.
        size: &'static str,
    },
    /// A token handed back by each answer and sent with the next request.
    Token {
        /// The request member, `NextToken`.
        request: &'static str,
        /// The answer's member, usually the same name.
        response: &'static str,
    },
}

impl Paging {
    /// Paging by `offset` and `limit` members (numbers).
    pub const fn offset(offset: &'static str, limit: &'static str) -> Paging {
        Paging::with(Cursor::Offset {
            offset,
            limit,
            strings: false,
        })
    }

    /// Paging by `offset` and `limit` members the action types as strings.
    pub const fn string_offset(offset: &'static str, limit: &'static str) -> Paging {
        Paging::with(Cursor::Offset {
            offset,
            limit,
            strings: true,
        })
    }

    /// Paging by page `number` (from 1) and page `size`.
    pub const fn page_number(number: &'static str, size: &'static str) -> Paging {
        Paging::with(Cursor::PageNumber { number, size })
    }

    /// Paging by a token: the answer's `response` member is sent as the next request's
    /// `request` member.
    pub const fn token(request: &'static str, response: &'static str) -> Paging {
        Paging::with(Cursor::Token { request, response })
    }

    const fn with(cursor: Cursor) -> Paging {
        Paging {
            cursor,
            total: None,
            items: None,
        }
    }

    /// The answer's member holding the total number of items (`TotalCount`, `Total`; a
    /// number, or a number in a string).
    pub const fn total(mut self, member: &'static str) -> Paging {
        self.total = Some(member);
        self
    }

    /// The answer's member holding the page's list (`InstanceSet`). Without it, the page's
    /// list is the answer's only list member, when it has exactly one.
    pub const fn items(mut self, member: &'static str) -> Paging {
        self.items = Some(member);
        self
    }

    /// The request members that move.
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// The answer's total member.
    pub fn total_member(&self) -> Option<&'static str> {
        self.total
    }

    /// The answer's list member.
    pub fn items_member(&self) -> Option<&'static str> {
        self.items
    }
}
