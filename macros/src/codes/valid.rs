//! Checks on a declaration as a whole, and the variant name of each code. Every problem is
//! reported at the token to change; the entries that pass are kept, so the enum is generated
//! even when some codes are wrong.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{Attribute, Ident, Visibility};

use super::ast::{Decl, Entry};
use crate::ctxt::Ctxt;
use tencent_action_naming::code as name;

/// The variants the expansion adds after the listed codes; no listed code may take their names.
pub const RESERVED: [&str; 3] = ["Common", "Category", "Other"];

/// A declaration whose entries all passed the checks.
pub struct Checked {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub variants: Vec<Variant>,
}

/// One listed code and its variant.
pub struct Variant {
    /// The doc comments written before the code.
    pub docs: Vec<Attribute>,
    pub code: String,
    /// Derived from the code (spanned at its literal) or the user's `as` name.
    pub ident: Ident,
    /// When the name keeps `_` after the category because another code derives the plain
    /// name too: that other code.
    pub split_from: Option<String>,
}

/// An entry that passed the per-code checks, before its name is settled.
struct Candidate {
    docs: Vec<Attribute>,
    code: String,
    span: Span,
    rename: Option<Ident>,
    /// Only doc comments were attached.
    attrs_ok: bool,
}

/// Checks `decl`: only doc comments on codes, each code well-formed, no code twice, no
/// variant name twice, no reserved variant name.
///
/// Naming: a code gets [`name::variant_name`] unless it is renamed with `as`. When several
/// codes that are not renamed derive the same name (CVM 2017-03-12 publishes both
/// `InvalidParameter.ValueTooLarge` and `InvalidParameterValue.TooLarge`), each of them gets
/// [`name::split_variant_name`] instead, which keeps `_` where the first dot was; a clash that
/// remains, or one involving an `as` name, is an error at both places.
pub fn check(cx: &mut Ctxt, decl: Decl) -> Checked {
    let enum_ident = &decl.ident;
    let mut candidates: Vec<Candidate> = Vec::with_capacity(decl.entries.len());
    // Where each code was first declared.
    let mut codes: HashMap<String, Span> = HashMap::new();
    for entry in decl.entries {
        if let Some(c) = check_entry(cx, enum_ident, entry, &mut codes) {
            candidates.push(c);
        }
    }

    // How many codes (not renamed) derive each plain name.
    let mut derived: HashMap<String, Vec<String>> = HashMap::new();
    for c in candidates.iter().filter(|c| c.rename.is_none()) {
        derived
            .entry(name::variant_name(&c.code))
            .or_default()
            .push(c.code.clone());
    }

    let mut variants: Vec<Variant> = Vec::with_capacity(candidates.len());
    // Where each variant name was first taken, and by which code.
    let mut names: HashMap<String, (Span, String)> = HashMap::new();
    for c in candidates {
        let (name, name_span, split_from) = match &c.rename {
            Some(ident) => (ident.to_string(), ident.span(), None),
            None => {
                let plain = name::variant_name(&c.code);
                let other = derived
                    .get(&plain)
                    .and_then(|sharing| sharing.iter().find(|o| **o != c.code));
                match other {
                    Some(other) => (
                        name::split_variant_name(&c.code),
                        c.span,
                        Some(other.clone()),
                    ),
                    None => (plain, c.span, None),
                }
            }
        };
        let code = &c.code;
        let mut ok = c.attrs_ok;
        if RESERVED.contains(&name.as_str()) || name == "Self" {
            let what = if name == "Self" {
                "`Self` cannot name a variant".to_owned()
            } else {
                format!("`{enum_ident}::{name}` is the variant for codes the list does not name")
            };
            let how = if c.rename.is_some() {
                "is named"
            } else {
                "derives the variant name"
            };
            cx.error_at(
                name_span,
                format!(
                    "\"{code}\" {how} `{name}`, but {what}; choose another name with `\"{code}\" as {name}Code`"
                ),
            );
            ok = false;
        }
        if let Some((first_span, first_code)) = names.get(&name) {
            cx.error_at(
                name_span,
                format!(
                    "\"{code}\" and \"{first_code}\" both map to the variant `{enum_ident}::{name}`{}; name one of them with `as`, like `\"{code}\" as OtherName`",
                    if split_from.is_some() {
                        " (even with `_` kept after the category)"
                    } else {
                        ""
                    }
                ),
            );
            cx.error_at(
                *first_span,
                format!("\"{first_code}\" maps to `{enum_ident}::{name}` here"),
            );
            continue;
        }
        names.insert(name.clone(), (name_span, code.clone()));
        if !ok {
            continue;
        }
        let ident = match c.rename {
            Some(ident) => ident,
            // A derived name is ASCII letters and digits (and `_` when split), starting with an
            // upper-case letter, and not `Self` (checked above): a valid identifier.
            None => Ident::new(&name, c.span),
        };
        variants.push(Variant {
            docs: c.docs,
            code: c.code,
            ident,
            split_from,
        });
    }
    Checked {
        attrs: decl.attrs,
        vis: decl.vis,
        ident: decl.ident,
        variants,
    }
}

/// The checks of one entry on its own, and against the codes before it.
fn check_entry(
    cx: &mut Ctxt,
    enum_ident: &Ident,
    entry: Entry,
    codes: &mut HashMap<String, Span>,
) -> Option<Candidate> {
    let Entry {
        attrs,
        code: lit,
        rename,
    } = entry;
    let mut attrs_ok = true;
    let mut docs = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.push(attr);
        } else {
            cx.error_spanned(
                &attr,
                "only doc comments (`///`) can annotate a code; the enum's own attributes go before `enum`",
            );
            attrs_ok = false;
        }
    }
    let code = lit.value();
    let span = lit.span();
    if let Err(why) = name::check_code(&code) {
        cx.error_at(
            span,
            format!(
                "\"{}\" is not a well-formed Tencent Cloud error code: {why}; expected `Category` or `Category.Detail`, like \"FailedOperation.PhoneNumberInBlacklist\"",
                code.escape_default()
            ),
        );
        return None;
    }
    if let Some(first) = codes.get(&code) {
        cx.error_at(
            span,
            format!("the code \"{code}\" is declared twice in `{enum_ident}`; remove one of them"),
        );
        cx.error_at(*first, format!("\"{code}\" is first declared here"));
        return None;
    }
    codes.insert(code.clone(), span);
    Some(Candidate {
        docs,
        code,
        span,
        rename,
        attrs_ok,
    })
}
