//! Storage for a response's RequestId without a heap allocation.
//!
//! Every decode captures one RequestId (a 36-character UUID in practice). Keeping it inline in
//! the response struct instead of in a `String` saves an allocation and a free per call, which
//! is most of what the envelope costs over plain serde on small responses.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Bytes kept inline; longer ids (never seen from Tencent) go to the heap.
const INLINE: usize = 46;

/// A RequestId, stored inline when it is at most 46 bytes. Not public API: it is the type of
/// the hidden field `#[tencent_action]` adds, read through [`Action::request_id`](crate::Action::request_id).
///
/// `Debug` shows the id; `PartialEq`, `Ord` and `Hash` ignore it (every two ids are equal),
/// so the id never makes two response values differ.
#[derive(Clone)]
pub struct RequestId(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl RequestId {
    /// Copies `id`, inline when it fits.
    #[inline]
    pub fn new(id: &str) -> RequestId {
        if id.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..id.len()].copy_from_slice(id.as_bytes());
            RequestId(Repr::Inline {
                // Fits: id.len() <= INLINE < 256.
                len: id.len() as u8,
                bytes,
            })
        } else {
            RequestId(Repr::Heap(id.into()))
        }
    }

    /// Copies an id known to be ASCII (so valid UTF-8), inline when it fits.
    #[inline]
    pub(crate) fn from_ascii(id: &[u8]) -> RequestId {
        debug_assert!(id.is_ascii());
        if id.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..id.len()].copy_from_slice(id);
            RequestId(Repr::Inline {
                len: id.len() as u8,
                bytes,
            })
        } else {
            // ASCII is UTF-8: the lossy conversion never replaces anything here.
            RequestId(Repr::Heap(String::from_utf8_lossy(id).into()))
        }
    }

    /// The id as text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: the bytes were copied from a `str` at a char boundary (its end).
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            Repr::Heap(id) => id,
        }
    }
}

/// Whether `id` is printable ASCII (0x20..0x80), the ids the decoders read as bytes. Without an
/// early exit, so that it compiles to a few vector compares (`all` costs 6 instructions a
/// byte, more than the rest of a small response's envelope).
#[inline]
pub(crate) fn printable(id: &[u8]) -> bool {
    id.iter()
        .fold(true, |ok, &b| ok & (b.wrapping_sub(0x20) < 0x60))
}

impl Default for RequestId {
    fn default() -> Self {
        RequestId(Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }
}

impl From<String> for RequestId {
    fn from(id: String) -> Self {
        if id.len() <= INLINE {
            RequestId::new(&id)
        } else {
            RequestId(Repr::Heap(id.into_boxed_str()))
        }
    }
}

impl std::ops::Deref for RequestId {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// The RequestId is metadata of the call that fetched a value, not part of the value: a
// response struct's derived `PartialEq`, `Ord` and `Hash` see through it, so two responses with
// the same data are equal whatever requests fetched them (and a value built by hand with
// `..Default::default()` equals a decoded one). Compare `request_id()` when the id matters.

impl PartialEq for RequestId {
    /// Always `true`: see the note above.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for RequestId {}

impl PartialOrd for RequestId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RequestId {
    /// Always `Equal`, consistent with `PartialEq`.
    fn cmp(&self, _: &Self) -> Ordering {
        Ordering::Equal
    }
}

impl Hash for RequestId {
    /// Hashes nothing, consistent with `PartialEq`.
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_are_inline_and_long_ones_on_the_heap() {
        let uuid = "6ef60bec-0242-43af-bb20-270359fb54a7";
        let id = RequestId::new(uuid);
        assert!(matches!(id.0, Repr::Inline { .. }));
        assert_eq!(id.as_str(), uuid);
        let long = "x".repeat(INLINE + 1);
        let id = RequestId::new(&long);
        assert!(matches!(id.0, Repr::Heap(_)));
        assert_eq!(id.as_str(), long);
        assert_eq!(RequestId::from(long.clone()).as_str(), long);
        assert_eq!(RequestId::new(&"é".repeat(23)).as_str(), "é".repeat(23));
        assert_eq!(RequestId::default().as_str(), "");
    }

    #[test]
    fn ids_never_make_two_values_differ_but_debug_shows_them() {
        assert_eq!(RequestId::new("a"), RequestId::from("b".to_owned()));
        assert_eq!(
            RequestId::new("a").cmp(&RequestId::new("b")),
            Ordering::Equal
        );
        assert_eq!(format!("{:?}", RequestId::new("a\"b")), "\"a\\\"b\"");
    }
}
