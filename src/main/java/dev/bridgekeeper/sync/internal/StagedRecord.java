package dev.bridgekeeper.sync.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record read from a platform, ready to stage: its id, its JSON as UTF-8 bytes (the platform's own bytes when
 * read from a page, so they go to COPY without being decoded and encoded again), its dates and deletion.
 */
record StagedRecord(String id, byte[] json, Instant modifiedDate, Instant sourceModifiedDate, boolean deleted) {

    StagedRecord(String id, String json, Instant modifiedDate, Instant sourceModifiedDate, boolean deleted) {
        this(id, json.getBytes(StandardCharsets.UTF_8), modifiedDate, sourceModifiedDate, deleted);
    }

    String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
