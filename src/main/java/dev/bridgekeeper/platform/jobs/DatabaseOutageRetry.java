package dev.bridgekeeper.platform.jobs;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one rule for a job that failed because PostgreSQL went away ({@link DatabaseOutage}): it runs again
 * soon, after a delay that doubles from {@link #FIRST_DELAY} to {@link #LONGEST_DELAY} with each such failure in a row
 * on this instance (the database is one for all jobs), and the failure is not counted against the job's own retries.
 * Every other failure goes to the job's own handling. Writing the retry needs the database too: while it is still
 * away, the write is tried again for up to {@link #WRITE_PATIENCE} before db-scheduler's dead-execution detection is
 * left to revive the execution.
 */
final class DatabaseOutageRetry {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_DELAY = Duration.ofSeconds(30);
    static final Duration WRITE_PATIENCE = Duration.ofSeconds(90);

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageRetry.class);

    private final AtomicInteger outagesInARow = new AtomicInteger();

    /** {@code ownFailures} for every failure but a lost database. */
    <T> FailureHandler<T> around(FailureHandler<T> ownFailures) {
        return (complete, operations) -> {
            Throwable cause = complete.getCause().orElse(null);
            if (!DatabaseOutage.causedBy(cause)) {
                outagesInARow.set(0);
                ownFailures.onFailure(complete, operations);
                return;
            }
            Execution execution = complete.getExecution();
            Duration delay = delayAfter(outagesInARow.incrementAndGet());
            Instant again = complete.getTimeDone().plus(delay);
            log.warn("Job {} {} lost the database ({}); running it again at {}", execution.getTaskName(),
                    execution.getId(), cause == null ? "" : cause.getMessage(), again);
            // a failed run's reschedule adds one to the execution's failures: the job's own work did not fail
            execution.consecutiveFailures = execution.consecutiveFailures - 1;
            whenTheDatabaseAnswers(() -> operations.reschedule(complete, again));
        };
    }

    /** A run that ended without losing the database: the next outage starts again at the first delay. */
    void ranWithoutOutage() {
        outagesInARow.set(0);
    }

    /**
     * Runs {@code write} (a job's execution row updated after its run), tried again while it fails for a lost
     * database, for at most {@link #WRITE_PATIENCE}; the connection pool's own wait for a connection comes on top.
     */
    void whenTheDatabaseAnswers(Runnable write) {
        long giveUpAt = System.nanoTime() + WRITE_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseOutage.causedBy(e) || System.nanoTime() > giveUpAt) {
                    throw e;
                }
                pause(delayAfter(attempt));
            }
        }
    }

    /** FIRST_DELAY × 2^(outages-1), at most LONGEST_DELAY. */
    static Duration delayAfter(int outages) {
        Duration delay = FIRST_DELAY;
        for (int i = 1; i < outages && delay.compareTo(LONGEST_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the scheduler is stopping: leave the execution to be revived
            throw new IllegalStateException("Interrupted while waiting for the database", e);
        }
    }

    /** For failures the runtime handles the way db-scheduler would by default: five minutes later. */
    static <T> FailureHandler<T> retryLater() {
        return new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(5));
    }
}
