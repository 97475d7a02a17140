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
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

command -v node >/dev/null || { echo "node (20+) is required" >&2; exit 1; }
command -v java >/dev/null || { echo "java is required" >&2; exit 1; }

JAR="${BENCH_JAR:-target/bridgekeeper.jar}"
if [[ ! -f "$JAR" ]]; then
  echo "building $JAR (./mvnw -q -DskipTests package) ..."
  ./mvnw -q -DskipTests package
fi
[[ -f "$JAR" ]] || { echo "$JAR not found after build" >&2; exit 1; }

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
API_KEY="$(node -e 'console.log("bench-"+require("crypto").randomBytes(24).toString("hex"))')"
DB_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bridgekeeper-sync-bench-data.XXXXXX")"
LOG="$(mktemp "${TMPDIR:-/tmp}/bridgekeeper-sync-bench-server.XXXXXX")"
SERVER_PID=""

cleanup() {
  local rc=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "stopping Bridgekeeper (pid $SERVER_PID) ..."
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do # up to 30 s for a graceful shutdown
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "Bridgekeeper did not stop in 30 s, killing it" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
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
  >"$LOG" 2>&1 &
SERVER_PID=$!

HEALTH_URL="http://127.0.0.1:$PORT/actuator/health"
deadline=$((SECONDS + 120))
until BENCH_HEALTH_URL="$HEALTH_URL" node -e '
  fetch(process.env.BENCH_HEALTH_URL, { signal: AbortSignal.timeout(2000) })
    .then((r) => r.json()).then((j) => process.exit(j.status === "UP" ? 0 : 1))
    .catch(() => process.exit(1));'; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "Bridgekeeper exited during startup; last log lines:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "Bridgekeeper was not UP at $HEALTH_URL within 120 s; last log lines:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  sleep 1
done
echo "Bridgekeeper is UP"

# key goes through the environment, not argv, so it stays out of `ps`
set +e
BENCH_API_KEY="$API_KEY" node "$ROOT/bench/sync-first.mjs" --base-url="http://127.0.0.1:$PORT" \
  --server-pid="$SERVER_PID" --db-port="$DB_PORT" "$@"
rc=$?
set -e
echo "how each pull completed (server log):"
grep -o "Dataset .* complete;.*" "$LOG" || true
exit "$rc"
