package dev.bridgekeeper.sync;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.util.Optional;
import java.util.Set;

/**
 * Narrows which data types a connection syncs. Implemented by the consent module (products and consent
 * records), which depends on this one, so sync can follow consent without depending back on it.
 */
public interface SyncScope {

    /**
     * The data types the connection may sync, or empty when nothing narrows it and the company's sync settings
     * alone decide (companies without products).
     */
    Optional<Set<String>> allowed(ClientId clientId, CompanyId companyId, ConnectionId connectionId,
            String sourceType);
}
