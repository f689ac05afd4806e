//! What `#[tencent_request]` derives from its action's published input and output besides the
//! checks: how the request pages (`tencent_action::paging::Paginate`) and whether its input has
//! a `ClientToken` (`ActionRequest::CLIENT_TOKEN`).
//!
//! Tencent's paging shapes (counted over the bundle by this module's test): `Offset`/`Limit`,
//! strings when the input types them so; `PageNumber`/`PageSize`; a token the output hands
//! back (`NextToken`, `Context`, `Cursor`, `ScrollToken`, `SearchAfter`, `ScrollId`, `Marker`,
//! under the same name or `Next` + the name). The answer's total is `TotalCount` or `Total`;
//! its list, the output's only list (of objects, when there are several lists).

use proc_macro2::TokenStream;
use quote::quote;

use crate::args::{CursorDecl, PagingArg, PagingDecl};
use crate::spec::{Object, Spec};

/// How a request pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paging {
    pub cursor: Cursor,
    pub total: Option<String>,
    pub items: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cursor {
    Offset {
        offset: String,
        limit: String,
        strings: bool,
    },
    Page {
        number: String,
        size: String,
    },
    Token {
        request: String,
        response: String,
    },
}

/// Request members that carry a paging token, in the order they are looked for.
const TOKENS: [&str; 7] = [
    "NextToken",
    "Context",
    "Cursor",
    "ScrollToken",
    "SearchAfter",
    "ScrollId",
    "Marker",
];

/// What the schema says of an action whose input and output objects are these.
pub struct Shapes {
    pub paging: Option<Paging>,
    pub client_token: bool,
}

pub fn detect(spec: &Spec, input: Option<&Object>, output: Option<&Object>) -> Shapes {
    let has = |object: Option<&Object>, name: &str| {
        object.is_some_and(|o| o.members.iter().any(|m| m.name == name))
    };
    let member_ty = |name: &str| {
        input.and_then(|o| {
            o.members
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.ty.as_str())
        })
    };
    let cursor = if has(input, "Offset") && has(input, "Limit") {
        Some(Cursor::Offset {
            offset: "Offset".into(),
            limit: "Limit".into(),
            strings: member_ty("Offset") == Some("string"),
        })
    } else if has(input, "PageNumber") && has(input, "PageSize") {
        Some(Cursor::Page {
            number: "PageNumber".into(),
            size: "PageSize".into(),
        })
    } else {
        TOKENS.iter().find_map(|token| {
            if !has(input, token) {
                return None;
            }
            let next = format!("Next{token}");
            let response = if has(output, token) {
                (*token).to_owned()
            } else if has(output, &next) {
                next
            } else {
                return None;
            };
            Some(Cursor::Token {
                request: (*token).to_owned(),
                response,
            })
        })
    };
    let paging = cursor.map(|cursor| Paging {
        cursor,
        total: total(output),
        items: items(spec, output),
    });
    Shapes {
        paging,
        client_token: has(input, "ClientToken"),
    }
}

fn total(output: Option<&Object>) -> Option<String> {
    let output = output?;
    ["TotalCount", "Total"]
        .iter()
        .find(|name| output.members.iter().any(|m| m.name == **name))
        .map(|name| (*name).to_owned())
}

/// The output's list of items: its only list, else its only list of objects.
fn items(spec: &Spec, output: Option<&Object>) -> Option<String> {
    let lists: Vec<_> = output?.members.iter().filter(|m| m.ty == "list").collect();
    if let [only] = lists[..] {
        return Some(only.name.clone());
    }
    let of_objects: Vec<_> = lists
        .iter()
        .filter(|m| spec.objects.contains_key(&m.member))
        .collect();
    match of_objects[..] {
        [only] => Some(only.name.clone()),
        _ => None,
    }
}

/// The paging of a request: declared by its `paging` argument (with the schema's total and
/// items where the argument names none), or detected from the schema; `None` when it does not
/// page or `paging = false`.
pub fn resolve(arg: Option<&PagingArg>, detected: Option<Paging>) -> Option<Paging> {
    match arg {
        Some(PagingArg::Off) => None,
        Some(PagingArg::Declared(decl)) => Some(declared(decl, detected.as_ref())),
        None => detected,
    }
}

fn declared(decl: &PagingDecl, detected: Option<&Paging>) -> Paging {
    let cursor = match &decl.cursor {
        CursorDecl::Offset {
            offset,
            limit,
            strings,
        } => Cursor::Offset {
            offset: offset.value(),
            limit: limit.value(),
            strings: *strings,
        },
        CursorDecl::Page { number, size } => Cursor::Page {
            number: number.value(),
            size: size.value(),
        },
        CursorDecl::Token { request, response } => Cursor::Token {
            request: request.value(),
            response: response.as_ref().unwrap_or(request).value(),
        },
    };
    Paging {
        cursor,
        total: decl
            .total
            .as_ref()
            .map(|t| t.value())
            .or_else(|| detected.and_then(|d| d.total.clone())),
        items: decl
            .items
            .as_ref()
            .map(|t| t.value())
            .or_else(|| detected.and_then(|d| d.items.clone())),
    }
}

/// The `tencent_action::paging::Paging` value, as a constant expression.
pub fn tokens(paging: &Paging) -> TokenStream {
    let base = match &paging.cursor {
        Cursor::Offset {
            offset,
            limit,
            strings: false,
        } => quote!(::tencent_action::paging::Paging::offset(#offset, #limit)),
        Cursor::Offset {
            offset,
            limit,
            strings: true,
        } => quote!(::tencent_action::paging::Paging::string_offset(#offset, #limit)),
        Cursor::Page { number, size } => {
            quote!(::tencent_action::paging::Paging::page_number(#number, #size))
        }
        Cursor::Token { request, response } => {
            quote!(::tencent_action::paging::Paging::token(#request, #response))
        }
    };
    let total = paging.total.as_ref().map(|t| quote!(.total(#t)));
    let items = paging.items.as_ref().map(|i| quote!(.items(#i)));
    quote!(#base #total #items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec;

    /// Every action of the bundle: the shapes Tencent publishes, counted (the numbers the
    /// client's documentation gives, over tccli 3.1.189.1).
    #[test]
    fn the_bundle_pages_as_tencent_publishes() {
        let index = spec::bundle();
        let (mut offset, mut strings, mut page, mut token, mut client_token) = (0, 0, 0, 0, 0);
        let mut totals = 0;
        for entry in &index.entries {
            let Ok(Some(loaded)) = spec::find(&entry.service, &entry.version) else {
                continue;
            };
            let spec = &loaded.spec;
            for action in spec.actions.values() {
                let input = action.input.as_ref().and_then(|i| spec.objects.get(i));
                let output = spec.objects.get(&action.output);
                let shapes = detect(spec, input, output);
                client_token += usize::from(shapes.client_token);
                let Some(paging) = shapes.paging else {
                    continue;
                };
                totals += usize::from(paging.total.is_some());
                match paging.cursor {
                    Cursor::Offset { strings: s, .. } => {
                        offset += 1;
                        strings += usize::from(s);
                    }
                    Cursor::Page { .. } => page += 1,
                    Cursor::Token { .. } => token += 1,
                }
            }
        }
        println!(
            "offset {offset} (strings {strings}), page {page}, token {token}, with a total {totals}, ClientToken {client_token}"
        );
        // Every version of every product in the bundle (an action counted once per version):
        // what the detection finds; a change of the rules or of the bundle shows here.
        assert_eq!(
            (offset, strings, page, token, totals, client_token),
            (2283, 23, 273, 115, 2079, 84)
        );
    }
}
