package dev.bridgekeeper.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.platform.db.EmbeddedDatabases;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An {@code api} and a {@code worker} instance on one database of their own. While the API instance is alone,
 * what it accepts waits: the pulls a link queued stay Queued, the webhook stays in the outbox, no job is picked and
 * no recurring job even exists. Once the worker joins, it does all of it: the pulls complete, the webhook is
 * delivered, every recurring job has run (its row in scheduled_tasks has a last success, and the expired
 * authorization state the purge is for is gone), and every execution picked meanwhile was picked by the worker.
 */
class InstanceRolesIT {

    private static final List<String> RECURRING_JOBS = List.of("sync-schedule", "consent-expiry", "oauth-state-purge",
            "oauth-token-reseal", "webhook-log-retention", "audit-chain-purge");
    private static final List<String> BANKING = List.of("banking-accounts", "banking-transactions",
            "banking-accountBalances", "banking-transactionCategories");
    /** Every recurring job's interval compressed to a second, so each runs within the test. */
    private static final List<String> QUICK_JOBS = List.of(
            "--bridgekeeper.oauth.state-purge-interval=PT1S",
            "--bridgekeeper.oauth.reseal-interval=PT1S",
            "--bridgekeeper.oauth.reseal-initial-delay=PT0S",
            "--bridgekeeper.webhooks.purge-interval=PT1S",
            "--bridgekeeper.webhooks.purge-initial-delay=PT0S",
            "--bridgekeeper.audit.purge-interval=PT1S",
            // twelve pages of 50 transactions, each held back 0.3 s by user_slow: the pull stays picked a while
            "--bridgekeeper.sync.page-size=50");

    @Test
    void anApiInstanceRunsNoJobsAndSendsNoWebhooksWhileAWorkerRunsThemAll() throws Exception {
        Path apiData = Path.of("target", "roles-api-" + UUID.randomUUID()).toAbsolutePath();
        int apiPort = freePort();
        String publicUrl = "http://localhost:" + apiPort;
        try (ConfigurableApplicationContext api = start(QUICK_JOBS, "--bridgekeeper.role=api",
                "--server.port=" + apiPort, "--bridgekeeper.public-url=" + publicUrl,
                "--bridgekeeper.data-dir=" + apiData);
                Receiver receiver = Receiver.start()) {
            JdbcTemplate jdbc = api.getBean(JdbcTemplate.class);
            Tenant tenant = Tenant.create(jdbc, apiPort, "Roles");
            Api.Response consumer = tenant.api().post("/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"eventTypes\":[\"connection.connected\"]}");
            assertThat(consumer.status()).as(consumer.toString()).isEqualTo(201);
            SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_slow"); // queues the banking pulls
            assertThat(jdbc.update("update oauth_authorization_state set expires_utc = now() - interval '2 days'"
                    + " where connection_id = ?", link.connectionId())).as("the link's spent state").isEqualTo(1);

            // the API instance alone: everything it accepted waits for a worker
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(statuses(tenant, link)).containsOnly("Queued");
                        assertThat(jdbc.queryForObject("select count(*) from webhook_delivery d join webhook_consumer c"
                                + " on c.id = d.consumer_id where c.client_id = ? and d.status = 'Pending'"
                                + " and d.attempts = 0 and d.next_attempt_utc <= now()", Integer.class, tenant.clientId()))
                                .as("due, never claimed (a claim leases it into the future)").isEqualTo(1);
                        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where picked",
                                Integer.class)).isZero();
                        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name in"
                                + " (?, ?, ?, ?, ?, ?)", Integer.class, RECURRING_JOBS.toArray()))
                                .as("recurring jobs are created by a starting worker").isZero();
                        assertThat(expiredStates(jdbc, link)).isEqualTo(1);
                    });
            assertThat(receiver.bodies()).isEmpty();
            assertThat(api.getBean(Scheduler.class).getSchedulerState().isStarted()).isFalse();
            assertThat(api.getBean(Jobs.class).runsJobs()).isFalse();
            assertThat(api.getBean(MeterRegistry.class).find("bridgekeeper.webhooks.attempts").counters())
                    .as("no dispatcher on the API instance").isEmpty();

            Environment apiEnvironment = api.getEnvironment();
            Path secrets = apiData.resolve("secrets");
            Set<String> pickedBy = ConcurrentHashMap.newKeySet();
            try (ConfigurableApplicationContext worker = start(QUICK_JOBS, "--bridgekeeper.role=worker",
                    "--server.port=0", "--bridgekeeper.public-url=" + publicUrl,
                    "--bridgekeeper.data-dir=" + Path.of("target", "roles-worker-" + UUID.randomUUID()),
                    "--spring.datasource.url=" + apiEnvironment.getRequiredProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + apiEnvironment.getRequiredProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + apiEnvironment.getRequiredProperty("spring.datasource.password"),
                    "--bridgekeeper.security.token-signing-key="
                            + Files.readString(secrets.resolve("token-signing.key")).trim(),
                    "--bridgekeeper.encryption.keys=dev:"
                            + Files.readString(secrets.resolve("encryption.key")).trim())) {
                String workerName = worker.getBean(Jobs.class).workerName();
                assertThat(workerName).isNotEqualTo(api.getBean(Jobs.class).workerName());

                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    pickedBy.addAll(jdbc.queryForList("select picked_by from scheduled_tasks where picked",
                            String.class));
                    assertThat(statuses(tenant, link)).containsOnly("Complete");
                    assertThat(receiver.bodies()).anyMatch(body -> body.contains("connection.connected"));
                    assertThat(recurringRows(jdbc)).containsExactlyInAnyOrderElementsOf(RECURRING_JOBS);
                    assertThat(expiredStates(jdbc, link)).as("purged").isZero();
                });

                assertThat(pickedBy).as("every execution picked meanwhile").containsExactly(workerName);
                MeterRegistry workerMeters = worker.getBean(MeterRegistry.class);
                MeterRegistry apiMeters = api.getBean(MeterRegistry.class);
                List<String> jobs = new ArrayList<>(RECURRING_JOBS);
                jobs.add("sync-dataset");
                for (String job : jobs) {
                    assertThat(completions(workerMeters, job)).as(job + " on the worker").isPositive();
                    assertThat(completions(apiMeters, job)).as(job + " on the API instance").isZero();
                }
                assertThat(workerMeters.counter("bridgekeeper.webhooks.attempts", "outcome", "success").count())
                        .isPositive();
            }
        } finally {
            EmbeddedDatabases.stop(apiData);
        }
    }

    @Test
    void aRoleThatIsNotOneOfTheThreeStopsStartUpSayingWhichAreAllowed() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(BridgekeeperApplication.class)
                .profiles("test").run("--server.port=0", "--bridgekeeper.role=primary").close());

        assertThat(failure).as("start-up must fail").isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root.getMessage()).startsWith("bridgekeeper.role (BRIDGEKEEPER_ROLE) must be all, api or worker;"
                + " got \"primary\".");
    }

    private static ConfigurableApplicationContext start(List<String> common, String... settings) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(BridgekeeperApplication.class).profiles("test")
                .run(args.toArray(String[]::new));
    }

    private static List<String> statuses(Tenant tenant, SandboxLink link) {
        JsonNode statuses = tenant.api().get(link.companyPath() + "/dataStatus").json();
        List<String> found = new ArrayList<>();
        for (String dataType : BANKING) {
            found.add(statuses.path(dataType).path("currentStatus").asString());
        }
        return found;
    }

    /** The recurring jobs that have run at least once. */
    private static List<String> recurringRows(JdbcTemplate jdbc) {
        return jdbc.queryForList("select task_name from scheduled_tasks where task_name in (?, ?, ?, ?, ?, ?)"
                + " and last_success is not null", String.class, RECURRING_JOBS.toArray());
    }

    private static int expiredStates(JdbcTemplate jdbc, SandboxLink link) {
        return jdbc.queryForObject("select count(*) from oauth_authorization_state where connection_id = ?",
                Integer.class, link.connectionId());
    }

    private static double completions(MeterRegistry meters, String job) {
        return meters.find("dbscheduler_task_completions").tag("task", job).tag("result", "ok").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A webhook endpoint that takes everything and keeps the bodies. */
    private record Receiver(HttpServer server, List<String> bodies) implements AutoCloseable {

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            List<String> bodies = new CopyOnWriteArrayList<>();
            server.createContext("/", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return new Receiver(server, bodies);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
