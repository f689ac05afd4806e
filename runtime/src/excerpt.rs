//! Short, escaped excerpts of response bodies, and bounded quotes of a peer's text, for error
//! messages.
//!
//! An error must say what the body looked like without ever carrying the whole body (it can be
//! megabytes, or hold data the user would not want in a log), and without letting raw control
//! characters, line or paragraph separators, bidi overrides or other invisible format
//! characters, or invalid UTF-8 reach a terminal or a log line. Every message that quotes text
//! from a peer (a code, a message, a RequestId, a header, a query) goes through [`quote`].

use std::fmt::{self, Write as _};

/// At most this many characters of one quoted value go into a message; the rest is replaced by a
/// marker giving the full length. Accessors (`Error::code` and the like) stay exact.
pub(crate) const QUOTE_CHARS: usize = 256;

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

/// A peer's text as it may appear in a message: at most [`QUOTE_CHARS`] characters, then
/// `…[N bytes]` with the full length; control, separator and format characters escaped as
/// `\u{..}` (or `\n`, `\r`, `\t`), everything else, unicode included, as it is. `Display`
/// writes it bare, `Debug` between double quotes with `"` and `\` escaped too.
///
/// The loopback server and every `Display`/`Debug` that quotes a response, a header or a query
/// use this one function.
pub(crate) fn quote(text: &str) -> Quoted<'_> {
    Quoted(text)
}

/// See [`quote`].
#[derive(Clone, Copy)]
pub(crate) struct Quoted<'a>(&'a str);

impl Quoted<'_> {
    fn write(&self, f: &mut fmt::Formatter<'_>, debug: bool) -> fmt::Result {
        let text = self.0;
        let mut start = 0;
        for (taken, (i, c)) in text.char_indices().enumerate() {
            if taken == QUOTE_CHARS {
                f.write_str(&text[start..i])?;
                return write!(f, "…[{} bytes]", text.len());
            }
            if must_escape(c) || (debug && (c == '"' || c == '\\')) {
                f.write_str(&text[start..i])?;
                for e in c.escape_default() {
                    f.write_char(e)?;
                }
                start = i + c.len_utf8();
            }
        }
        f.write_str(&text[start..])
    }
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

impl fmt::Debug for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        self.write(f, true)?;
        f.write_char('"')
    }
}

/// Characters that must not reach a message raw: controls (C0, DEL, C1), the line and paragraph
/// separators, and the format characters (Unicode category Cf: bidi embeddings, overrides and
/// isolates, zero-width characters, the BOM, invisible operators, tags), which can make a log
/// line read differently from what it holds.
pub(crate) fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061C}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08E2}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0001}'
                | '\u{E0020}'..='\u{E007F}'
        )
}

/// Any `Debug` value (a typed code holding a peer's text, say), cut after `2 * QUOTE_CHARS`
/// characters with `…`: formatting stops there, so a huge value costs no more than a short one.
pub(crate) struct DebugBounded<'a, T: ?Sized>(pub(crate) &'a T);

impl<T: fmt::Debug + ?Sized> fmt::Debug for DebugBounded<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut cut = Cut {
            f,
            left: 2 * QUOTE_CHARS,
            cut: false,
        };
        match write!(cut, "{:?}", self.0) {
            Err(_) if cut.cut => cut.f.write_str("…"),
            other => other,
        }
    }
}

/// Writes through to `f` until `left` characters are used up, then fails to stop the caller.
struct Cut<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Cut<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        match s.char_indices().nth(self.left) {
            None => {
                self.left -= s.chars().count();
                self.f.write_str(s)
            }
            Some((i, _)) => {
                self.f.write_str(&s[..i])?;
                self.left = 0;
                self.cut = true;
                Err(fmt::Error)
            }
        }
    }
}

fn push_escaped(out: &mut String, c: char) {
    if must_escape(c) || c == '"' || c == '\\' {
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
    fn quote_escapes_controls_separators_and_format_characters_only() {
        assert_eq!(quote("a\nb \"短\"").to_string(), "a\\nb \"短\"");
        assert_eq!(
            quote("x\u{2028}y\u{202E}z\u{200B}\u{FEFF}\u{1b}").to_string(),
            "x\\u{2028}y\\u{202e}z\\u{200b}\\u{feff}\\u{1b}"
        );
        assert_eq!(
            format!("{:?}", quote("a\"b\\c\u{2029}")),
            "\"a\\\"b\\\\c\\u{2029}\""
        );
        assert_eq!(escape_bytes("a\u{202E}b".as_bytes(), 64), "a\\u{202e}b");
    }

    #[test]
    fn debug_bounded_cuts_and_stops() {
        let long = vec!["x".repeat(1000); 1000];
        let shown = format!("{:?}", DebugBounded(&long));
        assert_eq!(shown.chars().count(), 2 * QUOTE_CHARS + 1, "{shown}");
        assert!(shown.ends_with('…'));
        assert_eq!(format!("{:?}", DebugBounded(&"ok")), "\"ok\"");
    }

    #[test]
    fn quote_is_bounded_and_gives_the_full_length() {
        let long = "é".repeat(1 << 20);
        let shown = quote(&long).to_string();
        assert_eq!(
            shown,
            format!("{}…[{} bytes]", "é".repeat(QUOTE_CHARS), long.len())
        );
        let debug = format!("{:?}", quote(&long));
        assert!(debug.len() < 2 * QUOTE_CHARS + 40, "{}", debug.len());
        let exact = "x".repeat(QUOTE_CHARS);
        assert_eq!(quote(&exact).to_string(), exact);
    }
}
