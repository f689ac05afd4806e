//! The one rule tokens cannot decide: whether a field's user type is the `#[tencent_model]` of
//! the member's object, of the same product and version. The expansion asks the type system:
//! a probe answers `Some((service, version, object))` for a type with a `Model` impl and `None`
//! for any other (plain `#[derive(Deserialize)]` types stay allowed), and a `const` assertion
//! compares. A mismatch is a compile error (E0080) at the field's type whose first line is the
//! whole message; it works across modules, where the model's definition is out of sight.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Place;
use crate::ast::Field;
use crate::spec::{Loaded, Member};

pub struct Probes {
    service: String,
    version: String,
    asserts: TokenStream,
}

impl Probes {
    pub fn new(loaded: &Loaded) -> Probes {
        let (service, version) = loaded.label.split_once(' ').unwrap_or((&loaded.label, ""));
        Probes {
            service: service.to_owned(),
            version: version.to_owned(),
            asserts: TokenStream::new(),
        }
    }

    /// Asserts that `model`, the type of `field`, models `object` of this product.
    pub fn model(
        &mut self,
        place: &Place<'_>,
        field: &Field,
        member: &Member,
        object: &str,
        model: &syn::Type,
    ) {
        let (service, version) = (&self.service, &self.version);
        let message = format!(
            "field `{}`: {} holds `{object}` objects of {service} {version}, but `{}` is the #[tencent_model] of another object or product: use a #[tencent_model(service = \"{service}\", version = \"{version}\")] struct for `{object}`",
            field.ident,
            place.of(&member.name),
            crate::ty::render(model)
        );
        let span = model.span();
        self.asserts.extend(quote_spanned! {span=>
            const _: () = ::core::assert!(
                ::tencent_action::__private::model_agrees(__Probe::<#model>::MODEL, #service, #version, #object),
                #message
            );
        });
        if place.writes {
            // A model both read and written is checked by the response rules where it is
            // declared; sent in a request, it must carry what the request requires.
            self.asserts.extend(quote_spanned! {span=>
                const _: () = {
                    let problem = __Probe::<#model>::INPUT_PROBLEM;
                    if !problem.is_empty() {
                        ::core::panic!("{}", problem);
                    }
                };
            });
        }
    }

    pub fn into_tokens(self) -> TokenStream {
        if self.asserts.is_empty() {
            return TokenStream::new();
        }
        let asserts = self.asserts;
        let found = quote! {
            ::core::option::Option<(&'static ::core::primitive::str, &'static ::core::primitive::str, &'static ::core::primitive::str)>
        };
        quote! {
            struct __Probe<T: ?::core::marker::Sized>(::core::marker::PhantomData<T>);
            trait __NotModel {
                const MODEL: #found = ::core::option::Option::None;
                const INPUT_PROBLEM: &'static ::core::primitive::str = "";
            }
            impl<T: ?::core::marker::Sized> __NotModel for __Probe<T> {}
            // Inherent consts win over the trait's when their bound holds: a type with
            // #[tencent_model] answers its product and object, any other type `None`.
            impl<T: ?::core::marker::Sized + ::tencent_action::__private::Model> __Probe<T> {
                const MODEL: #found = ::core::option::Option::Some((
                    <T as ::tencent_action::__private::Model>::SERVICE,
                    <T as ::tencent_action::__private::Model>::VERSION,
                    <T as ::tencent_action::__private::Model>::OBJECT,
                ));
                const INPUT_PROBLEM: &'static ::core::primitive::str =
                    <T as ::tencent_action::__private::Model>::INPUT_PROBLEM;
            }
            #asserts
        }
    }
}
