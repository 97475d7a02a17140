package dev.bridgekeeper.connector;

import java.time.Duration;

/**
 * The platform asked to come back later (a 429 and its Retry-After, or a shared wait another instance recorded) or
 * failed (5xx, unreachable). A sync job is rescheduled for then (no worker thread waits) and resumes from its cursor.
 */
public class RetryLater extends RuntimeException {

    public enum Reason {
        /** The vendor answered 429. */
        RATE_LIMITED,
        /** The vendor failed (5xx) or could not be reached. */
        SERVER_ERROR,
        /** Bridgekeeper's own limits (or a wait another instance recorded) ask for a wait longer than inline waits. */
        PACED
    }

    private final Reason reason;
    private final Duration wait;

    public RetryLater(Reason reason, Duration wait, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.wait = wait;
    }

    public Reason reason() {
        return reason;
    }

    /** How long the platform (or a limit) asked to wait; null for server errors, whose wait is the caller's backoff. */
    public Duration retryAfter() {
        return wait;
    }
}
