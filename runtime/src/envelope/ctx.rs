//! What one decode pass carries down to its seeds ([`Ctx`]: how to read the RequestId) and the
//! [`Flags`] they send back up: the only channel between the entry point that starts a pass
//! (`envelope.rs`, which retries or re-reads on what the flags say) and the seeds deep inside
//! serde's call stack (`top`, `intercept`, `id_seed`) that stop it.

use std::cell::Cell;

use crate::error::EnvelopeProblem;

/// How the success path reads a RequestId.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdMode {
    /// As the raw bytes of the body, checked with `is_ascii` (a word at a time) and for control
    /// characters: on a small response, validating the 36-byte id through `str` costs more than
    /// everything else the envelope does. An id this cannot read (written with escapes, or not
    /// a string at all) stops the decode and sets [`Flags::retry_as_text`].
    Bytes,
    /// As a `str`, validated by serde_json, leniently: any value that is not a string (a
    /// number, `null`, an object) is no id, and the data around it still decodes.
    Text,
}

/// What one decode carries down to its seeds: how to read the RequestId, and the flags they
/// send back up. The caller acts on the flags, never on an error's text.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) mode: IdMode,
    pub(crate) flags: &'a Flags,
}

/// Set by the seeds when the decode stops for a reason the caller handles itself.
#[derive(Default)]
pub(crate) struct Flags {
    /// The pass in [`IdMode::Bytes`] stopped at a RequestId it cannot read as bytes: retry in
    /// [`IdMode::Text`].
    pub(crate) retry_as_text: Cell<bool>,
    /// The body has a second `Response`, or `Response` a second `Error`.
    pub(crate) duplicate: Cell<Option<EnvelopeProblem>>,
}
