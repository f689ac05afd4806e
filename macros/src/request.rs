//! `#[tencent_request(Response)]` on a request struct, staged like the response attribute:
//! parse the argument and the struct, check them (every error collected in a `Ctxt`), expand.
//!
//! The request names its response type; the action, service, version and error-code type all
//! come from that type's `Action` impl, so a request cannot be sent as another action.
//!
//! Checking the fields against the published `input` of the action (`TENCENT_ACTION_SPECS`)
//! belongs in `check`, next to the shape checks, once the spec loader exists.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Token};

use crate::ctxt::Ctxt;

const USAGE: &str = "#[tencent_request(DescribeZones)] names the response struct of the action";

/// The whole attribute: parse, check, then expand; on errors, every error at its span.
pub fn tencent_request(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let response = parse_args(&mut cx, args);
    let item = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(item) => item,
        Err(e) => return e.into_compile_error(),
    };
    check(&mut cx, &item);
    match (cx.check(), response) {
        (Ok(()), Some(args)) => expand(&args, &item),
        (result, _) => {
            let errors = result.err().map(syn::Error::into_compile_error);
            let mut item = item;
            // Without the derive, serde's helper attributes would be errors of their own.
            item.attrs.retain(|a| !a.path().is_ident("serde"));
            if let syn::Data::Struct(data) = &mut item.data {
                for field in data.fields.iter_mut() {
                    field.attrs.retain(|a| !a.path().is_ident("serde"));
                }
            }
            quote!(#errors #item)
        }
    }
}

/// The arguments: the response type, then optionally `idempotent = true|false`.
struct Args {
    response: syn::Type,
    idempotent: Option<syn::LitBool>,
}

fn parse_args(cx: &mut Ctxt, args: TokenStream) -> Option<Args> {
    if args.is_empty() {
        cx.error_at(
            proc_macro2::Span::call_site(),
            format!("#[tencent_request] needs the response type of the action: {USAGE}"),
        );
        return None;
    }
    let parser = |input: syn::parse::ParseStream<'_>| -> syn::Result<Args> {
        let response: syn::Type = input
            .parse()
            .map_err(|e| syn::Error::new(e.span(), format!("expected a type: {USAGE}")))?;
        let mut idempotent = None;
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    format!("#[tencent_request] takes one type, the response's, then optionally `idempotent = true`: {USAGE}"),
                )
            })?;
            if key.to_string().starts_with(char::is_uppercase) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("#[tencent_request] takes one type, the response's; remove this one: {USAGE}"),
                ));
            }
            if key != "idempotent" {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown argument `{key}`: #[tencent_request] takes the response type, then optionally `idempotent = true` or `idempotent = false`"),
                ));
            }
            if idempotent.is_some() {
                return Err(syn::Error::new(key.span(), "`idempotent` is given twice"));
            }
            input.parse::<Token![=]>()?;
            idempotent =
                Some(input.parse::<syn::LitBool>().map_err(|e| {
                    syn::Error::new(e.span(), "`idempotent` takes `true` or `false`")
                })?);
        }
        Ok(Args {
            response,
            idempotent,
        })
    };
    match syn::parse::Parser::parse2(parser, args) {
        Ok(args) => Some(args),
        Err(e) => {
            cx.syn_error(e);
            None
        }
    }
}

/// Shape checks: a struct with named fields, which does not derive `Serialize` itself.
fn check(cx: &mut Ctxt, item: &syn::DeriveInput) {
    match &item.data {
        syn::Data::Struct(data) => match &data.fields {
            syn::Fields::Named(_) => {}
            fields => cx.error_spanned(
                fields_or_ident(fields, item),
                "#[tencent_request] needs a struct with named fields (the request's parameters); \
                 write `struct Name {}` for an action without parameters",
            ),
        },
        syn::Data::Enum(data) => cx.error_spanned(
            data.enum_token,
            "#[tencent_request] goes on a struct with named fields, not an enum",
        ),
        syn::Data::Union(data) => cx.error_spanned(
            data.union_token,
            "#[tencent_request] goes on a struct with named fields, not a union",
        ),
    }
    for path in crate::attr::derived(&item.attrs, "Serialize") {
        cx.error_spanned(
            path,
            "remove `Serialize` from this derive: #[tencent_request] derives it, \
             with PascalCase wire names",
        );
    }
}

fn fields_or_ident<'a>(
    fields: &'a syn::Fields,
    item: &'a syn::DeriveInput,
) -> &'a dyn quote::ToTokens {
    match fields {
        syn::Fields::Unnamed(unnamed) => unnamed,
        _ => &item.ident,
    }
}

/// Whether a `#[serde(...)]` attribute of the struct sets `rename_all` (either side).
fn user_rename_all(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .any(|a| {
            let mut found = false;
            let _ = a.parse_nested_meta(|meta| {
                found |= meta.path.is_ident("rename_all");
                // Consume the value so that parsing goes on to the next setting.
                if meta.input.peek(Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                } else if meta.input.peek(syn::token::Paren) {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    content.parse::<TokenStream>()?;
                }
                Ok(())
            });
            found
        })
}

fn expand(args: &Args, item: &syn::DeriveInput) -> TokenStream {
    let response = &args.response;
    let idempotent = args
        .idempotent
        .as_ref()
        .map(|lit| quote!(const IDEMPOTENT: ::core::primitive::bool = #lit;));
    let rename_all = if user_rename_all(&item.attrs) {
        quote!()
    } else {
        quote!(#[serde(rename_all = "PascalCase")])
    };
    let ident = &item.ident;
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
    quote! {
        #[derive(::tencent_action::__private::serde::Serialize)]
        #[serde(crate = "::tencent_action::__private::serde")]
        #rename_all
        #item

        const _: () = {
            impl #impl_generics ::tencent_action::ActionRequest for #ident #ty_generics #where_clause {
                type Response = #response;
                #idempotent
            }
        };
    }
}
