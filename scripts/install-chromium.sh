#!/usr/bin/env bash
# Installs Debian's chromium for the watcher's headless-browser test (WatcherPageBrowserTest) and
# prints the path of the binary on stdout; everything else goes to stderr. A no-op when a chromium
# of at least the pinned major version is already installed.
# Pinned by major version, not by exact package version: Debian's security archive keeps only the
# newest chromium build, so an exact pin would stop installing at its next security update.
set -euo pipefail
CHROMIUM_MIN_MAJOR="${CHROMIUM_MIN_MAJOR:-150}"
major() { "$1" --version 2>/dev/null | sed -n 's/^Chromium \([0-9]*\)\..*/\1/p'; }
bin="$(command -v chromium || true)"
if [ -n "$bin" ] && [ "$(major "$bin")" -ge "$CHROMIUM_MIN_MAJOR" ] 2>/dev/null; then
  echo "$bin"
  exit 0
fi
command -v apt-get >/dev/null || { echo "install-chromium: apt-get is needed to install Debian's chromium" >&2; exit 2; }
echo "install-chromium: installing Debian's chromium (>= $CHROMIUM_MIN_MAJOR) with apt-get (one time)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
bin="$(command -v chromium)"
got="$(major "$bin")"
if [ -z "$got" ] || [ "$got" -lt "$CHROMIUM_MIN_MAJOR" ]; then
  echo "install-chromium: $bin is version ${got:-unknown}, below the pinned major $CHROMIUM_MIN_MAJOR" >&2
  exit 2
fi
echo "$bin"
