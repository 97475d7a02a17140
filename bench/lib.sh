# Shared by the bench/run-*.sh scripts: finding the jar, free loopback ports, and starting and stopping
# throwaway Bridgekeeper instances. Source it after `set -euo pipefail` and `cd "$ROOT"`.

command -v node >/dev/null || { echo "node (20+) is required" >&2; exit 1; }
command -v java >/dev/null || { echo "java is required" >&2; exit 1; }

JAR="${BENCH_JAR:-target/bridgekeeper.jar}"
if [[ ! -f "$JAR" ]]; then
  echo "building $JAR (./mvnw -q -DskipTests package) ..."
  ./mvnw -q -DskipTests package
fi
[[ -f "$JAR" ]] || { echo "$JAR not found after build" >&2; exit 1; }

# The benchmarks send tens of thousands of requests with one key from 127.0.0.1: the rate limits stay on (their
# cost is part of what is measured) but far above that, unless the caller set these variables itself.
export BRIDGEKEEPER_THROTTLE_CLIENT_QUOTA="${BRIDGEKEEPER_THROTTLE_CLIENT_QUOTA:-1000000000}"
export BRIDGEKEEPER_THROTTLE_FAILEDAUTHENTICATION_LIMIT="${BRIDGEKEEPER_THROTTLE_FAILEDAUTHENTICATION_LIMIT:-1000000000}"
export BRIDGEKEEPER_THROTTLE_SIGNIN_LIMIT="${BRIDGEKEEPER_THROTTLE_SIGNIN_LIMIT:-1000000000}"
export BRIDGEKEEPER_THROTTLE_SANDBOXTOKEN_LIMIT="${BRIDGEKEEPER_THROTTLE_SANDBOXTOKEN_LIMIT:-1000000000}"
export BRIDGEKEEPER_THROTTLE_BROWSER_LIMIT="${BRIDGEKEEPER_THROTTLE_BROWSER_LIMIT:-1000000000}"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

new_api_key() { node -e 'console.log("bench-"+require("crypto").randomBytes(24).toString("hex"))'; }

stop_pid() { # pid name: SIGTERM, up to 30 s for a graceful shutdown, then SIGKILL
  local pid="$1" name="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  echo "stopping $name (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name did not stop in 30 s, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

wait_up() { # pid port log name [seconds]: until /actuator/health is UP; exits with the log's tail if not
  local pid="$1" port="$2" logf="$3" name="$4" limit="${5:-120}"
  local url="http://127.0.0.1:$port/actuator/health" deadline=$((SECONDS + limit))
  until BENCH_HEALTH_URL="$url" node -e '
    fetch(process.env.BENCH_HEALTH_URL, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json()).then((j) => process.exit(j.status === "UP" ? 0 : 1))
      .catch(() => process.exit(1));'; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during startup; last log lines:" >&2
      tail -n 40 "$logf" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$name was not UP at $url within $limit s; last log lines:" >&2
      tail -n 40 "$logf" >&2
      exit 1
    fi
    sleep 1
  done
  echo "$name is UP on 127.0.0.1:$port"
}
