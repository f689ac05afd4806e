//! Rust identifiers for wire names: fields, raw identifiers and keywords, type names.

use tencent_action_naming::RenameRule;

/// Rust's strict and reserved keywords (2021 edition, plus `gen` of 2024).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names the generated code uses itself: a model with one of these names gets `Model`
/// appended so it does not shadow them.
const TAKEN_TYPES: &[&str] = &[
    "Action",
    "Box",
    "Deserialize",
    "Option",
    "Result",
    "Self",
    "String",
    "Vec",
];

/// A struct field: its Rust name and, when serde's `PascalCase` rule would not give the wire
/// name back from it, the wire name for `#[serde(rename = "...")]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldName {
    pub(crate) ident: String,
    pub(crate) rename: Option<String>,
}

/// The snake_case field for a PascalCase wire name: `InstanceId` → `instance_id`,
/// `CPU` → `cpu` (with a rename), `Type` → `r#type`, `IPv6Addresses` → `i_pv6_addresses`.
pub(crate) fn field_name(wire: &str) -> FieldName {
    let mut base = snake_case(wire);
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base.insert_str(0, "f_");
    }
    let ident = if KEYWORDS.contains(&base.as_str()) {
        if NOT_RAW.contains(&base.as_str()) {
            format!("{base}_")
        } else {
            format!("r#{base}")
        }
    } else {
        base
    };
    let unraw = ident.strip_prefix("r#").unwrap_or(&ident);
    let rename = (RenameRule::Pascal.apply_to_field(unraw) != wire).then(|| wire.to_owned());
    FieldName { ident, rename }
}

/// Splits a wire name into lower-case words joined by `_`: a word starts at an upper-case
/// letter after a lower-case letter or digit, and at the last upper-case letter of an acronym
/// followed by a lower-case letter. Characters that cannot be in an identifier become `_`.
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !(c.is_ascii_alphanumeric() || c == '_') {
            if !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 && !out.is_empty() && !out.ends_with('_') {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    let trimmed = out.trim_matches('_');
    trimmed.to_owned()
}

/// A Rust type name for an object name: characters that cannot be in an identifier dropped,
/// the first letter upper-cased, and `Model` appended to names the generated code uses.
pub(crate) fn type_name(object: &str) -> String {
    let mut out: String = object
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    if let Some(first) = out.get(..1) {
        let upper = first.to_ascii_uppercase();
        out.replace_range(..1, &upper);
    }
    if TAKEN_TYPES.contains(&out.as_str()) || KEYWORDS.contains(&out.as_str()) {
        out.push_str("Model");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(ident: &str, rename: Option<&str>) -> FieldName {
        FieldName {
            ident: ident.to_owned(),
            rename: rename.map(str::to_owned),
        }
    }

    #[test]
    fn pascal_names_become_snake_fields_without_rename() {
        assert_eq!(field_name("InstanceId"), f("instance_id", None));
        assert_eq!(field_name("TotalCount"), f("total_count", None));
        assert_eq!(field_name("Ipv6Address"), f("ipv6_address", None));
        assert_eq!(field_name("DataDisk2"), f("data_disk2", None));
        assert_eq!(field_name("V2Name"), f("v2_name", None));
    }

    #[test]
    fn names_serde_cannot_rebuild_get_a_rename() {
        assert_eq!(field_name("CPU"), f("cpu", Some("CPU")));
        assert_eq!(
            field_name("InstanceID"),
            f("instance_id", Some("InstanceID"))
        );
        assert_eq!(field_name("GPUInfo"), f("gpu_info", Some("GPUInfo")));
        assert_eq!(field_name("FPGAUrl"), f("fpga_url", Some("FPGAUrl")));
        assert_eq!(field_name("camelCase"), f("camel_case", Some("camelCase")));
        assert_eq!(
            field_name("snake_name"),
            f("snake_name", Some("snake_name"))
        );
        assert_eq!(field_name("2ndDisk"), f("f_2nd_disk", Some("2ndDisk")));
        assert_eq!(
            field_name("Weird-Name"),
            f("weird_name", Some("Weird-Name"))
        );
    }

    #[test]
    fn acronyms_followed_by_words_split_before_the_word() {
        assert_eq!(snake_case("IPv6Addresses"), "i_pv6_addresses");
        // serde rebuilds this one exactly, so no rename is needed.
        assert_eq!(field_name("IPv6Addresses").rename, None);
        assert_eq!(snake_case("HTTPServer"), "http_server");
    }

    #[test]
    fn keywords_become_raw_identifiers_or_get_a_suffix() {
        assert_eq!(field_name("Type"), f("r#type", None));
        assert_eq!(field_name("Match"), f("r#match", None));
        assert_eq!(field_name("Self"), f("self_", None));
        assert_eq!(field_name("Crate"), f("crate_", None));
        // serde drops the trailing `_`: `crate_` is read from `Crate`.
        assert_eq!(RenameRule::Pascal.apply_to_field("crate_"), "Crate");
    }

    #[test]
    fn type_names_avoid_the_names_the_code_uses() {
        assert_eq!(type_name("Instance"), "Instance");
        assert_eq!(type_name("GPUInfo"), "GPUInfo");
        assert_eq!(type_name("Option"), "OptionModel");
        assert_eq!(type_name("String"), "StringModel");
        assert_eq!(type_name("lowerName"), "LowerName");
        assert_eq!(type_name("3D"), "T3D");
    }
}
