//! Which proxy a call goes through, decided here for both transports alike.
//!
//! - [`Builder::proxy`] names one proxy for every `https` endpoint; [`Builder::no_proxy`]
//!   turns proxies off; by default the environment decides, read once when the client is
//!   built: `HTTPS_PROXY` (or `https_proxy`), else `ALL_PROXY` (or `all_proxy`), except for
//!   hosts matched by `NO_PROXY` (or `no_proxy`: comma-separated host names or domain
//!   suffixes, `.example.com` or `example.com` for the domain and its subdomains, `*` for
//!   every host; ports are ignored).
//! - A proxy is an `http://[user:password@]host:port` proxy that tunnels with `CONNECT`: it
//!   sees the host name and encrypted bytes, never a request in the clear.
//! - Plain-`http` endpoints (loopback test endpoints, opted-in gateways) are never proxied,
//!   and `HTTP_PROXY` is not read: a signed request or session token is never handed to a
//!   proxy unencrypted.
//!
//! [`Builder::proxy`]: super::Builder::proxy
//! [`Builder::no_proxy`]: super::Builder::no_proxy

use std::fmt;

use crate::sign::request::redact_user_info;

/// The proxy setting of a builder.
#[derive(Clone, Default)]
pub(crate) enum ProxySetting {
    /// `HTTPS_PROXY`/`ALL_PROXY` and `NO_PROXY`, read when the client is built.
    #[default]
    Environment,
    Disabled,
    Url(String),
}

impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySetting::Environment => f.write_str("Environment"),
            ProxySetting::Disabled => f.write_str("Disabled"),
            // The URL may carry the proxy's password.
            ProxySetting::Url(url) => f.debug_tuple("Url").field(&redact_user_info(url)).finish(),
        }
    }
}

/// The proxy rules of a built client.
#[derive(Clone, Default)]
pub(crate) struct ProxyRules {
    /// The proxy for `https` endpoints.
    proxy: Option<String>,
    /// Hosts that go direct (`NO_PROXY`).
    bypass: Vec<String>,
}

impl fmt::Debug for ProxyRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyRules")
            .field("proxy", &self.proxy.as_deref().map(redact_user_info))
            .field("bypass", &self.bypass)
            .finish()
    }
}

impl ProxyRules {
    /// The rules of `setting`, the environment read through `lookup`; the reason when the
    /// proxy URL is not one this client can use.
    pub(crate) fn new(
        setting: &ProxySetting,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<ProxyRules, String> {
        let get = |names: [&str; 2]| {
            names
                .iter()
                .find_map(|name| lookup(name).filter(|v| !v.trim().is_empty()))
        };
        let (proxy, bypass) = match setting {
            ProxySetting::Disabled => (None, Vec::new()),
            ProxySetting::Url(url) => (Some(url.clone()), Vec::new()),
            ProxySetting::Environment => {
                let proxy =
                    get(["HTTPS_PROXY", "https_proxy"]).or_else(|| get(["ALL_PROXY", "all_proxy"]));
                let bypass = get(["NO_PROXY", "no_proxy"]).map_or_else(Vec::new, |list| {
                    list.split(',')
                        .map(|entry| entry.trim().to_ascii_lowercase())
                        .filter(|entry| !entry.is_empty())
                        .collect()
                });
                (proxy, bypass)
            }
        };
        if let Some(url) = &proxy {
            check_proxy_url(url)?;
        }
        Ok(ProxyRules {
            proxy: proxy.map(|url| url.trim().to_owned()),
            bypass,
        })
    }

    /// The proxy URL for a request to `url` (`https://host[:port]/...`), `None` to go direct.
    pub(crate) fn for_url(&self, url: &str) -> Option<&str> {
        let proxy = self.proxy.as_deref()?;
        let rest = url
            .get(..8)
            .filter(|s| s.eq_ignore_ascii_case("https://"))
            .map(|_| &url[8..])?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = strip_port(authority).to_ascii_lowercase();
        (!self.bypasses(&host)).then_some(proxy)
    }

    fn bypasses(&self, host: &str) -> bool {
        self.bypass.iter().any(|entry| {
            let entry = strip_port(entry).trim_start_matches("*.");
            entry == "*" || {
                let domain = entry.trim_start_matches('.');
                host == domain || host.ends_with(&format!(".{domain}"))
            }
        })
    }

    /// The proxy used for every https endpoint not bypassed, when there is one.
    #[cfg_attr(not(feature = "ureq"), allow(dead_code))] // ureq configures it once
    pub(crate) fn proxy(&self) -> Option<&str> {
        self.proxy.as_deref()
    }
}

/// `host` of `host:port` or `[v6]:port`.
fn strip_port(authority: &str) -> &str {
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("");
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    }
}

/// A proxy this client can use: `http://[user:password@]host:port`.
fn check_proxy_url(url: &str) -> Result<(), String> {
    let shown = redact_user_info(url);
    let rest = url
        .trim()
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("http://"))
        .map(|_| &url.trim()[7..])
        .ok_or_else(|| {
            format!("proxy `{shown}`: only http:// proxies (tunnelling with CONNECT) are supported")
        })?;
    let authority = rest.trim_end_matches('/');
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.is_empty() || authority.contains(['/', '?', '#']) {
        return Err(format!("proxy `{shown}`: expected http://host:port"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn https_proxy_from_the_environment_with_no_proxy() {
        let rules = ProxyRules::new(
            &ProxySetting::Environment,
            env(&[
                ("HTTPS_PROXY", "http://proxy.local:3128"),
                ("HTTP_PROXY", "http://ignored:1"),
                (
                    "NO_PROXY",
                    "internal.example, .corp.example:443,exact.example",
                ),
            ]),
        )
        .unwrap();
        let via = |url| rules.for_url(url);
        assert_eq!(
            via("https://cvm.tencentcloudapi.com/"),
            Some("http://proxy.local:3128")
        );
        assert_eq!(via("https://a.internal.example/"), None);
        assert_eq!(via("https://internal.example:8443/"), None);
        assert_eq!(via("https://x.corp.example/"), None);
        assert_eq!(via("https://exact.example/"), None);
        assert_eq!(
            via("https://notexact.example/"),
            Some("http://proxy.local:3128")
        );
        // Plain http is never proxied.
        assert_eq!(via("http://cvm.tencentcloudapi.com/"), None);
    }

    #[test]
    fn all_proxy_lowercase_star_and_explicit_settings() {
        let rules = ProxyRules::new(
            &ProxySetting::Environment,
            env(&[("all_proxy", "http://p:1")]),
        )
        .unwrap();
        assert_eq!(rules.for_url("https://h/"), Some("http://p:1"));
        let star = ProxyRules::new(
            &ProxySetting::Environment,
            env(&[("https_proxy", "http://p:1"), ("no_proxy", "*")]),
        )
        .unwrap();
        assert_eq!(star.for_url("https://h/"), None);
        let off = ProxyRules::new(
            &ProxySetting::Disabled,
            env(&[("HTTPS_PROXY", "http://p:1")]),
        )
        .unwrap();
        assert_eq!(off.for_url("https://h/"), None);
        let explicit = ProxyRules::new(
            &ProxySetting::Url("http://u:secret@p:2".into()),
            env(&[("NO_PROXY", "*")]),
        )
        .unwrap();
        assert_eq!(explicit.for_url("https://h/"), Some("http://u:secret@p:2"));
        assert!(!format!("{explicit:?}").contains("secret"));
    }

    #[test]
    fn unusable_proxy_urls_are_refused_without_their_password() {
        for bad in ["socks5://p:1", "https://p:1", "http://", "http://p:1/path"] {
            assert!(
                ProxyRules::new(&ProxySetting::Url(bad.into()), |_| None).is_err(),
                "{bad}"
            );
        }
        let e = ProxyRules::new(&ProxySetting::Url("socks5://u:secret@p:1".into()), |_| None)
            .unwrap_err();
        assert!(!e.contains("secret"), "{e}");
    }
}
