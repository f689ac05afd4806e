#!/usr/bin/env bash
# Regenerates the compact specs under specs/ (see specs/README.md) from tccli's api.json files.
#
# Downloads tccli (pinned) from PyPI into .cache/tccli (git-ignored), extracts the five
# products' api.json and writes each trimmed with `tencent-action-codegen compact`.
# Usage: scripts/gen_specs.sh [--check]   (--check writes to a scratch directory and fails
#        if any committed file differs from what the pinned release gives)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

services=(cvm/v20170312 sms/v20210111 cls/v20201016 dcdb/v20180411 csip/v20221121)
# shellcheck source=scripts/tccli.sh
source "$root/scripts/tccli.sh"
python3 - "$wheel" "$unpacked" "${services[@]}" <<'PY'
import os, sys, zipfile
wheel, dest, services = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for s in services:
        name = f"tccli/services/{s}/api.json"
        if not os.path.exists(os.path.join(dest, name)):
            z.extract(name, dest)
PY

out=$root/specs
if [ "${1:-}" = "--check" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
args=()
for s in "${services[@]}"; do
    args+=(--api "$unpacked/tccli/services/$s/api.json")
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cargo run --quiet -p tencent-action-codegen -- compact --out-dir "$out" "${args[@]}"

if [ "${1:-}" = "--check" ]; then
    status=0
    for s in "${services[@]}"; do
        if ! cmp -s "$out/$s/api.json" "$root/specs/$s/api.json"; then
            echo "specs/$s/api.json differs from tccli $tccli_version: run scripts/gen_specs.sh" >&2
            status=1
        fi
    done
    [ $status -eq 0 ] && echo "specs/: the five compact specs match tccli $tccli_version"
    exit $status
fi
