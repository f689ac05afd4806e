#!/usr/bin/env bash
# Fuzzes the envelope decoder for a bounded time (docs/conformance.md).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 120)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and libFuzzer's nightly-only flags: on a
# stable toolchain RUSTC_BOOTSTRAP=1 lets cargo fuzz use them. Targets: `from_slice`
# (arbitrary bytes into from_slice/from_str) and `error_envelope` (error codes and messages,
# structured and raw); their checks are in fuzz/fuzz_targets/checks.rs. A crash leaves its
# input in fuzz/artifacts/<target>/: add it to tests/tests/fuzz_regressions.rs with the fix.
# The corpus grows in fuzz/corpus/ (git-ignored), starting from the committed fuzz/seeds/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-120}
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
    exit 2
fi
for target in from_slice error_envelope; do
    mkdir -p "corpus/$target"
    echo "== cargo fuzz run $target for ${seconds}s"
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -dict=json.dict -max_total_time="$seconds" -print_final_stats=1
done
