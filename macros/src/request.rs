//! `#[tencent_request(Response)]` on a request struct, staged like the response attribute:
//! parse the argument and the struct, check them (every error collected in a `Ctxt`), expand.
//!
//! The request names its response type; the action, service, version and error-code type all
//! come from that type's `Action` impl, so a request cannot be sent as another action.
//!
//! Checking the fields against the action's published `input` object cannot happen here: the
//! attribute sees the response type's name, not the service, version and action it was
//! declared with. `#[tencent_action]` puts the input object in its `Action` impl as data
//! (`__INPUT`, when a schema applies) and this attribute emits, per field, a constant whose
//! evaluation checks the field against it (`input_checks`; the runtime's `input_check` module
//! holds the logic): a mistake is a compile error at the field.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{Attribute, LitStr, Token};
use tencent_action_naming::RenameRule;

use crate::ctxt::Ctxt;
use crate::ty::{self, Shape};

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
            let ours = |a: &Attribute| a.path().is_ident("serde") || a.path().is_ident("tencent");
            item.attrs.retain(|a| !ours(a));
            if let syn::Data::Struct(data) = &mut item.data {
                for field in data.fields.iter_mut() {
                    field.attrs.retain(|a| !ours(a));
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
                crate::attr::skip_meta(&meta)
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
    let checks = input_checks(response, item);
    // `#[tencent(unchecked)]` is this attribute's: rustc would not know it.
    let mut item = item.clone();
    item.attrs.retain(|a| !a.path().is_ident("tencent"));
    if let syn::Data::Struct(data) = &mut item.data {
        for field in data.fields.iter_mut() {
            field.attrs.retain(|a| !a.path().is_ident("tencent"));
        }
    }
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

        #checks
    }
}

/// One constant per field that checks it against the action's input object, and one for the
/// struct that checks every required member has a field; each evaluates to nothing when the
/// response was declared without a schema. A generic request struct is not checked (its
/// constants could not name its parameters), nor one marked `#[tencent(unchecked)]`; a field
/// marked so is not checked but counts as present.
fn input_checks(response: &syn::Type, item: &syn::DeriveInput) -> TokenStream {
    let syn::Data::Struct(syn::DataStruct {
        fields: syn::Fields::Named(fields),
        ..
    }) = &item.data
    else {
        return TokenStream::new();
    };
    if !item.generics.params.is_empty() || field_facts(&item.attrs).unchecked {
        return TokenStream::new();
    }
    let rule = serialize_rename_all(&item.attrs).unwrap_or(Some(RenameRule::Pascal));
    // Through a probe: a response type that is not an `Action` (already an error of the
    // `ActionRequest` impl) answers `None` here instead of adding one error per field.
    let input = quote!(__Probe::<#response>::INPUT);
    let mut out = TokenStream::new();
    let mut wires = Vec::new();
    let mut complete = true;
    for field in &fields.named {
        let Some(ident) = &field.ident else { continue };
        let facts = field_facts(&field.attrs);
        if facts.skipped {
            continue;
        }
        if facts.flatten {
            // Its members are its type's: whether they cover the required ones is unknown.
            complete = false;
            continue;
        }
        let wire = match (&facts.rename, rule) {
            (Some(lit), _) => lit.value(),
            (None, Some(rule)) => {
                let name = ident.to_string();
                rule.apply_to_field(name.strip_prefix("r#").unwrap_or(&name))
            }
            (None, None) => {
                complete = false;
                continue;
            }
        };
        wires.push(wire.clone());
        if facts.unchecked {
            continue;
        }
        let kind = field_kind(&field.ty);
        let skip_if = facts.skip_if || facts.default;
        let span = facts.rename.as_ref().map_or(ident.span(), LitStr::span);
        out.extend(quote_spanned! {span=>
            const _: () = ::tencent_action::__private::check_field(#input, #wire, #kind, #skip_if);
        });
    }
    if complete {
        let span = item.ident.span();
        out.extend(quote_spanned! {span=>
            const _: () = ::tencent_action::__private::check_required(#input, &[#(#wires),*]);
        });
    }
    quote! {
        const _: () = {
            struct __Probe<T: ?::core::marker::Sized>(::core::marker::PhantomData<T>);
            trait __NoInput {
                const INPUT: ::core::option::Option<&'static ::tencent_action::__private::InputSchema> =
                    ::core::option::Option::None;
            }
            impl<T: ?::core::marker::Sized> __NoInput for __Probe<T> {}
            // Inherent consts win over the trait's when their bound holds.
            impl<T: ?::core::marker::Sized + ::tencent_action::Action> __Probe<T> {
                const INPUT: ::core::option::Option<&'static ::tencent_action::__private::InputSchema> =
                    <T as ::tencent_action::Action>::__INPUT;
            }
            #out
        };
    }
}

/// The field's type as the runtime's `FieldKind` (an `Option`'s inner type).
fn field_kind(ty: &syn::Type) -> TokenStream {
    match ty::classify(ty, &[]) {
        Shape::Option(inner) => field_kind(inner),
        shape => shape_kind(shape),
    }
}

fn shape_kind(shape: Shape<'_>) -> TokenStream {
    let path = quote!(::tencent_action::__private::FieldKind);
    match shape {
        Shape::Int => quote!(#path::Int),
        Shape::Float => quote!(#path::Float),
        Shape::Bool => quote!(#path::Bool),
        Shape::Str => quote!(#path::Str),
        Shape::Seq(Some(element)) => {
            let element = match ty::classify(element, &[]) {
                // An `Option` element cannot be judged against a list's element type here.
                Shape::Option(_) => quote!(#path::Unknown),
                shape => shape_kind(shape),
            };
            quote!(#path::Seq(&#element))
        }
        Shape::Seq(None) => quote!(#path::Seq(&#path::Unknown)),
        _ => quote!(#path::Unknown),
    }
}

/// What a request field's attributes say, on the serialize side.
#[derive(Default)]
struct FieldFacts {
    rename: Option<LitStr>,
    skipped: bool,
    flatten: bool,
    skip_if: bool,
    default: bool,
    unchecked: bool,
}

fn field_facts(attrs: &[Attribute]) -> FieldFacts {
    let mut facts = FieldFacts::default();
    for attr in attrs {
        if attr.path().is_ident("tencent") {
            let _ = attr.parse_nested_meta(|meta| {
                facts.unchecked |= meta.path.is_ident("unchecked");
                Ok(())
            });
            continue;
        }
        if !attr.path().is_ident("serde") {
            continue;
        }
        // A malformed serde attribute is serde's to report.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if let Some(lit) = serialize_name(&meta)? {
                    facts.rename = Some(lit);
                }
                return Ok(());
            }
            facts.skipped |= meta.path.is_ident("skip") || meta.path.is_ident("skip_serializing");
            facts.flatten |= meta.path.is_ident("flatten");
            facts.skip_if |= meta.path.is_ident("skip_serializing_if");
            facts.default |= meta.path.is_ident("default");
            crate::attr::skip_meta(&meta)
        });
    }
    facts
}

/// The struct's `rename_all` on the serialize side: `None` when it sets none, `Some(None)` when
/// it names a rule serde does not know (serde reports that).
fn serialize_rename_all(attrs: &[Attribute]) -> Option<Option<RenameRule>> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                if let Some(lit) = serialize_name(&meta)? {
                    found = Some(RenameRule::parse(&lit.value()));
                }
                return Ok(());
            }
            crate::attr::skip_meta(&meta)
        });
    }
    found
}

/// `key = "x"` or `key(serialize = "x", deserialize = "y")`: the serialize side.
fn serialize_name(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut found = None;
    meta.parse_nested_meta(|inner| {
        let lit: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("serialize") {
            found = Some(lit);
        }
        Ok(())
    })?;
    Ok(found)
}
