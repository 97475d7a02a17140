package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.company.CompanyDeleted;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Closes a deleted company's chain with a {@code company.deleted} entry, in the deleting transaction.
 * The chain itself is kept (no foreign key to the company): the proof of what was agreed outlives it.
 */
@Component
class CompanyDeletionRecorder {

    static final String COMPANY_DELETED = "company.deleted";

    private final AuditTrail trail;

    CompanyDeletionRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(CompanyDeleted event) {
        if (trail.hasChain(event.clientId(), event.company().id())) {
            trail.append(event.clientId(), event.company().id(), COMPANY_DELETED, event.company().id().toString(),
                    Map.of());
        }
    }
}
