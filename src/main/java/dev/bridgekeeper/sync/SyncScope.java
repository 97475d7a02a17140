package dev.bridgekeeper.sync;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Narrows which data types a connection syncs. Implemented by the consent module (products and consent
 * records), which depends on this one, so sync can follow consent without depending back on it.
 */
public interface SyncScope {

    /**
     * The data types the connection may sync, or empty when nothing narrows it and the company's sync settings
     * alone decide (companies without products).
     */
    Optional<Set<String>> allowed(UUID clientId, UUID companyId, UUID connectionId, String sourceType);
}
