#!/usr/bin/env bash
# Backfill and lock-queue benchmarks on an embedded PostgreSQL 17 (docs/runner-backfill.md#benchmarks).
# Prints, side by side from one run:
#  (a) ROWS rows (default 1,000,000): one plain UPDATE versus schemagate's batched backfill (each COLUMN) of the
#      same rows, each under a workload of CLIENTS clients (default 8): rows/s, workload p50/p99/max,
#      longest stall, failed queries, and the targets (>= 50 % of plain rate, no query over 1 s, no error);
#  (b) the lock queue: a long transaction reads the table while ALTER TABLE … ADD COLUMN runs, plain
#      versus the same ALTER applied by the real runner (Rollout.apply, schemagate apply): lock_timeout
#      100 ms, retried with backoff and jitter.
# Usage: bench/backfill.sh [ROWS] [CLIENTS] [COLUMN,…]
#   COLUMN: a backfill column of (a), N workers and optional directive options after a colon,
#   several joined by ';' (default 1,2; e.g. 1,4,4:target=400ms).
#   BENCH_JAVA_OPTS: -Dbench.skipQueue=true skips (b); -Dbench.options="…" adds options to every
#   backfill column.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cpfile="$root/rollout-runner/target/bench.classpath"
./mvnw -q -B -o -pl rollout-runner -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2
cp="$root/rollout-runner/target/test-classes:$root/rollout-runner/target/classes:$root/analyzer/target/classes:$(cat "$cpfile")"
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.schemagate.runner.bench.BackfillBench "${1:-1000000}" "${2:-8}" "${3:-1,2}"
