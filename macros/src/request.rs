//! `#[tencent_request(Response, service = "...", version = "...")]` on a request struct: the
//! stages of the response attribute (`args`, `ast`, `valid`, `schema`), then this expansion.
//!
//! The request names its response type, which fixes the action its value is sent as; the
//! schema check needs the action's coordinates while expanding, and an attribute sees only
//! tokens, so the request repeats the response's `service` and `version` (`action` defaults to
//! the response type's name). The expansion asserts that they are the response's, so the
//! check and the call cannot disagree.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::args::Args;
use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::schema::Checked;

/// A request is checked against the schema, so it needs the action's service and version,
/// unless the check is turned off for it.
pub fn check_args(cx: &mut Ctxt, args: &Args, input: &Input) {
    if args.response.is_none() || args.schema_off() || input.attrs.unchecked {
        return;
    }
    let missing: Vec<&str> = [("service", &args.service), ("version", &args.version)]
        .into_iter()
        .filter(|(key, value)| value.is_none() && !args.given.iter().any(|g| g == key))
        .map(|(key, _)| key)
        .collect();
    if missing.is_empty() {
        return;
    }
    let response = args
        .response
        .as_ref()
        .map(crate::ty::render)
        .unwrap_or_default();
    cx.error_at(
        Span::call_site(),
        format!(
            "#[tencent_request] is missing {}: the request is checked against the action's published input object, so it names the service and version of `{response}`'s #[tencent_action]: `#[tencent_request({response}, service = \"...\", version = \"YYYY-MM-DD\")]` (or `schema = false` to send it unchecked)",
            missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    );
}

pub fn expand(
    args: &Args,
    input: &Input,
    item: crate::ast::ItemStruct,
    checks: Checked,
) -> TokenStream {
    let Some(response) = &args.response else {
        return quote!(#item);
    };
    let idempotent = args
        .idempotent
        .as_ref()
        .map(|lit| quote!(const IDEMPOTENT: ::core::primitive::bool = #lit;));
    let rename_all = input.rename_all_attr();
    let ident = &item.ident;
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
    let same_action = same_action(args, input, checks.action.as_deref());
    let detected = checks.shapes.as_ref().and_then(|s| s.paging.clone());
    let paginate = crate::paging::resolve(args.paging.as_ref(), detected).map(|paging| {
        let paging = crate::paging::tokens(&paging);
        quote! {
            #[automatically_derived]
            impl #impl_generics ::tencent_action::paging::Paginate for #ident #ty_generics #where_clause {
                const PAGING: ::tencent_action::paging::Paging = #paging;
            }
        }
    });
    let client_token = checks
        .shapes
        .as_ref()
        .is_some_and(|s| s.client_token)
        .then(|| {
            quote!(
                const CLIENT_TOKEN: ::core::primitive::bool = true;
            )
        });
    let input_schema = checks.input_schema.as_ref().map(|text| {
        quote!(const __INPUT_SCHEMA: ::core::option::Option<&'static ::core::primitive::str> =
            ::core::option::Option::Some(#text);)
    });
    let checks = checks.tokens;
    quote! {
        #[derive(::tencent_action::__private::serde::Serialize)]
        #[serde(crate = "::tencent_action::__private::serde")]
        #rename_all
        #item

        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::tencent_action::ActionRequest for #ident #ty_generics #where_clause {
                type Response = #response;
                #client_token
                #idempotent
                #input_schema
            }

            #paginate

            #checks
            #same_action
        };
    }
}

/// Asserts that the coordinates the request was checked with are its response's. Through a
/// probe, so that a response type that is no `Action` (already an error of the `ActionRequest`
/// impl) adds no second error; not for generic structs, whose parameters a `const` cannot name.
fn same_action(args: &Args, input: &Input, action: Option<&str>) -> TokenStream {
    let (Some(response), Some(service), Some(version), Some(action)) =
        (&args.response, &args.service, &args.version, action)
    else {
        return TokenStream::new();
    };
    if !input.item.generics.params.is_empty() || mentions_lifetime(response) {
        return TokenStream::new();
    }
    let message = format!(
        "#[tencent_request] checked this request as {} {} {action}, but `{}` was declared with another service, version or action: give #[tencent_request] the `service`, `version` and `action` of its #[tencent_action]",
        service.value(),
        version.value(),
        crate::ty::render(response)
    );
    let found = quote! {
        ::core::option::Option<(&'static ::core::primitive::str, &'static ::core::primitive::str, &'static ::core::primitive::str)>
    };
    let span = response.span();
    quote_spanned! {span=>
        struct __Action<T: ?::core::marker::Sized>(::core::marker::PhantomData<T>);
        trait __NotAction {
            const COORDINATES: #found = ::core::option::Option::None;
        }
        impl<T: ?::core::marker::Sized> __NotAction for __Action<T> {}
        impl<T: ?::core::marker::Sized + ::tencent_action::Action> __Action<T> {
            const COORDINATES: #found = ::core::option::Option::Some((
                <T as ::tencent_action::Action>::SERVICE,
                <T as ::tencent_action::Action>::VERSION,
                <T as ::tencent_action::Action>::ACTION,
            ));
        }
        const _: () = ::core::assert!(
            ::tencent_action::__private::model_agrees(__Action::<#response>::COORDINATES, #service, #version, #action),
            #message
        );
    }
}

fn mentions_lifetime(ty: &syn::Type) -> bool {
    fn walk(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|t| match t {
            proc_macro2::TokenTree::Group(g) => walk(g.stream()),
            proc_macro2::TokenTree::Punct(p) => p.as_char() == '\'',
            _ => false,
        })
    }
    walk(quote!(#ty))
}
