package dev.bridgekeeper.connection.internal;

import dev.bridgekeeper.connection.DataConnectionError;
import dev.bridgekeeper.connection.ConnectionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A connection row as stored. */
record ConnectionRow(UUID id, UUID companyId, String platformKey, String sourceType, ConnectionStatus status,
        Instant created, Instant lastSync, List<DataConnectionError> errors, Map<String, Object> connectionInfo) {}
