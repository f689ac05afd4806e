//! The API part of an error, the only part generic over the code type: `Response.Error` (or a
//! legacy API 2.0 error), classified by `C`.

use std::fmt;

use crate::code::ErrorCode;
use crate::excerpt::{quote, DebugBounded};

pub(crate) struct Api<C> {
    /// The classified code; `code_of(&typed)` is the raw code, exactly as sent (the typed code
    /// keeps it, so it is not stored twice).
    pub(super) typed: C,
    /// `C::as_str`, taken where `C: ErrorCode` is known, so that reading the code needs no bound
    /// on `Error<C>`'s methods.
    code_of: fn(&C) -> &str,
    pub(super) message: String,
    /// The numeric `code` of a legacy API 2.0 error body.
    pub(super) legacy: Option<i64>,
}

impl<C> Api<C> {
    pub(super) fn new(typed: C, message: String, legacy: Option<i64>) -> Self
    where
        C: ErrorCode,
    {
        Api {
            typed,
            code_of: C::as_str,
            message,
            legacy,
        }
    }

    /// The raw code, exactly as sent.
    pub(super) fn code(&self) -> &str {
        (self.code_of)(&self.typed)
    }

    /// The same API error with its raw code classified by `D`.
    pub(super) fn reclassify<D: ErrorCode>(self) -> Api<D> {
        let typed = D::from_code(self.code());
        Api::new(typed, self.message, self.legacy)
    }

    /// `Display` after `"{action} failed: "`'s action: every piece of peer text quoted.
    pub(super) fn fmt_display(&self, f: &mut fmt::Formatter<'_>, action: &str) -> fmt::Result {
        write!(f, "{action} failed: {}", quote(self.code()))?;
        if let Some(n) = self.legacy {
            write!(f, " (legacy code {n})")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", quote(&self.message))?;
        }
        Ok(())
    }

    pub(super) fn debug_fields(&self, d: &mut fmt::DebugStruct<'_, '_>)
    where
        C: fmt::Debug,
    {
        d.field("code", &quote(self.code()))
            .field("typed_code", &DebugBounded(&self.typed))
            .field("message", &quote(&self.message));
        if let Some(legacy) = &self.legacy {
            d.field("legacy_code", legacy);
        }
    }
}
