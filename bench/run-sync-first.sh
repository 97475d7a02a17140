#!/usr/bin/env bash
# Starts a throwaway Bridgekeeper on a free loopback port whose Sandbox Banking organisation for
# user_good holds BENCH_TRANSACTIONS_PER_ACCOUNT x 3 transactions, runs bench/sync-first.mjs
# against it (first sync, page reads, raw COPY ceiling), and always stops the server afterwards.
# Extra arguments are passed through to the benchmark, e.g.
#   bench/run-sync-first.sh --page-reads=200
#
# Knobs (environment):
#   BENCH_TRANSACTIONS_PER_ACCOUNT  default 333334 (3 accounts: 1,000,002 transactions)
#   BENCH_INVOICES   default 100000 (Sandbox Accounting invoices of user_good; --invoices=false skips that phase)
#   BENCH_JAR        jar to run (default target/bridgekeeper.jar, built if missing)
#   BENCH_JAVA_OPTS  extra JVM flags, added after -Xmx512m
#   BENCH_KEEP_DATA  set to 1 to keep the temporary data directory
#   BENCH_WARMUP     set to 1 to first sync user_expiring's organisation (3 x 50,000 transactions), unmeasured,
#                    so the measured sync runs on JIT-compiled code as on a server that has been up a while
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

PORT="$(free_port)"
API_KEY="$(new_api_key)"
DB_PORT="$(free_port)"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bridgekeeper-sync-bench-data.XXXXXX")"
LOG="$(mktemp "${TMPDIR:-/tmp}/bridgekeeper-sync-bench-server.XXXXXX")"
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
  BRIDGEKEEPER_EMBEDDED_DATABASE_PORT="$DB_PORT" BRIDGEKEEPER_PUBLIC_URL="http://127.0.0.1:$PORT" \
  java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --bridgekeeper.sandbox.data.users.user_good.transactions-per-account="${BENCH_TRANSACTIONS_PER_ACCOUNT:-333334}" \
  --bridgekeeper.sandbox.data.users.user_good.invoices="${BENCH_INVOICES:-100000}" \
  --bridgekeeper.sandbox.data.users.user_expiring.transactions-per-account=50000 \
  >"$LOG" 2>&1 &
SERVER_PID=$!

wait_up "$SERVER_PID" "$PORT" "$LOG" "Bridgekeeper"

WARMUP=()
[[ "${BENCH_WARMUP:-0}" == "1" ]] && WARMUP=(--warmup-user=user_expiring)
# the key and the embedded database's password go through the environment, not argv, so they stay out of `ps`
set +e
BENCH_DB_PASSWORD="$(cat "$DATA_DIR/secrets/postgres.password")" BENCH_API_KEY="$API_KEY" node "$ROOT/bench/sync-first.mjs" --base-url="http://127.0.0.1:$PORT" \
  --server-pid="$SERVER_PID" --db-port="$DB_PORT" "${WARMUP[@]}" "$@"
rc=$?
set -e
echo "how each pull completed (server log):"
grep -o "Dataset .* complete;.*" "$LOG" || true
exit "$rc"
