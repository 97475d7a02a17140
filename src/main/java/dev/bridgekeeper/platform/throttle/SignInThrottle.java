package dev.bridgekeeper.platform.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Sign-in attempts per source address on a page that checks a password (the sandbox's: a bcrypt check each, right
 * or wrong, so even the published password must not be tried without limit), in one PostgreSQL token bucket per
 * address that every instance shares.
 */
final class SignInThrottle {

    private final ThrottleBuckets buckets;
    private final BucketConfiguration configuration;
    private final String keyPrefix;

    SignInThrottle(ThrottleBuckets buckets, ThrottleProperties.Limit limit) {
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.limit()).refillGreedy(limit.limit(), limit.period()))
                .build();
        // the limit is part of the key, so instances configured differently never share (and resize) a bucket
        this.keyPrefix = "sign-in:" + limit.limit() + "/" + limit.period().toSeconds() + "s:";
    }

    /** One attempt: empty to go on, or the wait until the address may try again. */
    Optional<Duration> attempt(String address) {
        ConsumptionProbe probe = buckets.exact(keyPrefix + address, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
