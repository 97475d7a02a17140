package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.sync.PullOperation;
import dev.bridgekeeper.sync.PullOperationStatus;
import java.time.Instant;
import java.util.UUID;

/** A dataset row as stored. */
record DatasetRow(UUID id, UUID clientId, UUID companyId, UUID connectionId, String dataType, UUID batchId,
        boolean initial, PullOperationStatus status, String statusDescription, String errorMessage, int progress,
        Instant requested, Instant fetchStarted, Instant completed, Boolean fullSync, Instant modifiedSince,
        Integer recordsModified) {

    PullOperation view() {
        return new PullOperation(id.toString(), companyId.toString(), connectionId.toString(), dataType, status,
                statusDescription, errorMessage, requested, completed, progress,
                status == PullOperationStatus.Complete, status.isError());
    }
}
