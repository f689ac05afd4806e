//! Credentials from the profile file the official CLI and SDKs read: an INI file,
//! `TENCENTCLOUD_CREDENTIALS_FILE` or `~/.tencentcloud/credentials`, one section per profile:
//!
//! ```ini
//! [default]
//! secret_id = AKID...
//! secret_key = ...
//! ; token = ...   (optional, temporary credentials)
//! ```
//!
//! Read as tccli and the Python SDK read it (Python's `configparser`): keys are matched
//! case-insensitively, `=` or `:` separates a key from its value, surrounding spaces are
//! trimmed, and quotes are part of the value (`secret_id = "AKID"` is a SecretId with quotes,
//! which the service will refuse); a section or a key given twice is an error, as in
//! `configparser`'s strict mode. The file must be a regular file of at most
//! [`MAX_PROFILE_FILE`] bytes: a FIFO, a device or a huge file is refused before it is read.
//! Like tccli, keep it readable by its owner only (`chmod 600`).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{process_env, CredentialError, Lookup, ProvideCredential};
use crate::sign::Credential;

/// The variable naming another profile file.
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// The variable naming the profile (section); `default` when unset.
pub const ENV_PROFILE: &str = "TENCENTCLOUD_PROFILE";
/// The largest profile file read (64 KiB): a credentials file is a few hundred bytes.
pub const MAX_PROFILE_FILE: u64 = 64 * 1024;

/// The profile-file provider. Not configured when there is no file at the default path; an
/// error when a file named by `TENCENTCLOUD_CREDENTIALS_FILE` is missing, when the file cannot
/// be parsed (the line is given), when a profile named by `TENCENTCLOUD_PROFILE` is absent, or
/// when the profile has only one of `secret_id` and `secret_key`.
///
/// ```
/// use tencent_action::client::credentials::{ProfileFile, ProvideCredential};
/// let dir = std::env::temp_dir().join(format!("tencent-action-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("credentials");
/// std::fs::write(&path, "[default]\nsecret_id = AKIDPROFILE\nsecret_key = k\n")?;
/// let credential = ProfileFile::at(&path).provide()?.unwrap();
/// assert_eq!(credential.secret_id(), "AKIDPROFILE");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ProfileFile {
    path: Option<PathBuf>,
    profile: Option<String>,
    lookup: Lookup,
}

impl ProfileFile {
    /// The file and profile the environment names (or the defaults).
    pub fn new() -> ProfileFile {
        ProfileFile::with_lookup(process_env())
    }

    /// An explicit file (its absence is an error), profile from the environment.
    pub fn at(path: impl Into<PathBuf>) -> ProfileFile {
        ProfileFile {
            path: Some(path.into()),
            ..ProfileFile::new()
        }
    }

    /// The same provider reading `profile` instead of the environment's choice.
    pub fn profile(mut self, profile: impl Into<String>) -> ProfileFile {
        self.profile = Some(profile.into());
        self
    }

    /// Reads the variables (`TENCENTCLOUD_CREDENTIALS_FILE`, `TENCENTCLOUD_PROFILE`, `HOME`)
    /// through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        ProfileFile::with_lookup(Arc::new(lookup))
    }

    pub(crate) fn with_lookup(lookup: Lookup) -> ProfileFile {
        ProfileFile {
            path: None,
            profile: None,
            lookup,
        }
    }

    /// The file to read, and whether it was named explicitly.
    fn location(&self) -> Option<(PathBuf, bool)> {
        let get = |name: &str| (self.lookup)(name).filter(|v| !v.trim().is_empty());
        if let Some(path) = &self.path {
            return Some((path.clone(), true));
        }
        if let Some(path) = get(ENV_CREDENTIALS_FILE) {
            return Some((PathBuf::from(path), true));
        }
        let home = get("HOME").or_else(|| get("USERPROFILE"))?;
        Some((
            Path::new(&home).join(".tencentcloud").join("credentials"),
            false,
        ))
    }
}

impl Default for ProfileFile {
    fn default() -> Self {
        ProfileFile::new()
    }
}

impl fmt::Debug for ProfileFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileFile")
            .field("path", &self.path)
            .field("profile", &self.profile)
            .finish()
    }
}

const SOURCE: &str = "profile file";

/// Why a profile file was not read.
enum Unreadable {
    Io(std::io::Error),
    NotRegular,
    TooLarge,
    NotUtf8,
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Io(e) => write!(f, "{e}"),
            Unreadable::NotRegular => f.write_str("not a regular file"),
            Unreadable::TooLarge => write!(f, "larger than {MAX_PROFILE_FILE} bytes"),
            Unreadable::NotUtf8 => f.write_str("not UTF-8 text"),
        }
    }
}

/// The file's text, refusing anything but a small regular file. The type is checked before
/// opening, since opening a FIFO for reading blocks until a writer comes; the size is checked
/// again while reading, as the file may change in between.
fn read_limited(path: &Path) -> Result<String, Unreadable> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(Unreadable::Io)?;
    if !metadata.is_file() {
        return Err(Unreadable::NotRegular);
    }
    if metadata.len() > MAX_PROFILE_FILE {
        return Err(Unreadable::TooLarge);
    }
    let file = std::fs::File::open(path).map_err(Unreadable::Io)?;
    let mut bytes = Vec::new();
    file.take(MAX_PROFILE_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(Unreadable::Io)?;
    if bytes.len() as u64 > MAX_PROFILE_FILE {
        return Err(Unreadable::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)
}

impl ProvideCredential for ProfileFile {
    /// A local file of at most 64 KiB, never a FIFO: answered at once.
    fn try_provide_now(&self) -> Option<Result<Option<Credential>, CredentialError>> {
        Some(self.provide())
    }

    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        let Some((path, explicit)) = self.location() else {
            return Ok(None);
        };
        let shown = path.display();
        let text = match read_limited(&path) {
            Ok(text) => text,
            Err(Unreadable::Io(e)) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(None)
            }
            Err(e) => {
                return Err(CredentialError::new(
                    SOURCE,
                    format!("cannot read {shown}: {e}"),
                ))
            }
        };
        let named = self
            .profile
            .clone()
            .or_else(|| (self.lookup)(ENV_PROFILE).filter(|p| !p.trim().is_empty()));
        let profile = named.as_deref().map_or("default", str::trim);
        let section = parse(&text, profile).map_err(|(line, what)| {
            CredentialError::new(SOURCE, format!("{shown} line {line}: {what}"))
        })?;
        let Some(section) = section else {
            return match named {
                Some(_) => Err(CredentialError::new(
                    SOURCE,
                    format!("{shown} has no profile [{profile}] ({ENV_PROFILE} names it)"),
                )),
                None => Ok(None),
            };
        };
        let get = |key: &str| {
            section
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        };
        match (get("secret_id"), get("secret_key")) {
            (Some(id), Some(key)) => {
                let credential = Credential::new(id, key);
                Ok(Some(match get("token") {
                    Some(token) => credential.with_token(token),
                    None => credential,
                }))
            }
            (id, _) => {
                let missing = if id.is_none() {
                    "secret_id"
                } else {
                    "secret_key"
                };
                Err(CredentialError::new(
                    SOURCE,
                    format!("profile [{profile}] in {shown} has no {missing}"),
                ))
            }
        }
    }
}

/// The `key = value` pairs of section `profile`, keys lower-cased; `None` when the file has
/// no such section; `Err((line, what))` for a line that is neither a section, a pair, a comment
/// nor blank, and for a section, or a key within one section, given twice.
type Pairs = Vec<(String, String)>;

fn parse(text: &str, profile: &str) -> Result<Option<Pairs>, (usize, String)> {
    let mut sections: Vec<(&str, usize)> = Vec::new();
    let mut current: Option<&str> = None;
    let mut found: Option<Pairs> = None;
    let mut key_lines: Vec<(String, usize)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or((line_no, "a section header must end with `]`".to_owned()))?
                .trim();
            if let Some((_, first)) = sections.iter().find(|(s, _)| *s == name) {
                return Err((
                    line_no,
                    format!("section [{name}] is given twice (first on line {first})"),
                ));
            }
            sections.push((name, line_no));
            key_lines.clear();
            if name == profile {
                found = Some(Vec::new());
            }
            current = Some(name);
            continue;
        }
        let split = line.find(['=', ':']).ok_or((
            line_no,
            "expected `key = value`, `[profile]` or a comment".to_owned(),
        ))?;
        let (key, value) = (line[..split].trim(), line[split + 1..].trim());
        let Some(section) = current else {
            return Err((
                line_no,
                "`key = value` before any `[profile]` header".to_owned(),
            ));
        };
        let key = key.to_ascii_lowercase();
        if let Some((_, first)) = key_lines.iter().find(|(k, _)| *k == key) {
            return Err((
                line_no,
                format!("`{key}` is given twice in [{section}] (first on line {first})"),
            ));
        }
        key_lines.push((key.clone(), line_no));
        if section == profile {
            if let Some(pairs) = found.as_mut() {
                pairs.push((key, value.to_owned()));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_the_named_section_only() {
        let text = "; comment\n[other]\nsecret_id = A\n\n[prod]\nsecret_id = B\nsecret_key=k\n";
        let pairs = parse(text, "prod").unwrap().unwrap();
        assert_eq!(
            pairs,
            vec![
                ("secret_id".into(), "B".into()),
                ("secret_key".into(), "k".into())
            ]
        );
        assert_eq!(parse(text, "missing").unwrap(), None);
    }

    #[test]
    fn keys_are_case_insensitive_and_quotes_are_part_of_the_value() {
        let pairs = parse("[default]\nSecret_Id: \"AKID\"\nsecret_key=k\n", "default")
            .unwrap()
            .unwrap();
        assert_eq!(pairs[0], ("secret_id".into(), "\"AKID\"".into()));
        assert_eq!(pairs[1], ("secret_key".into(), "k".into()));
    }

    #[test]
    fn a_section_or_key_given_twice_is_an_error() {
        let (line, what) = parse("[default]\nsecret_id=A\n[default]\n", "default").unwrap_err();
        assert_eq!(line, 3);
        assert_eq!(what, "section [default] is given twice (first on line 1)");
        let (line, what) = parse("[default]\nsecret_id=A\nSECRET_ID=B\n", "default").unwrap_err();
        assert_eq!(line, 3);
        assert_eq!(
            what,
            "`secret_id` is given twice in [default] (first on line 2)"
        );
        // As configparser, the whole file is read: another section's duplicate counts too.
        let (line, what) = parse("[a]\nk=1\nk=2\n[default]\n", "default").unwrap_err();
        assert_eq!(
            (line, what.as_str()),
            (3, "`k` is given twice in [a] (first on line 2)")
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        assert_eq!(parse("[default]\nsecret_id\n", "default").unwrap_err().0, 2);
        assert_eq!(parse("[default\n", "default").unwrap_err().0, 1);
        assert_eq!(parse("secret_id = A\n", "default").unwrap_err().0, 1);
    }
}
