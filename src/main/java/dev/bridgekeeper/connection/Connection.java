package dev.bridgekeeper.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A data connection in Codat's wire shape, as the API answers and the {@code connection.*} webhooks carry it.
 * Built from {@link DataConnection} by {@link #of}.
 */
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

    public static Connection of(DataConnection connection) {
        return new Connection(connection.id().toString(), connection.integrationId().toString(),
                connection.platformKey(), connection.sourceId().toString(), connection.sourceType(),
                connection.platformName(), connection.linkUrl(), connection.status(), connection.lastSync(),
                connection.created(), connection.errors(), connection.connectionInfo());
    }
}
