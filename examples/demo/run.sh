#!/usr/bin/env bash
# The whole story in one command (docs/gitops.md "The demo"): an embedded PostgreSQL 17 with the shop's
# orders track under a live workload, a real kube-apiserver with the packaged webhook registered,
# the runner (`schemagate apply`) publishing SchemaStates, and the app's Deployments and Pods:
# check → apply expand → new version admitted → contract held back while an old pod runs → contract
# → old version and rollback refused. Prints each decision and the workload's latency; leaves
# nothing running; exit 0 when every decision was the expected one.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-kube.sh >/dev/null
# each module writes its own target/demo.classpath; the webhook's is the one used
cp_file=webhook/target/demo.classpath
# The CLI jar and the packaged webhook, and the webhook's test classpath (embedded PostgreSQL, kube-api-test).
./mvnw -q -B -o -pl cli,webhook -am package -DskipTests \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/demo.classpath >&2
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "webhook/target/test-classes:webhook/target/classes:$(cat "$cp_file")" dev.schemagate.webhook.demo.Demo "$PWD"
