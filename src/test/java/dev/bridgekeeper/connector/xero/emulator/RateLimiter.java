package dev.bridgekeeper.connector.xero.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces {@link RateLimitPolicy} as sliding windows: a call is admitted when the tenant has fewer than the
 * limit of admitted calls in the last minute-window and day-window, fewer than the concurrent limit in flight,
 * and the app fewer than its limit in the last minute-window. Refused calls do not use up a window (Xero does not
 * say either way; see docs/connectors/xero.md).
 */
final class RateLimiter {

    /** Which limit refused a call; the value is what Xero sends in X-Rate-Limit-Problem. */
    enum Problem {
        MINUTE("minute"), DAY("day"), CONCURRENT("concurrent"), APP_MINUTE("appminute");

        final String header;

        Problem(String header) {
            this.header = header;
        }
    }

    /** The outcome of one admission: refused when {@code problem} is set; the remaining counts go in headers. */
    record Decision(Problem problem, long retryAfterSeconds, int dayRemaining, int minuteRemaining,
            int appMinuteRemaining) {

        boolean admitted() {
            return problem == null;
        }
    }

    private final RateLimitPolicy policy;
    private final Clock clock;
    private final Map<UUID, TenantWindows> tenants = new ConcurrentHashMap<>();
    private final Deque<Long> appCalls = new ArrayDeque<>();

    RateLimiter(RateLimitPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    private static final class TenantWindows {
        final Deque<Long> minute = new ArrayDeque<>();
        final Deque<Long> day = new ArrayDeque<>();
        int inFlight;
    }

    /** Admits one call for the tenant (counting it in flight until {@link #release}) or says which limit refuses it. */
    synchronized Decision admit(UUID tenant) {
        long now = clock.millis();
        TenantWindows w = tenants.computeIfAbsent(tenant, t -> new TenantWindows());
        trim(w.minute, now, policy.minuteWindow());
        trim(w.day, now, policy.dayWindow());
        trim(appCalls, now, policy.minuteWindow());
        Problem problem = null;
        long retryAfter = 0;
        if (w.day.size() >= policy.tenantCallsPerDay()) {
            problem = Problem.DAY;
            retryAfter = secondsUntil(w.day.peekFirst() + policy.dayWindow().toMillis(), now);
        } else if (appCalls.size() >= policy.appCallsPerMinute()) {
            problem = Problem.APP_MINUTE;
            retryAfter = secondsUntil(appCalls.peekFirst() + policy.minuteWindow().toMillis(), now);
        } else if (w.minute.size() >= policy.tenantCallsPerMinute()) {
            problem = Problem.MINUTE;
            retryAfter = secondsUntil(w.minute.peekFirst() + policy.minuteWindow().toMillis(), now);
        } else if (w.inFlight >= policy.tenantConcurrent()) {
            problem = Problem.CONCURRENT;
        }
        if (problem == null) {
            w.minute.addLast(now);
            w.day.addLast(now);
            appCalls.addLast(now);
            w.inFlight++;
        }
        return new Decision(problem, retryAfter, policy.tenantCallsPerDay() - w.day.size(),
                policy.tenantCallsPerMinute() - w.minute.size(), policy.appCallsPerMinute() - appCalls.size());
    }

    synchronized void release(UUID tenant) {
        TenantWindows w = tenants.get(tenant);
        if (w != null && w.inFlight > 0) {
            w.inFlight--;
        }
    }

    /** Remaining counts without admitting anything (for answers refused before admission). */
    synchronized Decision peek(UUID tenant) {
        long now = clock.millis();
        TenantWindows w = tenants.computeIfAbsent(tenant, t -> new TenantWindows());
        trim(w.minute, now, policy.minuteWindow());
        trim(w.day, now, policy.dayWindow());
        trim(appCalls, now, policy.minuteWindow());
        return new Decision(null, 0, policy.tenantCallsPerDay() - w.day.size(),
                policy.tenantCallsPerMinute() - w.minute.size(), policy.appCallsPerMinute() - appCalls.size());
    }

    private static void trim(Deque<Long> window, long now, Duration length) {
        long cutoff = now - length.toMillis();
        while (!window.isEmpty() && window.peekFirst() <= cutoff) {
            window.pollFirst();
        }
    }

    /** Whole seconds, rounded up and at least one, as Retry-After takes delta-seconds. */
    private static long secondsUntil(long at, long now) {
        return Math.max(1, (at - now + 999) / 1000);
    }
}
