#!/usr/bin/env bash
# Regenerates the bundled compact specs in macros/specs/ (see macros/specs/README.md): every
# product of the pinned tccli release, written by `tencent-action-codegen specs add --all`,
# the command users run for newer APIs. The wheel comes from PyPI (its published SHA-256 is
# checked) and is kept in .cache/tccli (git-ignored).
# Usage: scripts/gen_specs.sh [--check]   (--check writes to a scratch directory and fails
#        if the committed bundle differs from what the pinned release gives: a file, the
#        index, a product added or removed)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

tccli_version=3.1.189.1
bundle=$root/macros/specs
out=$bundle
if [ "${1:-}" = "--check" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    cp "$bundle/README.md" "$out/README.md"
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cargo run --quiet -p tencent-action-codegen -- specs add --all --tccli "$tccli_version" \
    --cache "$root/.cache/tccli" --out-dir "$out" 2>/dev/null

if [ "${1:-}" = "--check" ]; then
    if ! diff -r -q "$bundle" "$out" >&2; then
        echo "macros/specs/ differs from tccli $tccli_version: run scripts/gen_specs.sh" >&2
        exit 1
    fi
    count=$(grep -c '^[a-z]' "$out/index.txt")
    echo "macros/specs/: the $((count - 1)) compact specs match tccli $tccli_version"
fi
