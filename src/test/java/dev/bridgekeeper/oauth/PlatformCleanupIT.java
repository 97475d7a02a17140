package dev.bridgekeeper.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Browser;
import dev.bridgekeeper.support.ChildInstance;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revoking a gone connection's tokens at its platform is durable work: the unlink writes the pending clean-up (the
 * tokens, still sealed) and its db-scheduler job in its own transaction, and a worker does the revocation. Here a
 * second Bridgekeeper JVM is the only running worker (this instance's worker is paused), and its catalog sends the
 * revocation to a platform under the test's control. Refused once, the revocation is tried again after the backoff
 * and done. Never answered, it keeps the second worker waiting until that is killed (SIGKILL); this instance's
 * worker then finds the job by its stopped heartbeat and revokes the token at the sandbox (its own catalog), and
 * nothing of the clean-up is left.
 */
@ApiIntegrationTest
class PlatformCleanupIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Value("${bridgekeeper.sandbox.client-secret}")
    String sandboxSecret;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    Scheduler scheduler;

    @Autowired
    ConnectionCredentials credentials;

    /**
     * One second worker for both halves (starting a JVM is the slow part): it first meets a platform that refuses
     * the revocation once, then one that never answers, and is killed while it waits.
     */
    @Test
    void aRefusedRevocationIsRetriedAndOneWhoseWorkerDiesIsFinishedByAnotherWorker() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Cleanup");
        SandboxLink refused = SandboxLink.createWithoutSync(tenant, publicUrl, "sbac", "user_good");
        String refusedToken = refused.accessToken(credentials);
        SandboxLink unanswered = SandboxLink.createWithoutSync(tenant, publicUrl, "sbac", "user_good");
        String unansweredToken = unanswered.accessToken(credentials);
        assertThat(introspect(unansweredToken).path("active").asBoolean()).isTrue();
        scheduler.pause(); // this instance queues but runs no jobs: the second worker takes the revocations
        try (FakePlatform platform = FakePlatform.start(503)) {
            UUID unansweredCleanup;
            try (ChildInstance worker = ChildInstance.start(environment, "cleanup-worker", List.of(
                    "--bridgekeeper.role=worker",
                    "--bridgekeeper.public-url=" + platform.url(), // its catalog revokes at the fake platform
                    "--bridgekeeper.oauth.cleanup-first-retry=PT1S",
                    "--bridgekeeper.oauth.http-timeout=PT10M"))) {
                // refused once (503): tried again after the first retry delay, then done
                unlink(tenant, refused);
                UUID refusedCleanup = pendingCleanup(refused);
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    assertThat(worker.isAlive()).as("the second worker is running; see " + worker.log()).isTrue();
                    return !exists(refusedCleanup);
                });
                List<FakePlatform.Request> requests = platform.requests();
                assertThat(requests).extracting(FakePlatform.Request::hint)
                        .containsExactly("refresh_token", "refresh_token", "access_token");
                assertThat(requests).extracting(FakePlatform.Request::status).containsExactly(503, 200, 200);
                assertThat(requests.get(2).token()).isEqualTo(refusedToken);
                assertThat(requests.get(1).token()).as("the same refresh token again")
                        .isEqualTo(requests.get(0).token());
                assertThat(Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos()))
                        .as("tried again after the first retry delay, not at once")
                        .isGreaterThan(Duration.ofMillis(900));
                assertThat(taskExists(refusedCleanup)).as("the job's execution is removed with it").isFalse();

                // never answered: the worker waits on the call until it is killed
                platform.holdEveryRequest();
                unlink(tenant, unanswered);
                unansweredCleanup = pendingCleanup(unanswered);
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    assertThat(worker.isAlive()).as("the second worker is running; see " + worker.log()).isTrue();
                    return platform.requests().size() == 4;
                });
                Map<String, Object> task = jdbc.queryForMap("select picked, picked_by from scheduled_tasks"
                        + " where task_name = 'oauth-platform-cleanup' and task_instance = ?",
                        unansweredCleanup.toString());
                assertThat(task.get("picked")).as("held by the second worker").isEqualTo(true);
                // while the revocation waits, the tokens are only ever stored sealed
                assertThat(jdbc.queryForObject("select access_token_sealed from platform_cleanup where id = ?",
                        String.class, unansweredCleanup)).startsWith("v1.");
                assertThat(DatabaseScan.tablesContaining(jdbc, unansweredToken)).isEmpty();
                assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where position(convert_to(?,"
                        + " 'UTF8') in task_data) > 0", Integer.class, unansweredToken)).isZero();

                assertThat(worker.kill()).as("killed by SIGKILL").isEqualTo(137);
            }
            assertThat(exists(unansweredCleanup)).as("the pending clean-up outlives its worker").isTrue();

            scheduler.resume(); // this instance finds the dead execution by its stopped heartbeat and runs it
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !introspect(unansweredToken).path("active").asBoolean());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !exists(unansweredCleanup) && !taskExists(unansweredCleanup));
            assertThat(platform.requests()).as("the dead worker got no further than the refresh token").hasSize(4);
        } finally {
            scheduler.resume();
        }
    }

    private void unlink(Tenant tenant, SandboxLink link) {
        assertThat(tenant.api().patch(link.connectionPath(), "{\"status\":\"Unlinked\"}").json().path("status")
                .asString()).isEqualTo("Unlinked");
        assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?",
                Integer.class, link.connectionId())).as("gone from the vault with the unlink").isZero();
    }

    private UUID pendingCleanup(SandboxLink link) {
        UUID id = jdbc.queryForObject("select id from platform_cleanup where connection_id = ?", UUID.class,
                link.connectionId());
        assertThat(taskExists(id)).as("its job was written with it").isTrue();
        return id;
    }

    private boolean exists(UUID cleanup) {
        return jdbc.queryForObject("select count(*) from platform_cleanup where id = ?", Integer.class, cleanup) > 0;
    }

    private boolean taskExists(UUID cleanup) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = 'oauth-platform-cleanup'"
                + " and task_instance = ?", Integer.class, cleanup.toString()) > 0;
    }

    private JsonNode introspect(String token) {
        String basic = Base64.getEncoder().encodeToString(("bridgekeeper:" + sandboxSecret).getBytes());
        var answer = new Browser().postFormWithBasic(publicUrl + "/sandbox/accounting/oauth2/introspect",
                Map.of("token", token), basic);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body());
    }

    /**
     * A platform's revocation endpoint under the test's control: it answers the given statuses in turn and then 200,
     * or, once told to, accepts every request and never answers (until closed).
     */
    static final class FakePlatform implements AutoCloseable {

        record Request(String hint, String token, int status, long nanos) {}

        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
        private final CountDownLatch closing = new CountDownLatch(1);
        private volatile boolean holding;

        private FakePlatform(HttpServer server) {
            this.server = server;
        }

        /** Answers {@code statuses} in turn, then 200. */
        static FakePlatform start(int... statuses) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakePlatform platform = new FakePlatform(server);
            for (int status : statuses) {
                platform.answers.add(status);
            }
            server.createContext("/", platform::handle);
            server.setExecutor(platform.threads);
            server.start();
            return platform;
        }

        /** From now on every request is accepted and never answered: the caller waits until it gives up. */
        void holdEveryRequest() {
            holding = true;
        }

        private void handle(HttpExchange exchange) throws IOException {
            long at = System.nanoTime();
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            if (holding) {
                requests.add(new Request(form.get("token_type_hint"), form.get("token"), 0, at));
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            Integer status = answers.poll();
            int answer = status == null ? 200 : status;
            requests.add(new Request(form.get("token_type_hint"), form.get("token"), answer, at));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Request> requests() {
            return List.copyOf(requests);
        }

        private static Map<String, String> form(String body) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }

        @Override
        public void close() throws InterruptedException {
            closing.countDown();
            server.stop(0);
            threads.shutdownNow();
            threads.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
