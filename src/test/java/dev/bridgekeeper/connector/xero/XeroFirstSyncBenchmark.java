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
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLIENT_ID = "bridgekeeper-bench-app";
    private static final UUID DEMO = XeroEmulatorConfig.DEMO_TENANT;
    /** Xero's documented per-organisation minute limit. */
    private static final int PER_MINUTE = 60;

    private XeroFirstSyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path jar = Path.of(options.getOrDefault("jar", "target/bridgekeeper.jar")).toAbsolutePath();
        Duration minute = Duration.ofMillis((long) (1000 * Double.parseDouble(options.getOrDefault("minute-seconds",
                "6"))));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "900")));
        Path out = Path.of(options.getOrDefault("out", "bench/results/xero-first-sync-"
                + Instant.now().toString().replace(':', '-') + ".json"));
        String heap = options.getOrDefault("xmx", "512m");
        LedgerSize size = LedgerSize.benchmark().withInvoices(Integer.parseInt(options.getOrDefault("invoices",
                "5000"))).withBankTransactions(Integer.parseInt(options.getOrDefault("bank-transactions", "20000")))
                .withContacts(Integer.parseInt(options.getOrDefault("contacts", "1000")));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar + " (./mvnw -q -DskipTests package)");
        }

        System.out.println("generating the emulated organisation " + size + " ...");
        long generating = System.nanoTime();
        XeroEmulator xero = XeroEmulator.start(XeroEmulatorConfig.defaults().withLedgerSize(DEMO, size)
                .withRateLimits(RateLimitPolicy.xeroDefaults().withMinuteWindow(minute)));
        Ledger ledger = xero.ledger(DEMO);
        System.out.printf("generated in %.1f s; Xero emulator at %s, minute window %s%n",
                (System.nanoTime() - generating) / 1e9, xero.baseUrl(), minute);

        int port = freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        String apiKey = "bench-" + UUID.randomUUID();
        Path dataDir = Files.createTempDirectory("bridgekeeper-xero-bench-data");
        Path log = Files.createTempFile("bridgekeeper-xero-bench-server", ".log");
        String secret = "bench-secret-" + UUID.randomUUID();
        xero.registerApp(XeroApp.web(CLIENT_ID, secret, publicUrl + "/oauth/callback"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-jar", jar.toString(), "--server.port=" + port,
                "--server.address=127.0.0.1",
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
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the key and the app secret go through the environment, so they stay out of `ps`
        builder.environment().put("BRIDGEKEEPER_BOOTSTRAP_API_KEY", apiKey);
        builder.environment().put("BRIDGEKEEPER_INTEGRATIONS_GBOL_CLIENTSECRET", secret);
        builder.environment().put("BRIDGEKEEPER_DATA_DIR", dataDir.toString());
        builder.environment().put("BRIDGEKEEPER_PUBLIC_URL", publicUrl);
        builder.environment().put("BRIDGEKEEPER_EMBEDDED_DATABASE_PORT", String.valueOf(freePort()));
        System.out.println("starting Bridgekeeper on " + publicUrl + " (log " + log + ")");
        Process server = builder.start();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong peakRssKb = new AtomicLong();
        int exit = 0;
        try {
            waitUp(server, port, log);
            Api api = Api.at(port).withApiKey(apiKey);
            sampler.scheduleAtFixedRate(() -> peakRssKb.accumulateAndGet(rssKb(server.pid()), Math::max), 0, 250,
                    TimeUnit.MILLISECONDS);
            xero.stats().reset();

            String company = ok(api.post("/companies", "{\"name\":\"Xero benchmark SMB\"}")).path("id").asString();
            String connection = ok(api.post("/companies/" + company + "/connections",
                    "{\"platformKey\":\"gbol\"}")).path("id").asString();
            String linkUrl = ok(api.get("/companies/" + company + "/connections/" + connection)).path("linkUrl")
                    .asString();
            Instant linkStarted = Instant.now();
            link(xero, linkUrl);
            List<String> offered = offered(api);
            JsonNode pulls = awaitPulls(api, company, offered, Instant.now().plus(timeout));
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);

            ObjectNode result = report(xero, ledger, pulls, offered, minute, linkStarted, peakRssKb.get(), size,
                    heap, extra);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            System.out.println("written to " + out);
        } catch (RuntimeException | IOException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            exit = 2;
        } finally {
            sampler.shutdownNow();
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            xero.close();
            if (!"1".equals(System.getenv("BENCH_KEEP_DATA"))) {
                deleteTree(dataDir);
            } else {
                System.out.println("data directory kept: " + dataDir);
            }
            System.out.println("server log: " + log);
        }
        System.exit(exit);
    }

    /** The customer follows the linkUrl, signs in to Xero, allows access to the Demo Company. */
    private static void link(XeroEmulator xero, String linkUrl) {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(linkUrl);
        String authorize = Browser.location(start);
        if (authorize == null || !authorize.startsWith(xero.authorizeUrl())) {
            throw new IllegalStateException("the linkUrl did not lead to Xero: " + start.statusCode());
        }
        URI back = new XeroSignIn().allow(authorize, XeroEmulatorConfig.SINGLE_ORG_USER, XeroEmulatorConfig.PASSWORD,
                List.of(DEMO));
        HttpResponse<String> landed = browser.get(back.toString());
        if (landed.statusCode() != 200) {
            throw new IllegalStateException("the callback answered " + landed.statusCode() + ": " + landed.body());
        }
    }

    private static List<String> offered(Api api) {
        List<String> offered = new ArrayList<>();
        ok(api.get("/integrations/gbol")).path("datatypeFeatures").forEach(f -> offered.add(f.path("dataType")
                .asString()));
        if (offered.isEmpty()) {
            throw new IllegalStateException("GET /integrations/gbol lists no data types");
        }
        return offered;
    }

    /** Polls the company's pulls until every offered data type's first pull has finished; their history. */
    private static JsonNode awaitPulls(Api api, String company, List<String> offered, Instant deadline)
            throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            JsonNode history = ok(api.get("/companies/" + company + "/data/history?pageSize=100"));
            Map<String, String> status = new TreeMap<>();
            history.path("results").forEach(p -> status.put(p.path("dataType").asString(),
                    p.path("status").asString()));
            boolean done = offered.stream().allMatch(t -> status.containsKey(t) && isFinished(status.get(t)));
            if (done) {
                return history.path("results");
            }
            Thread.sleep(500); // polling an external process: nothing to await but its state
        }
        throw new IllegalStateException("the first sync did not finish in time");
    }

    private static boolean isFinished(String status) {
        return status.equals("Complete") || status.endsWith("Error") || status.equals("NotSupported");
    }

    private static ObjectNode report(XeroEmulator xero, Ledger ledger, JsonNode pulls, List<String> offered,
            Duration minute, Instant linkStarted, long peakRssKb, LedgerSize size, String heap, String serverArgs)
            throws IOException {
        Instant first = null;
        Instant last = null;
        Map<String, String> statuses = new TreeMap<>();
        for (JsonNode pull : pulls) {
            Instant requested = instant(pull.path("requested").asString(""));
            Instant completed = instant(pull.path("completed").asString(""));
            first = first == null || requested.isBefore(first) ? requested : first;
            last = completed != null && (last == null || completed.isAfter(last)) ? completed : last;
            statuses.put(pull.path("dataType").asString(), pull.path("status").asString());
        }
        long calls = xero.stats().apiCalls(DEMO);
        Map<String, Long> byEndpoint = new TreeMap<>(xero.stats().apiCallsByEndpoint());
        Map<String, Long> minimum = minimumCalls(ledger, statuses);
        long minimumCalls = minimum.values().stream().mapToLong(Long::longValue).sum();
        double wall = Duration.between(first, last).toMillis() / 1000.0;
        double allowed = Math.floor((calls - 1) / (double) PER_MINUTE) * minute.toMillis() / 1000.0;
        double allowedForMinimum = Math.floor((minimumCalls - 1) / (double) PER_MINUTE) * minute.toMillis() / 1000.0;

        ObjectNode r = JSON.createObjectNode();
        r.put("benchmark", "xero-first-sync");
        r.put("date", Instant.now().toString());
        ObjectNode machine = r.putObject("machine");
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memTotal", memTotal());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
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
        r.put("apiCallsOverMinimumPercent", round(100.0 * (calls - minimumCalls) / minimumCalls));
        r.putPOJO("apiCallsByEndpoint", byEndpoint);
        r.putPOJO("minimumApiCallsByEndpoint", minimum);
        r.put("wallSeconds", round(wall));
        r.put("linkSeconds", round(Duration.between(linkStarted, first).toMillis() / 1000.0));
        r.put("rateLimitAllowsSeconds", round(allowed));
        r.put("wallOverAllowedPercent", allowed == 0 ? 0 : round(100.0 * (wall - allowed) / allowed));
        r.put("rateLimitAllowsForMinimumCallsSeconds", round(allowedForMinimum));
        r.put("realMinuteEquivalentSeconds", round(wall * 60_000.0 / minute.toMillis()));
        r.put("tooManyRequests", xero.stats().tooManyRequestsSent());
        r.putPOJO("tooManyRequestsByProblem", xero.stats().rateLimited());
        r.put("loadAverageAtEnd", loadAverage());
        r.put("maxInFlight", xero.stats().maxInFlight(DEMO));
        r.put("requestViolations", xero.stats().violations().size());
        r.put("peakRssMb", round(peakRssKb / 1024.0));
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
        r.put("firstCallAfterRequestSeconds", round(firstCallSeconds));
        r.put("lastCallToLastCompletionSeconds", round(lastCallToEnd));
        r.putPOJO("callsPerWindowFromFirstCall", perWindow);
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
        System.out.printf("  load average at end   %s (other work on the machine slows the server)%n", loadAverage());
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
     * when they fill the last call), twelve report months a call.
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
        if (statuses.containsKey("balanceSheet")) {
            min.put("GET /Reports/BalanceSheet", 3L); // 25 month-ends: 24 months back and this one
        }
        return min;
    }

    /** A timestamp of the API (with Z, an offset, or none: UTC); null when empty. */
    private static Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        java.time.temporal.TemporalAccessor parsed = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(text);
        return parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS) ? java.time.OffsetDateTime.from(
                parsed).toInstant() : java.time.LocalDateTime.from(parsed).toInstant(java.time.ZoneOffset.UTC);
    }

    private static JsonNode ok(Api.Response response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(response.toString());
        }
        return response.json();
    }

    private static void waitUp(Process server, int port, Path log) throws InterruptedException, IOException {
        Api health = Api.at(port);
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Bridgekeeper exited during start-up; see " + log);
            }
            try {
                if (health.get("/actuator/health").body().contains("\"UP\"")) {
                    System.out.println("Bridgekeeper is UP");
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(1000); // waiting for an external process to start
        }
        throw new IllegalStateException("Bridgekeeper was not UP within 180 s; see " + log);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between samples
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
