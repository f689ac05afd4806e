//! Parsing attributes: the `#[tencent_action(...)]` arguments, and the parts of `#[serde(...)]`
//! and `#[derive(...)]` that decide wire names or conflict with the generated code.
//!
//! Parsing is lenient about everything it does not need: serde checks its own attributes, and
//! duplicating that here would only produce two errors for one mistake.

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Meta, Token};

use crate::ctxt::Ctxt;

/// Which attribute the arguments belong to: they share a syntax but not every key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// `#[tencent_action]` on a response struct.
    Action,
    /// `#[tencent_model]` on a nested type.
    Model,
}

impl Which {
    pub fn name(self) -> &'static str {
        match self {
            Which::Action => "tencent_action",
            Which::Model => "tencent_model",
        }
    }

    fn keys(self) -> &'static [&'static str] {
        match self {
            Which::Action => &["service", "version", "action", "codes", "schema"],
            Which::Model => &["service", "version", "object", "schema"],
        }
    }

    fn usage(self) -> &'static str {
        match self {
            Which::Action => {
                "`#[tencent_action(service = \"...\", version = \"YYYY-MM-DD\", action = \"...\")]`"
            }
            Which::Model => "`#[tencent_model(service = \"...\", version = \"YYYY-MM-DD\")]`",
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Which::Action => "`service`, `version`, `action`, `codes` or `schema`",
            Which::Model => "`service`, `version`, `object` or `schema`",
        }
    }
}

/// The attribute's arguments; each `None` when missing or invalid (already reported).
pub struct Args {
    pub which: Which,
    /// Keys that were written, valid or not (a misspelt key counts as the key it resembles), so
    /// a malformed argument is not reported as missing too.
    pub given: Vec<String>,
    pub service: Option<LitStr>,
    pub version: Option<LitStr>,
    pub action: Option<LitStr>,
    /// `object = "Instance"` (`#[tencent_model]` only): the spec object the type models.
    pub object: Option<LitStr>,
    /// `schema = "path/to/api.json"`: the spec to check against, instead of
    /// `$TENCENT_ACTION_SPECS`.
    pub schema: Option<LitStr>,
    /// `codes = path::To::CodeEnum`: the type that classifies this action's error codes.
    pub codes: Option<syn::Path>,
}

/// What each argument looks like, for messages.
fn example(key: &str) -> &'static str {
    match key {
        "service" => "service = \"cvm\"",
        "version" => "version = \"2017-03-12\"",
        "action" => "action = \"DescribeInstances\"",
        "object" => "object = \"Instance\"",
        "schema" => "schema = \"specs/cvm/v20170312/api.json\"",
        _ => "codes = SmsCode",
    }
}

pub fn parse_args(cx: &mut Ctxt, which: Which, tokens: TokenStream) -> Args {
    let mut args = Args {
        which,
        given: Vec::new(),
        service: None,
        version: None,
        action: None,
        object: None,
        schema: None,
        codes: None,
    };
    let keys = which.keys();
    let metas = match Punctuated::<Meta, Token![,]>::parse_terminated.parse2(tokens) {
        Ok(metas) => metas,
        Err(e) => {
            cx.error_at(e.span(), format!("{e}; expected {}", which.usage()));
            return args;
        }
    };
    // The first span each key was given at, to point at both places of a duplicate.
    let mut seen: Vec<(String, Span)> = Vec::new();
    for meta in metas {
        let path = meta.path();
        let Some(ident) = path.get_ident() else {
            cx.error_spanned(
                path,
                format!("unknown argument; expected {}", which.expected()),
            );
            continue;
        };
        let key = ident.to_string();
        if !keys.contains(&key.as_str()) {
            let hint = match did_you_mean(&key, keys) {
                Some(best) => {
                    args.given.push(best.to_owned());
                    format!("; did you mean `{best}`?")
                }
                None => String::new(),
            };
            cx.error_spanned(
                ident,
                format!(
                    "unknown argument `{key}`{hint} (expected {})",
                    which.expected()
                ),
            );
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            cx.error_spanned(ident, format!("duplicate argument `{key}`"));
            cx.error_at(*first, format!("`{key}` is first given here"));
            continue;
        }
        seen.push((key.clone(), ident.span()));
        args.given.push(key.clone());
        let value = match &meta {
            Meta::NameValue(nv) => &nv.value,
            _ => {
                cx.error_spanned(&meta, format!("expected `{}`", example(&key)));
                continue;
            }
        };
        if key != "codes" {
            let Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) = value
            else {
                cx.error_spanned(
                    value,
                    format!("`{key}` takes a string literal, like `{}`", example(&key)),
                );
                continue;
            };
            let slot = match key.as_str() {
                "service" => &mut args.service,
                "version" => &mut args.version,
                "object" => &mut args.object,
                "schema" => &mut args.schema,
                _ => &mut args.action,
            };
            *slot = Some(lit.clone());
        } else {
            match value {
                Expr::Path(p) if p.qself.is_none() => args.codes = Some(p.path.clone()),
                _ => cx.error_spanned(
                    value,
                    "`codes` takes the path of a code type declared with `tencent_action::error_codes!`, like `codes = SmsCode`",
                ),
            }
        }
    }
    args
}

/// The closest known name to a misspelt one, if it is close enough to be a typo.
pub fn did_you_mean<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Like [`did_you_mean`], ignoring case: a name differing only in case comes first
/// (`InstanceSET` → `InstanceSet`), then the closest by edit distance.
pub fn did_you_mean_ci<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(k);
    }
    let lower = name.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The `#[serde(...)]` settings of a field that decide its wire names.
#[derive(Default)]
pub struct FieldSerde {
    /// `rename = "X"` or `rename(deserialize = "X")`.
    pub rename: Option<LitStr>,
    pub aliases: Vec<LitStr>,
    /// `skip` or `skip_deserializing`: the field has no wire name.
    pub skipped: bool,
    /// `flatten`: the field's wire names are its type's, unknown here.
    pub flatten: bool,
    /// `deserialize_with` or `with`: the field's own function reads the value, whatever it is
    /// (`null` included), so its type is not judged.
    pub with: bool,
    /// `default`: a missing member gets the field's default (a `null` one is still an error).
    pub default: bool,
}

pub fn field_serde(attrs: &[Attribute]) -> FieldSerde {
    let mut out = FieldSerde::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        // A malformed serde attribute is serde's to report.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if let Some(lit) = deserialize_name(&meta)? {
                    out.rename = Some(lit);
                }
            } else if meta.path.is_ident("alias") {
                out.aliases.push(meta.value()?.parse()?);
            } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_deserializing") {
                out.skipped = true;
            } else if meta.path.is_ident("flatten") {
                out.flatten = true;
            } else if meta.path.is_ident("deserialize_with") || meta.path.is_ident("with") {
                out.with = true;
                skip_meta(&meta)?;
            } else if meta.path.is_ident("default") {
                out.default = true;
                skip_meta(&meta)?;
            } else {
                skip_meta(&meta)?;
            }
            Ok(())
        });
    }
    out
}

/// The container's `rename_all` for deserialization, when the struct sets one.
pub struct ContainerSerde {
    pub rename_all: Option<LitStr>,
    /// The struct's own `#[serde(default)]`: every missing member gets a default.
    pub default: bool,
}

pub fn container_serde(attrs: &[Attribute]) -> ContainerSerde {
    let mut out = ContainerSerde {
        rename_all: None,
        default: false,
    };
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                if let Some(lit) = deserialize_name(&meta)? {
                    out.rename_all = Some(lit);
                }
            } else if meta.path.is_ident("default") {
                out.default = true;
                skip_meta(&meta)?;
            } else {
                skip_meta(&meta)?;
            }
            Ok(())
        });
    }
    out
}

/// `key = "x"` or `key(deserialize = "x", serialize = "y")`: the deserialize side.
fn deserialize_name(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut found = None;
    meta.parse_nested_meta(|inner| {
        let lit: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("deserialize") {
            found = Some(lit);
        }
        Ok(())
    })?;
    Ok(found)
}

/// Consumes a serde setting this macro does not need: `x`, `x = ...` or `x(...)`.
pub fn skip_meta(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

/// The paths in `#[derive(...)]` that name `name` (`Deserialize` for the response attributes,
/// `Serialize` for the request one): the attribute derives it itself.
pub fn derived(attrs: &[Attribute], name: &str) -> Vec<syn::Path> {
    let mut found = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        if let Ok(paths) =
            attr.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
        {
            found.extend(
                paths
                    .into_iter()
                    .filter(|p| p.segments.last().is_some_and(|s| s.ident == name)),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = Which::Action.keys();
        assert_eq!(did_you_mean("servce", keys), Some("service"));
        assert_eq!(did_you_mean("verison", keys), Some("version"));
        assert_eq!(did_you_mean("region", keys), None);
    }

    #[test]
    fn suggests_members_ignoring_case() {
        let members = ["InstanceSet", "TotalCount", "InstanceId"];
        assert_eq!(
            did_you_mean_ci("InstanceSET", &members),
            Some("InstanceSet")
        );
        assert_eq!(did_you_mean_ci("InstanceSt", &members), Some("InstanceSet"));
        assert_eq!(did_you_mean_ci("Totalcont", &members), Some("TotalCount"));
        assert_eq!(did_you_mean_ci("Zone", &members), None);
    }
}
