//! Checks on the parsed model. Each failed check is an error at the token the user must change.

use proc_macro2::Span;

use crate::args::{Args, Which};
use crate::ast::{Direction, Input};
use crate::ctxt::Ctxt;

/// Checks the arguments: present, and each of the right form.
pub fn check_args(cx: &mut Ctxt, args: &Args) {
    // A request's coordinates are needed only for its schema check: `request` reports them.
    let request = args.which == Which::Request;
    match &args.service {
        None if request => {}
        None => missing(cx, args, "service = \"cvm\""),
        Some(lit) => {
            let s = lit.value();
            let ok = s.starts_with(|c: char| c.is_ascii_lowercase())
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
            if !ok {
                cx.error_at(
                    lit.span(),
                    format!(
                        "`service` must be lower-case ASCII letters and digits, starting with a letter (the endpoint's host prefix, like \"cvm\" or \"sms\"), found \"{}\"",
                        s.escape_default()
                    ),
                );
            }
        }
    }
    match &args.version {
        None if request => {}
        None => missing(cx, args, "version = \"YYYY-MM-DD\""),
        Some(lit) => {
            if let Err(why) = check_date(&lit.value()) {
                cx.error_at(
                    lit.span(),
                    format!("`version` must be a real date written YYYY-MM-DD, like \"2017-03-12\": {why}"),
                );
            }
        }
    }
    match &args.action {
        None if args.which != Which::Action => {}
        None => missing(cx, args, "action = \"DescribeInstances\""),
        Some(lit) => {
            let s = lit.value();
            let ok = s.starts_with(|c: char| c.is_ascii_uppercase())
                && s.chars().all(|c| c.is_ascii_alphanumeric());
            if !ok {
                cx.error_at(
                    lit.span(),
                    format!(
                        "`action` must be a PascalCase identifier (ASCII letters and digits, starting with an upper-case letter), like \"DescribeInstances\", found \"{}\"",
                        s.escape_default()
                    ),
                );
            }
        }
    }
}

fn missing(cx: &mut Ctxt, args: &Args, example: &str) {
    let key = example.split(' ').next().unwrap_or(example);
    if args.given.iter().any(|k| k == key) {
        // Written but malformed: that error is already reported at the argument.
        return;
    }
    cx.error_at(
        Span::call_site(),
        format!(
            "#[{}] is missing `{key}`: add `{example}`",
            args.which.name()
        ),
    );
}

/// `Ok` when `s` is `YYYY-MM-DD` and names a day that exists.
fn check_date(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("\"{}\" is not of that form", s.escape_default()));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} does not exist"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > days {
        return Err(format!("{year:04}-{month:02} has no day {day:02}"));
    }
    Ok(())
}

/// Checks the struct: no field takes an envelope name, no two fields share a name, and
/// what the attribute derives is not derived twice.
pub fn check_input(cx: &mut Ctxt, which: Which, input: &Input) {
    for (path, name) in &input.derived {
        let message = match (which, name.as_str()) {
            (Which::Action, _) => "remove `Deserialize` from this derive: #[tencent_action] derives it, reading the fields inside the `Response` envelope".to_owned(),
            (Which::Model, _) => format!("remove `{name}` from this derive: #[tencent_model] derives `Deserialize` and `Serialize`, with `rename_all = \"PascalCase\"`"),
            (Which::Request, _) => "remove `Serialize` from this derive: #[tencent_request] derives it, with PascalCase wire names".to_owned(),
        };
        cx.error_spanned(path, message);
    }
    let direction = match which {
        Which::Request => Direction::Ser,
        _ => Direction::De,
    };
    let rule = input.rename_rule(direction);
    let mut seen: Vec<(String, Span)> = Vec::new();
    for field in &input.fields {
        let wire_names = field.wire_names(direction, rule);
        if which == Which::Action
            && field.ident.to_string().trim_start_matches("r#") == "request_id"
            && !wire_names.iter().any(|w| w.name == "RequestId")
        {
            // With the wire name `RequestId` the error below says it all.
            cx.error_at(
                field.ident.span(),
                "the field name `request_id` is taken by the RequestId that #[tencent_action] captures (read it with `.request_id()`, from the `Action` trait): rename the field, keeping its wire name with `#[serde(rename = \"...\")]`",
            );
        }
        for wire in wire_names {
            if which == Which::Action && (wire.name == "RequestId" || wire.name == "Error") {
                let what = if wire.name == "RequestId" {
                    "the envelope captures it: read it with `.request_id()` (from the `Action` trait)"
                } else {
                    "the envelope turns it into a `tencent_action::Error` before any field is read"
                };
                cx.error_at(
                    wire.span,
                    format!(
                        "field `{}` has the wire name `{}`, which belongs to the Tencent Cloud envelope: {what}; remove the field or rename it",
                        field.ident, wire.name
                    ),
                );
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(n, _)| *n == wire.name) {
                cx.error_at(
                    wire.span,
                    format!(
                        "two fields have the wire name `{}`: field `{}` takes it again",
                        wire.name, field.ident
                    ),
                );
                cx.error_at(*first, format!("`{}` is first taken here", wire.name));
                continue;
            }
            seen.push((wire.name, wire.span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_date;

    #[test]
    fn dates() {
        assert!(check_date("2017-03-12").is_ok());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2023-02-29").is_err());
        assert!(check_date("2000-02-29").is_ok());
        assert!(check_date("1900-02-29").is_err());
        assert!(check_date("2017-13-01").is_err());
        assert!(check_date("2017-04-31").is_err());
        assert!(check_date("2017-3-12").is_err());
        assert!(check_date("20170312").is_err());
        assert!(check_date("2017-03-00").is_err());
    }
}
