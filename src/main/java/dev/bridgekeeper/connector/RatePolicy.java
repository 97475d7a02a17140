package dev.bridgekeeper.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A vendor's documented limits as values. Every instance shares them through PostgreSQL: a call takes a permit of
 * each {@link Limit} (a sliding window: at most {@code permits} calls in any {@code window}) and a slot of each
 * {@link Concurrency} first. A limit's permits and window can be overridden under
 * {@code bridgekeeper.integrations.<platformKey>.rate-limits.<name>.permits|window} (tests compress windows so).
 *
 * @param budgetHeaders the vendor's "remaining" answer headers by the limit they report on (e.g.
 *                      {@code X-DayLimit-Remaining -> tenant-day}), recorded for status and metrics
 */
public record RatePolicy(List<Limit> limits, List<Concurrency> concurrency, Map<String, String> budgetHeaders) {

    /** Whose calls a limit counts: one organisation's (with this app) or all of the app's. */
    public enum Scope { TENANT, APP }

    public record Limit(String name, Scope scope, int permits, Duration window) {}

    public record Concurrency(String name, Scope scope, int slots) {}

    public RatePolicy {
        limits = List.copyOf(limits);
        concurrency = List.copyOf(concurrency);
        budgetHeaders = Map.copyOf(budgetHeaders);
    }

    /** No documented limits (the sandboxes): calls go out unmetered; a 429 still makes the read wait. */
    public static RatePolicy none() {
        return new RatePolicy(List.of(), List.of(), Map.of());
    }

    public boolean isEmpty() {
        return limits.isEmpty() && concurrency.isEmpty();
    }
}
