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
            Which::Request => &[
                "service",
                "version",
                "action",
                "idempotent",
                "schema",
                "paging",
            ],
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
            Which::Request => "`service`, `version`, `action`, `idempotent`, `schema` or `paging`",
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
    /// `paging = false` or `paging(...)` (`#[tencent_request]` only).
    pub paging: Option<PagingArg>,
}

/// `paging = false` (the request does not page, whatever the schema shows) or
/// `paging(offset = "Offset", limit = "Limit", total = "TotalCount", items = "InstanceSet")`,
/// `paging(page = "PageNumber", size = "PageSize", ...)`, `paging(token = "NextToken", next =
/// "NextToken", ...)`: the members, where there is no schema or the names differ.
pub enum PagingArg {
    Off,
    Declared(PagingDecl),
}

/// The members of a `paging(...)` argument.
pub struct PagingDecl {
    pub cursor: CursorDecl,
    pub total: Option<LitStr>,
    pub items: Option<LitStr>,
}

pub enum CursorDecl {
    Offset {
        offset: LitStr,
        limit: LitStr,
        strings: bool,
    },
    Page {
        number: LitStr,
        size: LitStr,
    },
    Token {
        request: LitStr,
        response: Option<LitStr>,
    },
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
        "paging" => "paging(offset = \"Offset\", limit = \"Limit\")` or `paging = false",
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
        paging: None,
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
        if key == "paging" {
            args.paging = parse_paging(cx, &meta);
            continue;
        }
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

/// `paging = false` or `paging(key = "Member", ...)`; `None` after an error (reported).
fn parse_paging(cx: &mut Ctxt, meta: &Meta) -> Option<PagingArg> {
    const USAGE: &str = "`paging(offset = \"Offset\", limit = \"Limit\")`, `paging(page = \"PageNumber\", size = \"PageSize\")` or `paging(token = \"NextToken\")`, each with optional `total = \"...\"` and `items = \"...\"` (and `strings = true` for string offsets), or `paging = false`";
    const KEYS: [&str; 9] = [
        "offset", "limit", "strings", "page", "size", "token", "next", "total", "items",
    ];
    let list = match meta {
        Meta::NameValue(nv) => {
            return match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }) if !b.value => Some(PagingArg::Off),
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }) => {
                    cx.error_spanned(
                        b,
                        "`paging = true` is not an option: a request pages when its action's published input shows it; `paging = false` says it does not, `paging(...)` names the members where there is no schema or the names differ",
                    );
                    None
                }
                value => {
                    cx.error_spanned(value, format!("`paging` takes {USAGE}"));
                    None
                }
            };
        }
        Meta::List(list) => list,
        Meta::Path(path) => {
            cx.error_spanned(path, format!("`paging` takes {USAGE}"));
            return None;
        }
    };
    let metas = match list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
        Ok(metas) => metas,
        Err(e) => {
            cx.error_at(e.span(), format!("{e}; `paging` takes {USAGE}"));
            return None;
        }
    };
    let mut found: Vec<(String, Option<LitStr>, Option<LitBool>, Span)> = Vec::new();
    let mut ok = true;
    for meta in &metas {
        let key = meta
            .path()
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if !KEYS.contains(&key.as_str()) {
            let hint = did_you_mean(&key, &KEYS)
                .map(|best| format!("did you mean `{best}`? "))
                .unwrap_or_default();
            cx.error_spanned(
                meta.path(),
                format!("unknown `paging` key `{key}`: {hint}`paging` takes {USAGE}"),
            );
            ok = false;
            continue;
        }
        if found.iter().any(|(k, ..)| *k == key) {
            cx.error_spanned(
                meta.path(),
                format!("`{key}` is given twice in `paging(...)`"),
            );
            ok = false;
            continue;
        }
        let value = match meta {
            Meta::NameValue(nv) => &nv.value,
            _ => {
                cx.error_spanned(meta, format!("expected `{key} = \"...\"`"));
                ok = false;
                continue;
            }
        };
        match (key.as_str(), value) {
            (
                "strings",
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }),
            ) => found.push((
                key,
                None,
                Some(b.clone()),
                meta.path()
                    .get_ident()
                    .map_or_else(Span::call_site, |i| i.span()),
            )),
            ("strings", value) => {
                cx.error_spanned(value, "`strings` takes `true` or `false`");
                ok = false;
            }
            (
                _,
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }),
            ) => found.push((key, Some(s.clone()), None, s.span())),
            (_, value) => {
                cx.error_spanned(
                    value,
                    format!(
                        "`{key}` takes a member's name, a string literal like `{key} = \"...\"`"
                    ),
                );
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    let get = |name: &str| {
        found
            .iter()
            .find(|(k, ..)| k == name)
            .and_then(|(_, s, ..)| s.clone())
    };
    let strings = found
        .iter()
        .find(|(k, ..)| k == "strings")
        .and_then(|(_, _, b, _)| b.as_ref())
        .is_some_and(LitBool::value);
    let kinds = [
        get("offset").is_some() || get("limit").is_some(),
        get("page").is_some() || get("size").is_some(),
        get("token").is_some() || get("next").is_some(),
    ];
    let named: Vec<&str> = [
        ("offset", kinds[0]),
        ("page number", kinds[1]),
        ("token", kinds[2]),
    ]
    .iter()
    .filter(|(_, present)| *present)
    .map(|(name, _)| *name)
    .collect();
    let problem = match (named.len(), kinds) {
        (0, _) => {
            Some("`paging(...)` needs the request members that move from page to page".to_owned())
        }
        (1, _) => None,
        _ => Some(format!(
            "`paging(...)` mixes {} paging: name one way",
            named.join(" and ")
        )),
    };
    let cursor = match (
        get("offset"),
        get("limit"),
        get("page"),
        get("size"),
        get("token"),
    ) {
        _ if problem.is_some() => None,
        (Some(offset), Some(limit), ..) => Some(CursorDecl::Offset {
            offset,
            limit,
            strings,
        }),
        (Some(_), None, ..) => {
            cx.error_spanned(
                list,
                "`paging(offset = ...)` needs `limit = \"...\"` too, the page-size member",
            );
            return None;
        }
        (None, Some(_), ..) => {
            cx.error_spanned(list, "`paging(limit = ...)` needs `offset = \"...\"` too, the member that skips the items already read");
            return None;
        }
        (_, _, Some(number), Some(size), _) => Some(CursorDecl::Page { number, size }),
        (_, _, Some(_), None, _) => {
            cx.error_spanned(
                list,
                "`paging(page = ...)` needs `size = \"...\"` too, the page-size member",
            );
            return None;
        }
        (_, _, None, Some(_), _) => {
            cx.error_spanned(
                list,
                "`paging(size = ...)` needs `page = \"...\"` too, the page-number member",
            );
            return None;
        }
        (.., Some(request)) => Some(CursorDecl::Token {
            request,
            response: get("next"),
        }),
        (.., None) => {
            cx.error_spanned(list, "`paging(next = ...)` names the answer's token member; `token = \"...\"` (the request's) is missing");
            return None;
        }
    };
    let Some(cursor) = cursor else {
        let problem = problem.unwrap_or_default();
        cx.error_spanned(list, format!("{problem}: {USAGE}"));
        return None;
    };
    Some(PagingArg::Declared(PagingDecl {
        cursor,
        total: get("total"),
        items: get("items"),
    }))
}
