//! The input as a model, for all three attribute macros: the struct, its fields, their
//! attributes (read once by `attr`) and the wire names each field has in either direction.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, Token, Visibility};

use crate::args::Which;
use crate::attr::{self, ContainerAttrs, FieldAttrs};
use crate::ctxt::Ctxt;
use tencent_action_naming::RenameRule;

/// The annotated struct, as syn's `ItemStruct` holds it. syn has `ItemStruct` only with its
/// `full` feature, which serde_derive does not enable: the macros read a `DeriveInput` instead
/// and keep the struct's parts here, so that every user's build compiles syn once, as
/// serde_derive needs it, without `full` (about 1.2 s of a clean release build on 2 cores).
#[derive(Clone)]
pub struct ItemStruct {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub struct_token: Token![struct],
    pub ident: Ident,
    pub generics: Generics,
    pub fields: Fields,
    pub semi_token: Option<Token![;]>,
}

impl ItemStruct {
    /// The struct's parts; for an enum or a union, its keyword's span and name.
    fn from_derive(input: DeriveInput) -> Result<ItemStruct, (Span, &'static str)> {
        let DeriveInput {
            attrs,
            vis,
            ident,
            generics,
            data,
        } = input;
        match data {
            Data::Struct(data) => Ok(ItemStruct {
                attrs,
                vis,
                struct_token: data.struct_token,
                ident,
                generics,
                fields: data.fields,
                semi_token: data.semi_token,
            }),
            Data::Enum(data) => Err((data.enum_token.span, "an enum")),
            Data::Union(data) => Err((data.union_token.span, "a union")),
        }
    }

    /// A struct from source text, for tests.
    #[cfg(test)]
    pub fn parse_str(src: &str) -> ItemStruct {
        let input = syn::parse_str(src).expect("parses");
        ItemStruct::from_derive(input).expect("a struct")
    }
}

/// The tokens syn prints for an `ItemStruct`: the where clause goes after the generics for
/// named fields and after the fields for a tuple struct.
impl ToTokens for ItemStruct {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append_all(&self.attrs);
        self.vis.to_tokens(tokens);
        self.struct_token.to_tokens(tokens);
        self.ident.to_tokens(tokens);
        self.generics.to_tokens(tokens);
        match &self.fields {
            Fields::Named(fields) => {
                self.generics.where_clause.to_tokens(tokens);
                fields.to_tokens(tokens);
            }
            Fields::Unnamed(fields) => {
                fields.to_tokens(tokens);
                self.generics.where_clause.to_tokens(tokens);
                self.semi_token.unwrap_or_default().to_tokens(tokens);
            }
            Fields::Unit => {
                self.generics.where_clause.to_tokens(tokens);
                self.semi_token.unwrap_or_default().to_tokens(tokens);
            }
        }
    }
}

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
    let item = match syn::parse2::<DeriveInput>(tokens.clone()) {
        Ok(input) => input,
        // A struct, enum or union that does not parse: syn says what is wrong with it.
        Err(e) if declares_a_type(tokens.clone()) => {
            cx.syn_error(e);
            return None;
        }
        // Any other item (a function, an impl, ...): at its first token.
        Err(_) => {
            let first = tokens.into_iter().next().map(|t| t.span());
            cx.error_at(first.unwrap_or_else(Span::call_site), needs);
            return None;
        }
    };
    let item = match ItemStruct::from_derive(item) {
        Ok(item) => item,
        Err((keyword, what)) => {
            cx.error_at(keyword, format!("{needs}, not {what}"));
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

/// Whether the tokens are, after their attributes and visibility, a `struct`, `enum` or
/// `union` (so a parse error is in its body, and syn's message is the one to show).
fn declares_a_type(tokens: TokenStream) -> bool {
    let keyword = |input: ParseStream| {
        input.call(Attribute::parse_outer)?;
        input.parse::<Visibility>()?;
        let found =
            input.peek(Token![struct]) || input.peek(Token![enum]) || input.peek(Token![union]);
        input.parse::<TokenStream>()?;
        Ok(found)
    };
    keyword.parse2(tokens).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::{declares_a_type, ItemStruct};
    use quote::ToTokens;

    /// Printing the struct gives back the tokens it was read from, where clause included.
    #[test]
    fn a_struct_prints_as_it_was_written() {
        for src in [
            "pub struct S { pub a: u8 }",
            "#[doc = \"x\"] #[serde(rename_all = \"camelCase\")] pub(crate) struct S<'a, T: Clone> where T: Copy { #[serde(default)] a: &'a T, b: Vec<T>, }",
            "struct T(u8, pub String) where u8: Copy;",
            "struct U<T = u8>;",
            "struct W where u8: Copy;",
        ] {
            let expected: proc_macro2::TokenStream = src.parse().unwrap();
            let printed = ItemStruct::parse_str(src).into_token_stream();
            // The same tokens; only the spacing of joint punctuation (`<'a`) may differ.
            let squeeze = |s: String| s.replace(' ', "");
            assert_eq!(squeeze(printed.to_string()), squeeze(expected.to_string()), "{src}");
        }
    }

    #[test]
    fn a_type_is_told_from_other_items() {
        for src in [
            "struct S { a }",
            "#[a] pub enum E",
            "pub(crate) union U {}",
            "struct",
        ] {
            assert!(declares_a_type(src.parse().unwrap()), "{src}");
        }
        for src in ["fn f() {}", "#[a] impl S {}", "pub mod m;", "", "#["] {
            assert!(!declares_a_type(src.parse().unwrap_or_default()), "{src}");
        }
    }
}
