//! Doc comments from spec text: HTML to Markdown-safe rustdoc lines, wrapped.

/// The lines of a doc comment for spec text: HTML tags dropped (`<br>`, `</p>`, `<li>` turned
/// into line breaks and list items), common entities decoded, every line trimmed (so nothing
/// becomes a doctest by indentation), code fences defused, square brackets escaped (no broken
/// intra-doc links), bare URLs put in angle brackets, long lines wrapped, and runs of blank
/// lines collapsed. Empty when the text has nothing to say.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let text = strip_html(text);
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line: String = raw
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect::<String>()
            .replace('\t', " ");
        let line = line.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let line = escape_markdown(line);
        lines.extend(wrap(&line, 96));
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn strip_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The target of the `<a href="...">` being read: written after its text.
    let mut href: Option<String> = None;
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find('>');
        // `<name ...>`, `</name>`, `<name/>`: a name of letters and digits, then a space, `/`
        // or `>` (so `<https://...>` and `1 < 2` are text).
        let tag_like = end.is_some_and(|e| {
            let inner = &after[1..e];
            let name = inner.trim_start_matches('/');
            let after_name = name.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
            name.starts_with(|c: char| c.is_ascii_alphabetic())
                && (after_name.is_empty() || after_name.starts_with([' ', '/', '\t', '\n']))
                && !inner.contains('<')
        });
        match (tag_like, end) {
            (true, Some(e)) => {
                let inner = after[1..e].trim_start_matches('/').to_ascii_lowercase();
                let name: String = inner
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                match name.as_str() {
                    "br" | "p" | "div" | "ul" | "ol" | "blockquote" | "tr" | "table" => {
                        out.push('\n')
                    }
                    "li" if !after[1..].starts_with('/') => out.push_str("\n- "),
                    "td" | "th" => out.push(' '),
                    "a" if after[1..].starts_with('/') => {
                        if let Some(url) = href.take() {
                            out.push_str(" (");
                            out.push_str(&url);
                            out.push(')');
                        }
                    }
                    "a" => href = attribute(&after[1..e], "href"),
                    _ => {}
                }
                rest = &after[e + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of `name="..."` (or `'...'`) in the text of a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = &rest[1..];
    let end = value.find(quote)?;
    Some(value[..end].trim().to_owned()).filter(|v| !v.is_empty())
}

fn escape_markdown(line: &str) -> String {
    let line = line.replace("```", "'''");
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while let Some(c) = line[i..].chars().next() {
        let rest = &line[i..];
        if c == '[' {
            // A Markdown link `[text](http...)` is kept: it renders as a link.
            if let Some(len) = markdown_link_len(rest) {
                out.push_str(&rest[..len]);
                i += len;
            } else {
                out.push_str("\\[");
                i += 1;
            }
        } else if c == ']' {
            out.push_str("\\]");
            i += 1;
        } else if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace()
                        || !c.is_ascii()
                        || matches!(c, '"' | '\'' | '<' | '>' | ')' | '(' | '[' | ']' | '`')
                })
                .unwrap_or(rest.len());
            let link = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            if out.ends_with('<') {
                out.push_str(link);
            } else {
                out.push('<');
                out.push_str(link);
                out.push('>');
            }
            i += link.len();
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The length of the Markdown link `[text](http...)` that `rest` starts with, if it does.
fn markdown_link_len(rest: &str) -> Option<usize> {
    let close = rest.find(']')?;
    if rest[1..close].contains('[') {
        return None;
    }
    let url = rest[close + 1..].strip_prefix('(')?;
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return None;
    }
    let end = url.find(')')?;
    if url[..end].contains(char::is_whitespace) {
        return None;
    }
    Some(close + 2 + end + 1)
}

/// Wraps at spaces to at most `width` columns, counting wide (CJK) characters as two; text
/// without spaces is cut before a wide letter (never before wide punctuation).
pub(crate) fn wrap(line: &str, width: usize) -> Vec<String> {
    let cols = |s: &str| s.chars().map(char_width).sum::<usize>();
    if cols(line) <= width {
        return vec![line.to_owned()];
    }
    let mut units: Vec<String> = Vec::new();
    let mut unit = String::new();
    for c in line.chars() {
        if char_width(c) == 2 && c.is_alphanumeric() && !unit.is_empty() {
            units.push(std::mem::take(&mut unit));
        }
        unit.push(c);
        if c == ' ' {
            units.push(std::mem::take(&mut unit));
        }
    }
    units.push(unit);
    let mut out = Vec::new();
    let mut current = String::new();
    for unit in units {
        // A line that starts with one of these would turn into a list item, a heading or a
        // quote: keep such a unit on the line before.
        let starts_block = unit.starts_with(['-', '*', '+', '#', '>', '=', '|']);
        if cols(&current) + cols(&unit) > width && !current.trim().is_empty() && !starts_block {
            out.push(current.trim_end().to_owned());
            current.clear();
        }
        if current.is_empty() {
            current.push_str(unit.trim_start());
        } else {
            current.push_str(&unit);
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim_end().to_owned());
    }
    out
}

fn char_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_lose_html_and_indentation() {
        let lines = doc_lines(
            "First line.<br>    indented second\n\n\n<ul><li>one</li><li>two</li></ul>&lt;tag&gt; &amp;",
        );
        assert_eq!(
            lines,
            [
                "First line.",
                "indented second",
                "",
                "- one",
                "- two",
                "<tag> &"
            ]
        );
    }

    #[test]
    fn docs_escape_brackets_fences_and_bare_urls() {
        let lines = doc_lines("see [1, 2] and https://example.com/a?b=c. ```rust x```");
        assert_eq!(
            lines,
            ["see \\[1, 2\\] and <https://example.com/a?b=c>. '''rust x'''"]
        );
        assert_eq!(doc_lines("a <b>bold</b> 1 < 2"), ["a bold 1 < 2"]);
        assert_eq!(
            doc_lines("read <a href=\"https://example.com/x\">the guide</a>."),
            ["read the guide (<https://example.com/x>)."]
        );
        assert!(doc_lines("  \n <p></p> ").is_empty());
        assert_eq!(
            doc_lines("see [`Filter`](https://example.com/api#Filter) and [x](y)"),
            ["see [`Filter`](https://example.com/api#Filter) and \\[x\\](y)"]
        );
        assert_eq!(
            doc_lines("at <https://example.com/a>"),
            ["at <https://example.com/a>"]
        );
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_between_wide_characters() {
        let long = "word ".repeat(40);
        let lines = doc_lines(&long);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 96), "{lines:?}");
        assert_eq!(lines.join(" "), long.trim());

        let dashes = format!("{} - {}", "x".repeat(90), "y".repeat(20));
        let lines = doc_lines(&dashes);
        assert!(lines.iter().all(|l| !l.starts_with('-')), "{lines:?}");

        let cjk = "实例".repeat(60);
        let lines = doc_lines(&cjk);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 48), "{lines:?}");
        assert_eq!(lines.concat(), cjk);
    }
}
