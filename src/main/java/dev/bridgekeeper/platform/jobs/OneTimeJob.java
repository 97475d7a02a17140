package dev.bridgekeeper.platform.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A kind of job that runs once per id, queued through {@link Jobs#schedule} in the caller's transaction (so it exists
 * exactly when the change that needs it committed) and run on a worker. Its only input is its id: what it works on
 * lives in the owning module's own tables, sealed where it is secret. A worker that dies mid-run leaves the
 * execution with a stopped heartbeat, and another worker runs it again, so {@link Work#run} must be safe to repeat.
 *
 * <p>A run that throws is tried again: by default five minutes later, for ever (db-scheduler's default);
 * {@link #retryWithBackoff} gives a doubling delay and a last attempt instead. A run that failed because the database
 * went away ({@link DatabaseOutage}) is neither: it runs again within seconds and is not counted as a failure.
 */
public final class OneTimeJob {

    /** What one run does with an id. */
    @FunctionalInterface
    public interface Work {

        /**
         * Runs the job for {@code id}. Returns null when it is done (its execution is removed), or the time it should
         * run again (e.g. a platform asked for a wait; not counted as a failure). Throws to count a failure.
         */
        Instant run(String id) throws Exception;
    }

    /** What happens to an id whose last attempt failed. */
    @FunctionalInterface
    public interface GiveUp {

        void after(String id, Throwable lastFailure);
    }

    /** How a failed run is tried again: after {@code firstDelay}, doubling up to {@code longestDelay}. */
    public record Backoff(Duration firstDelay, Duration longestDelay, int attempts, GiveUp giveUp) {

        public Backoff {
            if (firstDelay == null || firstDelay.isNegative() || longestDelay == null
                    || longestDelay.compareTo(firstDelay) < 0 || attempts < 1) {
                throw new IllegalArgumentException("a backoff needs 0 <= first delay <= longest delay and at least"
                        + " one attempt");
            }
            Objects.requireNonNull(giveUp, "giveUp");
        }

        /** The wait after the {@code failures}-th failure in a row (1 for the first): first delay × 2^(failures-1). */
        public Duration delayAfter(int failures) {
            Duration delay = firstDelay;
            for (int i = 1; i < failures && delay.compareTo(longestDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(longestDelay) > 0 ? longestDelay : delay;
        }
    }

    private final String name;
    private final Work work;
    private final Backoff backoff;

    private OneTimeJob(String name, Work work, Backoff backoff) {
        this.name = Objects.requireNonNull(name, "name");
        this.work = Objects.requireNonNull(work, "work");
        this.backoff = backoff;
    }

    /** A kind of job with a stable {@code name} (the {@code task_name} of its executions). */
    public static OneTimeJob named(String name, Work work) {
        return new OneTimeJob(name, work, null);
    }

    /**
     * The same job, a failed run tried again after {@code firstDelay}, doubling up to {@code longestDelay}, at most
     * {@code attempts} runs in all; after the last failure the execution is removed and {@code giveUp} is told.
     */
    public OneTimeJob retryWithBackoff(Duration firstDelay, Duration longestDelay, int attempts, GiveUp giveUp) {
        return new OneTimeJob(name, work, new Backoff(firstDelay, longestDelay, attempts, giveUp));
    }

    public String name() {
        return name;
    }

    Work work() {
        return work;
    }

    /** Null: db-scheduler's default (again in five minutes, for ever). */
    Backoff backoff() {
        return backoff;
    }

    @Override
    public String toString() {
        return "OneTimeJob[" + name + "]";
    }
}
