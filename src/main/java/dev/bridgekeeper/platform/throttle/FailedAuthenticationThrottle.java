package dev.bridgekeeper.platform.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Wrong credentials per source address, counted in one PostgreSQL token bucket per address that every instance
 * shares. Before an API key is looked up, the address is checked: an address this instance has refused is
 * refused from memory (no query at all); an address that has not authenticated here lately is checked against
 * the shared bucket (one query, never the key's), so an address another instance has cut off is refused before
 * its key is looked up. An address that authenticated here within the last period skips that check.
 */
final class FailedAuthenticationThrottle {

    private static final int ADDRESSES_KEPT = 100_000;

    private final ThrottleBuckets buckets;
    private final ThrottleProperties.Limit limit;
    private final BucketConfiguration configuration;
    private final String keyPrefix;
    private final LocalDeadlines blocked = new LocalDeadlines(ADDRESSES_KEPT);
    private final LocalDeadlines trusted = new LocalDeadlines(ADDRESSES_KEPT);

    FailedAuthenticationThrottle(ThrottleBuckets buckets, ThrottleProperties.Limit limit) {
        this.buckets = buckets;
        this.limit = limit;
        this.configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.limit()).refillGreedy(limit.limit(), limit.period()))
                .build();
        // the limit is part of the key, so instances configured differently never share (and resize) a bucket
        this.keyPrefix = "auth:" + limit.limit() + "/" + limit.period().toSeconds() + "s:";
    }

    /** Before the key lookup: the wait of a throttled address, or empty to go on. */
    Optional<Duration> before(String address) {
        long blockedFor = blocked.remaining(address);
        if (blockedFor > 0) {
            return Optional.of(Duration.ofNanos(blockedFor));
        }
        if (trusted.remaining(address) > 0) {
            return Optional.empty();
        }
        EstimationProbe probe = buckets.exact(keyPrefix + address, () -> configuration).estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return Optional.empty();
        }
        blocked.set(address, probe.getNanosToWaitForRefill());
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** After wrong credentials: the wait if this failure used up the address's allowance, else empty. */
    Optional<Duration> failed(String address) {
        trusted.clear(address);
        long blockedFor = blocked.remaining(address);
        if (blockedFor > 0) {
            return Optional.of(Duration.ofNanos(blockedFor)); // e.g. a company token: checked without a query
        }
        ConsumptionProbe probe = buckets.exact(keyPrefix + address, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed() && probe.getRemainingTokens() > 0) {
            return Optional.empty();
        }
        // the last allowed failure, or one past it: from now on refused without a query until the bucket refills
        long wait = probe.isConsumed() ? refillOne() : probe.getNanosToWaitForRefill();
        blocked.set(address, wait);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
    }

    /** Credentials that worked: this instance skips the shared check for the address for a while. */
    void succeeded(String address) {
        if (trusted.remaining(address) == 0) {
            trusted.set(address, limit.period().toNanos());
        }
    }

    private long refillOne() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), limit.period().toNanos() / limit.limit());
    }
}
