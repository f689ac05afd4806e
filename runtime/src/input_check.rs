//! The compile-time check of request structs against the action's published `input` object.
//!
//! `#[tencent_request(Response)]` cannot read the schema itself: it sees only the response
//! type's name, not the service, version and action that `#[tencent_action]` was given. So the
//! response attribute, when it checks against a schema, also records the action's input object
//! in [`Action::__INPUT`](crate::Action) as data (members, types, required flags, and the
//! messages to show), and the request attribute emits one constant per field that calls
//! [`check_field`] (and one for the struct that calls [`check_required`]). Evaluating those
//! constants is the check: a mistake is a compile error ("evaluation panicked") spanned at the
//! field, with the message prepared by the response attribute. Without a schema `__INPUT` is
//! `None` and every check passes.
//!
//! Not public API: the types and functions are reached through `__private` by generated code.

/// What the schema says a member is (`type`, and for `list` what its elements are).
#[derive(Clone, Copy)]
pub enum SpecKind {
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `bool`.
    Bool,
    /// `string` (and `datetime`).
    Str,
    /// `list`, of the given element kind.
    List(&'static SpecKind),
    /// `object`.
    Object,
    /// A type this check does not know: anything goes.
    Any,
}

/// What a request field's Rust type can hold, as far as its tokens tell (see the macro's
/// `ty` module); `Unknown` (a user type, a generic parameter, `serde_json::Value`) is never
/// judged.
#[derive(Clone, Copy)]
pub enum FieldKind {
    /// An integer type.
    Int,
    /// `f32` or `f64`.
    Float,
    /// `bool`.
    Bool,
    /// A string type.
    Str,
    /// A sequence, of the given element kind.
    Seq(&'static FieldKind),
    /// Anything the macro cannot judge.
    Unknown,
}

/// One member of the input object, with the messages for each way a field can contradict it.
pub struct InputMember {
    /// The member's wire name.
    pub name: &'static str,
    /// Its type.
    pub kind: SpecKind,
    /// `required: true`.
    pub required: bool,
    /// Shown when a field for this member has a type that cannot hold it.
    pub type_message: &'static str,
    /// Shown when a field for this optional member is sent even when empty.
    pub optional_message: &'static str,
    /// Shown when a field's wire name is a near miss of this member's.
    pub near_message: &'static str,
    /// Shown when the struct has no field for this required member.
    pub missing_message: &'static str,
}

/// An action's input object.
pub struct InputSchema {
    /// The members, in the schema's order.
    pub members: &'static [InputMember],
    /// Shown when a field's wire name is no member's and none is close.
    pub unknown_message: &'static str,
}

/// Checks one request field: its wire name is a member, its type can hold the member's, and a
/// field for an optional member is left out when empty (`skip_serializing_if`), so that an unset
/// parameter is not sent as `null` or a zero value. `kind` describes the field's type, or its
/// `Option`'s inner type.
pub const fn check_field(
    schema: Option<&InputSchema>,
    wire: &str,
    kind: FieldKind,
    skipped_when_empty: bool,
) {
    let Some(schema) = schema else {
        return;
    };
    let mut i = 0;
    while i < schema.members.len() {
        let member = &schema.members[i];
        if str_eq(member.name, wire) {
            if !compatible(kind, member.kind) {
                panic!("{}", member.type_message);
            }
            if !member.required && !skipped_when_empty {
                panic!("{}", member.optional_message);
            }
            return;
        }
        i += 1;
    }
    match closest(schema.members, wire) {
        Some(near) => panic!("{}", schema.members[near].near_message),
        None => panic!("{}", schema.unknown_message),
    }
}

/// Checks that every required member has a field (`wires`: the struct's wire names).
pub const fn check_required(schema: Option<&InputSchema>, wires: &[&str]) {
    let Some(schema) = schema else {
        return;
    };
    let mut i = 0;
    while i < schema.members.len() {
        let member = &schema.members[i];
        if member.required && !contains(wires, member.name) {
            panic!("{}", member.missing_message);
        }
        i += 1;
    }
}

/// Whether a field of `field`'s kind can hold a member of `spec`'s; only clear contradictions
/// are refused.
const fn compatible(field: FieldKind, spec: SpecKind) -> bool {
    match (field, spec) {
        (FieldKind::Unknown, _) | (_, SpecKind::Any) => true,
        (FieldKind::Int, SpecKind::Int) => true,
        (FieldKind::Int | FieldKind::Float, SpecKind::Float) => true,
        (FieldKind::Bool, SpecKind::Bool) => true,
        (FieldKind::Str, SpecKind::Str) => true,
        (FieldKind::Seq(element), SpecKind::List(spec_element)) => {
            compatible(*element, *spec_element)
        }
        // A primitive or a sequence can never be a JSON object.
        (_, SpecKind::Object) => false,
        _ => false,
    }
}

const fn contains(names: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        if str_eq(names[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// `a == b`, in a `const fn`.
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The longest name the near-miss search compares; longer ones are only ever matched exactly.
const MAX: usize = 64;

/// The member whose name is closest to `name`, ignoring ASCII case, when it is close enough to
/// be a typo: the rule the attribute macros use for "did you mean" (edit distance at most 2, or
/// a third of the member's length).
const fn closest(members: &[InputMember], name: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut best_distance = usize::MAX;
    let mut i = 0;
    while i < members.len() {
        if let Some(d) = distance(name.as_bytes(), members[i].name.as_bytes()) {
            let limit = if members[i].name.len() / 3 > 2 {
                members[i].name.len() / 3
            } else {
                2
            };
            if d <= limit && d < best_distance {
                best = Some(i);
                best_distance = d;
            }
        }
        i += 1;
    }
    best
}

/// Levenshtein distance ignoring ASCII case, on one row of at most [`MAX`] + 1 cells; `None`
/// for a longer `b`.
const fn distance(a: &[u8], b: &[u8]) -> Option<usize> {
    if b.len() > MAX {
        return None;
    }
    let mut row = [0usize; MAX + 1];
    let mut j = 0;
    while j <= b.len() {
        row[j] = j;
        j += 1;
    }
    let mut i = 0;
    while i < a.len() {
        let mut previous = row[0];
        row[0] = i + 1;
        let mut j = 0;
        while j < b.len() {
            let current = row[j + 1];
            let substitute = previous
                + if a[i].eq_ignore_ascii_case(&b[j]) {
                    0
                } else {
                    1
                };
            let mut value = row[j] + 1;
            if current + 1 < value {
                value = current + 1;
            }
            if substitute < value {
                value = substitute;
            }
            row[j + 1] = value;
            previous = current;
            j += 1;
        }
        i += 1;
    }
    Some(row[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    const INT: SpecKind = SpecKind::Int;
    const STR: SpecKind = SpecKind::Str;
    const SCHEMA: InputSchema = InputSchema {
        members: &[
            InputMember {
                name: "ZoneSet",
                kind: SpecKind::List(&STR),
                required: false,
                type_message: "type",
                optional_message: "optional",
                near_message: "near ZoneSet",
                missing_message: "missing ZoneSet",
            },
            InputMember {
                name: "Limit",
                kind: INT,
                required: true,
                type_message: "type",
                optional_message: "optional",
                near_message: "near Limit",
                missing_message: "missing Limit",
            },
        ],
        unknown_message: "unknown",
    };

    fn outcome(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
        match std::panic::catch_unwind(f) {
            Ok(()) => "ok".to_owned(),
            Err(e) => e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        }
    }

    #[test]
    fn fields_are_checked_by_name_type_and_optionality() {
        let s = Some(&SCHEMA);
        let str_seq = FieldKind::Seq(&FieldKind::Str);
        assert_eq!(outcome(|| check_field(s, "ZoneSet", str_seq, true)), "ok");
        assert_eq!(
            outcome(|| check_field(s, "ZoneSet", str_seq, false)),
            "optional"
        );
        assert_eq!(
            outcome(|| check_field(s, "ZoneSet", FieldKind::Str, true)),
            "type"
        );
        let int_seq = FieldKind::Seq(&FieldKind::Int);
        assert_eq!(outcome(|| check_field(s, "ZoneSet", int_seq, true)), "type");
        assert_eq!(
            outcome(|| check_field(s, "Limit", FieldKind::Int, false)),
            "ok"
        );
        assert_eq!(
            outcome(|| check_field(s, "Limit", FieldKind::Unknown, false)),
            "ok"
        );
        assert_eq!(
            outcome(|| check_field(s, "Limit", FieldKind::Float, false)),
            "type"
        );
        assert_eq!(
            outcome(|| check_field(s, "Zoneset", str_seq, true)),
            "near ZoneSet"
        );
        assert_eq!(
            outcome(|| check_field(s, "Limt", FieldKind::Int, false)),
            "near Limit"
        );
        assert_eq!(
            outcome(|| check_field(s, "Region", FieldKind::Str, false)),
            "unknown"
        );
        assert_eq!(
            outcome(|| check_field(None, "Region", FieldKind::Str, false)),
            "ok"
        );
    }

    #[test]
    fn required_members_need_a_field() {
        assert_eq!(outcome(|| check_required(Some(&SCHEMA), &["Limit"])), "ok");
        assert_eq!(
            outcome(|| check_required(Some(&SCHEMA), &["ZoneSet"])),
            "missing Limit"
        );
        assert_eq!(outcome(|| check_required(None, &[])), "ok");
    }
}
