#!/usr/bin/env bash
# Where the policy evaluation's time goes, rule by rule: builds a Wasm module with one extra entry
# point per built-in rule (its findings for every file of a batch, as schemagate/batch_findings
# evaluates them) and one that only reads the input, then times each on the policy input of a real
# check (warm, OPA Java SDK with Chicory's compiler, one thread). A rule's cost is its time minus the
# input-only entry point's. Usage:
#   bench/policy-profile.sh [PATH…]        (default: ../shared/corpus)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
opa="$("$root/scripts/install-opa.sh")"
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=("$root/../shared/corpus")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && ./mvnw -q -B -DskipTests -pl cli -am package >&2)  # test classes too: EntrypointProfile
status=0
"$root/schemagate" check --format json --policy-input "$tmp/input.json" "${paths[@]}" >/dev/null || status=$?
[ "$status" -le 1 ] || { echo "policy-profile: the check failed (exit $status)" >&2; exit 2; }

mkdir -p "$tmp/policy"
(cd "$root/policy" && find . -name '*.rego' ! -name '*_test.rego' -exec cp --parents {} "$tmp/policy/" \;)
entrypoints=(-e profile/input_only -e schemagate/batch_findings)
{
  echo "package profile"
  echo
  echo "input_only := [count(file.statements) | some file in input.files]"
  for f in $(cd "$tmp/policy" && find rules -name '*.rego' | sort); do
    pkg="$(sed -n 's/^package //p' "$tmp/policy/$f")"
    name="${pkg#schemagate.rules.}"
    name="${name//./_}"
    echo "$name := [fs | some file in input.files; fs := data.$pkg.findings with input as file]"
    entrypoints+=(-e "profile/$name")
  done
} >"$tmp/policy/profile.rego"
"$opa" build -t wasm -O=1 "${entrypoints[@]}" -o "$tmp/bundle.tar.gz" "$tmp/policy"
tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" /policy.wasm 2>/dev/null || tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" policy.wasm

files=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["files"]), sum(len(f["statements"]) for f in d["files"]))' "$tmp/input.json")
echo "policy input: $files (files, statements), $(wc -c <"$tmp/input.json") bytes of JSON"
java -Xss4m -cp "$root/analyzer/target/test-classes:$root/cli/target/schemagate.jar" \
  dev.schemagate.analyzer.policy.EntrypointProfile "$tmp/policy.wasm" "$tmp/input.json" true |
  python3 -c '
import sys
rows = [(float(l.split()[0]), l.split()[2]) for l in sys.stdin if "ms" in l]
base = dict((n, t) for t, n in rows)["profile/input_only"]
total = dict((n, t) for t, n in rows)["schemagate/batch_findings"]
print(f"{total:8.2f} ms  all rules (schemagate/batch_findings)")
print(f"{base:8.2f} ms  reading the input only ({100 * base / total:.0f} %)")
for t, n in sorted(rows, reverse=True):
    if n.startswith("profile/") and n != "profile/input_only":
        print(f"{t - base:8.2f} ms  {n.split(chr(47), 1)[1]}")
'
