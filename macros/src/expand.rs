//! Code generation. Every path in the output is absolute and goes through the runtime's hidden
//! `__private` module, so the expansion compiles in a module that shadows `Result`, `Option`,
//! `String`, `Box`, `Vec`, `Error` or `serde` (not the primitive `str`: serde_derive names it);
//! impls sit in `const _: () = { ... };` so nothing leaks.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

use crate::args::{self, Args, Which};
use crate::ast::{self, Input};
use crate::ctxt::Ctxt;
use crate::ty::{self, Shape};
use crate::{request, schema, valid};

/// `#[tencent_action]`: parse, check, then expand; on errors, every error at its span.
pub fn tencent_action(args: TokenStream, input: TokenStream) -> TokenStream {
    run(Which::Action, args, input)
}

/// `#[tencent_model]`: the same stages, for a nested type.
pub fn tencent_model(args: TokenStream, input: TokenStream) -> TokenStream {
    run(Which::Model, args, input)
}

/// `#[tencent_request]`: the same stages, for a request struct.
pub fn tencent_request(args: TokenStream, input: TokenStream) -> TokenStream {
    run(Which::Request, args, input)
}

fn run(which: Which, args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let args = args::parse(&mut cx, which, args);
    valid::check_args(&mut cx, &args);
    // With a malformed argument there is no spec to look things up in: that error is enough.
    let args_ok = !cx.has_errors();
    // The struct is emitted as the user wrote it (plus one field), not re-printed from the
    // parsed model: that keeps every original span and costs the compiler no extra tokens.
    let original = input.clone();
    let Some(input) = ast::parse(&mut cx, which, input) else {
        return errors(cx);
    };
    valid::check_input(&mut cx, which, &input);
    if which == Which::Request && args_ok {
        request::check_args(&mut cx, &args, &input);
    }
    // Schema errors do not stop the expansion: the struct still gets its impls, so the user
    // sees only the schema's complaints, not their consequences at every use of the struct.
    let mut schema_cx = Ctxt::default();
    let checks = if args_ok {
        schema::check(&mut schema_cx, &args, &input)
    } else {
        schema::Checked::default()
    };
    if cx.has_errors() {
        cx.append(schema_cx);
        // Keep the struct (without the helper attributes no derive will consume), so the only
        // errors the user sees are ours.
        let mut item = input.item;
        strip_helper_attrs(&mut item);
        let errors = errors(cx);
        return quote!(#errors #item);
    }
    let expanded = match which {
        Which::Action => {
            // `#[tencent(unchecked)]` is for this macro only: rustc would not know it.
            let original =
                if input.fields.iter().any(|f| f.attrs.unchecked) || input.attrs.unchecked {
                    strip_tencent_attrs(original)
                } else {
                    original
                };
            expand(&args, &input, original, checks.tokens)
        }
        Which::Model => expand_model(&args, &input, writable(&input), checks),
        Which::Request => request::expand(&args, &input, writable(&input), checks),
    };
    let errors = errors(schema_cx);
    quote!(#errors #expanded)
}

fn errors(cx: Ctxt) -> TokenStream {
    cx.check()
        .err()
        .map(syn::Error::into_compile_error)
        .unwrap_or_default()
}

fn strip_helper_attrs(item: &mut crate::ast::ItemStruct) {
    let ours = |a: &syn::Attribute| a.path().is_ident("serde") || a.path().is_ident("tencent");
    item.attrs.retain(|a| !ours(a));
    for field in item.fields.iter_mut() {
        field.attrs.retain(|a| !ours(a));
    }
}

/// The struct as a type that is serialized: without `#[tencent(...)]` (ours, unknown to rustc)
/// and with every `Option` field left out when `None` (unless the field says otherwise), so
/// that an unset parameter is not sent.
fn writable(input: &Input) -> crate::ast::ItemStruct {
    let mut item = input.item.clone();
    item.attrs.retain(|a| !a.path().is_ident("tencent"));
    for (field, model) in item.fields.iter_mut().zip(&input.fields) {
        field.attrs.retain(|a| !a.path().is_ident("tencent"));
        let a = &model.attrs;
        let is_option = matches!(
            ty::classify(&model.ty, &input.type_params()),
            Shape::Option(_)
        );
        if is_option && !a.skip_ser && !a.skip_ser_if && a.ser_with.is_none() {
            field.attrs.push(syn::parse_quote!(
                #[serde(skip_serializing_if = "::core::option::Option::is_none")]
            ));
        }
    }
    item
}

fn expand(args: &Args, input: &Input, original: TokenStream, checks: TokenStream) -> TokenStream {
    let item = &input.item;
    let (service, version, action) = (&args.service, &args.version, &args.action);
    let code = match &args.codes {
        Some(path) => quote!(#path),
        None => quote!(::tencent_action::CommonCode),
    };
    // The RequestId lives in a hidden field (see `hidden.rs`).
    let hidden = crate::hidden::field(item);
    let needs_comma = match &item.fields {
        syn::Fields::Named(named) => !named.named.empty_or_trailing(),
        _ => false,
    };
    let item_tokens = with_field(original, needs_comma, hidden.field);
    let direct = hidden.action_items;
    let rename_all = input.rename_all_attr();
    let ident = &item.ident;
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
    quote! {
        #[derive(::tencent_action::__private::serde::Deserialize)]
        #[serde(crate = "::tencent_action::__private::serde")]
        #rename_all
        #item_tokens

        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::tencent_action::__private::Sealed for #ident #ty_generics #where_clause {}

            #[automatically_derived]
            impl #impl_generics ::tencent_action::Action for #ident #ty_generics #where_clause {
                const SERVICE: &'static ::core::primitive::str = #service;
                const VERSION: &'static ::core::primitive::str = #version;
                const ACTION: &'static ::core::primitive::str = #action;
                type Code = #code;

                fn request_id(&self) -> &::core::primitive::str {
                    self.request_id.as_str()
                }

                fn __set_request_id(&mut self, request_id: ::tencent_action::__private::RequestId) {
                    self.request_id = request_id;
                }

                #direct
            }

            #checks
        };
    }
}

fn expand_model(
    args: &Args,
    input: &Input,
    item: crate::ast::ItemStruct,
    checks: schema::Checked,
) -> TokenStream {
    let input_problem = &checks.input_problem;
    let checks = checks.tokens;
    let ident = &item.ident;
    let object = match &args.object {
        Some(lit) => lit.value(),
        None => ident.to_string(),
    };
    let (service, version) = (&args.service, &args.version);
    let rename_all = input.rename_all_attr();
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
    quote! {
        #[derive(
            ::tencent_action::__private::serde::Deserialize,
            ::tencent_action::__private::serde::Serialize
        )]
        #[serde(crate = "::tencent_action::__private::serde")]
        #rename_all
        #item

        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::tencent_action::__private::Model for #ident #ty_generics #where_clause {
                const SERVICE: &'static ::core::primitive::str = #service;
                const VERSION: &'static ::core::primitive::str = #version;
                const OBJECT: &'static ::core::primitive::str = #object;
                const INPUT_PROBLEM: &'static ::core::primitive::str = #input_problem;
            }

            #checks
        };
    }
}

/// Removes `#[tencent(...)]` from the struct and from the fields in its braced body (the last
/// brace group of `tokens`), leaving every other token as written.
fn strip_tencent_attrs(tokens: TokenStream) -> TokenStream {
    let mut trees: Vec<TokenTree> = strip_tencent(tokens.into_iter().collect());
    let body = trees.iter_mut().rev().find_map(|tree| match tree {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g),
        _ => None,
    });
    if let Some(body) = body {
        let kept = strip_tencent(body.stream().into_iter().collect());
        let mut group = Group::new(Delimiter::Brace, kept.into_iter().collect());
        group.set_span(body.span());
        *body = group;
    }
    trees.into_iter().collect()
}

/// `trees` without the `#[tencent(...)]` attributes at their top level.
fn strip_tencent(trees: Vec<TokenTree>) -> Vec<TokenTree> {
    let mut kept = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        let is_tencent_attr = matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#')
            && matches!(trees.get(i + 1), Some(TokenTree::Group(g))
                if g.delimiter() == Delimiter::Bracket
                    && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(id)) if id == "tencent"));
        if is_tencent_attr {
            i += 2;
            continue;
        }
        kept.push(trees[i].clone());
        i += 1;
    }
    kept
}

/// Appends `field` to the braced body of the struct in `tokens` (its last brace group: the
/// body follows any generics and where clause), after a comma when `needs_comma`.
fn with_field(tokens: TokenStream, needs_comma: bool, field: TokenStream) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    let body = trees.iter_mut().rev().find_map(|tree| match tree {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g),
        _ => None,
    });
    if let Some(body) = body {
        let mut fields = body.stream();
        if needs_comma {
            fields.extend(quote!(,));
        }
        fields.extend(field);
        let mut group = Group::new(Delimiter::Brace, fields);
        group.set_span(body.span());
        *body = group;
    }
    trees.into_iter().collect()
}
