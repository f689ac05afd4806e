//! Short, escaped excerpts of response bodies for error messages.
//!
//! An error must say what the body looked like without ever carrying the whole body (it can be
//! megabytes, or hold data the user would not want in a log), and without letting raw control
//! characters or invalid UTF-8 reach a terminal.

use std::fmt::Write as _;

/// At most this many characters of a body go into an excerpt.
pub(crate) const EXCERPT_CHARS: usize = 64;

/// The start of `body`, escaped: see [`escape_bytes`].
pub(crate) fn head(body: &[u8]) -> String {
    escape_bytes(body, EXCERPT_CHARS)
}

/// Up to [`EXCERPT_CHARS`] characters of `body` starting a little before byte `offset`,
/// escaped, with `…` where the excerpt cuts the body.
pub(crate) fn around(body: &[u8], offset: usize) -> String {
    let offset = offset.min(body.len());
    let mut start = offset.saturating_sub(EXCERPT_CHARS / 2);
    // Start on a UTF-8 boundary when the body is UTF-8 there, so we do not print half a
    // character as `\x..` escapes.
    while start > 0 && start < body.len() && (body[start] & 0b1100_0000) == 0b1000_0000 {
        start -= 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&escape_bytes(&body[start..], EXCERPT_CHARS));
    out
}

/// Escapes at most `max_chars` characters of `bytes`: control characters, quotes and backslashes
/// as Rust escapes, invalid UTF-8 as `\xNN`; appends `…` when the input is longer.
pub(crate) fn escape_bytes(bytes: &[u8], max_chars: usize) -> String {
    let mut out = String::new();
    let mut taken = 0;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if taken == max_chars {
                out.push('…');
                return out;
            }
            push_escaped(&mut out, c);
            taken += 1;
        }
        for b in chunk.invalid() {
            if taken == max_chars {
                out.push('…');
                return out;
            }
            let _ = write!(out, "\\x{b:02x}");
            taken += 1;
        }
    }
    out
}

/// Escapes the characters of `text` that would break a one-line message (control characters),
/// keeping everything else, unicode included, as it is.
pub(crate) fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    if c.is_control() || c == '"' || c == '\\' {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_quotes_and_invalid_utf8() {
        assert_eq!(
            escape_bytes(b"a\"b\\c\n\x00\xff", 64),
            "a\\\"b\\\\c\\n\\u{0}\\xff"
        );
    }

    #[test]
    fn keeps_unicode_and_cuts_long_input() {
        assert_eq!(escape_bytes("短信ok".as_bytes(), 64), "短信ok");
        let long = "x".repeat(1000);
        let e = escape_bytes(long.as_bytes(), 10);
        assert_eq!(e, format!("{}…", "x".repeat(10)));
    }

    #[test]
    fn around_starts_on_a_char_boundary() {
        let body = "é".repeat(100);
        let e = around(body.as_bytes(), 101);
        assert!(e.starts_with('…'));
        assert!(!e.contains("\\x"), "{e}");
    }

    #[test]
    fn one_line_escapes_only_controls() {
        assert_eq!(one_line("a\nb \"短\""), "a\\nb \"短\"");
        assert!(matches!(one_line("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
