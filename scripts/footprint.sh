#!/usr/bin/env bash
# Footprint, side by side: the same two calls (CVM DescribeInstances, VPC DescribeVpcs) written
# five ways (scripts/footprint/*.rs), each its own crate built in release:
#
#   floor          hand-rolled: ureq (rustls) + serde_json + hmac + sha2 + hex
#   blocking       this crate, `ureq` feature
#   async          this crate, `reqwest` feature (tokio current-thread runtime)
#   async-ascii    the same, with the application pinning `idna_adapter = "~1.0"`: reqwest's url
#                  crate then handles ASCII host names only, without ICU (Tencent's hosts are
#                  ASCII); a choice for the application to make, not a library
#   peer-blocking  tencent-sdk 0.1.5 (crates.io), blocking-rustls
#   peer-async     tencent-sdk 0.1.5, its default async client
#   floor-6, blocking-6
#                  the floor and the blocking program with four more actions (their `six` feature:
#                  cbs DescribeDisks, cvm DescribeImages, vpc DescribeSubnets and
#                  DescribeSecurityGroups); a fourth of the binary's growth over the two-action
#                  build is what each further action costs (printed after the table)
#
# For each: the crates in the build graph (`cargo tree`, normal and build edges, each package
# once: proc-macros and build scripts compile too), the clean release build time (ROUNDS
# alternating rounds, each variant cleaned before its build; the fastest round is kept, as wall
# clock and as CPU time, user + system of cargo and every rustc, which a shared machine moves
# less), and the stripped binary's size. Run it on a quiet machine.
#
# Usage: scripts/footprint.sh [ROUNDS]   (default 2; about 1 min per variant per round on 2 cores)
#        VARIANTS="floor blocking" scripts/footprint.sh   (a subset; the floor is always built)
# Writes its crates under target/footprint/ (one target directory each, so nothing is shared).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rounds=${1:-2}
out=$root/target/footprint
mkdir -p "$out"

read -r -a variants <<<"${VARIANTS:-floor blocking async async-ascii peer-blocking peer-async}"
[[ " ${variants[*]} " == *" floor "* ]] || variants=(floor "${variants[@]}")

manifest() {
    local name=${1%-6}
    local deps features=""
    [[ $1 == *-6 ]] && features='[features]
default = ["six"]
six = []'
    case $name in
        floor) deps='ureq = { version = "3.5", default-features = false, features = ["rustls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
hmac = "0.12"
sha2 = "0.10"
hex = "0.4"' ;;
        blocking) deps="tencent-action = { path = \"$root/runtime\", default-features = false, features = [\"ureq\"] }" ;;
        async) deps="tencent-action = { path = \"$root/runtime\", default-features = false, features = [\"reqwest\"] }
tokio = { version = \"1\", default-features = false, features = [\"rt\"] }" ;;
        async-ascii) deps="tencent-action = { path = \"$root/runtime\", default-features = false, features = [\"reqwest\"] }
tokio = { version = \"1\", default-features = false, features = [\"rt\"] }
idna_adapter = \"~1.0\"" ;;
        peer-blocking) deps='tencent-sdk = { version = "=0.1.5", default-features = false, features = ["blocking-rustls"] }' ;;
        peer-async) deps='tencent-sdk = "=0.1.5"
tokio = { version = "1", default-features = false, features = ["rt"] }' ;;
    esac
    cat <<EOF
[package]
name = "footprint-$1"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$deps

$features

[profile.release]
strip = false

[workspace]
EOF
}

for v in "${variants[@]}"; do
    dir=$out/$v
    mkdir -p "$dir/src"
    manifest "$v" > "$dir/Cargo.toml"
    program=${v%-ascii}
    program=${program%-6}
    cp "scripts/footprint/${program//-/_}.rs" "$dir/src/main.rs"
    # The peer and the floor resolve from crates.io; this crate's variants reuse the
    # workspace's lock file, so they build the versions the repository tests.
    case $v in
        blocking | blocking-6 | async) cp Cargo.lock "$dir/Cargo.lock" ;;
        async-ascii)
            cp Cargo.lock "$dir/Cargo.lock"
            (cd "$dir" && cargo update --quiet -p idna_adapter --precise 1.0.0) ;;
        *) (cd "$dir" && cargo generate-lockfile --quiet) ;;
    esac
done

declare -A crates best cpu size
for v in "${variants[@]}"; do
    crates[$v]=$(cd "$out/$v" && cargo tree -e normal,build --prefix none --format '{p}' 2>/dev/null \
        | sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | wc -l)
done

for round in $(seq 1 "$rounds"); do
    for v in "${variants[@]}"; do
        dir=$out/$v
        (cd "$dir" && cargo clean --quiet && cargo fetch --quiet)
        # Bash's `time` keyword: wall, then user and system time of the build and its children.
        read -r took user sys < <({ TIMEFORMAT='%R %U %S'; time (cd "$dir" && cargo build --release --quiet 2>"$dir/build.log"); } 2>&1)
        used=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
        echo "round $round: $v built in ${took} s, ${used} s CPU" >&2
        if [ -z "${best[$v]:-}" ] || awk -v t="$took" -v b="${best[$v]}" 'BEGIN { exit !(t < b) }'; then
            best[$v]=$took
        fi
        if [ -z "${cpu[$v]:-}" ] || awk -v t="$used" -v b="${cpu[$v]}" 'BEGIN { exit !(t < b) }'; then
            cpu[$v]=$used
        fi
        bin=$dir/target/release/footprint-$v
        cp "$bin" "$dir/stripped" && strip "$dir/stripped"
        size[$v]=$(stat -c %s "$dir/stripped")
    done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '| variant | crates | / floor | clean build, wall (s) | / floor | CPU (s) | / floor | stripped binary (bytes) | / floor |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for v in "${variants[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$v" "${crates[$v]}" \
        "$(ratio "${crates[$v]}" "${crates[floor]}")" "${best[$v]}" \
        "$(ratio "${best[$v]}" "${best[floor]}")" "${cpu[$v]}" \
        "$(ratio "${cpu[$v]}" "${cpu[floor]}")" "${size[$v]}" \
        "$(ratio "${size[$v]}" "${size[floor]}")"
done
for v in "${variants[@]}"; do
    if [[ $v == *-6 && -n "${size[${v%-6}]:-}" ]]; then
        printf '%s: each further action adds %s bytes\n' "${v%-6}" \
            "$(( (size[$v] - size[${v%-6}]) / 4 ))"
    fi
done
