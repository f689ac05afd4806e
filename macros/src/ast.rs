//! The input as a model: the struct, its fields and the wire name each field will have.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{Fields, Item, ItemStruct};

use crate::attr::{self, FieldSerde, Which};
use crate::ctxt::Ctxt;
use tencent_action_naming::RenameRule;

pub struct Input {
    pub item: ItemStruct,
    pub fields: Vec<Field>,
    /// The struct's own `#[serde(rename_all = "...")]`, when it has one.
    pub user_rename_all: Option<syn::LitStr>,
    /// The struct's own `#[serde(default)]`.
    pub container_default: bool,
    /// `Deserialize` in the struct's own `#[derive(...)]`: a conflict.
    pub derived_deserialize: Vec<syn::Path>,
}

pub struct Field {
    pub ident: syn::Ident,
    pub ty: syn::Type,
    pub serde: FieldSerde,
    /// `#[tencent(unchecked)]`: the schema check leaves this field alone.
    pub unchecked: bool,
}

/// A name the field answers to in JSON, and the token that gave it that name.
pub struct WireName {
    pub name: String,
    pub span: Span,
}

impl Input {
    /// The rename rule serde will apply: the struct's own, or PascalCase. `None` when the struct
    /// names a rule serde does not know (serde reports that).
    pub fn rename_rule(&self) -> Option<RenameRule> {
        match &self.user_rename_all {
            Some(lit) => RenameRule::parse(&lit.value()),
            None => Some(RenameRule::Pascal),
        }
    }
}

impl Field {
    /// Every name serde will accept for this field: its (renamed) name and its aliases.
    pub fn wire_names(&self, rule: Option<RenameRule>) -> Vec<WireName> {
        if self.serde.skipped || self.serde.flatten {
            return Vec::new();
        }
        let mut names = Vec::new();
        match (&self.serde.rename, rule) {
            (Some(lit), _) => names.push(WireName {
                name: lit.value(),
                span: lit.span(),
            }),
            (None, Some(rule)) => {
                let ident = self.ident.to_string();
                let ident = ident.strip_prefix("r#").unwrap_or(&ident);
                names.push(WireName {
                    name: rule.apply_to_field(ident),
                    span: self.ident.span(),
                });
            }
            (None, None) => {}
        }
        names.extend(self.serde.aliases.iter().map(|lit| WireName {
            name: lit.value(),
            span: lit.span(),
        }));
        names
    }
}

/// Parses the annotated item; `None` (with errors in `cx`) when it is not a struct with named
/// fields.
pub fn parse(cx: &mut Ctxt, which: Which, tokens: TokenStream) -> Option<Input> {
    let needs = match which {
        Which::Action => "#[tencent_action] goes on a struct with named fields: a Tencent Cloud response is a JSON object",
        Which::Model => "#[tencent_model] goes on a struct with named fields: it models a JSON object of the schema",
    };
    let item = match syn::parse2::<Item>(tokens) {
        Ok(item) => item,
        Err(e) => {
            cx.syn_error(e);
            return None;
        }
    };
    let item = match item {
        Item::Struct(item) => item,
        Item::Enum(e) => {
            cx.error_at(e.enum_token.span, format!("{needs}, not an enum"));
            return None;
        }
        Item::Union(u) => {
            cx.error_at(u.union_token.span, format!("{needs}, not a union"));
            return None;
        }
        other => {
            cx.error_at(other.span(), needs);
            return None;
        }
    };
    let named = match &item.fields {
        Fields::Named(named) => named,
        Fields::Unnamed(unnamed) => {
            cx.error_at(
                unnamed.paren_token.span.join(),
                format!("{needs}, not a tuple struct: name the fields"),
            );
            return None;
        }
        Fields::Unit => {
            cx.error_at(
                item.ident.span(),
                format!("{needs}, not a unit struct: declare the response's fields in braces"),
            );
            return None;
        }
    };
    let fields = named
        .named
        .iter()
        .filter_map(|f| {
            Some(Field {
                ident: f.ident.clone()?,
                ty: f.ty.clone(),
                serde: attr::field_serde(&f.attrs),
                unchecked: unchecked(cx, &f.attrs),
            })
        })
        .collect();
    let container = attr::container_serde(&item.attrs);
    Some(Input {
        fields,
        user_rename_all: container.rename_all,
        container_default: container.default,
        derived_deserialize: attr::derived(&item.attrs, "Deserialize"),
        item,
    })
}

/// Whether the field carries `#[tencent(unchecked)]`; any other `#[tencent(...)]` is an error.
fn unchecked(cx: &mut Ctxt, attrs: &[syn::Attribute]) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("tencent")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("unchecked") {
                found = true;
                Ok(())
            } else {
                Err(meta.error(
                    "unknown `tencent` field option; the one option is `unchecked` (`#[tencent(unchecked)]` skips the schema check of this field)",
                ))
            }
        });
        if let Err(e) = parsed {
            cx.syn_error(e);
            // Most likely a misspelt `unchecked`: do not pile schema errors on top.
            found = true;
        }
    }
    found
}
