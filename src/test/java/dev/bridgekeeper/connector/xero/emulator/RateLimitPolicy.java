package dev.bridgekeeper.connector.xero.emulator;

import java.time.Duration;

/**
 * Xero's API rate limits (developer.xero.com/faq/limits and /documentation/guides/oauth2/limits): per
 * tenant 5 calls in flight, 60 calls a minute and 5,000 a day; per app 10,000 calls a minute across tenants.
 * The window lengths are part of the policy so a test can compress time honestly, e.g. 60 calls per 2 s.
 */
public record RateLimitPolicy(int tenantCallsPerMinute, Duration minuteWindow, int tenantCallsPerDay,
        Duration dayWindow, int tenantConcurrent, int appCallsPerMinute) {

    public static RateLimitPolicy xeroDefaults() {
        return new RateLimitPolicy(60, Duration.ofMinutes(1), 5_000, Duration.ofDays(1), 5, 10_000);
    }

    /** The same counts with a shorter "minute" (the app-minute window shrinks with it). */
    public RateLimitPolicy withMinuteWindow(Duration window) {
        return new RateLimitPolicy(tenantCallsPerMinute, window, tenantCallsPerDay, dayWindow, tenantConcurrent,
                appCallsPerMinute);
    }

    public RateLimitPolicy withDayLimit(int calls, Duration window) {
        return new RateLimitPolicy(tenantCallsPerMinute, minuteWindow, calls, window, tenantConcurrent,
                appCallsPerMinute);
    }

    public RateLimitPolicy withTenantCallsPerMinute(int calls) {
        return new RateLimitPolicy(calls, minuteWindow, tenantCallsPerDay, dayWindow, tenantConcurrent,
                appCallsPerMinute);
    }

    public RateLimitPolicy withAppCallsPerMinute(int calls) {
        return new RateLimitPolicy(tenantCallsPerMinute, minuteWindow, tenantCallsPerDay, dayWindow,
                tenantConcurrent, calls);
    }

    public RateLimitPolicy withConcurrent(int inFlight) {
        return new RateLimitPolicy(tenantCallsPerMinute, minuteWindow, tenantCallsPerDay, dayWindow, inFlight,
                appCallsPerMinute);
    }
}
