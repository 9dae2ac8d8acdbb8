#!/usr/bin/env bash
# The watcher's measurements (watcher/src/test/java/dev/schemagate/watcher/bench/WatchBench.java):
#   1. push -> posted verdict: a push to a git-daemon-served repository until the (WireMock) GitHub API
#      receives the commit status, with the watcher polling every --interval-ms;
#   2. one steady-state poll (nothing new) on a repository of --commits commits and --files migration files.
# Usage: bench/watch.sh [--commits 10000] [--files 500] [--pushes 10] [--polls 20] [--interval-ms 200]
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 10 ./mvnw -q -B -ntp -pl analyzer,watcher -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="watcher/target/test-classes:watcher/target/classes:analyzer/target/classes:$(cat watcher/target/bench-classpath.txt)"
exec java -Xmx512m -cp "$CP" dev.schemagate.watcher.bench.WatchBench "$@"
