package dev.bridgekeeper.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.platform.db.EmbeddedDatabases;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.Tenant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one database; one of them, a separate JVM, is killed with SIGKILL while it holds claimed webhook
 * deliveries whose endpoint has not answered yet. The survivor sends them once the dead instance's heartbeat is
 * stale, long before their lease (timeout + 60 s, here two minutes) runs out; every message ends delivered.
 */
class KilledDispatcherIT {

    private static final Logger log = LoggerFactory.getLogger(KilledDispatcherIT.class);

    private static final int MESSAGES = 20;
    /** The lease is this plus 60 s; the survivor must not need it. */
    private static final String TIMEOUT = "PT1M";
    // the test profile caps a consumer at 4 in flight; the default 16 lets the doomed instance hold most of the burst
    private static final List<String> COMMON = List.of("--bridgekeeper.webhooks.timeout=" + TIMEOUT,
            "--bridgekeeper.webhooks.dispatcher.heartbeat-interval=PT1S",
            "--bridgekeeper.webhooks.dispatcher.max-in-flight-per-consumer=16");

    @Test
    void aKilledInstancesClaimedDeliveriesAreSentByTheOtherLongBeforeTheirLeaseRunsOut() throws Exception {
        Path survivorData = Path.of("target", "killed-dispatcher-" + UUID.randomUUID()).toAbsolutePath();
        int port = freePort();
        List<String> survivorArgs = new ArrayList<>(COMMON);
        // the survivor holds at most one claim, so the other instance takes most of the burst
        survivorArgs.addAll(List.of("--server.port=" + port, "--bridgekeeper.public-url=http://localhost:" + port,
                "--bridgekeeper.data-dir=" + survivorData, "--bridgekeeper.webhooks.dispatcher.batch-size=1",
                "--bridgekeeper.webhooks.dispatcher.concurrency=1"));
        Process victim = null;
        try (ConfigurableApplicationContext survivor = new SpringApplicationBuilder(BridgekeeperApplication.class)
                .profiles("test").run(survivorArgs.toArray(String[]::new));
                Receiver receiver = Receiver.start()) {
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);
            Tenant tenant = Tenant.create(jdbc, port, "Killed dispatcher");
            Api.Response created = tenant.api().post("/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"eventTypes\":[\"connection.connected\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            UUID consumerId = UUID.fromString(created.json().path("id").asString());

            victim = startVictim(survivor.getEnvironment(), survivorData.resolve("secrets"));
            Process started = victim;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> dispatchersAlive(jdbc) == 2 || !started.isAlive());
            assertThat(victim.isAlive()).as("the second instance started (see target/killed-dispatcher-victim.log)")
                    .isTrue();

            DeliveryStore deliveries = survivor.getBean(DeliveryStore.class);
            Instant now = Instant.now();
            for (int i = 0; i < MESSAGES; i++) {
                deliveries.insertMessage(UUID.randomUUID(), tenant.clientId(),
                        "connection.connected", null, now, "{\"n\":" + i + "}", List.of(consumerId), now, now);
            }
            // the endpoint holds every request: both instances keep what they claimed; the survivor at most one
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(claimed(jdbc, consumerId)).as(() -> state(jdbc, consumerId))
                            .isGreaterThanOrEqualTo(6));
            Instant leaseEnds = jdbc.queryForObject("select max(claimed_until) from webhook_delivery where"
                    + " consumer_id = ?", Timestamp.class, consumerId).toInstant();

            victim.destroyForcibly(); // SIGKILL: no shutdown hook, no release, the heartbeat simply stops
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Instant killed = Instant.now();
            receiver.answerEverything();

            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(delivered(jdbc, consumerId)).as(() -> state(jdbc, consumerId))
                            .isEqualTo(MESSAGES));
            Instant done = Instant.now();
            log.info("All {} messages delivered {} after the kill; the killed instance's claims were leased until {}",
                    MESSAGES, Duration.between(killed, done), leaseEnds);
            assertThat(done).as("delivered %s after the kill; the dead instance's lease ran until %s",
                    Duration.between(killed, done), leaseEnds).isBefore(leaseEnds.minusSeconds(30));
            assertThat(receiver.answered()).as("every message answered at least once (once per webhook-id after"
                    + " de-duplication)").hasSize(MESSAGES);
            assertThat(jdbc.queryForObject("select count(*) from webhook_dispatcher", Integer.class))
                    .as("the dead instance's heartbeat row is gone").isEqualTo(1);
        } finally {
            if (victim != null) {
                victim.destroyForcibly();
            }
            EmbeddedDatabases.stop(survivorData);
        }
    }

    /** The other instance: a JVM of its own (so it can be killed), same classes, the survivor's database and keys. */
    private static Process startVictim(Environment survivor, Path secrets) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BridgekeeperApplication.class.getName(), "--spring.profiles.active=test",
                "--bridgekeeper.role=worker", "--bridgekeeper.sync.worker=false", "--server.port=0",
                "--bridgekeeper.data-dir=" + Path.of("target", "killed-dispatcher-victim-" + UUID.randomUUID()),
                "--spring.datasource.url=" + survivor.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + survivor.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + survivor.getRequiredProperty("spring.datasource.password"),
                "--bridgekeeper.public-url=" + survivor.getRequiredProperty("bridgekeeper.public-url"),
                "--bridgekeeper.security.token-signing-key="
                        + Files.readString(secrets.resolve("token-signing.key")).trim(),
                "--bridgekeeper.encryption.keys=dev:" + Files.readString(secrets.resolve("encryption.key")).trim()));
        command.addAll(COMMON);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "killed-dispatcher-victim.log").toFile()).start();
    }

    private static int dispatchersAlive(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from webhook_dispatcher where heartbeat_utc > now() - interval"
                + " '3 seconds'", Integer.class);
    }

    private static int claimed(JdbcTemplate jdbc, UUID consumerId) {
        return jdbc.queryForObject("select count(*) from webhook_delivery where consumer_id = ? and claimed_until >"
                + " now()", Integer.class, consumerId);
    }

    /** The deliveries, the dispatchers and the latest attempts' errors: what a failure message needs. */
    private static String state(JdbcTemplate jdbc, UUID consumerId) {
        return "deliveries " + jdbc.queryForList("select status, attempts, claimed_by, claimed_until,"
                + " next_attempt_utc from webhook_delivery where consumer_id = ?", consumerId)
                + "\ndispatchers " + jdbc.queryForList("select id, heartbeat_utc, now() as db_now from webhook_dispatcher")
                + "\nattempts " + jdbc.queryForList("select attempt, status_code, error from webhook_attempt where"
                + " consumer_id = ? order by attempted_utc desc limit 5", consumerId);
    }

    private static int delivered(JdbcTemplate jdbc, UUID consumerId) {
        return jdbc.queryForObject("select count(*) from webhook_delivery where consumer_id = ? and status ="
                + " 'Succeeded'", Integer.class, consumerId);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** An endpoint that holds every request until told to answer, then answers 204; keeps the ids it answered. */
    private record Receiver(HttpServer server, CountDownLatch answering, Set<String> answeredIds)
            implements AutoCloseable {

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            CountDownLatch answering = new CountDownLatch(1);
            Set<String> answeredIds = ConcurrentHashMap.newKeySet();
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (!answering.await(5, TimeUnit.MINUTES)) {
                        return;
                    }
                    exchange.sendResponseHeaders(204, -1);
                    answeredIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException senderGone) {
                    // the killed instance's connection: nothing was answered
                }
            });
            server.start();
            return new Receiver(server, answering, answeredIds);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        void answerEverything() {
            answering.countDown();
        }

        Set<String> answered() {
            return Set.copyOf(answeredIds);
        }

        @Override
        public void close() {
            answering.countDown();
            server.stop(0);
        }
    }
}
