package dev.bridgekeeper.connector;

import java.time.Duration;

/**
 * Whether a data type can be read as "changes since": not at all (reports, whole lists), or for changes up to
 * {@code maxAge} old (QuickBooks' change data capture reaches back 30 days); a last read older than that makes the
 * next one full.
 *
 * @param maxAge null when changes can be asked for however old the last read is
 */
public record IncrementalSupport(boolean supported, Duration maxAge) {

    public static IncrementalSupport none() {
        return new IncrementalSupport(false, null);
    }

    public static IncrementalSupport modifiedSince() {
        return new IncrementalSupport(true, null);
    }

    public static IncrementalSupport modifiedSince(Duration maxAge) {
        return new IncrementalSupport(true, maxAge);
    }
}
