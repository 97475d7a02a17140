package dev.bridgekeeper.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records attempts and applies their consequences in one transaction: the attempt log rows, each
 * delivery's next state from the {@link RetrySchedule}, and the consumers' health from
 * {@link EndpointHealth}. {@link #recordAll} takes a batch (the usual path, from the
 * {@link AttemptRecorder}); {@link #record} takes one, for a batch that failed.
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

    /** The delivery's next state after an attempt, from the {@link RetrySchedule}. */
    record Settlement(String status, int attempts, Instant nextAttempt) {}

    Settlement settlement(DeliveryStore.Claimed claimed, AttemptOutcome outcome, Instant now) {
        int attempt = claimed.attemptsMade() + 1;
        if (outcome.succeeded()) {
            return new Settlement("Succeeded", attempt, null);
        }
        if (outcome.gone()) {
            return new Settlement("Failed", attempt, null);
        }
        Optional<Duration> delay = policies.schedule().afterFailure(attempt, outcome.retryAfter());
        return new Settlement(delay.isPresent() ? "Pending" : "Failed", attempt, delay.map(now::plus).orElse(null));
    }

    /**
     * Records a batch of attempts in one transaction: one read of the consumers' health, the fenced
     * settle updates and the attempt rows as JDBC batches, and per consumer one health change at most,
     * worked out from its attempts in the order they were made. Throws if any row fails (e.g. its
     * delivery was deleted meanwhile); the caller then records the batch one by one.
     */
    @Transactional
    void recordAll(List<AttemptRecorder.Recorded> batch) {
        Instant now = policies.now();
        Map<UUID, ConsumerStore.Health> health = consumers.health(
                batch.stream().map(r -> r.claimed().consumerId()).distinct().toList());
        // a consumer deleted while its attempts were in flight took its deliveries with it
        List<AttemptRecorder.Recorded> kept = batch.stream()
                .filter(r -> health.containsKey(r.claimed().consumerId()))
                .toList();
        if (kept.isEmpty()) {
            return;
        }
        List<Settlement> settlements = kept.stream().map(r -> settlement(r.claimed(), r.outcome(), now)).toList();
        boolean[] settled = deliveries.settleAll(kept, settlements);
        for (int i = 0; i < kept.size(); i++) {
            if (!settled[i]) {
                // our lease ran out (or the message was resent meanwhile): log the attempt, leave the state alone
                log.info("Webhook {} to consumer {}: attempt finished after its lease; not changing the delivery",
                        kept.get(i).claimed().messageId(), kept.get(i).claimed().consumerId());
            }
        }
        deliveries.insertAttempts(kept, settlements);

        Map<UUID, List<AttemptOutcome>> byConsumer = new LinkedHashMap<>();
        kept.stream().sorted(Comparator.comparing(AttemptRecorder.Recorded::attemptedAt))
                .forEach(r -> byConsumer.computeIfAbsent(r.claimed().consumerId(), id -> new ArrayList<>())
                        .add(r.outcome()));
        byConsumer.forEach((consumerId, outcomes) -> {
            ConsumerStore.Health seen = health.get(consumerId);
            if (after(seen, outcomes, now).equals(seen)) {
                return; // health unchanged: the common case, no lock
            }
            // a change: lock the row and decide again on what it holds now, so concurrent recorders agree
            consumers.lockById(consumerId).ifPresent(consumer -> {
                ConsumerStore.Health current = new ConsumerStore.Health(consumer.disabled(), consumer.failingSince());
                ConsumerStore.Health next = after(current, outcomes, now);
                if (next.disabled() && !current.disabled()) {
                    String reason = disableReason(current, outcomes, now);
                    consumers.setDisabled(consumerId, true, reason);
                    log.warn("Webhook consumer {} of client {} ({}) disabled: {}", consumerId, consumer.clientId(),
                            consumer.url(), reason);
                }
                if (!Objects.equals(next.failingSince(), current.failingSince())) {
                    consumers.setFailingSince(consumerId, next.failingSince());
                }
            });
        });
    }

    /** The consumer's health after its attempts, applied one at a time. */
    private ConsumerStore.Health after(ConsumerStore.Health health, List<AttemptOutcome> outcomes, Instant now) {
        ConsumerStore.Health state = health;
        for (AttemptOutcome outcome : outcomes) {
            EndpointHealth.Verdict verdict = policies.health().after(state.failingSince(), outcome, now);
            if (verdict.disable() && !state.disabled()) {
                state = new ConsumerStore.Health(true, state.failingSince()); // disabling keeps failing-since
            } else if (!Objects.equals(verdict.failingSince(), state.failingSince())) {
                state = new ConsumerStore.Health(state.disabled(), verdict.failingSince());
            }
        }
        return state;
    }

    /** Why the first attempt that disables the consumer does so. */
    private String disableReason(ConsumerStore.Health health, List<AttemptOutcome> outcomes, Instant now) {
        ConsumerStore.Health state = health;
        for (AttemptOutcome outcome : outcomes) {
            EndpointHealth.Verdict verdict = policies.health().after(state.failingSince(), outcome, now);
            if (verdict.disable()) {
                return verdict.disableReason();
            }
            state = new ConsumerStore.Health(false, verdict.failingSince());
        }
        throw new IllegalStateException("no attempt disables the consumer");
    }

    /**
     * One attempt in its own transaction: the path for a batch that failed. A delivery deleted meanwhile (its
     * message or consumer gone) is skipped instead of failing on its attempt row; the rest is {@link #recordAll}.
     */
    @Transactional
    void record(DeliveryStore.Claimed claimed, Instant attemptedAt, AttemptOutcome outcome) {
        if (deliveries.message(claimed.consumerId(), claimed.messageId()).isEmpty()) {
            return;
        }
        recordAll(List.of(new AttemptRecorder.Recorded(claimed, attemptedAt, outcome)));
    }
}
