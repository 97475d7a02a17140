package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.webhook.WebhookTestSupport.createCompany;
import static dev.bridgekeeper.webhook.WebhookTestSupport.createConsumer;
import static dev.bridgekeeper.webhook.WebhookTestSupport.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import dev.bridgekeeper.BridgekeeperApplication;
import dev.bridgekeeper.platform.db.EmbeddedDatabases;
import dev.bridgekeeper.support.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application stopped between commit and delivery delivers after restart. The first run has its
 * dispatcher switched off (as an instance that dies right after committing would never send), commits
 * an event and stops, database included; the next run on the same data sends it.
 */
class WebhookRestartIT {

    private final Path dataDir = Path.of("target", "webhook-restart-it-" + UUID.randomUUID());

    @Test
    void aMessageCommittedBeforeAStopIsDeliveredAfterTheRestart() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String consumerId;
            String companyId;
            try (ConfigurableApplicationContext first = start(false)) {
                Api api = api(first);
                consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
                companyId = createCompany(api, "Survivor Ltd", null);
                assertThat(messages(api, consumerId)).hasSize(1);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> receiver.received().isEmpty());
            } finally {
                EmbeddedDatabases.stop(dataDir);
            }

            try (ConfigurableApplicationContext second = start(true)) {
                Api api = api(second);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
                WebhookReceiver.Received webhook = receiver.received().get(0);
                assertThat(webhook.json().path("payload").path("id").asString()).isEqualTo(companyId);
                String secret = api.get("/webhooks/" + consumerId + "/secret").json().path("key").asString();
                new Webhook(secret).verify(webhook.body(), webhook.httpHeaders());
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        messages(api, consumerId).get(0).path("status").asString()).isEqualTo("Succeeded"));
            } finally {
                EmbeddedDatabases.stop(dataDir);
            }
        }
    }

    private ConfigurableApplicationContext start(boolean dispatching) {
        return new SpringApplicationBuilder(BridgekeeperApplication.class).profiles("test")
                .run("--server.port=0", "--bridgekeeper.data-dir=" + dataDir,
                        "--bridgekeeper.embedded-database.clean=false",
                        "--bridgekeeper.webhooks.dispatcher.enabled=" + dispatching);
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return Api.at(port).withApiKey(Api.BOOTSTRAP_KEY);
    }
}
