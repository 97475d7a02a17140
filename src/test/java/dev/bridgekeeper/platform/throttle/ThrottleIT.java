package dev.bridgekeeper.platform.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.platform.security.ApiKeyDigest;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits on two further instances (B and C) that share the test database and have small limits: a client's
 * quota counted across both, Codat's 429 with Retry-After, client.rateLimit.reached once and .reset after the
 * window; failed authentication per source address across both, refused before the API key is looked up
 * (counted at the JDBC connection); the browser paths per address.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrottleIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int QUOTA = 8;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int FAILURES = 5;
    private static final int BROWSER = 20;
    private static final String KEY_LOOKUP = "from api_key where key_digest";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    Instance b;
    Instance c;

    /** Another instance on the test database, and how many API-key lookups it has sent PostgreSQL. */
    record Instance(ConfigurableApplicationContext context, int port, AtomicInteger keyLookups) {}

    @BeforeAll
    void startInstances() {
        b = start();
        c = start();
    }

    @AfterAll
    void stopInstances() {
        for (Instance instance : new Instance[] {b, c}) {
            if (instance != null) {
                instance.context().close();
            }
        }
    }

    private Instance start() {
        AtomicInteger lookups = new AtomicInteger();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BridgekeeperApplication.class)
                .profiles("test")
                .initializers(app -> app.getBeanFactory().addBeanPostProcessor(countingKeyLookups(lookups)))
                .run("--server.port=0", "--bridgekeeper.data-dir=" + environment.getProperty("bridgekeeper.data-dir"),
                        "--bridgekeeper.embedded-database.clean=false",
                        "--bridgekeeper.throttle.trusted-proxies=127.0.0.0/8",
                        "--bridgekeeper.throttle.client.quota=" + QUOTA,
                        "--bridgekeeper.throttle.client.quota-per-active-company=0",
                        "--bridgekeeper.throttle.client.window=" + WINDOW,
                        "--bridgekeeper.throttle.client.sync-tokens=0",
                        "--bridgekeeper.throttle.client.reset-check-interval=PT0.5S",
                        "--bridgekeeper.throttle.failed-authentication.limit=" + FAILURES,
                        "--bridgekeeper.throttle.failed-authentication.period=PT1M",
                        "--bridgekeeper.throttle.browser.limit=" + BROWSER,
                        // an hour: the greedy refill (limit per period) must not hand back a token while a slow,
                        // loaded machine is still sending the burst
                        "--bridgekeeper.throttle.browser.period=PT1H");
        int instancePort = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return new Instance(context, instancePort, lookups);
    }

    @Test
    void aClientPastItsQuotaGetsCodats429OnEveryInstanceAndOneReachedThenOneResetWebhook() throws Exception {
        String key = newClient();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(events);
        try {
            // subscribed through the test's main instance, whose quota is far away
            Api.Response consumer = Api.at(port).withApiKey(key).post("/webhooks", "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hooks\",\"eventTypes\":[\"client.rateLimit.reached\","
                    + "\"client.rateLimit.reset\"]}");
            assertThat(consumer.status()).as(consumer.toString()).isEqualTo(201);

            // start at the beginning of a window, so the whole burst falls into one
            await().atMost(WINDOW.plusSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> System.currentTimeMillis() % WINDOW.toMillis() < 500);
            Instant windowEnd = Instant.ofEpochMilli(System.currentTimeMillis()
                    - System.currentTimeMillis() % WINDOW.toMillis()).plus(WINDOW);
            List<Api.Response> answers = new ArrayList<>();
            for (int i = 0; i < QUOTA + 4; i++) {
                answers.add(Api.at(i % 2 == 0 ? b.port() : c.port()).withApiKey(key).get("/companies"));
            }
            assertThat(answers.stream().filter(a -> a.status() == 200)).as("both instances count one quota")
                    .hasSize(QUOTA);
            List<Api.Response> refused = answers.stream().filter(a -> a.status() == 429).toList();
            assertThat(refused).hasSize(4);
            for (Api.Response answer : refused) {
                assertCodatTooManyRequests(answer);
                assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds());
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.path("eventType").asString().equals("client.rateLimit.reached")));
            JsonNode reached = events.stream()
                    .filter(e -> e.path("eventType").asString().equals("client.rateLimit.reached")).findFirst()
                    .orElseThrow();
            assertThat(reached.path("payload").path("dailyQuota").asLong()).isEqualTo(QUOTA);
            assertThat(reached.path("payload").path("quotaRemaining").asLong()).isZero();
            assertThat(Instant.parse(reached.path("payload").path("expiryDate").asString())).isEqualTo(windowEnd);

            // after the window: one reset, announcing the next window, and requests go through again
            await().atMost(WINDOW.plusSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.path("eventType").asString().equals("client.rateLimit.reset")));
            JsonNode reset = events.stream()
                    .filter(e -> e.path("eventType").asString().equals("client.rateLimit.reset")).findFirst()
                    .orElseThrow();
            assertThat(reset.path("payload").path("dailyQuota").asLong()).isEqualTo(QUOTA);
            assertThat(reset.path("payload").path("quotaRemaining").asLong()).isEqualTo(QUOTA);
            assertThat(Instant.parse(reset.path("payload").path("expiryDate").asString()))
                    .isEqualTo(windowEnd.plus(WINDOW));
            assertThat(Api.at(b.port()).withApiKey(key).get("/companies").status()).isEqualTo(200);
            assertThat(events.stream().map(e -> e.path("eventType").asString()))
                    .as("reached once (four refusals on two instances), reset once")
                    .containsExactlyInAnyOrder("client.rateLimit.reached", "client.rateLimit.reset");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void wrongKeysFromOneAddressAreCutOffOnEveryInstanceBeforeTheKeyIsLookedUp() {
        String key = newClient();
        String attacker = "203.0.113." + (1 + (int) (Math.random() * 250));
        String bystander = "198.51.100." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < FAILURES; i++) {
            Api.Response wrong = get(i % 2 == 0 ? b : c, "/companies", basic("wrong-" + i), attacker);
            assertThat(wrong.status()).as("failure %d of %d", i + 1, FAILURES).isEqualTo(401);
        }

        // C has not refused this address itself yet: it checks the shared count, not the key
        int lookupsOnC = c.keyLookups().get();
        Api.Response onC = get(c, "/companies", basic("wrong-again"), attacker);
        assertThat(onC.status()).isEqualTo(429);
        assertCodatTooManyRequests(onC);
        assertThat(Long.parseLong(onC.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(c.keyLookups().get()).as("API keys looked up for the throttled address").isEqualTo(lookupsOnC);

        // B refused it from memory; even the right key is not looked up from that address
        int lookupsOnB = b.keyLookups().get();
        assertThat(get(b, "/companies", basic(key), attacker).status()).isEqualTo(429);
        assertThat(get(c, "/companies", basic(key), attacker).status()).isEqualTo(429);
        assertThat(b.keyLookups().get()).isEqualTo(lookupsOnB);
        assertThat(c.keyLookups().get()).isEqualTo(lookupsOnC);

        // another address behind the same proxy is not affected
        assertThat(get(c, "/companies", basic(key), bystander).status()).isEqualTo(200);
        assertThat(get(b, "/companies", basic("wrong"), bystander).status()).isEqualTo(401);
        assertThat(b.keyLookups().get()).isGreaterThan(lookupsOnB);
    }

    @Test
    void browserPathsAreLimitedPerAddress() {
        String browser = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < BROWSER; i++) {
            assertThat(get(b, "/oauth/callback?state=unknown&code=x", null, browser).status()).isNotEqualTo(429);
        }
        Api.Response refused = get(b, "/oauth/callback?state=unknown&code=x", null, browser);
        assertThat(refused.status()).isEqualTo(429);
        assertCodatTooManyRequests(refused);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L / BROWSER + 1);
        assertThat(get(b, "/link/sdk.js", null, browser).status()).isEqualTo(429);
        // other addresses, and the same address's API calls, are not held back by it
        assertThat(get(b, "/oauth/callback?state=unknown&code=x", null, "192.0.2.251").status()).isNotEqualTo(429);
        assertThat(get(b, "/companies", basic(newClient()), browser).status()).isEqualTo(200);
    }

    private static void assertCodatTooManyRequests(Api.Response answer) {
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.path("statusCode").asInt()).isEqualTo(429);
        assertThat(body.path("service").asString()).isNotBlank();
        assertThat(body.path("error").asString())
                .isEqualTo("You have made too many requests in a given amount of time; please retry later.");
        assertThat(body.path("correlationId").asString()).isNotBlank();
        assertThat(body.path("canBeRetried").asString()).isEqualTo("Yes");
    }

    private Api.Response get(Instance instance, String path, String authorization, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().header("X-Forwarded-For", forwardedFor);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Api.at(instance.port()).send(request.build());
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A client of its own with one API key; returns the key. */
    private String newClient() {
        UUID clientId = UUID.randomUUID();
        String key = "it-throttle-" + UUID.randomUUID();
        jdbc.update("insert into client (id, name) values (?, ?)", clientId, "Throttle " + clientId);
        jdbc.update("insert into profile (client_id, name) values (?, ?)", clientId, "Throttle " + clientId);
        jdbc.update("insert into api_key (id, client_id, name, key_digest, created_utc) values (?, ?, ?, ?, now())",
                UUID.randomUUID(), clientId, "key", ApiKeyDigest.of(key));
        return key;
    }

    private static HttpServer receiver(List<JsonNode> events) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                events.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    /** Wraps the instance's DataSource so every statement that looks up an API key is counted. */
    private static BeanPostProcessor countingKeyLookups(AtomicInteger lookups) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource dataSource) || bean instanceof DelegatingDataSource) {
                    return bean;
                }
                return new DelegatingDataSource(dataSource) {
                    @Override
                    public Connection getConnection() throws java.sql.SQLException {
                        return counting(super.getConnection(), lookups);
                    }
                };
            }
        };
    }

    private static Connection counting(Connection connection, AtomicInteger lookups) {
        return (Connection) Proxy.newProxyInstance(ThrottleIT.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args.length > 0
                            && args[0] instanceof String sql && sql.contains(KEY_LOOKUP)) {
                        lookups.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
