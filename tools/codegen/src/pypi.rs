//! Finding and downloading a tccli wheel from PyPI: the index's JSON API names each release's
//! files with their SHA-256, and the wheel is only used when its bytes match.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::spec::SpecError;

/// The JSON API's root (`{root}/tccli/{version}/json`).
pub const PYPI: &str = "https://pypi.org/pypi";

/// A wheel is ~15 MB; anything far larger is not one.
const MAX_WHEEL: u64 = 200 << 20;

#[derive(Deserialize)]
struct Release {
    info: Info,
    urls: Vec<File>,
}

#[derive(Deserialize)]
struct Info {
    version: String,
}

#[derive(Deserialize)]
struct File {
    filename: String,
    url: String,
    packagetype: String,
    digests: Digests,
}

#[derive(Deserialize)]
struct Digests {
    sha256: String,
}

/// A release's wheel, as the index describes it.
pub struct Wheel {
    /// The release (`3.1.189.1`; the newest when `latest` was asked for).
    pub version: String,
    /// `tccli-3.1.189.1-py2.py3-none-any.whl`.
    pub filename: String,
    url: String,
    sha256: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(300)))
        .timeout_connect(Some(Duration::from_secs(15)))
        .build()
        .into()
}

fn offline(url: &str, e: impl std::fmt::Display) -> SpecError {
    SpecError(format!(
        "cannot download {url}: {e}\n`specs add` downloads tccli from PyPI over HTTPS; offline, pass a wheel you already have with --wheel FILE"
    ))
}

/// Asks the index which wheel `version` (a release, or `latest`) has.
pub fn find(index: &str, version: &str) -> Result<Wheel, SpecError> {
    let url = if version == "latest" {
        format!("{index}/tccli/json")
    } else {
        format!("{index}/tccli/{version}/json")
    };
    let mut response = agent().get(&url).call().map_err(|e| match e {
        ureq::Error::StatusCode(404) => SpecError(format!(
            "PyPI has no tccli release {version} ({url}): see https://pypi.org/project/tccli/#history"
        )),
        e => offline(&url, e),
    })?;
    let text = response
        .body_mut()
        .with_config()
        .limit(16 << 20)
        .read_to_string()
        .map_err(|e| offline(&url, e))?;
    let release: Release = serde_json::from_str(&text)
        .map_err(|e| SpecError(format!("{url} is not PyPI's JSON API: {e}")))?;
    let file = release
        .urls
        .into_iter()
        .find(|f| f.packagetype == "bdist_wheel")
        .ok_or_else(|| SpecError(format!("tccli {version} has no wheel on PyPI ({url})")))?;
    Ok(Wheel {
        version: release.info.version,
        filename: file.filename,
        url: file.url,
        sha256: file.digests.sha256.to_ascii_lowercase(),
    })
}

impl Wheel {
    /// The wheel's bytes: from `cache` when a file there has the published digest, otherwise
    /// downloaded (and then kept in `cache`). Refused when the digest differs.
    pub fn fetch(&self, cache: Option<&Path>) -> Result<Vec<u8>, SpecError> {
        let cached: Option<PathBuf> = cache.map(|dir| dir.join(&self.filename));
        if let Some(path) = &cached {
            if let Ok(bytes) = std::fs::read(path) {
                if sha256_hex(&bytes) == self.sha256 {
                    return Ok(bytes);
                }
            }
        }
        let mut response = agent()
            .get(&self.url)
            .call()
            .map_err(|e| offline(&self.url, e))?;
        let mut bytes = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(MAX_WHEEL)
            .read_to_end(&mut bytes)
            .map_err(|e| offline(&self.url, e))?;
        let got = sha256_hex(&bytes);
        if got != self.sha256 {
            return Err(SpecError(format!(
                "{} does not have the SHA-256 PyPI publishes for it ({} expected, {got} downloaded): refusing it",
                self.url, self.sha256
            )));
        }
        if let Some(path) = &cached {
            // A cache that cannot be written only costs a download next time.
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
                .and_then(|()| std::fs::write(path, &bytes));
        }
        Ok(bytes)
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
