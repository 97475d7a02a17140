package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * The window in which a client ran out of requests has ended: the client has {@code quotaRemaining} of
 * {@code quota} again until {@code expiry}. Published once per such window, in the transaction that records it
 * (the webhook module sends {@code client.rateLimit.reset}).
 */
public record ClientRateLimitReset(ClientId clientId, long quota, long quotaRemaining, Instant expiry,
        Instant at) {}
