#!/usr/bin/env bash
# Differential fuzzing of the static lock model against an embedded PostgreSQL (issue 13 §3):
# generated statements on the seeded schema are analysed statically and traced, and every
# disagreement is printed reduced to a minimal statement. CI runs a fixed seed with a small budget
# (DifferentialFuzzTest); this runs longer and writes what it found to bench/target/fuzz/.
# Usage: bench/fuzz.sh [--minutes N] [--seed S] [--pg 14..18]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
minutes=5
seed="$(date +%s)"
pg=17
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes|--seed|--pg)
      [ $# -ge 2 ] || { echo "fuzz: $1 needs a value" >&2; exit 2; }
      case "$1" in --minutes) minutes="$2" ;; --seed) seed="$2" ;; --pg) pg="$2" ;; esac
      shift 2 ;;
    *) echo "fuzz: unknown argument '$1'; usage: bench/fuzz.sh [--minutes N] [--seed S] [--pg 14..18]" >&2; exit 2 ;;
  esac
done
out="$root/bench/target/fuzz/seed-$seed-pg$pg.txt"
cpfile="$root/trace/target/fuzz.classpath"
./mvnw -q -B -pl trace -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2
cp="$root/trace/target/test-classes:$root/trace/target/classes:$root/analyzer/target/test-classes:$root/analyzer/target/classes:$(cat "$cpfile")"
java -Xmx1g -cp "$cp" dev.schemagate.analyzer.lock.DifferentialFuzzer \
  --minutes "$minutes" --seed "$seed" --pg "$pg" --out "$out"
echo "fuzz: report written to $out" >&2
