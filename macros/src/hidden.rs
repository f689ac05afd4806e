//! The hidden field that holds a response's RequestId, and whether serde's derived visitor
//! reads it.
//!
//! The runtime's direct pass decodes `{"Response": T}` with `T`'s derived visitor alone (the
//! floor's cost), so that visitor must take `RequestId` itself and must refuse an `Error`
//! member: the field is read as `RequestId`, with `Error` as an alias that its type
//! (`RequestId`, whose `Deserialize` accepts only a string) refuses when it is the error
//! object; the runtime checks that the string it kept stood under `RequestId`. Any failure
//! makes the runtime decode again with its general decoder, which hands `T` every entry but
//! those two and sets the field after.
//!
//! A container attribute that changes what the derived visitor does with the map's keys
//! (`transparent`, `from`, `try_from`, `deny_unknown_fields`, whose error messages list the
//! field names, and any other this file does not know) keeps the field out of serde
//! (`skip`), and `Action::__DIRECT` tells the runtime to go straight to the general decoder.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

/// The field to append, and the `Action` items that go with it.
pub struct Hidden {
    pub field: TokenStream,
    pub action_items: TokenStream,
}

/// The container `serde` keys under which the derived visitor reads the map exactly as the
/// direct pass needs.
const DIRECT_SAFE: &[&str] = &["rename", "rename_all", "default", "bound", "expecting"];

pub fn field(item: &crate::ast::ItemStruct) -> Hidden {
    // `pub` so that `..Default::default()` builds a value in any module or crate (a private
    // field would be E0451 outside the defining module). Named `request_id`, its public name
    // (the accessor's), because a derived `Debug` prints the field's name; `valid::check_input`
    // keeps user fields off the name.
    if direct(item) {
        Hidden {
            field: quote! {
                #[serde(rename = "RequestId", alias = "Error", default)]
                #[doc(hidden)]
                pub request_id: ::tencent_action::__private::RequestId
            },
            action_items: TokenStream::new(),
        }
    } else {
        Hidden {
            field: quote! {
                #[serde(skip)]
                #[doc(hidden)]
                pub request_id: ::tencent_action::__private::RequestId
            },
            action_items: quote! {
                const __DIRECT: ::core::primitive::bool = false;
            },
        }
    }
}

/// Whether every container `serde` attribute is one of [`DIRECT_SAFE`] (a `cfg_attr` that may
/// add one counts as unknown).
fn direct(item: &crate::ast::ItemStruct) -> bool {
    item.attrs.iter().all(|attr| {
        if attr.path().is_ident("cfg_attr") {
            return !mentions_serde(attr);
        }
        if !attr.path().is_ident("serde") {
            return true;
        }
        match &attr.meta {
            syn::Meta::List(list) => top_level_keys(list.tokens.clone())
                .iter()
                .all(|key| DIRECT_SAFE.contains(&key.as_str())),
            _ => false,
        }
    })
}

fn mentions_serde(attr: &syn::Attribute) -> bool {
    fn walk(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|tree| match tree {
            TokenTree::Ident(ident) => ident == "serde",
            TokenTree::Group(group) => walk(group.stream()),
            _ => false,
        })
    }
    match &attr.meta {
        syn::Meta::List(list) => walk(list.tokens.clone()),
        _ => false,
    }
}

/// The keys of `key = value, key(...), key` at the top level of an attribute's list.
fn top_level_keys(tokens: TokenStream) -> Vec<String> {
    let mut keys = Vec::new();
    let mut at_start = true;
    for tree in tokens {
        match tree {
            TokenTree::Punct(p) if p.as_char() == ',' => at_start = true,
            TokenTree::Ident(ident) if at_start => {
                keys.push(ident.to_string());
                at_start = false;
            }
            // A key that is not an identifier: unknown.
            _ if at_start => {
                keys.push(String::new());
                at_start = false;
            }
            _ => {}
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::direct;

    fn item(attrs: &str) -> crate::ast::ItemStruct {
        crate::ast::ItemStruct::parse_str(&format!("{attrs} pub struct S {{ pub a: u8 }}"))
    }

    #[test]
    fn known_container_attributes_keep_the_direct_pass() {
        assert!(direct(&item("")));
        assert!(direct(&item("#[derive(Debug)] #[doc = \"x\"]")));
        assert!(direct(&item(
            "#[serde(rename_all = \"camelCase\", default)] #[serde(bound(deserialize = \"T: From<u8>\"))]"
        )));
    }

    #[test]
    fn others_send_the_struct_to_the_general_decoder() {
        assert!(!direct(&item("#[serde(deny_unknown_fields)]")));
        assert!(!direct(&item(
            "#[serde(rename_all = \"camelCase\", transparent)]"
        )));
        assert!(!direct(&item("#[serde(from = \"Other\")]")));
        assert!(!direct(&item("#[serde(try_from = \"Other\")]")));
        assert!(!direct(&item("#[cfg_attr(test, serde(default))]")));
        assert!(!direct(&item("#[serde]")));
    }
}
