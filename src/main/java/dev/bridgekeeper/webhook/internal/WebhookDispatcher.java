package dev.bridgekeeper.webhook.internal;

import dev.bridgekeeper.platform.crypto.SecretSealer;
import dev.bridgekeeper.platform.jobs.RunsBackgroundWork;
import dev.bridgekeeper.webhook.WebhookProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The delivery worker. A look claims due deliveries, up to a whole batch, in one statement, and
 * queues them for the sender threads; it looks again at once while it keeps finding full batches,
 * and otherwise waits for the poll interval or a wake-up: no busy loop. Wake-ups from outbox writes
 * wait a few milliseconds so the events of that moment are claimed together. Several instances
 * share the work through the database alone (see {@link DeliveryStore#claim}). On shutdown it stops
 * claiming and lets the queued and in-flight attempts finish within the grace period; anything left
 * is released by the other dispatchers once this one's row is gone (at-least-once). Each dispatcher proves it is alive
 * by a heartbeat ({@link DispatcherHeartbeats}): a killed instance's claims are released once it has been silent for
 * {@value #MISSED_HEARTBEATS} heartbeat intervals, not when their lease runs out. Outcomes are
 * recorded in batches by an {@link AttemptRecorder}. It is a claim loop, not a job on the job runtime: deliveries
 * are rows claimed in batches under a lease, many at once, every few milliseconds. It exists only on instances whose
 * role runs background work ({@code bridgekeeper.role} all or worker) and whose
 * {@code bridgekeeper.webhooks.dispatcher.enabled} is on.
 */
@Component
@Conditional(RunsBackgroundWork.class)
@ConditionalOnProperty(prefix = "bridgekeeper.webhooks.dispatcher", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    // the lease outlasts the longest attempt (the sender's watchdog ends it at the timeout) with room to record it
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(60);
    // a queued delivery is only started while its lease still covers the attempt plus this much for recording it
    private static final Duration RECORD_MARGIN = Duration.ofSeconds(10);
    // silent this many heartbeat intervals, a dispatcher counts as dead and its claims are released
    static final int MISSED_HEARTBEATS = 4;

    private final DeliveryStore deliveries;
    private final DispatcherHeartbeats heartbeats;
    // this dispatcher's row in webhook_dispatcher and the claimed_by of what it claims
    private final UUID id = UUID.randomUUID();
    private final AttemptLedger ledger;
    private final WebhookSender sender;
    private final SecretSealer sealer;
    private final WebhookPolicies policies;
    private final WebhookProperties.Dispatcher settings;
    private final Duration lease;
    private final Counter succeeded;
    private final Counter failed;
    // claimed by this instance and not yet finished (queued or in flight); a look claims at most batch-size minus this
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile ScheduledExecutorService poller;
    // its own thread, so a long look never delays the proof that this instance is alive
    private volatile ScheduledExecutorService heartbeat;
    private volatile ExecutorService senders;
    private volatile AttemptRecorder recorder;
    private volatile boolean running;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    // set when a look stopped because the queue was full: once half of it is done a sender looks again at once,
    // instead of the work waiting for the poll interval
    private final AtomicBoolean saturated = new AtomicBoolean();
    // consumers the last look left due deliveries for because they had their most in flight: once one of their
    // attempts is recorded (its claim cleared) the dispatcher looks again at once instead of at the next poll
    private volatile Set<UUID> capped = Set.of();

    WebhookDispatcher(DeliveryStore deliveries, DispatcherHeartbeats heartbeats, AttemptLedger ledger,
            WebhookSender sender, SecretSealer sealer, WebhookPolicies policies, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.heartbeats = heartbeats;
        this.ledger = ledger;
        this.sender = sender;
        this.sealer = sealer;
        this.policies = policies;
        this.settings = policies.properties().dispatcher();
        this.lease = policies.properties().timeout().plus(LEASE_MARGIN);
        this.succeeded = Counter.builder("bridgekeeper.webhooks.attempts").tag("outcome", "success")
                .description("Webhook delivery attempts made by this instance").register(meters);
        this.failed = Counter.builder("bridgekeeper.webhooks.attempts").tag("outcome", "failure")
                .description("Webhook delivery attempts made by this instance").register(meters);
    }

    @Override
    public void start() {
        AtomicInteger senderNumber = new AtomicInteger();
        // the pool's own unbounded queue is the local queue of claimed deliveries; outstanding bounds it
        senders = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender-" + senderNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        recorder = new AttemptRecorder(ledger, settings.recordBatchSize(), settings.recordWindow(), this::recorded);
        recorder.start();
        heartbeats.beat(id, policies.now()); // alive before the first claim names it
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatcher-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.heartbeatInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        running = true;
        poller.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Looks for due deliveries soon instead of at the next poll, e.g. right after an outbox write
     * commits on this instance. Waits the wake delay first; every wake-up until the look runs counts as one.
     */
    void wake() {
        wake(settings.wakeDelay().toMillis());
    }

    private void wake(long delayMillis) {
        ScheduledExecutorService current = poller;
        if (!running || current == null || !wakePending.compareAndSet(false, true)) {
            return;
        }
        try {
            current.schedule(() -> {
                wakePending.set(false);
                poll();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            wakePending.set(false);
        }
    }

    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        poller.shutdown();
        senders.shutdown(); // queued deliveries are still attempted, within the grace period below
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
            if (!senders.awaitTermination(policies.properties().timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                // what is still queued keeps its lease and is claimed again when it runs out
                senders.shutdownNow();
            }
            recorder.stop(Duration.ofSeconds(10)); // the outcomes of the attempts that finished
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            heartbeats.remove(id); // what is left claimed is released by the other dispatchers
        } catch (RuntimeException e) {
            log.warn("Webhook dispatcher {} could not remove its heartbeat; its claims are released once it is stale",
                    id, e);
        }
    }

    /**
     * Proves this dispatcher alive, then releases the claims of dispatchers that stopped proving it. A beat that found
     * no row means this instance was silent so long that it was taken for dead: its claims were released and may be
     * sent twice (at-least-once).
     */
    private void beat() {
        try {
            Instant now = policies.now();
            if (!heartbeats.beat(id, now)) {
                log.warn("Webhook dispatcher {} was silent for {} heartbeat intervals and taken for dead; its claimed"
                        + " deliveries were released to the other dispatchers", id, MISSED_HEARTBEATS);
            }
            int released = heartbeats.releaseDead(now,
                    now.minus(settings.heartbeatInterval().multipliedBy(MISSED_HEARTBEATS)));
            if (released > 0) {
                log.info("Released {} webhook deliveries claimed by dispatchers that stopped (no heartbeat)", released);
                wake(0);
            }
        } catch (RuntimeException e) {
            log.warn("Webhook dispatcher heartbeat failed; trying again in {}", settings.heartbeatInterval(), e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped with the web server, well before the datasource closes, so in-flight attempts are still recorded. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void poll() {
        try {
            while (running) {
                int room = settings.batchSize() - outstanding.get();
                if (room <= 0) {
                    saturated.set(true);
                    return;
                }
                Instant now = policies.now();
                DeliveryStore.Claim claim = deliveries.claim(id, now, now.plus(lease), room,
                        settings.maxInFlightPerConsumer());
                capped = claim.capped();
                List<DeliveryStore.Claimed> claimed = claim.claimed();
                for (DeliveryStore.Claimed delivery : claimed) {
                    outstanding.incrementAndGet();
                    try {
                        senders.execute(() -> attempt(delivery));
                    } catch (RejectedExecutionException rejected) {
                        outstanding.decrementAndGet(); // shutting down: the lease runs out and someone sends it
                    }
                }
                if (claimed.size() < room) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("Webhook dispatch failed; trying again at the next poll", e);
        }
    }

    /** After the recorder cleared these claims: a consumer that was held back at its cap has room again. */
    private void recorded(List<AttemptRecorder.Recorded> batch) {
        Set<UUID> waiting = capped;
        if (waiting.isEmpty()) {
            return;
        }
        for (AttemptRecorder.Recorded one : batch) {
            if (waiting.contains(one.claimed().consumerId())) {
                wake(0);
                return;
            }
        }
    }

    /** One queued delivery on a sender thread, unless it waited so long that its lease cannot cover the attempt. */
    private void attempt(DeliveryStore.Claimed delivery) {
        try {
            Instant latestStart = delivery.lease().minus(policies.properties().timeout()).minus(RECORD_MARGIN);
            if (policies.now().isAfter(latestStart)) {
                log.warn("Webhook {} to consumer {} waited in the queue until its lease was nearly over; it is"
                        + " attempted after the lease runs out", delivery.messageId(), delivery.consumerId());
                return;
            }
            deliver(delivery);
        } finally {
            int left = outstanding.decrementAndGet();
            if (left <= settings.batchSize() / 2 && saturated.compareAndSet(true, false)) {
                wake(0);
            }
        }
    }

    private void deliver(DeliveryStore.Claimed delivery) {
        try {
            Instant attemptedAt = policies.now();
            String messageId = delivery.messageId().toString();
            AttemptOutcome outcome;
            String signature = null;
            try {
                signature = SigningSecrets.signatureHeader(secrets(delivery, attemptedAt), messageId,
                        attemptedAt.getEpochSecond(), delivery.body());
            } catch (RuntimeException e) {
                // e.g. the encryption key that sealed the secret was removed: an attempt that fails like any other
                log.error("Webhook {} to consumer {} could not be signed", messageId, delivery.consumerId(), e);
            }
            outcome = signature == null
                    ? new AttemptOutcome(null, 0, null, "Not sent: the consumer's signing secret could not be opened"
                            + " (see the log); check BRIDGEKEEPER_ENCRYPTION_KEYS.", null)
                    : sender.send(delivery.url(), messageId, attemptedAt.getEpochSecond(), signature, delivery.body());
            recorder.submit(delivery, attemptedAt, outcome);
            (outcome.succeeded() ? succeeded : failed).increment();
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is tried again; nothing is lost
            log.error("Webhook {} to consumer {} could not be attempted", delivery.messageId(), delivery.consumerId(), e);
        }
    }

    /** The current secret, and the previous one while a rotation's overlap lasts. */
    private List<String> secrets(DeliveryStore.Claimed delivery, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        String context = ConsumerManagement.secretContext(delivery.consumerId());
        secrets.add(sealer.open(delivery.secretSealed(), context));
        if (delivery.previousSecretSealed() != null && delivery.previousSecretUntil() != null
                && delivery.previousSecretUntil().isAfter(now)) {
            secrets.add(sealer.open(delivery.previousSecretSealed(), context));
        }
        return secrets;
    }
}
