package dev.bridgekeeper.sync;

import java.util.UUID;

/** Removes cached records a connection may no longer keep, e.g. after consent to their data type is revoked. */
public interface CacheEviction {

    /** Deletes every cached record of the data type read from the connection; returns how many went. */
    int evict(UUID clientId, UUID companyId, UUID connectionId, String dataType);
}
