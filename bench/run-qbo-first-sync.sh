#!/usr/bin/env bash
# First sync of a typical small business's QuickBooks Online company (1,000 customers, 5,000 invoices, 1,500 bills,
# 20,000 bank-side transactions and the rest of QboSettings.Volume.benchmark()) by a throwaway Bridgekeeper jar
# against the QuickBooks emulator at Intuit's documented limits (500 requests a minute and 10 at once per realm,
# MAXRESULTS 1,000). The emulator is test code: this compiles the tests, then runs
# dev.bridgekeeper.connector.quickbooks.QuickBooksFirstSyncBenchmark from the test classpath; that main starts the
# emulator (loopback), starts the jar as its own process pointed at it, links the realm through the emulated Intuit
# sign-in, waits for every data type's first pull, reports and stops the jar. Extra arguments go to the benchmark, e.g.
#   bench/run-qbo-first-sync.sh --invoices=1000 --bank-transactions=2000 --customers=200   # a quick smoke run
#
# Options (--name=value): customers, invoices, bills, bank-transactions, minute-seconds (default 60: Intuit's real
# minute), xmx (the server's heap, default 512m), timeout-seconds (default 900), jar (default target/bridgekeeper.jar,
# built if missing), out (default bench/results/qbo-first-sync-<time>.json), server-args (further server settings,
# space separated). Environment: BENCH_KEEP_DATA=1 keeps the server's data directory; BENCH_EMULATOR_XMX (default 1g)
# is the heap of the JVM that holds the emulated company.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

echo "compiling the tests (the QuickBooks emulator) ..."
./mvnw -q -DskipNode=true test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-test-classpath.txt

exec java -Xmx"${BENCH_EMULATOR_XMX:-1g}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-test-classpath.txt)" \
  dev.bridgekeeper.connector.quickbooks.QuickBooksFirstSyncBenchmark --jar="$JAR" "$@"
