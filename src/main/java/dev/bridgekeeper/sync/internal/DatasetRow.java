package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.sync.PullOperation;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.time.Instant;
import java.util.UUID;

/** A dataset row as stored. */
record DatasetRow(UUID id, UUID clientId, UUID companyId, UUID connectionId, String dataType, UUID batchId,
        boolean initial, PullOperationStatus status, String statusDescription, String errorMessage, int progress,
        Instant requested, Instant fetchStarted, Instant completed, Boolean fullSync, Instant modifiedSince,
        Integer recordsModified) {

    ClientId client() {
        return ClientId.of(clientId);
    }

    CompanyId company() {
        return CompanyId.of(companyId);
    }

    ConnectionId connection() {
        return ConnectionId.of(connectionId);
    }

    PullOperation view() {
        return new PullOperation(id.toString(), companyId.toString(), connectionId.toString(), dataType, status,
                statusDescription, errorMessage, requested, completed, progress,
                status == PullOperationStatus.Complete, status.isError());
    }
}
