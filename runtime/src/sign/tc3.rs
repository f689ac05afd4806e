//! The TC3-HMAC-SHA256 core shared by the signer and the verifier: the canonical request, the
//! key derivation, the credential scope's date, and the comparison of signatures.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::ALGORITHM;

/// What the signature covers (besides the credential scope and timestamp).
pub(crate) struct Canonical<'a> {
    pub(crate) method: &'a str,
    pub(crate) query: &'a str,
    /// Signed headers in `SignedHeaders` order: lower-case names, raw values.
    pub(crate) headers: &'a [(&'a str, &'a str)],
    pub(crate) body: &'a [u8],
}

impl Canonical<'_> {
    /// The canonical request text: header names and values lower-cased and trimmed, as the
    /// service recomputes it.
    fn text(&self) -> String {
        let mut out = String::with_capacity(256);
        out.push_str(self.method);
        out.push_str("\n/\n");
        out.push_str(self.query);
        out.push('\n');
        for (name, value) in self.headers {
            out.push_str(&name.trim().to_ascii_lowercase());
            out.push(':');
            out.push_str(&value.trim().to_ascii_lowercase());
            out.push('\n');
        }
        out.push('\n');
        let names: Vec<String> = self
            .headers
            .iter()
            .map(|(n, _)| n.trim().to_ascii_lowercase())
            .collect();
        out.push_str(&names.join(";"));
        out.push('\n');
        out.push_str(&hex::encode(Sha256::digest(self.body)));
        out
    }
}

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    }
}

fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = mac(key);
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// The last HMAC of the signature, fed with the string to sign but not finalized: the signer
/// finalizes it, the verifier hands it the sent signature to compare in constant time.
fn signing_mac(
    secret_key: &str,
    canonical: &Canonical<'_>,
    timestamp: u64,
    date: &str,
    service: &str,
) -> HmacSha256 {
    let hashed = hex::encode(Sha256::digest(canonical.text().as_bytes()));
    let string_to_sign =
        format!("{ALGORITHM}\n{timestamp}\n{date}/{service}/tc3_request\n{hashed}");
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac(&k_date, service.as_bytes());
    let k_signing = hmac(&k_service, b"tc3_request");
    let mut mac = mac(&k_signing);
    mac.update(string_to_sign.as_bytes());
    mac
}

/// The hex signature of `canonical` for `secret_key`, as Tencent computes it.
pub(crate) fn signature(
    secret_key: &str,
    canonical: &Canonical<'_>,
    timestamp: u64,
    date: &str,
    service: &str,
) -> String {
    hex::encode(
        signing_mac(secret_key, canonical, timestamp, date, service)
            .finalize()
            .into_bytes(),
    )
}

/// Whether `sent` (64 lower-case hex digits, as Tencent writes it) is the signature of
/// `canonical`, compared by `hmac`'s constant-time `verify_slice`.
#[cfg(feature = "verify")]
pub(crate) fn signature_matches(
    secret_key: &str,
    canonical: &Canonical<'_>,
    timestamp: u64,
    date: &str,
    service: &str,
    sent: &str,
) -> bool {
    let well_formed =
        sent.len() == 64 && sent.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    match hex::decode(sent) {
        Ok(sent) if well_formed => signing_mac(secret_key, canonical, timestamp, date, service)
            .verify_slice(&sent)
            .is_ok(),
        _ => false,
    }
}

/// Whether two secrets (session tokens) are equal, in time independent of where they differ:
/// both are HMACed under one fixed key and `verify_slice` compares the digests in constant time,
/// so neither the content nor the length of the expected secret leaks through timing.
#[cfg(feature = "verify")]
pub(crate) fn same_secret(sent: &[u8], expected: &[u8]) -> bool {
    const KEY: &[u8] = b"tencent-action secret comparison";
    let mut sent_mac = mac(KEY);
    sent_mac.update(sent);
    sent_mac.verify_slice(&hmac(KEY, expected)).is_ok()
}

/// The UTC date of a unix timestamp, `YYYY-MM-DD` (the proleptic Gregorian calendar).
pub(crate) fn utc_date(unix_seconds: u64) -> String {
    // Howard Hinnant's `civil_from_days`, for days since 1970-01-01.
    let days = (unix_seconds / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_across_leap_years_and_month_ends() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(86_399), "1970-01-01");
        assert_eq!(utc_date(86_400), "1970-01-02");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(1_709_164_800), "2024-02-29");
        assert_eq!(utc_date(4_107_542_399), "2100-02-28");
        assert_eq!(utc_date(4_107_542_400), "2100-03-01");
    }

    #[test]
    fn canonical_request_lower_cases_and_trims_header_values() {
        let c = Canonical {
            method: "POST",
            query: "",
            headers: &[
                ("Content-Type", " Application/JSON "),
                ("host", "CVM.tencentcloudapi.com"),
            ],
            body: b"",
        };
        assert_eq!(
            c.text(),
            "POST\n/\n\ncontent-type:application/json\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    #[cfg(feature = "verify")]
    fn secrets_and_signatures_compare() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"ab"));
        let c = Canonical {
            method: "POST",
            query: "",
            headers: &[("content-type", "application/json"), ("host", "h")],
            body: b"{}",
        };
        let good = signature("k", &c, 1, "1970-01-01", "cvm");
        assert!(signature_matches("k", &c, 1, "1970-01-01", "cvm", &good));
        assert!(!signature_matches("k2", &c, 1, "1970-01-01", "cvm", &good));
        assert!(!signature_matches(
            "k",
            &c,
            1,
            "1970-01-01",
            "cvm",
            &good.to_uppercase()
        ));
        assert!(!signature_matches(
            "k",
            &c,
            1,
            "1970-01-01",
            "cvm",
            &good[..62]
        ));
    }
}
