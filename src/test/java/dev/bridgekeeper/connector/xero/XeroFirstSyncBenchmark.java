package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.xero.emulator.EmulatorStats;
import dev.bridgekeeper.connector.xero.emulator.Ledger;
import dev.bridgekeeper.connector.xero.emulator.LedgerSize;
import dev.bridgekeeper.connector.xero.emulator.RateLimitPolicy;
import dev.bridgekeeper.connector.xero.emulator.XeroApp;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulator;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig;
import dev.bridgekeeper.connector.xero.emulator.XeroSignIn;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.FirstSyncBench;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmark (not a test): the first sync of a typical small business's Xero organisation (1,000 contacts, 5,000
 * invoices and bills, 20,000 bank transactions and the ~28,000 journals they post) by a Bridgekeeper jar started as
 * its own process, against the Xero emulator at Xero's documented limits (60 calls a minute per organisation, 5 in
 * flight, 5,000 a day). Run by {@code bench/run-xero-first-sync.sh}; see bench/README.md and docs/BENCHMARKS.md.
 *
 * <p>It reports the API calls made against the fewest Xero's page sizes allow (1,000 records a page, 100 journals a
 * call, 12 report months a call), the wall time from the link to the last completed pull against the fewest the
 * minute limit allows for the calls made ({@code floor((calls - 1) / 60)} windows; also for the fewest calls), the 429s Xero sent and the peak RSS of the
 * Bridgekeeper process. The minute window can be compressed ({@code --minute-seconds}) on both sides, the counts
 * staying Xero's. Loopback only; bounded by {@code --timeout-seconds}.
 */
public final class XeroFirstSyncBenchmark {

    private static final String CLIENT_ID = "bridgekeeper-bench-app";
    private static final UUID DEMO = XeroEmulatorConfig.DEMO_TENANT;
    /** Xero's documented per-organisation minute limit. */
    private static final int PER_MINUTE = 60;

    private XeroFirstSyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = FirstSyncBench.options(args);
        Path jar = FirstSyncBench.jar(options);
        Duration minute = Duration.ofMillis((long) (1000 * Double.parseDouble(options.getOrDefault("minute-seconds",
                "6"))));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "900")));
        Path out = FirstSyncBench.out(options, "xero-first-sync");
        String heap = options.getOrDefault("xmx", "512m");
        LedgerSize size = LedgerSize.benchmark().withInvoices(Integer.parseInt(options.getOrDefault("invoices",
                "5000"))).withBankTransactions(Integer.parseInt(options.getOrDefault("bank-transactions", "20000")))
                .withContacts(Integer.parseInt(options.getOrDefault("contacts", "1000")));

        System.out.println("generating the emulated organisation " + size + " ...");
        long generating = System.nanoTime();
        XeroEmulator xero = XeroEmulator.start(XeroEmulatorConfig.defaults().withLedgerSize(DEMO, size)
                .withRateLimits(RateLimitPolicy.xeroDefaults().withMinuteWindow(minute)));
        Ledger ledger = xero.ledger(DEMO);
        System.out.printf("generated in %.1f s; Xero emulator at %s, minute window %s%n",
                (System.nanoTime() - generating) / 1e9, xero.baseUrl(), minute);

        FirstSyncBench.Server server = FirstSyncBench.Server.onFreePort("xero");
        String secret = "bench-secret-" + UUID.randomUUID();
        xero.registerApp(XeroApp.web(CLIENT_ID, secret, server.publicUrl() + "/oauth/callback"));
        List<String> settings = new ArrayList<>(List.of(
                "--bridgekeeper.integrations.gbol.client-id=" + CLIENT_ID,
                "--bridgekeeper.integrations.gbol.urls.authorize=" + xero.authorizeUrl(),
                "--bridgekeeper.integrations.gbol.urls.token=" + xero.tokenUrl(),
                "--bridgekeeper.integrations.gbol.urls.revoke=" + xero.revocationUrl(),
                "--bridgekeeper.integrations.gbol.urls.connections=" + xero.connectionsUrl(),
                "--bridgekeeper.integrations.gbol.urls.api-base=" + xero.apiBaseUrl(),
                "--bridgekeeper.integrations.gbol.rate-limits.tenant-minute.window=" + minute,
                "--bridgekeeper.integrations.gbol.rate-limits.app-minute.window=" + minute));
        // further server settings, e.g. --server-args=--bridgekeeper.connectors.rate-limits.margin=PT3S
        String extra = options.getOrDefault("server-args", "");
        if (!extra.isBlank()) {
            settings.addAll(List.of(extra.trim().split("\\s+")));
        }
        int exit = 0;
        try (xero; server) { // closed in reverse: the server stops before the emulator
            Api api = server.start(jar, heap, settings, Map.of("BRIDGEKEEPER_INTEGRATIONS_GBOL_CLIENTSECRET", secret));
            try (FirstSyncBench.RssSampler rss = new FirstSyncBench.RssSampler(server.pid())) {
                xero.stats().reset();
                FirstSyncBench.Link link = FirstSyncBench.createLink(api, "Xero benchmark SMB", "gbol");
                Instant linkStarted = Instant.now();
                link(xero, link.linkUrl());
                List<String> offered = FirstSyncBench.offered(api, "gbol");
                JsonNode pulls = FirstSyncBench.awaitPulls(api, link.company(), offered, Instant.now().plus(timeout));
                long peakRssKb = rss.stop();
                FirstSyncBench.write(out, report(xero, ledger, pulls, minute, linkStarted, peakRssKb, size, heap,
                        extra));
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    /** The customer follows the linkUrl, signs in to Xero, allows access to the Demo Company. */
    private static void link(XeroEmulator xero, String linkUrl) {
        Browser browser = new Browser();
        String authorize = FirstSyncBench.followLinkUrl(browser, linkUrl, xero.authorizeUrl());
        URI back = new XeroSignIn().allow(authorize, XeroEmulatorConfig.SINGLE_ORG_USER, XeroEmulatorConfig.PASSWORD,
                List.of(DEMO));
        FirstSyncBench.landOnCallback(browser, back.toString());
    }

    private static ObjectNode report(XeroEmulator xero, Ledger ledger, JsonNode pullHistory, Duration minute,
            Instant linkStarted, long peakRssKb, LedgerSize size, String heap, String serverArgs) {
        FirstSyncBench.Pulls pulls = FirstSyncBench.Pulls.of(pullHistory);
        Instant first = pulls.first();
        Instant last = pulls.last();
        Map<String, String> statuses = pulls.statuses();
        long calls = xero.stats().apiCalls(DEMO);
        Map<String, Long> byEndpoint = new TreeMap<>(xero.stats().apiCallsByEndpoint());
        Map<String, Long> minimum = minimumCalls(ledger, statuses);
        long minimumCalls = minimum.values().stream().mapToLong(Long::longValue).sum();
        double wall = pulls.wallSeconds();
        double allowed = Math.floor((calls - 1) / (double) PER_MINUTE) * minute.toMillis() / 1000.0;
        double allowedForMinimum = Math.floor((minimumCalls - 1) / (double) PER_MINUTE) * minute.toMillis() / 1000.0;

        ObjectNode r = FirstSyncBench.result("xero-first-sync");
        ObjectNode setup = r.putObject("setup");
        setup.put("contacts", size.contacts());
        setup.put("invoicesAndBills", size.invoices());
        setup.put("bankTransactions", size.bankTransactions());
        setup.put("journals", ledger.journals().size());
        setup.put("minuteWindowSeconds", minute.toMillis() / 1000.0);
        setup.put("perMinute", PER_MINUTE);
        setup.put("serverHeap", heap);
        setup.put("serverArgs", serverArgs);
        r.putPOJO("statuses", statuses);
        r.put("apiCalls", calls);
        r.put("minimumApiCalls", minimumCalls);
        r.put("apiCallsOverMinimumPercent", FirstSyncBench.round(100.0 * (calls - minimumCalls) / minimumCalls));
        r.putPOJO("apiCallsByEndpoint", byEndpoint);
        r.putPOJO("minimumApiCallsByEndpoint", minimum);
        r.put("wallSeconds", FirstSyncBench.round(wall));
        r.put("linkSeconds", FirstSyncBench.round(Duration.between(linkStarted, first).toMillis() / 1000.0));
        r.put("rateLimitAllowsSeconds", FirstSyncBench.round(allowed));
        r.put("wallOverAllowedPercent", allowed == 0 ? 0 : FirstSyncBench.round(100.0 * (wall - allowed) / allowed));
        r.put("rateLimitAllowsForMinimumCallsSeconds", FirstSyncBench.round(allowedForMinimum));
        r.put("realMinuteEquivalentSeconds", FirstSyncBench.round(wall * 60_000.0 / minute.toMillis()));
        r.put("tooManyRequests", xero.stats().tooManyRequestsSent());
        r.putPOJO("tooManyRequestsByProblem", xero.stats().rateLimited());
        r.put("loadAverageAtEnd", FirstSyncBench.loadAverage());
        r.put("maxInFlight", xero.stats().maxInFlight(DEMO));
        r.put("requestViolations", xero.stats().violations().size());
        r.put("peakRssMb", FirstSyncBench.round(peakRssKb / 1024.0));
        // where the wall time went: calls per limit window from the first call, and the pace of the Journals read
        List<EmulatorStats.Arrival> arrivals = xero.stats().arrivals();
        long firstCall = arrivals.isEmpty() ? first.toEpochMilli() : arrivals.get(0).epochMillis();
        List<Long> perWindow = new ArrayList<>();
        for (EmulatorStats.Arrival a : arrivals) {
            int window = (int) ((a.epochMillis() - firstCall) / minute.toMillis());
            while (perWindow.size() <= window) {
                perWindow.add(0L);
            }
            perWindow.set(window, perWindow.get(window) + 1);
        }
        List<Long> journalGaps = new ArrayList<>();
        long previous = -1;
        for (EmulatorStats.Arrival a : arrivals) {
            if (a.endpoint().equals("GET /Journals")) {
                if (previous >= 0) {
                    journalGaps.add(a.epochMillis() - previous);
                }
                previous = a.epochMillis();
            }
        }
        java.util.Collections.sort(journalGaps);
        double firstCallSeconds = (firstCall - first.toEpochMilli()) / 1000.0;
        double lastCallToEnd = arrivals.isEmpty() ? 0 : (last.toEpochMilli()
                - arrivals.get(arrivals.size() - 1).epochMillis()) / 1000.0;
        r.put("firstCallAfterRequestSeconds", FirstSyncBench.round(firstCallSeconds));
        r.put("lastCallToLastCompletionSeconds", FirstSyncBench.round(lastCallToEnd));
        r.putPOJO("callsPerWindowFromFirstCall", perWindow);
        // each run of a minute's permits (calls 1-60, 61-120, ...): when it started and ended after the first call,
        // and what it read; the gaps between runs are the limit's wait, the last run's length is the read's tail
        List<Map<String, Object>> runs = new ArrayList<>();
        int perMinute = PER_MINUTE;
        for (int from = 0; from < arrivals.size(); from += perMinute) {
            List<EmulatorStats.Arrival> run = arrivals.subList(from, Math.min(arrivals.size(), from + perMinute));
            Map<String, Long> runCalls = new TreeMap<>();
            run.forEach(a -> runCalls.merge(a.endpoint().replace("GET /", ""), 1L, Long::sum));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("from", FirstSyncBench.round((run.get(0).epochMillis() - firstCall) / 1000.0));
            entry.put("to", FirstSyncBench.round((run.get(run.size() - 1).epochMillis() - firstCall) / 1000.0));
            entry.put("calls", runCalls);
            runs.add(entry);
        }
        r.putPOJO("permitRuns", runs);
        r.put("journalCallGapMedianMs", journalGaps.isEmpty() ? 0 : journalGaps.get(journalGaps.size() / 2));
        r.put("journalCallGapP90Ms", journalGaps.isEmpty() ? 0 : journalGaps.get(journalGaps.size() * 9 / 10));

        System.out.println();
        System.out.println("Xero first sync (" + size.contacts() + " contacts, " + size.invoices()
                + " invoices and bills, " + size.bankTransactions() + " bank transactions, "
                + ledger.journals().size() + " journals); minute window " + minute.toMillis() / 1000.0 + " s");
        System.out.printf("  pulls                 %s%n", statuses);
        System.out.printf("  API calls             %d (minimum %d: %+.1f %%; goal within 5 %%)%n", calls, minimumCalls,
                100.0 * (calls - minimumCalls) / minimumCalls);
        System.out.printf("  by endpoint           %s%n  minimum by endpoint   %s%n", byEndpoint, minimum);
        System.out.printf("  wall time             %.1f s (the limit allows %.1f s: %+.1f %%; goal within 10 %%);"
                + " %.0f s at Xero's real minute%n", wall, allowed, allowed == 0 ? 0 : 100.0 * (wall - allowed)
                        / allowed, wall * 60_000.0 / minute.toMillis());
        System.out.printf("  allowed for the minimum calls %.1f s%n", allowedForMinimum);
        System.out.printf("  429s                  %d %s (goal 0); max in flight %d; request violations %d%n",
                xero.stats().tooManyRequestsSent(), xero.stats().rateLimited(), xero.stats().maxInFlight(DEMO),
                xero.stats().violations().size());
        System.out.printf("  load average at end   %s (other work on the machine slows the server)%n",
                FirstSyncBench.loadAverage());
        System.out.printf("  peak RSS              %.0f MB (goal < 1024 MB)%n", peakRssKb / 1024.0);
        System.out.printf("  timeline              first call %.1f s after the first pull was requested; last call %.1f s"
                + " before the last pull completed; calls per window from the first call %s; Journals calls %d ms"
                + " apart (median), %d ms (p90)%n", firstCallSeconds, lastCallToEnd, perWindow,
                r.path("journalCallGapMedianMs").asLong(), r.path("journalCallGapP90Ms").asLong());
        return r;
    }

    /**
     * The fewest calls Xero's page sizes allow for what was read: one per 1,000 records of each paged endpoint
     * (whatever data types share it), one per unpaged list, one per 100 journals (plus the one that shows the end
     * when they fill the last call), twelve report months a call (the profit and loss twice when the cash flow
     * statement, read from it on the cash basis, is synced too).
     */
    static Map<String, Long> minimumCalls(Ledger ledger, Map<String, String> statuses) {
        Map<String, Long> min = new LinkedHashMap<>();
        min.put("GET /Organisation", 1L);
        min.put("GET /Accounts", 1L);
        for (String paged : List.of("Contacts", "Invoices", "CreditNotes", "Payments", "BankTransactions",
                "PurchaseOrders")) {
            min.put("GET /" + paged, Math.max(1, (ledger.count(paged) + 999) / 1000L));
        }
        for (String whole : List.of("TaxRates", "TrackingCategories", "Items", "BankTransfers")) {
            min.put("GET /" + whole, 1L);
        }
        min.put("GET /Journals", ledger.journals().size() / 100L + 1);
        if (statuses.containsKey("profitAndLoss")) {
            min.put("GET /Reports/ProfitAndLoss", 2L); // 24 months
        }
        if (statuses.containsKey("cashFlowStatement")) {
            min.merge("GET /Reports/ProfitAndLoss", 2L, Long::sum); // the same 24 months on the cash basis
        }
        if (statuses.containsKey("balanceSheet")) {
            min.put("GET /Reports/BalanceSheet", 3L); // 25 month-ends: 24 months back and this one
        }
        return min;
    }
}
