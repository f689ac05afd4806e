//! What a member's published type allows, and whether a field's Rust type can hold it.
//!
//! Types are compared where the tokens clearly tell (integers, floats, bools, strings,
//! sequences); a user-defined type, a generic parameter, a map or `serde_json::Value` is not
//! judged here (a `#[tencent_model]` type is, by `probes`). Integers are judged by width, not
//! sign: a value read (a response member) needs an integer at least as wide as the published
//! one (`int64` and `uint64` take `i64`, `u64`, `i128`, `u128`; `u8`, `i16`, `u32` are
//! refused); the sign is free, by choice, as in the official Java SDK, which reads both as
//! `Long`: Tencent's 64-bit members are counts, ids, sizes and timestamps, never negative in
//! a `uint64` nor past 2^63, and a `u64` field given a negative `int64` fails at run time
//! with a shape error naming its path. A value written (a request parameter) only has to fit,
//! so any integer no wider than the published one is accepted (`u32` for an `int64` `Limit`).
//! `isize`/`usize` count as 32 bits. A float is refused for an `int` member and an integer
//! for a `float` member: serde refuses those values at run time.

use syn::Type;

use crate::spec::Member;
use crate::ty::{self, IntTy, Shape};

/// What a member's `type` and `member` allow.
pub enum Expect<'s> {
    /// `int64`, `uint64` (and any narrower width a schema publishes).
    Int {
        published: &'s str,
        ty: IntTy,
    },
    Float,
    Bool,
    Str,
    Object(&'s str),
    List(Box<Expect<'s>>),
}

impl<'s> Expect<'s> {
    pub fn of(member: &'s Member) -> Expect<'s> {
        match member.ty.as_str() {
            "list" => Expect::List(Box::new(Expect::scalar(&member.member))),
            "object" => Expect::Object(&member.member),
            "int" => Expect::int(&member.member).unwrap_or(Expect::Int {
                published: "int64",
                ty: IntTy {
                    signed: true,
                    bits: 64,
                },
            }),
            "float" => Expect::Float,
            "bool" => Expect::Bool,
            "string" | "binary" => Expect::Str,
            _ => Expect::scalar(&member.member),
        }
    }

    /// `int64` → a signed 64-bit integer; `uint32` → an unsigned 32-bit one.
    fn int(published: &'s str) -> Option<Expect<'s>> {
        let (signed, bits) = match published {
            "int" => (true, "64"),
            p => match p.strip_prefix("uint") {
                Some(bits) => (false, bits),
                None => (true, p.strip_prefix("int")?),
            },
        };
        let bits = bits.parse().ok()?;
        Some(Expect::Int {
            published,
            ty: IntTy { signed, bits },
        })
    }

    /// A list's element, or a member whose `type` is unusual: named by `member`.
    fn scalar(member: &'s str) -> Expect<'s> {
        if let Some(int) = Expect::int(member) {
            return int;
        }
        match member {
            "float" | "double" => Expect::Float,
            "bool" => Expect::Bool,
            "string" | "datetime" | "datetime_iso" | "date" | "binary" => Expect::Str,
            object => Expect::Object(object),
        }
    }

    /// A number or a bool: what `tencent_action::lenient` reads from a string.
    pub fn is_lenient_scalar(&self) -> bool {
        matches!(self, Expect::Int { .. } | Expect::Float | Expect::Bool)
    }

    pub fn describe(&self) -> String {
        match self {
            Expect::Int { published, .. } => format!("an int ({published})"),
            Expect::Float => "a float".to_owned(),
            Expect::Bool => "a bool".to_owned(),
            Expect::Str => "a string".to_owned(),
            Expect::Object(name) => format!("an object `{name}`"),
            Expect::List(elem) => format!("a list of {}", elem.plural()),
        }
    }

    fn plural(&self) -> String {
        match self {
            Expect::Int { published, .. } => format!("ints ({published})"),
            Expect::Float => "floats".to_owned(),
            Expect::Bool => "bools".to_owned(),
            Expect::Str => "strings".to_owned(),
            Expect::Object(name) => format!("`{name}` objects"),
            Expect::List(elem) => format!("lists of {}", elem.plural()),
        }
    }

    pub fn suggest(&self) -> String {
        match self {
            Expect::Int { .. } | Expect::Float | Expect::Bool => format!("`{}`", self.rust()),
            Expect::Str => "a string type such as `String`".to_owned(),
            Expect::Object(name) => format!("a struct for `{name}` (or `serde_json::Value`)"),
            Expect::List(elem) => format!("a sequence such as `Vec<{}>`", elem.rust()),
        }
    }

    /// The Rust type the generator writes for the member.
    pub fn rust(&self) -> String {
        match self {
            Expect::Int { ty, .. } => {
                format!("{}{}", if ty.signed { 'i' } else { 'u' }, ty.bits.max(8))
            }
            Expect::Float => "f64".to_owned(),
            Expect::Bool => "bool".to_owned(),
            Expect::Str => "String".to_owned(),
            Expect::Object(name) => (*name).to_owned(),
            Expect::List(elem) => format!("Vec<{}>", elem.rust()),
        }
    }
}

/// Whether a Rust integer is right for a published one (see the module doc): on the read side
/// it holds every published value, on the write side its values fit.
fn holds(published: IntTy, rust: IntTy, reads: bool) -> bool {
    if reads {
        rust.bits >= published.bits
    } else {
        rust.bits <= published.bits
    }
}

/// `Err(the type at fault)` when `ty` clearly cannot hold what `expect` describes.
pub fn compatible<'t>(
    expect: &Expect<'_>,
    ty: &'t Type,
    generics: &[syn::Ident],
    reads: bool,
) -> Result<(), &'t Type> {
    let shape = match ty::classify(ty, generics) {
        // An `Option` inside (a list's elements) is never a contradiction.
        Shape::Option(inner) => return compatible(expect, inner, generics, reads),
        shape => shape,
    };
    let ok = match (expect, &shape) {
        (_, Shape::Any | Shape::Named(_) | Shape::Unknown) => true,
        (Expect::Int { ty: published, .. }, Shape::Int(rust)) => holds(*published, *rust, reads),
        (Expect::Float, Shape::Float) => true,
        (Expect::Bool, Shape::Bool) => true,
        (Expect::Str, Shape::Str) => true,
        (Expect::Object(_), shape) => !shape.is_primitive_or_seq(),
        (Expect::List(elem), Shape::Seq(Some(elem_ty))) => {
            return compatible(elem, elem_ty, generics, reads);
        }
        (Expect::List(_), Shape::Seq(None)) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ty)
    }
}

/// The user-defined type that must model `expect`'s object, with the object's name: the `T` of
/// `T`, `Option<T>`, `Vec<T>`, `Box<T>`...
pub fn model_type<'t, 's>(
    expect: &Expect<'s>,
    ty: &'t Type,
    generics: &[syn::Ident],
) -> Option<(&'s str, &'t Type)> {
    match (expect, ty::classify(ty, generics)) {
        (_, Shape::Option(inner)) => model_type(expect, inner, generics),
        (Expect::Object(name), Shape::Named(t)) => Some((name, t)),
        (Expect::List(elem), Shape::Seq(Some(t))) => model_type(elem, t, generics),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(signed: bool, bits: u16) -> IntTy {
        IntTy { signed, bits }
    }

    #[test]
    fn integer_widths() {
        let int64 = int(true, 64);
        let uint64 = int(false, 64);
        let read = |p, r| holds(p, r, true);
        assert!(read(int64, int(true, 64)) && read(int64, int(true, 128)));
        assert!(read(int64, int(false, 64)) && !read(int64, int(true, 32)));
        assert!(read(uint64, int(false, 64)) && read(uint64, int(true, 64)));
        assert!(!read(uint64, int(false, 8)) && !read(uint64, int(true, 16)));
        assert!(!read(uint64, int(false, 32)));
        let write = |p, r| holds(p, r, false);
        assert!(write(int64, int(false, 32)) && write(int64, int(false, 64)));
        assert!(write(uint64, int(true, 64)) && !write(int64, int(true, 128)));
    }
}
