package dev.bridgekeeper.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A worker killed with SIGKILL in the middle of a fetch: a second Bridgekeeper JVM (same classpath, this test's
 * database, the only running worker) picks the first sync of a slow sandbox organisation, is killed once it has
 * staged a few pages, and this instance's worker — paused until then — finds the dead execution by its stopped
 * heartbeat, resumes it, and the cache ends up with exactly the sandbox's records, each once.
 */
@ApiIntegrationTest
class SyncWorkerKillIT {

    private static final List<String> BANKING = List.of("banking-accounts", "banking-transactions",
            "banking-accountBalances", "banking-transactionCategories");

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    Scheduler scheduler;

    @Autowired
    ConnectionCredentials credentials;

    /**
     * {@code direct}: the dead worker was writing the first sync straight into the cache in one transaction
     * (rolled back by its death; the next worker starts again). Otherwise it was staging page by page, and the
     * next worker goes on after the last page it committed.
     */
    @ParameterizedTest(name = "direct first sync: {0}")
    @ValueSource(booleans = {true, false})
    void aJobWhoseWorkerIsKilledMidFetchIsResumedByAnotherWorkerWithoutDuplicates(boolean direct) throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Kill IT");
        Process child = null;
        Path log = Path.of("target", "sync-worker-kill-child-" + UUID.randomUUID() + ".log");
        scheduler.pause(); // this instance queues but does not run jobs until the other worker is dead
        try {
            SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_slow");
            String dataset = jdbc.queryForObject("select id::text from dataset where connection_id = ?"
                    + " and data_type = 'banking-transactions'", String.class, link.connectionId());
            assertThat(status(dataset)).isEqualTo("Queued");

            child = startWorker(log, direct);
            Process worker = child;
            // 600 transactions in pages of 50, each page held back 0.3 s by the slow sandbox user
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(worker.isAlive()).as("the second worker is running; see " + log).isTrue();
                return progress(dataset) >= 20; // 10 + 60 per cent of the pages: at least two of twelve read
            });
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no release of its executions
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

            assertThat(status(dataset)).isEqualTo("Fetching");
            assertThat(progress(dataset)).as("killed mid-fetch").isBetween(20, 69);
            assertThat(jdbc.queryForObject("select picked from scheduled_tasks where task_name = 'sync-dataset'"
                    + " and task_instance = ?", Boolean.class, dataset)).as("left picked by the dead worker").isTrue();
            assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                    + " 'banking-transactions'", Integer.class, link.connectionId()))
                    .as("nothing of the unfinished pull is visible").isZero();
            int pagesAtKill = jdbc.queryForObject("select pages_fetched from dataset where id = ?::uuid",
                    Integer.class, dataset);
            long staged = jdbc.queryForObject("select count(*) from record_staging where dataset_id = ?::uuid",
                    Long.class, dataset);
            Instant marker = Instant.parse("2001-02-03T04:05:06Z");
            if (direct) {
                assertThat(pagesAtKill).as("nothing committed page by page").isZero();
                assertThat(staged).isZero();
            } else {
                assertThat(pagesAtKill).isBetween(2, 11);
                assertThat(staged).isEqualTo(pagesAtKill * 50L);
                // mark a record staged before the kill: if the next worker fetched page 1 again, it would be
                // replaced; going on from the next page keeps it
                jdbc.update("update record_staging set modified_date = ? where dataset_id = ?::uuid and record_id ="
                        + " (select min(record_id) from record_staging where dataset_id = ?::uuid)",
                        java.sql.Timestamp.from(marker), dataset, dataset);
            }

            scheduler.resume();
            Api api = tenant.api();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode statuses = api.get(link.companyPath() + "/dataStatus").json();
                for (String dataType : BANKING) {
                    assertThat(statuses.path(dataType).path("currentStatus").asString()).as(dataType)
                            .isEqualTo("Complete");
                }
            });

            Map<String, Object> done = jdbc.queryForMap("select pages_fetched, page_size, records_modified from"
                    + " dataset where id = ?::uuid", dataset);
            assertThat(done.get("page_size")).as("resumed with the dead worker's page size").isEqualTo(50);
            assertThat(done.get("pages_fetched")).isEqualTo(12);
            if (!direct) {
                assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and modified_date"
                        + " = ?", Integer.class, link.connectionId(), java.sql.Timestamp.from(marker)))
                        .as("the pages staged before the kill were not fetched again").isEqualTo(1);
            }
            assertThat(done.get("records_modified")).isEqualTo(600);
            assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                    + " 'banking-transactions'", Integer.class, link.connectionId())).isEqualTo(600);
            assertThat(jdbc.queryForObject("select count(distinct record_id) from record where connection_id = ?"
                    + " and data_type = 'banking-transactions'", Integer.class, link.connectionId())).isEqualTo(600);
            assertThat(jdbc.queryForObject("select count(*) from record_staging where dataset_id = ?::uuid",
                    Integer.class, dataset)).isZero();

            Api sandbox = Api.at(port).withBearer(link.accessToken(credentials));
            List<String> expected = ids(sandbox.get("/sandbox/banking/api/data/banking-transactions?pageSize=5000")
                    .json().path("results"));
            List<String> served = ids(api.get(link.connectionPath() + "/data/banking-transactions?pageSize=2000")
                    .json().path("results"));
            assertThat(served).hasSize(600).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            scheduler.resume();
            if (child != null && child.isAlive()) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A second Bridgekeeper on this test's database: sync worker on, compressed heartbeat, small pages. */
    private Process startWorker(Path log, boolean direct) throws Exception {
        Path dataDir = Path.of(environment.getRequiredProperty("bridgekeeper.data-dir")).toAbsolutePath();
        String signingKey = Files.readString(dataDir.resolve("secrets").resolve("token-signing.key")).trim();
        String encryptionKey = Files.readString(dataDir.resolve("secrets").resolve("encryption.key")).trim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), BridgekeeperApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=" + environment.getRequiredProperty("spring.datasource.password"),
                "--bridgekeeper.data-dir=" + Path.of("target", "sync-kill-child-" + UUID.randomUUID()),
                "--bridgekeeper.public-url=" + publicUrl,
                "--bridgekeeper.security.token-signing-key=" + signingKey,
                "--bridgekeeper.encryption.keys=dev:" + encryptionKey,
                "--bridgekeeper.webhooks.dispatcher.enabled=false",
                "--bridgekeeper.sync.worker=true",
                "--bridgekeeper.sync.page-size=50",
                "--bridgekeeper.sync.direct-first-sync=" + direct,
                "--bridgekeeper.sync.heartbeat-interval=PT1S",
                "--bridgekeeper.sync.polling-interval=PT0.3S"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
    }

    private int progress(String dataset) {
        return jdbc.queryForObject("select progress from dataset where id = ?::uuid", Integer.class, dataset);
    }

    private String status(String dataset) {
        return jdbc.queryForObject("select status from dataset where id = ?::uuid", String.class, dataset);
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }
}
