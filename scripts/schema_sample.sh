#!/usr/bin/env bash
# The generator's output for bundled products compiles under the schema check: a rotating
# sample of products (beyond the five of scripts/conformance.sh), each written with
# `tencent-action-codegen --all --models` from its bundled compact spec into one scratch crate
# under .cache/schema-sample, which `cargo check` builds with the check on (the bundle).
# Any error is a false positive of the check or a generator bug, and fails the run.
# Usage: scripts/schema_sample.sh [COUNT] [SEED]   (default 8 products; the seed defaults to
#        the day of the year, so CI tries another sample every day; the run prints both)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
count=${1:-8}
seed=${2:-$(date -u +%j)}
seed=$((10#$seed))
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
unset TENCENT_ACTION_SPECS

# Every bundled product, one "service version" a line, then COUNT of them from the seed on.
mapfile -t products < <(grep -E '^[a-z0-9]+ [0-9]{4}-' macros/specs/index.txt | cut -d' ' -f1,2)
total=${#products[@]}
crate=$root/.cache/schema-sample
rm -rf "$crate/src"
mkdir -p "$crate/src"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "schema-sample"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tencent-action = { path = "$root/runtime", default-features = false }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[workspace]
TOML
cmp -s Cargo.lock "$crate/Cargo.lock" || cp Cargo.lock "$crate/Cargo.lock"
echo "#![allow(dead_code, unused_imports, non_camel_case_types, clippy::all)]" > "$crate/src/lib.rs"
picked=()
for ((i = 0; i < count; i++)); do
    read -r service version <<< "${products[$(( (seed * 7919 + i * (total / count + 1)) % total ))]}"
    module="${service}_v${version//-/}"
    api="macros/specs/$service/v${version//-/}/api.json"
    cargo run --quiet -p tencent-action-codegen -- --api "$api" --all --models \
        --out "$crate/src/$module.rs" 2>/dev/null
    echo "pub mod $module;" >> "$crate/src/lib.rs"
    picked+=("$service $version")
done
echo "schema sample (seed $seed, $count of $total products): ${picked[*]}"
cargo check --quiet --manifest-path "$crate/Cargo.toml"
structs=$(grep -hc '^pub struct' "$crate"/src/*_v*.rs | paste -sd+ | bc)
echo "schema sample: $structs generated structs compile under the check"
