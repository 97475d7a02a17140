package dev.bridgekeeper.webhook.internal;

import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an attempt and applies its consequences in one transaction: the attempt log row, the
 * delivery's next state from the {@link RetrySchedule}, and the consumer's health from
 * {@link EndpointHealth}.
 */
@Service
class AttemptLedger {

    private static final Logger log = LoggerFactory.getLogger(AttemptLedger.class);

    private final ConsumerStore consumers;
    private final DeliveryStore deliveries;
    private final WebhookPolicies policies;

    AttemptLedger(ConsumerStore consumers, DeliveryStore deliveries, WebhookPolicies policies) {
        this.consumers = consumers;
        this.deliveries = deliveries;
        this.policies = policies;
    }

    @Transactional
    void record(DeliveryStore.Claimed claimed, Instant attemptedAt, AttemptOutcome outcome) {
        // read without a lock: most attempts change nothing about the endpoint's health, and locking the
        // consumer row for every attempt made all senders of all instances queue on one endpoint
        Optional<ConsumerRow> found = consumers.findById(claimed.consumerId());
        if (found.isEmpty()) {
            return; // deleted while the attempt was in flight; its deliveries went with it
        }
        ConsumerRow consumer = found.get();
        int attempt = claimed.attemptsMade() + 1;
        Instant now = policies.now();
        String status;
        Instant next = null;
        if (outcome.succeeded()) {
            status = "Succeeded";
        } else if (outcome.gone()) {
            status = "Failed";
        } else {
            Optional<java.time.Duration> delay = policies.schedule().afterFailure(attempt, outcome.retryAfter());
            status = delay.isPresent() ? "Pending" : "Failed";
            next = delay.map(now::plus).orElse(null);
        }
        if (!deliveries.settle(claimed, status, attempt, attemptedAt, next)) {
            // our lease ran out (or the message was resent meanwhile): log the attempt, leave the state alone
            log.info("Webhook {} to consumer {}: attempt finished after its lease; not changing the delivery",
                    claimed.messageId(), claimed.consumerId());
            if (deliveries.message(claimed.consumerId(), claimed.messageId()).isEmpty()) {
                return;
            }
        }
        deliveries.insertAttempt(claimed.consumerId(), claimed.messageId(), attempt, claimed.url(), attemptedAt,
                outcome);

        EndpointHealth.Verdict seen = policies.health().after(consumer.failingSince(), outcome, now);
        if (!(seen.disable() && !consumer.disabled())
                && java.util.Objects.equals(seen.failingSince(), consumer.failingSince())) {
            return; // health unchanged
        }
        // a change: lock the row and decide again on what it holds now, so concurrent senders agree
        Optional<ConsumerRow> locked = consumers.lockById(claimed.consumerId());
        if (locked.isEmpty()) {
            return;
        }
        consumer = locked.get();
        EndpointHealth.Verdict verdict = policies.health().after(consumer.failingSince(), outcome, now);
        if (verdict.disable() && !consumer.disabled()) {
            consumers.setDisabled(consumer.id(), true, verdict.disableReason());
            log.warn("Webhook consumer {} of client {} ({}) disabled: {}", consumer.id(), consumer.clientId(),
                    consumer.url(), verdict.disableReason());
        } else if (!java.util.Objects.equals(verdict.failingSince(), consumer.failingSince())) {
            consumers.setFailingSince(consumer.id(), verdict.failingSince());
        }
    }
}
