#!/usr/bin/env bash
# Runs every test against the real PostgreSQL and a real Kafka broker.
#
# One broker (its own ports and data, so a developer's broker is left alone) and one migrated
# template database serve the whole run; each test file clones the template.
# Ends with one line: tests: N passed, N failed[, N skipped].
#
#   scripts/test.sh            every test
#   scripts/test.sh faults     only the test files whose path contains "faults"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install.sh
bash scripts/install-test-tools.sh

export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
# This run's own template, so two runs on one machine (a developer's and CI's) never collide.
export TEST_DATABASE_TEMPLATE="${TEST_DATABASE_TEMPLATE:-sl_template_$(date +%s)_$$}"
export TEST_KAFKA_PORT="${TEST_KAFKA_PORT:-19092}"
export TEST_KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19093}"
kafka() { KAFKA_PORT="$TEST_KAFKA_PORT" KAFKA_CONTROLLER_PORT="$TEST_KAFKA_CONTROLLER_PORT" bash scripts/kafka.sh "$@"; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started_broker=0
if ! kafka status >/dev/null; then
  # Ports held by something else (another checkout's broker, say): move on to a free pair.
  while port_busy "$TEST_KAFKA_PORT" || port_busy "$TEST_KAFKA_CONTROLLER_PORT"; do
    TEST_KAFKA_PORT=$((TEST_KAFKA_PORT + 2))
    TEST_KAFKA_CONTROLLER_PORT=$((TEST_KAFKA_CONTROLLER_PORT + 2))
  done
  kafka reset >/dev/null 2>&1
  kafka start
  started_broker=1
fi
cleanup() {
  if ((started_broker)); then kafka stop || true; fi
  psql "$TEST_POSTGRES_URL/postgres" -qc "DROP DATABASE IF EXISTS $TEST_DATABASE_TEMPLATE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

node dist/test/support/prepare-template.js

mkdir -p test-results
mapfile -t files < <(find dist/src dist/test \( -name '*.test.js' -o -name '*.spec.js' \) | grep -F -- "${1:-}" | sort)
set +e
node --test --test-concurrency=1 --test-timeout=300000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="test-results/${TEST_RUN:-tests}.tap" \
  "${files[@]}"
status=$?
set -e

count() { grep -E "^# $1 [0-9]+$" "test-results/${TEST_RUN:-tests}.tap" | tail -n 1 | awk '{print $3}'; }
passed=$(count pass); failed=$(count fail); skipped=$(( $(count skipped) + $(count todo) ))
summary="tests: ${passed:-0} passed, ${failed:-0} failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
exit "$status"
