package dev.bridgekeeper.webhook.internal;

import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.webhook.internal.ConsumerManagement.WebhookConsumer;
import dev.bridgekeeper.webhook.internal.DeliveryLog.WebhookAttempts;
import dev.bridgekeeper.webhook.internal.DeliveryLog.WebhookMessage;
import dev.bridgekeeper.platform.error.ErrorMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /webhooks}: Codat's webhook consumer endpoints, and Bridgekeeper's extensions named after
 * Svix's (secret, rotation, enable/disable, messages, attempts, resend, replay). API keys only.
 */
@RestController
@Tag(name = "Webhooks")
class WebhookController {

    private final ConsumerManagement consumers;
    private final DeliveryLog log;

    WebhookController(ConsumerManagement consumers, DeliveryLog log) {
        this.consumers = consumers;
        this.log = log;
    }

    record WebhookConsumers(List<WebhookConsumer> results) {}

    record CreateWebhookConsumer(String url, Boolean disabled, List<String> eventTypes, List<String> companyTags) {}

    record WebhookSecret(String key) {}

    record ReplayRequest(String since) {}

    /** How many messages were queued again. */
    record ReplayResult(Instant since, int messages) {}

    @Operation(operationId = "list-webhook-consumers", summary = "List webhook consumers")
    @GetMapping("/webhooks")
    WebhookConsumers list() {
        return new WebhookConsumers(consumers.list(Caller.current().clientId()));
    }

    @Operation(operationId = "create-webhook-consumer", summary = "Create webhook consumer",
            description = "Subscribes a URL to event types, optionally only for companies with one of the given"
                    + " tags (\"key:value\"). At most 50 consumers per client. Each consumer gets its own signing"
                    + " secret; read it with GET /webhooks/{webhookId}/secret.")
    @PostMapping("/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "The client already has the most consumers allowed (50).",
            content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    WebhookConsumer create(@RequestBody CreateWebhookConsumer body) {
        return consumers.create(Caller.current().clientId(), body.url(), body.disabled(), body.eventTypes(),
                body.companyTags());
    }

    @Operation(operationId = "delete-webhook-consumer", summary = "Delete webhook consumer")
    @DeleteMapping("/webhooks/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID webhookId) {
        consumers.delete(Caller.current().clientId(), webhookId);
    }

    @Operation(operationId = "get-webhook-consumer-secret", summary = "Get the signing secret",
            description = "The whsec_ secret that signs this consumer's webhooks (Standard Webhooks).")
    @GetMapping("/webhooks/{webhookId}/secret")
    WebhookSecret secret(@PathVariable UUID webhookId) {
        return new WebhookSecret(consumers.secret(Caller.current().clientId(), webhookId));
    }

    @Operation(operationId = "rotate-webhook-consumer-secret", summary = "Rotate the signing secret",
            description = "Replaces the secret and answers with the new one. For the configured overlap (24 hours by"
                    + " default) webhooks carry a signature with each secret, space-separated in webhook-signature.")
    @PostMapping("/webhooks/{webhookId}/secret/rotate")
    WebhookSecret rotate(@PathVariable UUID webhookId) {
        return new WebhookSecret(consumers.rotateSecret(Caller.current().clientId(), webhookId));
    }

    @Operation(operationId = "enable-webhook-consumer", summary = "Enable webhook consumer",
            description = "Its pending messages are sent again, and new events reach it.")
    @PostMapping("/webhooks/{webhookId}/enable")
    WebhookConsumer enable(@PathVariable UUID webhookId) {
        return consumers.setDisabled(Caller.current().clientId(), webhookId, false);
    }

    @Operation(operationId = "disable-webhook-consumer", summary = "Disable webhook consumer",
            description = "Nothing is sent to it until it is enabled; events in the meantime are not queued for it.")
    @PostMapping("/webhooks/{webhookId}/disable")
    WebhookConsumer disable(@PathVariable UUID webhookId) {
        return consumers.setDisabled(Caller.current().clientId(), webhookId, true);
    }

    @Operation(operationId = "list-webhook-messages", summary = "List messages sent to a consumer",
            description = "Newest first, each with its delivery status (Pending, Succeeded, Failed).")
    @GetMapping("/webhooks/{webhookId}/messages")
    PagedResults<WebhookMessage> messages(@PathVariable UUID webhookId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize) {
        return log.messages(Caller.current().clientId(), webhookId, PageRequest.of(page, pageSize));
    }

    @Operation(operationId = "list-webhook-message-attempts", summary = "List a message's delivery attempts",
            description = "Every attempt with its time, status code, duration and the first 1 KiB of the answer.")
    @GetMapping("/webhooks/{webhookId}/messages/{messageId}/attempts")
    WebhookAttempts attempts(@PathVariable UUID webhookId, @PathVariable UUID messageId) {
        return log.attempts(Caller.current().clientId(), webhookId, messageId);
    }

    @Operation(operationId = "resend-webhook-message", summary = "Resend a message",
            description = "Sends it again with the same webhook-id, from the start of the retry schedule.")
    @PostMapping("/webhooks/{webhookId}/messages/{messageId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    WebhookMessage resend(@PathVariable UUID webhookId, @PathVariable UUID messageId) {
        return log.resend(Caller.current().clientId(), webhookId, messageId);
    }

    @Operation(operationId = "replay-webhook-messages", summary = "Replay messages since a time",
            description = "Sends every retained message generated at or after \"since\" (an ISO 8601 instant) again.")
    @PostMapping("/webhooks/{webhookId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReplayResult replay(@PathVariable UUID webhookId, @RequestBody ReplayRequest body) {
        Instant since = parseSince(body.since());
        return new ReplayResult(since, log.replay(Caller.current().clientId(), webhookId, since));
    }

    private static Instant parseSince(String since) {
        ValidationErrors errors = new ValidationErrors();
        if (since == null || since.isBlank()) {
            errors.reject("since", "\"since\" is required: an ISO 8601 instant such as 2024-05-01T00:00:00Z.");
            errors.throwIfAny();
        }
        try {
            return Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
            errors.reject("since", "\"since\" must be an ISO 8601 instant such as 2024-05-01T00:00:00Z.");
            errors.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
    }
}
