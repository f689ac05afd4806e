//! What a well-formed Tencent Cloud error code is, and the variant name each code gets.
//!
//! A code is one or more parts separated by dots: `Category` or `Category.Detail` (sometimes
//! more parts). Tencent's published lists use ASCII letters, digits and underscores in parts
//! (`LimitExceeded.IPv6AddressNum`, `FailedOperation.BYOLImageShareFailed`) and, once, a bare
//! trailing dot (`UnsupportedOperation.` in SMS 2021-01-11).

/// `Ok` when `code` is a well-formed code; otherwise why not, for the error message.
///
/// Rules: ASCII letters, digits, `_` and `.` only; starts with an upper-case letter; no empty
/// part between two dots; every part after the first starts with a letter or a digit; the last
/// part may be empty (a trailing dot).
pub fn check_code(code: &str) -> Result<(), String> {
    if code.is_empty() {
        return Err("the code is empty".to_owned());
    }
    if code.trim() != code {
        return Err("it starts or ends with whitespace".to_owned());
    }
    if code.chars().any(char::is_whitespace) {
        return Err("it contains whitespace; a code has none".to_owned());
    }
    if let Some(c) = code
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '.'))
    {
        return Err(format!(
            "`{}` is not allowed in a code (only ASCII letters, digits, `_` and `.`)",
            c.escape_default()
        ));
    }
    if !code.starts_with(|c: char| c.is_ascii_uppercase()) {
        return Err("a code starts with an upper-case letter, like `FailedOperation`".to_owned());
    }
    let parts: Vec<&str> = code.split('.').collect();
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() && i != last {
            return Err("it has an empty part between two dots".to_owned());
        }
        if part.starts_with('_') {
            return Err(format!(
                "the part `{part}` starts with `_`; every part starts with a letter or a digit"
            ));
        }
    }
    Ok(())
}

/// The variant name of a well-formed code: the parts between dots and underscores, each with
/// its first letter upper-cased, joined; a trailing dot becomes `Dot`.
///
/// `FailedOperation.PhoneNumberInBlacklist` → `FailedOperationPhoneNumberInBlacklist`,
/// `LimitExceeded.IPv6AddressNum` → `LimitExceededIPv6AddressNum`,
/// `InternalError.db_error` → `InternalErrorDbError`, `UnsupportedOperation.` →
/// `UnsupportedOperationDot`.
pub fn variant_name(code: &str) -> String {
    let mut name = String::with_capacity(code.len() + 3);
    for piece in code.split(['.', '_']) {
        let mut chars = piece.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.push_str(chars.as_str());
        }
    }
    if code.ends_with('.') {
        name.push_str("Dot");
    }
    name
}

/// The variant name of a well-formed code that shares its [`variant_name`] with another code:
/// the same, with `_` where the first dot was.
///
/// `InvalidParameter.ValueTooLarge` → `InvalidParameter_ValueTooLarge` and
/// `InvalidParameterValue.TooLarge` → `InvalidParameterValue_TooLarge` (both derive
/// `InvalidParameterValueTooLarge`); a code without a dot keeps its name.
pub fn split_variant_name(code: &str) -> String {
    let name = variant_name(code);
    match code.split_once('.') {
        Some((head, _)) => {
            let head = variant_name(head);
            // `variant_name(code)` starts with `variant_name(head)`: the head's pieces come first.
            match name.strip_prefix(head.as_str()) {
                Some(rest) => format!("{head}_{rest}"),
                None => name,
            }
        }
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::{check_code, split_variant_name, variant_name};

    #[test]
    fn published_forms_are_well_formed() {
        for code in [
            "InternalError",
            "FailedOperation.PhoneNumberInBlacklist",
            "UnsupportedOperation.",
            "LimitExceeded.IPv6AddressNum",
            "FailedOperation.BYOLImageShareFailed",
            "InvalidParameterValue.IPAddressMalformed",
            "UnsupportedOperation.RawLocalDiskInsReinstalltoQcow2",
            "A.b_c.3d",
        ] {
            assert_eq!(check_code(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn malformed_codes_say_why() {
        let cases = [
            ("", "empty"),
            (
                "FailedOperation.PhoneNumberInBlacklist ",
                "ends with whitespace",
            ),
            ("\tFailedOperation", "starts or ends with whitespace"),
            ("Failed Operation", "whitespace"),
            ("FailedOperation-X", "`-` is not allowed"),
            ("FailedOperation.错误", "is not allowed"),
            ("failedOperation.X", "upper-case letter"),
            (".FailedOperation", "upper-case letter"),
            ("3D.X", "upper-case letter"),
            ("FailedOperation..X", "empty part"),
            ("FailedOperation._X", "starts with `_`"),
            ("_X", "upper-case letter"),
        ];
        for (code, why) in cases {
            let err = check_code(code).unwrap_err();
            assert!(err.contains(why), "{code:?}: {err}");
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("InternalError", "InternalError"),
            (
                "FailedOperation.PhoneNumberInBlacklist",
                "FailedOperationPhoneNumberInBlacklist",
            ),
            ("UnsupportedOperation.", "UnsupportedOperationDot"),
            (
                "LimitExceeded.IPv6AddressNum",
                "LimitExceededIPv6AddressNum",
            ),
            ("AuthFailure.MFAFailure", "AuthFailureMFAFailure"),
            ("InternalError.db_error", "InternalErrorDbError"),
            ("A.b.c", "ABC"),
            ("Foo.3ds", "Foo3ds"),
            ("Foo.Bar_", "FooBar"),
        ];
        for (code, name) in cases {
            assert_eq!(variant_name(code), name, "{code}");
        }
    }

    #[test]
    fn split_variant_names_keep_the_category_apart() {
        let cases = [
            (
                "InvalidParameter.ValueTooLarge",
                "InvalidParameter_ValueTooLarge",
            ),
            (
                "InvalidParameterValue.TooLarge",
                "InvalidParameterValue_TooLarge",
            ),
            (
                "InvalidParameterValueTooLarge",
                "InvalidParameterValueTooLarge",
            ),
            ("A.B.C", "A_BC"),
            ("AB.C", "AB_C"),
            ("UnsupportedOperation.", "UnsupportedOperation_Dot"),
            ("Internal_error.x", "InternalError_X"),
        ];
        for (code, name) in cases {
            assert_eq!(split_variant_name(code), name, "{code}");
        }
    }
}
