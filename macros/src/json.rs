//! A JSON reader for the schema files, so that the macros carry no serde of their own: a
//! proc-macro's dependencies are compiled a second time, for the host, in every user's build,
//! and serde with serde_json cost that build about 4 s of CPU for reading one file format.
//!
//! It reads any JSON text (a full tccli `api.json` with its documentation, or the bundle's
//! compact specs) into a [`Value`], keeping what the checks read (strings, booleans, the
//! structure) and skipping the values of numbers. Errors name the line and column as
//! serde_json's do (`expected value at line 1 column 2`).

use std::fmt;

/// serde_json's nesting limit: deeper text is refused rather than recursed into.
const MAX_DEPTH: usize = 128;

/// A JSON value; a number's value is not kept (no schema field is a number).
#[derive(Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number,
    String(String),
    Array(Vec<Value>),
    /// The members in the order written; a repeated key is kept twice (the reader of the
    /// object decides: [`Value::get`] takes the last, as a map would).
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value under `key` in an object (the last one written).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What the value is, for error messages: `a string`, `an object`...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Where and why the text is not JSON.
#[derive(Debug)]
pub struct Error {
    message: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// The value `text` holds, whitespace allowed around it and nothing else after it.
pub fn parse(text: &[u8]) -> Result<Value, Error> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    if reader.at < text.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// An error at the current byte (or at the end), its line and column counted 1-based.
    fn error(&self, message: &'static str) -> Error {
        let at = self.at.min(self.text.len());
        let before = &self.text[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // At the end, serde_json names the column of the last byte read.
        let column = if self.at >= self.text.len() {
            at - line_start
        } else {
            at - line_start + 1
        };
        Error {
            message,
            line,
            column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.nested(depth, Self::object),
            Some(b'[') => self.nested(depth, Self::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested(
        &mut self,
        depth: usize,
        read: fn(&mut Self, usize) -> Result<Value, Error>,
    ) -> Result<Value, Error> {
        if depth + 1 > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1; // the opening bracket
        read(self, depth + 1)
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        let mut members = Vec::new();
        if self.closes(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `:`")),
            }
            members.push((key, self.value(depth)?));
            if self.after_item(b'}', "EOF while parsing an object", "expected `,` or `}`")? {
                return Ok(Value::Object(members));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        let mut items = Vec::new();
        if self.closes(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            if self.after_item(b']', "EOF while parsing a list", "expected `,` or `]`")? {
                return Ok(Value::Array(items));
            }
        }
    }

    /// Whether the container's closing bracket comes next (read when it does).
    fn closes(&mut self, close: u8) -> bool {
        self.skip_whitespace();
        let closes = self.peek() == Some(close);
        if closes {
            self.at += 1;
        }
        closes
    }

    /// After an item of a container: a comma and another item (`false`), or the closing bracket
    /// (`true`); a comma right before the bracket is a trailing comma. `eof` and `expected` are
    /// the container's own messages.
    fn after_item(
        &mut self,
        close: u8,
        eof: &'static str,
        expected: &'static str,
    ) -> Result<bool, Error> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.skip_whitespace();
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(true)
            }
            None => Err(self.error(eof)),
            Some(_) => Err(self.error(expected)),
        }
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Result<Value, Error> {
        for &expected in word {
            match self.peek() {
                Some(b) if b == expected => self.at += 1,
                None => return Err(self.error("EOF while parsing a value")),
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(value)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, its value not kept.
    fn number(&mut self) -> Result<Value, Error> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.error("EOF while parsing a value")),
            Some(_) => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.required_digits()?;
        }
        Ok(Value::Number)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => Err(self.error("EOF while parsing a value")),
            Some(_) => Err(self.error("invalid number")),
        }
    }

    /// A string from its opening quote, escapes decoded; its bytes must be UTF-8.
    fn string(&mut self) -> Result<String, Error> {
        self.at += 1; // the opening quote
        let mut out = Vec::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.extend_from_slice(&self.text[start..self.at]);
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    // An error names the closing quote, where the string was found not UTF-8.
                    let text = String::from_utf8(out)
                        .map_err(|_| self.error("invalid unicode code point"))?;
                    self.at += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    /// The escape after a backslash, appended to `out` as UTF-8.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        let byte = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = self.unicode_escape()?;
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                return Ok(());
            }
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(byte);
        Ok(())
    }

    /// The character of `\uXXXX` (the `\u` read), a surrogate pair's two escapes together.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.text.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err(self.error("unexpected end of hex escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone leading surrogate in hex escape")),
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) => (b as char).to_digit(16),
            };
            let Some(digit) = digit else {
                return Err(self.error("invalid escape"));
            };
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Value};

    fn err(text: &str) -> String {
        parse(text.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(br#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d\u00e9\ud83d\ude00\n\"\\\/"}} "#)
            .unwrap();
        assert_eq!(
            v.get("a"),
            Some(&Value::Array(vec![
                Value::Number,
                Value::Number,
                Value::Bool(true),
                Value::Bool(false),
                Value::Null
            ]))
        );
        assert_eq!(
            v.get("b").and_then(|b| b.get("c")),
            Some(&Value::String("dé😀\n\"\\/".into()))
        );
        assert_eq!(parse(b"[]").unwrap(), Value::Array(vec![]));
        assert_eq!(parse(b"{}").unwrap(), Value::Object(vec![]));
        // A repeated key: the last one counts, as in a map.
        let v = parse(br#"{"k": 1, "k": "two"}"#).unwrap();
        assert_eq!(v.get("k"), Some(&Value::String("two".into())));
    }

    #[test]
    fn errors_name_the_line_and_column_as_serde_json_does() {
        // Each message is serde_json's for the same text.
        let mut differ = Vec::new();
        for text in [
            "[package]\nname = \"x\"",
            "",
            "{\"a\": 1,}",
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\": tru}",
            "\"abc",
            "\"a\\qb\"",
            "{\"a\": 1} x",
            "[01]",
            "[1.]",
            "{\n  \"a\": [\n    -1,\n    2,\n  ]\n}",
            "[1,]",
            "\"\\ud800\"",
            "{1: 2}",
        ] {
            let ours = err(text);
            let theirs = serde_json::from_str::<serde_json::Value>(text)
                .unwrap_err()
                .to_string();
            if ours != theirs {
                differ.push(format!("{text:?}: ours {ours:?}, serde_json {theirs:?}"));
            }
        }
        assert!(differ.is_empty(), "{differ:#?}");
    }

    #[test]
    fn deep_text_is_refused_not_recursed_into() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(
            err(&deep).starts_with("recursion limit exceeded"),
            "{}",
            err(&deep)
        );
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(ok.as_bytes()).is_ok());
    }

    #[test]
    fn invalid_utf8_and_control_characters_are_errors() {
        assert!(parse(b"\"\xff\"").is_err());
        assert!(parse(b"\"a\x01b\"").is_err());
    }
}
