#!/usr/bin/env bash
# First sync of a typical small business's Xero organisation (1,000 contacts, 5,000 invoices and bills, 20,000 bank
# transactions) by a throwaway Bridgekeeper jar against the Xero emulator at Xero's documented limits. The emulator is
# test code: this compiles the tests, then runs dev.bridgekeeper.connector.xero.XeroFirstSyncBenchmark from the test
# classpath; that main starts the emulator (loopback), starts the jar as its own process pointed at it, links the
# organisation through the emulated Xero sign-in, waits for every data type's first pull, reports and stops the jar.
# Extra arguments go to the benchmark, e.g.
#   bench/run-xero-first-sync.sh --minute-seconds=60          # Xero's real minute (about 6 minutes)
#   bench/run-xero-first-sync.sh --invoices=1000 --bank-transactions=2000 --contacts=200   # a quick smoke run
#
# Options (--name=value): minute-seconds (default 6: Xero's 60 calls a minute compressed into 6 s on both sides),
# contacts, invoices, bank-transactions, xmx (the server's heap, default 512m), timeout-seconds (default 900),
# jar (default target/bridgekeeper.jar, built if missing), out (default bench/results/xero-first-sync-<time>.json),
# server-args (further server settings, space separated, e.g. --server-args=--bridgekeeper.connectors.rate-limits.margin=PT3S).
# Environment: BENCH_KEEP_DATA=1 keeps the server's data directory; BENCH_EMULATOR_XMX (default 1g) is the heap of
# the JVM that holds the emulated organisation.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

echo "compiling the tests (the Xero emulator) ..."
./mvnw -q -DskipNode=true test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-test-classpath.txt

exec java -Xmx"${BENCH_EMULATOR_XMX:-1g}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-test-classpath.txt)" \
  dev.bridgekeeper.connector.xero.XeroFirstSyncBenchmark --jar="$JAR" "$@"
