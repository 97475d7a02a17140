package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.quickbooks.emulator.QboSettings;
import dev.bridgekeeper.connector.quickbooks.emulator.QboSettings.Volume;
import dev.bridgekeeper.connector.quickbooks.emulator.QboTraffic;
import dev.bridgekeeper.connector.quickbooks.emulator.QuickBooksEmulator;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.FirstSyncBench;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmark (not a test): the first sync of a typical small business's QuickBooks Online company (1,000 customers,
 * 5,000 invoices, 1,500 bills, 20,000 bank-side transactions and the rest of {@link Volume#benchmark()}) by a
 * Bridgekeeper jar started as its own process, against the QuickBooks emulator at Intuit's documented limits (500
 * requests a minute and 10 at once per realm, MAXRESULTS 1,000). Run by {@code bench/run-qbo-first-sync.sh}; see
 * bench/README.md and docs/BENCHMARKS.md.
 *
 * <p>It reports the API calls by endpoint against the fewest MAXRESULTS 1,000 allows, the wall time from the link
 * to the last completed pull against what the minute limit allows ({@code floor((calls - 1) / 500)} windows), the
 * 429s, the most requests in flight and the peak RSS of the Bridgekeeper process. Loopback only; bounded by
 * {@code --timeout-seconds}.
 */
public final class QuickBooksFirstSyncBenchmark {

    /** Intuit's documented per-realm limits. */
    private static final int PER_MINUTE = 500;
    private static final int AT_ONCE = 10;
    private static final int MAX_RESULTS = 1000;
    /** Months of ProfitAndLoss and BalanceSheet the connector reads (Codat's default). */
    private static final int REPORT_MONTHS = QboStatementReader.MONTHS;
    /** Report calls for them: Intuit advises six months a report request, so one call per six months. */
    private static final long REPORT_CALLS = (REPORT_MONTHS + QboStatementReader.MONTHS_PER_CALL - 1)
            / QboStatementReader.MONTHS_PER_CALL;
    private static final QboSettings.TestUser USER = QboSettings.ALICE;
    private static final String REALM = USER.companies().get(0).realmId();
    private static final Pattern TX = Pattern.compile("name=tx value=\"([^\"]+)\"");

    private QuickBooksFirstSyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = FirstSyncBench.options(args);
        Path jar = FirstSyncBench.jar(options);
        Duration minute = Duration.ofMillis((long) (1000 * Double.parseDouble(options.getOrDefault("minute-seconds",
                "60"))));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "900")));
        Path out = FirstSyncBench.out(options, "qbo-first-sync");
        String heap = options.getOrDefault("xmx", "512m");
        Volume b = Volume.benchmark();
        Volume volume = new Volume(Integer.parseInt(options.getOrDefault("customers", "" + b.customers())),
                b.vendors(), b.items(), Integer.parseInt(options.getOrDefault("invoices", "" + b.invoices())),
                Integer.parseInt(options.getOrDefault("bills", "" + b.bills())), b.payments(), b.billPayments(),
                b.creditMemos(), b.vendorCredits(), b.journalEntries(),
                Integer.parseInt(options.getOrDefault("bank-transactions", "" + b.bankTransactions())), b.estimates(),
                b.purchaseOrders(), b.salesReceipts(), b.refundReceipts());

        QuickBooksEmulator qbo = QuickBooksEmulator.start(QboSettings.builder().volume(volume)
                .rateLimit(PER_MINUTE, minute).users(List.of(USER)).build());
        System.out.println("generating the emulated company " + volume + " ...");
        long generating = System.nanoTime();
        Map<String, Integer> counts = counts(qbo); // the realm is generated on first use
        System.out.printf("generated in %.1f s; QuickBooks emulator at %s, minute window %s%n",
                (System.nanoTime() - generating) / 1e9, qbo.baseUrl(), minute);

        FirstSyncBench.Server server = FirstSyncBench.Server.onFreePort("qbo");
        qbo.registerRedirectUri(server.publicUrl() + "/oauth/callback");
        List<String> settings = new ArrayList<>(List.of(
                "--bridgekeeper.integrations.qhyg.client-id=" + QboSettings.CLIENT_ID,
                "--bridgekeeper.integrations.qhyg.urls.authorize=" + qbo.authorizationUrl(),
                "--bridgekeeper.integrations.qhyg.urls.token=" + qbo.tokenUrl(),
                "--bridgekeeper.integrations.qhyg.urls.revoke=" + qbo.revocationUrl(),
                "--bridgekeeper.integrations.qhyg.urls.api-base=" + qbo.apiBaseUrl(),
                "--bridgekeeper.integrations.qhyg.options.minor-version=75",
                "--bridgekeeper.integrations.qhyg.rate-limits.realm-minute.window=" + minute));
        String extra = options.getOrDefault("server-args", "");
        if (!extra.isBlank()) {
            settings.addAll(List.of(extra.trim().split("\\s+")));
        }
        int exit = 0;
        try (qbo; server) { // closed in reverse: the server stops before the emulator
            Api api = server.start(jar, heap, settings, Map.of("BRIDGEKEEPER_INTEGRATIONS_QHYG_CLIENTSECRET",
                    QboSettings.CLIENT_SECRET));
            try (FirstSyncBench.RssSampler rss = new FirstSyncBench.RssSampler(server.pid())) {
                qbo.traffic().reset();
                FirstSyncBench.Link link = FirstSyncBench.createLink(api, "QuickBooks benchmark SMB", "qhyg");
                Instant linkStarted = Instant.now();
                link(qbo, link.linkUrl());
                List<String> offered = FirstSyncBench.offered(api, "qhyg");
                JsonNode pulls = FirstSyncBench.awaitPulls(api, link.company(), offered, Instant.now().plus(timeout));
                long peakRssKb = rss.stop();
                FirstSyncBench.write(out, report(qbo, counts, pulls, minute, linkStarted, peakRssKb, volume, heap,
                        extra));
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    /** The customer follows the linkUrl, signs in at Intuit, connects the company; Intuit sends them back. */
    private static void link(QuickBooksEmulator qbo, String linkUrl) {
        Browser browser = new Browser();
        String authorize = FirstSyncBench.followLinkUrl(browser, linkUrl, qbo.authorizationUrl());
        Browser intuit = new Browser();
        HttpResponse<String> signIn = intuit.get(authorize);
        HttpResponse<String> companies = intuit.postForm(qbo.authorizationUrl(), Map.of("tx", tx(signIn), "email",
                USER.email(), "password", USER.password()));
        HttpResponse<String> connected = intuit.postForm(qbo.authorizationUrl(), Map.of("tx", tx(companies),
                "realmId", REALM, "decision", "allow"));
        String callback = Browser.location(connected);
        if (callback == null || !callback.contains("code=")) {
            throw new IllegalStateException("Intuit did not send the browser back: " + connected.statusCode());
        }
        FirstSyncBench.landOnCallback(browser, callback);
    }

    private static String tx(HttpResponse<String> page) {
        Matcher m = TX.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("not an Intuit page with a tx field: " + page.statusCode());
        }
        return m.group(1);
    }

    /** Records per entity the connector queries; bank accounts are the Bank and Credit Card accounts. */
    private static Map<String, Integer> counts(QuickBooksEmulator qbo) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String entity : List.of("Account", "Customer", "Vendor", "Invoice", "Bill", "Payment", "BillPayment",
                "CreditMemo", "VendorCredit", "Item", "TaxRate", "TaxCode", "Class", "Department", "JournalEntry",
                "PurchaseOrder", "Purchase", "SalesReceipt", "RefundReceipt", "Deposit", "Transfer", "PaymentMethod")) {
            counts.put(entity, qbo.count(REALM, entity));
        }
        counts.put("Account(bank)", (int) qbo.records(REALM, "Account").stream().filter(a -> List.of("Bank",
                "Credit Card").contains(a.path("AccountType").asString())).count());
        return counts;
    }

    /**
     * The fewest calls MAXRESULTS 1,000 allows: per query, {@code floor(n / 1000) + 1} (the last page must come back
     * short to show the end), for each data type that queries the entity (Account twice: the chart of accounts and
     * the bank accounts); one per read (CompanyInfo, Preferences); one report call per six months (Intuit's advice for
     * a report request's range) of the 24 months of ProfitAndLoss and BalanceSheet the connector reads, by month
     * (Codat's monthly statements), and of the ProfitAndLoss again on the cash basis (the cash flow statement).
     */
    static Map<String, Long> minimumCalls(Map<String, Integer> counts, Map<String, Long> observed,
            Map<String, String> statuses) {
        Map<String, Long> min = new TreeMap<>();
        counts.forEach((entity, n) -> {
            String endpoint = "query:" + entity.replace("(bank)", "");
            min.merge(endpoint, n / MAX_RESULTS + 1L, Long::sum);
        });
        min.put("read:CompanyInfo", 1L);
        min.put("read:Preferences", 1L);
        if (statuses.containsKey("profitAndLoss")) {
            min.put("report:ProfitAndLoss", REPORT_CALLS);
        }
        if (statuses.containsKey("cashFlowStatement")) {
            // the same months again on the cash basis
            min.merge("report:ProfitAndLoss", REPORT_CALLS, Long::sum);
        }
        if (statuses.containsKey("balanceSheet")) {
            min.put("report:BalanceSheet", REPORT_CALLS);
        }
        // a read the connector made that is not listed above is needed at least once
        observed.keySet().stream().filter(e -> e.startsWith("read:") || e.startsWith("report:"))
                .forEach(e -> min.putIfAbsent(e, 1L));
        return min;
    }

    private static ObjectNode report(QuickBooksEmulator qbo, Map<String, Integer> counts, JsonNode pullHistory,
            Duration minute, Instant linkStarted, long peakRssKb, Volume volume, String heap, String serverArgs) {
        FirstSyncBench.Pulls pulls = FirstSyncBench.Pulls.of(pullHistory);
        QboTraffic traffic = qbo.traffic();
        Map<String, Long> byEndpoint = traffic.callsByEndpoint(REALM);
        long calls = traffic.totalCalls(REALM);
        Map<String, Long> minimum = minimumCalls(counts, byEndpoint, pulls.statuses());
        long minimumCalls = minimum.values().stream().mapToLong(Long::longValue).sum();
        double wall = pulls.wallSeconds();
        double allowed = Math.floor((calls - 1) / (double) PER_MINUTE) * minute.toMillis() / 1000.0;
        List<QboTraffic.Call> log = traffic.calls().stream().filter(c -> REALM.equals(c.realmId())).toList();
        double callSpan = log.isEmpty() ? 0 : Duration.between(log.get(0).at(), log.get(log.size() - 1).at())
                .toMillis() / 1000.0;
        double firstCall = log.isEmpty() ? 0 : Duration.between(pulls.first(), log.get(0).at()).toMillis() / 1000.0;
        double lastCallToEnd = log.isEmpty() ? 0 : Duration.between(log.get(log.size() - 1).at(), pulls.last())
                .toMillis() / 1000.0;

        ObjectNode r = FirstSyncBench.result("qbo-first-sync");
        ObjectNode setup = r.putObject("setup");
        setup.putPOJO("volume", volume);
        setup.putPOJO("records", counts);
        setup.put("minuteWindowSeconds", minute.toMillis() / 1000.0);
        setup.put("perMinute", PER_MINUTE);
        setup.put("atOnce", AT_ONCE);
        setup.put("serverHeap", heap);
        setup.put("serverArgs", serverArgs);
        r.putPOJO("statuses", pulls.statuses());
        r.put("apiCalls", calls);
        r.put("minimumApiCalls", minimumCalls);
        r.put("apiCallsOverMinimumPercent", FirstSyncBench.round(100.0 * (calls - minimumCalls) / minimumCalls));
        r.putPOJO("apiCallsByEndpoint", byEndpoint);
        r.putPOJO("minimumApiCallsByEndpoint", minimum);
        r.put("wallSeconds", FirstSyncBench.round(wall));
        r.put("linkSeconds", FirstSyncBench.round(Duration.between(linkStarted, pulls.first()).toMillis() / 1000.0));
        r.put("rateLimitAllowsSeconds", FirstSyncBench.round(allowed));
        r.put("firstCallToLastCallSeconds", FirstSyncBench.round(callSpan));
        r.put("firstCallAfterRequestSeconds", FirstSyncBench.round(firstCall));
        r.put("lastCallToLastCompletionSeconds", FirstSyncBench.round(lastCallToEnd));
        r.put("tooManyRequests", traffic.throttledResponses());
        r.put("serverErrors", traffic.serverErrorResponses());
        r.put("maxInFlight", traffic.maxConcurrencyObserved(REALM));
        r.put("maxInAnyWindow", traffic.maxRequestsInAnyWindow(REALM));
        r.putPOJO("tokenRequests", traffic.tokenRequests());
        r.put("requestViolations", qbo.violations().size());
        r.put("loadAverageAtEnd", FirstSyncBench.loadAverage());
        r.put("peakRssMb", FirstSyncBench.round(peakRssKb / 1024.0));

        System.out.println();
        System.out.println("QuickBooks Online first sync (" + counts + "); minute window " + minute.toMillis() / 1000.0
                + " s");
        System.out.printf("  pulls                 %s%n", pulls.statuses());
        System.out.printf("  API calls             %d (minimum %d: %+.1f %%; goal within 5 %%)%n", calls, minimumCalls,
                100.0 * (calls - minimumCalls) / minimumCalls);
        System.out.printf("  by endpoint           %s%n  minimum by endpoint   %s%n", byEndpoint, minimum);
        System.out.printf("  wall time             %.1f s from the first request to the last completion; the limit"
                + " allows %.1f s (floor((calls - 1) / %d) minute windows; %d at once); first to last call %.1f s,"
                + " first call %.1f s after the first request, last call %.1f s before the last completion%n", wall,
                allowed, PER_MINUTE, AT_ONCE, callSpan, firstCall, lastCallToEnd);
        System.out.printf("  429s                  %d (goal 0); 5xx %d; max in flight %d (limit %d); most in one window"
                + " %d (limit %d); request violations %d%n", traffic.throttledResponses(),
                traffic.serverErrorResponses(), traffic.maxConcurrencyObserved(REALM), AT_ONCE,
                traffic.maxRequestsInAnyWindow(REALM), PER_MINUTE, qbo.violations().size());
        System.out.printf("  load average at end   %s%n", FirstSyncBench.loadAverage());
        System.out.printf("  peak RSS              %.0f MB (goal < 1024 MB)%n", peakRssKb / 1024.0);
        return r;
    }
}
