//! The declaration as written: `#[attrs] VIS enum Name { /// doc  "Code" (as Variant)? ,? ... }`.
//!
//! Codes are string literals so that they can be pasted as Tencent publishes them, including
//! forms that are not Rust paths (`UnsupportedOperation.` with its trailing dot). Commas between
//! entries are optional, so a column of quoted codes pastes as it is.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream, Parser};
use syn::{braced, Attribute, Ident, LitStr, Token, Visibility};

/// One `enum` of one `error_codes!` invocation.
pub struct Decl {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub entries: Vec<Entry>,
}

/// One code of a declaration.
pub struct Entry {
    /// Every outer attribute written before the code; only doc comments are accepted
    /// (checked in `valid`, so that every misplaced attribute is reported).
    pub attrs: Vec<Attribute>,
    pub code: LitStr,
    /// `as Name`: the user's variant name instead of the derived one.
    pub rename: Option<Ident>,
}

const EXPECTED: &str =
    "expected `pub enum Name { \"Category.Detail\", ... }`, like `pub enum SmsCode { \"FailedOperation.PhoneNumberInBlacklist\" }`";

/// Parses every declaration of one invocation (one or more `enum`s).
pub fn parse(tokens: TokenStream) -> syn::Result<Vec<Decl>> {
    let decls = parse_decls.parse2(tokens)?;
    if decls.is_empty() {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            format!("`error_codes!` is empty: {EXPECTED}"),
        ));
    }
    Ok(decls)
}

fn parse_decls(input: ParseStream<'_>) -> syn::Result<Vec<Decl>> {
    let mut decls = Vec::new();
    while !input.is_empty() {
        decls.push(input.parse()?);
    }
    Ok(decls)
}

impl Parse for Decl {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        if !input.peek(Token![enum]) {
            return Err(input.error(EXPECTED));
        }
        input.parse::<Token![enum]>()?;
        let ident: Ident = input.parse()?;
        if input.peek(Token![<]) {
            return Err(
                input.error("a code enum takes no generic parameters: write `enum Name { ... }`")
            );
        }
        if !input.peek(syn::token::Brace) {
            return Err(input.error(format!(
                "expected `{{` and the codes after `enum {ident}`: {EXPECTED}"
            )));
        }
        let content;
        braced!(content in input);
        let mut entries = Vec::new();
        while !content.is_empty() {
            entries.push(content.parse()?);
        }
        Ok(Decl {
            attrs,
            vis,
            ident,
            entries,
        })
    }
}

impl Parse for Entry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        if input.peek(Ident) && input.peek2(Token![=]) {
            // `NAME = 'Code'`, the form of the Python SDK's errorcodes.py.
            return Err(input.error(
                "write the code alone, as a string literal: `\"Category.Detail\"` (the variant name is derived from the code; to choose it, write `\"Category.Detail\" as Name`)",
            ));
        }
        if !input.peek(LitStr) {
            return Err(input.error(
                "expected an error code as a string literal, like `\"FailedOperation.PhoneNumberInBlacklist\"`",
            ));
        }
        let code: LitStr = input.parse()?;
        let rename = if input.peek(Token![as]) {
            input.parse::<Token![as]>()?;
            if !input.peek(Ident) {
                return Err(input.error(
                    "expected the variant name after `as`, like `\"UnsupportedOperation.\" as UnsupportedOperationBare`",
                ));
            }
            Some(input.parse()?)
        } else {
            None
        };
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        Ok(Entry {
            attrs,
            code,
            rename,
        })
    }
}
