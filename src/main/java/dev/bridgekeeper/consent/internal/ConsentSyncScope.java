package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.sync.SyncScope;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Sync follows consent: for a company with products, a connection syncs only the data types that active
 * consents of those products cover. Companies without products are not narrowed (their sync settings decide),
 * so API-only integrations that never assign a product keep working unchanged.
 */
@Component
class ConsentSyncScope implements SyncScope {

    private final ConsentService consents;

    ConsentSyncScope(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public Optional<Set<String>> allowed(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String sourceType) {
        return consents.allowed(clientId.value(), companyId.value(), connectionId.value(), sourceType);
    }
}
