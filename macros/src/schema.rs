//! The schema check: a struct's fields against the object Tencent publishes for it (an action's
//! output object for `#[tencent_action]`, the named object for `#[tencent_model]`).
//!
//! Each mistake is an error at the token to change: an unknown action or object, a wire name
//! that is not a member, a type that contradicts the member's, a member that may be absent or
//! `null` in a field that is not an `Option`. What the macro cannot judge from tokens (a
//! user-defined type, a generic parameter) is accepted. Whether a user-defined type models the
//! right object is left to the type system: the returned tokens assert it at compile time.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Type;

use crate::ast::{Field, Input};
use crate::attr::{did_you_mean, did_you_mean_ci, Args, Which};
use crate::ctxt::Ctxt;
use crate::spec::{self, Loaded, Member, Object};
use crate::ty::{self, Shape};

/// Runs the check when a spec applies. Returns the tokens to put in the expansion's `const _`:
/// dependency tracking and the model-agreement assertions.
pub fn check(cx: &mut Ctxt, args: &Args, input: &Input) -> TokenStream {
    let (Some(service), Some(version)) = (&args.service, &args.version) else {
        return TokenStream::new();
    };
    let explicit = args.schema.as_ref().map(syn::LitStr::value);
    let loaded = match spec::load(&service.value(), &version.value(), explicit.as_deref()) {
        Ok(Some(loaded)) => loaded,
        Ok(None) => return spec::track(None),
        Err(why) => {
            let span = args.schema.as_ref().map_or(service.span(), |s| s.span());
            cx.error_at(span, format!("cannot check against the schema: {why}"));
            return TokenStream::new();
        }
    };
    let mut out = spec::track(Some(&loaded.path));
    let Some((object_name, object)) = find_object(cx, args, input, &loaded) else {
        return out;
    };
    let place = Place {
        which: args.which,
        loaded: &loaded,
        object: object_name,
    };
    let mut probes = TokenStream::new();
    for field in &input.fields {
        check_field(cx, input, &place, object, field, &mut probes);
    }
    if !probes.is_empty() {
        out.extend(quote! {
            struct __Probe<T: ?::core::marker::Sized>(::core::marker::PhantomData<T>);
            trait __NotModel {
                const OBJECT: ::core::option::Option<&'static ::core::primitive::str> =
                    ::core::option::Option::None;
            }
            impl<T: ?::core::marker::Sized> __NotModel for __Probe<T> {}
            // Inherent consts win over the trait's when their bound holds: a type with
            // #[tencent_model] answers its object's name, any other type `None`.
            impl<T: ?::core::marker::Sized + ::tencent_action::__private::Model> __Probe<T> {
                const OBJECT: ::core::option::Option<&'static ::core::primitive::str> =
                    ::core::option::Option::Some(<T as ::tencent_action::__private::Model>::OBJECT);
            }
            #probes
        });
    }
    out
}

/// The spec object the struct is checked against, with its name.
fn find_object<'s>(
    cx: &mut Ctxt,
    args: &Args,
    input: &Input,
    loaded: &'s Loaded,
) -> Option<(&'s str, &'s Object)> {
    let spec = &loaded.spec;
    let (name, span, what) = match args.which {
        Which::Action => {
            let action = args.action.as_ref()?;
            let name = action.value();
            let Some(found) = spec.actions.get(&name) else {
                let known = spec.action_names();
                let hint = match did_you_mean_ci(&name, &known) {
                    Some(best) => format!("; did you mean \"{best}\"?"),
                    None => format!(" ({} actions are published)", known.len()),
                };
                cx.error_at(
                    action.span(),
                    format!(
                        "{} has no action \"{name}\"{hint} (schema {})",
                        loaded.label,
                        loaded.path.display()
                    ),
                );
                return None;
            };
            (found.output.clone(), action.span(), "")
        }
        Which::Model => match &args.object {
            Some(lit) => (lit.value(), lit.span(), ""),
            None => (
                input.item.ident.to_string(),
                input.item.ident.span(),
                " (the struct's name: name the object with `object = \"...\"`)",
            ),
        },
    };
    match spec.objects.get_key_value(&name) {
        Some((key, object)) => Some((key.as_str(), object)),
        None => {
            let known = spec.object_names();
            let hint = match did_you_mean_ci(&name, &known) {
                Some(best) => format!("; did you mean \"{best}\"?"),
                None => String::new(),
            };
            cx.error_at(
                span,
                format!(
                    "{} has no object \"{name}\"{what}{hint} (schema {})",
                    loaded.label,
                    loaded.path.display()
                ),
            );
            None
        }
    }
}

/// Where a member lives, for messages: `cvm 2017-03-12 DescribeInstancesResponse`.
struct Place<'a> {
    which: Which,
    loaded: &'a Loaded,
    object: &'a str,
}

impl Place<'_> {
    fn of(&self, member: &str) -> String {
        format!("`{}.{member}` ({})", self.object, self.loaded.label)
    }
}

fn check_field(
    cx: &mut Ctxt,
    input: &Input,
    place: &Place<'_>,
    object: &Object,
    field: &Field,
    probes: &mut TokenStream,
) {
    if field.unchecked {
        return;
    }
    let names = field.wire_names(input.rename_rule());
    let Some(primary) = names.first() else {
        return; // skipped, flattened, or a rename rule serde will reject
    };
    let envelope = |n: &str| n == "RequestId" || n == "Error";
    if place.which == Which::Action && names.iter().any(|n| envelope(&n.name)) {
        return; // already an error: the envelope owns these names
    }
    let Some(member) = names
        .iter()
        .find_map(|n| object.members.iter().find(|m| m.name == n.name))
    else {
        unknown_member(cx, place, object, field, &primary.name, primary.span);
        return;
    };
    if field.serde.with {
        return; // the field's own function reads the value, null or not
    }
    let generics: Vec<syn::Ident> = input
        .item
        .generics
        .type_params()
        .map(|p| p.ident.clone())
        .collect();
    let shape = ty::classify(&field.ty, &generics);
    let inner = match shape {
        Shape::Option(inner) => inner,
        _ => &field.ty,
    };
    if !matches!(shape, Shape::Option(_) | Shape::Any) {
        let covered_absent = field.serde.default || input.container_default;
        let why = if member.nullable() {
            Some("may be `null` (`value_allowed_null: true`)")
        } else if !member.promised() && !covered_absent {
            Some("may be absent (the spec does not promise it: `output_required` is not true)")
        } else {
            None
        };
        if let Some(why) = why {
            cx.error_spanned(
                &field.ty,
                format!(
                    "{} {why}: write `Option<{}>`, or mark the field `#[tencent(unchecked)]`",
                    place.of(&member.name),
                    ty::render(&field.ty)
                ),
            );
        }
    }
    let expect = Expect::of(member);
    if let Err(found) = compatible(&expect, inner, &generics) {
        let found_text = ty::render(found);
        let whole = ty::render(&field.ty);
        let inside = if found_text == whole || format!("Option<{found_text}>") == whole {
            String::new()
        } else {
            format!(" (in `{whole}`)")
        };
        cx.error_spanned(
            found,
            format!(
                "{} is {} in the schema, which `{found_text}`{inside} cannot hold: use {}",
                place.of(&member.name),
                expect.describe(),
                expect.suggest()
            ),
        );
        return;
    }
    if let Some((object_name, model)) = model_type(&expect, inner, &generics) {
        if !mentions_generics(model, input) {
            let message = format!(
                "field `{}`: {} holds `{object_name}` objects, but `{}` is the #[tencent_model] of another object: use the model of `{object_name}`",
                field.ident,
                place.of(&member.name),
                ty::render(model)
            );
            let span = model.span();
            probes.extend(quote_spanned! {span=>
                const _: () = ::core::assert!(
                    ::tencent_action::__private::object_agrees(__Probe::<#model>::OBJECT, #object_name),
                    #message
                );
            });
        }
    }
}

fn unknown_member(
    cx: &mut Ctxt,
    place: &Place<'_>,
    object: &Object,
    field: &Field,
    name: &str,
    span: Span,
) {
    let members: Vec<&str> = object
        .members
        .iter()
        .map(|m| m.name.as_str())
        .filter(|n| *n != "RequestId")
        .collect();
    let hint = match did_you_mean_ci(name, &members).or_else(|| did_you_mean(name, &members)) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None if members.is_empty() => "it has no members".to_owned(),
        None => {
            const SHOWN: usize = 40;
            let mut list = members
                .iter()
                .take(SHOWN)
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if members.len() > SHOWN {
                list += &format!(" and {} more", members.len() - SHOWN);
            }
            format!("its members are {list}")
        }
    };
    cx.error_at(
        span,
        format!(
            "field `{}` has the wire name \"{name}\", which is not a member of `{}` ({}): {hint} (a member Tencent sends but does not publish: mark the field `#[tencent(unchecked)]`)",
            field.ident, place.object, place.loaded.label
        ),
    );
}

/// What a member's `type` and `member` allow.
enum Expect<'s> {
    Int { unsigned: bool },
    Float,
    Bool,
    Str,
    Object(&'s str),
    List(Box<Expect<'s>>),
}

impl<'s> Expect<'s> {
    fn of(member: &'s Member) -> Expect<'s> {
        match member.ty.as_str() {
            "list" => Expect::List(Box::new(Expect::scalar(&member.member))),
            "object" => Expect::Object(&member.member),
            "int" => Expect::Int {
                unsigned: member.member == "uint64",
            },
            "float" => Expect::Float,
            "bool" => Expect::Bool,
            "string" => Expect::Str,
            _ => Expect::scalar(&member.member),
        }
    }

    /// A list's element, or a member whose `type` is unusual: named by `member`.
    fn scalar(member: &'s str) -> Expect<'s> {
        match member {
            "int64" | "int" => Expect::Int { unsigned: false },
            "uint64" => Expect::Int { unsigned: true },
            "float" | "double" => Expect::Float,
            "bool" => Expect::Bool,
            "string" | "datetime" | "datetime_iso" | "date" => Expect::Str,
            object => Expect::Object(object),
        }
    }

    fn describe(&self) -> String {
        match self {
            Expect::Int { unsigned: true } => "an int (uint64)".to_owned(),
            Expect::Int { unsigned: false } => "an int (int64)".to_owned(),
            Expect::Float => "a float".to_owned(),
            Expect::Bool => "a bool".to_owned(),
            Expect::Str => "a string".to_owned(),
            Expect::Object(name) => format!("an object `{name}`"),
            Expect::List(elem) => format!("a list of {}", elem.plural()),
        }
    }

    fn plural(&self) -> String {
        match self {
            Expect::Int { unsigned: true } => "ints (uint64)".to_owned(),
            Expect::Int { unsigned: false } => "ints (int64)".to_owned(),
            Expect::Float => "floats".to_owned(),
            Expect::Bool => "bools".to_owned(),
            Expect::Str => "strings".to_owned(),
            Expect::Object(name) => format!("`{name}` objects"),
            Expect::List(elem) => format!("lists of {}", elem.plural()),
        }
    }

    fn suggest(&self) -> String {
        match self {
            Expect::Int { unsigned: true } => "an integer type such as `u64`".to_owned(),
            Expect::Int { unsigned: false } => "an integer type such as `i64`".to_owned(),
            Expect::Float => "`f64` or `f32`".to_owned(),
            Expect::Bool => "`bool`".to_owned(),
            Expect::Str => "a string type such as `String`".to_owned(),
            Expect::Object(name) => format!("a struct for `{name}` (or `serde_json::Value`)"),
            Expect::List(elem) => format!("a sequence such as `Vec<{}>`", elem.rust()),
        }
    }

    fn rust(&self) -> String {
        match self {
            Expect::Int { unsigned: true } => "u64".to_owned(),
            Expect::Int { unsigned: false } => "i64".to_owned(),
            Expect::Float => "f64".to_owned(),
            Expect::Bool => "bool".to_owned(),
            Expect::Str => "String".to_owned(),
            Expect::Object(name) => (*name).to_owned(),
            Expect::List(elem) => format!("Vec<{}>", elem.rust()),
        }
    }
}

/// `Err(the type at fault)` when `ty` clearly cannot hold what `expect` describes.
fn compatible<'t>(
    expect: &Expect<'_>,
    ty: &'t Type,
    generics: &[syn::Ident],
) -> Result<(), &'t Type> {
    let shape = ty::classify(ty, generics);
    let shape = match shape {
        // An `Option` inside (a list's elements) is never a contradiction.
        Shape::Option(inner) => return compatible(expect, inner, generics),
        shape => shape,
    };
    let ok = match (expect, &shape) {
        (_, Shape::Any | Shape::Named(_) | Shape::Unknown) => true,
        // serde reads an integer into a float; a float into an integer fails.
        (Expect::Int { .. }, Shape::Int | Shape::Float) => true,
        (Expect::Float, Shape::Float | Shape::Int) => true,
        (Expect::Bool, Shape::Bool) => true,
        (Expect::Str, Shape::Str) => true,
        (Expect::Object(_), shape) => !shape.is_primitive_or_seq(),
        (Expect::List(elem), Shape::Seq(Some(elem_ty))) => {
            return compatible(elem, elem_ty, generics);
        }
        (Expect::List(_), Shape::Seq(None)) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ty)
    }
}

/// The user-defined type that must model `expect`'s object, with the object's name: the `T` of
/// `T`, `Option<T>`, `Vec<T>`, `Box<T>`...
fn model_type<'t, 's>(
    expect: &Expect<'s>,
    ty: &'t Type,
    generics: &[syn::Ident],
) -> Option<(&'s str, &'t Type)> {
    match (expect, ty::classify(ty, generics)) {
        (_, Shape::Option(inner)) => model_type(expect, inner, generics),
        (Expect::Object(name), Shape::Named(t)) => Some((name, t)),
        (Expect::List(elem), Shape::Seq(Some(t))) => model_type(elem, t, generics),
        _ => None,
    }
}

/// Whether `ty` names one of the struct's generic parameters or lifetimes: such a type cannot
/// be named inside the expansion's `const _`, so its model is not asserted.
fn mentions_generics(ty: &Type, input: &Input) -> bool {
    if input.item.generics.params.is_empty() {
        return false;
    }
    fn walk(tokens: TokenStream, input: &Input) -> bool {
        tokens.into_iter().any(|t| match t {
            TokenTree::Group(g) => walk(g.stream(), input),
            TokenTree::Punct(p) => p.as_char() == '\'',
            TokenTree::Ident(i) => input.item.generics.type_params().any(|p| p.ident == i),
            TokenTree::Literal(_) => false,
        })
    }
    walk(quote!(#ty), input)
}

/// The action's published input object, as data for `#[tencent_request]`'s check (the
/// runtime's `input_check` evaluates it at compile time against each request field): the
/// `__INPUT` constant of the `Action` impl, or nothing when no schema applies. Errors are not
/// reported here: `check` reports them for the response struct.
pub fn input(args: &Args) -> TokenStream {
    let (Some(service), Some(version), Some(action)) = (&args.service, &args.version, &args.action)
    else {
        return TokenStream::new();
    };
    let explicit = args.schema.as_ref().map(syn::LitStr::value);
    let Ok(Some(loaded)) = spec::load(&service.value(), &version.value(), explicit.as_deref())
    else {
        return TokenStream::new();
    };
    let Some(name) = loaded
        .spec
        .actions
        .get(&action.value())
        .and_then(|a| a.input.as_deref())
    else {
        return TokenStream::new();
    };
    let Some(object) = loaded.spec.objects.get(name) else {
        return TokenStream::new();
    };
    let label = &loaded.label;
    let members = object.members.iter().map(|member| {
        let expect = Expect::of(member);
        let kind = spec_kind(&expect);
        let wire = &member.name;
        let required = member.required == Some(true);
        let at = format!("`{name}.{wire}` ({label})");
        let type_message = format!(
            "#[tencent_request]: {at} is {} in the schema, which this field's type cannot hold",
            expect.describe()
        );
        let optional_message = format!(
            "#[tencent_request]: {at} is optional (`required: false`): make the field an `Option<...>` with `#[serde(skip_serializing_if = \"Option::is_none\")]`, so that an unset parameter is not sent"
        );
        let near_message = format!(
            "#[tencent_request]: this field's wire name is not a member of `{name}` ({label}): did you mean \"{wire}\"?"
        );
        let missing_message =
            format!("#[tencent_request]: {at} is required: the request struct needs a field for it");
        quote! {
            ::tencent_action::__private::InputMember {
                name: #wire,
                kind: #kind,
                required: #required,
                type_message: #type_message,
                optional_message: #optional_message,
                near_message: #near_message,
                missing_message: #missing_message,
            }
        }
    });
    let list: Vec<String> = object
        .members
        .iter()
        .map(|m| format!("`{}`", m.name))
        .collect();
    let unknown_message = format!(
        "#[tencent_request]: this field's wire name is not a member of `{name}` ({label}); its members are {}",
        if list.is_empty() { "none".to_owned() } else { list.join(", ") }
    );
    quote! {
        const __INPUT: ::core::option::Option<&'static ::tencent_action::__private::InputSchema> =
            ::core::option::Option::Some(&::tencent_action::__private::InputSchema {
                members: &[#(#members),*],
                unknown_message: #unknown_message,
            });
    }
}

fn spec_kind(expect: &Expect<'_>) -> TokenStream {
    match expect {
        Expect::Int { .. } => quote!(::tencent_action::__private::SpecKind::Int),
        Expect::Float => quote!(::tencent_action::__private::SpecKind::Float),
        Expect::Bool => quote!(::tencent_action::__private::SpecKind::Bool),
        Expect::Str => quote!(::tencent_action::__private::SpecKind::Str),
        Expect::Object(_) => quote!(::tencent_action::__private::SpecKind::Object),
        Expect::List(element) => {
            let element = spec_kind(element);
            quote!(::tencent_action::__private::SpecKind::List(&#element))
        }
    }
}
