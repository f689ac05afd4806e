#!/usr/bin/env bash
# A call's own cost: client CPU time per call (sign, send, decode a small CVM DescribeZones
# answer) against the test endpoint in another process, over a kept-alive connection:
#
#   floor     hand-rolled (benches/src/call_floor.rs): ureq, hmac/sha2/hex signing, plain serde
#   floor-async  the same over reqwest (tokio current-thread runtime), one call at a time
#   blocking  tencent_action::client::Client
#   async     tencent_action::client::AsyncClient, one call at a time
#   async64   AsyncClient, 64 calls in flight
#   python    the official Python SDK (tencentcloud-sdk-python-common, pinned below, from PyPI
#             into .cache/; a CommonClient with its own kept-alive session)
#
# Each mode runs ROUNDS times with CALLS calls (after one warm-up call); the table shows the
# median and the spread of the CPU microseconds per call, and the ratio of the medians to the
# floor's. It also checks that the blocking client's sequential calls used one TCP connection.
#
# Usage: scripts/call_cost.sh [CALLS] [ROUNDS]   (defaults 5000 and 5)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
calls=${1:-5000}
rounds=${2:-5}
sdk_version=3.1.189

cargo build --release --quiet -p tencent-action-benches --bin call_cost --bin call_server
bin=${CARGO_TARGET_DIR:-$root/target}/release

venv=$root/.cache/call-cost-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "tencentcloud-sdk-python-common==$sdk_version"
fi

# The server: its endpoint and key on its first line; a line in asks how many connections.
coproc SERVER { "$bin/call_server"; }
read -r endpoint id key <&"${SERVER[0]}"
connections() {
    echo >&"${SERVER[1]}"
    read -r n <&"${SERVER[0]}"
    echo "$n"
}

python_calls() {
    "$venv/bin/python" - "$1" "$endpoint" "$id" "$key" <<'PY'
import sys, time
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

calls, endpoint, secret_id, secret_key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
http = HttpProfile(endpoint=endpoint.removeprefix("http://"), protocol="http")
http.scheme = "http"
client = CommonClient("cvm", "2017-03-12", credential.Credential(secret_id, secret_key), "",
                      profile=ClientProfile(httpProfile=http))
assert client.call_json("DescribeZones", {})["Response"]["TotalCount"] == 1
cpu, wall = time.process_time(), time.perf_counter()
for _ in range(calls):
    client.call_json("DescribeZones", {})
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(f"python {calls} {cpu / calls * 1e6:.1f} {wall / calls * 1e6:.1f}")
PY
}

declare -A samples
for round in $(seq 1 "$rounds"); do
    for mode in floor floor-async blocking async async64 python; do
        before=$(connections)
        if [ "$mode" = python ]; then
            line=$(python_calls "$calls")
        else
            line=$("$bin/call_cost" "$mode" "$calls" "$endpoint" "$id" "$key")
        fi
        after=$(connections)
        cpu=$(echo "$line" | awk '{print $3}')
        samples[$mode]="${samples[$mode]:-} $cpu"
        echo "round $round: $line (connections: $((after - before)))" >&2
        if [ "$mode" = blocking ] && [ $((after - before)) -ne 1 ]; then
            echo "the blocking client's $((calls + 1)) sequential calls used $((after - before)) connections" >&2
            exit 1
        fi
    done
done
exec {SERVER[1]}>&-

stats() { # median min max of the numbers given
    tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f %.1f %.1f", m, v[1], v[NR] }'
}
read -r floor_median _ _ <<<"$(stats "${samples[floor]}")"
printf '| client | CPU per call (µs, median of %s × %s calls) | min–max | / floor |\n' "$rounds" "$calls"
printf '|---|---|---|---|\n'
for mode in floor floor-async blocking async async64 python; do
    read -r median min max <<<"$(stats "${samples[$mode]}")"
    printf '| %s | %s | %s–%s | %s |\n' "$mode" "$median" "$min" "$max" \
        "$(awk -v a="$median" -v b="$floor_median" 'BEGIN { printf "%.2f", a / b }')"
done
