package dev.bridgekeeper.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A data connection in Codat's shape: one company's link to one platform. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Connection(
        String id,
        String integrationId,
        String integrationKey,
        String sourceId,
        String sourceType,
        String platformName,
        String linkUrl,
        ConnectionStatus status,
        Instant lastSync,
        Instant created,
        List<DataConnectionError> dataConnectionErrors,
        Map<String, Object> connectionInfo) {

    /** A problem on the connection, e.g. the customer cancelled or the platform revoked access. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataConnectionError(
            String statusCode,
            String statusText,
            String errorMessage,
            Instant erroredOnUtc,
            String status,
            Instant resolvedOnUtc) {

        public static DataConnectionError active(String statusCode, String statusText, String errorMessage,
                Instant at) {
            return new DataConnectionError(statusCode, statusText, errorMessage, at, "Active", null);
        }

        public DataConnectionError resolved(Instant at) {
            return new DataConnectionError(statusCode, statusText, errorMessage, erroredOnUtc, "Resolved", at);
        }
    }
}
