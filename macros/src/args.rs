//! The arguments of the three attribute macros: `#[tencent_action(...)]`,
//! `#[tencent_model(...)]` and `#[tencent_request(Response, ...)]`. They share one syntax
//! (`key = value`, a string literal for the schema's coordinates), one parser and one set of
//! messages; each macro accepts its own keys.

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Lit, LitBool, LitStr, Meta, Token};

use crate::attr::did_you_mean;
use crate::ctxt::Ctxt;

/// Which attribute the arguments belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// `#[tencent_action]` on a response struct.
    Action,
    /// `#[tencent_model]` on a nested type.
    Model,
    /// `#[tencent_request]` on a request struct.
    Request,
}

impl Which {
    pub fn name(self) -> &'static str {
        match self {
            Which::Action => "tencent_action",
            Which::Model => "tencent_model",
            Which::Request => "tencent_request",
        }
    }

    fn keys(self) -> &'static [&'static str] {
        match self {
            Which::Action => &["service", "version", "action", "codes", "schema"],
            Which::Model => &["service", "version", "object", "schema"],
            Which::Request => &["service", "version", "action", "idempotent", "schema"],
        }
    }

    fn usage(self) -> &'static str {
        match self {
            Which::Action => {
                "`#[tencent_action(service = \"...\", version = \"YYYY-MM-DD\", action = \"...\")]`"
            }
            Which::Model => "`#[tencent_model(service = \"...\", version = \"YYYY-MM-DD\")]`",
            Which::Request => {
                "`#[tencent_request(Response, service = \"...\", version = \"YYYY-MM-DD\")]`"
            }
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Which::Action => "`service`, `version`, `action`, `codes` or `schema`",
            Which::Model => "`service`, `version`, `object` or `schema`",
            Which::Request => "`service`, `version`, `action`, `idempotent` or `schema`",
        }
    }
}

/// `schema = "path/to/api.json"` or `schema = false`.
pub enum SchemaArg {
    File(LitStr),
    Off,
}

/// The attribute's arguments; each `None` when missing or invalid (already reported).
pub struct Args {
    pub which: Which,
    /// Keys that were written, valid or not (a misspelt key counts as the key it resembles), so
    /// a malformed argument is not reported as missing too.
    pub given: Vec<String>,
    pub service: Option<LitStr>,
    pub version: Option<LitStr>,
    pub action: Option<LitStr>,
    /// `object = "Instance"` (`#[tencent_model]` only): the spec object the type models.
    pub object: Option<LitStr>,
    /// `schema = "path/to/api.json"` (the spec to check against) or `schema = false` (none).
    pub schema: Option<SchemaArg>,
    /// `codes = path::To::CodeEnum`: the type that classifies this action's error codes.
    pub codes: Option<syn::Path>,
    /// `#[tencent_request]`'s first argument: the action's response type.
    pub response: Option<syn::Type>,
    /// `idempotent = true|false` (`#[tencent_request]` only).
    pub idempotent: Option<LitBool>,
}

impl Args {
    /// Whether `schema = false` was given.
    pub fn schema_off(&self) -> bool {
        matches!(self.schema, Some(SchemaArg::Off))
    }
}

/// What each argument looks like, for messages.
fn example(key: &str) -> &'static str {
    match key {
        "service" => "service = \"cvm\"",
        "version" => "version = \"2017-03-12\"",
        "action" => "action = \"DescribeInstances\"",
        "object" => "object = \"Instance\"",
        "schema" => "schema = \"specs/cvm/v20170312/api.json\"` or `schema = false",
        "idempotent" => "idempotent = true",
        _ => "codes = SmsCode",
    }
}

const REQUEST_USAGE: &str =
    "#[tencent_request(DescribeZones, service = \"cvm\", version = \"2017-03-12\")] names the response struct of the action, then the action's service and version";

pub fn parse(cx: &mut Ctxt, which: Which, tokens: TokenStream) -> Args {
    let mut args = Args {
        which,
        given: Vec::new(),
        service: None,
        version: None,
        action: None,
        object: None,
        schema: None,
        codes: None,
        response: None,
        idempotent: None,
    };
    if which == Which::Request && tokens.is_empty() {
        cx.error_at(
            Span::call_site(),
            format!("#[tencent_request] needs the response type of the action: {REQUEST_USAGE}"),
        );
        return args;
    }
    let parser = |input: ParseStream<'_>| {
        let response = if which == Which::Request {
            let ty: syn::Type = input.parse().map_err(|e| {
                syn::Error::new(e.span(), format!("expected a type: {REQUEST_USAGE}"))
            })?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            Some(ty)
        } else {
            None
        };
        // A second type where a `key = value` belongs.
        if which == Which::Request && input.peek(syn::Ident) {
            let fork = input.fork();
            let ident: syn::Ident = fork.parse()?;
            if ident.to_string().starts_with(char::is_uppercase) && !fork.peek(Token![=]) {
                return Err(syn::Error::new(
                    ident.span(),
                    format!("#[tencent_request] takes one type, the response's; remove this one: {REQUEST_USAGE}"),
                ));
            }
        }
        let metas = Punctuated::<Meta, Token![,]>::parse_terminated(input)?;
        Ok((response, metas))
    };
    let (response, metas) = match parser.parse2(tokens) {
        Ok(parsed) => parsed,
        Err(e) => {
            let message = e.to_string();
            if message.contains("#[tencent_request(") {
                cx.syn_error(e);
            } else {
                cx.error_at(e.span(), format!("{message}; expected {}", which.usage()));
            }
            return args;
        }
    };
    args.response = response;
    let keys = which.keys();
    // The first span each key was given at, to point at both places of a duplicate.
    let mut seen: Vec<(String, Span)> = Vec::new();
    for meta in metas {
        let path = meta.path();
        let Some(ident) = path.get_ident() else {
            cx.error_spanned(
                path,
                format!("unknown argument; expected {}", which.expected()),
            );
            continue;
        };
        let key = ident.to_string();
        if !keys.contains(&key.as_str()) {
            let hint = match did_you_mean(&key, keys) {
                Some(best) => {
                    args.given.push(best.to_owned());
                    format!("; did you mean `{best}`?")
                }
                None => String::new(),
            };
            cx.error_spanned(
                ident,
                format!(
                    "unknown argument `{key}`{hint} (expected {})",
                    which.expected()
                ),
            );
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            cx.error_spanned(ident, format!("duplicate argument `{key}`"));
            cx.error_at(*first, format!("`{key}` is first given here"));
            continue;
        }
        seen.push((key.clone(), ident.span()));
        args.given.push(key.clone());
        let value = match &meta {
            Meta::NameValue(nv) => &nv.value,
            _ => {
                cx.error_spanned(&meta, format!("expected `{}`", example(&key)));
                continue;
            }
        };
        let lit = match value {
            Expr::Lit(ExprLit { lit, .. }) => Some(lit),
            _ => None,
        };
        match (key.as_str(), lit) {
            ("codes", _) => match value {
                Expr::Path(p) if p.qself.is_none() => args.codes = Some(p.path.clone()),
                _ => cx.error_spanned(
                    value,
                    "`codes` takes the path of a code type declared with `tencent_action::error_codes!`, like `codes = SmsCode`",
                ),
            },
            ("idempotent", Some(Lit::Bool(b))) => args.idempotent = Some(b.clone()),
            ("idempotent", _) => cx.error_spanned(value, "`idempotent` takes `true` or `false`"),
            ("schema", Some(Lit::Bool(b))) if !b.value => {
                args.schema = Some(SchemaArg::Off);
            }
            ("schema", Some(Lit::Str(s))) => args.schema = Some(SchemaArg::File(s.clone())),
            ("schema", _) => cx.error_spanned(
                value,
                "`schema` takes the path of an api.json (a string literal, like `schema = \"specs/cvm/v20170312/api.json\"`) or `false` (no schema check for this struct)",
            ),
            (_, Some(Lit::Str(s))) => {
                let slot = match key.as_str() {
                    "service" => &mut args.service,
                    "version" => &mut args.version,
                    "object" => &mut args.object,
                    _ => &mut args.action,
                };
                *slot = Some(s.clone());
            }
            _ => cx.error_spanned(
                value,
                format!("`{key}` takes a string literal, like `{}`", example(&key)),
            ),
        }
    }
    args
}
