package dev.bridgekeeper.sync.internal;

import java.time.Duration;

/**
 * A reader was told to come back later: a 429 with its Retry-After, or a 5xx / unreachable platform. The job is
 * rescheduled in db-scheduler for then (no worker thread waits), and resumes with the page that failed.
 */
class RetryLater extends RuntimeException {

    enum Reason { RATE_LIMITED, SERVER_ERROR }

    private final Reason reason;
    private final Duration wait;

    RetryLater(Reason reason, Duration wait, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.wait = wait;
    }

    Reason reason() {
        return reason;
    }

    /** What the platform asked for (Retry-After); null for server errors, whose wait is our backoff. */
    Duration retryAfter() {
        return wait;
    }
}
