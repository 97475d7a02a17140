#!/usr/bin/env bash
# Webhook delivery benchmark with one and then two Bridgekeeper instances.
#
#   1. starts instance A (embedded PostgreSQL on a fixed free loopback port) and
#      runs bench/webhook-throughput.mjs against it ("one-instance");
#   2. starts instance B on the same database (SPRING_DATASOURCE_URL pointing at
#      A's embedded PostgreSQL, A's signing and encryption keys) and runs the
#      benchmark again with the API load spread over A and B ("two-instances"),
#      comparing with step 1.
# Everything it started is stopped on exit (also on failure or Ctrl-C).
# Extra arguments go to both benchmark runs, e.g.
#   bench/run-webhook-throughput.sh --duration 10 --backlog-events 10000
#
# Knobs (environment):
#   BENCH_JAR        jar to run (default target/bridgekeeper.jar, built if missing)
#   BENCH_JAVA_OPTS  extra JVM flags, added after -Xmx512m
#   BENCH_KEEP_DATA  set to 1 to keep the temporary data directories
#   BENCH_ONLY_ONE   set to 1 to skip the two-instance run
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

API_KEY="$(new_api_key)"
PORT_A="$(free_port)"
PG_PORT="$(free_port)"
PORT_B="$(free_port)"
DATA_A="$(mktemp -d "${TMPDIR:-/tmp}/bridgekeeper-whbench-a.XXXXXX")"
DATA_B="$(mktemp -d "${TMPDIR:-/tmp}/bridgekeeper-whbench-b.XXXXXX")"
LOG_A="$(mktemp "${TMPDIR:-/tmp}/bridgekeeper-whbench-a-log.XXXXXX")"
LOG_B="$(mktemp "${TMPDIR:-/tmp}/bridgekeeper-whbench-b-log.XXXXXX")"
RESULT_ONE="$(mktemp "${TMPDIR:-/tmp}/bridgekeeper-whbench-one.XXXXXX.json")"
PID_A=""
PID_B=""

cleanup() {
  local rc=$?
  stop_pid "$PID_B" "instance B" # B first: it uses A's database
  stop_pid "$PID_A" "instance A"
  if [[ "${BENCH_KEEP_DATA:-0}" == "1" ]]; then
    echo "data directories kept: $DATA_A $DATA_B"
  else
    rm -rf "$DATA_A" "$DATA_B"
  fi
  rm -f "$RESULT_ONE"
  echo "server logs: $LOG_A $LOG_B"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Webhook settings shared by both instances: plain http to a loopback receiver.
export BRIDGEKEEPER_WEBHOOKS_ALLOWHTTP=true
export BRIDGEKEEPER_WEBHOOKS_ALLOWEDTARGETS=127.0.0.0/8

echo "starting instance A on 127.0.0.1:$PORT_A, embedded PostgreSQL on 127.0.0.1:$PG_PORT (data $DATA_A, log $LOG_A)"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
BRIDGEKEEPER_BOOTSTRAP_API_KEY="$API_KEY" BRIDGEKEEPER_DATA_DIR="$DATA_A" \
  BRIDGEKEEPER_EMBEDDED_DATABASE_PORT="$PG_PORT" \
  java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT_A" --server.address=127.0.0.1 \
  >"$LOG_A" 2>&1 &
PID_A=$!
wait_up "$PID_A" "$PORT_A" "$LOG_A" "instance A" 180

# key goes through the environment, not argv, so it stays out of `ps`
set +e
BENCH_API_KEY="$API_KEY" node "$ROOT/bench/webhook-throughput.mjs" --label one-instance --instances 1 \
  --base-url "http://127.0.0.1:$PORT_A" --out "$RESULT_ONE" "$@"
rc=$?
set -e
[[ $rc -eq 0 ]] || exit "$rc"
mkdir -p "$ROOT/bench/results"
cp "$RESULT_ONE" "$ROOT/bench/results/webhook-throughput-one-instance-$(date -u +%Y-%m-%dT%H-%M-%SZ).json"
[[ "${BENCH_ONLY_ONE:-0}" == "1" ]] && exit 0

for f in token-signing.key encryption.key postgres.password; do
  [[ -s "$DATA_A/secrets/$f" ]] || { echo "$DATA_A/secrets/$f not found; cannot start instance B" >&2; exit 1; }
done
echo "starting instance B on 127.0.0.1:$PORT_B against A's database (data $DATA_B, log $LOG_B)"
# shellcheck disable=SC2086
BRIDGEKEEPER_DATA_DIR="$DATA_B" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD="$(cat "$DATA_A/secrets/postgres.password")" BRIDGEKEEPER_SANDBOX_ENABLED=true \
  BRIDGEKEEPER_SECURITY_TOKENSIGNINGKEY="$(cat "$DATA_A/secrets/token-signing.key")" \
  BRIDGEKEEPER_ENCRYPTION_KEYS="dev:$(cat "$DATA_A/secrets/encryption.key")" \
  java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT_B" --server.address=127.0.0.1 \
  >"$LOG_B" 2>&1 &
PID_B=$!
wait_up "$PID_B" "$PORT_B" "$LOG_B" "instance B" 180

set +e
BENCH_API_KEY="$API_KEY" node "$ROOT/bench/webhook-throughput.mjs" --label two-instances --instances 2 \
  --base-url "http://127.0.0.1:$PORT_A,http://127.0.0.1:$PORT_B" --compare "$RESULT_ONE" "$@"
rc=$?
set -e
exit "$rc"
