package dev.bridgekeeper.platform.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Requests per source address that make the server check a password or a client secret (the sandbox's sign-in page
 * and its token endpoints: a bcrypt check each, right or wrong, so even the published password and client secret
 * must not be tried without limit), in one PostgreSQL token bucket per address and kind that every instance shares.
 */
final class PasswordCheckThrottle {

    private final ThrottleBuckets buckets;
    private final BucketConfiguration configuration;
    private final String keyPrefix;

    /** {@code kind} names the bucket: each kind of check has its own limit and count. */
    PasswordCheckThrottle(ThrottleBuckets buckets, String kind, ThrottleProperties.Limit limit) {
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.limit()).refillGreedy(limit.limit(), limit.period()))
                .build();
        // the limit is part of the key, so instances configured differently never share (and resize) a bucket
        this.keyPrefix = kind + ":" + limit.limit() + "/" + limit.period().toSeconds() + "s:";
    }

    /** One attempt: empty to go on, or the wait until the address may try again. */
    Optional<Duration> attempt(String address) {
        ConsumptionProbe probe = buckets.exact(keyPrefix + address, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
