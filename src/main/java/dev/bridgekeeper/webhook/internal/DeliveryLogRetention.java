package dev.bridgekeeper.webhook.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes messages older than {@code bridgekeeper.webhooks.retention}, with their deliveries and
 * attempt log, in small batches so no purge holds long locks. Runs as the recurring job
 * {@code webhook-log-retention} ({@link WebhookJobs}).
 */
@Component
class DeliveryLogRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLogRetention.class);
    private static final int BATCH = 5_000;

    private final DeliveryStore store;
    private final WebhookPolicies policies;

    DeliveryLogRetention(DeliveryStore store, WebhookPolicies policies) {
        this.store = store;
        this.policies = policies;
    }

    void purge() {
        int total = purgeNow();
        if (total > 0) {
            log.info("Purged {} webhook messages older than {}", total, policies.properties().retention());
        }
    }

    /** Purges everything past retention now; returns how many messages went. */
    int purgeNow() {
        java.time.Instant cutoff = policies.now().minus(policies.properties().retention());
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
