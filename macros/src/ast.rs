//! The input as a model, for all three attribute macros: the struct, its fields, their
//! attributes (read once by `attr`) and the wire names each field has in either direction.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{Fields, Item, ItemStruct};

use crate::args::Which;
use crate::attr::{self, ContainerAttrs, FieldAttrs};
use crate::ctxt::Ctxt;
use tencent_action_naming::RenameRule;

pub struct Input {
    pub item: ItemStruct,
    pub fields: Vec<Field>,
    pub attrs: ContainerAttrs,
    /// What the struct's own `#[derive(...)]` derives that the attribute derives too (a
    /// conflict), with the trait's name.
    pub derived: Vec<(syn::Path, String)>,
}

pub struct Field {
    pub ident: syn::Ident,
    pub ty: syn::Type,
    pub attrs: FieldAttrs,
}

/// Which way serde moves the value: responses are read, requests written, models both.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Deserialize: the names a response member may have.
    De,
    /// Serialize: the name a request parameter is sent under.
    Ser,
}

/// A name the field has in JSON, and the token that gave it that name.
pub struct WireName {
    pub name: String,
    pub span: Span,
}

impl Input {
    /// The rename rule serde applies in `direction`: the struct's own, or PascalCase. `None`
    /// when the struct names a rule serde does not know (serde reports that).
    pub fn rename_rule(&self, direction: Direction) -> Option<RenameRule> {
        let own = match direction {
            Direction::De => &self.attrs.rename_all_de,
            Direction::Ser => &self.attrs.rename_all_ser,
        };
        match own {
            Some(lit) => RenameRule::parse(&lit.value()),
            None => Some(RenameRule::Pascal),
        }
    }

    /// Whether the struct sets its own `rename_all` (either side): the macros then add none.
    pub fn user_rename_all(&self) -> bool {
        self.attrs.rename_all_de.is_some() || self.attrs.rename_all_ser.is_some()
    }

    /// The `#[serde(rename_all = "PascalCase")]` the three attributes add to the struct, unless
    /// it sets its own.
    pub fn rename_all_attr(&self) -> proc_macro2::TokenStream {
        if self.user_rename_all() {
            quote::quote!()
        } else {
            quote::quote!(#[serde(rename_all = "PascalCase")])
        }
    }

    /// The struct's own type parameters (never judged).
    pub fn type_params(&self) -> Vec<syn::Ident> {
        self.item
            .generics
            .type_params()
            .map(|p| p.ident.clone())
            .collect()
    }
}

impl Field {
    /// Every name serde gives this field in `direction`: its (renamed) name, and on the
    /// deserialize side its aliases. None for a skipped or flattened field.
    pub fn wire_names(&self, direction: Direction, rule: Option<RenameRule>) -> Vec<WireName> {
        let a = &self.attrs;
        let (skipped, rename) = match direction {
            Direction::De => (a.skip_de, &a.de_name),
            Direction::Ser => (a.skip_ser, &a.ser_name),
        };
        if skipped || a.flatten {
            return Vec::new();
        }
        let mut names = Vec::new();
        match (rename, rule) {
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
        if direction == Direction::De {
            names.extend(a.aliases.iter().map(|lit| WireName {
                name: lit.value(),
                span: lit.span(),
            }));
        }
        names
    }
}

/// Parses the annotated item; `None` (with errors in `cx`) when it is not a struct with named
/// fields.
pub fn parse(cx: &mut Ctxt, which: Which, tokens: TokenStream) -> Option<Input> {
    let needs = match which {
        Which::Action => "#[tencent_action] goes on a struct with named fields: a Tencent Cloud response is a JSON object",
        Which::Model => "#[tencent_model] goes on a struct with named fields: it models a JSON object of the schema",
        Which::Request => "#[tencent_request] goes on a struct with named fields: the request's parameters (`struct Name {}` for an action without any)",
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
                format!("{needs}, not a unit struct: declare the fields in braces"),
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
                attrs: attr::field(cx, &f.attrs),
            })
        })
        .collect();
    let conflicts: &[&str] = match which {
        Which::Action => &["Deserialize"],
        Which::Model => &["Deserialize", "Serialize"],
        Which::Request => &["Serialize"],
    };
    let derived = conflicts
        .iter()
        .flat_map(|name| {
            attr::derived(&item.attrs, name)
                .into_iter()
                .map(|p| (p, (*name).to_owned()))
        })
        .collect();
    Some(Input {
        fields,
        attrs: attr::container(cx, &item.attrs),
        derived,
        item,
    })
}
