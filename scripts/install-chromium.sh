#!/usr/bin/env bash
# Debian's Chromium for the browser tests: playwright-core drives it and downloads no browser of
# its own. Does nothing when CHROMIUM_PATH (default /usr/bin/chromium) is already there.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$chromium" ]] && exit 0
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "the browser tests need Chromium: apt-get install chromium, or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "installing Debian's chromium for the browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
