//! What a pass over the envelope found: data, an API error, or a legacy API 2.0 error. Built by
//! `top` (legacy) and `intercept` (the rest), turned into the result by `envelope.rs`.

use super::lenient::ErrorBody;
use crate::code::ErrorCode;
use crate::error::Error;
use crate::request_id::RequestId;

/// What the envelope held.
pub(crate) enum Outcome<'de, T> {
    Data {
        data: T,
        request_id: Option<RequestId>,
    },
    Api {
        error: ErrorBody<'de>,
        request_id: Option<RequestId>,
    },
    Legacy(LegacyBody),
}

/// A legacy API 2.0 error body: `{"code": 4100, "message": "...", "codeDesc": "..."}`.
#[derive(Default, Debug)]
pub(crate) struct LegacyBody {
    pub(crate) code: Option<i64>,
    pub(crate) message: Option<String>,
    pub(crate) code_desc: Option<String>,
}

impl LegacyBody {
    /// A legacy body is an error when it has a non-zero `code` (or a `codeDesc`).
    pub(crate) fn is_error(&self) -> bool {
        self.code.is_some_and(|c| c != 0) || self.code_desc.is_some()
    }

    pub(crate) fn into_error<C: ErrorCode>(self, action: &'static str) -> Error<C> {
        let code = self
            .code_desc
            .or_else(|| self.code.map(|c| c.to_string()))
            .unwrap_or_default();
        Error::api(
            C::from_code(&code),
            self.message.unwrap_or_default(),
            self.code,
            action,
            None,
        )
    }
}
