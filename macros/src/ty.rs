//! What a field's Rust type can hold, as far as its tokens tell: the macro sees names, not
//! types, so anything it cannot judge (a user-defined type, a generic parameter, a type alias)
//! is `Unknown` and accepted.

use syn::{GenericArgument, PathArguments, Type};

pub enum Shape<'a> {
    Int(IntTy),
    Float,
    Bool,
    /// `String`, `&str`, `Cow<str>`, `Box<str>`, `Rc<str>`, `Arc<str>`.
    Str,
    /// `Vec`, `VecDeque`, `LinkedList`, sets, `BinaryHeap`, `Box<[T]>`, slices and arrays, with
    /// the element type when it is known.
    Seq(Option<&'a Type>),
    Option(&'a Type),
    /// `HashMap`, `BTreeMap`: a JSON object.
    Map,
    /// `serde_json::Value`: anything, `null` included.
    Any,
    /// A user-defined type by name: maybe a `#[tencent_model]`.
    Named(&'a Type),
    Unknown,
}

/// A Rust integer type: its sign and width. `isize`/`usize` count as 32 bits, the width they
/// are guaranteed on every target.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct IntTy {
    pub signed: bool,
    pub bits: u16,
}

impl IntTy {
    fn of(name: &str) -> Option<IntTy> {
        let (signed, width) = match name.split_at_checked(1)? {
            ("i", w) => (true, w),
            ("u", w) => (false, w),
            _ => return None,
        };
        let bits = match width {
            "size" => 32,
            "8" | "16" | "32" | "64" | "128" => width.parse().ok()?,
            _ => return None,
        };
        Some(IntTy { signed, bits })
    }
}

impl Shape<'_> {
    /// A JSON scalar or array: what an `object` member can never be.
    pub fn is_primitive_or_seq(&self) -> bool {
        matches!(
            self,
            Shape::Int(_) | Shape::Float | Shape::Bool | Shape::Str | Shape::Seq(_)
        )
    }
}

const SEQUENCES: [&str; 6] = [
    "Vec",
    "VecDeque",
    "LinkedList",
    "HashSet",
    "BTreeSet",
    "BinaryHeap",
];

/// Classifies `ty`; `generics` are the struct's own type parameters (never judged).
pub fn classify<'a>(ty: &'a Type, generics: &[syn::Ident]) -> Shape<'a> {
    match ty {
        Type::Paren(p) => classify(&p.elem, generics),
        Type::Group(g) => classify(&g.elem, generics),
        Type::Reference(r) => match &*r.elem {
            Type::Slice(s) => Shape::Seq(Some(&s.elem)),
            elem => classify(elem, generics),
        },
        Type::Slice(s) => Shape::Seq(Some(&s.elem)),
        Type::Array(a) => Shape::Seq(Some(&a.elem)),
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return Shape::Unknown;
            };
            if p.path.segments.len() == 1 && generics.contains(&last.ident) {
                return Shape::Unknown;
            }
            let name = last.ident.to_string();
            if let Some(int) = IntTy::of(&name) {
                return Shape::Int(int);
            }
            let arg = last_type_arg(&last.arguments);
            match (name.as_str(), arg) {
                ("f32" | "f64", _) => Shape::Float,
                ("bool", _) => Shape::Bool,
                ("String" | "str", _) => Shape::Str,
                ("Option", Some(inner)) => Shape::Option(inner),
                (n, elem) if SEQUENCES.contains(&n) => Shape::Seq(elem),
                ("HashMap" | "BTreeMap", _) => Shape::Map,
                ("Value", _) => Shape::Any,
                ("Box" | "Rc" | "Arc" | "Cow", Some(inner)) => match inner {
                    Type::Slice(s) => Shape::Seq(Some(&s.elem)),
                    inner => classify(inner, generics),
                },
                _ => Shape::Named(ty),
            }
        }
        _ => Shape::Unknown,
    }
}

/// The last type argument of `Name<'a, T>`: `T`.
fn last_type_arg(args: &PathArguments) -> Option<&Type> {
    let PathArguments::AngleBracketed(args) = args else {
        return None;
    };
    args.args.iter().rev().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// A type as a user writes it (`Option<Vec<Instance>>`), not as tokens print
/// (`Option < Vec < Instance > >`).
pub fn render(ty: &impl quote::ToTokens) -> String {
    let raw = ty.to_token_stream().to_string();
    let mut out = String::with_capacity(raw.len());
    let chars: Vec<char> = raw.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().last().unwrap_or(' ');
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let glue_after = matches!(prev, '<' | '&' | ':' | '(' | '[' | '\'');
            let glue_before = matches!(next, '<' | '>' | ',' | ':' | ')' | ']' | ';');
            if glue_after || glue_before {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(src: &str) -> &'static str {
        let ty: &'static Type = Box::leak(Box::new(syn::parse_str(src).unwrap()));
        match classify(ty, &[syn::parse_str("T").unwrap()]) {
            Shape::Int(_) => "int",
            Shape::Float => "float",
            Shape::Bool => "bool",
            Shape::Str => "str",
            Shape::Seq(_) => "seq",
            Shape::Option(_) => "option",
            Shape::Map => "map",
            Shape::Any => "any",
            Shape::Named(_) => "named",
            Shape::Unknown => "unknown",
        }
    }

    #[test]
    fn classifies_the_documented_types() {
        for (src, want) in [
            ("u64", "int"),
            ("std::primitive::i32", "int"),
            ("f32", "float"),
            ("bool", "bool"),
            ("String", "str"),
            ("&'a str", "str"),
            ("Cow<'a, str>", "str"),
            ("Box<str>", "str"),
            ("std::sync::Arc<str>", "str"),
            ("Vec<Instance>", "seq"),
            ("std::collections::VecDeque<u8>", "seq"),
            ("Box<[String]>", "seq"),
            ("BTreeSet<String>", "seq"),
            ("Option<Vec<u8>>", "option"),
            ("Box<u64>", "int"),
            ("HashMap<String, u8>", "map"),
            ("serde_json::Value", "any"),
            ("Instance", "named"),
            ("T", "unknown"),
            ("(u8, u8)", "unknown"),
        ] {
            assert_eq!(shape(src), want, "{src}");
        }
    }

    #[test]
    fn renders_like_source() {
        let ty: Type = syn::parse_str("Option < Vec < std :: string :: String > >").unwrap();
        assert_eq!(render(&ty), "Option<Vec<std::string::String>>");
        let ty: Type = syn::parse_str("Option<Cow<'a, str>>").unwrap();
        assert_eq!(render(&ty), "Option<Cow<'a, str>>");
        let ty: Type = syn::parse_str("&'a [u8]").unwrap();
        assert_eq!(render(&ty), "&'a [u8]");
    }
}
