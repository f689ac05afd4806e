//! Error codes: the 26 common codes every action can return, their categories, the
//! [`ErrorCode`] trait that per-product code enums implement, and the SMS codes that are rate
//! limits.

use std::fmt;
use std::str::FromStr;

/// A type that classifies the raw `Error.Code` string of an API error.
///
/// Decoding calls [`from_code`](ErrorCode::from_code) once per API error; the raw string stays
/// available through [`Error::code`](crate::Error::code) whatever the classification.
/// [`CommonCode`] implements it for actions that declare no product codes; every enum
/// declared with [`error_codes!`](crate::error_codes) implements it for a product's codes.
pub trait ErrorCode: Clone + fmt::Debug + PartialEq + Send + Sync + 'static {
    /// Classifies a raw code. Never fails: a code the type does not list is kept verbatim.
    ///
    /// ```
    /// use tencent_action::{CommonCode, ErrorCode};
    /// assert_eq!(CommonCode::from_code("InternalError"), CommonCode::InternalError);
    /// ```
    fn from_code(code: &str) -> Self;

    /// The code as Tencent spells it; `from_code(x.as_str()) == x` for every value.
    ///
    /// ```
    /// use tencent_action::{CommonCode, ErrorCode};
    /// assert_eq!(ErrorCode::as_str(&CommonCode::UnsupportedRegion), "UnsupportedRegion");
    /// ```
    fn as_str(&self) -> &str;
}

/// Defines the common-code enum, its string table and its documentation from one list, so the
/// spellings, the docs and the round trip cannot drift apart.
macro_rules! common_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, )*) => {
        /// One of the 26 error codes that every Tencent Cloud API 3.0 action can return, or any
        /// other code kept verbatim in [`CommonCode::Other`].
        ///
        /// The spellings are exactly Tencent's; [`as_str`](CommonCode::as_str) and
        /// [`from_code`](ErrorCode::from_code) round-trip every value.
        ///
        /// ```
        /// use tencent_action::{Category, CommonCode, ErrorCode};
        /// let code = CommonCode::from_code("AuthFailure.SignatureExpire");
        /// assert_eq!(code, CommonCode::AuthFailureSignatureExpire);
        /// assert_eq!(code.category(), Some(Category::AuthFailure));
        /// let other = CommonCode::from_code("InvalidParameterValue.InstanceIdMalformed");
        /// assert_eq!(other.as_str(), "InvalidParameterValue.InstanceIdMalformed");
        /// assert_eq!(other.category(), Some(Category::InvalidParameterValue));
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum CommonCode {
            $( $(#[$doc])* #[doc = concat!("\n\nCode: `", $code, "`.")] $variant, )*
            /// A code that is not one of the common codes, kept verbatim. Its category, when it
            /// has a known one, is [`CommonCode::category`].
            Other(String),
        }

        impl CommonCode {
            /// Every common code, in the order of Tencent's table.
            ///
            /// ```
            /// assert_eq!(tencent_action::CommonCode::ALL.len(), 26);
            /// ```
            pub const ALL: &'static [CommonCode] = &[$(CommonCode::$variant,)*];

            /// Looks `code` up among the 26: its variant, or `None` when `code` is not one of
            /// them (unlike [`from_code`](ErrorCode::from_code), which keeps any other code in
            /// [`CommonCode::Other`]).
            ///
            /// ```
            /// use tencent_action::CommonCode;
            /// assert_eq!(CommonCode::lookup("LimitExceeded"), Some(CommonCode::LimitExceeded));
            /// assert_eq!(CommonCode::lookup("LimitExceeded.Quota"), None);
            /// ```
            #[doc(alias = "exact")]
            pub fn lookup(code: &str) -> Option<CommonCode> {
                // `match` on string literals compiles to a length switch plus comparisons,
                // no allocation and no scan of a table.
                match code {
                    $( $code => Some(CommonCode::$variant), )*
                    _ => None,
                }
            }

            /// The code as Tencent spells it.
            ///
            /// ```
            /// assert_eq!(tencent_action::CommonCode::DryRunOperation.as_str(), "DryRunOperation");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $( CommonCode::$variant => $code, )*
                    CommonCode::Other(code) => code,
                }
            }
        }
    };
}

common_codes! {
    /// Invalid key (not a TencentCloud API key type).
    AuthFailureInvalidSecretId = "AuthFailure.InvalidSecretId",
    /// MFA failed.
    AuthFailureMFAFailure = "AuthFailure.MFAFailure",
    /// The key does not exist.
    AuthFailureSecretIdNotFound = "AuthFailure.SecretIdNotFound",
    /// Signature expired: the request's timestamp is more than 5 minutes off the server's clock.
    AuthFailureSignatureExpire = "AuthFailure.SignatureExpire",
    /// Signature error.
    AuthFailureSignatureFailure = "AuthFailure.SignatureFailure",
    /// Token error.
    AuthFailureTokenFailure = "AuthFailure.TokenFailure",
    /// The request does not have CAM authorization.
    AuthFailureUnauthorizedOperation = "AuthFailure.UnauthorizedOperation",
    /// The request would have succeeded, but the DryRun parameter was used.
    DryRunOperation = "DryRunOperation",
    /// Operation failed.
    FailedOperation = "FailedOperation",
    /// Internal error.
    InternalError = "InternalError",
    /// The API does not exist.
    InvalidAction = "InvalidAction",
    /// Incorrect parameter.
    InvalidParameter = "InvalidParameter",
    /// Invalid parameter value.
    InvalidParameterValue = "InvalidParameterValue",
    /// Quota limit exceeded.
    LimitExceeded = "LimitExceeded",
    /// A parameter is missing.
    MissingParameter = "MissingParameter",
    /// The API version does not exist.
    NoSuchVersion = "NoSuchVersion",
    /// The number of requests exceeds the frequency limit.
    RequestLimitExceeded = "RequestLimitExceeded",
    /// Resource is in use.
    ResourceInUse = "ResourceInUse",
    /// Insufficient resource.
    ResourceInsufficient = "ResourceInsufficient",
    /// The resource does not exist.
    ResourceNotFound = "ResourceNotFound",
    /// Resource is unavailable.
    ResourceUnavailable = "ResourceUnavailable",
    /// Unauthorized operation.
    UnauthorizedOperation = "UnauthorizedOperation",
    /// Unknown parameter.
    UnknownParameter = "UnknownParameter",
    /// Unsupported operation.
    UnsupportedOperation = "UnsupportedOperation",
    /// HTTPS request method error. Only GET and POST requests are supported.
    UnsupportedProtocol = "UnsupportedProtocol",
    /// API does not support the requested region.
    UnsupportedRegion = "UnsupportedRegion",
}

impl CommonCode {
    /// The category of this code: see [`Category::of`].
    ///
    /// ```
    /// use tencent_action::{Category, CommonCode};
    /// assert_eq!(CommonCode::InternalError.category(), Some(Category::InternalError));
    /// assert_eq!(CommonCode::Other("Weird.Thing".into()).category(), None);
    /// ```
    pub fn category(&self) -> Option<Category> {
        Category::of(self.as_str())
    }
}

impl ErrorCode for CommonCode {
    fn from_code(code: &str) -> Self {
        CommonCode::lookup(code).unwrap_or_else(|| CommonCode::Other(code.to_owned()))
    }

    fn as_str(&self) -> &str {
        CommonCode::as_str(self)
    }
}

impl fmt::Display for CommonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommonCode {
    type Err = std::convert::Infallible;

    /// Never fails: a code that is not common becomes [`CommonCode::Other`].
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(CommonCode::from_code(code))
    }
}

macro_rules! categories {
    ($( $(#[$doc:meta])* $variant:ident, )*) => {
        /// The category of an error code: the part before its first dot, when that part is a
        /// common code or `AuthFailure`.
        ///
        /// Product codes refine a category (`InvalidParameterValue.InstanceIdMalformed`), so
        /// matching on the category handles codes a program has never seen.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Category {
            $( $(#[$doc])* $variant, )*
        }

        impl Category {
            /// Every category.
            ///
            /// ```
            /// assert_eq!(tencent_action::Category::ALL.len(), 20);
            /// ```
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            /// The category's name, which is also the prefix of the codes it holds.
            ///
            /// ```
            /// assert_eq!(tencent_action::Category::AuthFailure.as_str(), "AuthFailure");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Category::$variant => stringify!($variant), )*
                }
            }

            /// The category of a raw code, or `None` when the part before the first dot is not
            /// a known category.
            ///
            /// ```
            /// use tencent_action::Category;
            /// assert_eq!(Category::of("AuthFailure.SignatureFailure"), Some(Category::AuthFailure));
            /// assert_eq!(Category::of("InvalidParameterValue"), Some(Category::InvalidParameterValue));
            /// assert_eq!(Category::of("UnsupportedOperation."), Some(Category::UnsupportedOperation));
            /// assert_eq!(Category::of("AuthFailure"), Some(Category::AuthFailure));
            /// assert_eq!(Category::of("Sms.Limit"), None);
            /// ```
            pub fn of(code: &str) -> Option<Category> {
                let head = code.split_once('.').map_or(code, |(head, _)| head);
                match head {
                    $( stringify!($variant) => Some(Category::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

categories! {
    /// Authentication failed: bad key, signature, token, MFA or CAM authorization.
    AuthFailure,
    /// The request would have succeeded, but the DryRun parameter was used.
    DryRunOperation,
    /// The operation failed.
    FailedOperation,
    /// The service failed internally.
    InternalError,
    /// The action does not exist.
    InvalidAction,
    /// A parameter is wrong.
    InvalidParameter,
    /// A parameter's value is wrong.
    InvalidParameterValue,
    /// A quota or limit was exceeded.
    LimitExceeded,
    /// A parameter is missing.
    MissingParameter,
    /// The API version does not exist.
    NoSuchVersion,
    /// Too many requests: the frequency limit was exceeded.
    RequestLimitExceeded,
    /// A resource is in use.
    ResourceInUse,
    /// A resource is insufficient.
    ResourceInsufficient,
    /// A resource does not exist.
    ResourceNotFound,
    /// A resource is unavailable.
    ResourceUnavailable,
    /// The operation is not authorized.
    UnauthorizedOperation,
    /// A parameter is unknown.
    UnknownParameter,
    /// The operation is not supported.
    UnsupportedOperation,
    /// The protocol or HTTP method is not supported.
    UnsupportedProtocol,
    /// The region is not supported.
    UnsupportedRegion,
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Declares the rate-limit codes once: the public list and the predicate's `match` come from
/// the same literals, so they cannot drift apart.
macro_rules! rate_limit_codes {
    ($($code:literal,)*) => {
        /// `LimitExceeded.*` codes that Tencent documents as a frequency (rate) limit rather than a
        /// quota: the SMS 2021-01-11 codes whose description says 频率限制 (frequency limit) or 速率
        /// (rate). [`Error::is_throttled`](crate::Error::is_throttled) is true for them.
        ///
        /// Not in the list, because Tencent describes them as caps or quotas: SMS
        /// `LimitExceeded.AppCountryOrRegionDailyLimit`, `AppGlobalDailyLimit`,
        /// `AppMainlandChinaDailyLimit` (发送总量阈值, total volume thresholds), `DailyLimit`,
        /// `PhoneNumberCountLimit` (more than 200 numbers in one request) and
        /// `AppCountryOrRegionInBlacklist`; and every CVM 2017-03-12 `LimitExceeded.*` code (instance,
        /// ENI, EIP, template and tag quotas). The common `LimitExceeded` itself is "quota limit
        /// exceeded".
        ///
        /// ```
        /// assert!(tencent_action::SMS_RATE_LIMIT_CODES.contains(&"LimitExceeded.DeliveryFrequencyLimit"));
        /// assert!(!tencent_action::SMS_RATE_LIMIT_CODES.contains(&"LimitExceeded.CvmInstanceQuota"));
        /// ```
        pub const SMS_RATE_LIMIT_CODES: &[&str] = &[$($code,)*];

        /// Whether `code` is one of the [`SMS_RATE_LIMIT_CODES`].
        pub(crate) fn is_rate_limit_code(code: &str) -> bool {
            // A `match` on literals: no scan of the list at run time.
            matches!(code, $($code)|*)
        }
    };
}

rate_limit_codes! {
    "LimitExceeded.AppDailyLimit",
    "LimitExceeded.DeliveryFrequencyLimit",
    "LimitExceeded.GlobalSmsSendingRateLimit",
    "LimitExceeded.PhoneNumberDailyLimit",
    "LimitExceeded.PhoneNumberOneHourLimit",
    "LimitExceeded.PhoneNumberSameContentDailyLimit",
    "LimitExceeded.PhoneNumberThirtySecondLimit",
}

#[cfg(test)]
mod tests {
    use super::{is_rate_limit_code, SMS_RATE_LIMIT_CODES};

    #[test]
    fn the_match_and_the_published_list_agree() {
        for code in SMS_RATE_LIMIT_CODES {
            assert!(is_rate_limit_code(code), "{code}");
            assert!(code.starts_with("LimitExceeded."), "{code}");
        }
        assert!(!is_rate_limit_code("LimitExceeded.DailyLimit"));
    }
}
