package dev.bridgekeeper.webhook.internal;

import java.time.Instant;
import java.util.UUID;

/** The body of every webhook, as in Codat's Webhooks.json: {@code {id, eventType, generatedDate, payload}}. */
record WebhookEnvelope(UUID id, String eventType, Instant generatedDate, Object payload) {}
