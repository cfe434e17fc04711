#!/usr/bin/env bash
# Debian packages some tests run, installed with apt-get when missing:
# - chromium, which playwright-core drives for the dashboard page's tests (it downloads no
#   browser of its own; CHROMIUM_PATH, default /usr/bin/chromium, names another);
# - docker-compose, whose `config` validates docker-compose.yml offline, without a Docker engine.
set -euo pipefail
missing=()
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || missing+=(chromium)
compose_available() { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null; }
compose_available || missing+=(docker-compose)
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "the tests need: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "installing ${missing[*]} for the tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
