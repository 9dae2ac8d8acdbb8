#!/usr/bin/env python3
"""Benchmark: `schemagate check` against squawk on the same SQL files, in one run.

Prints, for each tool, the median wall time over N runs, statements per second and peak resident
memory, plus schemagate's own breakdown (JVM start, parse, policy load, evaluation) and its warm
in-process throughput. Usage:

    bench/check_vs_squawk.py [--runs 5] [PATH ...]     (default: ../shared/corpus)
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sql_files(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for d, _, names in os.walk(p):
                files += [os.path.join(d, n) for n in names if n.endswith(".sql")]
        else:
            files.append(p)
    return sorted(files)


def timed(cmd, env=None):
    """Runs cmd once; returns (wall seconds, peak RSS in MiB of this child, exit code, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    # ru_maxrss of RUSAGE_CHILDREN is the max over all waited-for children so far, so measure each
    # tool in its own helper process (see measure()).
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, proc.returncode, proc.stdout, proc.stderr


def measure(cmd, runs):
    """Runs cmd `runs` times in a fresh helper process each, so peak RSS is that tool's alone."""
    walls, rss = [], []
    for _ in range(runs):
        helper = subprocess.run(
            [sys.executable, __file__, "--_one", json.dumps(cmd)], stdout=subprocess.PIPE, check=True)
        r = json.loads(helper.stdout)
        walls.append(r["wall"])
        rss.append(r["rss"])
    return statistics.median(walls), min(walls), max(rss)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--_one":
        wall, rss, code, _, err = timed(json.loads(sys.argv[2]))
        if code not in (0, 1):
            sys.stderr.write(err.decode(errors="replace"))
            sys.exit(3)
        print(json.dumps({"wall": wall, "rss": rss}))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("paths", nargs="*", default=[os.path.join(ROOT, "..", "shared", "corpus")])
    args = ap.parse_args()
    files = sql_files(args.paths)
    if not files:
        sys.exit("no .sql files under " + " ".join(args.paths))
    squawk = subprocess.run([os.path.join(ROOT, "scripts", "install-squawk.sh")],
                            stdout=subprocess.PIPE, check=True, text=True).stdout.strip()
    sg = os.path.join(ROOT, "schemagate")
    # Build once and count statements (also warms the OS file cache for both tools).
    out = subprocess.run([sg, "check", "--format", "json", "--timings"] + files,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode not in (0, 1):
        sys.exit("schemagate check failed:\n" + out.stderr)
    report = json.loads(out.stdout)
    statements = len(report["statements"])
    lines = sum(1 for f in files for _ in open(f, encoding="utf-8", errors="replace"))
    subprocess.run([squawk] + files, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    print(f"corpus: {len(files)} files, {lines} lines, {statements} statements; {args.runs} runs each (median)")
    print(f"{'tool':<28}{'wall s':>9}{'best s':>9}{'stmts/s':>11}{'peak MiB':>10}")
    rows = [("squawk " + subprocess.run([squawk, "--version"], stdout=subprocess.PIPE, text=True).stdout.split()[-1],
             [squawk] + files),
            ("schemagate check (CLI)", [sg, "check", "--format", "json"] + files)]
    results = {}
    for name, cmd in rows:
        med, best, rss = measure(cmd, args.runs)
        results[name] = med
        print(f"{name:<28}{med:>9.3f}{best:>9.3f}{statements / med:>11.0f}{rss:>10.1f}")
    sq, sgw = list(results.values())
    print(f"schemagate/squawk wall-time ratio: {sgw / sq:.2f}x (target <= 2x)")
    timings = report.get("summary", {}).get("timings_ms")
    if timings:
        print("schemagate time breakdown (ms, one run): " + ", ".join(f"{k} {v}" for k, v in timings.items()))
    warm = subprocess.run(["java", "-cp", os.path.join(ROOT, "cli", "target", "schemagate.jar"),
                           "dev.schemagate.cli.bench.WarmThroughput"] + files,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if warm.returncode == 0:
        print(warm.stdout.strip())
        print(f"squawk whole-process throughput for comparison: {statements / sq:.0f} statements/s")
    else:
        print("warm throughput run failed:\n" + warm.stderr)


if __name__ == "__main__":
    main()
