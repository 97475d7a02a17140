package dev.bridgekeeper.connection;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * PendingAuth → Linked: the customer authorised the connection for the first time.
 */
public record ConnectionConnected(ClientId clientId, CompanyReference company, DataConnection connection, Instant at)
        implements ConnectionEvent {}
