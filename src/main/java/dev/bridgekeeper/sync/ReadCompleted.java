package dev.bridgekeeper.sync;

import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The pull operations queued together for a company have all finished (successfully or not). Published in the
 * transaction that finished the last of them, with the company they read for. {@code initial} marks the first
 * sync after a link, which the webhook module reports as {@code read.completed.initial}.
 */
public record ReadCompleted(ClientId clientId, CompanyReference company, boolean initial,
        List<DataTypeResult> dataTypes, Instant at) {

    /**
     * One data type's outcome: how many records were added, changed or deleted, the final status, and the lower
     * bound of an incremental read ({@code modifiedSince}; null for a full read).
     */
    public record DataTypeResult(ConnectionId connectionId, String dataType, UUID datasetId, int recordsModified,
            PullOperationStatus status, Instant modifiedSince) {}
}
