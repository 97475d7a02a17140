package dev.bridgekeeper.webhook.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an endpoint stays enabled after an attempt. A 410 Gone means the receiver has gone for
 * good; otherwise an endpoint is disabled once every attempt to it has failed, without a single
 * success in between, for the configured period (default five days).
 */
final class EndpointHealth {

    /** The consumer's state after an attempt: when its current run of failures began, and whether to disable it. */
    record Verdict(Instant failingSince, String disableReason) {
        boolean disable() {
            return disableReason != null;
        }
    }

    private final Duration disableAfter;

    EndpointHealth(Duration disableAfter) {
        this.disableAfter = disableAfter;
    }

    Verdict after(Instant failingSince, AttemptOutcome outcome, Instant now) {
        if (outcome.succeeded()) {
            return new Verdict(null, null);
        }
        Instant since = failingSince == null ? now : failingSince;
        if (outcome.gone()) {
            return new Verdict(since, "The endpoint answered 410 Gone on " + now + ".");
        }
        if (!since.plus(disableAfter).isAfter(now)) {
            return new Verdict(since, "Every attempt since " + since + " failed (disable-after " + disableAfter
                    + "); last: " + outcome.summary() + ".");
        }
        return new Verdict(since, null);
    }
}
