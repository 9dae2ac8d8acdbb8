#!/usr/bin/env bash
# Generated operations under load, side by side with pgroll (docs/operations.md#benchmark).
# One embedded PostgreSQL 17 with fsync on; for each change (rename-column, change-type), a database
# where schemagate new + apply (the runner's defaults) make it and one where pgroll (pinned, built by
# scripts/install-pgroll.sh) makes it, each under the same workload: per phase its duration and the
# workload's p50/p99/max, longest stall and failed queries; the server settings first.
# Usage: bench/operations.sh [ROWS] [CLIENTS] [SCENARIO]   (default 1,000,000 rows, 8 clients, every scenario;
# SCENARIO: the start of a scenario name, e.g. "change-type orders")
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
pgroll="$(scripts/install-pgroll.sh)"
cpfile="$root/operations/target/bench.classpath"
./mvnw -q -B -o -pl operations -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2
cp="$root/operations/target/test-classes:$root/operations/target/classes:$root/rollout-runner/target/classes:$root/analyzer/target/classes:$(cat "$cpfile")"
exec java -Xmx2g -cp "$cp" dev.schemagate.operations.bench.OperationsBench "${1:-1000000}" "${2:-8}" "$pgroll" "${3:-}"
