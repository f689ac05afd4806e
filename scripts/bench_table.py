#!/usr/bin/env python3
"""Turns a `cargo bench -p tencent-action-benches` run into the performance table of docs/performance.md.

    cargo bench -p tencent-action-benches
    python3 scripts/bench_table.py                 # wall-clock medians and ratios from criterion
    python3 scripts/bench_table.py --callgrind     # plus instruction counts (valgrind), repeatable
    python3 scripts/bench_table.py --shapes        # library / floor on every layout (no criterion):
                                                   # callgrind, then interleaved wall time (floor_ratio)

Reads <target>/criterion/<payload>/<decoder>/new/estimates.json (target: $CARGO_TARGET_DIR or
./target). With --callgrind it builds the `decode_once` binary and runs every payload/decoder
pair under `valgrind --tool=callgrind`, counting only the decoding, in steady state: (2*ITERS decodes - ITERS decodes) / ITERS.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

PAYLOADS = [
    ("small", "small: SMS SendSms, 1 status"),
    ("medium", "medium: CVM DescribeInstances, 100 instances"),
    ("large", "large: CLS SearchLog, 2,000 results"),
    ("error", "error envelope (SendSms)"),
]
DECODERS = ["floor", "library", "go_sdk", "python_sdk"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def criterion_median(group, bench):
    path = os.path.join(target_dir(), "criterion", group, bench, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except FileNotFoundError:
        return None


def body_size(group):
    path = os.path.join(target_dir(), "criterion", group, "floor", "new", "benchmark.json")
    try:
        with open(path) as f:
            return json.load(f)["throughput"]["Bytes"]
    except (FileNotFoundError, KeyError, TypeError):
        return None


def callgrind_total(payload, decoder, iters):
    exe = os.path.join(target_dir(), "release", "decode_once")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--collect-atstart=no",
             "--toggle-collect=*measured_region*", f"--callgrind-out-file={out}",
             exe, payload, decoder, str(iters)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            for line in f:
                m = re.match(r"(?:summary|totals): (\d+)", line)
                if m:
                    return int(m.group(1))
    raise RuntimeError(f"no totals in callgrind output for {payload}/{decoder}")


def callgrind(payload, decoder, iters):
    """Instructions per decode in steady state: (cost of 2N decodes - cost of N) / N, so that
    one-time costs (CPU feature detection in memchr, the allocator's first growth) are not
    charged to the decoder; they weigh hundreds of instructions against a few thousand on the
    small payloads."""
    once = callgrind_total(payload, decoder, iters)
    twice = callgrind_total(payload, decoder, 2 * iters)
    return (twice - once) / iters


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} CPUs (nproc {os.sched_getaffinity(0).__len__()}), {cpu}, {rustc}"


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"


SHAPES = ["small", "small.first", "small.pretty", "small.pretty.first",
          "error", "error.zh", "error.escaped", "error.first", "error.pretty", "error.zh.pretty",
          "error.zh.pretty.first",
          "medium", "medium.pretty", "medium.first", "large", "large.pretty", "large.first"]


def shapes_table(iters, rounds, only):
    """library / floor on every layout of benches/src/shapes.rs: instructions (callgrind,
    steady state) and the interleaved wall-time run of floor_ratio, side by side."""
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "tencent-action-benches",
                    "--bin", "decode_once", "--bin", "floor_ratio"], check=True, cwd=ROOT)
    shapes = [s for s in SHAPES if not only or s in only]
    instr = {}
    for shape in shapes:
        for d in ["floor", "library"]:
            instr[(shape, d)] = callgrind(shape, d, iters)
        print(f"callgrind {shape}: floor {instr[(shape, 'floor')]:,.0f}, library "
              f"{instr[(shape, 'library')]:,.0f}", file=sys.stderr)
    wall = subprocess.run([os.path.join(target_dir(), "release", "floor_ratio"), "--rounds",
                           str(rounds)] + shapes, check=True, capture_output=True, text=True).stdout
    rows = {}
    for line in wall.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] in shapes:
            rows[cells[0]] = cells
    print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    print()
    print("| shape | bytes | instructions floor | library | / floor | wall floor | library "
          "| / floor (median round) | rounds: min, q1, q3, max |")
    print("|---|---|---|---|---|---|---|---|---|")
    for shape in shapes:
        f, l = instr[(shape, "floor")], instr[(shape, "library")]
        w = rows.get(shape, [shape, "?", "?", "?", "?", "?"])
        print(f"| {shape} | {w[1]} | {f:,.0f} | {l:,.0f} | {l / f:.3f} | {w[2]} | {w[3]} | {w[4]} | {w[5]} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--callgrind", action="store_true", help="also count instructions with valgrind")
    ap.add_argument("--iters", type=int, default=5, help="decodes per callgrind run (default 5)")
    ap.add_argument("--shapes", nargs="*", metavar="SHAPE",
                    help="library / floor on every layout (or the ones named), callgrind and wall time")
    ap.add_argument("--rounds", type=int, default=201, help="interleaved rounds for --shapes (default 201)")
    args = ap.parse_args()
    if args.shapes is not None:
        shapes_table(args.iters, args.rounds, args.shapes)
        return

    instr = {}
    if args.callgrind:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "tencent-action-benches",
                        "--bin", "decode_once"], check=True, cwd=ROOT)
        pairs = [(p, d) for p, _ in PAYLOADS for d in DECODERS] + [("large", "borrowed")]
        for p, d in pairs:
            instr[(p, d)] = callgrind(p, d, args.iters)
            print(f"callgrind {p}/{d}: {instr[(p, d)]:,.0f} instructions", file=sys.stderr)

    print(f"Machine: {machine()}")
    print()
    head = "| payload | decoder | median | / floor | / library"
    if args.callgrind:
        head += " | instructions | / floor | / library"
    print(head + " |")
    print("|" + "---|" * (head.count("|")))
    for group, title in PAYLOADS:
        size = body_size(group)
        label = f"{title} ({size:,} B)" if size else title
        t_floor, t_lib = criterion_median(group, "floor"), criterion_median(group, "library")
        for d in DECODERS:
            t = criterion_median(group, d)
            row = f"| {label if d == 'floor' else ''} | {d} | {fmt_time(t) if t else 'n/a'}"
            row += f" | {ratio(t, t_floor)} | {ratio(t, t_lib)}"
            if args.callgrind:
                i = instr[(group, d)]
                row += f" | {i:,.0f} | {ratio(i, instr[(group, 'floor')])} | {ratio(i, instr[(group, 'library')])}"
            print(row + " |")
    print()
    print("Targets (wall clock" + (" / instructions" if args.callgrind else "") + "):")
    checks = [("library / floor", g, "library", "floor", lim, "<=") for g, lim in
              [("small", 1.10), ("medium", 1.05), ("large", 1.05), ("error", 1.05)]]
    checks += [(f"{d} / library", g, d, "library", lim, ">=") for g in ["medium", "large"]
               for d, lim in [("go_sdk", 1.3), ("python_sdk", 2.5)]]
    for name, g, a, b, lim, op in checks:
        vals = []
        for src in [lambda g, d: criterion_median(g, d)] + ([lambda g, d: instr[(g, d)]] if args.callgrind else []):
            x, y = src(g, a), src(g, b)
            if x and y:
                r = x / y
                ok = r <= lim if op == "<=" else r >= lim
                vals.append(f"{r:.3f} {'ok' if ok else 'MISSED'}")
            else:
                vals.append("n/a")
        print(f"- {g}: {name} {op} {lim}: " + " / ".join(vals))

    owned, borrowed = criterion_median("zero_copy", "owned"), criterion_median("zero_copy", "borrowed")
    if owned and borrowed:
        line = f"- zero-copy (large): owned {fmt_time(owned)}, borrowed {fmt_time(borrowed)}, owned / borrowed {owned / borrowed:.2f}"
        if args.callgrind:
            line += f"; instructions owned {instr[('large', 'library')]:,.0f}, borrowed {instr[('large', 'borrowed')]:,.0f}"
        print(line)


if __name__ == "__main__":
    main()
