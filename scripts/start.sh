#!/usr/bin/env bash
# Starts sprint-ledger with everything it needs on a fresh machine: installs and builds, starts a
# local Kafka broker unless KAFKA_BROKERS names one, creates and migrates the database
# (DATABASE_URL, or sprint_ledger on the local PostgreSQL), loads the demo sprint into an empty
# database, then serves GraphQL at /graphql and the live dashboard at /.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install.sh
if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  bash scripts/kafka.sh start
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}"
fi
if [[ -z "${COORDINATOR_TOKEN:-}" ]]; then
  # A first coordinator token for this checkout, kept across restarts (never committed).
  mkdir -p .local
  [[ -s .local/coordinator-token ]] || node -e "console.log('slt_' + require('crypto').randomBytes(32).toString('base64url'))" >.local/coordinator-token
  COORDINATOR_TOKEN="$(cat .local/coordinator-token)"
  export COORDINATOR_TOKEN
  echo "sprint-ledger: coordinator token (from .local/coordinator-token): $COORDINATOR_TOKEN"
fi
echo "sprint-ledger: live dashboard at http://${HOST:-127.0.0.1}:${PORT:-3000}/#token=$COORDINATOR_TOKEN"

node dist/src/cli/migrate.js
node dist/src/cli/import-plan.js --if-empty fixtures/sprint-4.yaml
exec node dist/src/main.js
