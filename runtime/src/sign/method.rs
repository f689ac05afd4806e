//! The HTTP method, and the content type each one sends.

use std::fmt;

const CONTENT_TYPE_JSON: &str = "application/json";
const CONTENT_TYPE_FORM: &str = "application/x-www-form-urlencoded";

/// The HTTP method of a Tencent Cloud API 3.0 request: the service accepts `GET` and `POST`.
///
/// ```
/// use tencent_action::sign::Method;
/// assert_eq!(Method::Get.as_str(), "GET");
/// assert_eq!(Method::Post.to_string(), "POST");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: the parameters travel in the query string, the body is empty.
    Get,
    /// `POST`: the parameters travel as a JSON body.
    Post,
}

impl Method {
    /// The method's name as sent on the wire.
    ///
    /// ```
    /// assert_eq!(tencent_action::sign::Method::Post.as_str(), "POST");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    /// The `Content-Type` the official SDKs send (and sign) for this method:
    /// `application/x-www-form-urlencoded` for `GET`, `application/json` for `POST`.
    ///
    /// ```
    /// use tencent_action::sign::Method;
    /// assert_eq!(Method::Post.content_type(), "application/json");
    /// assert_eq!(Method::Get.content_type(), "application/x-www-form-urlencoded");
    /// ```
    pub fn content_type(self) -> &'static str {
        match self {
            Method::Get => CONTENT_TYPE_FORM,
            Method::Post => CONTENT_TYPE_JSON,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
