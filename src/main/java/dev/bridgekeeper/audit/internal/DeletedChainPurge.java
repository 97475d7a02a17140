package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention for the chains of deleted companies: once the configured time has passed since a chain's
 * last entry, the whole chain goes, never part of it. Off by default (the lender decides how long
 * proof of consent must outlive the customer relationship). Runs as the recurring job {@code audit-chain-purge}
 * ({@link AuditJobs}); a run that overlaps an operator's purge is harmless (each chain goes in one transaction).
 */
@Component
class DeletedChainPurge {

    private static final Logger log = LoggerFactory.getLogger(DeletedChainPurge.class);
    private static final int BATCH = 100;

    private final AuditStore store;
    private final TransactionTemplate tx;
    private final AuditProperties properties;
    private final Clock clock;

    DeletedChainPurge(AuditStore store, TransactionTemplate tx, AuditProperties properties, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    void purgeDue() {
        if (!properties.keepAfterCompanyDeletion().isZero()) {
            purgeClosedBefore(clock.instant().minus(properties.keepAfterCompanyDeletion()));
        }
    }

    /** Purges every chain of a deleted company whose last entry is older than {@code before}; answers how many. */
    int purgeClosedBefore(Instant before) {
        int purged = 0;
        List<UUID> batch;
        do {
            batch = store.chainsOfDeletedCompanies(before, BATCH);
            for (UUID companyId : batch) {
                if (Boolean.TRUE.equals(tx.execute(status -> store.purgeChain(companyId)))) {
                    purged++;
                }
            }
        } while (batch.size() == BATCH);
        if (purged > 0) {
            log.info("Purged the audit chains of {} deleted companies (retention {})", purged,
                    properties.keepAfterCompanyDeletion());
        }
        return purged;
    }
}
