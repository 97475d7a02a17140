package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.SandboxLink;
import dev.bridgekeeper.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A consent's whole life as the lender hears it: granted, expiring ahead of its end, expired (and sync stops),
 * reconfirmed without a new sign-in (and sync resumes), revoked. The test product {@code quick-check} lasts 25
 * seconds with a 20-second reminder lead time and keeps data 3 seconds after a revocation
 * (application-test.yaml); the expiry job runs every second.
 */
@ApiIntegrationTest
class ConsentWebhookIT {

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void consentEventsArriveAsWebhooksAndExpiryStopsSyncUntilTheCustomerReconfirms() {
        Tenant tenant = Tenant.create(jdbc, port, "Consent webhooks IT");
        Api api = tenant.api();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            WebhookTestSupport.createConsumer(api, receiver.url(), List.of("consent.granted", "consent.expiring",
                    "consent.expired", "consent.revoked"));
            String company = api.post("/companies", "{\"name\":\"Quick Co\"}").json().path("id").asString();
            String base = "/companies/" + company;
            assertThat(api.put(base + "/products/quick-check", null).status()).isEqualTo(204);
            JsonNode granted = api.post(base + "/consents",
                    "{\"productIdentifier\":\"quick-check\",\"sourceType\":\"Banking\"}").json();
            String consentId = granted.path("id").asString();
            SandboxLink bank = SandboxLink.linkAnother(tenant, UUID.fromString(company), publicUrl, "sbbk",
                    "user_good");
            assertThat(api.post(base + "/data/queue/banking-accounts", null).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received("consent.expiring").isEmpty());
            await().atMost(Duration.ofSeconds(40)).until(() -> !receiver.received("consent.expired").isEmpty());
            JsonNode grantedEvent = payload(receiver, "consent.granted");
            assertThat(grantedEvent.path("consent").path("id").asString()).isEqualTo(consentId);
            assertThat(grantedEvent.path("consent").path("status").asString()).isEqualTo("Active");
            assertThat(grantedEvent.path("referenceCompany").path("id").asString()).isEqualTo(company);
            assertThat(payload(receiver, "consent.expiring").path("consent").path("expiresAt").asString())
                    .isEqualTo(granted.path("expiresAt").asString());
            assertThat(payload(receiver, "consent.expired").path("consent").path("status").asString())
                    .isEqualTo("Expired");
            assertThat(receiver.received("consent.expiring")).as("reminded once").hasSize(1);

            // expired: the connection stays Linked but its data types no longer sync
            assertThat(api.get(bank.connectionPath()).json().path("status").asString()).isEqualTo("Linked");
            assertError(api.post(base + "/data/queue/banking-accounts", null), 404);

            // reconfirmed: the same record is extended, its history kept, and sync resumes without a sign-in
            Instant before = Instant.now();
            Api.Response reconfirmed = api.post(base + "/consents/" + consentId + "/reconfirm", null);
            assertThat(reconfirmed.status()).as(reconfirmed.toString()).isEqualTo(200);
            JsonNode record = reconfirmed.json();
            assertThat(record.path("id").asString()).isEqualTo(consentId);
            assertThat(record.path("status").asString()).isEqualTo("Active");
            assertThat(record.path("grantedAt").asString()).isEqualTo(granted.path("grantedAt").asString());
            assertThat(Instant.parse(record.path("expiresAt").asString())).isAfter(before.plusSeconds(20));
            JsonNode history = record.path("reconfirmations");
            assertThat(history.size()).isEqualTo(1);
            assertThat(history.get(0).path("previousExpiresAt").asString())
                    .isEqualTo(granted.path("expiresAt").asString());
            assertThat(history.get(0).path("channel").asString()).isEqualTo("Api");
            String synced = api.post(base + "/data/queue/banking-accounts", null).json().path("id").asString();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get(base + "/data/history/" + synced).json()
                    .path("status").asString().equals("Complete"));

            // revoked: the data stays for the product's retention (3 s here), then the expiry job deletes it
            String accounts = bank.connectionPath() + "/data/banking-accounts";
            Api.Response revoked = api.post(base + "/consents/" + consentId + "/revoke", null);
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
            assertThat(api.get(accounts).json().path("totalResults").asInt()).isPositive();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(accounts).json().path("totalResults")
                    .asInt() == 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received("consent.revoked").isEmpty());
            JsonNode revokedEvent = payload(receiver, "consent.revoked");
            assertThat(revokedEvent.path("consent").path("status").asString()).isEqualTo("Revoked");
            assertThat(api.get(bank.connectionPath()).json().path("status").asString())
                    .as("no active consent left: unlinked").isEqualTo("Unlinked");
            assertThat(api.get(base + "/consents/audit").json().path("results").valueStream()
                    .map(e -> e.path("eventType").asString()).toList())
                    // (a second consent.expiring may fall between reconfirmation and revocation: 5 s window)
                    .containsSubsequence("consent.granted", "consent.expiring", "consent.expired",
                            "consent.reconfirmed", "consent.revoked", "consent.data.deleted")
                    .endsWith("consent.data.deleted");
        }
    }

    private static JsonNode payload(WebhookReceiver receiver, String eventType) {
        return receiver.received(eventType).get(0).json().path("payload");
    }
}
