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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/** The cheaper write and delivery paths send exactly what the straightforward ones did. */
@ApiIntegrationTest
class WebhookBatchingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${bridgekeeper.webhooks.dispatcher.max-in-flight-per-consumer}")
    int cap;

    @Value("${bridgekeeper.webhooks.dispatcher.concurrency}")
    int concurrency;

    Tenant tenant;
    Api api;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(jdbc, port, "Batching " + UUID.randomUUID());
        api = tenant.api();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /**
     * company.created is built from the event, not read back; it must still serialise exactly like the stored
     * company, including the order jsonb gives the tags (shorter keys first), which differs from the request's.
     */
    @Test
    void companyCreatedPayloadIsTheStoredCompanyFieldForFieldAndInTheSameOrder() {
        createConsumer(api, receiver.url(), List.of("company.created"));
        String body = "{\"name\":\"  Ordered Ltd \",\"description\":\"Tags out of order\",\"tags\":"
                + "{\"zeta-long-key\":\"1\",\"b\":\"2\",\"ab\":\"3\",\"aa\":\"4\",\"é\":\"5\",\"z\":\"6\"}}";
        Api.Response created = api.post("/companies", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String companyId = created.json().path("id").asString();

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        ObjectNode stored = (ObjectNode) api.get("/companies/" + companyId).json();
        stored.remove("dataConnections");
        String payload = receiver.received().get(0).json().path("payload").toString();
        assertThat(payload).isEqualTo(stored.toString());
        assertThat(receiver.received().get(0).json().path("payload").path("tags").propertyNames())
                .containsExactly("b", "z", "aa", "ab", "é", "zeta-long-key");
    }

    /**
     * With the receiver holding every request, the dispatcher still claims due deliveries into its queue, more than
     * its senders (each consumer up to its cap of deliveries in flight); once the receiver answers, each arrives
     * exactly once and is recorded once.
     */
    @Test
    void aClaimedBatchLargerThanTheSendersIsDeliveredExactlyOnce() throws Exception {
        int consumers = concurrency / cap + 4;
        int eventsPerConsumer = cap + 1;
        CountDownLatch release = new CountDownLatch(1);
        receiver.answering(request -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.status(200);
        });
        List<String> consumerIds = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            consumerIds.add(createConsumer(api, receiver.url("/hooks/" + i), List.of("company.created")).path("id")
                    .asString());
        }
        try {
            for (int i = 0; i < eventsPerConsumer; i++) {
                assertThat(api.post("/companies", "{\"name\":\"Queued " + i + "\"}").status()).isEqualTo(200);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "select count(*) from webhook_delivery d join webhook_consumer c on c.id = d.consumer_id"
                            + " where c.client_id = ? and d.status = 'Pending'"
                            + " and d.next_attempt_utc > now() + interval '30 seconds'", Long.class, tenant.clientId()))
                    .as("deliveries leased by the dispatcher (each consumer's cap) while at most %d are being sent",
                            concurrency)
                    .isEqualTo((long) consumers * cap)
                    .isGreaterThan(concurrency));
        } finally {
            release.countDown();
        }

        int events = consumers * eventsPerConsumer;
        await().atMost(WAIT).until(() -> receiver.received().size() >= events);
        for (String consumerId : consumerIds) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(consumerId))
                    .isEqualTo(Map.of("Succeeded", (long) eventsPerConsumer)));
            assertThat(attemptRows(consumerId)).isEqualTo(eventsPerConsumer);
        }
        // one message goes to every consumer under one webhook-id, signed with each consumer's own secret
        assertThat(receiver.received()).hasSize(events);
        assertThat(receiver.received().stream().map(r -> r.webhookId() + " " + r.header("webhook-signature"))
                .distinct()).as("no delivery arrived twice").hasSize(events);
    }

    private Map<String, Long> statuses(String consumerId) {
        return jdbc.queryForList("select status, count(*) as n from webhook_delivery where consumer_id = ?::uuid"
                        + " group by status", consumerId).stream()
                .collect(Collectors.toMap(r -> (String) r.get("status"), r -> ((Number) r.get("n")).longValue()));
    }

    private long attemptRows(String consumerId) {
        return jdbc.queryForObject("select count(*) from webhook_attempt where consumer_id = ?::uuid", Long.class,
                consumerId);
    }
}
