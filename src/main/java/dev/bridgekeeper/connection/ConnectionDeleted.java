package dev.bridgekeeper.connection;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * A connection was deleted; published before its row goes, so listeners can still read what they
 * own of it (its tokens).
 */
public record ConnectionDeleted(ClientId clientId, CompanyReference company, DataConnection connection, Instant at)
        implements ConnectionEvent {}
