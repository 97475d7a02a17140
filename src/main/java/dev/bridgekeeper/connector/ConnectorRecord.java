package dev.bridgekeeper.connector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record in the standard model: its id, its JSON as UTF-8 bytes, its dates and whether the platform deleted it
 * ({@code deleted} also sets {@code metadata.isDeleted} in the JSON).
 */
public record ConnectorRecord(String id, byte[] json, Instant modifiedDate, Instant sourceModifiedDate,
        boolean deleted) {

    public static ConnectorRecord of(String id, String json, Instant modifiedDate, Instant sourceModifiedDate,
            boolean deleted) {
        return new ConnectorRecord(id, json.getBytes(StandardCharsets.UTF_8), modifiedDate, sourceModifiedDate,
                deleted);
    }
}
