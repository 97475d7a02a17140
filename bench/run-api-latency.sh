#!/usr/bin/env bash
# Starts a throwaway Bridgekeeper on a free loopback port, runs
# bench/api-latency.mjs against it, and always stops the server afterwards.
# Extra arguments are passed through to the benchmark, e.g.
#   bench/run-api-latency.sh --duration 10 --seed-companies 2000
#
# Knobs (environment):
#   BENCH_JAR        jar to run (default target/bridgekeeper.jar, built if missing)
#   BENCH_JAVA_OPTS  extra JVM flags, added after -Xmx512m
#   BENCH_KEEP_DATA  set to 1 to keep the temporary data directory
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

PORT="$(free_port)"
API_KEY="$(new_api_key)"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bridgekeeper-bench-data.XXXXXX")"
LOG="$(mktemp "${TMPDIR:-/tmp}/bridgekeeper-bench-server.XXXXXX")"
SERVER_PID=""

cleanup() {
  local rc=$?
  stop_pid "$SERVER_PID" "Bridgekeeper"
  if [[ "${BENCH_KEEP_DATA:-0}" == "1" ]]; then
    echo "data directory kept: $DATA_DIR"
  else
    rm -rf "$DATA_DIR"
  fi
  echo "server log: $LOG"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "starting Bridgekeeper on 127.0.0.1:$PORT (data $DATA_DIR, log $LOG)"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
BRIDGEKEEPER_BOOTSTRAP_API_KEY="$API_KEY" BRIDGEKEEPER_DATA_DIR="$DATA_DIR" \
  java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  >"$LOG" 2>&1 &
SERVER_PID=$!

wait_up "$SERVER_PID" "$PORT" "$LOG" "Bridgekeeper"

# key goes through the environment, not argv, so it stays out of `ps`
set +e
BENCH_API_KEY="$API_KEY" node "$ROOT/bench/api-latency.mjs" --base-url "http://127.0.0.1:$PORT" "$@"
rc=$?
set -e
exit "$rc"
