package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * A client used up its request quota for the window ending at {@code expiry}; published once per client and
 * window, in the transaction that records it (the webhook module sends {@code client.rateLimit.reached}).
 */
public record ClientRateLimitReached(ClientId clientId, long quota, long quotaRemaining, Instant expiry,
        Instant at) {}
