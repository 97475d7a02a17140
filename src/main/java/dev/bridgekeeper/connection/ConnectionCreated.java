package dev.bridgekeeper.connection;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * A connection was created for a company (PendingAuth); the customer has not authorised it yet.
 */
public record ConnectionCreated(ClientId clientId, CompanyReference company, DataConnection connection, Instant at)
        implements ConnectionEvent {}
