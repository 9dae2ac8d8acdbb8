#!/usr/bin/env bash
# Builds the pinned kube-apiserver and kubectl from the k8s.io/kubernetes Go modules (wrapper
# module in scripts/kube-apiserver) and installs etcd from Debian (etcd-server), caching them under
# ~/.cache/schemagate/kube-api-test in the layout fabric8 kube-api-test reads offline:
#   <dir>/k8s/<version>-<os>-<arch>/{kube-apiserver,kubectl,etcd}
# Prints <dir> on stdout; everything else goes to stderr. The first run compiles the API server
# (tens of minutes on 2 busy cores); later runs are instant.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$here/kube-apiserver"
KUBE_VERSION="$(sed -n 's/^[[:space:]]*k8s\.io\/kubernetes \(v[0-9][0-9.]*\).*/\1/p' "$module/go.mod" | head -1)"
[ -n "$KUBE_VERSION" ] || { echo "install-kube: no k8s.io/kubernetes version in $module/go.mod" >&2; exit 2; }
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
root="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/kube-api-test"
dir="$root/k8s/${KUBE_VERSION#v}-linux-$arch"
mkdir -p "$dir"

build() { # build <name> <package dir relative to the module>
  if [ ! -x "$dir/$1" ]; then
    command -v go >/dev/null || { echo "install-kube: Go is needed to build $1 $KUBE_VERSION" >&2; exit 2; }
    echo "install-kube: building $1 $KUBE_VERSION into $dir (one time)" >&2
    local start; start=$(date +%s)
    # nice: the build is CPU heavy and shares the machine with other work.
    # The version is what `--version` and /version report; the release build stamps it the same way.
    local v="k8s.io/component-base/version" minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
    (cd "$module" && CGO_ENABLED=0 nice -n 19 go build -trimpath \
      -ldflags "-s -w -X $v.gitVersion=$KUBE_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean" \
      -o "$dir/$1.tmp" "$2" >&2)
    mv "$dir/$1.tmp" "$dir/$1"
    echo "install-kube: $1 built in $(( $(date +%s) - start )) s" >&2
  fi
}
build kube-apiserver .
build kubectl ./kubectl

if [ ! -x "$dir/etcd" ]; then
  etcd_bin="$(command -v etcd || true)"
  if [ -z "$etcd_bin" ]; then
    echo "install-kube: installing etcd from Debian (etcd-server)" >&2
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get install -y -q etcd-server >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q etcd-server >&2; }
    # The package may start a system etcd on 2379; the tests start their own on free ports.
    if command -v systemctl >/dev/null && systemctl is-active --quiet etcd 2>/dev/null; then $sudo systemctl stop etcd >&2 || true; fi
    etcd_bin="$(command -v etcd)"
  fi
  ln -sf "$etcd_bin" "$dir/etcd"
fi
"$dir/kube-apiserver" --version >&2
echo "$root"
