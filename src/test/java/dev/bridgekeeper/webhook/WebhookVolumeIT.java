package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.webhook.WebhookTestSupport.createConsumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import dev.bridgekeeper.webhook.WebhookReceiver.Answer;
import dev.bridgekeeper.webhook.WebhookReceiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many events against a receiver that fails 30 % of requests at random: every message arrives, and
 * each webhook-id is answered with success exactly once (earlier copies were all answered with failures).
 */
@ApiIntegrationTest
class WebhookVolumeIT {

    private static final int EVENTS = 2_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyMessageArrivesAndEachIsDeliveredSuccessfullyExactlyOnce() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Volume " + UUID.randomUUID());
        Api api = tenant.api();
        Random random = new Random(20_240_501);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answering(request -> {
                synchronized (random) {
                    return random.nextInt(100) < 30 ? Answer.status(503) : Answer.status(200);
                }
            });
            createConsumer(api, receiver.url(), List.of("company.created"));

            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Api.Response>> calls = IntStream.range(0, EVENTS)
                        .mapToObj(i -> callers.submit(() -> api.post("/companies", "{\"name\":\"Volume " + i + "\"}")))
                        .toList();
                for (Future<Api.Response> call : calls) {
                    assertThat(call.get().status()).isEqualTo(200);
                }
            } finally {
                callers.shutdown();
            }

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                    receiver.received().stream().filter(Received::succeeded).count() >= EVENTS);

            List<Received> received = receiver.received();
            Map<String, List<Received>> byId = received.stream().collect(Collectors.groupingBy(Received::webhookId));
            assertThat(byId).hasSize(EVENTS);
            byId.forEach((id, copies) -> {
                List<Received> successes = copies.stream().filter(Received::succeeded).toList();
                assertThat(successes).as("successful deliveries of %s", id).hasSize(1);
                Received success = successes.get(0);
                assertThat(copies.stream().filter(c -> c != success).allMatch(c -> !c.succeeded()))
                        .as("any other copy of %s was a retry after a failure", id).isTrue();
                assertThat(copies.stream().filter(c -> c.at().isAfter(success.at())).count())
                        .as("nothing of %s after its success", id).isZero();
            });
            long failures = received.stream().filter(r -> !r.succeeded()).count();
            assertThat(failures).as("the receiver really failed about 30 %% of %d requests", received.size())
                    .isBetween(600L, 1_100L);

            // every delivery settles as Succeeded, and every request the receiver saw is in the attempt log
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "select d.status, count(*) as n from webhook_delivery d join webhook_consumer c"
                            + " on c.id = d.consumer_id where c.client_id = ? group by d.status", tenant.clientId())
                    .stream().collect(Collectors.toMap(r -> (String) r.get("status"),
                            r -> ((Number) r.get("n")).longValue())))
                    .isEqualTo(Map.of("Succeeded", (long) EVENTS)));
            assertThat(jdbc.queryForObject("select count(*) from webhook_attempt a join webhook_consumer c"
                    + " on c.id = a.consumer_id where c.client_id = ?", Long.class, tenant.clientId()))
                    .isEqualTo((long) received.size());
        }
    }
}
