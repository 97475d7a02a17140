package dev.bridgekeeper.platform.throttle;

import dev.bridgekeeper.platform.ids.ClientId;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each client's request quota per window (Codat's daily quota: {@code quota + quotaPerActiveCompany ×} the
 * companies with a linked connection, worked out when the window starts and kept until it ends). One
 * PostgreSQL token bucket per client and window, shared by every instance; each instance counts up to
 * {@code sync-tokens} requests locally before adding them to it, so a request costs a query only once in that
 * many. The first refused request of a window records it once for all instances ({@link ClientRateLimitNotices}).
 */
final class ClientQuota {

    /** This instance's handle on one client's window: the bucket (with its local count) and the quota. */
    record Window(BucketProxy bucket, long quota, Instant start, Instant end) {}

    private final ThrottleBuckets buckets;
    private final ThrottleProperties.Client settings;
    private final ActiveConnectedCompanies activeCompanies;
    private final ClientRateLimitNotices notices;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    ClientQuota(ThrottleBuckets buckets, ThrottleProperties.Client settings, ActiveConnectedCompanies activeCompanies,
            ClientRateLimitNotices notices, Clock clock) {
        this.buckets = buckets;
        this.settings = settings;
        this.activeCompanies = activeCompanies;
        this.notices = notices;
        this.clock = clock;
    }

    /** Counts one request: empty when it may go on, else how long until the quota resets. */
    Optional<Duration> request(ClientId client) {
        Instant now = clock.instant();
        Window window = window(client, now);
        ConsumptionProbe probe = window.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        notices.reached(client, window.start(), window.end(), window.quota());
        Duration wait = Duration.between(now, window.end());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    /** The quota a client gets for a window starting now. */
    long quotaOf(ClientId client) {
        long companies = settings.quotaPerActiveCompany() == 0 ? 0 : activeCompanies.count(client);
        return settings.quota() + settings.quotaPerActiveCompany() * companies;
    }

    /** Forgets this instance's handles on windows that have ended. */
    void forgetEnded(Instant now) {
        windows.values().removeIf(window -> !window.end().isAfter(now));
    }

    private Window window(ClientId client, Instant now) {
        Instant start = windowStart(now);
        String key = "client:" + client.value() + ":" + start.toEpochMilli() + "+" + settings.window().toMillis();
        return windows.computeIfAbsent(key, k -> {
            long quota = quotaOf(client);
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(quota).refillIntervally(quota, settings.window()))
                    .build();
            return new Window(buckets.batched(k, () -> configuration, settings.syncTokens(), settings.syncInterval()),
                    quota, start, start.plus(settings.window()));
        });
    }

    private Instant windowStart(Instant at) {
        long length = settings.window().toMillis();
        long millis = at.toEpochMilli();
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, length));
    }
}
