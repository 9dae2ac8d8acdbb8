#!/usr/bin/env bash
# Builds the pinned pgroll CLI (the peer of bench/operations.sh) from the Go module proxy through the
# wrapper module scripts/pgroll, and caches it under ~/.cache/schemagate. pgroll parses SQL with
# libpg_query, so the build needs cgo and a C compiler (gcc). Prints the binary's path on stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$here/pgroll"
version="$(sed -n 's/^require github\.com\/xataio\/pgroll \(v[0-9.]*\).*/\1/p' "$module/go.mod")"
[ -n "$version" ] || { echo "install-pgroll: no pgroll version in $module/go.mod" >&2; exit 2; }
dir="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/pgroll-$version"
bin="$dir/pgroll"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "install-pgroll: Go is needed to build pgroll $version" >&2; exit 2; }
  command -v gcc >/dev/null || { echo "install-pgroll: gcc is needed to build pgroll $version (cgo, libpg_query)" >&2; exit 2; }
  echo "install-pgroll: building pgroll $version into $dir (one time; compiles libpg_query)" >&2
  mkdir -p "$dir"
  (cd "$module" && CGO_ENABLED=1 nice -n 19 go build -trimpath -o "$bin.tmp" . >&2)
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
