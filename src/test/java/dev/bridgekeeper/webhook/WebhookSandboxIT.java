package dev.bridgekeeper.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A real link through the sandbox's pages and the sync it starts: the lender hears
 * connection.connected, then read.completed.initial and read.completed, signed, with Codat's payloads.
 */
@ApiIntegrationTest
class WebhookSandboxIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSandboxLinkAndItsFirstSyncArriveAsWebhooks() {
        Tenant tenant = Tenant.create(jdbc, port, "Webhook sandbox IT");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            WebhookTestSupport.createConsumer(tenant.api(), receiver.url(),
                    List.of("connection.connected", "read.completed.initial", "read.completed"));

            SandboxLink link = SandboxLink.create(tenant, publicUrl, "sbbk", "user_good");

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().stream()
                    .filter(WebhookReceiver.Received::succeeded).map(WebhookReceiver.Received::eventType)
                    .toList().containsAll(List.of("connection.connected", "read.completed.initial",
                            "read.completed")));

            JsonNode connected = payloadOf(receiver, "connection.connected");
            assertThat(connected.path("connection").path("id").asString()).isEqualTo(link.connectionId().toString());
            assertThat(connected.path("connection").path("status").asString()).isEqualTo("Linked");
            assertThat(connected.path("referenceCompany").path("id").asString())
                    .isEqualTo(link.companyId().toString());

            JsonNode initial = payloadOf(receiver, "read.completed.initial");
            JsonNode read = payloadOf(receiver, "read.completed");
            assertThat(read.path("dataTypes")).isEqualTo(initial.path("dataTypes"));
            List<String> dataTypes = read.path("dataTypes").valueStream().map(d -> d.path("dataType").asString())
                    .toList();
            assertThat(dataTypes).contains("banking-accounts", "banking-transactions");
            read.path("dataTypes").valueStream().forEach(d -> {
                assertThat(d.path("connectionId").asString()).isEqualTo(link.connectionId().toString());
                assertThat(d.path("status").asString()).isEqualTo("Complete");
                assertThat(d.path("recordsModified").isBoolean()).isTrue();
            });
            assertThat(read.path("dataTypes").valueStream().anyMatch(d -> d.path("recordsModified").asBoolean()))
                    .as("a first sync adds records").isTrue();
            // a first read is a full read: no lower bound, and Codat's field is there, null
            assertThat(read.has("modifiedFromDate")).isTrue();
            assertThat(read.path("modifiedFromDate").isNull()).isTrue();

            // a refresh reads only what changed since the last pull: that time is the read's modifiedFromDate
            Instant firstReadDone = Instant.parse(receiver.received("read.completed").get(0).json()
                    .path("generatedDate").asString());
            assertThat(tenant.api().post(link.companyPath() + "/data/queue/banking-accounts", null).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received("read.completed").size() >= 2);
            JsonNode refresh = receiver.received("read.completed").get(1).json().path("payload");
            assertThat(refresh.path("dataTypes").valueStream().map(d -> d.path("dataType").asString()))
                    .containsExactly("banking-accounts");
            Instant modifiedFrom = Instant.parse(refresh.path("modifiedFromDate").asString());
            assertThat(modifiedFrom).isBefore(firstReadDone.plusSeconds(1))
                    .isAfter(firstReadDone.minus(Duration.ofMinutes(2)));
        }
    }

    private static JsonNode payloadOf(WebhookReceiver receiver, String eventType) {
        return receiver.received().stream().filter(r -> r.succeeded() && eventType.equals(r.eventType()))
                .findFirst().orElseThrow().json().path("payload");
    }
}
