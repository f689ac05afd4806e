//! Random identifiers without a `rand` dependency: the client's `ClientToken`s and the test
//! endpoint's keys and RequestIds. Unique, not secret.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// 64 random bits from the standard library's randomly keyed hasher: every `RandomState` has
/// fresh keys (random per thread, then incremented), so successive calls differ.
pub(crate) fn random_u64() -> u64 {
    RandomState::new().build_hasher().finish()
}

/// A random version-4 UUID, the shape of Tencent's RequestIds and ClientTokens.
pub(crate) fn uuid() -> String {
    let (a, b) = (random_u64(), random_u64());
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000; // variant 10
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000; // version 4
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuids_are_version_4_and_differ() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| super::uuid()).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids.iter().all(|id| id.len() == 36 && &id[14..15] == "4"));
    }
}
