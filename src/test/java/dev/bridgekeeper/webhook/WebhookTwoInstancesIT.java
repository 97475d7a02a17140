package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.webhook.WebhookTestSupport.createConsumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import dev.bridgekeeper.webhook.WebhookReceiver.Received;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one database share the deliveries through row claims alone: both send, and no
 * message is sent twice (the receiver never fails here, so any second copy would be a double send).
 */
@ApiIntegrationTest
class WebhookTwoInstancesIT {

    private static final int EVENTS = 600;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    @Test
    void twoDispatchersShareTheWorkAndSendEachMessageOnce() throws Exception {
        Tenant tenant = Tenant.create(jdbc, port, "Pair " + UUID.randomUUID());
        try (WebhookReceiver receiver = WebhookReceiver.start();
                ConfigurableApplicationContext second = new SpringApplicationBuilder(BridgekeeperApplication.class)
                        .profiles("test")
                        .run("--server.port=0", "--bridgekeeper.data-dir=" + environment.getProperty(
                                "bridgekeeper.data-dir"), "--bridgekeeper.embedded-database.clean=false")) {
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            double firstBefore = successes(meters);
            double secondBefore = successes(secondMeters);
            createConsumer(tenant.api(), receiver.url(), List.of("company.created"));

            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Api.Response>> calls = IntStream.range(0, EVENTS).mapToObj(i -> callers.submit(
                        () -> tenant.api().post("/companies", "{\"name\":\"Shared " + i + "\"}"))).toList();
                for (Future<Api.Response> call : calls) {
                    assertThat(call.get().status()).isEqualTo(200);
                }
            } finally {
                callers.shutdown();
            }

            await().atMost(Duration.ofMinutes(2)).until(() -> receiver.received().size() >= EVENTS);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from"
                    + " webhook_delivery d join webhook_consumer c on c.id = d.consumer_id where c.client_id = ?"
                    + " and d.status = 'Succeeded'", Integer.class, tenant.clientId()) == EVENTS);
            Map<String, Long> copies = receiver.received().stream()
                    .collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
            assertThat(copies).hasSize(EVENTS);
            assertThat(copies.values()).as("no message was sent twice").allMatch(n -> n == 1);
            assertThat(jdbc.queryForObject("select count(*) from webhook_attempt a join webhook_consumer c"
                    + " on c.id = a.consumer_id where c.client_id = ?", Integer.class, tenant.clientId()))
                    .isEqualTo(EVENTS);

            double byFirst = successes(meters) - firstBefore;
            double bySecond = successes(secondMeters) - secondBefore;
            assertThat(byFirst).as("the first instance sent some").isPositive();
            assertThat(bySecond).as("the second instance sent some").isPositive();
            assertThat(byFirst + bySecond).isGreaterThanOrEqualTo(EVENTS);
        }
    }

    private static double successes(MeterRegistry registry) {
        return registry.counter("bridgekeeper.webhooks.attempts", "outcome", "success").count();
    }
}
