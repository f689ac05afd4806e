//! The procedural macro of [`tencent-action`](https://docs.rs/tencent-action): use it through
//! that crate, which re-exports it and holds the runtime the generated code calls.
//!
//! The stages, one file each, after serde_derive and thiserror, shared by the three attribute
//! macros: `args` parses the attribute's arguments, `attr` the `#[serde(...)]` and
//! `#[tencent(...)]` attributes of fields and structs (both directions, one pass), `ast`
//! models the input struct, `valid` checks the model, `schema` checks it against Tencent's
//! published schema (`settings` reads where the crate keeps its specs, `spec` finds and caches
//! the files, the bundled ones included, `ty` classifies field types), `expand` (and `request`)
//! generate code (`hidden` the RequestId's field; `paging` what a request derives from its
//! action's input and output, `input_schema` the input it hands the test endpoint). Every error
//! is collected in a `ctxt::Ctxt` with the span of the token to change, so one build reports
//! all of them. `codes` holds the function-like `error_codes!`, staged the same way.

mod args;
mod ast;
mod attr;
mod codes;
mod ctxt;
mod expand;
mod hidden;
mod input_schema;
mod json;
mod paging;
mod request;
mod schema;
mod settings;
mod spec;
mod ty;
mod valid;

use proc_macro::TokenStream;

/// Declares a Tencent Cloud API 3.0 response struct; see the `tencent-action` crate.
#[proc_macro_attribute]
pub fn tencent_action(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::tencent_action(args.into(), input.into()).into()
}

/// Derives `Deserialize` and `Serialize` for a nested type and checks it against a schema
/// object; see the `tencent-action` crate.
#[proc_macro_attribute]
pub fn tencent_model(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::tencent_model(args.into(), input.into()).into()
}

/// Declares a product's error codes as an enum; see `tencent_action::error_codes!`.
#[proc_macro]
pub fn error_codes(input: TokenStream) -> TokenStream {
    codes::error_codes(input.into()).into()
}

/// Declares a request struct and the response type of its action; see
/// `tencent_action::tencent_request`.
#[proc_macro_attribute]
pub fn tencent_request(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::tencent_request(args.into(), input.into()).into()
}
