//! `error_codes!`: a product's error codes, declared once, as an enum.
//!
//! The stages, one file each, like the attribute's: [`ast`] parses the declaration, [`name`]
//! says what a well-formed code is and which variant name it gets, [`valid`] checks the
//! declaration as a whole (duplicates, name clashes) and keeps the entries that can be
//! generated, [`expand`] writes the enum and its no-allocation, no-scan matcher.
//!
//! Errors are collected in a [`Ctxt`](crate::ctxt::Ctxt) and reported together, each at the
//! token to change. The enum is still generated from the entries that are fine, so a mistake in
//! one code does not also break every use of the enum.

mod ast;
mod expand;
mod valid;

use proc_macro2::TokenStream;

use crate::ctxt::Ctxt;

/// The whole function-like macro: parse, check, expand; errors first, each at its span.
pub fn error_codes(input: TokenStream) -> TokenStream {
    let decls = match ast::parse(input) {
        Ok(decls) => decls,
        Err(e) => return e.into_compile_error(),
    };
    let mut cx = Ctxt::default();
    let mut out = TokenStream::new();
    for decl in decls {
        let checked = valid::check(&mut cx, decl);
        out.extend(expand::expand(&checked));
    }
    let errors = cx
        .check()
        .err()
        .map(syn::Error::into_compile_error)
        .unwrap_or_default();
    let mut all = errors;
    all.extend(out);
    all
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::error_codes;

    fn expand(tokens: proc_macro2::TokenStream) -> String {
        error_codes(tokens).to_string()
    }

    #[test]
    fn valid_declaration_has_no_errors() {
        let out = expand(quote! {
            pub enum SmsCode {
                /// Sensitive word.
                "FailedOperation.ContainSensitiveWord",
                "UnsupportedOperation."
                "UnsupportedOperation" as Unsupported,
            }
        });
        assert!(!out.contains("compile_error"), "{out}");
        assert!(out.contains("FailedOperationContainSensitiveWord"), "{out}");
        assert!(out.contains("UnsupportedOperationDot"), "{out}");
        assert!(out.contains("Unsupported ,"), "{out}");
    }

    #[test]
    fn every_error_is_reported_and_the_rest_still_expands() {
        let out = expand(quote! {
            pub enum SmsCode {
                "FailedOperation.A",
                "failedOperation.B",
                "FailedOperation.A",
                "FailedOperation.C_d",
                "FailedOperation.CD",
                "Other",
            }
        });
        assert_eq!(out.matches("compile_error").count(), 6, "{out}");
        assert!(out.contains("enum SmsCode"), "{out}");
    }

    #[test]
    fn every_lookup_is_byte_switches_then_one_comparison() {
        // 600 codes, many of one length and sharing long prefixes.
        let mut codes = Vec::new();
        for category in ["FailedOperation", "InvalidParameterValue", "LimitExceeded"] {
            for i in 0..200 {
                codes.push(format!("{category}.Code{i:03}"));
            }
        }
        let literals = codes.iter().map(|c| proc_macro2::Literal::string(c));
        let out = expand(quote!(pub enum Big { #(#literals)* }));
        assert!(!out.contains("compile_error"));
        // Each code is compared whole exactly once, at its own leaf: no fallback `match` on
        // the string, no loop.
        let start = out.find("pub fn lookup").unwrap();
        let end = out.find("pub fn as_str").unwrap();
        let exact = &out[start..end];
        assert_eq!(exact.matches("if code ==").count(), codes.len());
        assert!(!exact.contains("match code {"), "fallback used");
        assert!(!exact.contains("for "), "a loop");
        assert!(!exact.contains("iter"), "a loop");
        assert!(exact.contains("match bytes . len ()"));
    }

    #[test]
    fn syntax_errors_are_compile_errors_not_panics() {
        for input in [
            quote!(),
            quote!(
                pub struct X {}
            ),
            quote!(pub enum X),
            quote!(pub enum X<T> { "A" }),
            quote!(
                pub enum X {
                    A,
                }
            ),
            quote!(
                pub enum X {
                    FAILEDOPERATION = "FailedOperation",
                }
            ),
            quote!(pub enum X { "A" as }),
            quote!(pub enum X { "A" as 3 }),
            quote!(pub enum X { 3 }),
            quote!(pub enum X { #[cfg(test)] "A" }),
            quote!(pub enum X { "A" } trailing),
        ] {
            let out = expand(input.clone());
            assert!(out.contains("compile_error"), "{input} => {out}");
        }
    }
}
