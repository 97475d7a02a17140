package dev.bridgekeeper.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A queued, running or finished pull of one data type from one connection, in Codat's shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullOperation(
        String id,
        String companyId,
        String connectionId,
        String dataType,
        PullOperationStatus status,
        String statusDescription,
        String errorMessage,
        Instant requested,
        Instant completed,
        int progress,
        boolean isCompleted,
        boolean isErrored) {}
