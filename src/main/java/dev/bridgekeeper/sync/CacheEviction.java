package dev.bridgekeeper.sync;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;

/** Removes cached records a connection may no longer keep, e.g. after consent to their data type is revoked. */
public interface CacheEviction {

    /** Deletes every cached record of the data type read from the connection; returns how many went. */
    int evict(ClientId clientId, CompanyId companyId, ConnectionId connectionId, String dataType);
}
