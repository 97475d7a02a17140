package dev.bridgekeeper.audit.internal;

import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.oauth.ReauthorisationRefused;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records a refused re-authorisation to another organisation in the company's chain, in the refusing transaction:
 * the proof shows that nobody moved a consented connection to a different business.
 */
@Component
class ReauthorisationRecorder {

    static final String REFUSED = "connection.reauthorisation.refused";

    private final AuditTrail trail;

    ReauthorisationRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(ReauthorisationRefused event) {
        trail.append(event.clientId(), event.companyId(), REFUSED, event.connectionId().value().toString(),
                Map.of("platformKey", event.platformKey(), "boundOrganisationId", event.boundOrganisationId(),
                        "attemptedOrganisationId", event.attemptedOrganisationId()));
    }
}
