#!/usr/bin/env bash
# Builds the webhook benchmark's load generator (bench/loadgen, Go standard library only, no
# module downloads) with the machine's Go and caches it under ~/.cache, keyed by its sources.
# Prints the path of the binary on stdout; everything else goes to stderr.
set -euo pipefail
src="$(cd "$(dirname "$0")/../bench/loadgen" && pwd)"
key="$(cat "$src/go.mod" "$src/main.go" | sha256sum | cut -c1-12)"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/loadgen-$key"
if [ ! -x "$dir/loadgen" ]; then
  command -v go >/dev/null || { echo "install-loadgen: Go is needed to build bench/loadgen" >&2; exit 2; }
  mkdir -p "$dir"
  (cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -o "$dir/loadgen.tmp" . >&2)
  mv "$dir/loadgen.tmp" "$dir/loadgen"
fi
echo "$dir/loadgen"
