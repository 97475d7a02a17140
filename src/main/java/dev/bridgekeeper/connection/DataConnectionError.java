package dev.bridgekeeper.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A problem on a connection, e.g. the customer cancelled or the platform revoked access; Codat's shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConnectionError(
        String statusCode,
        String statusText,
        String errorMessage,
        Instant erroredOnUtc,
        String status,
        Instant resolvedOnUtc) {

    public static DataConnectionError active(String statusCode, String statusText, String errorMessage, Instant at) {
        return new DataConnectionError(statusCode, statusText, errorMessage, at, "Active", null);
    }

    public DataConnectionError resolved(Instant at) {
        return new DataConnectionError(statusCode, statusText, errorMessage, erroredOnUtc, "Resolved", at);
    }
}
