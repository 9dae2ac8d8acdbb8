#!/usr/bin/env bash
# Backfill and lock-queue benchmarks on an embedded PostgreSQL 17 with fsync and synchronous_commit on
# (docs/runner-backfill.md#benchmarks). Prints, side by side from one run, with the settings used and the load average:
#  (a) idle-ish table: ROWS rows (default 1,000,000) under a light workload (1 client): one plain UPDATE versus
#      schemagate's batched backfill of the same rows with each COLUMN's settings: rows/s changed and % of the plain
#      rate, workload p99 before (the baseline) and during, max, longest stall, failed queries, and the targets
#      (>= 50 % of the plain rate, no query over 1 s, p99 <= 2x baseline, no error);
#  (b) the same under a heavier workload of CLIENTS clients (default 8): the adaptive backfill should yield;
#  (c) the lock queue: a long transaction reads the table while ALTER TABLE … ADD COLUMN runs: plain, applied by
#      the real runner (Rollout.apply, schemagate apply) with the new defaults, and with the previous defaults.
# Usage: bench/backfill.sh [ROWS] [CLIENTS] [COLUMN,…]
#   COLUMN: "defaults" (the directive with no options), "previous" (the defaults before issue 12, given
#   explicitly: workers=1 target=150ms adaptive=off until=end), or N workers with optional directive options
#   after a colon, several joined by ';' (e.g. 4:target=400ms;adaptive=off). Default: defaults,previous.
#   BENCH_JAVA_OPTS: -Dbench.skipQueue=true skips (c); -Dbench.options="…" adds options to every
#   backfill column.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cpfile="$root/rollout-runner/target/bench.classpath"
./mvnw -q -B -o -pl rollout-runner -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2
cp="$root/rollout-runner/target/test-classes:$root/rollout-runner/target/classes:$root/analyzer/target/classes:$(cat "$cpfile")"
exec java -Xmx1g -Dpg17.durable=true ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.schemagate.runner.bench.BackfillBench "${1:-1000000}" "${2:-8}" "${3:-defaults,previous}"
