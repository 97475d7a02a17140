package dev.bridgekeeper.connection;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * Linked → Unlinked (by the lender or customer) or Deauthorized (by the platform).
 */
public record ConnectionDisconnected(ClientId clientId, CompanyReference company, DataConnection connection, Instant at)
        implements ConnectionEvent {}
