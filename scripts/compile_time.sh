#!/usr/bin/env bash
# Compile time of 600 #[tencent_action] structs against the same structs with plain
# #[derive(Deserialize)]; see scripts/compile_time.py for what is built and timed.
#   scripts/compile_time.sh [--structs 600] [--runs 5] [--mode full|incremental|both] [--release]
#                           [--expand] [--decompose]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/compile_time.py "$@"
