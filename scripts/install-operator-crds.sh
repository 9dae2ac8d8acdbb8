#!/usr/bin/env bash
# Caches the CRDs the chart's optional objects need (cert-manager's Certificate and Issuer,
# prometheus-operator's ServiceMonitor and PrometheusRule), taken from the pinned Go modules of
# those projects through the Go module proxy (no release page is needed), under ~/.cache.
# The webhook's ChartMatrixTest creates them on its kube-apiserver before the chart's objects.
# Prints the cache folder on stdout; everything else goes to stderr.
set -euo pipefail
CERT_MANAGER_VERSION="${CERT_MANAGER_VERSION:-v1.19.1}"
PROMETHEUS_OPERATOR_VERSION="${PROMETHEUS_OPERATOR_VERSION:-v0.85.0}"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/operator-crds-cert-manager-$CERT_MANAGER_VERSION-prometheus-operator-$PROMETHEUS_OPERATOR_VERSION"
files=(cert-manager.io_certificates.yaml cert-manager.io_issuers.yaml
       monitoring.coreos.com_servicemonitors.yaml monitoring.coreos.com_prometheusrules.yaml)
complete=1
for f in "${files[@]}"; do [ -s "$dir/$f" ] || complete=0; done
if [ "$complete" = 0 ]; then
  command -v go >/dev/null || { echo "install-operator-crds: Go is needed to download the CRDs' modules" >&2; exit 2; }
  echo "install-operator-crds: downloading cert-manager $CERT_MANAGER_VERSION and prometheus-operator $PROMETHEUS_OPERATOR_VERSION from the Go module proxy (one time)" >&2
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # go mod download prints each module's unpacked folder ("Dir") in its JSON.
  cm="$(cd "$tmp" && go mod download -json "github.com/cert-manager/cert-manager@$CERT_MANAGER_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
  po="$(cd "$tmp" && go mod download -json "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
  mkdir -p "$tmp/out"
  cp "$cm/deploy/crds/cert-manager.io_certificates.yaml" "$cm/deploy/crds/cert-manager.io_issuers.yaml" "$tmp/out/"
  cp "$po/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" \
     "$po/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml" "$tmp/out/"
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir" && mv "$tmp/out" "$dir"
fi
echo "$dir"
