package dev.bridgekeeper.webhook;

import static dev.bridgekeeper.webhook.WebhookTestSupport.attempts;
import static dev.bridgekeeper.webhook.WebhookTestSupport.consumer;
import static dev.bridgekeeper.webhook.WebhookTestSupport.createCompany;
import static dev.bridgekeeper.webhook.WebhookTestSupport.createConsumer;
import static dev.bridgekeeper.webhook.WebhookTestSupport.messages;
import static dev.bridgekeeper.webhook.WebhookTestSupport.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.Tenant;
import dev.bridgekeeper.webhook.WebhookReceiver.Answer;
import dev.bridgekeeper.webhook.WebhookReceiver.Received;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Webhooks end to end: real events, the real dispatcher and real HTTP receivers on 127.0.0.1. */
@ApiIntegrationTest
class WebhookDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> CONNECTION_EVENTS = List.of("connection.created", "connection.connected",
            "connection.disconnected", "connection.reconnected", "connection.failed", "connection.deleted");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionManagement connections;

    @Autowired
    TransactionTemplate transactions;

    Tenant tenant;
    Api api;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(jdbc, port, "Webhooks " + UUID.randomUUID());
        api = tenant.api();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void signaturesVerifyWithTheOfficialLibraryAndAsHmacOfIdTimestampAndBody() throws Exception {
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        String secret = secret(api, consumerId);
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{32}");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(24);

        long before = Instant.now().getEpochSecond();
        String companyId = createCompany(api, "Signed Ltd", Map.of("region", "uk"));
        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        Received webhook = receiver.received().get(0);

        assertThat(webhook.header("content-type")).startsWith("application/json");
        assertThatCode(() -> new Webhook(secret).verify(webhook.body(), webhook.httpHeaders()))
                .as("the Standard Webhooks Java verifier accepts it").doesNotThrowAnyException();

        // the same signature, computed by hand: base64(HMAC-SHA256(secret bytes, "id.timestamp.body"))
        String id = webhook.header("webhook-id");
        String timestamp = webhook.header("webhook-timestamp");
        assertThat(Long.parseLong(timestamp)).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                hmac.doFinal((id + "." + timestamp + "." + webhook.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(webhook.header("webhook-signature")).isEqualTo(expected);

        // a tampered body or another secret does not verify
        assertThatCode(() -> new Webhook(secret).verify(webhook.body().replace("Signed", "Forged"),
                webhook.httpHeaders())).isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);

        // the envelope: Codat's {id, eventType, generatedDate, payload}, payload = the company's details
        JsonNode envelope = webhook.json();
        assertThat(envelope.propertyNames()).containsExactly("id", "eventType", "generatedDate", "payload");
        assertThat(envelope.path("id").asString()).isEqualTo(id);
        assertThat(envelope.path("eventType").asString()).isEqualTo("company.created");
        assertThat(Instant.parse(envelope.path("generatedDate").asString())).isBetween(
                Instant.ofEpochSecond(before - 1), Instant.now());
        ObjectNode company = (ObjectNode) api.get("/companies/" + companyId).json();
        company.remove("dataConnections");
        assertThat(envelope.path("payload")).isEqualTo(company);
    }

    @Test
    void connectionEventsCarryTheReferenceCompanyAndTheWholeConnection() {
        createConsumer(api, receiver.url(), CONNECTION_EVENTS);
        String companyId = createCompany(api, "Connected Ltd", Map.of("segment", "sme"));
        Api.Response created = api.post("/companies/" + companyId + "/connections", "{\"platformKey\":\"sbac\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        ConnectionId connectionId = ConnectionId.of(created.json().path("id").asString());
        CompanyId company = CompanyId.of(companyId);
        ClientId client = ClientId.of(tenant.clientId());

        // connection.failed is for a connection that is not working: a Linked one's failed re-authorisation sends none
        connections.recordFailure(client, company, connectionId, "400", "Bad Request", "Cancelled");
        connections.markLinked(client, company, connectionId, Map.of("orgId", "sandbox-1"));
        Api.Response unlinked = api.patch("/companies/" + companyId + "/connections/" + connectionId,
                "{\"status\":\"Unlinked\"}");
        assertThat(unlinked.status()).as(unlinked.toString()).isEqualTo(200);
        connections.markLinked(client, company, connectionId, Map.of("orgId", "sandbox-1"));
        JsonNode lastState = api.get("/companies/" + companyId + "/connections/" + connectionId).json();
        assertThat(api.delete("/companies/" + companyId + "/connections/" + connectionId).status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> receiver.received().size() == 6);
        List<Received> received = receiver.received().stream()
                .sorted(java.util.Comparator.comparing(r -> r.json().path("generatedDate").asString())).toList();
        assertThat(received.stream().map(Received::eventType).toList()).containsExactlyInAnyOrderElementsOf(
                CONNECTION_EVENTS);

        JsonNode reference = JsonNodeOf("{\"id\":\"" + companyId + "\",\"name\":\"Connected Ltd\","
                + "\"tags\":{\"segment\":\"sme\"}}");
        for (Received webhook : received) {
            JsonNode payload = webhook.json().path("payload");
            assertThat(payload.propertyNames()).containsExactly("referenceCompany", "connection");
            assertThat(payload.path("referenceCompany")).isEqualTo(reference);
            assertThat(payload.path("connection").path("id").asString()).isEqualTo(connectionId.toString());
        }
        assertThat(receiver.received("connection.created").get(0).json().path("payload").path("connection"))
                .as("connection.created carries the connection exactly as the API showed it")
                .isEqualTo(created.json());
        assertThat(status(receiver.received("connection.connected").get(0))).isEqualTo("Linked");
        assertThat(status(receiver.received("connection.disconnected").get(0))).isEqualTo("Unlinked");
        assertThat(status(receiver.received("connection.reconnected").get(0))).isEqualTo("Linked");
        assertThat(receiver.received("connection.failed").get(0).json().path("payload").path("connection")
                .path("dataConnectionErrors").get(0).path("errorMessage").asString()).isEqualTo("Cancelled");
        assertThat(receiver.received("connection.deleted").get(0).json().path("payload").path("connection"))
                .as("connection.deleted carries the connection as it was just before it went")
                .isEqualTo(lastState);
    }

    @Test
    void productsAssignedAndTakenOffAreCodatsCompanyProductEvents() {
        createConsumer(api, receiver.url(), List.of("company.product.added", "company.product.removed"));
        String companyId = createCompany(api, "Product Ltd", Map.of());
        assertThat(api.put("/companies/" + companyId + "/products/onboarding", null).status()).isEqualTo(204);
        assertThat(api.put("/companies/" + companyId + "/products/lending", null).status()).isEqualTo(204);
        // assigning a product the company already has changes nothing and says nothing
        assertThat(api.put("/companies/" + companyId + "/products/lending", null).status()).isEqualTo(204);
        assertThat(api.delete("/companies/" + companyId + "/products/onboarding").status()).isEqualTo(204);

        await().atMost(WAIT).until(() -> receiver.received().size() >= 3);
        List<JsonNode> events = receiver.received().stream().map(Received::json)
                .sorted(java.util.Comparator.comparing(e -> e.path("generatedDate").asString())).toList();
        assertThat(events).extracting(e -> e.path("eventType").asString())
                .containsExactly("company.product.added", "company.product.added", "company.product.removed");
        assertThat(events.get(1).path("payload")).isEqualTo(WebhookTestSupport.JSON.readTree("{\"id\":\""
                + companyId + "\",\"name\":\"Product Ltd\",\"description\":null,\"productId\":\"lending\","
                + "\"productName\":\"Lending\",\"products\":[\"onboarding\",\"lending\"]}"));
        assertThat(events.get(2).path("payload").path("productId").asString()).isEqualTo("onboarding");
        assertThat(events.get(2).path("payload").path("productName").asString()).isEqualTo("Onboarding");
        assertThat(events.get(2).path("payload").path("products")).containsExactly(
                WebhookTestSupport.JSON.readTree("\"lending\""));
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void aReceiverFailingThreeTimesGetsItsDeliveryOnTheFourthAttemptAtTheScheduledOffsets() {
        AtomicInteger calls = new AtomicInteger();
        String failure = "boom-" + "x".repeat(3000);
        receiver.answering(request -> calls.incrementAndGet() <= 3 ? new Answer(500, Map.of(), failure)
                : new Answer(200, Map.of(), "thanks"));
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        createCompany(api, "Eventually Ltd", null);

        await().atMost(WAIT).until(() -> receiver.received().size() == 4);
        List<Received> received = receiver.received();
        assertThat(received.stream().map(Received::webhookId).distinct()).as("one message, four tries").hasSize(1);
        assertThat(received.stream().map(Received::answeredWith).toList()).containsExactly(500, 500, 500, 200);
        // schedule 0s,1s,1s,1s…: each retry comes one second after the failure before it, give or take a poll
        for (int i = 1; i < 4; i++) {
            Duration gap = Duration.between(received.get(i - 1).at(), received.get(i).at());
            assertThat(gap).as("gap before attempt %d", i + 1).isBetween(Duration.ofMillis(990),
                    Duration.ofMillis(2500));
        }

        String messageId = received.get(0).webhookId();
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(api, consumerId).get(0).path("status").asString())
                .isEqualTo("Succeeded"));
        JsonNode message = messages(api, consumerId).get(0);
        assertThat(message.path("id").asString()).isEqualTo(messageId);
        assertThat(message.path("eventType").asString()).isEqualTo("company.created");
        assertThat(message.path("attempts").asInt()).isEqualTo(4);
        assertThat(message.has("nextAttemptDate")).isFalse();

        List<JsonNode> attempts = attempts(api, consumerId, messageId);
        assertThat(attempts.stream().map(a -> a.path("statusCode").asInt()).toList()).containsExactly(500, 500, 500,
                200);
        assertThat(attempts.stream().map(a -> a.path("attempt").asInt()).toList()).containsExactly(1, 2, 3, 4);
        assertThat(attempts.get(0).path("responseBody").asString()).startsWith("boom-").hasSize(1024);
        assertThat(attempts.get(3).path("responseBody").asString()).isEqualTo("thanks");
        assertThat(attempts.get(3).path("url").asString()).isEqualTo(receiver.url());
        attempts.forEach(a -> assertThat(a.path("durationMs").asInt()).isBetween(0, 5000));
        for (int i = 1; i < 4; i++) {
            Duration gap = Duration.between(Instant.parse(attempts.get(i - 1).path("timestamp").asString()),
                    Instant.parse(attempts.get(i).path("timestamp").asString()));
            assertThat(gap).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2500));
        }
    }

    @Test
    void goneDisablesTheConsumerAndStopsItsRetries() {
        receiver.answering(request -> Answer.status(410));
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        createCompany(api, "Gone Ltd", null);

        await().atMost(WAIT).untilAsserted(() -> assertThat(consumer(api, consumerId).path("disabled").asBoolean())
                .isTrue());
        JsonNode message = messages(api, consumerId).get(0);
        assertThat(message.path("status").asString()).isEqualTo("Failed");
        assertThat(attempts(api, consumerId, message.path("id").asString()).stream()
                .map(a -> a.path("statusCode").asInt()).toList()).containsExactly(410);

        createCompany(api, "After Gone Ltd", null);
        assertThat(messages(api, consumerId)).as("a disabled consumer is not queued for").hasSize(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void anEndpointFailingWithoutABreakForTheDisableAfterPeriodIsDisabled() {
        receiver.answering(request -> Answer.status(500));
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        // its run of failures began six days ago (disable-after is five)
        jdbc.update("update webhook_consumer set failing_since_utc = now() - interval '6 days' where id = ?",
                UUID.fromString(consumerId));
        createCompany(api, "Still Failing Ltd", null);

        await().atMost(WAIT).untilAsserted(() -> assertThat(consumer(api, consumerId).path("disabled").asBoolean())
                .isTrue());
        assertThat(receiver.received()).hasSize(1);
        assertThat(jdbc.queryForObject("select disabled_reason from webhook_consumer where id = ?", String.class,
                UUID.fromString(consumerId))).startsWith("Every attempt since").contains("HTTP 500");
        assertThat(messages(api, consumerId).get(0).path("status").asString())
                .as("the delivery keeps its place and resumes if the consumer is enabled").isEqualTo("Pending");

        receiver.answering(request -> Answer.status(200));
        assertThat(api.post("/webhooks/" + consumerId + "/enable", null).status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(api, consumerId).get(0).path("status")
                .asString()).isEqualTo("Succeeded"));
        assertThat(jdbc.queryForObject("select failing_since_utc is null from webhook_consumer where id = ?",
                Boolean.class, UUID.fromString(consumerId))).isTrue();
    }

    @Test
    void retryAfterPostponesTheNextAttempt() {
        AtomicInteger calls = new AtomicInteger();
        receiver.answering(request -> calls.incrementAndGet() == 1
                ? new Answer(503, Map.of("Retry-After", "3"), "busy") : Answer.status(204));
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        createCompany(api, "Patient Ltd", null);

        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        Duration gap = Duration.between(receiver.received().get(0).at(), receiver.received().get(1).at());
        assertThat(gap).as("Retry-After: 3 wins over the schedule's 1 s").isBetween(Duration.ofMillis(2990),
                Duration.ofMillis(4500));
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(api, consumerId).get(0).path("status").asString())
                .isEqualTo("Succeeded"));
    }

    @Test
    void companyTagsSendOnlyMessagesOfCompaniesWithAMatchingTag() {
        try (WebhookReceiver uk = WebhookReceiver.start(); WebhookReceiver usOrGold = WebhookReceiver.start()) {
            String ukId = createConsumer(api, uk.url(), List.of("company.created"), List.of("region:uk"), null)
                    .path("id").asString();
            JsonNode both = createConsumer(api, usOrGold.url(), List.of("company.created"),
                    List.of("region:us", "tier:gold"), null);
            assertThat(both.path("companyTags").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("region:us", "tier:gold");
            String allId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();

            String british = createCompany(api, "British Ltd", Map.of("region", "uk"));
            String golden = createCompany(api, "Golden Ltd", Map.of("tier", "gold", "region", "fr"));
            createCompany(api, "Untagged Ltd", null);
            createCompany(api, "Shouting Ltd", Map.of("region", "UK"));

            await().atMost(WAIT).until(() -> receiver.received().size() == 4);
            await().atMost(WAIT).until(() -> uk.received().size() == 1 && usOrGold.received().size() == 1);
            assertThat(uk.received().get(0).json().path("payload").path("id").asString()).isEqualTo(british);
            assertThat(usOrGold.received().get(0).json().path("payload").path("id").asString()).isEqualTo(golden);
            assertThat(messages(api, ukId)).as("tags are case-sensitive; nothing else was queued").hasSize(1);
            assertThat(messages(api, allId)).hasSize(4);
        }
    }

    @Test
    void onlySubscribedEventTypesAreSent() {
        String consumerId = createConsumer(api, receiver.url(), List.of("company.deleted")).path("id").asString();
        String companyId = createCompany(api, "Short-lived Ltd", null);
        assertThat(api.delete("/companies/" + companyId).status()).isEqualTo(204);

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        Received deleted = receiver.received().get(0);
        assertThat(deleted.eventType()).isEqualTo("company.deleted");
        assertThat(deleted.json().path("payload").path("id").asString()).isEqualTo(companyId);
        assertThat(deleted.json().path("payload").path("name").asString()).isEqualTo("Short-lived Ltd");
        assertThat(messages(api, consumerId)).hasSize(1);
    }

    @Test
    void aDisabledConsumerGetsNothingUntilItIsEnabled() {
        try (WebhookReceiver control = WebhookReceiver.start()) {
            String offId = createConsumer(api, receiver.url(), List.of("company.created"), null, true)
                    .path("id").asString();
            assertThat(consumer(api, offId).path("disabled").asBoolean()).isTrue();
            createConsumer(api, control.url(), List.of("company.created"));

            createCompany(api, "While Disabled Ltd", null);
            await().atMost(WAIT).until(() -> control.received().size() == 1);
            assertThat(messages(api, offId)).isEmpty();

            Api.Response enabled = api.post("/webhooks/" + offId + "/enable", null);
            assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
            assertThat(enabled.json().path("disabled").asBoolean()).isFalse();
            String afterId = createCompany(api, "After Enable Ltd", null);
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).json().path("payload").path("id").asString()).isEqualTo(afterId);

            assertThat(api.post("/webhooks/" + offId + "/disable", null).json().path("disabled").asBoolean()).isTrue();
            createCompany(api, "Disabled Again Ltd", null);
            await().atMost(WAIT).until(() -> control.received().size() == 3);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void duringARotationBothSecretsSignAndEachSignatureVerifies() throws Exception {
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        String old = secret(api, consumerId);
        Api.Response rotated = api.post("/webhooks/" + consumerId + "/secret/rotate", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.json().path("key").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(secret(api, consumerId)).isEqualTo(fresh);

        createCompany(api, "Rotated Ltd", null);
        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        Received webhook = receiver.received().get(0);
        String[] signatures = webhook.header("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(fresh).verify(webhook.body(), webhook.httpHeaders());
        new Webhook(old).verify(webhook.body(), webhook.httpHeaders());
        // each signature on its own belongs to one secret
        for (int i = 0; i < 2; i++) {
            Map<String, List<String>> single = new java.util.TreeMap<>(webhook.headers());
            single.put("webhook-signature", List.of(signatures[i]));
            new Webhook(i == 0 ? fresh : old).verify(webhook.body(), java.net.http.HttpHeaders.of(single, (a, b) -> true));
        }
    }

    @Test
    void aStateChangeThatRollsBackLeavesNoMessage() {
        String consumerId = createConsumer(api, receiver.url(), List.of("connection.created")).path("id").asString();
        String companyId = createCompany(api, "One Ledger Ltd", null);
        assertThat(api.post("/companies/" + companyId + "/connections", "{\"platformKey\":\"sbac\"}").status())
                .isEqualTo(200);
        Api.Response second = api.post("/companies/" + companyId + "/connections", "{\"platformKey\":\"sbac\"}");
        assertThat(second.status()).as("a second accounting connection is refused").isEqualTo(409);

        // a change that did publish its event, then rolled back: the message goes with it
        String otherCompany = createCompany(api, "Rolled Back Ltd", null);
        String[] attempted = new String[1];
        transactions.executeWithoutResult(status -> {
            attempted[0] = connections.create(ClientId.of(tenant.clientId()), CompanyId.of(otherCompany), "sbbk").id()
                    .toString();
            status.setRollbackOnly();
        });
        assertThat(api.get("/companies/" + otherCompany + "/connections").json().path("totalResults").asInt())
                .isZero();

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        assertThat(messages(api, consumerId)).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from webhook_message where body like ?", Integer.class,
                "%" + attempted[0] + "%")).isZero();
        assertThat(receiver.received().get(0).json().path("payload").path("connection").path("id").asString())
                .isNotEqualTo(attempted[0]);
    }

    @Test
    void resendAndReplaySendAgainWithTheSameWebhookIds() {
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        Instant start = Instant.now().minusSeconds(1);
        createCompany(api, "First Ltd", null);
        createCompany(api, "Second Ltd", null);
        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        List<String> ids = receiver.received().stream().map(Received::webhookId).toList();

        Api.Response resent = api.post("/webhooks/" + consumerId + "/messages/" + ids.get(0) + "/resend", null);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        assertThat(resent.json().path("id").asString()).isEqualTo(ids.get(0));
        await().atMost(WAIT).until(() -> receiver.received().size() == 3);
        assertThat(receiver.received().get(2).webhookId()).isEqualTo(ids.get(0));
        await().atMost(WAIT).until(() -> attempts(api, consumerId, ids.get(0)).size() == 2);

        Api.Response replayed = api.post("/webhooks/" + consumerId + "/replay", "{\"since\":\"" + start + "\"}");
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
        assertThat(replayed.json().path("messages").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> receiver.received().size() == 5);
        assertThat(receiver.received().subList(3, 5).stream().map(Received::webhookId).toList())
                .containsExactlyInAnyOrderElementsOf(ids);

        Api.Response nothing = api.post("/webhooks/" + consumerId + "/replay",
                "{\"since\":\"" + Instant.now().plusSeconds(60) + "\"}");
        assertThat(nothing.json().path("messages").asInt()).isZero();
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() {
        try (WebhookReceiver elsewhere = WebhookReceiver.start()) {
            receiver.answering(request -> new Answer(302, Map.of("Location", elsewhere.url("/stolen")), ""));
            String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
            createCompany(api, "Redirected Ltd", null);

            await().atMost(WAIT).until(() -> receiver.received().size() >= 2);
            String messageId = receiver.received().get(0).webhookId();
            JsonNode first = attempts(api, consumerId, messageId).get(0);
            assertThat(first.path("statusCode").asInt()).isEqualTo(302);
            assertThat(first.path("error").asString()).contains("Redirect to " + elsewhere.url("/stolen"))
                    .contains("not followed");
            assertThat(elsewhere.received()).isEmpty();
            assertThat(messages(api, consumerId).get(0).path("status").asString()).isEqualTo("Pending");
        }
    }

    @Test
    void anAddressOutsideTheAllowListIsRefusedAtSendTimeWithoutConnecting() throws Exception {
        // the consumer was created for 127.0.0.1 (allowed); by the time of sending its address is the IPv6
        // loopback, which the test allow list (127.0.0.0/8) does not cover, as after a DNS or config change
        String consumerId = createConsumer(api, receiver.url(), List.of("company.created")).path("id").asString();
        com.sun.net.httpserver.HttpServer v6 = null;
        int v6Port = 9;
        AtomicInteger v6Calls = new AtomicInteger();
        try {
            v6 = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 8);
            v6.createContext("/", exchange -> {
                v6Calls.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            v6.start();
            v6Port = v6.getAddress().getPort();
        } catch (java.io.IOException noIpv6) {
            // without IPv6 on the machine the refusal is still checked; there is just no server to stay silent
        }
        try {
            jdbc.update("update webhook_consumer set url = ? where id = ?", "http://[::1]:" + v6Port + "/hooks",
                    UUID.fromString(consumerId));
            createCompany(api, "Rebound Ltd", null);
            await().atMost(WAIT).until(() -> !messages(api, consumerId).isEmpty()
                    && !attempts(api, consumerId, messages(api, consumerId).get(0).path("id").asString()).isEmpty());
            JsonNode attempt = attempts(api, consumerId, messages(api, consumerId).get(0).path("id").asString()).get(0);
            assertThat(attempt.has("statusCode")).isFalse();
            assertThat(attempt.path("error").asString()).startsWith("Refused: ::1 is a loopback address")
                    .contains("allowed-targets");
            assertThat(receiver.received()).isEmpty();
            assertThat(v6Calls).as("no connection reached the refused address").hasValue(0);
        } finally {
            if (v6 != null) {
                v6.stop(0);
            }
        }
    }

    private static String status(Received webhook) {
        return webhook.json().path("payload").path("connection").path("status").asString();
    }

    private static JsonNode JsonNodeOf(String json) {
        return WebhookTestSupport.JSON.readTree(json);
    }
}
