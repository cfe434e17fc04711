#!/usr/bin/env bash
# Installs Node.js 24 LTS from the npm registry (the `node` package ships the binary) into
# .local/node24 and prints the folder of its `node`, for running the suite on it as well.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
prefix=.local/node24
if ! "$prefix/node_modules/.bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
  mkdir -p "$prefix"
  npm_config_loglevel=error npm install --prefix "$prefix" --no-save --no-audit --no-fund \
    --no-package-lock 'node@^24' >/dev/null
fi
echo "$PWD/$prefix/node_modules/.bin"
