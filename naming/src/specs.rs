//! Where compact specs live, shared by the macros (which read them) and the generator (which
//! writes them): the layout of a specs directory, its index file, and the
//! `[package.metadata.tencent-action]` / `[workspace.metadata.tencent-action]` setting.
//!
//! A specs directory holds `<service>/v<YYYYMMDD>/api.json` (tccli's own layout) and an
//! [`INDEX`] file listing what it holds. The macros read the index of the bundled specs to name
//! the services and versions present in "did you mean" messages; they read (and make cargo
//! track) an override directory's index so that a product added by `tencent-action-codegen
//! specs add` is picked up by the next build.

/// The index file's name inside a specs directory.
pub const INDEX: &str = "index.txt";

/// The file of `service` at `version` (`2017-03-12`), relative to a specs directory:
/// `cvm/v20170312/api.json`.
///
/// ```
/// assert_eq!(tencent_action_naming::specs::relative_path("cvm", "2017-03-12"), "cvm/v20170312/api.json");
/// ```
pub fn relative_path(service: &str, version: &str) -> String {
    format!("{service}/v{}/api.json", version.replace('-', ""))
}

/// One product of an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `cvm`.
    pub service: String,
    /// `2017-03-12`.
    pub version: String,
    /// The first 16 hex digits of the file's SHA-256: the index changes whenever a file does.
    pub digest: String,
}

/// A specs directory's index: the tccli release it came from, and its products.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// `3.1.189.1`, or empty when unknown.
    pub tccli: String,
    /// Sorted by service, then version.
    pub entries: Vec<Entry>,
}

impl Index {
    /// Reads an index's text. Lines are `tccli VERSION` or `SERVICE VERSION DIGEST`; `#`
    /// starts a comment; anything else is skipped (the index is written by the generator).
    ///
    /// ```
    /// use tencent_action_naming::specs::Index;
    /// let index = Index::parse("# comment\ntccli 3.1.189.1\ncvm 2017-03-12 0123456789abcdef\n");
    /// assert_eq!(index.tccli, "3.1.189.1");
    /// assert_eq!(index.versions("cvm").collect::<Vec<_>>(), ["2017-03-12"]);
    /// assert!(index.has("cvm", "2017-03-12"));
    /// ```
    pub fn parse(text: &str) -> Index {
        let mut index = Index::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["tccli", version] => index.tccli = (*version).to_owned(),
                [service, version, digest] => index.entries.push(Entry {
                    service: (*service).to_owned(),
                    version: (*version).to_owned(),
                    digest: (*digest).to_owned(),
                }),
                _ => {}
            }
        }
        index
    }

    /// The index's text, as [`Index::parse`] reads it.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# Compact specs for tencent-action's schema check, written by `tencent-action-codegen specs add`.\n\
             # <service> <version> <first 16 hex digits of the file's SHA-256>; the files are <service>/v<YYYYMMDD>/api.json.\n",
        );
        if !self.tccli.is_empty() {
            out += &format!("tccli {}\n", self.tccli);
        }
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| (&a.service, &a.version).cmp(&(&b.service, &b.version)));
        for e in &entries {
            out += &format!("{} {} {}\n", e.service, e.version, e.digest);
        }
        out
    }

    /// Whether the index lists `service` at `version`.
    pub fn has(&self, service: &str, version: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.service == service && e.version == version)
    }

    /// Every service, once, sorted.
    pub fn services(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.entries.iter().map(|e| e.service.as_str()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The versions of `service`, oldest first.
    pub fn versions<'a>(&'a self, service: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.service == service)
            .map(|e| e.version.as_str())
    }
}

/// The `specs` setting of a manifest's `[package.metadata.tencent-action]` (or
/// `[workspace.metadata.tencent-action]`) table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// `specs = "DIR"`: an override directory, relative to the manifest.
    Dir(String),
    /// `specs = false`: no schema check in this crate (or workspace).
    Off,
    /// `specs = true`: the bundled specs only (the default, written out).
    Bundled,
}

/// Which table of a manifest to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `[package.metadata.tencent-action]`.
    Package,
    /// `[workspace.metadata.tencent-action]`.
    Workspace,
}

impl Table {
    fn prefix(self) -> &'static str {
        match self {
            Table::Package => "package",
            Table::Workspace => "workspace",
        }
    }

    /// How the table is written, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Table::Package => "[package.metadata.tencent-action]",
            Table::Workspace => "[workspace.metadata.tencent-action]",
        }
    }
}

/// Reads `specs` from `table` of a `Cargo.toml`'s text. `Ok(None)` when the manifest does not
/// set it; `Err` (a message) when it sets it to something that is neither a string nor a bool.
///
/// This reads the TOML that Cargo manifests use for the setting, not all of TOML: a
/// `[package.metadata.tencent-action]` header followed by `specs = ...`, an inline table
/// (`tencent-action = { specs = ... }` under `[package.metadata]`), or a dotted key
/// (`metadata.tencent-action.specs = ...` under `[package]`), with basic or literal strings.
///
/// ```
/// use tencent_action_naming::specs::{read_setting, Setting, Table};
/// let manifest = "[package]\nname = \"x\"\n\n[package.metadata.tencent-action]\nspecs = \"specs\"\n";
/// assert_eq!(read_setting(manifest, Table::Package), Ok(Some(Setting::Dir("specs".into()))));
/// assert_eq!(read_setting(manifest, Table::Workspace), Ok(None));
/// let off = "[workspace.metadata]\ntencent-action = { specs = false }\n";
/// assert_eq!(read_setting(off, Table::Workspace), Ok(Some(Setting::Off)));
/// ```
pub fn read_setting(manifest: &str, table: Table) -> Result<Option<Setting>, String> {
    let mut header: Vec<String> = Vec::new();
    let mut found = None;
    for raw in manifest.lines() {
        let line = strip_comment(raw).trim();
        if line.starts_with("[[") {
            header = vec!["[[array]]".to_owned()];
            continue;
        }
        if let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            header = split_key(inner);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let mut path = header.clone();
        path.extend(split_key(key));
        let value = value.trim();
        let want = [table.prefix(), "metadata", "tencent-action"];
        if path.len() == 4 && path[..3] == want && path[3] == "specs" {
            found = Some(parse_value(value, table)?);
        } else if path.len() == 3 && path[..] == want && value.starts_with('{') {
            // An inline table: `tencent-action = { specs = "..." }`.
            let inner = value.trim_start_matches('{').trim_end_matches('}');
            for pair in inner.split(',') {
                if let Some((k, v)) = pair.split_once('=') {
                    if split_key(k) == ["specs"] {
                        found = Some(parse_value(v.trim(), table)?);
                    }
                }
            }
        }
    }
    Ok(found)
}

fn parse_value(value: &str, table: Table) -> Result<Setting, String> {
    match value {
        "false" => return Ok(Setting::Off),
        "true" => return Ok(Setting::Bundled),
        _ => {}
    }
    unquote(value).map(Setting::Dir).ok_or_else(|| {
        format!(
            "`specs` in {} must be a directory (a string, relative to that Cargo.toml) or `false`, found `{value}`",
            table.name()
        )
    })
}

/// A comment starts at a `#` outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// `package.metadata."tencent-action"` → `["package", "metadata", "tencent-action"]`.
fn split_key(key: &str) -> Vec<String> {
    key.split('.')
        .map(|part| {
            let part = part.trim();
            unquote(part).unwrap_or_else(|| part.to_owned())
        })
        .collect()
}

/// The text of a basic (`"..."`, with `\\` and `\"` escapes) or literal (`'...'`) string.
fn unquote(value: &str) -> Option<String> {
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return Some(inner.to_owned());
    }
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_spelling_of_the_setting() {
        let dir = |s: &str| Ok(Some(Setting::Dir(s.to_owned())));
        for (manifest, want) in [
            ("[package.metadata.tencent-action]\nspecs = \"a\"", dir("a")),
            (
                "[package.metadata.\"tencent-action\"]\nspecs = 'b' # c",
                dir("b"),
            ),
            (
                "[package.metadata]\ntencent-action = { specs = \"c\" }",
                dir("c"),
            ),
            ("[package]\nmetadata.tencent-action.specs = \"d\"", dir("d")),
            (
                "[package.metadata.tencent-action]\nspecs = false",
                Ok(Some(Setting::Off)),
            ),
            (
                "[package.metadata.tencent-action]\nspecs = true",
                Ok(Some(Setting::Bundled)),
            ),
            ("[package.metadata.other]\nspecs = \"x\"", Ok(None)),
            (
                "[workspace.metadata.tencent-action]\nspecs = \"x\"",
                Ok(None),
            ),
            ("[package]\nname = \"specs # not a comment\"", Ok(None)),
        ] {
            assert_eq!(read_setting(manifest, Table::Package), want, "{manifest}");
        }
        let e = read_setting(
            "[package.metadata.tencent-action]\nspecs = 3",
            Table::Package,
        );
        assert!(e.unwrap_err().contains("must be a directory"));
    }

    #[test]
    fn index_round_trips() {
        let index = Index {
            tccli: "3.1.189.1".into(),
            entries: vec![
                Entry {
                    service: "vpc".into(),
                    version: "2017-03-12".into(),
                    digest: "00".into(),
                },
                Entry {
                    service: "cvm".into(),
                    version: "2017-03-12".into(),
                    digest: "11".into(),
                },
            ],
        };
        let parsed = Index::parse(&index.render());
        assert_eq!(parsed.tccli, "3.1.189.1");
        assert_eq!(parsed.services(), ["cvm", "vpc"]);
        assert!(parsed.has("vpc", "2017-03-12"));
        assert!(!parsed.has("vpc", "2017-03-13"));
    }
}
