//! A byte cursor over the start of a body, for [`route`](super::route) and
//! [`fast_error`](super::fast_error): tokens, known keys and plain strings, whitespace between
//! them. It only ever answers "this is exactly what I expected" or "not for me": whatever it
//! does not read, serde_json reads.

use crate::request_id::printable;

pub(crate) struct Scan<'a> {
    pub(crate) body: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Scan<'a> {
    pub(crate) fn new(body: &'a [u8], at: usize) -> Self {
        Scan { body, at }
    }

    /// Skips JSON's whitespace, exactly (path 1 reads what this skips over): a compare and a
    /// bit test a byte.
    #[inline]
    pub(crate) fn skip_whitespace(&mut self) {
        /// Bits 9, 10, 13 and 32: tab, line feed, carriage return, space.
        const WHITESPACE: u64 = 1 << 9 | 1 << 10 | 1 << 13 | 1 << 32;
        while let Some(&b) = self.body.get(self.at) {
            if b > b' ' || WHITESPACE >> b & 1 == 0 {
                return;
            }
            self.at += 1;
        }
    }

    /// Whether the body ends here, after any whitespace.
    pub(crate) fn at_end(&mut self) -> bool {
        self.skip_whitespace();
        self.at == self.body.len()
    }

    /// The letter after the quote that opens the next key (whitespace skipped); the position is
    /// left at the quote.
    #[inline]
    pub(crate) fn first_letter(&mut self) -> Option<u8> {
        self.skip_whitespace();
        match self.body.get(self.at..self.at + 2) {
            Some([b'"', letter]) => Some(*letter),
            _ => None,
        }
    }

    /// `b`, after any whitespace.
    #[inline]
    pub(crate) fn token(&mut self, b: u8) -> bool {
        self.skip_whitespace();
        if self.body.get(self.at) == Some(&b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// `quoted` (a key with its quotes, written without escapes) then `:`, after any
    /// whitespace; on a mismatch the position is kept, so another key can be tried. An array of
    /// known length, compared as words rather than through `memcmp`.
    #[inline]
    pub(crate) fn key<const N: usize>(&mut self, quoted: &[u8; N]) -> bool {
        self.skip_whitespace();
        let start = self.at;
        let found = self.body.get(start..start + N).map(<[u8; N]>::try_from);
        if let Some(Ok(found)) = found {
            if &found == quoted {
                self.at += N;
                if self.token(b':') {
                    return true;
                }
            }
        }
        self.at = start;
        false
    }

    /// A string without escapes or control characters, as its raw bytes (not yet checked to
    /// be UTF-8).
    #[inline]
    pub(crate) fn plain_string(&mut self) -> Option<&'a [u8]> {
        if !self.token(b'"') {
            return None;
        }
        let rest = &self.body[self.at..];
        let len = special(rest);
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.at += len + 1;
        Some(&rest[..len])
    }

    /// A RequestId's text up to the next quote (found with `memchr`, as serde_json finds the
    /// end of a string). Not checked further: a quote after a backslash ends it too early, and
    /// the caller checks it ([`plain_id`]) when it uses it; routing does not need to.
    #[inline]
    pub(crate) fn id_string(&mut self) -> Option<&'a [u8]> {
        if !self.token(b'"') {
            return None;
        }
        let rest = &self.body[self.at..];
        let len = memchr::memchr(b'"', rest)?;
        self.at += len + 1;
        Some(&rest[..len])
    }

    /// A string, escapes allowed, as it is written, quotes included (`None` when the body ends
    /// inside it).
    pub(crate) fn quoted_string(&mut self) -> Option<&'a [u8]> {
        if !self.token(b'"') {
            return None;
        }
        let start = self.at - 1;
        let mut at = self.at;
        loop {
            at += special(self.body.get(at..)?);
            match self.body.get(at)? {
                b'"' => break,
                b'\\' => at += 2,
                _ => at += 1,
            }
        }
        self.at = at + 1;
        self.body.get(start..=at)
    }
}

/// Whether `s` holds no `"`, `\\` or control byte: a few vector compares, no early exit.
#[inline]
pub(crate) fn plain(s: &[u8]) -> bool {
    s.iter()
        .fold(true, |ok, &b| ok & (b != b'"') & (b != b'\\') & (b >= b' '))
}

/// Whether `id` (from [`Scan::id_string`]) is a whole RequestId the general decoder would read
/// the same: printable ASCII, no quote (the string went on) and no backslash (an escape).
#[inline]
pub(crate) fn plain_id(id: &[u8]) -> bool {
    printable(id) && plain(id)
}

/// The index of the first `"`, `\` or control byte of `s` (`s.len()` when there is none),
/// eight bytes at a time as serde_json looks for them: a byte-by-byte search costs about four
/// times as much on a long message.
#[inline]
pub(crate) fn special(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let chunks = s.chunks_exact(8);
    let tail = s.len() - chunks.remainder().len();
    for (n, chunk) in chunks.enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        // A zero byte of `quote` or `backslash`, or a byte of `x` below 0x20. Borrows make
        // false hits only above a true one, so the lowest hit is exact.
        let hits = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (x.wrapping_sub(ONES * 0x20) & !x))
            & HIGH;
        if hits != 0 {
            return 8 * n + (hits.trailing_zeros() / 8) as usize;
        }
    }
    tail + s[tail..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(s.len() - tail)
}

#[cfg(test)]
mod tests {
    use super::{special, Scan};

    #[test]
    fn special_finds_the_first_quote_backslash_or_control_byte() {
        for s in [
            &b""[..],
            b"abc",
            b"abcdefgh",
            b"abcdefghijklmnop\"",
            "号码在黑名单中\"".as_bytes(),
            b"0123456\\",
            b"01234567\x1f",
            b"\x7f\xff\x80 ~",
            b"a\"b\\c\x00",
        ] {
            let slow = s
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(s.len());
            assert_eq!(special(s), slow, "{s:?}");
        }
    }

    #[test]
    fn whitespace_is_skipped_in_runs_of_any_length() {
        for n in 0..20 {
            for next in [b'{', b'"', 0x80, 0xff, b'!'] {
                let mut body = b"\n".to_vec();
                body.extend(std::iter::repeat(b' ').take(n));
                body.push(next);
                let mut s = Scan::new(&body, 0);
                s.skip_whitespace();
                assert_eq!(s.at, n + 1, "{body:?}");
            }
            let body = vec![b' '; n];
            let mut s = Scan::new(&body, 0);
            s.skip_whitespace();
            assert_eq!(s.at, n);
        }
    }

    #[test]
    fn strings_plain_and_escaped() {
        let mut s = Scan::new(br#" "abc" "a\"b\\" "x"#, 0);
        assert_eq!(s.plain_string(), Some(&b"abc"[..]));
        assert_eq!(s.quoted_string(), Some(&br#""a\"b\\""#[..]));
        assert_eq!(s.quoted_string(), None);
        assert_eq!(Scan::new(br#""a\"b""#, 0).plain_string(), None);
    }
}
