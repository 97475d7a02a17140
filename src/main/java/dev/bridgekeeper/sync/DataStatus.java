package dev.bridgekeeper.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** How fresh one data type of a company is, in Codat's shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataStatus(
        String dataType,
        Instant lastSuccessfulSync,
        PullOperationStatus currentStatus,
        String latestSyncId,
        String latestSuccessfulSyncId) {}
