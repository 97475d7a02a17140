package dev.bridgekeeper.sync.internal;

import java.time.Instant;

/** One record read from a platform, ready to stage: its id, the JSON as mapped, its dates and deletion. */
record StagedRecord(String id, String json, Instant modifiedDate, Instant sourceModifiedDate, boolean deleted) {}
