//! The one reader of field and container attributes for the three attribute macros, like
//! serde_derive's `internals/attr.rs`: `#[serde(...)]` read for both directions in one pass
//! (what decides wire names, what is skipped, who reads or writes a value), `#[tencent(...)]`
//! (our own options: an unknown one is an error, at its token, on every macro), and the parts
//! of `#[derive(...)]` that conflict with what a macro derives. "Did you mean" lives here too.
//!
//! Parsing is lenient about serde settings it does not need: serde checks its own attributes,
//! and duplicating that here would only produce two errors for one mistake.

use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, LitStr, Token};

use crate::ctxt::Ctxt;

/// The path `#[serde(with = "...")]` names for [`tencent_action::lenient`]: numbers and bools
/// that a server sends as strings. The schema check still judges the field's type.
const LENIENT: &str = "tencent_action::lenient";

/// A field's `#[serde(...)]` and `#[tencent(...)]` settings, both directions.
#[derive(Default)]
pub struct FieldAttrs {
    /// `rename = "X"` or `rename(deserialize = "X")`.
    pub de_name: Option<LitStr>,
    /// `rename = "X"` or `rename(serialize = "X")`.
    pub ser_name: Option<LitStr>,
    pub aliases: Vec<LitStr>,
    /// `skip` or `skip_deserializing`.
    pub skip_de: bool,
    /// `skip` or `skip_serializing`.
    pub skip_ser: bool,
    /// `skip_serializing_if = "..."`: the user decides when the field is left out.
    pub skip_ser_if: bool,
    /// `flatten`: the field's wire names are its type's, unknown here.
    pub flatten: bool,
    /// `with` or `deserialize_with`: the function that reads the value.
    pub de_with: Option<With>,
    /// `with` or `serialize_with`.
    pub ser_with: Option<With>,
    /// `default`: a missing member gets the field's default (a `null` one is still an error).
    pub default: bool,
    /// `#[tencent(unchecked)]`: the schema check leaves this field alone.
    pub unchecked: bool,
}

/// A `with`-style path: the user's function decides what the value may be, unless it is
/// [`LENIENT`], whose values the check still judges.
pub struct With {
    pub lenient: bool,
    pub span: Span,
}

impl FieldAttrs {
    /// Whether the field's type is judged on the deserialize side: not when a function of the
    /// user's reads the value (`null` included).
    pub fn de_typed(&self) -> bool {
        self.de_with.as_ref().map_or(true, |w| w.lenient)
    }

    /// The same on the serialize side.
    pub fn ser_typed(&self) -> bool {
        self.ser_with.as_ref().map_or(true, |w| w.lenient)
    }

    /// The `lenient` setting, when the field has one.
    pub fn lenient(&self) -> Option<&With> {
        [&self.de_with, &self.ser_with]
            .into_iter()
            .flatten()
            .find(|w| w.lenient)
    }
}

/// A struct's `#[serde(...)]` and `#[tencent(...)]` settings.
#[derive(Default)]
pub struct ContainerAttrs {
    /// `rename_all = "..."` or `rename_all(deserialize = "...")`.
    pub rename_all_de: Option<LitStr>,
    /// `rename_all = "..."` or `rename_all(serialize = "...")`.
    pub rename_all_ser: Option<LitStr>,
    /// `default`: every missing member gets a default.
    pub default: bool,
    /// `#[tencent(unchecked)]` on the struct: the same as `schema = false`.
    pub unchecked: bool,
}

/// Reads a field's attributes; unknown `#[tencent(...)]` options are errors in `cx`.
pub fn field(cx: &mut Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        // A malformed serde attribute is serde's to report.
        let _ = attr.parse_nested_meta(|meta| {
            let is = |name: &str| meta.path.is_ident(name);
            if is("rename") {
                let (de, ser) = both_sides(&meta)?;
                out.de_name = de.or(out.de_name.take());
                out.ser_name = ser.or(out.ser_name.take());
            } else if is("alias") {
                out.aliases.push(meta.value()?.parse()?);
            } else if is("with") || is("deserialize_with") || is("serialize_with") {
                let lit: LitStr = meta.value()?.parse()?;
                let path = lit.value();
                let path = path.trim_start_matches("::");
                let lenient = path == LENIENT
                    || (path
                        .strip_prefix(LENIENT)
                        .is_some_and(|rest| rest == "::deserialize" || rest == "::serialize"));
                let with = || With {
                    lenient,
                    span: lit.span(),
                };
                if !is("serialize_with") {
                    out.de_with = Some(with());
                }
                if !is("deserialize_with") {
                    out.ser_with = Some(with());
                }
            } else {
                out.skip_de |= is("skip") || is("skip_deserializing");
                out.skip_ser |= is("skip") || is("skip_serializing");
                out.skip_ser_if |= is("skip_serializing_if");
                out.flatten |= is("flatten");
                out.default |= is("default");
                skip_meta(&meta)?;
            }
            Ok(())
        });
    }
    out.unchecked = tencent(cx, attrs, "field");
    out
}

/// Reads a struct's attributes; unknown `#[tencent(...)]` options are errors in `cx`.
pub fn container(cx: &mut Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let (de, ser) = both_sides(&meta)?;
                out.rename_all_de = de.or(out.rename_all_de.take());
                out.rename_all_ser = ser.or(out.rename_all_ser.take());
            } else {
                out.default |= meta.path.is_ident("default");
                skip_meta(&meta)?;
            }
            Ok(())
        });
    }
    out.unchecked = tencent(cx, attrs, "struct");
    out
}

/// Whether `#[tencent(unchecked)]` is among `attrs`; any other option is an error.
fn tencent(cx: &mut Ctxt, attrs: &[Attribute], on: &str) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("tencent")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("unchecked") {
                found = true;
                return Ok(());
            }
            let written = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let hint = match did_you_mean(&written, &["unchecked"]) {
                Some(_) => "did you mean `unchecked`? ",
                None => "",
            };
            Err(meta.error(format!(
                "unknown `tencent` {on} option `{written}`: {hint}the one option is `unchecked` (`#[tencent(unchecked)]` skips the schema check of this {on})"
            )))
        });
        if let Err(e) = parsed {
            cx.syn_error(e);
            // Most likely a misspelt `unchecked`: do not pile schema errors on top.
            found = true;
        }
    }
    found
}

/// `key = "x"` (both sides) or `key(serialize = "x", deserialize = "y")`:
/// `(deserialize side, serialize side)`.
fn both_sides(
    meta: &syn::meta::ParseNestedMeta<'_>,
) -> syn::Result<(Option<LitStr>, Option<LitStr>)> {
    if meta.input.peek(Token![=]) {
        let lit: LitStr = meta.value()?.parse()?;
        return Ok((Some(lit.clone()), Some(lit)));
    }
    let (mut de, mut ser) = (None, None);
    meta.parse_nested_meta(|inner| {
        let lit: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("deserialize") {
            de = Some(lit);
        } else if inner.path.is_ident("serialize") {
            ser = Some(lit);
        }
        Ok(())
    })?;
    Ok((de, ser))
}

/// The closest known name to a misspelt one, if it is close enough to be a typo.
/// Among equally close names, one with the same letters wins, then one with the same first
/// letter (`vcp` → `vpc`, not `vcg` or `acp`).
pub fn did_you_mean<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let letters = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.sort_unstable();
        chars
    };
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, k)| {
            (
                *d,
                letters(k) != letters(name),
                k.chars().next() != name.chars().next(),
            )
        })
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

/// Edit distance counting a swap of two neighbours as one edit (`vcp` → `vpc`), as typos do.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Consumes a serde setting this macro does not need: `x`, `x = ...` or `x(...)`.
fn skip_meta(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
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
        let keys = ["service", "version", "action", "codes", "schema"];
        assert_eq!(did_you_mean("servce", &keys), Some("service"));
        assert_eq!(did_you_mean("verison", &keys), Some("version"));
        assert_eq!(did_you_mean("region", &keys), None);
        assert_eq!(did_you_mean("vcp", &["acp", "vcg", "vpc"]), Some("vpc"));
    }

    #[test]
    fn reads_both_directions_in_one_pass() {
        let field: syn::Field = syn::parse_quote! {
            #[serde(rename(serialize = "A", deserialize = "B"), alias = "C", skip_serializing_if = "x")]
            #[serde(with = "::tencent_action::lenient")]
            pub a: Option<u64>
        };
        let mut cx = Ctxt::default();
        let attrs = super::field(&mut cx, &field.attrs);
        assert_eq!(attrs.ser_name.unwrap().value(), "A");
        assert_eq!(attrs.de_name.unwrap().value(), "B");
        assert_eq!(attrs.aliases.len(), 1);
        assert!(attrs.skip_ser_if && !attrs.skip_ser);
        assert!(attrs.de_with.unwrap().lenient);
        assert!(!cx.has_errors());

        let field: syn::Field = syn::parse_quote! {
            #[tencent(uncheked)]
            #[serde(deserialize_with = "my::read")]
            pub a: u64
        };
        let attrs = super::field(&mut cx, &field.attrs);
        assert!(attrs.unchecked && !attrs.de_typed() && attrs.ser_typed());
        assert!(cx.has_errors());
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
