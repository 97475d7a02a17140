package dev.bridgekeeper.webhook.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a delivery again. The configured list holds the delay before each attempt (the first
 * counted from the event, each next from the previous failure), so its length is the number of
 * attempts. Each delay is spread by the jitter so a burst of failures does not come back as a burst,
 * and a receiver's Retry-After can push an attempt later — never earlier than the schedule, and
 * never by more than the configured bound.
 */
final class RetrySchedule {

    private final List<Duration> delays;
    private final double jitter;
    private final Duration retryAfterMax;
    private final RandomGenerator random;

    RetrySchedule(List<Duration> delays, double jitter, Duration retryAfterMax, RandomGenerator random) {
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.retryAfterMax = retryAfterMax;
        this.random = random;
    }

    int attempts() {
        return delays.size();
    }

    /** Delay before the first attempt of a new message (or of a resend). */
    Duration first() {
        return spread(delays.get(0));
    }

    /**
     * Delay before the next attempt after {@code attemptsMade} failed ones, or empty when the
     * schedule is used up. {@code retryAfter} is the receiver's wish, null when it expressed none.
     */
    Optional<Duration> afterFailure(int attemptsMade, Duration retryAfter) {
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration delay = spread(delays.get(attemptsMade));
        if (retryAfter != null && !retryAfter.isNegative()) {
            Duration wished = retryAfter.compareTo(retryAfterMax) > 0 ? retryAfterMax : retryAfter;
            if (wished.compareTo(delay) > 0) {
                delay = wished;
            }
        }
        return Optional.of(delay);
    }

    private Duration spread(Duration delay) {
        if (jitter == 0 || delay.isZero()) {
            return delay;
        }
        double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }
}
