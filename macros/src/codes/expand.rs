//! Code generation for `error_codes!`. Every path is absolute (`::core::...`,
//! `::tencent_action::...`), so the expansion compiles in a module that shadows `Result`,
//! `Option`, `String`, `Box`, `Vec` or `str`; the impls sit in `const _: () = { ... };`.
//!
//! The exact-code step is a decision tree, not a scan: a `match` on the code's length, then
//! `match`es on single bytes (each picked to split the remaining codes as finely as possible)
//! until one code is left, then one comparison of the whole string. No allocation, and the
//! work does not grow with the length of the list.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::valid::{Checked, Variant};

pub fn expand(decl: &Checked) -> TokenStream {
    let Checked {
        attrs,
        vis,
        ident,
        variants,
    } = decl;
    let has_doc = attrs.iter().any(|a| a.path().is_ident("doc"));
    let default_doc = if has_doc {
        quote!()
    } else {
        quote!(#[doc = "Error codes, declared with `tencent_action::error_codes!`."])
    };
    let enum_doc = format!(
        "Decoding maps an API error's code to the first of: the code's own variant when \
         `{ident}` lists it; `{ident}::Common` for one of the 26 common codes the list does not \
         name; `{ident}::Category` when the part before the first dot is a known category; \
         `{ident}::Other`. `as_str` gives back the code exactly as sent in every case."
    );
    let variant_defs = variants.iter().map(variant_def);
    let names: Vec<_> = variants.iter().map(|v| &v.ident).collect();
    let codes: Vec<Literal> = variants.iter().map(|v| Literal::string(&v.code)).collect();
    let exact = exact_body(variants);
    quote! {
        #(#attrs)*
        #default_doc
        #[doc = ""]
        #[doc = #enum_doc]
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash
        )]
        #vis enum #ident {
            #(#variant_defs)*
            /// One of the 26 common codes (every action can return them) that this list does not
            /// name. Never holds `CommonCode::Other`.
            Common(::tencent_action::CommonCode),
            /// A code this list does not name and that is not a common code, whose category (the
            /// part before the first dot) is known, like `InvalidParameterValue.SomethingNew`:
            /// the category, and the code verbatim.
            Category(::tencent_action::Category, ::tencent_action::__private::String),
            /// Any other code, verbatim: not listed, not common, and of no known category.
            Other(::tencent_action::__private::String),
        }

        const _: () = {
            #[automatically_derived]
            #[allow(dead_code)]
            impl #ident {
                /// Every listed code's variant, in the order of the declaration.
                pub const ALL: &'static [#ident] = &[#(#ident::#names),*];

                /// Looks `code` up in the list: its listed variant, or `None` when the list does
                /// not name it (`from_code` then tries the common codes and the categories).
                /// Allocates nothing and does not scan the list.
                pub fn lookup(
                    code: &::core::primitive::str,
                ) -> ::core::option::Option<#ident> {
                    #exact
                }

                /// The code as Tencent spells it, whichever variant holds it.
                pub fn as_str(&self) -> &::core::primitive::str {
                    match self {
                        #(#ident::#names => #codes,)*
                        #ident::Common(code) => ::tencent_action::CommonCode::as_str(code),
                        #ident::Category(_, code) | #ident::Other(code) => {
                            ::tencent_action::__private::String::as_str(code)
                        }
                    }
                }

                /// The category of the code (the part before its first dot), when known.
                pub fn category(
                    &self,
                ) -> ::core::option::Option<::tencent_action::Category> {
                    ::tencent_action::Category::of(#ident::as_str(self))
                }
            }

            #[automatically_derived]
            impl ::tencent_action::ErrorCode for #ident {
                fn from_code(code: &::core::primitive::str) -> #ident {
                    if let ::core::option::Option::Some(listed) = #ident::lookup(code) {
                        return listed;
                    }
                    if let ::core::option::Option::Some(common) =
                        ::tencent_action::CommonCode::lookup(code)
                    {
                        return #ident::Common(common);
                    }
                    let verbatim = ::tencent_action::__private::String::from(code);
                    match ::tencent_action::Category::of(code) {
                        ::core::option::Option::Some(category) => #ident::Category(category, verbatim),
                        ::core::option::Option::None => #ident::Other(verbatim),
                    }
                }

                fn as_str(&self) -> &::core::primitive::str {
                    #ident::as_str(self)
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(#ident::as_str(self))
                }
            }

            #[automatically_derived]
            impl ::core::str::FromStr for #ident {
                type Err = ::core::convert::Infallible;

                fn from_str(
                    code: &::core::primitive::str,
                ) -> ::core::result::Result<#ident, ::core::convert::Infallible> {
                    ::core::result::Result::Ok(
                        <#ident as ::tencent_action::ErrorCode>::from_code(code),
                    )
                }
            }
        };
    }
}

fn variant_def(v: &Variant) -> TokenStream {
    let Variant {
        docs,
        code,
        ident,
        split_from,
    } = v;
    let mut code_doc = if docs.is_empty() {
        format!("The code `{code}`.")
    } else {
        format!("Code: `{code}`.")
    };
    let mut allow = quote!();
    if let Some(other) = split_from {
        code_doc.push_str(&format!(
            " Named with `_` after the category because `{other}` derives the same name without it."
        ));
        allow = quote!(#[allow(non_camel_case_types)]);
    }
    let gap = if docs.is_empty() {
        quote!()
    } else {
        quote!(#[doc = ""])
    };
    quote! {
        #(#docs)*
        #gap
        #[doc = #code_doc]
        #allow
        #ident,
    }
}

/// The body of `lookup`: a decision tree on the length, then on single bytes.
fn exact_body(variants: &[Variant]) -> TokenStream {
    if variants.is_empty() {
        return quote! {
            let _ = code;
            ::core::option::Option::None
        };
    }
    let mut by_len: BTreeMap<usize, Vec<&Variant>> = BTreeMap::new();
    for v in variants {
        by_len.entry(v.code.len()).or_default().push(v);
    }
    let arms = by_len.into_iter().map(|(len, group)| {
        let len = Literal::usize_unsuffixed(len);
        let tree = tree(&group);
        quote!(#len => #tree,)
    });
    quote! {
        let bytes = code.as_bytes();
        match bytes.len() {
            #(#arms)*
            _ => ::core::option::Option::None,
        }
    }
}

/// Codes of one length, all different: switch on the byte that splits them best, recursively;
/// a single code is compared whole (the switches only looked at some of its bytes).
fn tree(group: &[&Variant]) -> TokenStream {
    if let [only] = group {
        let code = Literal::string(&only.code);
        let ident = &only.ident;
        return quote! {
            if code == #code {
                ::core::option::Option::Some(Self::#ident)
            } else {
                ::core::option::Option::None
            }
        };
    }
    let width = group[0].code.len();
    // The position with the most distinct bytes, then the smallest largest bucket. Codes of one
    // length that are all different differ somewhere, so the best split has two buckets or more.
    let mut best: Option<(usize, BTreeMap<u8, Vec<&Variant>>)> = None;
    let mut best_score = (0, usize::MAX);
    for pos in 0..width {
        let mut buckets: BTreeMap<u8, Vec<&Variant>> = BTreeMap::new();
        for v in group {
            buckets.entry(v.code.as_bytes()[pos]).or_default().push(v);
        }
        let largest = buckets.values().map(Vec::len).max().unwrap_or(0);
        let score = (buckets.len(), largest);
        if score.0 > best_score.0 || (score.0 == best_score.0 && score.1 < best_score.1) {
            best_score = score;
            best = Some((pos, buckets));
        }
    }
    match best {
        Some((pos, buckets)) if buckets.len() > 1 => {
            let index = Literal::usize_unsuffixed(pos);
            let arms = buckets.into_iter().map(|(byte, sub)| {
                let byte = Literal::u8_suffixed(byte);
                let sub = tree(&sub);
                quote!(#byte => #sub,)
            });
            quote! {
                match bytes[#index] {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }
        // Unreachable for distinct codes (checked before expansion); a plain `match` keeps
        // the expansion correct even so.
        _ => {
            let arms = group.iter().map(|v| {
                let code = Literal::string(&v.code);
                let ident = &v.ident;
                quote!(#code => ::core::option::Option::Some(Self::#ident),)
            });
            quote! {
                match code {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
