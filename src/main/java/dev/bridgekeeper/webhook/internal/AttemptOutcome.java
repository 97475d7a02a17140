package dev.bridgekeeper.webhook.internal;

import java.time.Duration;

/**
 * What one delivery attempt came to. {@code statusCode} is null when no answer arrived (refused
 * target, connection error, timeout); {@code retryAfter} is the receiver's Retry-After, if any.
 */
record AttemptOutcome(Integer statusCode, long durationMs, String responseBody, String error, Duration retryAfter) {

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    boolean gone() {
        return statusCode != null && statusCode == 410;
    }

    String summary() {
        if (statusCode != null) {
            return "HTTP " + statusCode + (error == null ? "" : " (" + error + ")");
        }
        return error == null ? "no answer" : error;
    }
}
