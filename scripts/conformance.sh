#!/usr/bin/env bash
# Conformance against Tencent's published example responses (docs/conformance.md).
#
# Downloads tccli (pinned) from PyPI; the workspace tool tools/conformance then generates one
# #[tencent_action] struct per action of SMS 2021-01-11, CVM 2017-03-12, CLS 2020-10-16,
# DCDB 2018-04-11 and CSIP 2022-11-21, with #[tencent_model] nested types, into a throwaway
# harness crate under .cache/conformance, which is built with the schema check on (the
# specs the macros bundle: any false positive fails the build) and decodes every example with tencent_action::from_str
# and from_slice. Examples that contradict their own schema are listed with their path and
# reason and compared with tools/conformance/expected.tsv: any other failure, or a listed case
# that changes, is a regression and fails the run.
#
# Not part of `cargo test` (it needs the network once; later runs use .cache/).
# Usage: scripts/conformance.sh [--update]   (--update rewrites the expectations file)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

services=(sms/v20210111 cvm/v20170312 cls/v20201016 dcdb/v20180411 csip/v20221121)
# shellcheck source=scripts/tccli.sh
source "$root/scripts/tccli.sh"
for s in "${services[@]}"; do
    if [ ! -f "$unpacked/tccli/services/$s/examples.json" ]; then
        # A wheel is a zip; python's zipfile needs nothing installed beyond pip's python.
        python3 - "$wheel" "$unpacked" "${services[@]}" <<'PY'
import sys, zipfile
wheel, dest, services = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for s in services:
        for name in ("api.json", "examples.json"):
            z.extract(f"tccli/services/{s}/{name}", dest)
PY
        break
    fi
done

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
# The schema check is on by default (the bundled specs); nothing may turn it off here.
unset TENCENT_ACTION_SPECS
args=()
for s in "${services[@]}"; do
    args+=(--service "$unpacked/tccli/services/$s/api.json" "$unpacked/tccli/services/$s/examples.json")
done
crate=$root/.cache/conformance
cargo run --quiet -p tencent-action-conformance -- write --out-dir "$crate" "${args[@]}"
# The workspace's lock file: the same dependency versions, so the build reuses what
# `cargo test --workspace` compiled in the same target directory.
cmp -s Cargo.lock "$crate/Cargo.lock" || cp Cargo.lock "$crate/Cargo.lock"
cargo run --quiet --manifest-path "$crate/Cargo.toml" -- \
    --expected "$root/tools/conformance/expected.tsv" "$@"
