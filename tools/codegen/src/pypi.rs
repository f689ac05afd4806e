//! Finding and downloading a tccli wheel from PyPI: the index's JSON API (`{root}/tccli/json`)
//! names each release's files with their SHA-256, and the wheel is only used when its bytes
//! match. The project document is read rather than the per-release one because mirrors serve
//! it more widely; a file's URL may be relative to it (mirrors again).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::spec::SpecError;

/// The JSON API's root (`{root}/tccli/json`).
pub const PYPI: &str = "https://pypi.org/pypi";

/// A wheel is ~15 MB; anything far larger is not one.
const MAX_WHEEL: u64 = 200 << 20;

#[derive(Deserialize)]
struct Project {
    info: Info,
    /// The newest release's files.
    urls: Vec<File>,
    #[serde(default)]
    releases: std::collections::HashMap<String, Vec<File>>,
}

#[derive(Deserialize)]
struct Info {
    version: String,
}

#[derive(Clone, Deserialize)]
struct File {
    filename: String,
    url: String,
    packagetype: String,
    digests: Digests,
}

#[derive(Clone, Deserialize)]
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
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(root_certs())
                .build(),
        )
        .build()
        .into()
}

/// The certificate authorities to trust: the bundle named by `SSL_CERT_FILE` when it is set
/// (the convention of OpenSSL, curl and pip, for machines behind a TLS-inspecting proxy),
/// otherwise the Mozilla roots compiled in.
fn root_certs() -> ureq::tls::RootCerts {
    let Some(path) = std::env::var_os("SSL_CERT_FILE") else {
        return ureq::tls::RootCerts::WebPki;
    };
    let certs: Vec<_> = std::fs::read(path)
        .map(|pem| {
            ureq::tls::parse_pem(&pem)
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(cert)) => Some(cert.to_owned()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    if certs.is_empty() {
        ureq::tls::RootCerts::WebPki
    } else {
        ureq::tls::RootCerts::new_with_certs(&certs)
    }
}

fn offline(url: &str, e: impl std::fmt::Display) -> SpecError {
    SpecError(format!(
        "cannot download {url}: {e}\n`specs add` downloads tccli from PyPI over HTTPS; offline, pass a wheel you already have with --wheel FILE"
    ))
}

/// Asks the index which wheel `version` (a release, or `latest`) has.
pub fn find(index: &str, version: &str) -> Result<Wheel, SpecError> {
    let url = format!("{index}/tccli/json");
    let mut response = agent().get(&url).call().map_err(|e| offline(&url, e))?;
    let text = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .map_err(|e| offline(&url, e))?;
    let project: Project = serde_json::from_str(&text)
        .map_err(|e| SpecError(format!("{url} is not PyPI's JSON API: {e}")))?;
    let (version, files) = if version == "latest" {
        (project.info.version, project.urls)
    } else {
        let files = project.releases.get(version).cloned().ok_or_else(|| {
            SpecError(format!(
                "PyPI has no tccli release {version} ({url}): see https://pypi.org/project/tccli/#history"
            ))
        })?;
        (version.to_owned(), files)
    };
    let file = files
        .into_iter()
        .find(|f| f.packagetype == "bdist_wheel")
        .ok_or_else(|| SpecError(format!("tccli {version} has no wheel on PyPI ({url})")))?;
    Ok(Wheel {
        version,
        filename: file.filename,
        url: join(&url, &file.url),
        sha256: file.digests.sha256.to_ascii_lowercase(),
    })
}

/// `reference` resolved against `base` (an absolute URL stays as it is).
fn join(base: &str, reference: &str) -> String {
    if reference.contains("://") {
        return reference.to_owned();
    }
    let (scheme_host, path) = match base
        .find("://")
        .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
    {
        Some(at) => (&base[..at], &base[at..]),
        None => (base, "/"),
    };
    if let Some(absolute) = reference.strip_prefix('/') {
        return format!("{scheme_host}/{absolute}");
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop(); // the document's own name
    for part in reference.split('/') {
        match part {
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            "." => {}
            part => parts.push(part),
        }
    }
    format!("{scheme_host}{}", parts.join("/"))
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

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn file_urls_resolve_against_the_document() {
        let base = "https://pypi.org/pypi/tccli/json";
        assert_eq!(
            join(base, "../../packages/d9/51/t.whl"),
            "https://pypi.org/packages/d9/51/t.whl"
        );
        assert_eq!(join(base, "/files/t.whl"), "https://pypi.org/files/t.whl");
        assert_eq!(
            join(base, "https://files.pythonhosted.org/t.whl"),
            "https://files.pythonhosted.org/t.whl"
        );
    }
}
