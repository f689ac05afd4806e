#!/usr/bin/env python3
"""Generate tests of `error_codes!` from Tencent's official error-code lists.

The official Python SDK package of each product, `tencentcloud-sdk-python-<service>` on PyPI,
holds `tencentcloud/<service>/<vYYYYMMDD>/errorcodes.py`: one `NAME = 'Code'` per product
error code, each after a `# description` comment. This script downloads the pinned packages
below with pip into .cache/codes/ (git-ignored) and writes, into
tests/tests/official_codes/ (git-ignored too, so nothing Tencent published is committed):

  - one module per list that pastes every code into `tencent_action::error_codes!` unchanged
    (the description as its doc comment), declares one response struct per action of the
    product's client with `codes = ...`, and asserts every mapping step: each listed code's
    variant (named by this script's own implementation of the naming rule), the common step,
    the category step and the verbatim step for an unlisted sibling of every listed code, and
    the predicates (throttled, auth, server, client, retryable) for every listed code;
  - main.rs, which makes the directory a test target: `cargo test --test official_codes`.

A fresh clone has no main.rs there, so an offline `cargo test --workspace` has no such target.

Usage, from the repository root:

    python3 scripts/gen_code_lists.py              # download (once) and generate the tests
    cargo test -p tencent-action-tests --test official_codes

    python3 scripts/gen_code_lists.py --print sms  # print a declaration to paste in your code
    python3 scripts/gen_code_lists.py --print cvm --enum CvmCode --sdk-version 3.1.178
"""

import argparse
import ast
import io
import os
import re
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, ".cache", "codes")
OUT = os.path.join(ROOT, "tests", "tests", "official_codes")

# (module name, service, API version directory, enum name, pip version). SMS 3.0.1250 is an
# older release of the same 2021-01-11 list, kept because it still publishes the code
# `UnsupportedOperation.` with its bare trailing dot.
LISTS = [
    ("sms_3_1_153", "sms", "v20210111", "SmsCode", "3.1.153"),
    ("sms_3_0_1250", "sms", "v20210111", "SmsCode", "3.0.1250"),
    ("cvm_3_1_178", "cvm", "v20170312", "CvmCode", "3.1.178"),
]

# The 26 common codes and the 20 categories, as documented by Tencent (see
# ../shared/reference/tencent-api.md); written out here so the generated expectations do not
# come from the code under test.
COMMON = [
    "AuthFailure.InvalidSecretId", "AuthFailure.MFAFailure", "AuthFailure.SecretIdNotFound",
    "AuthFailure.SignatureExpire", "AuthFailure.SignatureFailure", "AuthFailure.TokenFailure",
    "AuthFailure.UnauthorizedOperation", "DryRunOperation", "FailedOperation", "InternalError",
    "InvalidAction", "InvalidParameter", "InvalidParameterValue", "LimitExceeded",
    "MissingParameter", "NoSuchVersion", "RequestLimitExceeded", "ResourceInUse",
    "ResourceInsufficient", "ResourceNotFound", "ResourceUnavailable", "UnauthorizedOperation",
    "UnknownParameter", "UnsupportedOperation", "UnsupportedProtocol", "UnsupportedRegion",
]
CATEGORIES = sorted({c.split(".")[0] for c in COMMON})
assert len(COMMON) == 26 and len(CATEGORIES) == 20

# The predicates' documented rules (runtime/src/predicates.rs), restated independently.
RATE_LIMIT_CODES = {
    "LimitExceeded.AppDailyLimit",
    "LimitExceeded.DeliveryFrequencyLimit",
    "LimitExceeded.GlobalSmsSendingRateLimit",
    "LimitExceeded.PhoneNumberDailyLimit",
    "LimitExceeded.PhoneNumberOneHourLimit",
    "LimitExceeded.PhoneNumberSameContentDailyLimit",
    "LimitExceeded.PhoneNumberThirtySecondLimit",
}


def head(code):
    return code.split(".", 1)[0]


def expected_predicates(code):
    """(throttled, auth, server, client, retryable) for an API error with `code`."""
    h = head(code)
    throttled = h == "RequestLimitExceeded" or code in RATE_LIMIT_CODES
    server = h in ("InternalError", "ResourceUnavailable", "InternalServerError")
    dry_run = h == "DryRunOperation"
    client = not (throttled or server or dry_run)
    auth = h in ("AuthFailure", "UnauthorizedOperation")
    retryable = h == "RequestLimitExceeded" or code == "LimitExceeded.GlobalSmsSendingRateLimit"
    return throttled, auth, server, client, retryable


def variant_name(code):
    """The naming rule of `error_codes!`, restated: parts between `.` and `_`, first letter
    upper-cased, joined; a trailing dot becomes `Dot`."""
    name = "".join(p[0].upper() + p[1:] for p in re.split(r"[._]", code) if p)
    return name + "Dot" if code.endswith(".") else name


def variant_names(codes):
    """Every code's variant name: when several codes derive one name, each of them keeps `_`
    where its first dot was (CVM has `InvalidParameter.ValueTooLarge` and
    `InvalidParameterValue.TooLarge`)."""
    plain = [variant_name(c) for c in codes]
    names = []
    for code, name in zip(codes, plain):
        if plain.count(name) > 1 and "." in code:
            h = variant_name(code.split(".", 1)[0])
            name = h + "_" + name[len(h):]
        names.append(name)
    return names


def rust_str(s):
    """A Rust string literal for `s`."""
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append("\\u{%x}" % ord(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def wheel(service, version):
    """The path of the downloaded wheel, downloading it first if needed."""
    package = f"tencentcloud-sdk-python-{service}"
    prefix = f"tencentcloud_sdk_python_{service}-{version}-"
    os.makedirs(CACHE, exist_ok=True)
    found = [f for f in os.listdir(CACHE) if f.startswith(prefix) and f.endswith(".whl")]
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
             "--only-binary", ":all:", "-d", CACHE, f"{package}=={version}"],
            check=True,
        )
        found = [f for f in os.listdir(CACHE) if f.startswith(prefix) and f.endswith(".whl")]
    if not found:
        sys.exit(f"pip did not download {package}=={version}")
    return os.path.join(CACHE, found[0])


def latest_wheel(service):
    """Downloads the newest release (for --print without --sdk-version)."""
    package = f"tencentcloud-sdk-python-{service}"
    os.makedirs(CACHE, exist_ok=True)
    before = set(os.listdir(CACHE))
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps", "--only-binary",
         ":all:", "-d", CACHE, package],
        check=True,
    )
    prefix = f"tencentcloud_sdk_python_{service}-"
    wheels = [f for f in os.listdir(CACHE) if f.startswith(prefix) and f.endswith(".whl")]
    new = [f for f in wheels if f not in before] or wheels
    if not new:
        sys.exit(f"pip did not download {package}")
    return os.path.join(CACHE, sorted(new)[-1])


def read_member(path, member):
    with zipfile.ZipFile(path) as z:
        return z.read(member).decode("utf-8")


def api_dirs(path, service):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    pat = re.compile(rf"tencentcloud/{service}/(v\d{{8}})/errorcodes\.py$")
    return sorted(m.group(1) for m in map(pat.match, names) if m)


def parse_codes(source):
    """[(code, doc)] in file order: every `NAME = '...'` string assignment, with the comment
    lines right above it as its description."""
    tree = ast.parse(source)
    lines = source.splitlines()
    codes = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            continue
        doc = []
        i = node.lineno - 2
        while i >= 0 and lines[i].lstrip().startswith("#"):
            doc.insert(0, lines[i].lstrip()[1:].strip())
            i -= 1
        codes.append((node.value.value, " ".join(d for d in doc if d)))
    return codes


def parse_actions(source):
    """The action names of a product's `<service>_client.py`, in file order."""
    return re.findall(r"^    def (\w+)\(self, request\):", source, re.M)


def doc_lines(doc, indent):
    if not doc:
        return []
    # A doc comment is one line of the source: keep it on one line, whatever it holds.
    text = doc.replace("\r", " ").replace("\n", " ")
    return [f"{indent}/// {text}"]


def declaration(enum, title, codes, indent=""):
    out = [f"{indent}tencent_action::error_codes! {{", f"{indent}    /// {title}",
           f"{indent}    pub enum {enum} {{"]
    for code, doc in codes:
        out += doc_lines(doc, indent + "        ")
        out.append(f"{indent}        {rust_str(code)}")
    out += [f"{indent}    }}", f"{indent}}}"]
    return out


def generate_module(module, service, api_dir, enum, version):
    path = wheel(service, version)
    source = read_member(path, f"tencentcloud/{service}/{api_dir}/errorcodes.py")
    codes = parse_codes(source)
    actions = parse_actions(read_member(path, f"tencentcloud/{service}/{api_dir}/{service}_client.py"))
    if not codes or not actions:
        sys.exit(f"{module}: found {len(codes)} codes and {len(actions)} actions")
    listed = [c for c, _ in codes]
    if len(set(listed)) != len(listed):
        sys.exit(f"{module}: the published list repeats a code")
    names = variant_names(listed)
    if len(set(names)) != len(names):
        sys.exit(f"{module}: two published codes get one variant name")
    split = [c for c, n in zip(listed, names) if "_" in n]
    if split:
        print(f"{module}: named with `_` after the category: {', '.join(split)}")
    date = f"{api_dir[1:5]}-{api_dir[5:7]}-{api_dir[7:9]}"
    package = f"tencentcloud-sdk-python-{service}=={version}"
    src = [
        f"//! Generated by scripts/gen_code_lists.py from {package}",
        f"//! (tencentcloud/{service}/{api_dir}/errorcodes.py): {len(codes)} codes, pasted",
        f"//! unchanged, and the {len(actions)} actions of its client. Not committed.",
        "",
        "use tencent_action::prelude::*;",
        "use tencent_action::{Category, CommonCode, Error, ErrorCode};",
        "",
    ]
    src += declaration(enum, f"{service.upper()} {date} error codes, from {package}.", codes)
    src.append("")
    for action in actions:
        src += [
            f'#[tencent_action(service = "{service}", version = "{date}", action = "{action}", codes = {enum})]',
            "#[derive(Debug)]",
            f"pub struct {action} {{}}",
            "",
        ]
    src.append(f"const LISTED: &[(&str, {enum})] = &[")
    src += [f"    ({rust_str(c)}, {enum}::{n})," for c, n in zip(listed, names)]
    src += ["];", ""]

    # Step 3 and 4: an unlisted sibling of every listed code (and of every category).
    siblings = []
    seen = set(listed)
    for c in listed + [f"{cat}.NotListedAnywhere" for cat in CATEGORIES]:
        s = c + "Unlisted" if c.endswith(".") or "." in c else c + ".Unlisted"
        if s in seen or s in COMMON:
            continue
        seen.add(s)
        siblings.append((s, head(s) in CATEGORIES))
    # Verbatim whatever the list: unknown first parts, a near-miss of a category, odd input.
    for s in [f"{service.capitalize()}.NotACategory", "InvalidParameterValueX.Unlisted",
              "invalidparameter.LowerCase", "Weird", "", "Failed Operation", "错误.码"]:
        if s not in seen:
            seen.add(s)
            siblings.append((s, False))
    src.append("/// Unlisted codes, with whether their part before the first dot is a category.")
    src.append("const UNLISTED: &[(&str, bool)] = &[")
    src += [f"    ({rust_str(s)}, {'true' if cat else 'false'})," for s, cat in siblings]
    src += ["];", ""]

    src.append("/// Every listed code: (code, throttled, auth, server, client, retryable).")
    src.append("const PREDICATES: &[(&str, bool, bool, bool, bool, bool)] = &[")
    for c in listed:
        flags = ", ".join("true" if f else "false" for f in expected_predicates(c))
        src.append(f"    ({rust_str(c)}, {flags}),")
    src += ["];", ""]

    listed_common = [c for c in COMMON if c in set(listed)]
    src.append("/// The common codes this list names itself.")
    src.append("const LISTED_COMMON: &[&str] = &[")
    src += [f"    {rust_str(c)}," for c in listed_common]
    src += ["];", ""]

    first = actions[0]
    src.append(f"""
fn api_error<T>(code: &str) -> Error<T::Code>
where
    T: Action + for<'de> serde::Deserialize<'de>,
{{
    let body = serde_json::json!({{
        "Response": {{"Error": {{"Code": code, "Message": "m"}}, "RequestId": "generated"}}
    }})
    .to_string();
    match tencent_action::from_str::<T>(&body) {{
        Ok(_) => panic!("{{code}} decoded as a success"),
        Err(e) => e,
    }}
}}

#[test]
fn the_whole_list_is_declared() {{
    assert_eq!({enum}::ALL.len(), {len(listed)});
    assert_eq!(LISTED.len(), {len(listed)});
    for (variant, (code, expected)) in {enum}::ALL.iter().zip(LISTED) {{
        assert_eq!(variant, expected, "{{code}}");
    }}
}}

#[test]
fn step_1_every_listed_code_maps_to_its_variant() {{
    for (code, variant) in LISTED {{
        assert_eq!({enum}::lookup(code).as_ref(), Some(variant), "{{code}}");
        assert_eq!(&{enum}::from_code(code), variant, "{{code}}");
        assert_eq!(variant.as_str(), *code);
        assert_eq!(variant.to_string(), *code);
        let e = api_error::<{first}>(code);
        assert_eq!(e.code(), Some(*code));
        assert_eq!(e.typed_code(), Some(variant), "{{code}}");
    }}
}}

#[test]
fn step_2_common_codes_not_listed_are_common() {{
    assert_eq!(CommonCode::ALL.len(), 26);
    for common in CommonCode::ALL {{
        let code = common.as_str();
        let typed = {enum}::from_code(code);
        if LISTED_COMMON.contains(&code) {{
            assert!({enum}::lookup(code).is_some(), "{{code}}");
            assert!(!matches!(typed, {enum}::Common(_)), "{{code}}");
        }} else {{
            assert_eq!(typed, {enum}::Common(common.clone()), "{{code}}");
        }}
        let e = api_error::<{first}>(code);
        assert_eq!(e.code(), Some(code));
        assert_eq!(e.typed_code(), Some(&typed));
    }}
}}

#[test]
fn steps_3_and_4_unlisted_codes_keep_category_or_stay_verbatim() {{
    let mut categorized = 0;
    let mut verbatim = 0;
    for (code, has_category) in UNLISTED {{
        assert_eq!({enum}::lookup(code), None, "{{code}}");
        let typed = {enum}::from_code(code);
        if *has_category {{
            let category = Category::of(code).unwrap();
            assert_eq!(category.as_str(), code.split('.').next().unwrap());
            assert_eq!(typed, {enum}::Category(category, code.to_string()), "{{code}}");
            categorized += 1;
        }} else {{
            assert_eq!(typed, {enum}::Other(code.to_string()), "{{code}}");
            verbatim += 1;
        }}
        assert_eq!(typed.as_str(), *code);
        let e = api_error::<{first}>(code);
        assert_eq!(e.code(), Some(*code));
        assert_eq!(e.typed_code(), Some(&typed));
    }}
    assert!(categorized > 0 && verbatim > 0);
    eprintln!("{{categorized}} categorized, {{verbatim}} verbatim");
}}

#[test]
fn predicates_on_every_listed_code() {{
    for (code, throttled, auth, server, client, retryable) in PREDICATES {{
        let e = api_error::<{first}>(code);
        assert_eq!(
            (
                e.is_throttled(),
                e.is_auth_failure(),
                e.is_server_error(),
                e.is_client_error(),
                e.is_retryable()
            ),
            (*throttled, *auth, *server, *client, *retryable),
            "{{code}}"
        );
    }}
}}
""")
    # Every action shares the declaration: decode one listed code through each.
    src.append("#[test]")
    src.append("fn every_action_shares_the_declaration() {")
    for i, action in enumerate(actions):
        code, name = listed[i % len(listed)], names[i % len(listed)]
        src.append(f"    let e = api_error::<{action}>({rust_str(code)});")
        src.append(f"    assert_eq!(e.typed_code(), Some(&{enum}::{name}));")
        src.append(f'    assert_eq!(e.action(), "{action}");')
    src.append("}")
    return "\n".join(src) + "\n", len(codes), len(actions)


def generate():
    os.makedirs(OUT, exist_ok=True)
    main = [
        "//! Every mapping step of `error_codes!` on Tencent's official lists; generated by",
        "//! scripts/gen_code_lists.py (not committed). Run that script, then",
        "//! `cargo test -p tencent-action-tests --test official_codes`.",
        "",
    ]
    written = []
    for module, service, api_dir, enum, version in LISTS:
        text, n_codes, n_actions = generate_module(module, service, api_dir, enum, version)
        path = os.path.join(OUT, f"{module}.rs")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written.append(path)
        main.append(f"mod {module};")
        print(f"{module}: {n_codes} codes, {n_actions} actions -> {os.path.relpath(path, ROOT)}")
    path = os.path.join(OUT, "main.rs")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(main) + "\n")
    written.append(path)
    # Formatted like the rest of the tree, so `cargo fmt --check` passes with them present.
    subprocess.run(["rustfmt", "--edition", "2021", *written], check=True)


def print_declaration(service, api_dir, enum, version):
    path = wheel(service, version) if version else latest_wheel(service)
    dirs = api_dirs(path, service)
    if not dirs:
        sys.exit(f"{os.path.basename(path)} has no errorcodes.py")
    api_dir = api_dir or dirs[-1]
    if api_dir not in dirs:
        sys.exit(f"no {api_dir} in {os.path.basename(path)}; it has {', '.join(dirs)}")
    codes = parse_codes(read_member(path, f"tencentcloud/{service}/{api_dir}/errorcodes.py"))
    date = f"{api_dir[1:5]}-{api_dir[5:7]}-{api_dir[7:9]}"
    enum = enum or service[:1].upper() + service[1:] + "Code"
    sdk = os.path.basename(path).split("-")[1]
    title = f"{service.upper()} {date} error codes, from tencentcloud-sdk-python-{service} {sdk}."
    print("\n".join(declaration(enum, title, codes)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--print", metavar="SERVICE",
                        help="print an error_codes! declaration of SERVICE's codes instead")
    parser.add_argument("--api", metavar="vYYYYMMDD", help="API version (default: the newest)")
    parser.add_argument("--enum", help="enum name (default: <Service>Code)")
    parser.add_argument("--sdk-version", help="SDK package version (default: the newest)")
    args = parser.parse_args()
    if args.print:
        print_declaration(args.print, args.api, args.enum, args.sdk_version)
    else:
        generate()


if __name__ == "__main__":
    main()
