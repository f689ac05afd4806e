//! Checks on a declaration as a whole. Every problem is reported at the token to change; the
//! entries that pass are kept, so the enum is generated even when some codes are wrong.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{Attribute, Ident, Visibility};

use super::ast::{Decl, Entry};
use super::name;
use crate::ctxt::Ctxt;

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
}

/// Checks `decl`: each code well-formed, no code twice, no variant name twice, no reserved
/// variant name, only doc comments on codes.
pub fn check(cx: &mut Ctxt, decl: Decl) -> Checked {
    let mut variants: Vec<Variant> = Vec::with_capacity(decl.entries.len());
    // Where each code and each variant name was first declared.
    let mut codes: HashMap<String, Span> = HashMap::new();
    let mut names: HashMap<String, (Span, String)> = HashMap::new();
    for entry in decl.entries {
        if let Some(variant) = check_entry(cx, &decl.ident, entry, &mut codes, &mut names) {
            variants.push(variant);
        }
    }
    Checked {
        attrs: decl.attrs,
        vis: decl.vis,
        ident: decl.ident,
        variants,
    }
}

fn check_entry(
    cx: &mut Ctxt,
    enum_ident: &Ident,
    entry: Entry,
    codes: &mut HashMap<String, Span>,
    names: &mut HashMap<String, (Span, String)>,
) -> Option<Variant> {
    let Entry {
        attrs,
        code: lit,
        rename,
    } = entry;
    let mut ok = true;
    let mut docs = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.push(attr);
        } else {
            cx.error_spanned(
                &attr,
                "only doc comments (`///`) can annotate a code; the enum's own attributes go before `enum`",
            );
            ok = false;
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

    let (name, name_span) = match &rename {
        Some(ident) => (ident.to_string(), ident.span()),
        None => (name::variant_name(&code), span),
    };
    let how = |renamed: bool| {
        if renamed {
            "is named".to_owned()
        } else {
            "derives the variant name".to_owned()
        }
    };
    if RESERVED.contains(&name.as_str()) || name == "Self" {
        let what = if name == "Self" {
            "`Self` cannot name a variant".to_owned()
        } else {
            format!("`{enum_ident}::{name}` is the variant for codes the list does not name")
        };
        cx.error_at(
            name_span,
            format!(
                "\"{code}\" {} `{name}`, but {what}; choose another name with `\"{code}\" as {name}Code`",
                how(rename.is_some())
            ),
        );
        ok = false;
    }
    if let Some((first_span, first_code)) = names.get(&name) {
        cx.error_at(
            name_span,
            format!(
                "\"{code}\" and \"{first_code}\" both map to the variant `{enum_ident}::{name}`; name one of them with `as`, like `\"{code}\" as OtherName`"
            ),
        );
        cx.error_at(
            *first_span,
            format!("\"{first_code}\" maps to `{enum_ident}::{name}` here"),
        );
        return None;
    }
    names.insert(name.clone(), (name_span, code.clone()));
    if !ok {
        return None;
    }
    let ident = match rename {
        Some(ident) => ident,
        None => Ident::new(&name, span),
    };
    Some(Variant { docs, code, ident })
}
