//! Credentials from the profile file the official CLI and SDKs read: an INI file,
//! `TENCENTCLOUD_CREDENTIALS_FILE` or `~/.tencentcloud/credentials`, one section per profile:
//!
//! ```ini
//! [default]
//! secret_id = AKID...
//! secret_key = ...
//! ; token = ...   (optional, temporary credentials)
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{process_env, CredentialError, Lookup, ProvideCredential};
use crate::sign::Credential;

/// The variable naming another profile file.
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// The variable naming the profile (section); `default` when unset.
pub const ENV_PROFILE: &str = "TENCENTCLOUD_PROFILE";

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

impl ProvideCredential for ProfileFile {
    fn provide(&self) -> Result<Option<Credential>, CredentialError> {
        let Some((path, explicit)) = self.location() else {
            return Ok(None);
        };
        let shown = path.display();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(None),
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

/// The `key = value` pairs of section `profile`, `None` when the file has no such section;
/// `Err((line, what))` for a line that is neither a section, a pair, a comment nor blank.
type Pairs = Vec<(String, String)>;

fn parse(text: &str, profile: &str) -> Result<Option<Pairs>, (usize, String)> {
    let mut current: Option<String> = None;
    let mut found: Option<Pairs> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or((n + 1, "a section header must end with `]`".to_owned()))?;
            let name = name.trim();
            if name == profile && found.is_none() {
                found = Some(Vec::new());
            }
            current = Some(name.to_owned());
            continue;
        }
        let (key, value) = line.split_once('=').ok_or((
            n + 1,
            "expected `key = value`, `[profile]` or a comment".to_owned(),
        ))?;
        let Some(section) = &current else {
            return Err((
                n + 1,
                "`key = value` before any `[profile]` header".to_owned(),
            ));
        };
        if section == profile {
            if let Some(pairs) = found.as_mut() {
                pairs.push((key.trim().to_owned(), value.trim().to_owned()));
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
    fn malformed_lines_are_reported_with_their_number() {
        assert_eq!(parse("[default]\nsecret_id\n", "default").unwrap_err().0, 2);
        assert_eq!(parse("[default\n", "default").unwrap_err().0, 1);
        assert_eq!(parse("secret_id = A\n", "default").unwrap_err().0, 1);
    }
}
