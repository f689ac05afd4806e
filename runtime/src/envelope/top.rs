//! The top-level object: `Response`, or a legacy API 2.0 error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::ctx::Ctx;
use super::intercept::ResponseSeed;
use super::key::{self, Key, Level};
use super::lenient::{Loose, LooseSeed, StringSeed};
use super::outcome::{LegacyBody, Outcome};
use crate::error::EnvelopeProblem;

/// Reads a whole envelope from any deserializer (the failure path wraps one to track paths).
pub(crate) fn deserialize_top<'de, T, D>(d: D, ctx: Ctx<'_>) -> Result<Outcome<'de, T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    d.deserialize_map(TopVisitor {
        ctx,
        data: PhantomData,
    })
}

/// Reads the top-level object: `Response` through [`ResponseSeed`], legacy fields leniently,
/// anything else skipped.
struct TopVisitor<'a, T> {
    ctx: Ctx<'a>,
    data: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for TopVisitor<'_, T> {
    type Value = Outcome<'de, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Tencent Cloud response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<'de, T>, A::Error> {
        // Only the `Response` value is the type's own: the entries around it are read by
        // functions generic over the map alone, compiled once for every response type.
        match until_response(&mut map)? {
            Top::Response => {
                let outcome = map.next_value_seed(ResponseSeed::<T>::new(self.ctx))?;
                // Returned from here, not kept in an `Option` until the map ends: the outcome
                // holds the whole response struct, and every move of it shows on small
                // responses.
                after_response(&mut map, self.ctx)?;
                Ok(outcome)
            }
            Top::Legacy(legacy) => Ok(Outcome::Legacy(legacy)),
        }
    }
}

/// What the top-level object holds: `Response` (its value not read yet), or, when there is no
/// `Response`, a legacy API 2.0 error.
enum Top {
    Response,
    Legacy(LegacyBody),
}

/// Reads the top-level object up to the key `Response`, the legacy fields leniently, anything
/// else skipped; an error when the object ends without `Response` and is no legacy error.
#[inline(never)]
fn until_response<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Top, A::Error> {
    let mut legacy = LegacyBody::default();
    while let Some(key) = map.next_key_seed(key::skip(Level::Top))? {
        match key {
            Key::Response => return Ok(Top::Response),
            Key::Code => {
                legacy.code = match map.next_value_seed(LooseSeed)? {
                    Loose::Int(n) => Some(n),
                    Loose::Text(s) => s.trim().parse().ok(),
                    Loose::Other => None,
                }
            }
            Key::Message => legacy.message = map.next_value_seed(StringSeed)?,
            Key::CodeDesc => legacy.code_desc = map.next_value_seed(StringSeed)?,
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    if legacy.is_error() {
        Ok(Top::Legacy(legacy))
    } else {
        Err(de::Error::custom("the body has no `Response` object"))
    }
}

/// Skips whatever follows `Response`, but refuses a second `Response` (an error envelope after
/// a data envelope, say).
#[inline(never)]
fn after_response<'de, A: MapAccess<'de>>(map: &mut A, ctx: Ctx<'_>) -> Result<(), A::Error> {
    while let Some(key) = map.next_key_seed(key::skip(Level::Top))? {
        if let Key::Response = key {
            ctx.flags
                .duplicate
                .set(Some(EnvelopeProblem::DuplicateResponse));
            return Err(de::Error::custom("the body has more than one `Response`"));
        }
        map.next_value::<IgnoredAny>()?;
    }
    Ok(())
}
