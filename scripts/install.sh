#!/usr/bin/env bash
# Installs the Node dependencies when they are missing or older than the lock file, and builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export npm_config_loglevel=error npm_config_fund=false npm_config_audit=false
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci
fi
npm run --silent build
