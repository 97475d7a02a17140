package dev.bridgekeeper.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
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
 * What the connectors' first-sync benchmarks (mains run by {@code bench/run-*-first-sync.sh}, not tests) share: their
 * {@code --name=value} options, a Bridgekeeper jar started as its own process on a free loopback port and stopped
 * again, its peak RSS, the company, connection and linkUrl, the link's first leg, waiting for every offered data
 * type's first pull, the machine and the JSON result under bench/results/.
 */
public final class FirstSyncBench {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private FirstSyncBench() {}

    /** {@code --name=value} arguments, in order. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    /** The jar from {@code --jar} (default target/bridgekeeper.jar); it must exist. */
    public static Path jar(Map<String, String> options) {
        Path jar = Path.of(options.getOrDefault("jar", "target/bridgekeeper.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar + " (./mvnw -q -DskipTests package)");
        }
        return jar;
    }

    /** The result file from {@code --out}, by default bench/results/{name}-{time}.json. */
    public static Path out(Map<String, String> options, String name) {
        return Path.of(options.getOrDefault("out", "bench/results/" + name + "-"
                + Instant.now().toString().replace(':', '-') + ".json"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A throwaway Bridgekeeper: the jar as its own process on loopback, a temporary data directory, the embedded
     * PostgreSQL on a free port, a random API key; secrets go in through the environment so they stay out of `ps`.
     * Closing stops it (SIGTERM, SIGKILL after 30 s) and deletes the data directory unless BENCH_KEEP_DATA=1.
     */
    public static final class Server implements AutoCloseable {
        private final int port;
        private final String apiKey = "bench-" + UUID.randomUUID();
        private final Path dataDir;
        private final Path log;
        private Process process;

        private Server(String name) throws IOException {
            this.port = freePort();
            this.dataDir = Files.createTempDirectory("bridgekeeper-" + name + "-bench-data");
            this.log = Files.createTempFile("bridgekeeper-" + name + "-bench-server", ".log");
        }

        /** A server to be, so its public URL can be registered with the vendor's app before it starts. */
        public static Server onFreePort(String name) throws IOException {
            return new Server(name);
        }

        public String publicUrl() {
            return "http://127.0.0.1:" + port;
        }

        /** Starts the jar with {@code -Xmx{heap}}, the settings and the environment given, and waits until UP. */
        public Api start(Path jar, String heap, List<String> settings, Map<String, String> environment)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + heap, "-jar", jar.toString(), "--server.port=" + port,
                    "--server.address=127.0.0.1"));
            command.addAll(settings);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("BRIDGEKEEPER_BOOTSTRAP_API_KEY", apiKey);
            builder.environment().put("BRIDGEKEEPER_DATA_DIR", dataDir.toString());
            builder.environment().put("BRIDGEKEEPER_PUBLIC_URL", publicUrl());
            builder.environment().put("BRIDGEKEEPER_EMBEDDED_DATABASE_PORT", String.valueOf(freePort()));
            System.out.println("starting Bridgekeeper on " + publicUrl() + " (log " + log + ")");
            process = builder.start();
            waitUp();
            return Api.at(port).withApiKey(apiKey);
        }

        public long pid() {
            return process.pid();
        }

        private void waitUp() throws InterruptedException {
            Api health = Api.at(port);
            Instant deadline = Instant.now().plusSeconds(180);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
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

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
            if (!"1".equals(System.getenv("BENCH_KEEP_DATA"))) {
                deleteTree(dataDir);
            } else {
                System.out.println("data directory kept: " + dataDir);
            }
            System.out.println("server log: " + log);
        }
    }

    /** Samples a process's VmRSS every 250 ms until stopped; the peak. */
    public static final class RssSampler implements AutoCloseable {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peakKb = new AtomicLong();

        public RssSampler(long pid) {
            sampler.scheduleAtFixedRate(() -> peakKb.accumulateAndGet(rssKb(pid), Math::max), 0, 250,
                    TimeUnit.MILLISECONDS);
        }

        /** Stops sampling (waiting for a sample under way) and answers the peak in kB. */
        public long stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            return peakKb.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }

    static long rssKb(long pid) {
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

    /** A company and a connection of {@code platformKey}: company id, connection id, linkUrl. */
    public record Link(String company, String connection, String linkUrl) { }

    public static Link createLink(Api api, String companyName, String platformKey) {
        String company = ok(api.post("/companies", "{\"name\":\"" + companyName + "\"}")).path("id").asString();
        String connection = ok(api.post("/companies/" + company + "/connections",
                "{\"platformKey\":\"" + platformKey + "\"}")).path("id").asString();
        String linkUrl = ok(api.get("/companies/" + company + "/connections/" + connection)).path("linkUrl")
                .asString();
        return new Link(company, connection, linkUrl);
    }

    /** The customer's browser follows the linkUrl; answers the vendor's authorize URL it was sent to. */
    public static String followLinkUrl(Browser browser, String linkUrl, String authorizeUrl) {
        HttpResponse<String> start = browser.get(linkUrl);
        String authorize = Browser.location(start);
        if (authorize == null || !authorize.startsWith(authorizeUrl)) {
            throw new IllegalStateException("the linkUrl did not lead to " + authorizeUrl + ": " + start.statusCode());
        }
        return authorize;
    }

    /** The browser lands on Bridgekeeper's callback, which must answer 200. */
    public static void landOnCallback(Browser browser, String callback) {
        HttpResponse<String> landed = browser.get(callback);
        if (landed.statusCode() != 200) {
            throw new IllegalStateException("the callback answered " + landed.statusCode() + ": " + landed.body());
        }
    }

    /** The data types the integration offers ({@code GET /integrations/{key}}). */
    public static List<String> offered(Api api, String platformKey) {
        List<String> offered = new ArrayList<>();
        ok(api.get("/integrations/" + platformKey)).path("datatypeFeatures").forEach(f -> offered.add(
                f.path("dataType").asString()));
        if (offered.isEmpty()) {
            throw new IllegalStateException("GET /integrations/" + platformKey + " lists no data types");
        }
        return offered;
    }

    /** Polls the company's pulls until every offered data type's first pull has finished; their history. */
    public static JsonNode awaitPulls(Api api, String company, List<String> offered, Instant deadline)
            throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            JsonNode history = ok(api.get("/companies/" + company + "/data/history?pageSize=100"));
            Map<String, String> status = new TreeMap<>();
            history.path("results").forEach(p -> status.put(p.path("dataType").asString(),
                    p.path("status").asString()));
            if (offered.stream().allMatch(t -> status.containsKey(t) && isFinished(status.get(t)))) {
                return history.path("results");
            }
            Thread.sleep(500); // polling an external process: nothing to await but its state
        }
        throw new IllegalStateException("the first sync did not finish in time");
    }

    private static boolean isFinished(String status) {
        return status.equals("Complete") || status.endsWith("Error") || status.equals("NotSupported");
    }

    /** The pulls' span: the first {@code requested}, the last {@code completed}, and each data type's status. */
    public record Pulls(Instant first, Instant last, Map<String, String> statuses) {

        public static Pulls of(JsonNode pulls) {
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
            return new Pulls(first, last, statuses);
        }

        public double wallSeconds() {
            return Duration.between(first, last).toMillis() / 1000.0;
        }
    }

    /** A timestamp of the API (with Z, an offset, or none: UTC); null when empty. */
    public static Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
        return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(parsed).toInstant()
                : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }

    public static JsonNode ok(Api.Response response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(response.toString());
        }
        return response.json();
    }

    /** A result object with the benchmark's name, the date and the machine (processors, memory, Java, OS). */
    public static ObjectNode result(String benchmark) {
        ObjectNode r = JSON.createObjectNode();
        r.put("benchmark", benchmark);
        r.put("date", Instant.now().toString());
        ObjectNode machine = r.putObject("machine");
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memTotal", memTotal());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return r;
    }

    public static void write(Path out, ObjectNode result) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println("written to " + out);
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
