package dev.bridgekeeper.connection;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * An authorisation attempt did not succeed (cancelled, denied, failed); the status stays as it was.
 */
public record ConnectionFailed(ClientId clientId, CompanyReference company, DataConnection connection, Instant at)
        implements ConnectionEvent {}
