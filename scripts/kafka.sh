#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft, broker + controller in one JVM) from the
# official jars on Maven Central, for machines without Docker.
#
#   scripts/kafka.sh start|stop|status|reset
#
# KAFKA_PORT (9092) and KAFKA_CONTROLLER_PORT (9093) choose the ports; each port pair gets its own
# state under .kafka/<port>, so the test suite's broker never touches the one a developer serves with.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
heap="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
libs="$root/.kafka/libs"
home="$root/.kafka/$port"
pid_file="$home/broker.pid"
log_file="$home/broker.log"

say() { printf 'kafka(%s): %s\n' "$port" "$*" >&2; }

running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

resolve_jars() {
  if compgen -G "$libs/kafka_2.13-*.jar" >/dev/null; then return; fi
  command -v mvn >/dev/null || { say "Maven (mvn) is needed to fetch the Kafka jars"; exit 1; }
  say "resolving org.apache.kafka:kafka_2.13 with Maven (first run only)"
  mkdir -p "$libs.tmp"
  mvn -q -B -f "$root/scripts/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs.tmp"
  mv "$libs.tmp" "$libs"
}

# Replaces the calling shell, so call it in a subshell: the pid of `(java_cmd ...) &` is the JVM's.
java_cmd() {
  # shellcheck disable=SC2086 # the heap options are several words on purpose
  exec java $heap -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$root/scripts/kafka/log4j.properties" \
    -Dkafka.logs.dir="$home" -cp "$libs/*" "$@"
}

write_config() {
  mkdir -p "$home/data"
  cat >"$home/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$home/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
PROPS
}

format_storage() {
  [[ -f "$home/data/meta.properties" ]] && return
  local cluster_id
  cluster_id="$( (java_cmd kafka.tools.StorageTool random-uuid) 2>/dev/null | tail -n 1)"
  (java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$home/server.properties") >/dev/null
}

wait_ready() {
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until grep -q "Kafka Server started" "$log_file" 2>/dev/null; do
    if ! running; then say "broker exited during start; last lines of $log_file:"; tail -n 30 "$log_file" >&2; exit 1; fi
    if ((SECONDS > deadline)); then say "not ready after ${KAFKA_START_TIMEOUT:-90}s, see $log_file"; exit 1; fi
    sleep 0.3
  done
}

start() {
  if running; then say "already running (pid $(cat "$pid_file"))"; return; fi
  resolve_jars
  write_config
  format_storage
  : >"$log_file"
  (java_cmd kafka.Kafka "$home/server.properties") >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  wait_ready
  say "ready on 127.0.0.1:$port (pid $(cat "$pid_file"))"
}

stop() {
  if ! running; then rm -f "$pid_file"; say "not running"; return; fi
  local pid
  pid="$(cat "$pid_file")"
  kill -TERM "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$pid_file"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pid_file"))"; else echo "stopped"; exit 1; fi ;;
  reset) stop; rm -rf "$home"; say "state removed" ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
