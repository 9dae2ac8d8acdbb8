#!/usr/bin/env python3
"""Benchmark: `schemagate check` against squawk on the same SQL files, in one run.

Prints, for each tool, the median wall time over N runs, statements per second (schemagate's
statement count for both), CPU time and peak resident memory; schemagate's own breakdown (JVM
start, parse, policy load, evaluation, from `--timings` on stderr); and schemagate's warm
in-process throughput (dev.schemagate.cli.bench.WarmThroughput) beside squawk's. The machine's
load average is printed before and after, since other work skews the figures. Usage:

    bench/check_vs_squawk.py [--runs 5] [--warm-runs 10] [--warmup 20] [--max-warmup 1000] [PATH ...]     (default: ../shared/corpus)
"""
import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
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


def one_run(cmd):
    """Runs cmd once in this (fresh helper) process: wall s, CPU s, peak RSS MiB, exit code, stderr."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
            "code": proc.returncode, "stderr": proc.stderr.decode(errors="replace")}


def measure(cmd, runs):
    """Runs cmd `runs` times, each in a fresh helper process so that peak RSS is this tool's alone."""
    results = []
    for _ in range(runs):
        helper = subprocess.run([sys.executable, __file__, "--_one", json.dumps(cmd)],
                                stdout=subprocess.PIPE, check=True)
        r = json.loads(helper.stdout)
        if r["code"] not in (0, 1):  # 1 = findings, for both tools
            sys.exit(f"{cmd[0]} failed (exit {r['code']}):\n{r['stderr']}")
        results.append(r)
    return results


TIMINGS = re.compile(r"timings \(ms\): \{(?P<stages>[^}]*)\}, policy load (?P<load>\d+), total (?P<total>\d+)")


def breakdown(stderr):
    """The stage times schemagate prints with --timings, in ms."""
    m = TIMINGS.search(stderr)
    if not m:
        return None
    stages = {k.strip(): int(v) for k, v in (kv.split("=") for kv in m.group("stages").split(",") if "=" in kv)}
    return stages, int(m.group("load")), int(m.group("total"))


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--_one":
        print(json.dumps(one_run(json.loads(sys.argv[2]))))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="CLI runs per tool (median)")
    ap.add_argument("--warm-runs", type=int, default=10, help="in-process passes for the warm throughput")
    ap.add_argument("--warmup", type=int, default=20,
                    help="untimed in-process passes before them at least; more follow until the JIT has settled"
                         " (WarmThroughput: the compilers under 2%% of the last 10 passes, ~200 passes here)")
    ap.add_argument("--max-warmup", type=int, default=1000, help="give up waiting for the JIT after this many passes")
    ap.add_argument("paths", nargs="*", default=[os.path.join(ROOT, "..", "shared", "corpus")])
    args = ap.parse_args()
    files = sql_files(args.paths)
    if not files:
        sys.exit("no .sql files under " + " ".join(args.paths))
    squawk = subprocess.run([os.path.join(ROOT, "scripts", "install-squawk.sh")],
                            stdout=subprocess.PIPE, check=True, text=True).stdout.strip()
    squawk_version = subprocess.run([squawk, "--version"], stdout=subprocess.PIPE, text=True).stdout.split()[-1]
    sg = os.path.join(ROOT, "schemagate")
    # One untimed run each: builds the CLI and its class-data archive when needed, counts the
    # statements, and warms the OS file cache for both tools.
    out = subprocess.run([sg, "check", "--format", "json"] + files, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    if out.returncode not in (0, 1):
        sys.exit("schemagate check failed:\n" + out.stderr)
    statements = len(json.loads(out.stdout)["statements"])
    lines = sum(1 for f in files for _ in open(f, encoding="utf-8", errors="replace"))
    subprocess.run([squawk] + files, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    print(f"corpus: {len(files)} files, {lines} lines, {statements} statements; {args.runs} runs per tool, alternating")
    print(f"load average before: {load()} ({os.cpu_count()} CPUs)")
    tools = {f"squawk {squawk_version}": [squawk] + files,
             "schemagate check (CLI)": [sg, "check", "--format", "json", "--timings"] + files}
    runs = {name: [] for name in tools}
    for _ in range(args.runs):  # alternate, so that a burst of load hits both tools alike
        for name, cmd in tools.items():
            runs[name] += measure(cmd, 1)
    print(f"{'tool':<26}{'median s':>10}{'best s':>9}{'stmts/s':>10}{'CPU s':>8}{'peak MiB':>10}")
    medians = {}
    for name, rs in runs.items():
        med = statistics.median(r["wall"] for r in rs)
        medians[name] = med
        cpu = statistics.median(r["cpu"] for r in rs)
        print(f"{name:<26}{med:>10.3f}{min(r['wall'] for r in rs):>9.3f}{statements / med:>10.0f}{cpu:>8.2f}"
              f"{max(r['rss'] for r in rs):>10.1f}")
    sq, sgw = medians.values()
    print(f"schemagate/squawk median wall-time ratio: {sgw / sq:.2f}x (target <= 2x)")

    parsed = [(r, breakdown(r["stderr"])) for r in runs["schemagate check (CLI)"]]
    parsed = [(r, b) for r, b in parsed if b]
    if parsed:
        r, (stages, policy_load, total) = sorted(parsed, key=lambda p: p[0]["wall"])[len(parsed) // 2]
        jvm = r["wall"] * 1000 - total
        print(f"schemagate breakdown of the median run (ms): wall {r['wall'] * 1000:.0f} = launcher, JVM start,"
              f" command-line parsing and exit"
              f" {jvm:.0f} + in-process {total}; in-process: policy load {policy_load} (background thread, overlaps"
              f" split/parse/analyze), " + ", ".join(f"{k} {v}" for k, v in stages.items()))

    jar = os.path.join(ROOT, "cli", "target", "schemagate.jar")
    # The JVM's default JIT (tiered, with C2) and collector: a warm in-process check is an embedding
    # in a long-lived JVM (webhook, watcher, runner), which runs with C2. Only the short-lived CLI
    # stops at C1 (the launcher's -XX:TieredStopAtLevel=1), since C2 rarely pays off in 2 s.
    warm = subprocess.run(["java", "-Xss4m", "-cp", jar, "dev.schemagate.cli.bench.WarmThroughput",
                           "--warmup", str(args.warmup), "--max-warmup", str(args.max_warmup),
                           "--runs", str(args.warm_runs)] + files,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # squawk has no warm mode; its process start is what a one-statement file costs, so its
    # throughput net of that start is the stricter figure to compare a warm pass with.
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as one:
        one.write("SELECT 1;\n")
    try:
        start = statistics.median(r["wall"] for r in measure([squawk, one.name], max(3, args.runs)))
    finally:
        os.unlink(one.name)
    if warm.returncode == 0:
        print(warm.stdout.strip())
        net = max(sq - start, 1e-3)
        print(f"squawk (whole process, no warm mode): {statements / sq:.0f} statements/s; its start (one-statement"
              f" file) {start * 1000:.0f} ms, so net of it {statements / net:.0f} statements/s")
        m = re.search(r": (\d+) statements/s", warm.stdout)
        if m:
            print(f"schemagate warm / squawk statements/s: {int(m.group(1)) / (statements / sq):.2f}x (target > 1x);"
                  f" against squawk net of its start: {int(m.group(1)) / (statements / net):.2f}x")
    else:
        print("warm throughput run failed:\n" + warm.stderr)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
