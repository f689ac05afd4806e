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
        let mut legacy = LegacyBody::default();
        while let Some(key) = map.next_key_seed(key::skip(Level::Top))? {
            match key {
                Key::Response => {
                    let outcome = map.next_value_seed(ResponseSeed::<T>::new(self.ctx))?;
                    // Returned from here, not kept in an `Option` until the loop ends: the
                    // outcome holds the whole response struct, and every move of it shows on
                    // small responses. Whatever follows `Response` is skipped, but a second
                    // `Response` (an error envelope after a data envelope, say) is refused.
                    while let Some(key) = map.next_key_seed(key::skip(Level::Top))? {
                        if let Key::Response = key {
                            self.ctx
                                .flags
                                .duplicate
                                .set(Some(EnvelopeProblem::DuplicateResponse));
                            return Err(de::Error::custom("the body has more than one `Response`"));
                        }
                        map.next_value::<IgnoredAny>()?;
                    }
                    return Ok(outcome);
                }
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
            Ok(Outcome::Legacy(legacy))
        } else {
            Err(de::Error::custom("the body has no `Response` object"))
        }
    }
}
