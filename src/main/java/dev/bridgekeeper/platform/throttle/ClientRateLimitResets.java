package dev.bridgekeeper.platform.throttle;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code reset-check-interval}, on one worker at a time (the recurring job {@code throttle-housekeeping} on the
 * shared job runtime), looks for clients whose exhausted window has ended and sends each one reset (row locks keep
 * a reset single even if two runs overlap); it also deletes refilled buckets and old windows.
 */
final class ClientRateLimitResets {

    private static final Logger log = LoggerFactory.getLogger(ClientRateLimitResets.class);
    private static final int BATCH = 500;

    private final ClientRateLimitNotices notices;
    private final ClientQuota quota;
    private final ThrottleBuckets buckets;
    private final Clock clock;

    ClientRateLimitResets(ClientRateLimitNotices notices, ClientQuota quota, ThrottleBuckets buckets, Clock clock) {
        this.notices = notices;
        this.quota = quota;
        this.buckets = buckets;
        this.clock = clock;
    }

    static final String JOB = "throttle-housekeeping";

    void run() {
        try {
            while (notices.resetEnded(BATCH) == BATCH) {
                // more ended windows than one batch: go on at once
            }
            quota.forgetEnded(clock.instant());
            int removed;
            do {
                removed = buckets.removeExpired(BATCH);
            } while (removed == BATCH);
            notices.purgeOld();
        } catch (RuntimeException e) {
            log.warn("Rate limit housekeeping failed; trying again at the next interval", e);
        }
    }
}
