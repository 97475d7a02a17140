package dev.bridgekeeper.webhook.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What was sent to a consumer and how each attempt went; resending one message or replaying a period. */
@Service
class DeliveryLog {

    /** A message as one consumer sees it. {@code status}: Pending, Succeeded or Failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookMessage(String id, String eventType, Instant generatedDate, String status, int attempts,
            Instant lastAttemptDate, Instant nextAttemptDate, JsonNode payload) {}

    /** One attempt: when, the answer's status code (absent when none came), how long, and why it failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookAttempt(long id, int attempt, String url, Instant timestamp, Integer statusCode, int durationMs,
            String responseBody, String error) {}

    record WebhookAttempts(List<WebhookAttempt> results) {}

    private final ConsumerManagement consumers;
    private final DeliveryStore store;
    private final WebhookPolicies policies;
    private final JsonMapper json;

    DeliveryLog(ConsumerManagement consumers, DeliveryStore store, WebhookPolicies policies, JsonMapper json) {
        this.consumers = consumers;
        this.store = store;
        this.policies = policies;
        this.json = json;
    }

    @Transactional(readOnly = true)
    PagedResults<WebhookMessage> messages(UUID clientId, UUID consumerId, PageRequest page) {
        consumers.require(clientId, consumerId);
        long total = store.countMessages(consumerId);
        List<WebhookMessage> results = total == 0 ? List.of()
                : store.messages(consumerId, page.pageSize(), page.offset()).stream().map(this::view).toList();
        return PagedResults.of(results, page, total, "/webhooks/" + consumerId + "/messages", Map.of());
    }

    @Transactional(readOnly = true)
    WebhookAttempts attempts(UUID clientId, UUID consumerId, UUID messageId) {
        requireMessage(clientId, consumerId, messageId);
        return new WebhookAttempts(store.attempts(consumerId, messageId).stream()
                .map(a -> new WebhookAttempt(a.id(), a.attempt(), a.url(), a.attempted(), a.statusCode(),
                        a.durationMs(), a.responseBody(), a.error()))
                .toList());
    }

    /** Sends the message again, with the same webhook-id, on a fresh run of the retry schedule. */
    @Transactional
    WebhookMessage resend(UUID clientId, UUID consumerId, UUID messageId) {
        requireMessage(clientId, consumerId, messageId);
        Instant now = policies.now();
        store.requeue(consumerId, messageId, now.plus(policies.schedule().first()));
        return view(store.message(consumerId, messageId).orElseThrow());
    }

    /** Sends every retained message generated since {@code since} again; returns how many. */
    @Transactional
    int replay(UUID clientId, UUID consumerId, Instant since) {
        consumers.require(clientId, consumerId);
        Instant now = policies.now();
        return store.requeueSince(consumerId, since, now.plus(policies.schedule().first()));
    }

    private DeliveryStore.MessageRow requireMessage(UUID clientId, UUID consumerId, UUID messageId) {
        consumers.require(clientId, consumerId);
        return store.message(consumerId, messageId).orElseThrow(() -> ApiException.notFound("Message " + messageId
                + " was not sent to webhook consumer " + consumerId + " (or is older than the retention period)."));
    }

    private WebhookMessage view(DeliveryStore.MessageRow row) {
        JsonNode envelope = json.readTree(row.body());
        return new WebhookMessage(row.id().toString(), row.eventType(), row.generated(), row.status(), row.attempts(),
                row.lastAttempt(), "Pending".equals(row.status()) ? row.nextAttempt() : null,
                envelope.path("payload"));
    }
}
