package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.connection.ConnectionFailed;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.connection.DataConnectionError;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A customer who agreed in the journey and then chose Deny at the platform has withdrawn that consent: the
 * records given for the connection end as {@code Revoked} (final in the consent transition table; Expired would
 * claim it ran its course, Superseded that another replaced it). Only for a connection that never linked:
 * denying a reconnect leaves the consents of data already shared as they are. Trying again records a new consent.
 */
@Component
class AccessDeniedAtPlatform {

    /** Who the record names as having ended it: the customer, at the platform. */
    static final String REVOKED_BY = "Customer";
    /** How the revocation arrived: the platform's OAuth answer, not a credential of ours. */
    static final String REVOKED_VIA = "PlatformDenial";

    private final ConsentQueries consents;
    private final ConsentRevocation revocation;

    AccessDeniedAtPlatform(ConsentQueries consents, ConsentRevocation revocation) {
        this.consents = consents;
        this.revocation = revocation;
    }

    @EventListener
    void on(ConnectionFailed failed) {
        DataConnection connection = failed.connection();
        List<DataConnectionError> errors = connection.errors() == null ? List.of() : connection.errors();
        // the callback records a customer's Deny (OAuth access_denied) as 403, any other failure as 500
        if (connection.status() != ConnectionStatus.PendingAuth || errors.isEmpty()
                || !"403".equals(errors.get(errors.size() - 1).statusCode())) {
            return;
        }
        ClientId clientId = failed.clientId();
        CompanyId companyId = failed.company().id();
        String reason = "The customer did not allow access at " + connection.platformName() + ".";
        for (Consent consent : consents.list(clientId, companyId)) {
            if (consent.status() == ConsentStatus.Active && consent.connectionIds() != null
                    && consent.connectionIds().contains(connection.id())) {
                revocation.revoke(clientId, companyId, consent.id().value(), REVOKED_VIA, REVOKED_BY, reason, false);
            }
        }
    }
}
