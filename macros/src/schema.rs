//! The schema check, for all three attribute macros: a struct's fields against the object
//! Tencent publishes for it (an action's output object for `#[tencent_action]`, its input
//! object for `#[tencent_request]`, the named object for `#[tencent_model]`).
//!
//! **Which stage owns which rule.** Everything the schema and the tokens decide is checked
//! here, at expansion time, and reported as a `syn::Error` at the token to change: a product,
//! action or object found nowhere; a wire name that is not a member; a type that cannot hold
//! the member's (`rules`); a member that may be absent or `null` in a response field that is
//! not an `Option`; an optional request parameter that would be sent when unset; a required one
//! missing or optional. One rule needs what tokens cannot tell, whether a user type is a
//! `#[tencent_model]` of the right product and object: for it this module emits a compile-time
//! assertion (`probes`), evaluated by rustc against the type's `Model` impl; its message is
//! complete on the first line. The rules themselves are documented once, on the re-exported
//! macros (`tencent_action`'s rustdoc, "The schema check").

mod probes;
mod rules;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

use crate::args::{Args, SchemaArg, Which};
use crate::ast::{Direction, Field, Input};
use crate::attr::{did_you_mean, did_you_mean_ci};
use crate::ctxt::Ctxt;
use crate::spec::{self, Loaded, Miss, Object};
use crate::ty::{self, Shape};
use rules::Expect;

/// Where a member lives, for messages: `DescribeInstancesResponse` (cvm 2017-03-12).
struct Place<'a> {
    which: Which,
    loaded: &'a Loaded,
    object: &'a str,
    /// The rules that apply: a response's (absent and `null` members need `Option`), a
    /// request's (optional parameters are `Option`, required ones present), or both.
    reads: bool,
    writes: bool,
}

impl Place<'_> {
    fn of(&self, member: &str) -> String {
        format!("`{}.{member}` ({})", self.object, self.loaded.label)
    }
}

/// The spec that applies to the attribute, with errors in `cx` when the product, the file or
/// the setting is wrong; `None` when the check is off or cannot run.
pub fn load(cx: &mut Ctxt, args: &Args, input: &Input) -> Option<Loaded> {
    if input.attrs.unchecked || args.schema_off() {
        return None;
    }
    let (service, version) = (args.service.as_ref()?, args.version.as_ref()?);
    match &args.schema {
        Some(SchemaArg::File(file)) => {
            match spec::load_file(&service.value(), &version.value(), &file.value()) {
                Ok(loaded) => Some(loaded),
                Err(why) => {
                    cx.error_at(
                        file.span(),
                        format!("cannot check against the schema: {why}"),
                    );
                    None
                }
            }
        }
        _ => match spec::find(&service.value(), &version.value()) {
            Ok(found) => found,
            Err(Miss::Service(why)) => {
                cx.error_at(service.span(), why);
                None
            }
            Err(Miss::Version(why)) => {
                cx.error_at(version.span(), why);
                None
            }
            Err(Miss::Config(why)) => {
                cx.error_at(
                    service.span(),
                    format!("cannot check against the schema: {why}"),
                );
                None
            }
        },
    }
}

/// What the check leaves for the expansion.
#[derive(Default)]
pub struct Checked {
    /// For the expansion's `const _`: dependency tracking and the model assertions.
    pub tokens: TokenStream,
    /// The action checked against (a request's may be its response type's name).
    pub action: Option<String>,
    /// For a model of an object that requests send and responses carry: why it cannot be sent
    /// (required members missing or optional), empty when it can. Checked where a request holds
    /// it (`probes`), since a model only read from responses need not carry every parameter.
    pub input_problem: String,
    /// For a request: how its action pages and whether it has a `ClientToken`, from the
    /// action's published input and output (`None` without a schema).
    pub shapes: Option<crate::paging::Shapes>,
    /// For a request: its action's input tree, compacted for the test endpoint.
    pub input_schema: Option<String>,
}

/// Runs the check when a spec applies.
pub fn check(cx: &mut Ctxt, args: &Args, input: &Input) -> Checked {
    let loaded = load(cx, args, input);
    let mut out = Checked {
        tokens: spec::track(loaded.as_ref()),
        action: None,
        input_problem: String::new(),
        shapes: None,
        input_schema: None,
    };
    let Some(loaded) = loaded else {
        return out;
    };
    out.action = action_name(args, &loaded).map(|(name, _, _)| name);
    if args.which == Which::Request {
        let spec = &loaded.spec;
        if let Some(action) = out.action.as_ref().and_then(|a| spec.actions.get(a)) {
            let input = action.input.as_ref().and_then(|i| spec.objects.get(i));
            let output = spec.objects.get(&action.output);
            out.shapes = Some(crate::paging::detect(spec, input, output));
            out.input_schema = action
                .input
                .as_deref()
                .and_then(|root| crate::input_schema::compact(spec, root));
        }
    }
    let Some((object_name, object)) = find_object(cx, args, input, &loaded) else {
        return out;
    };
    let usage = loaded.spec.usage(object_name);
    let place = Place {
        which: args.which,
        loaded: &loaded,
        object: object_name,
        reads: match args.which {
            Which::Action => true,
            Which::Request => false,
            Which::Model => usage.output,
        },
        writes: match args.which {
            Which::Action => false,
            Which::Request => true,
            // An object both read and written is judged by the response rules here: a model
            // used to read a response need not carry every parameter a request requires.
            Which::Model => !usage.output,
        },
    };
    let direction = if place.reads {
        Direction::De
    } else {
        Direction::Ser
    };
    let mut probes = probes::Probes::new(&loaded);
    let mut present: Vec<String> = Vec::new();
    let mut complete = input.rename_rule(direction).is_some();
    for field in &input.fields {
        complete &= !field.attrs.flatten;
        let names = field.wire_names(direction, input.rename_rule(direction));
        present.extend(names.iter().map(|n| n.name.clone()));
        check_field(cx, input, &place, object, field, &mut probes);
    }
    if place.writes && complete {
        missing_required(cx, input, &place, object, &present);
    }
    if args.which == Which::Model && usage.input && usage.output && complete {
        out.input_problem = input_problem(input, &place, object);
    }
    out.tokens.extend(probes.into_tokens());
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
        Which::Action | Which::Request => {
            let (action, span, defaulted) = action_name(args, loaded)?;
            let Some(found) = spec.actions.get(&action) else {
                let known = spec.action_names();
                let hint = match did_you_mean_ci(&action, &known) {
                    Some(best) => format!("; did you mean \"{best}\"?"),
                    None => format!(" ({} actions are published)", known.len()),
                };
                let defaulted = if defaulted {
                    " (the action is the response type's name unless `action = \"...\"` says otherwise)"
                } else {
                    ""
                };
                cx.error_at(
                    span,
                    format!(
                        "{} has no action \"{action}\"{hint}{defaulted} ({})",
                        loaded.label, loaded.origin
                    ),
                );
                return None;
            };
            if args.which == Which::Action {
                (found.output.clone(), span, "")
            } else {
                (found.input.clone()?, span, "")
            }
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
                    "{} has no object \"{name}\"{what}{hint} ({})",
                    loaded.label, loaded.origin
                ),
            );
            None
        }
    }
}

/// The action a response or request names, its span, and whether it was defaulted: a
/// request's `action`, or the name of its response type (`DescribeInstances`, or without a
/// `Response` suffix when that is the action).
fn action_name(args: &Args, loaded: &Loaded) -> Option<(String, Span, bool)> {
    if let Some(lit) = &args.action {
        return Some((lit.value(), lit.span(), false));
    }
    let syn::Type::Path(path) = args.response.as_ref()? else {
        return None;
    };
    let last = path.path.segments.last()?;
    let name = last.ident.to_string();
    let name = match name.strip_suffix("Response") {
        Some(short) if !loaded.spec.actions.contains_key(&name) && !short.is_empty() => {
            short.to_owned()
        }
        _ => name,
    };
    Some((name, last.ident.span(), true))
}

fn check_field(
    cx: &mut Ctxt,
    input: &Input,
    place: &Place<'_>,
    object: &Object,
    field: &Field,
    probes: &mut probes::Probes,
) {
    if field.attrs.unchecked {
        return;
    }
    let direction = if place.reads {
        Direction::De
    } else {
        Direction::Ser
    };
    let names = field.wire_names(direction, input.rename_rule(direction));
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
    let expect = Expect::of(member);
    if let Some(with) = field.attrs.lenient() {
        if !expect.is_lenient_scalar() {
            cx.error_at(
                with.span,
                format!(
                    "`tencent_action::lenient` reads a number or a bool that the server sends as a string, but {} is {} in the schema: remove this `with`",
                    place.of(&member.name),
                    expect.describe()
                ),
            );
            return;
        }
    }
    let typed = if place.reads {
        field.attrs.de_typed()
    } else {
        field.attrs.ser_typed()
    };
    if !typed {
        return; // the field's own function reads or writes the value, null or not
    }
    let generics = input.type_params();
    let shape = ty::classify(&field.ty, &generics);
    let inner = match shape {
        Shape::Option(inner) => inner,
        _ => &field.ty,
    };
    let is_option = matches!(shape, Shape::Option(_));
    if place.reads && !matches!(shape, Shape::Option(_) | Shape::Any) {
        let covered_absent = field.attrs.default || input.attrs.default;
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
    if place.writes {
        let required = member.required == Some(true);
        if required && is_option {
            cx.error_spanned(
                &field.ty,
                format!(
                    "{} is required (`required: true`): write `{}`, not an `Option`, so that the request always sends it",
                    place.of(&member.name),
                    ty::render(inner)
                ),
            );
        } else if !required && !is_option && !field.attrs.skip_ser_if && !field.attrs.default {
            cx.error_spanned(
                &field.ty,
                format!(
                    "{} is optional (`required: false`): write `Option<{}>`, which is left out of the request when `None` (or keep the type and add your own `#[serde(skip_serializing_if = \"...\")]`)",
                    place.of(&member.name),
                    ty::render(&field.ty)
                ),
            );
        }
    }
    if let Err(found) = rules::compatible(&expect, inner, &generics, place.reads) {
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
    if let Some((object_name, model)) = rules::model_type(&expect, inner, &generics) {
        if !mentions_generics(model, input) {
            probes.model(place, field, member, object_name, model);
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
    let undocumented = if place.reads {
        "a member Tencent sends but does not publish"
    } else {
        "a parameter Tencent accepts but does not publish"
    };
    cx.error_at(
        span,
        format!(
            "field `{}` has the wire name \"{name}\", which is not a member of `{}` ({}): {hint} ({undocumented}: mark the field `#[tencent(unchecked)]`)",
            field.ident, place.object, place.loaded.label
        ),
    );
}

/// A request (or input model) without a field for a required member: one error per member,
/// at the struct's name, with the field to add.
fn missing_required(
    cx: &mut Ctxt,
    input: &Input,
    place: &Place<'_>,
    object: &Object,
    present: &[String],
) {
    for member in &object.members {
        if member.required != Some(true) || present.contains(&member.name) {
            continue;
        }
        let snake = snake_case(&member.name);
        let rename = match input.rename_rule(Direction::Ser) {
            Some(rule) if rule.apply_to_field(&snake) == member.name => String::new(),
            _ => format!("#[serde(rename = \"{}\")] ", member.name),
        };
        cx.error_spanned(
            &input.item.ident,
            format!(
                "{} is required (`required: true`): add a field `{rename}pub {snake}: {}`",
                place.of(&member.name),
                Expect::of(member).rust()
            ),
        );
    }
}

/// Why a model read by the response rules cannot be sent in a request: each required member
/// without a field, or in an `Option`.
fn input_problem(input: &Input, place: &Place<'_>, object: &Object) -> String {
    let rule = input.rename_rule(Direction::Ser);
    let mut problems = Vec::new();
    for member in object.members.iter().filter(|m| m.required == Some(true)) {
        let field = input.fields.iter().find(|f| {
            f.wire_names(Direction::Ser, rule)
                .iter()
                .any(|n| n.name == member.name)
        });
        let expect = Expect::of(member).rust();
        match field {
            None => problems.push(format!(
                "add a field `pub {}: {expect}` for `{}`",
                snake_case(&member.name),
                member.name
            )),
            Some(f) if matches!(ty::classify(&f.ty, &input.type_params()), Shape::Option(_)) => {
                problems.push(format!("make `{}` a `{expect}`, not an `Option`", f.ident))
            }
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        return String::new();
    }
    format!(
        "`{}` is the #[tencent_model] of {} `{}`, sent in a request here, where the schema requires members it lacks or leaves optional: {} (a model only read from responses need not have them)",
        input.item.ident,
        place.loaded.label,
        place.object,
        problems.join("; ")
    )
}

/// `PhoneNumberSet` → `phone_number_set`, `CPU` → `cpu`, `InstanceIDs` → `instance_ids`.
fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if prev_lower || (prev_upper && next_lower) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `ty` names one of the struct's generic parameters or lifetimes: such a type cannot
/// be named inside the expansion's `const _`, so its model is not asserted.
fn mentions_generics(ty: &syn::Type, input: &Input) -> bool {
    use proc_macro2::TokenTree;
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
    walk(ty.to_token_stream(), input)
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn field_names_from_members() {
        for (member, field) in [
            ("PhoneNumberSet", "phone_number_set"),
            ("CPU", "cpu"),
            ("InstanceIDs", "instance_i_ds"),
            ("SmsSdkAppId", "sms_sdk_app_id"),
            ("Ipv6Address", "ipv6_address"),
            ("GPUInfo", "gpu_info"),
        ] {
            assert_eq!(snake_case(member), field, "{member}");
        }
    }
}
