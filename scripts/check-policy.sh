#!/usr/bin/env bash
# CI check for policy/: formatting, opa tests, and that the committed generated files
# (analyzer/src/main/resources/dev/schemagate/analyzer/policy/{policy.wasm,rules.json,rego/})
# are exactly what the sources produce with the pinned opa.
# Usage: scripts/check-policy.sh [--fix]   (--fix formats the Rego files and rewrites the generated ones)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
opa="$("$root/scripts/install-opa.sh")"
generated="$root/analyzer/src/main/resources/dev/schemagate/analyzer/policy"
cd "$root"

if [ "${1:-}" = "--fix" ]; then
  "$opa" fmt --write policy/
  scripts/build-policy.sh
  exit 0
fi

unformatted="$("$opa" fmt --list policy/)"
if [ -n "$unformatted" ]; then
  echo "check-policy: not formatted with opa fmt (run scripts/check-policy.sh --fix):" >&2
  echo "$unformatted" >&2
  exit 1
fi

"$opa" check policy/
"$opa" test policy/ -v

# opa build output is deterministic (fixed tar timestamps, stable module order: two builds of
# the same sources give byte-identical bundles), so the committed files are compared byte by byte.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
scripts/build-policy.sh "$tmp"
if ! diff -r "$generated" "$tmp" >"$tmp.diff" 2>&1; then
  cat "$tmp.diff" >&2
  rm -f "$tmp.diff"
  echo "check-policy: the committed policy.wasm / rules.json / rego/ differ from what policy/ produces;" >&2
  echo "check-policy: run scripts/build-policy.sh and commit the result" >&2
  exit 1
fi
rm -f "$tmp.diff"
echo "check-policy: policy/ is formatted, tested, and the committed Wasm is up to date" >&2
