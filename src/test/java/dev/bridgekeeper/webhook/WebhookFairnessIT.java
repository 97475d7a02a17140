package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.webhook.WebhookTestSupport.createCompany;
import static dev.bridgekeeper.webhook.WebhookTestSupport.createConsumer;
import static dev.bridgekeeper.webhook.WebhookTestSupport.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import dev.bridgekeeper.webhook.WebhookReceiver.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One endpoint that holds every request must not hold up another consumer's messages: claims take turns between
 * consumers, and no consumer has more than {@code max-in-flight-per-consumer} deliveries in flight.
 */
@ApiIntegrationTest
class WebhookFairnessIT {

    // more than all the senders of the instance, so without a cap the slow endpoint could take every one
    private static final int SLOW_BACKLOG = 40;
    private static final int HEALTHY_EVENTS = 10;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${bridgekeeper.webhooks.dispatcher.max-in-flight-per-consumer}")
    int cap;

    @Value("${bridgekeeper.webhooks.dispatcher.concurrency}")
    int concurrency;

    @Value("${bridgekeeper.webhooks.timeout}")
    Duration timeout;

    Api api;
    WebhookReceiver slow;
    WebhookReceiver healthy;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger slowInFlight = new AtomicInteger();
    final AtomicInteger slowMostInFlight = new AtomicInteger();

    @BeforeEach
    void setUp() {
        api = Tenant.create(jdbc, port, "Fairness " + UUID.randomUUID()).api();
        // enough threads to hold every sender of the instance at once, so the receiver itself caps nothing
        slow = WebhookReceiver.start(concurrency + 8).answering(request -> {
            slowMostInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
            try {
                // held until released, but answered just before the sender's timeout would cut it off, so every
                // request counted here is one the dispatcher still has in flight
                boolean released = release.await(timeout.toMillis() - 500, TimeUnit.MILLISECONDS);
                return Answer.status(released ? 200 : 503);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.status(503);
            } finally {
                slowInFlight.decrementAndGet();
            }
        });
        healthy = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        slow.close();
        healthy.close();
    }

    @Test
    void aHangingEndpointHoldsAtMostItsCapWhileAnotherConsumersMessagesFlow() {
        assertThat(cap).as("the cap leaves senders for others").isLessThan(concurrency);
        String slowConsumer = createConsumer(api, slow.url(), List.of("company.created"), List.of("lane:slow"), null)
                .path("id").asString();
        String healthyConsumer = createConsumer(api, healthy.url(), List.of("company.created"),
                List.of("lane:healthy"), null).path("id").asString();

        for (int i = 0; i < SLOW_BACKLOG; i++) {
            createCompany(api, "Slow lane " + i, Map.of("lane", "slow"));
        }
        // the slow endpoint is now holding as many requests as it will be given
        await().atMost(Duration.ofSeconds(20)).until(() -> slowInFlight.get() >= cap);

        Instant created = Instant.now();
        List<String> healthyCompanies = new ArrayList<>();
        for (int i = 0; i < HEALTHY_EVENTS; i++) {
            healthyCompanies.add(createCompany(api, "Healthy lane " + i, Map.of("lane", "healthy")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> healthy.received().size() >= HEALTHY_EVENTS);
        Instant lastHealthy = healthy.received().stream().map(WebhookReceiver.Received::at).max(Instant::compareTo)
                .orElseThrow();
        // without fair claims these wait behind the slow endpoint's held requests until its attempts time out
        assertThat(Duration.between(created, lastHealthy))
                .as("healthy consumer's messages delivered while the slow one is held")
                .isLessThan(timeout.minusSeconds(2));
        assertThat(healthy.received()).extracting(r -> r.json().path("payload").path("id").asString())
                .containsExactlyInAnyOrderElementsOf(healthyCompanies);
        long slowPending = messages(api, slowConsumer).stream()
                .filter(m -> !"Succeeded".equals(m.path("status").asString())).count();
        assertThat(slowPending).as("the slow consumer still has a backlog").isGreaterThanOrEqualTo(SLOW_BACKLOG - cap);
        assertThat(slowMostInFlight.get()).as("requests the slow endpoint held at once").isLessThanOrEqualTo(cap);

        // once it answers again its backlog drains, still never more than the cap at once
        release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> messages(api, slowConsumer).stream()
                .allMatch(m -> "Succeeded".equals(m.path("status").asString())));
        assertThat(messages(api, slowConsumer)).hasSize(SLOW_BACKLOG);
        assertThat(messages(api, healthyConsumer)).hasSize(HEALTHY_EVENTS);
        assertThat(slowMostInFlight.get()).isLessThanOrEqualTo(cap);
    }
}
