package dev.bridgekeeper.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the outcomes of the dispatcher's attempts in batches: whatever arrived within a few
 * milliseconds (at most a batch) goes to the {@link AttemptLedger} in one transaction, so a busy
 * instance commits once per batch instead of once per attempt. A crash before a flush loses only
 * the record: the delivery's lease runs out and it is sent again (at-least-once, as ever). If a
 * batch fails (e.g. a delivery deleted meanwhile), its outcomes are recorded one by one, so one bad
 * row cannot take the others with it.
 */
final class AttemptRecorder {

    /** One finished attempt waiting to be recorded. */
    record Recorded(DeliveryStore.Claimed claimed, Instant attemptedAt, AttemptOutcome outcome) {}

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);
    private static final Recorded STOP = new Recorded(null, null, null);

    private final AttemptLedger ledger;
    private final int batchSize;
    private final Duration window;
    private final BlockingQueue<Recorded> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final java.util.function.Consumer<List<Recorded>> afterFlush;

    /** {@code afterFlush} hears of every batch once it is recorded (the deliveries' claims are cleared). */
    AttemptRecorder(AttemptLedger ledger, int batchSize, Duration window,
            java.util.function.Consumer<List<Recorded>> afterFlush) {
        this.ledger = ledger;
        this.afterFlush = afterFlush;
        this.batchSize = batchSize;
        this.window = window;
        this.thread = new Thread(this::run, "webhook-recorder");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(DeliveryStore.Claimed claimed, Instant attemptedAt, AttemptOutcome outcome) {
        queue.add(new Recorded(claimed, attemptedAt, outcome));
    }

    /** Records everything submitted so far, then ends; waits for that at most {@code wait}. */
    void stop(Duration wait) throws InterruptedException {
        queue.add(STOP);
        thread.join(wait.toMillis());
    }

    private void run() {
        List<Recorded> batch = new ArrayList<>(batchSize);
        boolean stopping = false;
        while (!stopping) {
            try {
                Recorded first = queue.take();
                if (first == STOP) {
                    return;
                }
                batch.add(first);
                long deadline = System.nanoTime() + window.toNanos();
                while (batch.size() < batchSize) {
                    Recorded next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (next == STOP) {
                        stopping = true;
                        break;
                    }
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                stopping = true;
                Thread.currentThread().interrupt();
            }
            if (!batch.isEmpty()) {
                flush(List.copyOf(batch));
                batch.clear();
            }
        }
    }

    /** One transaction for the batch; if it fails, one per outcome. */
    void flush(List<Recorded> batch) {
        record(batch);
        try {
            afterFlush.accept(batch);
        } catch (RuntimeException e) {
            log.warn("After recording {} webhook attempts: {}", batch.size(), e.toString());
        }
    }

    private void record(List<Recorded> batch) {
        try {
            ledger.recordAll(batch);
        } catch (RuntimeException e) {
            log.warn("Recording {} webhook attempts together failed ({}); recording them one by one", batch.size(),
                    e.getMessage());
            for (Recorded one : batch) {
                try {
                    ledger.record(one.claimed(), one.attemptedAt(), one.outcome());
                } catch (RuntimeException failed) {
                    // the lease runs out and the delivery is tried again; nothing is lost
                    log.error("Webhook {} to consumer {}: the attempt could not be recorded",
                            one.claimed().messageId(), one.claimed().consumerId(), failed);
                }
            }
        }
    }
}
