//! The input as a model: the struct, its fields and the wire name each field will have.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{Fields, Item, ItemStruct};

use crate::attr::{self, FieldSerde};
use crate::ctxt::Ctxt;
use tencent_action_naming::RenameRule;

pub struct Input {
    pub item: ItemStruct,
    pub fields: Vec<Field>,
    /// The struct's own `#[serde(rename_all = "...")]`, when it has one.
    pub user_rename_all: Option<syn::LitStr>,
    /// `Deserialize` in the struct's own `#[derive(...)]`: a conflict.
    pub derived_deserialize: Vec<syn::Path>,
}

pub struct Field {
    pub ident: syn::Ident,
    pub serde: FieldSerde,
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
pub fn parse(cx: &mut Ctxt, tokens: TokenStream) -> Option<Input> {
    const NEEDS: &str =
        "#[tencent_action] goes on a struct with named fields: a Tencent Cloud response is a JSON object";
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
            cx.error_at(e.enum_token.span, format!("{NEEDS}, not an enum"));
            return None;
        }
        Item::Union(u) => {
            cx.error_at(u.union_token.span, format!("{NEEDS}, not a union"));
            return None;
        }
        other => {
            cx.error_at(other.span(), NEEDS);
            return None;
        }
    };
    let named = match &item.fields {
        Fields::Named(named) => named,
        Fields::Unnamed(unnamed) => {
            cx.error_at(
                unnamed.paren_token.span.join(),
                format!("{NEEDS}, not a tuple struct: name the fields"),
            );
            return None;
        }
        Fields::Unit => {
            cx.error_at(
                item.ident.span(),
                format!("{NEEDS}, not a unit struct: declare the response's fields in braces"),
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
                serde: attr::field_serde(&f.attrs),
            })
        })
        .collect();
    Some(Input {
        fields,
        user_rename_all: attr::container_serde(&item.attrs).rename_all,
        derived_deserialize: attr::derived_deserialize(&item.attrs),
        item,
    })
}
