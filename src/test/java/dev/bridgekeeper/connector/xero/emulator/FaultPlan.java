package dev.bridgekeeper.connector.xero.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Faults queued by a test for the next Accounting API requests, served in order: rate-limit answers (429 with
 * Retry-After and X-Rate-Limit-Problem), server errors, slow answers and requests counted late. Each queued fault is
 * used by exactly one request; an injected 429 or 5xx does not reach the handler or the rate limiter.
 */
public final class FaultPlan {

    /** One queued fault. */
    record Fault(int status, String rateLimitProblem, long retryAfterSeconds, Duration delay, boolean beforeCounting) {

        Fault(int status, String rateLimitProblem, long retryAfterSeconds, Duration delay) {
            this(status, rateLimitProblem, retryAfterSeconds, delay, false);
        }

        boolean isDelayOnly() {
            return status == 0;
        }
    }

    private final Deque<Fault> queue = new ArrayDeque<>();

    /** The next {@code count} requests are answered 429 for {@code problem} ("minute", "day", …). */
    public synchronized FaultPlan tooManyRequests(int count, String problem, Duration retryAfter) {
        for (int i = 0; i < count; i++) {
            queue.addLast(new Fault(429, problem, Math.max(0, retryAfter.toSeconds()), Duration.ZERO));
        }
        return this;
    }

    /** The next {@code count} requests are answered with {@code status} (500, 503, …) and Xero's plain text. */
    public synchronized FaultPlan serverErrors(int count, int status) {
        for (int i = 0; i < count; i++) {
            queue.addLast(new Fault(status, null, 0, Duration.ZERO));
        }
        return this;
    }

    /** The next {@code count} requests are answered normally but only after {@code delay}. */
    public synchronized FaultPlan slow(int count, Duration delay) {
        for (int i = 0; i < count; i++) {
            queue.addLast(new Fault(0, null, 0, delay));
        }
        return this;
    }

    /**
     * The next {@code count} requests wait {@code delay} before Xero looks at them (a busy front end's queue): they
     * are counted against the limits only then, and answered at once after that.
     */
    public synchronized FaultPlan countedLate(int count, Duration delay) {
        for (int i = 0; i < count; i++) {
            queue.addLast(new Fault(0, null, 0, delay, true));
        }
        return this;
    }

    public synchronized int pending() {
        return queue.size();
    }

    public synchronized void clear() {
        queue.clear();
    }

    synchronized Fault next() {
        return queue.pollFirst();
    }
}
