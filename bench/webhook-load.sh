#!/usr/bin/env bash
# The webhook's load benchmark: AdmissionReviews over HTTPS at a fixed rate (open loop), against
# the packaged webhook as its own process with its state on a real kube-apiserver; /allow of the
# same server in the same run is the floor. The requests come from bench/loadgen (Go, standard
# library only, built by scripts/install-loadgen.sh), as the API server's own Go client sends them.
# Prints p50/p99/max, errors and the server's VmRSS.
#
#   bench/webhook-load.sh [--rate 1000] [--duration 60] [--warmup 10]
#
# Run it on a quiet machine: the load generator shares the CPUs with the server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-kube.sh >/dev/null
loadgen="$(scripts/install-loadgen.sh)"
cp_file=webhook/target/bench.classpath
nice -n 0 ./mvnw -q -B -o -pl analyzer,webhook -am package -DskipTests \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >&2
exec java -cp "webhook/target/test-classes:webhook/target/classes:$(cat "$cp_file")" \
  dev.schemagate.webhook.bench.WebhookLoad --root . --loadgen "$loadgen" "$@"
