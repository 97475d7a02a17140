package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.company.CompanyDeleted;
import java.util.Map;
import java.util.UUID;
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
        UUID clientId = event.clientId().value();
        UUID companyId = event.company().id().value();
        if (trail.hasChain(clientId, companyId)) {
            trail.append(clientId, companyId, COMPANY_DELETED, companyId.toString(), Map.of());
        }
    }
}
