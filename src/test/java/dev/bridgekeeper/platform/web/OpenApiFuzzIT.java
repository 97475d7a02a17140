package dev.bridgekeeper.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.RawHttp;
import dev.bridgekeeper.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the served OpenAPI document and sends every operation a fixed, seeded set of malformed requests: bad path
 * ids, bad values for each declared query parameter and bad bodies, with a valid key, with none and with a broken
 * one. No answer may be a 5xx, and every 4xx on an API path must be Codat's ErrorMessage whose statusCode is the
 * HTTP status and whose correlationId is the X-Correlation-Id header. Only the browser pages (the linkUrl, the
 * OAuth callback) may answer HTML. Set -Dfuzz.seed to vary the random part; the summary prints the seed used.
 */
@ApiIntegrationTest
class OpenApiFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** Operations whose answers are pages for a person's browser, not API answers. */
    private static final List<String> BROWSER_PAGES = List.of("/oauth/callback",
            "/companies/{companyId}/connections/{connectionId}/start");

    /**
     * Path segment values as they go on the wire (percent-encoded where a client would encode, raw where a broken
     * client would not). Every variable gets the core values and a seeded sample of the others.
     */
    private static final List<String> CORE_PATH_VALUES = List.of("%20", "%2F", "%00", "%5C", "\\", "..", "%2E%2E", "",
            "%FF", "%C3%28", "%E2%80%AE", "%F0%9F%98%80", "%27%20OR%20%271%27%3D%271", "%7B%22%24ne%22%3A1%7D", "%",
            "%G0", "|", "{x}", "a".repeat(1_000), "a".repeat(10_000));
    private static final List<String> MORE_PATH_VALUES = List.of(".", "%2e", "%2f", "%25", "%3B", ";x=1", "%09",
            "%0D%0A", "%C3%A9t%C3%A9", "null", "-1", "0", "00000000-0000-0000-0000-000000000000",
            "8a210b68-6988-11ed-a1eb-0242ac12000", "8a210b68-6988-11ed-a1eb-0242ac120002%00",
            "%27%3B%20DROP%20TABLE%20company%3B--", "%22%3E%3Cscript%3E", "%7C", "\"", "<x>", "^", "`", "[0]");

    private static final List<String> CORE_INTEGERS = List.of("", "abc", "-1", "0", "99999999999", "5001", "%00", "%FF",
            "%");
    private static final List<String> MORE_INTEGERS = List.of("1.5", "1e3", "0x10", "%2B1", "%201", "2147483648",
            "-2147483649", "9".repeat(400), "%5B%5D", "null", "|", "%C3%28");
    private static final List<String> CORE_BOOLEANS = List.of("", "maybe", "%00", "%FF");
    private static final List<String> MORE_BOOLEANS = List.of("2", "null", "%", "yes");
    private static final List<String> CORE_UUIDS = List.of("", "not-a-uuid", "%20", "%00", "%FF");
    private static final List<String> MORE_UUIDS = List.of("8a210b68-6988-11ed-a1eb-0242ac12000", "%", "0");
    private static final List<String> CORE_STRINGS = List.of("", "%00", "%FF", "%C3%28", "%27%20OR%201%3D1--",
            "%7B%22%24ne%22%3A1%7D", "((((((", "a".repeat(4_000), "b".repeat(9_000));
    private static final List<String> MORE_STRINGS = List.of("%E2%80%AE", "name%3D", "name~", "%7C%7C%26%26", "%",
            "%G0", "|", "[]", "{}", "%22", "%5C");

    /** Values for string fields of a body, one body each with every string field set to it. */
    private static final List<String> NASTY_STRINGS = List.of("", " ", "\u0000", "a\u0000b", "'; DROP TABLE company;--",
            "{\"$ne\":1}", "../../../../etc/passwd", "\\", "\uD83D\uDE00\u202E", "\uFFFF", "<script>alert(1)</script>",
            "%00", "http://169.254.169.254/latest/meta-data/");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private RawHttp http;
    private Random random;
    private final List<Probe> planned = new ArrayList<>();
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private final Map<String, Integer> failuresByStatus = new TreeMap<>();
    private final Map<String, Integer> failuresByOperation = new TreeMap<>();
    private final Map<String, Integer> failuresByKind = new TreeMap<>();
    private final List<String> report = new ArrayList<>();
    private int failures;

    /** One malformed request, planned first (in a seeded, fixed order) and sent afterwards. */
    record Probe(Operation operation, String kind, String target, Map<String, String> headers, byte[] body) {}

    record Operation(String method, String path, JsonNode node) {
        String name() {
            return method + " " + path;
        }
    }

    @Test
    void malformedRequestsGetErrorMessagesAndNeverA5xx() {
        long started = System.nanoTime();
        http = new RawHttp(port);
        random = new Random(SEED);
        JsonNode document = Api.at(port).get("/openapi.json").json();
        Tenant tenant = Tenant.create(jdbc, port, "Fuzz " + UUID.randomUUID().toString().substring(0, 8));
        Fixture fixture = Fixture.create(tenant.api());

        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (List.of("get", "put", "post", "patch", "delete").contains(method.getKey())) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
            }
        }));
        assertThat(operations).as("operations in the served document").hasSizeGreaterThan(100);

        for (Operation operation : operations) {
            Map<String, String> auth = fixture.authFor(operation.path());
            fuzzPath(operation, fixture, auth);
            fuzzQuery(operation, fixture, auth);
            fuzzBody(operation, fixture, auth, document.path("components").path("schemas"));
            fuzzAuthentication(operation, fixture);
        }
        long covered = planned.stream().map(p -> p.operation().name()).distinct().count();
        assertThat(covered).as("operations fuzzed").isEqualTo(operations.size());
        sendAll();

        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        String summary = "Fuzzed " + covered + " of " + operations.size() + " operations with " + planned.size()
                + " requests in " + seconds + " s (seed " + SEED + "). Answers by status: " + byStatus + ". Failures: "
                + failures + (failures == 0 ? "" : " by status " + failuresByStatus + ", by kind " + failuresByKind
                        + ", by operation (" + failuresByOperation.size() + ") " + failuresByOperation
                        + "\nExamples:\n  " + String.join("\n  ", report.stream().sorted().limit(60)
                                .map(line -> line.substring(line.lastIndexOf('\t') + 1)).toList()));
        System.out.println(summary);
        writeReport(summary);
        assertThat(failures).as(summary).isZero();
    }

    /** Four at a time: the server's answers do not depend on the order, and the run stays within a minute. */
    private void sendAll() {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Probe probe : planned) {
                sent.add(senders.submit(() -> send(probe)));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    // --- the three kinds of damage ---------------------------------------------------------------------------------

    private void fuzzPath(Operation operation, Fixture fixture, Map<String, String> auth) {
        List<String> variables = variables(operation.path());
        for (int v = 0; v < variables.size(); v++) {
            List<String> values = new ArrayList<>(CORE_PATH_VALUES);
            values.addAll(sample(MORE_PATH_VALUES, 3));
            values.add(randomPercentEncoded(1 + random.nextInt(40)));
            for (String bad : values) {
                String target = expand(operation.path(), fixture, variables.get(v), bad) + requiredQuery(operation);
                probe(operation, "path " + variables.get(v), target, auth, null);
            }
            if (v == 0) {
                // the first variable once more without credentials: firewall and container refusals come before auth
                for (String bad : List.of("%20", "%2F", "%00", "%5C", "..", "%FF")) {
                    probe(operation, "path unauthenticated", expand(operation.path(), fixture, variables.get(0), bad),
                            Map.of(), null);
                }
            }
        }
    }

    private void fuzzQuery(Operation operation, Fixture fixture, Map<String, String> auth) {
        String base = expand(operation.path(), fixture, null, null);
        for (JsonNode parameter : operation.node().path("parameters")) {
            if (!parameter.path("in").asString().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asString();
            JsonNode schema = parameter.path("schema");
            boolean uuid = schema.path("format").asString().equals("uuid");
            List<String> values = new ArrayList<>(switch (schema.path("type").asString()) {
                case "integer", "number" -> CORE_INTEGERS;
                case "boolean" -> CORE_BOOLEANS;
                default -> uuid ? CORE_UUIDS : CORE_STRINGS;
            });
            values.addAll(sample(switch (schema.path("type").asString()) {
                case "integer", "number" -> MORE_INTEGERS;
                case "boolean" -> MORE_BOOLEANS;
                default -> uuid ? MORE_UUIDS : MORE_STRINGS;
            }, 2));
            if (schema.has("maximum")) {
                values.add(String.valueOf(schema.path("maximum").asLong() + 1));
            }
            values.add(randomPercentEncoded(20));
            String others = requiredQuery(operation, name);
            for (String bad : values) {
                String target = base + "?" + (others.isEmpty() ? "" : others.substring(1) + "&") + name + "=" + bad;
                probe(operation, "query " + name, target, auth, null);
            }
            probe(operation, "query " + name + " repeated", base + "?" + name + "=1&" + name + "=x&" + name + "=",
                    auth, null);
        }
    }

    private void fuzzBody(Operation operation, Fixture fixture, Map<String, String> auth, JsonNode schemas) {
        if (operation.method().equals("GET") || operation.method().equals("DELETE")) {
            return;
        }
        String target = expand(operation.path(), fixture, null, null) + requiredQuery(operation);
        JsonNode body = operation.node().path("requestBody");
        if (body.isMissingNode()) {
            // an operation without a body must not trip over one it does not expect
            probe(operation, "unexpected body", target, json(auth), bytes("{\"a\":"));
            return;
        }
        Map<String, String> headers = json(auth);
        List<String> raw = new ArrayList<>(List.of("", "{", "{\"a\":", "not json", "<x/>", "null", "[]", "\"text\"", "42",
                "true", "{}", "{\"a\":1,}", "{'a':1}", "[".repeat(5_000), "{\"a\":".repeat(3_000),
                "[".repeat(100_000) + "]".repeat(100_000)));
        for (String text : raw) {
            probe(operation, "body malformed", target, headers, bytes(text));
        }
        probe(operation, "body invalid UTF-8", target, headers, new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3,
            0x28, '"', '}'});
        probe(operation, "body over the limit", target, headers, bytes("{\"a\":\"" + "x".repeat(1_100_000) + "\"}"));
        Map<String, String> textPlain = new LinkedHashMap<>(auth);
        textPlain.put("Content-Type", "text/plain");
        probe(operation, "body content type", target, textPlain, bytes("{}"));
        Map<String, String> badCharset = new LinkedHashMap<>(auth);
        badCharset.put("Content-Type", "application/json; charset=no-such-charset");
        probe(operation, "body content type", target, badCharset, bytes("{}"));
        Map<String, String> noType = new LinkedHashMap<>(auth);
        probe(operation, "body content type", target, noType, bytes("{}"));
        Map<String, String> xmlAccept = new LinkedHashMap<>(headers);
        xmlAccept.put("Accept", "application/xml");
        probe(operation, "body accept", target, xmlAccept, bytes("{"));
        Map<String, String> htmlAccept = new LinkedHashMap<>(headers);
        htmlAccept.put("Accept", "text/html");
        probe(operation, "body accept", target, htmlAccept, bytes("{"));

        JsonNode schema = body.path("content").path("application/json").path("schema");
        if (schema.has("$ref")) {
            schema = schemas.path(schema.path("$ref").asString().substring("#/components/schemas/".length()));
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue()));
        if (properties.isEmpty()) {
            // a free-form object of strings
            properties.put("key", JSON.readTree("{\"type\":\"string\"}"));
        }
        Map<String, Object> nulls = new LinkedHashMap<>();
        properties.keySet().forEach(name -> nulls.put(name, null));
        probe(operation, "body nulls", target, headers, bytes(JSON.writeValueAsString(nulls)));
        properties.forEach((name, property) -> {
            for (Object wrong : wrongValues(property)) {
                probe(operation, "body wrong type", target, headers, bytes(JSON.writeValueAsString(Map.of(name, wrong))));
            }
        });
        String first = properties.keySet().iterator().next();
        probe(operation, "body deep nesting", target, headers,
                bytes("{\"" + first + "\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001)));
        for (String nasty : NASTY_STRINGS) {
            probe(operation, "body strings", target, headers, bytes(JSON.writeValueAsString(filled(properties, nasty))));
        }
        probe(operation, "body huge strings", target, headers,
                bytes(JSON.writeValueAsString(filled(properties, "z".repeat(200_000)))));
        probe(operation, "body huge key", target, headers, bytes("{\"" + "k".repeat(100_000) + "\":1}"));
        probe(operation, "body duplicate keys", target, headers, bytes("{\"" + first + "\":\"a\",\"" + first + "\":\"b\"}"));
        probe(operation, "body huge number", target, headers, bytes("{\"" + first + "\":" + "9".repeat(5_000) + "}"));
        probe(operation, "body huge number", target, headers, bytes("{\"" + first + "\":1e999999999}"));
        for (int i = 0; i < 3; i++) {
            probe(operation, "body random", target, headers, randomJsonish(200));
        }
    }

    private void fuzzAuthentication(Operation operation, Fixture fixture) {
        String target = expand(operation.path(), fixture, null, null) + requiredQuery(operation);
        byte[] body = operation.node().has("requestBody") ? bytes("{}") : null;
        for (String header : List.of("Basic %%%", "Basic " + base64("no-such-key"), "Bearer not.a.token",
                "Digest a=b", "Basic " + base64("\u0000"))) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", header);
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            probe(operation, "authorization", target, headers, body);
        }
        Map<String, String> none = body == null ? Map.of() : Map.of("Content-Type", "application/json");
        probe(operation, "no authorization", target, none, body);
    }

    // --- sending and judging -------------------------------------------------------------------------------------

    private void probe(Operation operation, String kind, String target, Map<String, String> headers, byte[] body) {
        planned.add(new Probe(operation, kind, target, headers, body));
    }

    private void send(Probe probe) {
        RawHttp.Response response;
        try {
            response = http.send(probe.operation().method(), probe.target(), probe.headers(), probe.body());
        } catch (RuntimeException e) {
            fail(probe, "none", "no answer: " + e.getMessage());
            return;
        }
        String problem = judge(probe.operation(), response);
        synchronized (this) {
            byStatus.merge(String.valueOf(response.status()), 1, Integer::sum);
        }
        if (problem != null) {
            fail(probe, String.valueOf(response.status()),
                    response.status() + " " + problem + ": " + abbreviate(response.text()));
        }
    }

    /** What is wrong with an answer, or null. */
    private static String judge(Operation operation, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "server error";
        }
        if (status < 400 || BROWSER_PAGES.contains(operation.path())) {
            return null;
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "not JSON (" + type + ")";
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return "unparseable JSON";
        }
        if (body == null || !body.isObject() || body.path("statusCode").asInt() != status
                || !"PublicApi".equals(body.path("service").asString()) || body.path("error").asString().isBlank()) {
            return "not an ErrorMessage of this status";
        }
        String correlation = body.path("correlationId").asString();
        if (correlation.isBlank() || !correlation.equals(response.header("X-Correlation-Id"))) {
            return "correlation id missing or not the header's";
        }
        return null;
    }

    private synchronized void fail(Probe probe, String status, String problem) {
        failures++;
        failuresByStatus.merge(status, 1, Integer::sum);
        failuresByOperation.merge(probe.operation().name(), 1, Integer::sum);
        failuresByKind.merge(probe.kind(), 1, Integer::sum);
        String line = probe.operation().method() + " " + abbreviate(probe.target()) + " [" + probe.kind() + "] -> "
                + problem;
        report.add(probe.operation().name() + "\t" + probe.kind() + "\t" + line);
    }

    /** Every failure, one a line, at target/openapi-fuzz.txt for a closer look. */
    private void writeReport(String summary) {
        try {
            java.nio.file.Files.write(java.nio.file.Path.of("target/openapi-fuzz.txt"),
                    java.util.stream.Stream.concat(java.util.stream.Stream.of(summary), report.stream()).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // --- building requests ---------------------------------------------------------------------------------------

    /** Valid ids where the test owns data, so a mutation of one part of a request reaches past the others. */
    record Fixture(Api api, String companyId, String connectionId, String companyToken, String otherUuid) {

        static Fixture create(Api api) {
            Api.Response company = api.post("/companies", "{\"name\":\"Fuzz target\"}");
            assertThat(company.status()).as(company.toString()).isEqualTo(200);
            String companyId = company.json().path("id").asString();
            Api.Response connection = api.post("/companies/" + companyId + "/connections", "{\"platformKey\":\"sbbk\"}");
            assertThat(connection.status()).as(connection.toString()).isEqualTo(200);
            Api.Response token = api.get("/companies/" + companyId + "/accessToken");
            assertThat(token.status()).as(token.toString()).isEqualTo(200);
            return new Fixture(api, companyId, connection.json().path("id").asString(),
                    token.json().path("accessToken").asString(), new UUID(SEED, SEED).toString());
        }

        Map<String, String> authFor(String path) {
            return Map.of("Authorization", path.startsWith("/link/api/") ? "Bearer " + companyToken : api.authorization());
        }

        String valid(String variable) {
            return switch (variable) {
                case "companyId" -> companyId;
                case "connectionId" -> connectionId;
                case "platformKey" -> "sbbk";
                case "file" -> "sandbox-banking.svg";
                case "dataType" -> "invoices";
                case "productIdentifier" -> "lending";
                default -> variable.endsWith("Id") && !variable.equals("accountId") ? otherUuid : "fuzz-record-1";
            };
        }
    }

    private static List<String> variables(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The path with valid values, except {@code damaged} which gets {@code value} verbatim. */
    private static String expand(String path, Fixture fixture, String damaged, String value) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1).equals(damaged) ? value : fixture.valid(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** Valid values for the required query parameters (other than {@code except}), as "?a=1&b=1" or "". */
    private static String requiredQuery(Operation operation, String... except) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            String name = parameter.path("name").asString();
            if (parameter.path("in").asString().equals("query") && parameter.path("required").asBoolean()
                    && !List.of(except).contains(name) && !parameter.path("schema").path("type").asString().equals("object")) {
                pairs.add(name + "=1");
            }
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static List<Object> wrongValues(JsonNode property) {
        String type = property.path("type").asString();
        return switch (type) {
            case "string" -> property.has("enum") ? List.of(42, "NotAValue", List.of()) : List.of(42, Map.of("x", 1), true);
            case "boolean" -> List.of("yes", 2, List.of(true));
            case "integer", "number" -> List.of("x", 1.5, Map.of());
            case "array" -> List.of("x", Map.of("a", 1), java.util.Arrays.asList(1, null, Map.of()));
            case "object" -> List.of(List.of(), "x", Map.of("k", List.of(1)));
            default -> List.of(List.of(List.of()), "x", 1);
        };
    }

    /** Every string field (and every string inside an array) set to {@code value}; the rest left out. */
    private static Map<String, Object> filled(Map<String, JsonNode> properties, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        properties.forEach((name, property) -> {
            switch (property.path("type").asString()) {
                case "string" -> body.put(name, value);
                case "array" -> body.put(name, List.of(value));
                case "object" -> body.put(name, Map.of(value, value));
                default -> { }
            }
        });
        return body;
    }

    /** {@code n} different values of {@code values}, chosen by the seeded random. */
    private List<String> sample(List<String> values, int n) {
        List<String> shuffled = new ArrayList<>(values);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(n, shuffled.size()));
    }

    private String randomPercentEncoded(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append('%').append(String.format("%02X", random.nextInt(256)));
        }
        return out.toString();
    }

    private byte[] randomJsonish(int length) {
        String alphabet = "{}[]\":,0123456789.-eE truefalsnul\\u00";
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return bytes(out.toString());
    }

    private static Map<String, String> json(Map<String, String> auth) {
        Map<String, String> headers = new LinkedHashMap<>(auth);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(bytes(text));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 240 ? oneLine : oneLine.substring(0, 240) + "…(" + oneLine.length() + " chars)";
    }
}
