#!/usr/bin/env bash
# Installs the pinned helm CLI from the Go module proxy and caches it under ~/.cache.
# Prints the path of the binary on stdout; everything else goes to stderr.
set -euo pipefail
HELM_VERSION="${HELM_VERSION:-v3.21.4}"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/helm-$HELM_VERSION"
bin="$dir/helm"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "install-helm: Go is needed to build helm $HELM_VERSION" >&2; exit 2; }
  echo "install-helm: building helm $HELM_VERSION into $dir (one time)" >&2
  mkdir -p "$dir"
  GOBIN="$dir" CGO_ENABLED=0 go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
fi
echo "$bin"
