package dev.bridgekeeper.platform.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Bucket4j's token buckets in the {@code throttle_bucket} table: every operation is one short transaction that
 * locks the bucket's row ({@code SELECT … FOR UPDATE}), so all instances count against the same state. A bucket
 * row may be deleted once it has refilled ({@code expires_at}); {@link #removeExpired} does that.
 */
final class ThrottleBuckets {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> manager;

    ThrottleBuckets(DataSource dataSource) {
        this.manager = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("throttle_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // a full bucket is the same as no bucket: keep rows a minute past refilling, then they may go
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .build();
    }

    /** Every call on it goes to PostgreSQL. */
    BucketProxy exact(String key, Supplier<BucketConfiguration> configuration) {
        return manager.builder().build(key, configuration);
    }

    /**
     * Counts up to {@code tokens} requests (or for {@code interval}) locally before adding them to the shared
     * state in one operation; {@code tokens} 0 means every call goes to PostgreSQL.
     */
    BucketProxy batched(String key, Supplier<BucketConfiguration> configuration, long tokens, Duration interval) {
        if (tokens <= 0) {
            return exact(key, configuration);
        }
        return manager.builder()
                .withOptimization(Optimizations.delaying(new DelayParameters(tokens, interval)))
                .build(key, configuration);
    }

    /** Deletes up to {@code batch} refilled buckets; returns how many went. */
    int removeExpired(int batch) {
        return manager.removeExpired(batch);
    }
}
