#!/usr/bin/env bash
# Installs the pinned opa CLI from the Go module proxy and caches it under ~/.cache.
# Prints the path of the binary on stdout; everything else goes to stderr.
set -euo pipefail
OPA_VERSION="${OPA_VERSION:-v1.22.3}"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/opa-$OPA_VERSION"
bin="$dir/opa"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "install-opa: Go is needed to build opa $OPA_VERSION" >&2; exit 2; }
  echo "install-opa: building opa $OPA_VERSION into $dir (one time)" >&2
  mkdir -p "$dir"
  GOBIN="$dir" CGO_ENABLED=0 go install "github.com/open-policy-agent/opa@$OPA_VERSION" >&2
fi
echo "$bin"
