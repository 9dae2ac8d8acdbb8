#!/usr/bin/env bash
# Installs the pinned squawk CLI (the peer the benchmark compares with) from PyPI into a venv
# cached under ~/.cache. Prints the path of the binary on stdout.
set -euo pipefail
SQUAWK_VERSION="${SQUAWK_VERSION:-2.66.0}"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/squawk-$SQUAWK_VERSION"
if [ ! -x "$dir/bin/squawk" ]; then
  echo "install-squawk: installing squawk-cli $SQUAWK_VERSION into $dir (one time)" >&2
  python3 -m venv "$dir" >&2
  "$dir/bin/pip" install -q "squawk-cli==$SQUAWK_VERSION" >&2
fi
echo "$dir/bin/squawk"
