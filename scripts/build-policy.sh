#!/usr/bin/env bash
# Compiles policy/ (without *_test.rego) to Wasm with the pinned opa (-O=1: ~10 % faster
# evaluation and a smaller module than -O=0; -O=2 inlines into a 4.7 MB module) and writes the
# generated files the analyzer bundles, so that the Java build never needs Go or opa:
#   policy.wasm  the entry points schemagate/findings (one file) and schemagate/batch_findings
#                (many files in one evaluation)
#   rules.json   the rule catalogue (id, default severity, title, summary, doc page), from the
#                METADATA annotations of policy/rules/**.rego
#   rego/        policy/schemagate.rego and policy/lib/*.rego (and rego/files.txt listing them):
#                compiled together with a user's Rego folder at run time, so custom rules can
#                use the helpers and the same entry point
# Usage: scripts/build-policy.sh [OUTPUT_DIR]
#   OUTPUT_DIR defaults to analyzer/src/main/resources/dev/schemagate/analyzer/policy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/analyzer/src/main/resources/dev/schemagate/analyzer/policy}"
opa="$("$root/scripts/install-opa.sh")"
command -v jq >/dev/null || { echo "build-policy: jq is needed" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"

"$opa" build -t wasm -O=1 -e schemagate/findings -e schemagate/batch_findings --ignore '*_test.rego' -o "$tmp/bundle.tar.gz" policy/
tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" /policy.wasm 2>/dev/null || tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" policy.wasm

# Rule catalogue from the package annotations: one entry per package with custom.id.
"$opa" inspect -a --format json policy/ >"$tmp/inspect.json"
jq --sort-keys '{rules: [.annotations[]
    | select(.annotations.scope == "package" and .annotations.custom.id != null)
    | {id: .annotations.custom.id,
       severity: .annotations.custom.severity,
       title: .annotations.title,
       summary: .annotations.description,
       doc: ("docs/rules/" + .annotations.custom.id + ".md"),
       package: ([.path[1:][].value] | join(".")),
       source: .location.file}]
  | sort_by(.id)}' "$tmp/inspect.json" >"$tmp/rules.json"

# The METADATA (what reports show) and the rule constant each rule's findings carry must agree.
"$opa" eval --format json -d policy/ \
  '{sprintf("%s.%s", [c, n]): r.rule | r := data.schemagate.rules[c][n]; r.rule}' |
  jq --sort-keys '[.result[0].expressions[0].value | to_entries[] | {package: ("schemagate.rules." + .key), id: .value.id, severity: .value.severity}] | sort_by(.id)' >"$tmp/constants.json"
jq --sort-keys '[.rules[] | {package, id, severity}]' "$tmp/rules.json" >"$tmp/metadata.json"
if ! diff -u "$tmp/metadata.json" "$tmp/constants.json" >&2; then
  echo "build-policy: METADATA (custom.id/severity) and the rule := {...} constants differ (see diff above)" >&2
  exit 1
fi
for id in $(jq -r '.rules[].id' "$tmp/rules.json"); do
  [ -f "docs/rules/$id.md" ] || { echo "build-policy: docs/rules/$id.md is missing" >&2; exit 1; }
  grep -q "^| \[$id\]($id.md) " docs/rules/README.md || { echo "build-policy: docs/rules/README.md does not list $id" >&2; exit 1; }
done

mkdir -p "$out"
install -m 0644 "$tmp/policy.wasm" "$out/policy.wasm"
install -m 0644 "$tmp/rules.json" "$out/rules.json"
rm -rf "$out/rego"
mkdir -p "$out/rego/lib"
files=(schemagate.rego)
for f in policy/lib/*.rego; do
  case "$f" in *_test.rego) continue ;; esac
  files+=("lib/$(basename "$f")")
done
for f in "${files[@]}"; do install -m 0644 "policy/$f" "$out/rego/$f"; done
printf '%s\n' "${files[@]}" >"$out/rego/files.txt"
echo "build-policy: $(jq '.rules | length' "$out/rules.json") rules, policy.wasm $(wc -c <"$out/policy.wasm") bytes -> $out" >&2
