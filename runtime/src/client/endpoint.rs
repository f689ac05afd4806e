//! Where a call goes: the URL is resolved per call from the action's service (and region),
//! so that one client serves every product.
//!
//! In order: an endpoint set for the service ([`Builder::endpoint_for`]), an endpoint set for
//! every service ([`Builder::endpoint`]), then `https://{service}.{region}.{root}` for the
//! financial regions (`ap-shanghai-fsi`, `ap-shenzhen-fsi`: Tencent requires their regional
//! domain) and when regional endpoints are chosen ([`Builder::regional_endpoints`]), else
//! `https://{service}.{root}`. The root domain is `tencentcloudapi.com`, or
//! [`INTERNATIONAL_ROOT_DOMAIN`] ([`Builder::root_domain`]).
//!
//! Plain `http://` is for loopback hosts (a test endpoint, a local gateway): any other host is
//! refused when the client is built, unless [`Builder::allow_http`] opts in, since the request,
//! session token and signature would cross the network unencrypted.
//!
//! [`Builder::endpoint_for`]: super::Builder::endpoint_for
//! [`Builder::endpoint`]: super::Builder::endpoint
//! [`Builder::regional_endpoints`]: super::Builder::regional_endpoints
//! [`Builder::root_domain`]: super::Builder::root_domain
//! [`Builder::allow_http`]: super::Builder::allow_http

use crate::sign::request::{parse_endpoint, redact_user_info};

/// The default root domain: `{service}.tencentcloudapi.com`.
pub const ROOT_DOMAIN: &str = "tencentcloudapi.com";
/// The international site's root domain: `{service}.intl.tencentcloudapi.com`.
pub const INTERNATIONAL_ROOT_DOMAIN: &str = "intl.tencentcloudapi.com";
/// Regions whose calls must go to `{service}.{region}.{root}`.
pub const FINANCIAL_REGIONS: [&str; 2] = ["ap-shanghai-fsi", "ap-shenzhen-fsi"];

/// The endpoint settings of a client.
#[derive(Clone, Debug)]
pub(crate) struct Endpoints {
    /// Every service at this endpoint (mocks, gateways).
    pub(crate) all: Option<String>,
    /// Per service, before `all`.
    pub(crate) per_service: Vec<(String, String)>,
    pub(crate) regional: bool,
    pub(crate) root_domain: String,
    pub(crate) allow_http: bool,
}

impl Default for Endpoints {
    fn default() -> Self {
        Endpoints {
            all: None,
            per_service: Vec::new(),
            regional: false,
            root_domain: ROOT_DOMAIN.to_owned(),
            allow_http: false,
        }
    }
}

impl Endpoints {
    /// The endpoint for `service` in `region` (`https://cvm.tencentcloudapi.com`).
    pub(crate) fn url_for(&self, service: &str, region: Option<&str>) -> String {
        if let Some((_, url)) = self.per_service.iter().rev().find(|(s, _)| s == service) {
            return url.clone();
        }
        if let Some(url) = &self.all {
            return url.clone();
        }
        let root = &self.root_domain;
        match region {
            Some(region) if self.regional || FINANCIAL_REGIONS.contains(&region) => {
                format!("https://{service}.{region}.{root}")
            }
            _ => format!("https://{service}.{root}"),
        }
    }

    /// Checks every endpoint given and the root domain; the reason when one is refused.
    pub(crate) fn validate(&self) -> Result<(), String> {
        let given = self.all.iter().map(|url| ("endpoint", url)).chain(
            self.per_service
                .iter()
                .map(|(_, url)| ("endpoint_for", url)),
        );
        for (setting, url) in given {
            let (scheme, host) = parse_endpoint(url).map_err(|e| format!("{setting}: {e}"))?;
            if scheme == "http" && !self.allow_http && !is_loopback(&host) {
                return Err(format!(
                    "{setting}: `{}` is plain http to a host that is not loopback: the request, \
                     its signature and any session token would travel unencrypted; use https, \
                     or opt in with Builder::allow_http(true)",
                    redact_user_info(url)
                ));
            }
        }
        let root = &self.root_domain;
        if root.is_empty()
            || root.starts_with(['.', '-'])
            || !root
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        {
            return Err(format!("root_domain: `{root}` is not a domain name"));
        }
        Ok(())
    }
}

/// `127.0.0.0/8`, `::1` and `localhost` (with or without a port).
pub(crate) fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => return v6.split(']').next() == Some("::1"),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    name.parse::<std::net::Ipv4Addr>()
        .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_by_service_region_and_setting() {
        let mut e = Endpoints::default();
        assert_eq!(e.url_for("cvm", None), "https://cvm.tencentcloudapi.com");
        assert_eq!(
            e.url_for("cvm", Some("ap-guangzhou")),
            "https://cvm.tencentcloudapi.com"
        );
        assert_eq!(
            e.url_for("cvm", Some("ap-shanghai-fsi")),
            "https://cvm.ap-shanghai-fsi.tencentcloudapi.com"
        );
        e.regional = true;
        assert_eq!(
            e.url_for("vpc", Some("ap-guangzhou")),
            "https://vpc.ap-guangzhou.tencentcloudapi.com"
        );
        e.root_domain = INTERNATIONAL_ROOT_DOMAIN.into();
        e.regional = false;
        assert_eq!(
            e.url_for("cvm", None),
            "https://cvm.intl.tencentcloudapi.com"
        );
        e.all = Some("http://127.0.0.1:1".into());
        e.per_service
            .push(("cbs".into(), "http://127.0.0.1:2".into()));
        assert_eq!(e.url_for("cvm", None), "http://127.0.0.1:1");
        assert_eq!(
            e.url_for("cbs", Some("ap-shenzhen-fsi")),
            "http://127.0.0.1:2"
        );
    }

    #[test]
    fn plain_http_only_to_loopback_unless_allowed() {
        let with = |url: &str, allow_http| Endpoints {
            all: Some(url.into()),
            allow_http,
            ..Endpoints::default()
        };
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost",
            "http://[::1]:9",
            "https://x.example",
        ] {
            assert!(with(ok, false).validate().is_ok(), "{ok}");
        }
        let e = with("http://gateway.example", false)
            .validate()
            .unwrap_err();
        assert!(e.contains("Builder::allow_http(true)"), "{e}");
        let e = with("http://user:pw@gateway.example", false)
            .validate()
            .unwrap_err();
        assert!(!e.contains("pw"), "{e}");
        assert!(with("http://gateway.example:8080", false)
            .validate()
            .is_err());
        assert!(with("http://gateway.example:8080", true).validate().is_ok());
        assert!(with("ftp://x", true).validate().is_err());
    }

    #[test]
    fn loopback_hosts() {
        for yes in [
            "127.0.0.1",
            "127.1.2.3:80",
            "localhost:1",
            "[::1]:443",
            "LOCALHOST",
        ] {
            assert!(is_loopback(yes), "{yes}");
        }
        for no in ["10.0.0.1", "localhost.example", "[::2]", "128.0.0.1"] {
            assert!(!is_loopback(no), "{no}");
        }
    }
}
